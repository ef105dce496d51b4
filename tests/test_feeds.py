"""The Atom feed parses cleanly in a real feed parser and survives hostile titles."""

from __future__ import annotations

import datetime as dt

import feedparser

from xiaobao.outputs.feeds import atom_feed

ENTRIES = [
    {"title": "防范电信网络诈骗", "url": "https://a.cn/topics/fraud-prevention/",
     "updated": dt.date(2025, 3, 1), "summary": "更新了：接到“安全账户”电话就挂断", "category": "科普"},
    {"title": "某银行 3·15 宣传 <b>&\"</b>", "url": "https://a.cn/campaigns/x/",
     "updated": "2024-03", "summary": "发放资料\x07 7600余份 <script>"},
    {"title": "年份不详的活动", "url": "https://a.cn/campaigns/y/", "updated": None, "summary": ""},
]


def _parse() -> feedparser.FeedParserDict:
    return feedparser.parse(atom_feed("消保", "https://a.cn/", "https://a.cn/feed.xml", ENTRIES))


def test_feed_is_valid_and_complete() -> None:
    feed = _parse()
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [
        "https://a.cn/topics/fraud-prevention/", "https://a.cn/campaigns/x/", "https://a.cn/campaigns/y/"]
    assert feed.entries[1].title == '某银行 3·15 宣传 <b>&"</b>'
    assert feed.entries[1].summary.startswith("发放资料 7600余份")
    assert feed.feed.updated == "2025-03-01T00:00:00Z"  # newest entry, never the build time


def test_undated_entry_gets_the_feed_date() -> None:
    assert _parse().entries[2].updated == "2025-03-01T00:00:00Z"


def test_same_input_same_bytes() -> None:
    a = atom_feed("消保", "https://a.cn/", "https://a.cn/feed.xml", ENTRIES)
    assert a == atom_feed("消保", "https://a.cn/", "https://a.cn/feed.xml", list(reversed(ENTRIES)))


def test_limit_keeps_newest() -> None:
    feed = feedparser.parse(atom_feed("t", "https://a.cn/", "https://a.cn/f", ENTRIES, limit=1))
    assert [e.link for e in feed.entries] == ["https://a.cn/topics/fraud-prevention/"]


def test_newest_keeps_what_the_feed_keeps() -> None:
    from xiaobao.outputs.feeds import newest

    items = [{"title": f"活动{i}", "url": f"https://a.cn/c{i:03}/", "updated": f"20{10 + i % 15}-0{1 + i % 9}", "summary": ""}
             for i in range(300)] + [{"title": "无日期", "url": "https://a.cn/z/", "updated": None, "summary": ""}]
    full = atom_feed("消保", "https://a.cn/", "https://a.cn/feed.xml", items, limit=20)
    kept = newest(items, lambda i: i["updated"], lambda i: i["url"], limit=20)
    assert atom_feed("消保", "https://a.cn/", "https://a.cn/feed.xml", kept, limit=20) == full
