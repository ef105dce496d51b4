"""A figure against the number in its own quote: 760 beside “发送短信758条” is a slip readers would see.

Numbers are read from the quote as editors and summaries write them: 758, 7,600, 1.5万, 2.64亿, 百,
七千六百 (xiaobao.campaigns.numerals). The figure matches when any number of the quote has its value,
whatever the qualifier (7600余 matches “7600余份”, 近百 matches “近百家”), or when some of them add up
to it (19 beside “发布4次……累计15次”). A quote without a number (the
sentence names the activity, the count is elsewhere) is not checked.
"""

from __future__ import annotations

import re

from xiaobao.campaigns.figures import Figure, format_number
from xiaobao.campaigns.numerals import Number, NumeralError, to_number

# Arabic digits (half or full width) with separators, decimals and Chinese units; or Chinese numerals.
# Each alternative is one character class repeated: linear on any line.
_NUMERAL = re.compile(r"[0-9０-９][0-9０-９,，.．]*[十百千万亿]*|[零〇一二两三四五六七八九十百千万亿]+")

_LONE_DIGITS = set("零〇一二两三四五六七八九")


def numbers_in(quote: str) -> list[tuple[str, Number]]:
    """(as written, value) for every numeral in the quote that reads as a number."""
    found = []
    for match in _NUMERAL.finditer(quote):
        text = match.group().rstrip(",，.．")
        if len(text) == 1 and text in _LONE_DIGITS:
            continue  # 统一、一次、两位: a lone Chinese digit is usually part of a word
        try:
            value = to_number(text)
        except NumeralError:
            continue
        if value is not None:
            found.append((text, value))
    return found


def _same(a: Number, b: Number) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _some_sum(values: list[Number], target: Number) -> bool:
    """True when some of the values add up to target: 19 beside “发布4次……累计15次” is their sum."""
    sums: set[float] = {0.0}
    for value in values[:16]:  # a quote is one sentence; 2**16 sums at most
        sums |= {s + value for s in sums}
    return any(_same(s, target) for s in sums - {0.0})


def mismatch(figure: Figure) -> list[str] | None:
    """The quote's numbers (as written) when none of them is the figure's value; None when they agree
    or there is nothing to compare (no quote, an undisclosed XX figure, a quote without a number)."""
    if not figure.quote or figure.value is None:
        return None
    numbers = numbers_in(figure.quote)
    if not numbers or _some_sum([value for _, value in numbers], figure.value):
        return None
    return [text for text, _ in numbers]


def figure_quote_problems(campaign) -> list:
    """One warning per figure whose value is not a number of its quote (the file, the metric, both numbers)."""
    from xiaobao.campaigns.problems import Problem

    problems = []
    for metric, figure in campaign.stats.items():
        written = mismatch(figure)
        if written:
            line = campaign.lines.get(f"stats.{metric}.value") or campaign.lines.get(f"stats.{metric}") or campaign.lines.get("stats")
            problems.append(Problem(campaign.path, line, f"stats.{metric}",
                                    mismatch_message(figure, written), severity="warning"))
    return problems


def mismatch_message(figure: Figure, written: list[str]) -> str:
    shown = "、".join(f"“{t}”" for t in dict.fromkeys(written))
    return (f"数字写的是 {format_number(figure.value)}，原文摘句“{figure.quote}”里的数字是 {shown}，对不上。"
            f"请对照总结原文，改正数字或原文摘句")
