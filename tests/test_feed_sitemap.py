"""The feed and the sitemap as their readers check them: feedparser (strict) and the sitemaps.org schema."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

pytestmark = pytest.mark.build
SITEMAP_XSD = Path(__file__).parent / "vendor" / "sitemaps" / "sitemap.xsd"
SITE_URL = "https://xiaobao.example.cn/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _built(site: Path, url: str) -> bool:
    """Whether an absolute URL of the site names a page or file of the build."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path.lstrip("/")
    return (site / path / "index.html").exists() if path.endswith("/") or not path else (site / path).exists()


def test_feed_is_well_formed_atom(standards_site: Path):
    feed = feedparser.parse((standards_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title and feed.feed.id and feed.feed.updated
    assert len(feed.entries) > 50
    for entry in feed.entries:
        assert entry.title and entry.id and entry.updated, entry
        assert _built(standards_site, entry.link), entry.link


def test_feedparser_would_flag_a_broken_feed(standards_site: Path):
    text = (standards_site / "feed.xml").read_bytes().replace(b"</feed>", b"")
    assert feedparser.parse(text).bozo == 1


@pytest.fixture(scope="module")
def sitemap_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))


@pytest.mark.parametrize("name", ["sitemap.xml", "sitemap.xml.gz"])
def test_sitemap_follows_the_sitemaps_org_schema(standards_site: Path, sitemap_schema, name: str):
    raw = (standards_site / name).read_bytes()
    doc = etree.fromstring(gzip.decompress(raw) if name.endswith(".gz") else raw)
    assert sitemap_schema.validate(doc), sitemap_schema.error_log
    locs = doc.xpath("//s:url/s:loc/text()", namespaces=NS)
    assert len(locs) > 100 and len(set(locs)) == len(locs)
    missing = [loc for loc in locs if not _built(standards_site, loc)]
    assert not missing, missing
    pages = {SITE_URL + p.parent.relative_to(standards_site).as_posix() + "/"
             for p in (standards_site / "campaigns").rglob("index.html")
             if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")}  # not an old address's redirect
    assert len(pages) > 50 and pages <= set(locs), sorted(pages - set(locs))[:5]  # the pages the build writes itself


def test_the_schema_rejects_a_bad_sitemap(standards_site: Path, sitemap_schema):
    doc = etree.parse(str(standards_site / "sitemap.xml"))
    url = doc.find("s:url", NS)
    etree.SubElement(url, f"{{{NS['s']}}}priority").text = "2.0"
    assert not sitemap_schema.validate(doc)
