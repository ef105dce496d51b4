"""Reach in a real browser: screen mode, reading tools, QR codes, axe-core audit, no third parties."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from conftest import serve
from sitebuild import REPO, build, make_tree

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
FIXTURES = Path(__file__).parent.parent / "fixtures" / "reach"
SITE_URL = "https://xiaobao.example.cn/"


# ---------- fixtures (local: the shared browser conftest may not exist yet) ----------

@pytest.fixture(scope="module")
def reach_site(tmp_path_factory) -> Path:
    """The real site; fixture education pages stand in only where the repository has none yet."""
    extra = {f"docs/topics/{p.name}": p.read_text("utf-8") for p in FIXTURES.glob("*.md")
             if not (REPO / "docs" / "topics" / p.name).exists()}
    if not any((REPO / "campaigns").rglob("*.md")):
        extra.update({f"campaigns/2024/{p.name}": p.read_text("utf-8") for p in FIXTURES.glob("campaigns/*.md")})
    root = make_tree(tmp_path_factory.mktemp("reach-browser"), extra, with_repo_campaigns=True)
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def reach_url(reach_site: Path) -> Iterator[str]:
    server, url = serve(reach_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def reach_browser(browser):
    """The shared session browser (tests/browser/conftest.py)."""
    return browser


@pytest.fixture
def reach_context(reach_browser, request):
    """A fresh context per test; every request is recorded and must stay on 127.0.0.1."""
    viewport = getattr(request, "param", {"width": 390, "height": 844})
    context = reach_browser.new_context(viewport=viewport, locale="zh-CN")
    hosts: list[str] = []
    context.on("request", lambda r: hosts.append(urlsplit(r.url).hostname or r.url.split(":")[0]))
    yield context
    context.close()
    foreign = sorted({h for h in hosts if h not in {"127.0.0.1", "data", "blob", "about"}})
    assert not foreign, f"requests left the site: {foreign}"


def _decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def _topic_path(reach_site: Path) -> str:
    for name in ("fraud-prevention", "credit-reporting"):
        if (reach_site / "topics" / name / "index.html").exists():
            return f"topics/{name}/"
    pytest.fail("no education topic page was built")


# ---------- screen mode ----------

SCREEN_PROBE = """() => ({
  text: document.getElementById('xb-point').textContent,
  topic: document.getElementById('xb-topic').textContent,
  nodes: document.getElementsByTagName('*').length - document.querySelectorAll('#xb-point *').length,
  inPoint: document.getElementById('xb-point').childNodes.length,
  links: [...document.querySelectorAll('#xb-point a')].map(a => [a.textContent, a.getAttribute('href')]),
  intervals: window.__intervals, timeouts: window.__timeouts,
})"""
COUNT_TIMERS = """
window.__intervals = 0; window.__timeouts = 0;
const si = window.setInterval, st = window.setTimeout;
window.setInterval = function () { window.__intervals++; return si.apply(this, arguments); };
window.setTimeout = function () { window.__timeouts++; return st.apply(this, arguments); };
"""


@pytest.mark.parametrize("reach_context", [{"width": 1920, "height": 1080}], indirect=True)
def test_screen_rotates_and_survives_network_cut(reach_context, reach_url):
    page = reach_context.new_page()
    page.add_init_script(COUNT_TIMERS)
    page.goto(reach_url + "screen/?topics=fraud-prevention,credit-reporting&interval=1&org=某某银行南通分行")
    assert page.locator("header").inner_text().startswith("某某银行南通分行 提醒您")
    first = page.evaluate(SCREEN_PROBE)
    assert first["topic"] in {"防范电信网络诈骗", "个人征信"}

    reach_context.set_offline(True)
    page.route("**/*", lambda route: route.abort())
    seen = [first["text"]]
    for _ in range(3):
        page.wait_for_function("t => document.getElementById('xb-point').textContent !== t", arg=seen[-1],
                               timeout=5000)
        seen.append(page.evaluate(SCREEN_PROBE)["text"])
    last = page.evaluate(SCREEN_PROBE)
    assert len(set(seen)) >= 3, seen
    assert last["nodes"] == first["nodes"], "rotation must reuse DOM nodes"
    assert last["inPoint"] <= 5, "a slide holds its text and at most two numbers"
    assert last["intervals"] == 1 and last["timeouts"] == first["timeouts"], "timers must not pile up"
    topics = {page.evaluate(SCREEN_PROBE)["topic"]}
    assert topics <= {"防范电信网络诈骗", "个人征信"}


COUNTED = "已发放110份资料；被骗了打110或96110。"  # "110份" is a count, the other two are numbers to call


def _with_extra_point(route) -> None:
    """The built /screen/ page with one more tip in front, to try a count beside a number."""
    response = route.fetch()
    body = response.text()
    found = re.search(r'(id="xb-screen-data">)(.*?)(</script>)', body, re.S)
    data = json.loads(found.group(2))
    next(t for t in data["topics"] if t["key"] == "fraud-prevention")["points"].insert(0, COUNTED)
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    route.fulfill(response=response, body=body[:found.start(2)] + text + body[found.end(2):])


@pytest.mark.parametrize("reach_context", [{"width": 1920, "height": 1080}], indirect=True)
def test_numbers_in_tips_are_tel_links_and_days_of_rotation_keep_the_page_the_same_size(reach_context, reach_url):
    page = reach_context.new_page()
    # The clock's own timers (the counting wrapper of the test above would be replaced), paused: an
    # installed clock otherwise also runs in real time, and on a loaded machine a slow step adds a tick.
    # Installed a minute early: the installed clock runs in real time until paused, and pausing at a time
    # it has already passed fails ("Cannot fast-forward to the past"). No page is loaded yet, so the
    # fast-forward fires no timer of ours.
    page.clock.install(time=1_700_000_000 - 60)
    page.clock.pause_at(1_700_000_000)
    page.route(lambda url: urlsplit(url).path.endswith("/screen/"), _with_extra_point)
    page.goto(reach_url + "screen/?topics=fraud-prevention&interval=1")
    first = page.evaluate(SCREEN_PROBE)
    assert first["text"] == COUNTED
    assert first["links"] == [["110", "tel:110"], ["96110", "tel:96110"]], first["links"]  # not the 110 of "110份"
    seen = {}
    sizes, in_point = set(), set()
    count = "document.getElementById('xb-count').textContent"
    for k in range(240):  # a slide a second: four minutes, forty times round six tips
        page.clock.run_for(1000)
        probe = page.evaluate(SCREEN_PROBE)
        assert page.evaluate(count) == f"{(k + 1) % 6 + 1} / 6", "one step a second: timers must not pile up"
        seen[probe["text"]] = probe["links"]
        sizes.add(probe["nodes"])
        in_point.add(probe["inPoint"])
    assert len(seen) >= 5, list(seen)
    with_96110 = [links for text, links in seen.items() if "接到96110来电" in text]
    assert with_96110 == [[["96110", "tel:96110"]]], seen
    assert all(not links for text, links in seen.items() if not re.search(r"110|123\d\d", text)), seen
    assert len(sizes) == 1, f"elements outside the tip changed: {sizes}"
    assert max(in_point) <= 5, in_point


@pytest.mark.parametrize("reach_context", [{"width": 1920, "height": 1080}], indirect=True)
def test_screen_qr_decodes_to_the_article(reach_context, reach_url):
    page = reach_context.new_page()
    page.goto(reach_url + "screen/?topics=fraud-prevention&interval=60")
    png = page.locator("#xb-qrs .qr:not([hidden]) svg").screenshot()
    assert _decode(png) == [SITE_URL + "topics/fraud-prevention/"]
    assert page.locator("#xb-hotlines").inner_text().startswith("110")


# ---------- reading tools ----------

def test_font_size_control_persists_across_reload(reach_context, reach_url, reach_site):
    page = reach_context.new_page()
    page.goto(reach_url + _topic_path(reach_site))
    size = "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    normal = page.evaluate(size)
    page.get_by_role("button", name="特大").click()
    assert page.evaluate(size) >= normal * 1.3
    page.reload()
    assert page.evaluate("document.documentElement.getAttribute('data-xb-size')") == "larger"
    assert page.get_by_role("button", name="特大").get_attribute("aria-pressed") == "true"
    assert page.evaluate(size) >= normal * 1.3
    line_height = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).lineHeight)"
                                " / parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    assert line_height >= 1.5
    page.get_by_role("button", name="标准").click()
    page.reload()
    assert page.evaluate(size) == normal


STUB_SPEECH = """
window.__spoken = [];
class FakeUtterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } }
window.SpeechSynthesisUtterance = FakeUtterance;
const voices = %s;
Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
  getVoices: () => voices, speak: u => window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}),
  cancel: () => {}, addEventListener: () => {}, removeEventListener: () => {},
}});
"""


def test_read_aloud_speaks_the_page_in_chinese(reach_context, reach_url, reach_site):
    page = reach_context.new_page()
    page.add_init_script(STUB_SPEECH % '[{lang: "en-US", name: "en"}, {lang: "zh-CN", name: "Ting-Ting"}]')
    page.goto(reach_url + _topic_path(reach_site))
    page.get_by_role("button", name="朗读本页").click()
    page.wait_for_function("window.__spoken.length > 0")
    spoken = page.evaluate("window.__spoken")
    assert all(u["lang"] == "zh-CN" and u["voice"] == "zh-CN" for u in spoken)
    text = "".join(u["text"] for u in spoken)
    assert "记住这几点" in text and "朗读本页" not in text and "扫码分享" not in text
    assert page.get_by_role("button", name="停止朗读").get_attribute("aria-pressed") == "true"


def test_read_aloud_without_chinese_voice_says_so(reach_context, reach_url, reach_site):
    page = reach_context.new_page()
    page.add_init_script(STUB_SPEECH % '[{lang: "en-US", name: "en"}]')
    page.goto(reach_url + _topic_path(reach_site))
    page.get_by_role("button", name="朗读本页").click()
    status = page.get_by_role("status")
    status.filter(has_text="没有中文").wait_for(timeout=4000)
    assert page.evaluate("window.__spoken.length") == 0


def test_page_qr_decodes_to_the_page_url(reach_context, reach_url, reach_site):
    page = reach_context.new_page()
    path = _topic_path(reach_site)
    page.goto(reach_url + path)
    page.get_by_text("扫码分享").click()
    image = page.get_by_role("img", name="本页二维码，用手机扫码打开")
    assert image.is_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert _decode(image.screenshot()) == [SITE_URL + path]


def test_print_media_hides_controls_and_shows_qr(reach_context, reach_url, reach_site):
    page = reach_context.new_page()
    page.goto(reach_url + _topic_path(reach_site))
    page.emulate_media(media="print")
    assert not page.locator(".xb-tools").is_visible()
    assert not page.locator(".md-header").is_visible()
    foot = page.locator(".xb-print-foot")
    assert foot.is_visible() and "扫码看网页版" in foot.inner_text()
    assert "内容审核日期" in foot.inner_text()
    assert not page.get_by_role("heading", name="相关宣传活动").is_visible()


# ---------- accessibility ----------

def _audit_paths(site: Path) -> list[tuple[str, str]]:
    campaigns = sorted(p.parent.name for p in (site / "campaigns").glob("*/index.html"))
    return [("home", ""), ("topic", _topic_path(site)),
            ("campaign", f"campaigns/{campaigns[0]}/" if campaigns else ""), ("stats", "stats/")]


@pytest.mark.parametrize("kind", ["home", "topic", "campaign", "stats"])
def test_axe_no_serious_or_critical_violations(reach_context, reach_url, reach_site, kind):
    path = dict(_audit_paths(reach_site))[kind]
    if kind == "campaign" and not path:
        pytest.skip("no campaign page is built yet (campaigns/ is empty)")
    if not (reach_site / path / "index.html").exists():
        pytest.skip(f"/{path} is not built yet")
    page = reach_context.new_page()
    page.goto(reach_url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert not bad, bad
