"""The first phone screen (390×844) of the home page and of the six topic pages written for issue 27,
at 标准 and 特大 (the size a reader saves with the 字号 buttons): what to do first and a number to tap
are visible without scrolling, and nothing is wider than the screen.

Screenshots of the same views: `python scripts/screenshots.py SITE OUT --pages topics/insurance/,…`.
"""

from __future__ import annotations

import re

import pytest

from xiaobao.site.hotlines import HOME, hotlines_for

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
SIZES = ["normal", "larger"]  # 标准 and 特大
# The page's first sentence: what to do first, in the page's own words.
FIRST_STEP = {
    "insurance": "先找保险公司客服",
    "product-quality": "先找卖给您的商家",
    "food-safety": "留好食品和小票找商家",
    "information-security": "马上打110",
    "fee-transparency": "先问清收的是什么钱",
    "financial-literacy": "先问清是存款、理财还是保险",
}

PROBE = """([step]) => {
  const article = document.querySelector('article');
  const para = [...article.querySelectorAll('p')].find(p => p.textContent.includes(step));
  const box = article.querySelector('.admonition.xb-hotlines');
  const boxTel = box && box.querySelector('a[href^="tel:"]');
  const doc = document.documentElement;
  return {
    size: doc.dataset.xbSize || '',
    step: para ? para.getBoundingClientRect().bottom : null,
    stepTel: para ? [...para.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute('href')) : [],
    box: box ? box.getBoundingClientRect().top : null,
    boxTel: boxTel ? {href: boxTel.getAttribute('href'), bottom: boxTel.getBoundingClientRect().bottom} : null,
    overflow: doc.scrollWidth - doc.clientWidth,
  };
}"""


@pytest.fixture(scope="module")
def sized(browser):
    contexts = []

    def make(size: str):
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="zh-CN")
        context.add_init_script(f"try {{ localStorage.setItem('xb-font-size', '{size}'); }} catch (e) {{}}")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("topic", FIRST_STEP)
def test_topic_first_screen_says_what_to_do_and_shows_its_hotline(sized, site_url, topic, size):
    page = sized(size)
    page.goto(site_url + f"topics/{topic}/")
    got = page.evaluate(PROBE, [FIRST_STEP[topic]])
    assert got["step"] is not None, f"{topic}: the first step “{FIRST_STEP[topic]}” is not on the page"
    assert got["step"] <= HEIGHT, f"{topic} at {size}: the first step ends at {got['step']:.0f}px, below the screen"
    numbers = {h.tel for h in hotlines_for(topic)}
    assert got["boxTel"] and got["boxTel"]["href"] in numbers, got
    assert got["boxTel"]["bottom"] <= HEIGHT, f"{topic} at {size}: the box's first number is below the first screen"
    assert got["box"] > got["step"], "the first step comes before the hotline box"
    assert got["overflow"] <= 0, f"{topic} at {size}: {got['overflow']}px wider than the screen"


@pytest.mark.parametrize("size", ["normal", "large", "larger"])
def test_home_first_screen_has_the_emergency_line_and_the_hotlines_before_the_topics(sized, site_url, size):
    page = sized(size)
    page.goto(site_url)
    got = page.evaluate("""() => {
      const urgent = document.querySelector('.admonition.xb-urgent');
      const calls = [...document.querySelectorAll('.admonition.xb-home-calls a[href^="tel:"]')];
      const card = document.querySelector('.xb-topic-cards li');
      return {
        urgent: urgent ? urgent.textContent.replace(/\\s+/g, '') : '',
        urgentBottom: urgent ? urgent.getBoundingClientRect().bottom : null,
        urgentTel: urgent ? [...urgent.querySelectorAll('a[href^="tel:"]')].map(a => a.getAttribute('href')) : [],
        calls: calls.map(a => [a.getAttribute('href'), a.getBoundingClientRect().bottom]),
        card: card ? card.getBoundingClientRect().top : null,
        cards: document.querySelectorAll('.xb-topic-cards li').length,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    }""")
    assert "怀疑遇到诈骗，马上打110" in got["urgent"] and "tel:110" in got["urgentTel"]
    assert got["urgentBottom"] <= HEIGHT
    assert [href for href, _ in got["calls"]] == [h.tel for h in HOME]
    assert max(bottom for _, bottom in got["calls"]) <= HEIGHT, f"at {size} a hotline is below the first screen"
    assert got["card"] > max(bottom for _, bottom in got["calls"]), "the topic cards come after the hotlines"
    assert got["cards"] == 12
    assert got["overflow"] <= 0


def test_no_built_page_says_the_article_is_still_being_written(built_site):
    pages = [p for p in built_site.rglob("*.html") if "还在编写中" in p.read_text(encoding="utf-8")]
    assert not pages, [str(p.relative_to(built_site)) for p in pages[:5]]


def test_every_topic_page_has_a_tap_to_call_box(built_site):
    from xiaobao.campaigns.vocab import TOPICS

    for key in TOPICS:
        html = (built_site / "topics" / key / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<div class="admonition tip xb-hotlines">(.*?)</div>', html, re.S)
        assert box and re.search(r'href="tel:\d+"', box.group(1)), key


def test_leaflets_qr_sheet_screen_and_builder_offer_every_topic(built_site):
    """Issue 27: the new topics reach the branches: an A4 leaflet each, a code on the QR sheet,
    a slide on /screen/ and a checkbox in the screen builder."""
    from xiaobao.campaigns.vocab import TOPICS

    screen = (built_site / "screen" / "index.html").read_text(encoding="utf-8")
    builder = (built_site / "screen-builder" / "index.html").read_text(encoding="utf-8")
    sheet = (built_site / "qr" / "index.html").read_text(encoding="utf-8")
    for key in TOPICS:
        leaflet = (built_site / "print" / key / "index.html").read_text(encoding="utf-8")
        assert "记住这几点" in leaflet and "tel:" in leaflet, key
        assert f'data-topic="{key}"' in screen, key
        assert f'name="topic" value="{key}"' in builder, key
        assert f"topics/{key}/" in sheet, key
