"""axe-core on every page type, on a phone (390x844) and a desktop (1280x900), light and dark.

A reader's browser either prefers light or dark; Material's palette follows that preference (and
then remembers it), so each size and scheme gets its own browser context. In the light scheme
axe runs every rule; in the dark one the rules whose outcome a colour scheme can change.
Critical, serious and moderate violations all fail; minor ones are not checked. axe-core is vendored (tests/browser/vendor/axe.min.js, see README.md there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from checkers import PAGE_TYPES, REDIRECTED
from conftest import serve

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
FAILING = {"critical", "serious", "moderate"}
COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # all that a colour scheme can change
REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+);[^"]*">')


@pytest.fixture(scope="module")
def axe_url(standards_site: Path) -> Iterator[str]:
    server, url = serve(standards_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module", params=[(size, scheme) for size in SIZES for scheme in ("light", "dark")],
                ids=lambda p: "-".join(p))
def axe_page(request, browser, axe_url):
    """One tab per size and scheme; every request it makes must stay on 127.0.0.1."""
    size, scheme = request.param
    context = browser.new_context(viewport=SIZES[size], locale="zh-CN", color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    hosts: set[str] = set()
    context.on("request", lambda r: hosts.add(urlsplit(r.url).hostname or urlsplit(r.url).scheme))
    tab = context.new_page()
    tab.route(f"**/campaigns/{REDIRECTED}/", _without_refresh)
    tab.scheme = scheme  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert hosts <= {"127.0.0.1", "data", "blob", "about"}, hosts


def _without_refresh(route) -> None:
    """The redirect page as served, but staying put long enough to be audited.

    axe's meta-refresh rule accepts only an immediate redirect; that is checked here instead.
    """
    response = route.fetch()
    body = response.text()
    delays = REFRESH.findall(body)
    assert delays == ["0"], delays
    route.fulfill(response=response, body=REFRESH.sub("", body))


def _audit(tab, rules: list[str] | None = None) -> list[tuple[str, str, list]]:
    options = {"resultTypes": ["violations"]} | ({"runOnly": {"type": "rule", "values": rules}} if rules else {})
    result = tab.evaluate("async options => await axe.run(document, options)", options)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"] if v["impact"] in FAILING]


def _scheme(tab) -> str | None:
    return tab.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe(axe_page, axe_url, standards_site, kind):
    tab = axe_page
    tab.goto(axe_url + PAGE_TYPES[kind])
    scheme = _scheme(tab)  # None on the standalone pages (screen, print, QR, redirect): one scheme only
    assert scheme in (None, {"light": "default", "dark": "slate"}[tab.scheme])
    violations = _audit(tab, None if tab.scheme == "light" else COLOUR_RULES)
    assert not violations, violations
