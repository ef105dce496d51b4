"""A throw-away build with the reach hook: QR folder, feed, screen, print views, slugs, redirects."""

from __future__ import annotations

import io
import re
from pathlib import Path

import feedparser
import pytest
import zxingcpp
from PIL import Image

from sitebuild import build, make_tree

pytestmark = pytest.mark.build
FIXTURES = Path(__file__).parent / "fixtures" / "reach"
SITE_URL = "https://xiaobao.example.cn/"


def _topic(name: str, extra: str = "") -> str:
    text = (FIXTURES / f"{name}.md").read_text(encoding="utf-8")
    return text.replace("---\n", "---\n" + extra, 1) if extra else text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_tree(tmp_path_factory.mktemp("reach"), {
        "docs/topics/fraud-prevention.md": _topic("fraud-prevention", "redirects: [anti-fraud, old/fraud-page]\n"),
        "docs/topics/credit-basics.md": _topic("credit-reporting", "slug: zhengxin\n").replace(
            "topic: credit-reporting\n", ""),
    })
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


def test_every_page_links_feed_and_offers_its_qr(site):
    pages = [p for p in site.rglob("index.html")
             if not p.relative_to(site).parts[0] in {"qr", "screen", "s", "print", "admin"} and "页面已搬家" not in p.read_text("utf-8")]
    assert len(pages) > 5
    for page in pages:
        html = page.read_text("utf-8")
        assert '<link rel="alternate feed" type="application/atom+xml"' in html, page
        src = re.search(r'<img src="([^"]+\.svg)" alt="本页二维码', html).group(1)
        assert (page.parent / src).resolve().is_file(), (page, src)


def test_qr_files_decode_to_absolute_urls(site):
    svg = (site / "qr" / "topics" / "fraud-prevention.svg").read_text("utf-8")
    assert "二维码" in svg and "https://xiaobao.example.cn/topics/fraud-prevention/" in svg
    index = (site / "qr" / "index.html").read_text("utf-8")
    assert 'href="topics/fraud-prevention.svg"' in index and 'href="index.svg"' in index


def test_slug_moves_the_page_and_redirects_keep_old_links(site):
    assert "个人信用报告记录了" in (site / "topics" / "zhengxin" / "index.html").read_text("utf-8")
    moved = (site / "topics" / "credit-basics" / "index.html").read_text("utf-8")  # the file name's address
    assert 'content="0; url=../../topics/zhengxin/"' in moved
    old = (site / "topics" / "anti-fraud" / "index.html").read_text("utf-8")
    assert 'content="0; url=../../topics/fraud-prevention/"' in old
    assert f'<link rel="canonical" href="{SITE_URL}topics/fraud-prevention/">' in old
    assert (site / "old" / "fraud-page" / "index.html").is_file()


def test_feed_lists_education_pages(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.bozo == 0
    links = [e.link for e in feed.entries]
    assert f"{SITE_URL}topics/fraud-prevention/" in links and f"{SITE_URL}topics/zhengxin/" in links


def test_print_view_is_the_leaflet_only(site):
    html = (site / "print" / "fraud-prevention" / "index.html").read_text("utf-8")
    assert "陌生来电说要把钱转到" in html and "内容审核日期：2025-03-01" in html
    assert "相关宣传活动" not in html  # the campaign listing is for the web page, not the leaflet
    assert '<a href="tel:110"><b>110</b></a>' in html and 'href="../../topics/fraud-prevention/"' in html
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "topics/fraud-prevention/" in svg


def test_screen_page_holds_points_qr_and_hotlines(site):
    html = (site / "screen" / "index.html").read_text("utf-8")
    assert "陌生来电说要把钱转到" in html and "每人每年可以免费查询两次" in html
    assert '"number": "12363"' in html and '"number": "110"' in html
    assert 'data-topic="fraud-prevention"' in html and 'data-topic="credit-reporting"' in html
    assert not re.search(r'(src|href)="https?://', html)  # nothing to fetch: survives a network cut


def test_page_qr_png_decodes(site):
    from xiaobao.outputs.qr import qr_png
    url = f"{SITE_URL}topics/zhengxin/"
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url, fast=True))))] == [url]
