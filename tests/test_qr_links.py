"""QR code files linked from the build cache are the files written without it (xiaobao/outputs/qrfiles.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from xiaobao.cache.store import Store
from xiaobao.outputs.qrfiles import PageCode, write_qr_codes

CODES = [PageCode("a.svg", "https://x.cn/a/", fast=True), PageCode("b/c.svg", "https://x.cn/b/c/", fast=True)]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_linked_codes_equal_written_codes_and_are_readable(tmp_path: Path):
    store = Store(tmp_path / "cache", version="test")
    write_qr_codes(tmp_path / "plain", CODES)
    write_qr_codes(tmp_path / "first", CODES, store=store)  # entries made, then linked
    write_qr_codes(tmp_path / "second", CODES, store=store)  # entries linked
    assert _files(tmp_path / "plain") == _files(tmp_path / "first") == _files(tmp_path / "second")
    linked = tmp_path / "second" / "qr" / "a.svg"
    assert os.stat(linked).st_nlink == 3  # the cache entry and two sites: nothing read or written again
    assert stat.S_IMODE(os.stat(linked).st_mode) == stat.S_IMODE(os.stat(tmp_path / "plain" / "qr" / "a.svg").st_mode)


def test_a_code_at_the_path_is_replaced_without_touching_the_cache(tmp_path: Path):
    store = Store(tmp_path / "cache", version="test")
    site = tmp_path / "site"
    write_qr_codes(site, CODES, store=store)
    entry_bytes = (site / "qr" / "a.svg").read_bytes()
    # The same name for another address (the site's address changed), in the same folder (mkdocs serve).
    write_qr_codes(site, [PageCode("a.svg", "https://y.cn/a/", fast=True)])
    write_qr_codes(tmp_path / "other", CODES[:1], store=store)
    assert (tmp_path / "other" / "qr" / "a.svg").read_bytes() == entry_bytes  # the cache entry kept its code
    assert (site / "qr" / "a.svg").read_bytes() != entry_bytes
