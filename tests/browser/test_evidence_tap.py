"""A reader on a phone taps a figure and sees the sentence of the summary it came from."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_tapping_a_figure_highlights_its_quote(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True,
                                  is_mobile=True, device_scale_factor=2)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(f"{site_url}campaigns/icbc-nantong-315/")
    quote = tab.locator("#ev-materials")
    assert quote.inner_text() == "宣传折页7600余份"
    assert not tab.locator("#ev-materials + .xb-evidence-aside").is_visible()  # closed until asked for
    tab.locator("#fig-materials").tap()
    tab.wait_for_function("location.hash === '#ev-materials'")
    background = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 229, 138)"
    assert quote.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    note = tab.locator("#ev-materials + .xb-evidence-aside")
    assert note.is_visible() and "已含在内，不重复相加" in note.inner_text()
    tab.screenshot(path=str(tmp_path / "evidence-390.png"))
    tab.locator("#ev-materials + .xb-evidence-aside .xb-evidence-back").tap()
    tab.wait_for_function("location.hash === '#fig-materials'")
    assert all(r.startswith(site_url) or r.startswith("data:") for r in requests), requests
    context.close()


def test_figure_is_reachable_by_keyboard(page, site_url):
    page.goto(f"{site_url}campaigns/icbc-nantong-315/")
    page.locator("#fig-materials").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#ev-materials'")
    assert page.locator("#ev-materials + .xb-evidence-aside").is_visible()
