"""The preview (`make site`, mkdocs serve) keeps the public address: its QR codes, feed and canonical links
point at site_url, never at 127.0.0.1, and a banner says so."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image

from sitebuild import get, make_tree, serving
from xiaobao.publish.address import PLACEHOLDER

pytestmark = [pytest.mark.browser, pytest.mark.build]


def decode_in_chromium(browser, svg_url: str) -> list[str]:
    """Render the SVG as a reader's phone would and read it with zxing-cpp."""
    context = browser.new_context(viewport={"width": 600, "height": 600})
    page = context.new_page()
    try:
        page.set_content(f'<body style="margin:0;background:#fff"><img src="{svg_url}" width="400" height="400"></body>')
        page.wait_for_function("document.images[0].complete && document.images[0].naturalWidth > 0")
        png = page.locator("img").screenshot()
    finally:
        context.close()
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_preview_qr_codes_point_at_the_public_address(browser, tmp_path, monkeypatch):
    monkeypatch.delenv("XIAOBAO_SITE_URL", raising=False)
    root = make_tree(tmp_path, {}, with_repo_campaigns=True)
    with serving(root, "topics/fraud-prevention/", expect="反诈", seconds=300) as url:
        base = url.split("topics/")[0]
        html = get(url)
        assert "本机预览" in html and PLACEHOLDER in html and "127.0.0.1" not in html.split("<body", 1)[1]
        assert f'<link rel="canonical" href="{PLACEHOLDER}topics/fraud-prevention/">' in html
        src = re.search(r'<img src="([^"]+\.svg)" alt="本页二维码', html).group(1)
        svg_url = url + src
        assert decode_in_chromium(browser, svg_url) == [f"{PLACEHOLDER}topics/fraud-prevention/"]
        assert decode_in_chromium(browser, base + "qr/index.svg") == [PLACEHOLDER]
        feed = get(base + "feed.xml")
        assert PLACEHOLDER in feed and "127.0.0.1" not in feed
        screen = get(base + "screen/")
        assert PLACEHOLDER in screen and "127.0.0.1" not in screen
