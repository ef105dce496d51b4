"""The portal demo in Chromium at 390x844: the totals, one member's listing (its links open the
member's own pages), and a search whose results come from two members' sites."""

from __future__ import annotations

import csv
import functools
import http.server
import socketserver
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portaldemo import portal_demo

pytestmark = pytest.mark.browser
CANDIDATES = ["万里行", "金融知识", "消费者权益", "宣传月", "3·15", "反假"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def demo_url():
    out, port = portal_demo()
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(out)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    yield tab
    context.close()
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in requests if urlsplit(u).scheme in ("http", "https"))


def _shot(page, name: str) -> None:
    out = Path(__file__).resolve().parents[2] / ".cache" / "screenshots" / "portal"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{name}.png"))


def test_totals_on_a_phone(demo_url, phone):
    _, url = demo_url
    phone.goto(url + "portal/stats/")
    assert "数据统计" in phone.inner_text("h1")
    cards = phone.locator(".xb-totals .xb-total-cards li")
    assert cards.count() >= 5
    first = cards.first.inner_text()
    assert "约" in first or "余" in first or "未披露" in first or first.strip()
    assert phone.locator(".xb-totals").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(phone, "stats-390")


def test_one_members_listing_opens_the_members_own_page(demo_url, phone):
    _, url = demo_url
    phone.goto(url + "portal/members/amr/")
    titles = phone.locator("a.xb-campaign-title")
    assert titles.count() >= 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(phone, "member-amr-390")
    title = titles.first.inner_text().strip()
    href = titles.first.get_attribute("href")
    assert href.startswith(url + "sites/amr/campaigns/")
    titles.first.click()
    phone.wait_for_url(href)
    assert phone.inner_text("h1").strip() == title  # the campaign's own page, on the member's site
    _shot(phone, "member-campaign-390")


def _query(out: Path) -> str:
    """A word in campaign titles of at least two members."""
    titles = {}
    for member in ("banks", "amr", "pboc"):
        with open(out / "sites" / member / "data/campaigns.csv", encoding="utf-8-sig", newline="") as f:
            titles[member] = [row["title"] for row in csv.DictReader(f)]
    for word in CANDIDATES:
        if sum(any(word in t for t in ts) for ts in titles.values()) >= 2:
            return word
    raise AssertionError("no candidate word is in two members' titles")


def test_search_returns_campaigns_of_two_members(demo_url, phone):
    out, url = demo_url
    query = _query(out)
    phone.goto(url + "portal/")
    phone.click(".xb-search__toggle")
    phone.keyboard.insert_text(query)
    phone.wait_for_function(
        "() => { const s = document.querySelector('.xb-search__status'); return s && /共 \\d+ 条结果|约 \\d+ 条结果|没有找到/.test(s.textContent) }",
        timeout=15000)
    for _ in range(20):
        if not phone.is_visible(".xb-search__more"):
            break
        phone.click(".xb-search__more")
        phone.wait_for_function("() => !/正在/.test(document.querySelector('.xb-search__status').textContent)")
    hrefs = phone.eval_on_selector_all(".xb-search__results a", "as => as.map(a => a.href)")
    members = {h.split("/sites/")[1].split("/")[0] for h in hrefs if "/sites/" in h}
    assert len(members) >= 2, hrefs
    assert all(h.startswith(url) for h in hrefs)
    assert all((out / urlsplit(h).path.strip("/") / "index.html").is_file() for h in hrefs if "/sites/" in h)
    _shot(phone, "search-390")
