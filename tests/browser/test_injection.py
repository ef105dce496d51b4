"""Script injection through campaign front matter and bodies: nothing an editor writes may run.

A throw-away site holds one hostile campaign (title, organisation and body each try to run script).
Every page that shows those strings is loaded in Chromium; window.__pwned must stay undefined and no
dialog may open. The open-data files must carry the strings as data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import serve
from sitebuild import build, make_tree

pytestmark = pytest.mark.browser

TITLE = '<img src=x onerror="window.__pwned=1">'
ORG = "<script>window.__pwned=2</script>"
HOSTILE = f"""---
title: '{TITLE}'
organization: '{ORG}'
org_type: bank
region: 江苏省南通市
campaign: '<svg onload="window.__pwned=5">'
start: 2024-03-09
end: 2024-03-15
topics: [fraud-prevention]
summary: '"><script>window.__pwned=6</script>'
slug: hostile
co_organizers: ['<b onmouseover="window.__pwned=7">协办</b>']
stats:
  outlets: 10
---

网点开展防范电信网络诈骗宣传。

<script>window.__pwned=3</script>

请点击[这个链接](javascript:window.__pwned=4)了解更多。

<img src="data:image/gif;base64,R0lGOD" onerror="window.__pwned=8"> <a href="javascript:window.__pwned=9" onclick="window.__pwned=10">另一个链接</a>
"""
PLAIN = """---
title: 某银行南通分行防诈宣传
organization: 某银行南通分行
org_type: bank
region: 江苏省南通市
start: 2024-05-01
topics: [fraud-prevention]
summary: 一次正常的宣传。
slug: plain
stats:
  outlets: 3
---

本行在五月走进社区，为老年人讲解冒充公检法诈骗的识别方法，现场答疑。
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = make_tree(tmp_path_factory.mktemp("injection"), {
        "campaigns/2024/hostile.md": HOSTILE, "campaigns/2024/plain.md": PLAIN})
    result = build(root, timeout=180)
    assert result.returncode == 0, result.output[-3000:]
    return result.site


@pytest.fixture(scope="module")
def base_url(hostile_site: Path) -> Iterator[str]:
    server, url = serve(hostile_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def chromium(browser):
    """The shared session browser (tests/browser/conftest.py)."""
    return browser


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield page
    context.close()


def assert_not_pwned(page) -> None:
    page.wait_for_timeout(300)  # let onerror/onload handlers of broken images fire if they exist
    assert page.evaluate("typeof window.__pwned") == "undefined", page.url
    assert page.dialogs == [], page.dialogs  # type: ignore[attr-defined]


def org_url(page, base: str) -> str:
    href = page.locator('a[href*="orgs/"]').first.get_attribute("href")
    return urljoin(page.url, href)


PAGES = ["campaigns/hostile/", "campaigns/", "stats/", "", "years/2024/", "org-types/bank/",
         "topics/fraud-prevention/", "feed.xml", "data/campaigns.json"]  # campaigns.csv downloads: checked as data


def test_the_detector_sees_a_live_injection(tab, base_url):
    """Control: the same strings, unescaped, do run; so 'undefined' above means escaped."""
    tab.goto(base_url + "campaigns/")
    tab.set_content(f"<p>{TITLE}</p>")
    tab.wait_for_function("window.__pwned === 1", timeout=3000)


@pytest.mark.parametrize("path", PAGES)
def test_pages_showing_hostile_strings_run_no_script(tab, base_url, path):
    response = tab.goto(base_url + path)
    assert response is not None and response.ok, path
    assert_not_pwned(tab)


def test_hostile_strings_are_shown_as_text(tab, base_url):
    tab.goto(base_url + "campaigns/hostile/")
    assert tab.locator("h1").first.inner_text().strip() == TITLE
    assert ORG in tab.locator("body").inner_text()
    assert tab.locator("article script, .md-content script").count() == 0
    assert tab.locator(".md-content img[onerror], .md-content [onclick], .md-content [onmouseover]").count() == 0
    assert tab.title().startswith(TITLE)


def test_org_and_region_pages(tab, base_url):
    tab.goto(base_url + "campaigns/hostile/")
    target = org_url(tab, base_url)
    assert tab.goto(target).ok
    assert_not_pwned(tab)
    assert ORG in tab.locator("body").inner_text()
    tab.goto(base_url + "campaigns/hostile/")
    region = tab.locator('a[href*="regions/"]').first.get_attribute("href")
    assert tab.goto(urljoin(tab.url, region)).ok
    assert_not_pwned(tab)


def test_clicking_the_body_links_runs_nothing(tab, base_url):
    tab.goto(base_url + "campaigns/hostile/")
    for text in ["这个链接", "另一个链接"]:
        link = tab.get_by_text(text, exact=True)
        assert link.count() == 1
        assert (link.get_attribute("href") or "").lower().startswith("javascript") is False
        link.click()
        assert_not_pwned(tab)
    tab.locator(".md-content").hover()
    assert_not_pwned(tab)


def test_data_files_carry_the_strings_as_data(hostile_site: Path):
    raw = (hostile_site / "data" / "campaigns.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    items = data["campaigns"] if isinstance(data, dict) else data
    [item] = [c for c in items if c["slug"] == "hostile"]
    assert item["title"] == TITLE and item["organization"] == ORG
    assert json.dumps(TITLE, ensure_ascii=False)[1:-1] in raw or json.dumps(TITLE)[1:-1] in raw
    text = (hostile_site / "data" / "campaigns.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    [row] = [r for r in rows if r.get("slug") == "hostile"]
    assert row["title"] == TITLE and row["organization"] == ORG


def test_feed_escapes_the_strings(hostile_site: Path):
    import xml.etree.ElementTree as ET

    feed = hostile_site / "feed.xml"
    tree = ET.parse(feed)
    texts = [el.text or "" for el in tree.iter()]
    assert TITLE in texts  # parsed back as text, so it was escaped in the file
    tags = {el.tag.split("}")[-1] for el in tree.iter()}
    assert not tags & {"script", "img", "svg"}
