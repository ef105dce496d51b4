"""Search text extraction: elements marked data-xb-noindex (campaign listings, totals, topic cards)
stay out of the index with everything inside them; the rest of the page, and malformed pages, stay in."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest

from xiaobao.campaigns.catalog import Catalog, load_catalog
from xiaobao.site.pages import TOPIC_LATEST, PageMemo, home_campaigns_section, home_section, listing_pages, topic_section
from xiaobao.search.text import SKIP_ATTR, drop_unindexed, html_to_text, normalize

REPO = Path(__file__).resolve().parent.parent


def text(fragment: str) -> str:
    return html_to_text(fragment)


def test_marked_element_goes_with_everything_nested_in_it():
    page = ("<h1>反假货币</h1><p>识别假币的方法。</p>"
            f'<ul class="xb-campaigns" {SKIP_ATTR}><li><a>甲行宣传</a><p><a>非法集资</a></p>'
            "<ul><li>内层<ul><li>更深</li></ul></li></ul><div><div>卡片</div></div></li>"
            "<li>乙行宣传<ul></ul></li></ul>"
            "<p>看到假币请报告。</p>")
    assert text(page) == "反假货币 识别假币的方法。 看到假币请报告。"


@pytest.mark.parametrize("tag", [
    f"<section {SKIP_ATTR}>",
    f'<section class="xb-totals" aria-label="合计" {SKIP_ATTR}>',
    f'<section {SKIP_ATTR} class="xb-totals">',
    f'<section {SKIP_ATTR}="">',
    f"<section {SKIP_ATTR}='skip' id=x>",
    f"<section\n  class=xb-totals\n  {SKIP_ATTR.upper()}\n>",
    f'<SECTION title="a > b" {SKIP_ATTR}>',
    f'<section data-x="{SKIP_ATTR}" {SKIP_ATTR}>',
])
def test_marker_is_found_among_other_attributes(tag):
    page = f"<p>前</p>{tag}<p>合计 7600 份</p><section><p>内</p></section></section><p>后</p>"
    assert text(page) == "前 后"


@pytest.mark.parametrize("page", [
    f'<p class="{SKIP_ATTR}">留下</p><p>后</p>',
    f'<p title="x {SKIP_ATTR} y">留下</p><p>后</p>',
    f"<p>正文提到 {SKIP_ATTR} 这个属性：留下</p><p>后</p>",
    f"<!-- <div {SKIP_ATTR}> --><p>留下</p><p>后</p>",
    f"<pre><code>&lt;ul {SKIP_ATTR}&gt;</code></pre><p>留下</p><p>后</p>",
    f"<script>var s = '<div {SKIP_ATTR}>';</script><p>留下</p><p>后</p>",
])
def test_marker_outside_a_start_tag_drops_nothing(page):
    assert "留下" in text(page) and text(page).endswith("后")


def test_text_either_side_of_a_dropped_element_stays_apart():
    assert text(f"<span>12</span><span {SKIP_ATTR}>x</span><span>315</span>") == "12 315"


def test_several_marked_elements_nested_and_side_by_side():
    page = (f"<p>一</p><div {SKIP_ATTR}><div {SKIP_ATTR}>甲</div>乙</div><p>二</p>"
            f"<ul {SKIP_ATTR}><li>丙</li></ul><nav {SKIP_ATTR}><a>1</a><a>2</a></nav><p>三</p>")
    assert text(page) == "一 二 三"


def test_void_and_self_closed_marked_elements_drop_only_themselves():
    assert text(f"<p>甲<br {SKIP_ATTR}>乙</p><div {SKIP_ATTR} />丙") == "甲 乙 丙"


@pytest.mark.parametrize("page", [
    f"<p>前</p><ul {SKIP_ATTR}><li>列表没有结束<p>后</p>",  # the marked element never closes
    f"<p>前</p><div {SKIP_ATTR}><div>里层</div><p>后</p>",  # nested elements close, the marked one not
    f"<p>前</p><ul {SKIP_ATTR}",  # the start tag itself is cut off
    f"<p>前</p><ul {SKIP_ATTR} class=\"x><p>后</p>",  # an unclosed quote
])
def test_malformed_html_keeps_the_rest_of_the_page(page):
    got = text(page)
    assert got.startswith("前")
    if "后" in page:
        assert got.endswith("后")


def test_stray_end_tags_end_the_element_early_but_keep_what_follows():
    page = f"<p>前</p><div {SKIP_ATTR}><p>甲</p></div></div></ul><p>后</p>"
    assert text(page) == "前 后"


def test_pages_without_a_marker_are_returned_unchanged():
    page = "<p>反假货币</p><ul><li>甲</li></ul>"
    assert drop_unindexed(page) == page


def test_long_unterminated_tag_does_not_hang():
    page = f"<p>前</p><div {SKIP_ATTR} " + "a=b c " * 20_000 + "<p>后</p>" + f"<div {SKIP_ATTR}" * 2_000
    began = time.perf_counter()
    assert text(page).startswith("前")
    assert time.perf_counter() - began < 5


# The real templates carry the mark: listings are left out, each page's own words stay.

@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO / "campaigns", REPO)


MEMO = PageMemo()  # one build's: the blocks behind the trusted marks


def _placed(fragment: str) -> str:
    """The fragment as it reaches the page: our own blocks put in at their trusted marks."""
    from xiaobao.site.sanitize import TRUSTED_MARK
    return TRUSTED_MARK.sub(lambda m: MEMO.trusted[m.group(1)], fragment)


def _shown(fragment: str) -> str:
    """All the text a reader sees, marked parts included (the marks are removed first)."""
    return html_to_text(fragment.replace(SKIP_ATTR, "data-shown"))


def test_topic_section_keeps_its_heading_and_drops_the_campaigns(catalog):
    topic = "anti-counterfeit"
    members = [c for c in catalog.campaigns if topic in c.topics]
    assert members, "the sample campaigns should include this topic"
    section = _placed(topic_section(catalog, topic, f"topics/{topic}.md", MEMO))
    assert "百村行" in _shown(section), "a listed campaign's title says 百村行 (else nothing is tested)"
    got = html_to_text(section)
    assert "百村行" not in got and "宣传活动" in got
    for c in members[:TOPIC_LATEST]:
        assert html.escape(c.title) in section and normalize(c.title) not in got
        assert normalize(c.organization) not in got


def test_home_keeps_its_text_and_drops_totals_topic_cards_and_latest(catalog):
    section = _placed(home_section(catalog, MEMO) + home_campaigns_section(catalog, MEMO))
    got = html_to_text(section)
    assert "各地宣传活动做了什么" in got and "学知识" in got and "全部活动" in got
    for c in catalog.campaigns[:5]:
        assert normalize(c.title) in _shown(section) and normalize(c.title) not in got
    assert "场活动" in _shown(section).replace("场活动的总结", "")
    assert "场活动" not in got.replace("场活动的总结", "")


def test_listing_page_keeps_intro_and_drops_rows_totals_and_pager(catalog):
    campaigns = catalog.campaigns * 60  # more than one page, so the pager shows
    pages = listing_pages("campaigns/", "全部活动", campaigns, "每一场活动的单位、时间。")
    assert len(pages) > 1
    first = pages[0].html
    got = html_to_text(first)
    assert "每一场活动的单位、时间。" in got and "活动(共" in got
    assert "数字合计" in _shown(first) and "数字合计" not in got
    assert normalize(campaigns[0].title) in _shown(first) and normalize(campaigns[0].title) not in got
    pager = re.search(r"<nav class=\"xb-pager\".*?</nav>", first, re.S)
    numbers = html_to_text(pager.group().replace(SKIP_ATTR, "")) if pager else ""
    assert numbers.startswith("123"), "the page links run together into one number"
    assert numbers in _shown(first) and numbers not in got


def test_folding_agrees_with_nfkc_on_chinese_web_text():
    """The table folds one character at a time; for the text of Chinese pages that is NFKC + lower case,
    then traditional characters to simplified ones."""
    import random
    import unicodedata

    from xiaobao.search.traditional import table

    simplified = table()

    rng = random.Random(7)
    ranges = ((0x20, 0x7E), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E), (0x2460, 0x24FF))
    chars = [chr(c) for lo, hi in ranges for c in range(lo, hi + 1)]
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 24)))
        folded = "".join(simplified.get(c, c) for c in unicodedata.normalize("NFKC", text).lower())
        assert normalize(text) == " ".join(folded.split()), repr(text)
    assert normalize("ＡＢＣ１２３，征信。\u3000") == "abc123,征信。"
    assert normalize("詐騙 銀行 徵信 退保費 怎麼辦") == "诈骗 银行 征信 退保费 怎么办"
    assert normalize("怎么 显著 什么") == "怎么 显著 什么"  # simplified characters stay as written


# The patterns html_to_text used before it was made linear (issue 26, item 10): its output must not
# change for any page, only the time it takes on pathological ones.
_OLD_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_OLD_BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|h[1-6]|br|hr|section|article|"
                        r"blockquote|pre|figure|figcaption|details|summary|nav|header|footer|aside)\b[^>]*>", re.I)
_OLD_TAG = re.compile(r"<[^>]*>")
_PIECES = ["<", ">", "</", "<!--", "-->", "--", "<script", "</script>", "</SCRIPT >", "<style>", "</style", "<template ",
           "</template>", "<p", "<p>", "</p>", "<div class=x>", "<li", "<br/>", "<td>", "<a href='x'>", "</a>", "<b>",
           "征信", "假币", "12", "315", " ", "\n", "a", "=", '"', SKIP_ATTR, f"<ul {SKIP_ATTR}>", "</ul>", "<ul>",
           f"<img {SKIP_ATTR}>", "&amp;", "&lt;", '<section title="a > b" ', "<section ", "</section>", f"{SKIP_ATTR}>",
           f" {SKIP_ATTR}", "'"]


def _old_html_to_text(fragment: str) -> str:
    text = drop_unindexed(_OLD_DROP.sub(" ", fragment))
    text = _OLD_BLOCK.sub("\n", text)
    text = _OLD_TAG.sub("", text)
    return normalize(html.unescape(text))


def test_linear_extraction_reads_every_page_as_the_patterns_did():
    import random

    rng = random.Random(26)
    for _ in range(40000):
        page = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
        assert html_to_text(page) == _old_html_to_text(page), repr(page)


@pytest.mark.parametrize("piece", ["<script", "<style x", "<template>", "<!--", "<p", "<br ", "<", "<div a='",
                                   f"<ul {SKIP_ATTR}>", f"<ul {SKIP_ATTR}><ul>", "<p></p", f' {SKIP_ATTR}',
                                   f'<ul title=">" {SKIP_ATTR}>', f'<ul title="<ul>" {SKIP_ATTR}>'])
def test_100000_unclosed_tags_read_in_linear_time(piece):
    """Each of these took minutes with the old patterns (every opening rescanned to the end)."""
    page = "<ul" + piece * (100_000 // len(piece)) + "征信"
    began = time.perf_counter()
    html_to_text(page)
    assert time.perf_counter() - began < 5
