"""The bounded-memory writer gives the same search files as index.build_index + index.write_index."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from sitebuild import REPO
from xiaobao.search import bounded
from xiaobao.search.index import IndexedPage, Settings, build_index, write_index
from xiaobao.search.text import normalize


def _pages(n: int) -> list[IndexedPage]:
    text = normalize(re.sub(r"\s+", "", "".join(p.read_text(encoding="utf-8").split("---", 2)[-1]
                                                 for p in sorted((REPO / "campaigns").rglob("*.md")))))
    rng = random.Random(3)
    pages = []
    for i in range(n):
        start = rng.randrange(0, max(1, len(text) - 4000))
        body = text[start:start + rng.randint(50, 4000)] + f" page{i} 3·15 ABC"
        pages.append(IndexedPage(f"p/{i}/", f"第{i}页 标题", body, rank=min(3, i % 5), headings=("活动情况",) if i % 5 < 3 else ()))
    return pages


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("settings", [Settings(), Settings(block=256, shard_bytes=512, head=4)])
def test_same_files_as_in_memory(tmp_path: Path, monkeypatch, settings: Settings):
    pages = _pages(300)
    query = {"f": {"a": "b"}, "w": "0甲 1乙 2假币", "s": "假钱=2", "q": "的 了", "t": [], "h": []}  # query_data's format
    write_index(tmp_path / "memory", build_index(pages, settings, query=query))
    monkeypatch.setattr(bounded, "FLUSH_PAIRS", 1000)  # many spills per bucket
    version = bounded.write_index_bounded(tmp_path / "bounded", pages, settings, query=query)
    memory, spilled = _tree(tmp_path / "memory"), _tree(tmp_path / "bounded")
    assert len(memory) > 300 and version in next(iter(memory))
    assert memory == spilled


def test_old_versions_removed_and_no_work_folder_left(tmp_path: Path):
    pages = _pages(20)
    first = bounded.write_index_bounded(tmp_path, pages)
    second = bounded.write_index_bounded(tmp_path, pages[:10])
    assert first != second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([second, "meta.json"])


def test_block_names_are_made_in_the_order_sorting_them_all_gives():
    """The writer no longer keeps every block file's name: made from the counts, folder by folder,
    they must come out exactly as sorted() of the whole list did (the version digest reads them so)."""
    import random
    from array import array

    from xiaobao.search.bounded import _block_names

    rng = random.Random(30)
    for pages in (1, 99, 100, 101, 1000, 2345):
        counts = array("I", (rng.randint(1, 12) for _ in range(pages)))
        every = [f"b/{p // 100}/{p}-{i}.json" for p in range(pages) for i in range(counts[p])]
        assert list(_block_names(counts)) == sorted(every), pages
