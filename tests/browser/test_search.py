"""Search in a real browser: each query lists exactly the built pages whose main text contains it.

The expected set is computed here from the built HTML (the article, without the reading tools, the
print-only footer and the elements marked data-xb-noindex: campaign listings, totals, topic cards,
which repeat other pages), independently of xiaobao.search.
"""

from __future__ import annotations

import html.parser
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

QUERIES = ["征信", "反假币", "非法集资", "电信诈骗", "12315", "老年", "投诉", "消费者权益保护法",
           "法", "atm", "非法集资 12315", "反假货币", "no-such-wordzz"]
SKIP_CLASSES = {"xb-tools", "xb-print-only"}
SKIP_ATTR = "data-xb-noindex"  # the templates' mark for what search leaves out
BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "h1", "h2", "h3", "h4",
          "h5", "h6", "br", "hr", "section", "blockquote", "pre", "figure", "figcaption", "details", "summary"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"}
DONE = re.compile(r"共 \d+ 条结果|约 \d+ 条结果|没有找到|本站还没有")
NOINDEX = re.compile(r'<meta name="robots" content="noindex')  # pages 2… of a listing: left out of search


class ArticleText(html.parser.HTMLParser):
    """Text of <article>, minus skipped parts; block elements separate words."""

    def __init__(self, skip_marked: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_marked = skip_marked  # False: keep the data-xb-noindex elements (what a reader sees)
        self.depth = 0  # inside article when > 0
        self.skip = 0  # depth of a skipped element (0: not skipping)
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if self.depth and tag in BLOCKS:
                self.parts.append(" ")
            return
        self.stack.append(tag)
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.depth = len(self.stack)
        elif self.depth and not self.skip and (classes & SKIP_CLASSES or tag in {"script", "style"}
                                               or self.skip_marked and SKIP_ATTR in dict(attrs)):
            self.skip = len(self.stack)
        if self.depth and tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        while self.stack and self.stack[-1] != tag:
            self.stack.pop()
        if self.skip == len(self.stack):
            self.skip = 0
        if self.depth == len(self.stack):
            self.depth = -1  # article closed
        if self.stack:
            self.stack.pop()
        if self.depth > 0 and tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).lower())


def article_text(source: str, skip_marked: bool = True) -> str:
    parser = ArticleText(skip_marked)
    parser.feed(source)
    return norm("".join(parser.parts))


def site_texts(site: Path) -> dict[str, str]:
    """Searchable text of every page a search may list, by URL path (also scripts/bench_search.py)."""
    texts = {}
    for path in sorted(site.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        if path.name == "404.html" or 'class="md-content__inner' not in source or NOINDEX.search(source):
            continue
        url = "/" + str(path.relative_to(site).parent).replace("\\", "/").strip(".") + "/"
        texts[url.replace("//", "/")] = article_text(source)
    return texts


@pytest.fixture(scope="module")
def page_texts(built_site: Path) -> dict[str, str]:
    texts = site_texts(built_site)
    assert len(texts) > 20
    return texts


def expected(texts: dict[str, str], query: str) -> set[str]:
    words = norm(query).split()
    return {url for url, text in texts.items() if all(w in text for w in words)}


def wait_done(page) -> str:
    page.wait_for_function(
        "() => { const s = document.querySelector('.xb-search__status'); return s && /共 \\d+ 条结果|约 \\d+ 条结果|没有找到/.test(s.textContent) }",
        timeout=15000)
    return page.inner_text(".xb-search__status")


def all_results(page) -> list[str]:
    """Press 显示更多结果 until every result is listed; return result paths in order."""
    wait_done(page)
    for _ in range(200):
        if not page.is_visible(".xb-search__more"):
            break
        page.click(".xb-search__more")
        page.wait_for_function("() => !/正在/.test(document.querySelector('.xb-search__status').textContent)")
        wait_done(page)
    hrefs = page.eval_on_selector_all(".xb-search__results a", "as => as.map(a => a.href)")
    return [urlsplit(h).path for h in hrefs]


def run_query(page, site_url: str, query: str, typed: bool) -> list[str]:
    page.goto(site_url + "about/")
    page.click(".xb-search__input")
    if typed:
        page.keyboard.type(query, delay=20)
    else:
        page.keyboard.insert_text(query)  # what an input method does: input events, no key events
    return all_results(page)


@pytest.mark.parametrize("query", QUERIES)
def test_query_lists_exactly_the_pages_containing_it(page, site_url, page_texts, query):
    found = run_query(page, site_url, query, typed=False)
    assert len(found) == len(set(found)), "a page is listed twice"
    want = expected(page_texts, query)
    assert set(found) == want, f"missing {sorted(want - set(found))}, wrong {sorted(set(found) - want)}"
    status = page.inner_text(".xb-search__status")
    assert (f"共 {len(want)} 条结果" in status) if want else ("没有找到" in status)
    if query in {"征信", "非法集资", "12315"}:
        assert len(want) >= 3, "the site should hold this term on several pages"
        marks = page.eval_on_selector_all(".xb-search__results mark", "ms => ms.map(m => m.textContent)")
        assert marks and all(m.lower() in {query} for m in marks)


@pytest.mark.parametrize("traditional, simplified", [("詐騙", "诈骗"), ("銀行", "银行"), ("徵信", "征信"),
                                                     ("退保費", "退保费"), ("如何辨別假幣", "如何辨别假币")])
def test_traditional_characters_find_what_simplified_ones_find(page, site_url, traditional, simplified):
    """A reader typing traditional characters gets the results, in order, of the same words in simplified."""
    want = run_query(page, site_url, simplified, typed=False)
    status = page.inner_text(".xb-search__status")
    got = run_query(page, site_url, traditional, typed=False)
    assert want and got == want
    assert page.inner_text(".xb-search__status") == status
    marks = page.eval_on_selector_all(".xb-search__results mark", "ms => ms.map(m => m.textContent)")
    assert marks and not set("".join(marks)) & set(traditional) - set(simplified)  # the page's own characters


@pytest.mark.parametrize("query", ["征信", "非法集资", "12315"])
def test_typing_key_by_key_gives_the_same_results(page, site_url, page_texts, query):
    assert set(run_query(page, site_url, query, typed=True)) == expected(page_texts, query)


def test_campaign_listings_do_not_make_a_page_match(page, site_url, built_site, page_texts):
    """The 反假货币 education page lists the 百村行 campaign by title; only its own text may match."""
    topic, query = "/topics/anti-counterfeit/", "百村行"
    shown = article_text((built_site / topic.strip("/") / "index.html").read_text(encoding="utf-8"), False)
    assert query in shown, "the listing on the topic page should show the query (else nothing is tested)"
    assert query not in page_texts[topic] and "反假货币" in page_texts[topic]
    found = run_query(page, site_url, query, typed=False)
    assert topic not in found
    assert any(url.startswith("/campaigns/") and url != "/campaigns/" for url in found)
    found = run_query(page, site_url, "反假货币", typed=False)
    assert topic in found, "the page's own text stays searchable"


def test_search_downloads_little_and_stays_on_the_site(page, site_url):
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if "/search/" in r.url else None)
    page.goto(site_url)
    page.click(".xb-search__input")
    page.keyboard.insert_text("非法集资")
    wait_done(page)
    assert sizes and sum(sizes.values()) < 250_000
    assert not any("search_index" in u for u in page.requests), "Material's whole-site index was loaded"


