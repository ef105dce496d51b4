"""Sources: read from front matter, checked, and shown as one list; no topic page cites a bare home page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from xiaobao.campaigns.frontmatter import parse
from xiaobao.site.sources import Source, is_bare_home_page, read_sources, source_line, sources_markdown

TOPIC_DIR = Path(__file__).resolve().parent.parent / "docs" / "topics"
TOPIC_PAGES = sorted(TOPIC_DIR.glob("*.md"))


@pytest.mark.parametrize("url", [
    "https://flk.npc.gov.cn/", "https://flk.npc.gov.cn", "http://www.pbc.gov.cn/index.html",
    "https://www.gov.cn/index.htm", "https://www.nfra.gov.cn/?x=1", "https://www.12315.cn//",
])
def test_home_pages_are_recognised(url):
    assert is_bare_home_page(url)


@pytest.mark.parametrize("url", [
    "https://www.gov.cn/zhengce/content/202403/content_6940158.htm",
    "http://www.pbc.gov.cn/tiaofasi/144941/144957/4099060/index.html",
    "https://flk.npc.gov.cn/detail?id=2c909fdd678bf17901678bf7670606ef",
])
def test_document_pages_are_not_home_pages(url):
    assert not is_bare_home_page(url)


@pytest.mark.parametrize("path", TOPIC_PAGES, ids=lambda p: p.name)
def test_topic_sources_name_documents_not_home_pages(path):
    """The issue's check: every source URL on a topic page has a path to the document itself."""
    meta = parse(path.read_text(encoding="utf-8")).meta
    sources, problems = read_sources(meta.get("sources"))
    assert not problems, problems
    assert sources and len(sources) == len(meta["sources"])
    linked = [s for s in sources if s.url]
    assert linked, f"{path.name}: no source links to its document"
    for source in linked:
        path_part = urlsplit(source.url).path.strip("/")
        assert path_part and path_part.lower() not in {"index.html", "index.htm"}, source.url
    for source in sources:  # a law, a regulation, a rule or a notice is named by its number or its date
        if "《" in source.title or "公告" in source.title:
            assert source.number or source.in_force or source.issued, f"{path.name}: {source.title} has no 文号 or date"


def test_problems_name_the_entry_and_the_field():
    _, problems = read_sources([
        {"title": "《某办法》", "publisher": "某局", "url": "https://www.pbc.gov.cn/"},
        {"title": "《某条例》"},
        {"title": "《某法》", "publisher": "全国人大常委会", "in_force": "明年"},
        {"title": "《某规定》", "publisher": "某部", "url": "javascript:alert(1)", "colour": "red"},
        "只写了一行字",
    ])
    text = "\n".join(problems)
    assert "sources 第1条" in text and "只是网站首页" in text
    assert "sources 第2条缺少 publisher" in text
    assert "sources 第3条的 in_force “明年”不是日期" in text
    assert "sources 第4条" in text and "不是完整的网址" in text and "不认识的字段 colour" in text
    assert "sources 第5条" in text
    assert read_sources("《某法》")[1] and read_sources(None) == ([], [])


def test_source_line_names_title_body_number_and_date():
    line = source_line(Source("《防范和处置非法集资条例》", "国务院", "国务院令第737号", "第二十五条",
                              None, dt.date(2021, 5, 1), "https://example.gov.cn/a(1).htm"))
    assert line == ("- [《防范和处置非法集资条例》](https://example.gov.cn/a%281%29.htm)（第二十五条），"
                    "国务院，国务院令第737号，2021年5月1日起施行")
    assert source_line(Source("a*b[c]", "d_e")) == r"- a\*b\[c\]，d\_e"


def test_sources_section_ends_with_the_review_line():
    text = sources_markdown([Source("《某法》", "某机关")], dt.date(2026, 11, 29))
    assert text.startswith("## 资料来源 {#xb-sources}\n\n- 《某法》，某机关")
    assert text.rstrip().endswith("最后核对：2026年11月29日")


def test_missing_links_are_listed_by_page_and_escaped():
    from xiaobao.site.sources import Source, missing_links_html

    html = missing_links_html([
        ("../topics/a/", "反假货币", [Source("《人民币管理条例》", "国务院", number="国务院令第280号"),
                                  Source("《有链接的》", "国务院", url="https://www.gov.cn/x/1.htm")]),
        ("../topics/b/", "<b>", [Source("《a<b》", "x")]),
        ("../topics/c/", "都有链接", [Source("《c》", "x", url="https://www.gov.cn/c/1.htm")]),
    ])
    assert '<a href="../topics/a/">反假货币</a>：1 条' in html and "《人民币管理条例》（国务院令第280号）" in html
    assert "有链接的" not in html and "都有链接" not in html
    assert "&lt;b&gt;" in html and "《a&lt;b》" in html and "<b>" not in html  # titles are text, never markup
    assert "每个页面" in missing_links_html([("../topics/c/", "c", [Source("《c》", "x", url="https://a.cn/1")])])
