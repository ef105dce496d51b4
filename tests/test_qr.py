"""QR codes must decode to the page's absolute URL: that is all a phone at the counter needs."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image

from xiaobao.outputs.qr import absolute_url, fast_matrix_rows, qr_filename, qr_png, qr_svg, relative_to


def decode(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png))
    return [r.text for r in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize(
    "url",
    [
        "https://xiaobao.example.cn/",
        "https://xiaobao.example.cn/topics/fraud-prevention/",
        "https://xiaobao.example.cn/campaigns/2024-nantong-bank-315-jinrong-xiaofeizhe-quanyi-ri/",
    ],
)
def test_png_decodes_to_url(url: str, fast: bool) -> None:
    assert decode(qr_png(url, fast=fast)) == [url]


def test_absolute_url_joins_site_url() -> None:
    assert absolute_url("https://a.cn/", "topics/x/") == "https://a.cn/topics/x/"
    assert absolute_url("https://a.cn/sub", "topics/x/") == "https://a.cn/sub/topics/x/"
    assert absolute_url("https://a.cn/", "") == "https://a.cn/"


def test_svg_is_named_and_well_formed() -> None:
    url = "https://a.cn/topics/x/?a=1&b=<2>"
    svg = qr_svg(url)
    root = ET.fromstring(svg)  # raises if the & or < were not escaped
    assert root.get("role") == "img"
    assert "二维码" in root.get("aria-label")
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and "二维码" in title.text and url in title.text
    assert re.search(r'viewBox="0 0 \d+ \d+"', svg)


def test_filenames_mirror_urls() -> None:
    assert qr_filename("") == "index.svg"
    assert qr_filename("topics/fraud-prevention/") == "topics/fraud-prevention.svg"
    assert qr_filename("campaigns/a-b/") == "campaigns/a-b.svg"


def test_relative_links_from_directory_urls() -> None:
    assert relative_to("", "qr/index.svg") == "qr/index.svg"
    assert relative_to("topics/x/", "qr/topics/x.svg") == "../../qr/topics/x.svg"


def _segno_svg(url: str, fast: bool) -> str:
    """The document segno itself writes, with the attributes qr_svg adds: the reference output."""
    import segno

    title = f"二维码：扫码打开 {url}"
    buf = io.BytesIO()
    segno.make_qr(url, error="m", mask=4 if fast else None).save(
        buf, kind="svg", xmldecl=False, svgns=True, nl=False, border=4, omitsize=True,
        dark="#000", light="#fff", title=title, svgclass="xb-qr", lineclass=None)
    svg = buf.getvalue().decode("utf-8")
    side = int(re.search(r'viewBox="0 0 (\d+)', svg).group(1)) * 8
    from html import escape
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" width="{side}" height="{side}" ', 1)


URLS = ["https://a.cn/", "HTTPS://A.CN/X", "https://a.cn/t/?a=1&b=<2>&c=\"q\"", "https://a.cn/中文/"] + [
    "https://xiaobao.example.cn/campaigns/" + ("abc-123-" * 40)[:n] + "/" for n in range(0, 300, 7)]


@pytest.mark.parametrize("url", URLS)
def test_fast_encoder_matches_segno_module_for_module(url: str) -> None:
    import segno

    rows = ["".join("1" if v else "0" for v in row) for row in segno.make_qr(url, error="m", mask=4).matrix]
    fast = fast_matrix_rows(url)
    assert fast is None or fast == rows
    if url.startswith("https://xiaobao"):
        assert fast is not None  # campaign URLs take the fast path
    for mode in (True, False):
        assert qr_svg(url, fast=mode) == _segno_svg(url, mode)


@pytest.mark.parametrize("site", ["https://x.cn/", "https://x.cn/sub", "http://127.0.0.1:8000/"])
def test_absolute_url_shortcut_agrees_with_urljoin(site):
    from urllib.parse import urljoin

    from xiaobao.outputs.qr import absolute_url

    base = site if site.endswith("/") else site + "/"
    for url in ["", "campaigns/c1/", "feed.xml", "a/../b/", "./x", "a b/", "zh/中文/", "?q=1", "#x", "a//b/", "index.html", "/a/b.html"]:
        assert absolute_url(site, url) == urljoin(base, url.lstrip("/")), url