def test_keyboard_reaches_results_and_escape_closes(page, site_url):
    page.goto(site_url)
    page.click(".xb-search__input")
    page.keyboard.insert_text("征信")
    wait_done(page)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('xb-search__link')")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "xb-search-input"
    assert not page.is_visible(".xb-search__panel")
    assert page.get_attribute(".xb-search__box", "role") == "search"
    assert page.get_attribute(".xb-search__status", "aria-live") == "polite"


def test_phone_width_search_fits_the_screen(browser, site_url, page_texts, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "topics/credit-reporting/")
        assert not page.is_visible(".xb-search__input")
        page.click(".xb-search__toggle")
        page.keyboard.insert_text("投诉")
        found = all_results(page)
        assert set(found) == expected(page_texts, "投诉")
        for selector in (".xb-search__input", ".xb-search__panel"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(tmp_path / "search-390.png"))
    finally:
        context.close()


@pytest.mark.parametrize("query, wanted, not_wanted", [
    ("非法集资", {"g.json"}, {"d.json", "f.json"}),  # plain: the gate clears it, the exact search answers
    ("ＡＴＭ 假币", {"g.json"}, {"f.json"}),  # full-width letters fold without the table
    ("收到假钱怎么办", {"d.json"}, {"g.json", "f.json"}),  # a stop word: a question, straight to the dictionary
    ("假钱", {"g.json", "d.json"}, {"f.json"}),  # an everyday word: the gate sends it to the dictionary
    ("⑫征信", {"f.json"}, set()),  # a character only the table folds
    ("詐騙", {"f.json"}, set()),  # traditional characters: the table folds them to simplified
])
def test_a_query_fetches_only_the_query_files_it_needs(page, site_url, query, wanted, not_wanted):
    """Issue 16: the first visit stays light because plain queries skip d.json and f.json."""
    fetched: set[str] = set()
    page.on("request", lambda r: fetched.add(r.url.rsplit("/", 1)[-1]) if "/search/" in r.url else None)
    page.goto(site_url)
    page.click(".xb-search__input")
    page.keyboard.insert_text(query)
    wait_done(page)
    assert wanted <= fetched and not fetched & not_wanted, sorted(fetched)


def test_few_results_of_a_plain_query_still_offer_help(page, site_url):
    """The help under few results needs the dictionary: it is fetched then, after the results."""
    page.goto(site_url)
    page.click(".xb-search__input")
    page.keyboard.insert_text("no-such-wordzz")
    assert "没有找到" in wait_done(page)
    page.wait_for_selector(".xb-search__topics a", timeout=15000)
    assert page.locator(".xb-search__hotlines a[href^='tel:']").count() >= 1
