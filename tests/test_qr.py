"""QR codes must decode to the page's absolute URL: that is all a phone at the counter needs."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image

from xiaobao.qr import absolute_url, qr_filename, qr_png, qr_svg, relative_to


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
