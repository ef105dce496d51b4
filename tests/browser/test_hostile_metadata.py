"""Hostile metadata and docs pages in every page type: no handler fires, no script runs, nothing
loads from another host (issue 12).

One throw-away site holds a campaign whose title, organisation, campaign name, region, summary
and co-organisers each try attr_list attributes, event handlers, script and remote images, and
an editor's docs page under topics/ (so it also gets a print view and a screen slide) that tries
the same in its front matter and in raw HTML: <svg onload>, <details ontoggle>, remote images and
styles, javascript: links, attr_list on headings. Every page type is loaded in Chromium; any
request that leaves 127.0.0.1, any window.__pwned, any dialog or any on* attribute fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import serve
from sitebuild import build, make_tree

pytestmark = pytest.mark.browser

TITLE = '宣传 {: tabindex=0 autofocus onfocus="window.__pwned=11" } ![](https://other.host/t.gif)'
CAMPAIGN = f"""---
title: '{TITLE}'
organization: '测试银行 {{: onclick="window.__pwned=12" }} <img src=x onerror="window.__pwned=13">'
org_type: bank
region: '江苏省<script>window.__pwned=14</script>南通市'
campaign: '3·15 [点我](javascript:window.__pwned=15) ![](https://other.host/c.gif)'
start: 2024-03-09
topics: [fraud-prevention]
summary: '"><svg onload="window.__pwned=16"></svg>{{: onmouseover="window.__pwned=17" }}'
co_organizers: ['<b onmouseover="window.__pwned=18">协办</b>']
slug: hostile-meta
redirects: [old-hostile-meta]
stats:
  outlets: 10
---

网点开展防范电信网络诈骗宣传，向群众讲解识别方法。
"""
DOCS = """---
title: '<img src=x onerror="window.__pwned=21">防骗'
description: '"><script>window.__pwned=22</script>'
slug: hostile-docs
redirects: [old-hostile-docs]
---

# 防骗要点 {: tabindex=0 autofocus onfocus="window.__pwned=23" }

<svg onload="window.__pwned=24"><circle r="5"/></svg>

<details open ontoggle="window.__pwned=25"><summary>点开</summary>内容</details>

<img src="https://other.host/d.png" alt="远程图片">

<style>body { background: url(https://other.host/bg.png) }</style>
<link rel="stylesheet" href="https://other.host/x.css">
<iframe src="https://other.host/"></iframe>
<object data="https://other.host/o.swf"></object>
<form action="https://other.host/"><input autofocus onfocus="window.__pwned=26"></form>

<a href="javascript:window.__pwned=27">链接</a> <a href="#" onclick="window.__pwned=28">另一个</a>

<p style="background:url(https://other.host/p.png)" onmouseover="window.__pwned=29">段落</p>

## 记住这几点

- 不听、不信、不转账 {: onclick="window.__pwned=30" }
- <img src="https://other.host/e.png" onerror="window.__pwned=31">陌生来电要警惕
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = make_tree(tmp_path_factory.mktemp("hostile-meta"), {
        "campaigns/2024/hostile.md": CAMPAIGN, "docs/topics/hostile.md": DOCS})
    result = build(root, timeout=240)
    assert result.returncode == 0, result.output[-3000:]
    return result.site


@pytest.fixture(scope="module")
def base_url(hostile_site: Path) -> Iterator[str]:
    server, url = serve(hostile_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.dialogs, page.requests = [], []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))  # type: ignore[attr-defined]
    yield page
    context.close()
    foreign = sorted({u for u in page.requests if urlsplit(u).scheme not in {"data", "blob", "about"}  # type: ignore[attr-defined]
                      and urlsplit(u).hostname != "127.0.0.1"})
    assert foreign == [], f"requests left the site: {foreign}"


def _handlers(page) -> list[str]:
    """Every on* attribute in the document that an editor wrote (all of them say window.__pwned);
    ours (the print view's button) are left out."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('*')).flatMap(el =>
        Array.from(el.attributes).filter(a => a.name.toLowerCase().startsWith('on'))
             .map(a => el.tagName + ' ' + a.name + '=' + a.value)).filter(h => h.includes('__pwned'))""")


