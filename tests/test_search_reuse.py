"""A rebuild reuses the previous index's unchanged pages and shards: the same files as a clean build,
the previous site untouched, and a state that does not match the previous site never used."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from test_search_bounded import _pages, _tree
from xiaobao.cache.store import Store
from xiaobao.search import bounded, reuse
from xiaobao.search.index import Settings

QUERY = {"f": {"a": "b"}, "w": "0甲 1乙 2假币", "s": "假钱=2", "q": "的 了", "t": [], "h": []}
SETTINGS = Settings(block=256, shard_bytes=512)


def _edited(pages):
    """One text changed, one page gone (later pages renumbered), one added, one title changed."""
    out = list(pages)
    out[5] = replace(out[5], text=out[5].text + " 新增一句话：防范非法集资")
    del out[7]
    out[20] = replace(out[20], title="改过的标题")
    out.append(replace(out[3], url="p/new/"))
    return out


def _links(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file() and p.stat().st_nlink > 1)


def _build(out: Path, pages, cache=None, previous=None) -> str:
    return bounded.write_index_bounded(out, pages, SETTINGS, query=QUERY, cache=cache, previous_dir=previous)


def test_rebuild_reuses_and_equals_clean_build(tmp_path: Path):
    pages, cache = _pages(300), Store(tmp_path / "cache")
    site = tmp_path / "site" / "search"
    _build(site, pages, cache, site)  # first build: nothing to reuse, the state recorded
    before = _tree(site)
    inodes = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    edited = _edited(pages)
    _build(tmp_path / "staging" / "search", edited, cache, site)
    _build(tmp_path / "clean" / "search", edited)
    assert _tree(tmp_path / "staging" / "search") == _tree(tmp_path / "clean" / "search")
    # Most block files and some shards are links to the previous site's files, which are as they were.
    linked = _links(tmp_path / "staging" / "search")
    assert linked > 0.8 * sum(1 for p in site.rglob("b/*/*.json"))
    assert _tree(site) == before
    assert {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()} == inodes


def test_rebuild_in_place_equals_clean_build(tmp_path: Path):
    """The preview writes into the site itself: the old version is the source of the links, then removed."""
    pages, cache = _pages(120), Store(tmp_path / "cache")
    site = tmp_path / "site" / "search"
    _build(site, pages, cache, site)
    edited = _edited(pages)
    _build(site, edited, cache, site)
    _build(tmp_path / "clean" / "search", edited)
    assert _tree(site) == _tree(tmp_path / "clean" / "search")
    _build(site, pages, cache, site)  # and back
    _build(tmp_path / "clean2" / "search", pages)
    assert _tree(site) == _tree(tmp_path / "clean2" / "search")


def test_state_of_another_index_is_not_used(tmp_path: Path, monkeypatch):
    """The previous site's index is not the one the state describes (a failed build since, a copy):
    nothing is linked."""
    pages, cache = _pages(60), Store(tmp_path / "cache")
    site = tmp_path / "site" / "search"
    _build(site, pages, cache, site)
    meta = json.loads((site / "meta.json").read_text(encoding="utf-8"))
    assert reuse.load(cache, site, SETTINGS) is not None
    assert reuse.load(cache, site, Settings()) is None  # other settings
    (site / "meta.json").write_text(json.dumps({**meta, "v": "0123456789"}))
    assert reuse.load(cache, site, SETTINGS) is None
    (site / "meta.json").write_text(json.dumps(meta))
    assert reuse.load(Store(None), site, SETTINGS) is None  # no cache
    _build(tmp_path / "other" / "search", pages, cache, tmp_path / "elsewhere" / "search")  # no index there
    assert _links(tmp_path / "other" / "search") == 0


def test_missing_previous_file_is_written(tmp_path: Path):
    """A block file gone from the previous site: that page's blocks are written, the result is the same."""
    pages, cache = _pages(60), Store(tmp_path / "cache")
    site = tmp_path / "site" / "search"
    version = _build(site, pages, cache, site)
    os.unlink(site / version / "b" / "0" / "4-0.json")
    _build(tmp_path / "staging" / "search", pages, cache, site)
    assert (tmp_path / "staging" / "search" / version / "b" / "0" / "4-0.json").stat().st_nlink == 1
    _build(tmp_path / "clean" / "search", pages)
    assert _tree(tmp_path / "staging" / "search") == _tree(tmp_path / "clean" / "search")


def test_changed_previous_file_is_not_reused(tmp_path: Path):
    """A block file changed in the previous site by hand (same size): the rebuild notices it when it
    reads the files for the version, and writes the whole index anew."""
    pages, cache = _pages(60), Store(tmp_path / "cache")
    site = tmp_path / "site" / "search"
    version = _build(site, pages, cache, site)
    target = site / version / "b" / "0" / "9-0.json"
    data = target.read_bytes()
    target.write_bytes(data.replace(b'"u":"p/', b'"u":"q/', 1))
    assert target.read_bytes() != data
    _build(tmp_path / "staging" / "search", pages, cache, site)
    _build(tmp_path / "clean" / "search", pages)
    assert _tree(tmp_path / "staging" / "search") == _tree(tmp_path / "clean" / "search")
    assert _links(tmp_path / "staging" / "search") == 0
