"""Partial dates: summaries often give only a month, a year, or hide the year as 20xx."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from xiaobao.campaigns.problems import shown

_FORM = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
ALLOWED = "YYYY-MM-DD、YYYY-MM 或 YYYY（如 2024-03-15、2024-03、2024），不知道就写 null"


class DateError(ValueError):
    """A date an editor wrote that is not a real date."""


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def chinese(self) -> str:
        text = f"{self.year}年"
        if self.month:
            text += f"{self.month}月"
        if self.day:
            text += f"{self.day}日"
        return text


def parse_date(raw: object) -> PartialDate | None:
    """Read a partial date; YAML may already have turned 2024-03-15 into a date object."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in {"", "null", "unknown", "未知"}):
        return None
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return PartialDate(raw.year, raw.month, raw.day)
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise DateError(f"“{shown(raw)}”不是日期。请写 {ALLOWED}")
    text = str(raw).strip()
    if re.match(r"^20[xX]{2}", text):
        return None
    match = _FORM.match(text)
    if not match:
        raise DateError(f"“{shown(text)}”不是日期。请写 {ALLOWED}")
    year, month, day = (int(g) if g else None for g in match.groups())
    return _checked(PartialDate(year, month, day), text)


def _checked(date: PartialDate, text: str) -> PartialDate:
    if not 1900 <= date.year <= 2100:
        raise DateError(f"“{text}”的年份不合常理。请写 {ALLOWED}")
    if date.month is not None and not 1 <= date.month <= 12:
        raise DateError(f"“{text}”没有这个月份（1 到 12 月）")
    if date.day is not None:
        last = calendar.monthrange(date.year, date.month or 1)[1]
        if not 1 <= date.day <= last:
            raise DateError(f"“{text}”没有这一天：{date.year}年{date.month}月只有 {last} 天")
    return date


def period_text(start: PartialDate | None, end: PartialDate | None) -> str:
    """The reader's form of a period, e.g. 2024年3月9日—15日 or 时间未注明."""
    if start is None and end is None:
        return "时间未注明"
    if start is None or end is None or start == end:
        return (start or end).chinese()  # type: ignore[union-attr]
    return f"{start.chinese()}—{end.chinese()}"
