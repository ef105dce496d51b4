"""Time-bound claims and review dates, judged on a fixed day (today is an argument, never the clock)."""

from __future__ import annotations

import datetime as dt

from xiaobao.site.freshness import add_months, read_expires, reviewed_on, stale_problems, today_from

DAY = dt.date(2026, 11, 29)
META = {
    "reviewed": "2026-11-29",
    "expires": [{"claim": "2026年3月31日前还清的小额逾期不再展示", "until": "2026-03-31"},
                {"claim": "年底前办卡免年费", "until": "2026-12-31"}],
}


def test_expired_claim_names_claim_and_date():
    problems = stale_problems(META, DAY)
    assert len(problems) == 1
    assert "expires 第1条" in problems[0] and "2026年3月31日前还清的小额逾期不再展示" in problems[0]
    assert "2026年3月31日" in problems[0] and "2026年11月29日" in problems[0]


def test_claim_holds_through_its_last_day():
    meta = {**META, "reviewed": "2026-03-01"}  # reviewed before the days asked about
    assert stale_problems(meta, dt.date(2026, 3, 31)) == []
    assert len(stale_problems(meta, dt.date(2026, 4, 1))) == 1
    assert len(stale_problems(meta, dt.date(2027, 1, 1))) == 2


def test_review_older_than_twelve_months():
    meta = {"reviewed": "2025-11-28"}
    problems = stale_problems(meta, DAY)
    assert len(problems) == 1 and "reviewed: 2025-11-28" in problems[0] and "12个月" in problems[0]
    assert stale_problems({"reviewed": "2025-11-29"}, DAY) == []  # exactly 12 months: still fine
    assert stale_problems({"last_reviewed": dt.date(2024, 1, 1)}, DAY)[0].startswith("last_reviewed: 2024-01-01")
    assert stale_problems({}, DAY) == []
    assert "缺少 reviewed" in stale_problems({}, DAY, require_review=True)[0]


def test_editor_mistakes_are_messages_not_crashes():
    _, problems = read_expires([{"claim": "x"}, {"until": "2026-13-01"}, "x", {"claim": "y", "until": "下个月"}])
    text = "\n".join(problems)
    assert "第1条缺少 until" in text and "第2条缺少 claim" in text
    assert "第3条应当写 claim 和 until" in text and "“下个月”不是日期" in text
    assert "“2026-13-01”没有这个月份" in text
    assert read_expires({"claim": "x"})[1] and read_expires(None) == ([], [])
    assert reviewed_on({"reviewed": "去年"})[2]


def test_add_months_keeps_the_day_or_takes_the_last():
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 29), 12) == dt.date(2027, 11, 29)


def test_today_comes_from_the_environment_when_set():
    assert today_from({"XIAOBAO_TODAY": "2027-01-02"}) == (dt.date(2027, 1, 2), "")
    assert today_from({}, DAY) == (DAY, "")
    day, problem = today_from({"XIAOBAO_TODAY": "tomorrow"}, DAY)
    assert day == DAY and "XIAOBAO_TODAY" in problem


def test_every_date_goes_through_the_typed_check_and_none_lies_in_the_future():
    """Issue 26 item 9: impossible and far-off dates are messages; a future review date cannot switch the check off."""
    day = dt.date(2026, 12, 7)
    assert stale_problems({"reviewed": "2026-02-30"}, day) == [
        "reviewed: “2026-02-30”没有这一天：2026年2月只有 28 天。请写成 2026-11-29 这样的格式（核对全文的那一天）"]
    for far in ("9999-06-01", dt.date(9999, 6, 1)):
        assert stale_problems({"reviewed": far}, day) == [
            "reviewed: “9999-06-01”的年份不合常理。请写成 2026-11-29 这样的格式（核对全文的那一天）"]
    assert stale_problems({"reviewed": "2099-01-01"}, day)[0].startswith("reviewed: 2099-01-01 是还没到的日子。")
    assert stale_problems({"reviewed": "2026-12-08"}, day) == []  # tomorrow: a time zone, not a trick
    assert stale_problems({"reviewed": "2026-12-01", "sources": [{"title": "x", "issued": "2026-02-30"}]}, day) == [
        "sources 第1条的 issued: “2026-02-30”没有这一天：2026年2月只有 28 天。请写成 YYYY-MM-DD 的格式，例如 2026-11-29"]
    problems = stale_problems({"expires": [{"claim": "x", "until": "9999-12-31"}]}, day)
    assert problems == ["expires 第1条的 until：“9999-12-31”的年份不合常理。请写成 2026-12-31 这样的格式"]
