"""The reviewer's notes in a campaign file: the importer's doubts and what it read for each figure.

They are data in the front matter, so a save through the browser form keeps them:

    review:
      doubts:
        - 没有找到活动的年份
      figures:
        - metric: materials
          value: 7600余
          quote: 宣传折页7600余份
          reason: 折页、手册都算宣传资料   # why this metric; present when the importer gives one

Nothing here is published: pages, search and open data never read it; the preview's review page does.
Files imported before this block existed carry the same notes as `# 待核对：` comment lines;
`from_comments` reads those, so old drafts keep their doubts on the review page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from xiaobao.campaigns.problems import invisible_in, shown

MAX_ITEMS = 200
MAX_TEXT = 500
KEYS = {"doubts": "导入程序拿不准的地方", "figures": "导入程序读到的数字"}
FIGURE_KEYS = {"metric": "指标", "value": "数字", "quote": "原文摘句", "reason": "为什么算这个指标"}
_NOTE = re.compile(r"^#\s*待核对：(?P<note>.+)$")
_QUOTE = re.compile(r"^原文数字\s+(?P<metric>\S+)\s+(?P<value>\S+)（(?P<qualifier>\w+)）←“(?P<quote>.*)”$")
NOTHING_TO_CHECK = "没有需要特别核对的地方"  # what the old writer put when it had no doubt
_OLD_FORMS = {"more_than": "{}余", "about": "约{}", "nearly": "近{}", "at_least": "至少{}"}


@dataclass(frozen=True)
class Reading:
    """One number the importer read: the metric it chose, the value as editors write it, the sentence."""

    metric: str
    value: str
    quote: str
    reason: str | None = None


@dataclass(frozen=True)
class Notes:
    doubts: tuple[str, ...] = ()
    figures: tuple[Reading, ...] = ()
    old_style: bool = False  # read from # 待核对 comments

    def __bool__(self) -> bool:
        return bool(self.doubts or self.figures)


@dataclass
class _Reader:
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field path, message)

    def text(self, where: str, value: object, label: str) -> str | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problems.append((where, f"{label}应当是一段文字"))
            return None
        value = " ".join(value.split())
        if invisible_in(value):
            self.problems.append((where, f"{label}里有看不见的字符 {invisible_in(value)}，请删去后重新输入"))
            return None
        if len(value) > MAX_TEXT:
            self.problems.append((where, f"{label}太长了（{len(value)} 个字），最多 {MAX_TEXT} 个字"))
            return None
        return value or None

    def items(self, where: str, value: object) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            value = [value]
        if len(value) > MAX_ITEMS:
            self.problems.append((where, f"最多 {MAX_ITEMS} 项，现在有 {len(value)} 项"))
            return []
        return value


def read_notes(raw: object) -> tuple[Notes, list[tuple[str, str]]]:
    """The review block as written; problems are (field path, Chinese message) and never raise."""
    reader = _Reader()
    if raw is None:
        return Notes(), []
    if not isinstance(raw, dict):
        return Notes(), [("review", "应当写成 doubts:（拿不准的地方）和 figures:（读到的数字）两项，现在不是")]
    unknown = [shown(k) for k in raw if k not in KEYS]
    if unknown:
        allowed = "、".join(f"{k}（{v}）" for k, v in KEYS.items())
        reader.problems.append(("review", f"不认识“{'、'.join(unknown)}”。这里只能写 {allowed}"))
    doubts = [reader.text(f"review.doubts.{n}", d, "每一条疑问") for n, d in enumerate(reader.items("review.doubts", raw.get("doubts")), 1)]
    figures = []
    for n, item in enumerate(reader.items("review.figures", raw.get("figures")), 1):
        where = f"review.figures.{n}"
        if not isinstance(item, dict) or not {"metric", "value", "quote"} <= set(item) or set(item) - set(FIGURE_KEYS):
            allowed = "、".join(f"{k}（{v}）" for k, v in FIGURE_KEYS.items())
            reader.problems.append((where, f"每一项写 {allowed}，前三项必填"))
            continue
        parts = {k: reader.text(f"{where}.{k}", item.get(k), v) for k, v in FIGURE_KEYS.items() if item.get(k) is not None}
        if all(parts.get(k) for k in ("metric", "value", "quote")):
            figures.append(Reading(parts["metric"], parts["value"], parts["quote"], parts.get("reason")))
    return Notes(tuple(d for d in doubts if d), tuple(figures)), reader.problems


def from_comments(text: str) -> Notes:
    """The same notes from an old-style file's # 待核对 lines (YAML drops comments, so the text is read)."""
    doubts: list[str] = []
    figures: list[Reading] = []
    for line in text.split("\n")[:400]:
        match = _NOTE.match(line.strip())
        if not match:
            continue
        note = match["note"].strip()
        quote = _QUOTE.match(note)
        if quote:
            form = _OLD_FORMS.get(quote["qualifier"], "{}")
            value = quote["value"][:-2] if quote["value"].endswith(".0") else quote["value"]
            figures.append(Reading(quote["metric"], form.format(value), quote["quote"]))
        elif note != NOTHING_TO_CHECK:
            doubts.append(note)
    return Notes(tuple(doubts), tuple(figures), old_style=bool(doubts or figures))


def _scalar(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def block_lines(notes: Notes) -> list[str]:
    """The review: block as front-matter lines (the importer's writer and the migration write it)."""
    lines = ["review:"]
    lines += ["  doubts:", *(f"    - {_scalar(d)}" for d in notes.doubts)] if notes.doubts else ["  doubts: []"]
    if notes.figures:
        lines.append("  figures:")
    for r in notes.figures:
        lines += [f"    - metric: {_scalar(r.metric)}", f"      value: {_scalar(r.value)}", f"      quote: {_scalar(r.quote)}"]
        if r.reason:
            lines.append(f"      reason: {_scalar(r.reason)}")
    return lines


def migrate_comments(text: str) -> str | None:
    """An old-style file with its # 待核对 comment lines turned into the review: block (placed where the
    comments began); None when the file has none. Every other line stays as it was."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    end = next((n for n, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        return None
    marks = [n for n in range(1, end) if lines[n].lstrip().startswith("#") and "待核对" in lines[n]]
    if not marks or any(re.match(r"^review\s*:", lines[n]) for n in range(1, end)):
        return None
    notes = from_comments("\n".join(lines[1:end]))
    block = block_lines(notes) if notes else []
    kept = [line for n, line in enumerate(lines[1:end], 1) if n not in marks]
    at = marks[0] - 1
    return "\n".join([lines[0], *kept[:at], *block, *kept[at:], *lines[end:]])
