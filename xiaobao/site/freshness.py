"""Advice that expires: a claim that holds only until a date, and pages nobody has checked for a year.

A policy window closes, a note series is withdrawn, a campaign ends. An editor who writes such a
claim also writes its last day in the page's front matter:

    expires:
      - claim: 2026年3月31日前还清的小额逾期，可以不展示
        until: 2026-03-31

From the day after `until`, and for any page whose `reviewed:` date is more than 12 months old, the
build warns (`make site`) and fails (`make build`, strict) until an editor rewrites the page.
"Today" is passed in, so tests run with a fixed clock; the hook reads it from XIAOBAO_TODAY.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from xiaobao.campaigns.dates import DateError, parse_date
from xiaobao.campaigns.problems import shown
from xiaobao.site.sources import chinese_date

REVIEW_KEYS = ("reviewed", "last_reviewed", "review_date")  # the names editors' pages already use
REVIEW_MONTHS = 12
TODAY_ENV = "XIAOBAO_TODAY"


FUTURE_DAYS = 1  # a review dated tomorrow may be a time zone; later ones switch the 12-month check off
_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")  # what a YAML 1.1 loader (MkDocs') would type as a date
DAY_FORM = "YYYY-MM-DD 的格式，例如 2026-11-29"


def read_day(raw: object) -> tuple[dt.date | None, str]:
    """A whole day through the campaign dates' typed check (xiaobao.campaigns.dates): (day, "") or
    (None, why). 2026-02-30, 9999-06-01 and 2026-13-01 are messages, never a traceback."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        raw = raw.isoformat()  # MkDocs' loader typed it: checked the same way as text
    try:
        day = parse_date(raw.strip() if isinstance(raw, str) else raw)
    except DateError as err:
        return None, str(err).split("。请写")[0]
    if day is None or day.month is None or day.day is None:
        return None, f"“{shown(raw)}”不是完整的日期。请写成 {DAY_FORM}"
    return day.earliest(), ""


def date_problems(meta: Mapping[str, object], prefix: str = "") -> list[str]:
    """Every value in the front matter, at any depth, that looks like a date and is not one."""
    problems: list[str] = []
    items = meta.items() if isinstance(meta, Mapping) else enumerate(meta) if isinstance(meta, list) else ()
    for key, value in items:
        name = f"{prefix}{key}" if isinstance(key, str) else f"{prefix.rstrip('的 ')} 第{key + 1}条"
        if isinstance(value, (Mapping, list)):
            problems += date_problems(value, f"{name}的 " if isinstance(value, Mapping) else name)  # type: ignore[arg-type]
        elif isinstance(value, dt.date) or isinstance(value, str) and _DATE_LIKE.fullmatch(value.strip()):
            day, problem = read_day(value)
            if problem:
                problems.append(f"{name}: {problem}。请写成 {DAY_FORM}")
    return problems


@dataclass(frozen=True)
class Expiry:
    claim: str
    until: dt.date


def today_from(environ: Mapping[str, str], fallback: dt.date | None = None) -> tuple[dt.date, str]:
    """The build's "today": XIAOBAO_TODAY=YYYY-MM-DD when set (tests, rehearsing a date), else the clock.

    Returns the date and a problem message ("" when none) for a value that is not a date.
    """
    raw = environ.get(TODAY_ENV, "").strip()
    real = fallback or dt.date.today()
    if not raw:
        return real, ""
    day, _ = read_day(raw)
    if day is None:
        return real, f"环境变量 {TODAY_ENV}=“{raw}”不是日期，已按今天（{chinese_date(real)}）检查。请写成 2026-11-29 这样的格式"
    return day, ""


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month, `months` later; the month's last day when it has no such day (29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def read_expires(raw: object) -> tuple[list[Expiry], list[str]]:
    """The `expires:` list; each problem names the entry and the field an editor must fix."""
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], ["expires 应当是一个列表：每条写 claim（哪句话）和 until（最后有效的一天，例如 2026-12-31）"]
    found: list[Expiry] = []
    problems: list[str] = []
    for number, item in enumerate(raw, 1):
        where = f"expires 第{number}条"
        if not isinstance(item, dict):
            problems.append(f"{where}应当写 claim 和 until 两个字段")
            continue
        claim = str(item.get("claim") or "").strip()
        until, why = read_day(item.get("until")) if item.get("until") not in (None, "") else (None, "")
        if not claim:
            problems.append(f"{where}缺少 claim（有期限的那句话，照抄页面上的原话）")
        if item.get("until") in (None, ""):
            problems.append(f"{where}缺少 until（这句话最后有效的一天，例如 2026-12-31）")
        elif until is None:
            problems.append(f"{where}的 until：{why}。请写成 2026-12-31 这样的格式")
        if claim and until:
            found.append(Expiry(claim, until))
    return found, problems


def reviewed_on(meta: Mapping[str, object], today: dt.date | None = None) -> tuple[str, dt.date | None, str]:
    """(field name, date, problem) of the page's review date; ("", None, "") when it has none.
    A review dated after `today` is a problem: it would switch the 12-month check off in silence."""
    for key in REVIEW_KEYS:
        raw = meta.get(key)
        if raw in (None, ""):
            continue
        day, why = read_day(raw)
        if day is None:
            return key, None, f"{key}: {why}。请写成 2026-11-29 这样的格式（核对全文的那一天）"
        if today and (day - max(today, dt.date.today())).days > FUTURE_DAYS:  # the clock too: XIAOBAO_TODAY may rehearse a past day
            return key, None, (f"{key}: {day.isoformat()} 是还没到的日子。核对日期只能写已经核对过的那一天，"
                               f"写将来的日子会让“12个月没核对”的提醒失效。请改成真正核对全文的日期")
        return key, day, ""
    return "", None, ""


def stale_problems(meta: Mapping[str, object], today: dt.date, require_review: bool = False) -> list[str]:
    """Expired claims and an overdue review, as messages that name the claim, the field and the date.

    require_review: education pages must say when they were last checked; other pages may not.
    """
    expiries, problems = read_expires(meta.get("expires"))
    known = {*REVIEW_KEYS, "expires"}
    problems += date_problems({k: v for k, v in meta.items() if k not in known})
    for number, item in enumerate(expiries, 1):
        if today > item.until:
            problems.append(
                f"expires 第{number}条：“{item.claim}”只到{chinese_date(item.until)}有效，"
                f"今天（{chinese_date(today)}）已经过期。请改写或删掉页面上这句话，再删掉这一条 expires")
    key, day, problem = reviewed_on(meta, today)
    if problem:
        problems.append(problem)
    elif not key and require_review:
        problems.append("缺少 reviewed（对照官方原文核对全文的日期），例如 reviewed: 2026-11-29")
    elif day and today > add_months(day, REVIEW_MONTHS):
        problems.append(
            f"{key}: {day.isoformat()}：这一页超过{REVIEW_MONTHS}个月没有核对了（今天是{chinese_date(today)}）。"
            f"请对照官方原文核对全文，再把 {key} 改成核对那天的日期")
    return problems
