"""The QR sheet and the sitemap are for readers: editors' and operators' pages are on neither; the
screen builder says what a branch name costs in characters to type on a TV."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xiaobao.site.audience import is_reader_page

pytestmark = pytest.mark.build
EDITORS_PAGES = ["guide/", "operators/", "cms/", "performance/", "editors/"]


def test_reader_pages_rule():
    assert is_reader_page({"title": "反诈"}) and is_reader_page(None) and is_reader_page({"xiaobao": {"kind": "campaign"}})
    assert not is_reader_page({"audience": "editors"}) and not is_reader_page({"xiaobao": {"kind": "review"}})


def test_sitemap_lists_readers_pages_only(standards_site: Path):
    sitemap = (standards_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert any(l.endswith("/topics/fraud-prevention/") for l in locs) and any("/campaigns/" in l for l in locs)
    for page in EDITORS_PAGES:
        assert (standards_site / page / "index.html").exists(), page  # the pages exist …
        assert not any(l.endswith("/" + page) for l in locs), page  # … but are not offered to search engines


def test_qr_sheet_lists_readers_pages_only(standards_site: Path):
    sheet = (standards_site / "qr" / "index.html").read_text(encoding="utf-8")
    assert "topics/fraud-prevention/" in sheet
    for page in EDITORS_PAGES:
        assert not re.search(rf"example\.cn/{re.escape(page)}[<\"]", sheet), page
    assert "编辑指南" not in sheet and "发布与运维" not in sheet


def test_builder_page_has_the_length_line(standards_site: Path):
    page = (standards_site / "screen-builder" / "index.html").read_text(encoding="utf-8")
    assert 'id="xb-builder-length"' in page