def _exercise(page) -> None:
    """Give handlers every chance: load, then focus, mouse-over and click events on every element of
    the content (dispatched, so hidden elements get them too), and a toggle of any <details>."""
    page.wait_for_timeout(300)
    page.keyboard.press("Tab")
    page.evaluate("""() => document.querySelectorAll('article *, .md-content *, h1').forEach(el => {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
            if (type === 'click' && ['A', 'BUTTON', 'INPUT', 'LABEL', 'SUMMARY'].includes(el.tagName)) continue;
            el.dispatchEvent(new Event(type, {bubbles: true}));
        }
        if (el.tagName === 'DETAILS') { el.open = !el.open; }
    })""")
    page.wait_for_timeout(300)


def assert_clean(page) -> None:
    _exercise(page)
    assert page.evaluate("typeof window.__pwned") == "undefined", page.url
    assert page.dialogs == [], page.dialogs  # type: ignore[attr-defined]
    assert _handlers(page) == [], page.url


PAGES = ["campaigns/hostile-meta/", "campaigns/old-hostile-meta/", "campaigns/", "years/2024/", "org-types/bank/",
         "topics/fraud-prevention/", "stats/", "", "topics/hostile-docs/", "topics/old-hostile-docs/",
         "topics/hostile/", "print/hostile-docs/", "qr/", "screen/", "feed.xml", "data/campaigns.json"]


def test_the_detector_sees_a_live_handler(tab, base_url):
    """Control: the same kind of string, unescaped, does run; so the checks below can fail."""
    tab.goto(base_url)
    tab.set_content('<h1 tabindex=0 autofocus onfocus="window.__pwned=1">x</h1>')
    tab.wait_for_function("window.__pwned === 1", timeout=3000)
    assert _handlers(tab) == ["H1 onfocus=window.__pwned=1"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_runs_nothing_and_loads_nothing_from_elsewhere(tab, base_url, path):
    response = tab.goto(base_url + path)
    assert response is not None and response.ok, path
    assert_clean(tab)


def test_org_and_region_listings(tab, base_url):
    tab.goto(base_url + "campaigns/hostile-meta/")
    links = [tab.locator(f'.xb-card a[href*="{part}/"]').first.get_attribute("href") for part in ("orgs", "regions")]
    for href in links:
        assert tab.goto(urljoin(base_url + "campaigns/hostile-meta/", href)).ok
        assert_clean(tab)


def test_metadata_is_shown_as_the_editor_wrote_it(tab, base_url):
    tab.goto(base_url + "campaigns/hostile-meta/")
    assert tab.locator("h1").first.inner_text().strip() == TITLE
    assert tab.title().startswith(TITLE)
    body = tab.locator(".md-content").inner_text()
    assert '测试银行 {: onclick="window.__pwned=12" }' in body and "[点我](javascript:" in body
    assert tab.locator('img[src*="other.host"], img[onerror]').count() == 0


def test_docs_page_keeps_its_text_and_loses_its_script(tab, base_url):
    tab.goto(base_url + "topics/hostile-docs/")
    assert tab.title().startswith('<img src=x onerror="window.__pwned=21">防骗')
    content = tab.locator(".md-content")
    assert "点开" in content.inner_text() and "段落" in content.inner_text() and "陌生来电要警惕" in content.inner_text()
    for tag in ["svg", "iframe", "object", "form", "style", "link", "script"]:
        assert content.locator(tag).count() == 0, tag
    assert tab.locator('a[href^="javascript"]').count() == 0


def test_search_results_show_the_title_as_text(tab, base_url):
    tab.goto(base_url + "about/")
    tab.click(".xb-search__toggle")
    for query in ["防骗要点", "测试银行"]:
        tab.fill(".xb-search__input", query)
        tab.wait_for_function("() => /条结果|没有找到/.test(document.querySelector('.xb-search__status').textContent)",
                              timeout=15000)
        assert tab.locator(".xb-search__results a").count() >= 1, query
        assert_clean(tab)
    titles = tab.locator(".xb-search__title").all_inner_texts()
    assert any("onclick" in t for t in titles), titles  # the organisation's attr_list shows as text
