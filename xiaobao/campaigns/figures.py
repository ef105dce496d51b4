"""Figures as editors write them (7600余, 约1000, 近百, XX) and as totals show them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from xiaobao.campaigns.problems import shown
from xiaobao.campaigns.numerals import Number, NumeralError, to_number

# Order matters: longer words first so 超过 is not read as 超.
PREFIXES: dict[str, str] = {
    "不少于": "at_least", "至少": "at_least", "将近": "nearly", "接近": "nearly", "近": "nearly",
    "超过": "more_than", "超": "more_than", "逾": "more_than", "大约": "about", "约": "about",
    "~": "about", "≈": "about", "≥": "at_least",
}
SUFFIXES: dict[str, str] = {
    "以上": "more_than", "余": "more_than", "多": "more_than", "+": "more_than",
    "左右": "about",
}
PLACEHOLDER = re.compile(r"^(?:[xX×]{1,4}|[?？]+|未披露|不详|未知|-)$")
YES_NO = {"yes", "no", "on", "off", "y", "n", "true", "false"}  # YAML 1.1 read them as true/false
EXAMPLES = "509、7600+、7600余、1.5万余、约1000、近百，未披露写 XX"


class FigureError(ValueError):
    """A figure an editor wrote that cannot be read; the message says what to write."""


@dataclass(frozen=True)
class Figure:
    value: Number | None
    qualifier: str = "exact"
    quote: str | None = None  # the summary's own words the figure was read from
    note: str | None = None  # the editor's reasoning: what is included, what was not added twice

    @property
    def disclosed(self) -> bool:
        return self.value is not None

    def as_dict(self) -> dict[str, Number | str | None]:
        return {"value": self.value, "qualifier": self.qualifier, "quote": self.quote, "note": self.note}


UNDISCLOSED = Figure(None, "undisclosed")


def _strip_affixes(text: str) -> tuple[str, str | None, str | None]:
    prefix = suffix = None
    for word, qualifier in PREFIXES.items():
        if text.startswith(word):
            prefix, text = qualifier, text[len(word):].strip()
            break
    for word, qualifier in SUFFIXES.items():
        if text.endswith(word):
            suffix, text = qualifier, text[: -len(word)].strip()
            break
    # 1.5万余 and 万余 put the suffix before the multiplier's end: 1.5万余 -> 1.5万 + 余.
    return text, prefix, suffix


# The common shape, 约3900 or 7600余 with plain digits, read in one step; anything else, and any
# text that fails here, takes the full path. Up to 15 digits, where float() is exact.
_PLAIN = re.compile(
    "^(" + "|".join(map(re.escape, PREFIXES)) + ")?([0-9]{1,15})(" + "|".join(map(re.escape, SUFFIXES)) + ")?$"
)


def parse_figure(raw: object, unit: str | None = None) -> Figure:
    """Read one figure; the prefix qualifier wins over the suffix (近100余 is nearly 100)."""
    if raw is None:
        return UNDISCLOSED
    if isinstance(raw, bool):
        raise FigureError(f"写成了是/否（yes、no、true、false 会被读成是/否），不是数字。请写 {EXAMPLES}")
    if isinstance(raw, (dict, list)):
        shape = "列表" if isinstance(raw, list) else "多个字段"
        raise FigureError(f"写成了{shape}，这里只能写一个数字。请写 {EXAMPLES}")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise FigureError(f"不是数字（NaN 或无穷大）。请写 {EXAMPLES}")
    if isinstance(raw, (int, float)):
        return _checked(Figure(_whole(raw)), raw)
    if not isinstance(raw, str):
        raise FigureError(f"写成了无法识别的值，这里只能写一个数字。请写 {EXAMPLES}")
    text = raw.strip().replace(" ", "")
    if text.lower() in YES_NO:
        raise FigureError(f"写成了是/否（yes、no、true、false 会被读成是/否），不是数字。请写 {EXAMPLES}")
    if PLACEHOLDER.match(text):
        return UNDISCLOSED
    if unit and text.endswith(unit):
        text = text[: -len(unit)]
    if plain := _PLAIN.match(text):
        prefix, digits, suffix = plain.groups()
        qualifier = PREFIXES[prefix] if prefix else SUFFIXES[suffix] if suffix else "exact"
        return _checked(Figure(int(digits), qualifier), raw)
    core, prefix, suffix = _strip_affixes(text)
    try:
        value = to_number(core)
    except NumeralError as err:
        raise FigureError(f"“{shown(raw)}”{_reason(err)}。请写成阿拉伯数字，如 {EXAMPLES}") from err
    if value is None:
        raise FigureError(f"“{shown(raw)}”不是数字。请写 {EXAMPLES}")
    return _checked(Figure(value, prefix or suffix or "exact"), raw)


def _reason(err: NumeralError) -> str:
    return "读法不唯一" if "省略" in str(err) else "不是规范的数字"


def _whole(value: Number) -> Number:
    return int(value) if float(value).is_integer() else value


def _checked(figure: Figure, raw: object) -> Figure:
    if figure.value is not None and figure.value < 0:
        raise FigureError(f"“{shown(raw)}”是负数。活动数字不能小于 0")
    if figure.value is not None and figure.value > 10**13:
        raise FigureError(f"“{shown(raw)}”大得不合常理（超过十万亿），请核对")
    return figure


def format_number(value: Number) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def format_figure(figure: Figure, unit: str = "") -> str:
    """The reader's form: 7,600 余份, 约 1,000 人次, 未披露."""
    if figure.value is None:
        return "未披露"
    number = format_number(figure.value)
    return {
        "exact": f"{number} {unit}",
        "more_than": f"{number} 余{unit}",
        "about": f"约 {number} {unit}",
        "nearly": f"近 {number} {unit}",
        "at_least": f"≥ {number} {unit}",
    }[figure.qualifier].strip()
