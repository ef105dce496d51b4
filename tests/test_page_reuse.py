"""A page reused from the previous site (xiaobao/pipeline/reuse.py): linked in only when the file is
exactly the cached output, and never written through.

The whole-site proof (a cached build equals a clean build after each kind of change) is
tests/test_build_cache.py; these are the file-level rules it relies on.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from xiaobao.pipeline import reuse
from xiaobao.pipeline.linkcheck import LinkCollector
from xiaobao.pipeline.outputs import Written

PAGE = "campaigns/c1/index.html"
HTML = '<html><a href="../../orgs/x/">x</a><a href="../c2/">c2</a><img src="../../assets/a.png"></html>'


def _published(previous: Path, data: bytes) -> tuple[Path, reuse.Output]:
    """A page as the last build wrote it, and the entry that build kept for it."""
    path = previous / PAGE
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    entry = reuse.Output(reuse.sha(data), len(data), reuse.ident(os.stat(path)), (("标题", "https://x/c1/", "a.svg"),),
                         (("campaigns/c1/", "标题", "campaigns/c1.md", "old-name"),), PAGE, (), None)
    return path, entry


def _staging(tmp_path: Path) -> Written:
    written = Written(tmp_path / "staging")
    written.claim(PAGE)
    return written


def test_the_published_file_is_linked_in(tmp_path: Path):
    old, entry = _published(tmp_path / "site", HTML.encode())
    written = _staging(tmp_path)
    assert written.place(PAGE, old, entry, "test") == entry.ident
    new = tmp_path / "staging" / PAGE
    assert new.read_bytes() == HTML.encode() and os.path.samestat(os.stat(new), os.stat(old))
    assert PAGE in written.by


@pytest.mark.parametrize("how", ["edited", "missing", "symlink"])
def test_a_file_that_is_not_the_cached_output_is_not_used(tmp_path: Path, how: str):
    old, entry = _published(tmp_path / "site", HTML.encode())
    if how == "edited":  # same length, other bytes, other time stamp
        old.write_bytes(HTML.encode()[:-1] + b"X")
    elif how == "missing":
        old.unlink()
    else:
        other = tmp_path / "elsewhere.html"
        other.write_bytes(HTML.encode())
        old.unlink()
        old.symlink_to(other)
    written = _staging(tmp_path)
    assert written.place(PAGE, old, entry, "test") is None
    assert not (tmp_path / "staging" / PAGE).exists() and PAGE not in written.by


def test_the_same_bytes_in_another_file_are_used_and_known_by_that_file(tmp_path: Path):
    """A site restored by copying (CI): new inodes, same bytes; the entry learns the new file."""
    old, entry = _published(tmp_path / "site", HTML.encode())
    copy = tmp_path / "copy.html"
    copy.write_bytes(old.read_bytes())
    old.unlink()
    copy.rename(old)
    found = _staging(tmp_path).place(PAGE, old, entry, "test")
    assert found is not None and found != entry.ident and found == reuse.ident(os.stat(old))


def test_writing_a_linked_page_never_changes_the_previous_site(tmp_path: Path):
    old, entry = _published(tmp_path / "site", HTML.encode())
    written = _staging(tmp_path)
    assert written.place(PAGE, old, entry, "test") is not None
    written.by.clear()  # as a later step writing the same path would (the outputs table forbids it in a build)
    written.write(PAGE, "新的页面", "test")
    assert old.read_bytes() == HTML.encode()
    assert (tmp_path / "staging" / PAGE).read_text(encoding="utf-8") == "新的页面"


def test_replayed_links_are_the_links_read_from_the_page(tmp_path: Path):
    """The link check gets from a reused page what reading its HTML gave (same order, same sharing)."""
    read, replayed = LinkCollector(tmp_path), LinkCollector(tmp_path)
    for n in range(3):
        dest = f"campaigns/c{n}/index.html"
        read.add(dest, HTML, dest)
        replayed.add(dest, "", dest, read.last)
    assert list(replayed.links) == list(read.links) and list(read.links)
    assert replayed.problems(lambda rel: False) == read.problems(lambda rel: False) != []


def test_redirects_replay_as_the_redirect_writer_reads_them(tmp_path: Path):
    _, entry = _published(tmp_path / "site", HTML.encode())
    (page, old), = entry.redirect_pairs()
    assert (page.url, page.title, page.file.src_uri, old) == ("campaigns/c1/", "标题", "campaigns/c1.md", "old-name")


def test_a_damaged_entry_is_a_miss():
    assert reuse.loads(None) is None and reuse.loads(b"not a pickle") is None
