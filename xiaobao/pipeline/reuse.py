"""A written page whose inputs did not change is not made again: the previous site's file is linked in.

Why: a rebuild after one campaign changed still read every page's cached content, filled the
theme's frame around it and wrote it (13.6 s of a 44.6 s one-file rebuild at 2,000 campaigns),
although all but a handful of pages came out byte for byte as before. A page's output is kept in
the build cache (xiaobao.cache.store) under the hash of everything it is made from (the caller's
key: the page's content inputs, the frame's, the code version); the entry holds the output's
hash and what the page gave the build besides its file (its QR sheet row, redirects, the links the
link check reads, its search text). On a hit the file of the site the last build published is
hard-linked into the new site (copied where a link is impossible) and the entry replayed.

What makes a hit safe:
- the key changes with any input, so a stale entry is never read (as for every cache entry);
- the previous file must be the one the entry describes: same inode, device, size and time of
  last change as when it was written (a hard link keeps all four), or else its bytes must hash
  to the entry's hash; anything else is a miss and the page is made;
- nothing writes through a link: every write of a page removes the path first
  (xiaobao.pipeline.outputs.Written), and the staging folder starts empty, so the previous site
  and the cache are never changed by the new build. The cache holds no page files at all.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KIND = "output"


@dataclass(frozen=True)
class FileRef:
    """The one field of a page's file that the redirect writer reads."""

    src_uri: str


@dataclass(frozen=True)
class PageRef:
    """Stands for a reused page in the redirect list: the writer reads its address, title and source."""

    url: str
    title: str | None
    file: FileRef


@dataclass(frozen=True)
class Output:
    """One written page's output and what it gave the build besides its file."""

    sha: str  # sha256 of the file's bytes
    size: int
    ident: tuple[int, int, int]  # (inode, device, mtime_ns) of the file as written
    qr: tuple  # rows it added to the QR sheet
    redirects: tuple[tuple[str, str | None, str, str], ...]  # (url, title, src_uri, old address)
    label: str  # how the link check names the page
    links: tuple  # the link collector's matches on the page (xiaobao.pipeline.linkcheck)
    search: Any  # its search source (xiaobao.search.job.PageSource) or None

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    def redirect_pairs(self) -> list[tuple[PageRef, str]]:
        return [(PageRef(url, title, FileRef(src)), old) for url, title, src, old in self.redirects]


def loads(data: bytes | None) -> Output | None:
    """The entry, or None for a missing or damaged one (a miss)."""
    if data is None:
        return None
    try:
        found = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a damaged entry is a miss
        return None
    return found if isinstance(found, Output) else None


def ident(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_ino, info.st_dev, info.st_mtime_ns


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def place(previous: str | Path, target: str | Path, entry: Output) -> tuple[int, int, int] | None:
    """Put the previous site's file at target when it is the entry's output; None when it is not
    (missing, another file, changed). Returns the placed file's identity (the entry is stored
    again by the caller when it differs from the entry's)."""
    try:
        info = os.lstat(previous)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size != entry.size:
        return None
    data = None
    if ident(info) != entry.ident:  # not the file the entry saw written: its bytes must say so
        data = _read(previous)
        if data is None or sha(data) != entry.sha:
            return None
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(previous, target, follow_symlinks=False)
        return ident(info)
    except OSError:  # another file system, or links not allowed: a copy of the checked bytes
        if data is None:
            data = _read(previous)
            if data is None or sha(data) != entry.sha:
                return None
        with open(target, "xb") as handle:
            handle.write(data)
            return ident(os.fstat(handle.fileno()))


def _read(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
