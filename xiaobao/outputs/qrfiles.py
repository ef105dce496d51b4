"""The qr/ folder: one SVG code per page, and a page listing them all for download.

Nothing in a page's HTML needs a code's content (pages link to the files), so hooks/steps/reach.py has
them written by the background child (xiaobao.pipeline.background) while MkDocs writes the pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xiaobao.cache.store import Store, digest
from xiaobao.outputs.leaflets import render_qr_index
from xiaobao.outputs.qr import qr_svg


@dataclass(frozen=True)
class PageCode:
    name: str  # file name under qr/, from qr.qr_filename
    url: str  # absolute URL the code opens
    fast: bool  # fixed mask (generated pages): same code segno makes with that mask


def write_qr_codes(site: Path, codes: list[PageCode], keep_existing: bool = False, store: Store | None = None) -> None:
    """Write qr/<name> for every page; keep_existing skips codes already written.

    A code is a pure function of its URL and mask, so on a dirty rebuild an existing file is current,
    and the build cache (store) keeps each code under the hash of both (and the code version).
    """
    folder = Path(site) / "qr"
    made: set[str] = set()
    for code in codes:
        path = os.path.join(folder, code.name)
        if keep_existing and os.path.exists(path):
            continue
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        _place(path, code, store)


def _place(path: str, code: PageCode, store: Store | None) -> None:
    """The code's file: a hard link to its build-cache entry when there is one, else written.

    Why a link: at 10,000 campaigns a rebuild wrote 12,800 codes it had already made, each read from
    the cache and written again; a link costs one system call and no disk. A file already at the path
    (a `mkdocs serve` folder) is removed first, so a write never goes through a link into the cache.
    """
    entry = _entry(code, store)
    if entry is not None:
        try:
            _link(entry, path)
            return
        except OSError:  # another file system, a file system without links: written instead
            pass
    _unlink(path)
    with open(path, "wb") as out:
        out.write(_svg(code, store))


def _entry(code: PageCode, store: Store | None) -> str | None:
    """The cache entry holding the code, made now if missing; None without a cache."""
    if store is None or not store.enabled:
        return None
    entry = store.path("qr", _key(code.url, code.fast))
    if entry is None:
        return None
    if not entry.is_file():
        cached_svg(code.url, code.fast, store)
        if not entry.is_file():  # the cache could not be written
            return None
    return str(entry)


def _link(entry: str, path: str) -> None:
    _readable(entry)
    try:
        os.link(entry, path)
    except FileExistsError:
        os.unlink(path)
        os.link(entry, path)


def _readable(entry: str) -> None:
    """Cache entries are made private (mkstemp); a linked code must be readable as a written file is."""
    mode = 0o666 & ~_umask()
    if os.stat(entry).st_mode & 0o777 != mode:
        os.chmod(entry, mode)


@lru_cache(maxsize=1)
def _umask() -> int:
    """The process's umask, read without setting it (os.umask would change it for other threads meanwhile)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _key(url: str, fast: bool) -> str:
    return digest("qr", url, str(fast))


def _svg(code: PageCode, store: Store | None) -> bytes:
    return cached_svg(code.url, code.fast, store).encode("utf-8")


def cached_svg(url: str, fast: bool, store: Store | None) -> str:
    """qr_svg, or its copy in the build cache: a code depends on its URL and mask only (80 ms each
    with the mask search, which education pages get on every preview save)."""
    if store is None or not store.enabled:
        return qr_svg(url, fast=fast)
    key = _key(url, fast)
    data = store.get("qr", key)
    if data is not None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:  # a damaged entry is a miss
            pass
    text = qr_svg(url, fast=fast)
    store.put("qr", key, text.encode("utf-8"))
    return text


def write_qr_index(site: Path, items: list[tuple[str, str, str]], site_name: str) -> None:
    """qr/index.html: (title, URL, file name) of every page, sorted by file name."""
    folder = Path(site) / "qr"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(render_qr_index(sorted(items, key=lambda item: item[2]), site_name), encoding="utf-8")
