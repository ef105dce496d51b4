"""What the last search index was made of, kept so that a rebuild redoes only the pages that changed.

Why: at 2,000 campaigns a one-file rebuild spent 11 of its 14 search seconds cutting every page
into keys again and writing ~11,600 files whose bytes had not changed. The bounded writer
(xiaobao.search.bounded) now asks this module, page by page, for:
- the page's keys and first blocks and its title keys, by a hash of everything they are made of
  (address, title, rank, headings, text): kept in one data file, read back one page at a time;
- its block files: the bytes depend on that hash alone (not on the page's number), so the
  previous site's files are hard-linked under the new names instead of being written;
- the shards: one whose bytes hash the same as in the previous index is linked, not written.
Linking only ever makes a new name for the previous site's file; nothing is written through it,
and the previous site stays whole until the swap (tests/test_search_reuse.py). The linked files
are read anyway for the version digest: their bytes are checked against the hash recorded when
they were written, and a difference (a file changed in the site by hand) rebuilds without reuse.

The state is kept in the build cache (its folder is per code version, so a change of this code
misses), one state per site folder, replaced by each build. It is used only when the previous
site's search/meta.json names the version it describes and the settings are the same; anything
else (no cache, a failed build since, a missing file) rebuilds or writes as before. The files
written are the same bytes either way: reuse changes how, not what.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

import numpy as np

from xiaobao.search.index import IndexedPage, Settings

KIND = "search-state"
_HASH = 16


class Cache(Protocol):
    def path(self, kind: str, key: str) -> Path | None: ...


def page_hash(page: IndexedPage) -> bytes:
    """Everything a page's keys, title keys and block files are made of."""
    h = hashlib.blake2b(digest_size=_HASH)
    for part in (page.url, page.title, str(page.rank), "\x1f".join(page.headings), page.text):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def block_hasher():
    return hashlib.blake2b(digest_size=_HASH)


class Mismatch(Exception):
    """A file linked from the previous site does not hold the bytes the state recorded for it."""


class LinkedCheck:
    """The linked pages' block files, read for the version digest in name order (a page's files
    are consecutive: b/<folder>/<id>-<i>.json), hashed and compared with what the state recorded."""

    def __init__(self, expected: dict[int, bytes]) -> None:
        self.expected = expected
        self.page: int | None = None
        self.hasher = block_hasher()

    def add(self, name: str, data: bytes) -> None:
        if not self.expected or not name.startswith("b/"):
            return
        page = int(name.rpartition("/")[2].partition("-")[0])
        if page != self.page:
            self.done()
            self.page = page
        if page in self.expected:
            self.hasher.update(data)

    def done(self) -> None:
        """Compare the page read last; raise Mismatch when its bytes differ."""
        if self.page is not None and self.page in self.expected:
            if self.hasher.digest() != self.expected[self.page]:
                raise Mismatch(f"search block files of page {self.page}")
        self.page, self.hasher = None, block_hasher()


def shard_hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_HASH).digest()


def _settings_key(settings: Settings) -> str:
    return json.dumps(asdict(settings), sort_keys=True)


def _paths(cache: Cache | None, previous_dir: Path | None) -> tuple[Path, Path] | None:
    if cache is None or previous_dir is None or getattr(cache, "root", True) is None:
        return None
    key = hashlib.sha256(str(Path(previous_dir).resolve()).encode()).hexdigest()
    base = cache.path(KIND, key)
    return (base.with_name(base.name + ".head"), base.with_name(base.name + ".data")) if base is not None else None


class Previous:
    """The last index's pages and shards, looked up by hash; page data read from disk when asked."""

    def __init__(self, folder: Path, head: dict, data: Path) -> None:
        self.folder = folder  # the previous site's search/<version>/
        hashes = head["hashes"]
        self.index = {bytes(hashes[i]): i for i in range(len(hashes))}
        self.offsets, self.codes, self.titles = head["offsets"], head["codes"], head["titles"]
        self.counts, self.blocks = head["counts"], head["blocks"]
        self.shards = [bytes(h) for h in head["shards"]]
        self.fd = os.open(data, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))

    def close(self) -> None:
        os.close(self.fd)

    def find(self, key: bytes) -> int | None:
        return self.index.get(key)

    def keys(self, old: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The page's key codes, their first blocks and its title key codes, as page_keys made them."""
        n, t = int(self.codes[old]), int(self.titles[old])
        raw = os.pread(self.fd, 5 * n + 4 * t, int(self.offsets[old]))
        if len(raw) != 5 * n + 4 * t:
            raise OSError("search state data file shorter than its head says")
        return (np.frombuffer(raw, dtype=np.uint32, count=n), np.frombuffer(raw, dtype=np.uint8, count=n, offset=4 * n),
                np.frombuffer(raw, dtype=np.uint32, count=t, offset=5 * n))

    def blocks_hash(self, old: int) -> bytes:
        return bytes(self.blocks[old])

    def link_blocks(self, old: int, page_id: int, files: Path, made_dirs: set[str]) -> list[str] | None:
        """The old page's block files linked under page_id's names; None when one cannot be (then write them)."""
        names = []
        folder = f"b/{page_id // 100}"
        if folder not in made_dirs:
            (files / folder).mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder)
        source = f"{self.folder}/b/{old // 100}/{old}-"
        for i in range(int(self.counts[old])):
            name = f"{folder}/{page_id}-{i}.json"
            try:
                os.link(f"{source}{i}.json", f"{files}/{name}")
            except OSError:
                for done in names:
                    os.unlink(f"{files}/{done}")
                return None
            names.append(name)
        return names

    def link_shard(self, shard: int, k: int, digest: bytes, target: Path) -> bool:
        if k != len(self.shards) or self.shards[shard] != digest:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.folder / "s" / f"{shard}.bin", target)
        except OSError:
            return False
        return True


def load(cache: Cache | None, previous_dir: Path | None, settings: Settings) -> Previous | None:
    """The previous index's state, when it describes the index the previous site holds."""
    paths = _paths(cache, previous_dir)
    if paths is None:
        return None
    try:
        version = json.loads((previous_dir / "meta.json").read_bytes())["v"]
        with np.load(paths[0], allow_pickle=False) as found:
            head = {name: found[name] for name in found.files}
        if (str(head["version"]) != version or str(head["settings"]) != _settings_key(settings)
                or not (previous_dir / version).is_dir() or os.path.getsize(paths[1]) != int(head["size"])):
            return None
        return Previous(previous_dir / version, head, paths[1])
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError):
        return None


class Recorder:
    """This index's state, written beside the cache while the pages go by, kept once the version is known."""

    def __init__(self, cache: Cache | None, previous_dir: Path | None, settings: Settings) -> None:
        self.paths = _paths(cache, previous_dir)
        self.settings = settings
        self.hashes: list[bytes] = []
        self.offsets: list[int] = []
        self.codes: list[int] = []
        self.titles: list[int] = []
        self.counts: list[int] = []
        self.blocks: list[bytes] = []
        self.shards: list[bytes] = []
        self.size = 0
        self.out = None
        if self.paths is not None:
            try:
                self.paths[1].parent.mkdir(parents=True, exist_ok=True)
                fd, self.tmp = tempfile.mkstemp(dir=self.paths[1].parent, prefix=".tmp-")
                self.out = os.fdopen(fd, "wb")
            except OSError:
                self.out = None

    def page(self, key: bytes, codes: np.ndarray, firsts: np.ndarray, titles: np.ndarray, count: int,
             blocks: bytes) -> None:
        if self.out is None:
            return
        self.blocks.append(blocks)
        self.hashes.append(key)
        self.offsets.append(self.size)
        self.codes.append(len(codes))
        self.titles.append(len(titles))
        self.counts.append(count)
        for part in (codes.astype(np.uint32, copy=False), firsts.astype(np.uint8, copy=False),
                     titles.astype(np.uint32, copy=False)):
            data = part.tobytes()
            self.out.write(data)
            self.size += len(data)

    def shard(self, digest: bytes) -> None:
        self.shards.append(digest)

    def keep(self, version: str) -> None:
        """The data file and its head put in place (head last: it names the data file's size)."""
        if self.out is None:
            return
        try:
            self.out.close()
            if self.paths[0].exists():  # never a head beside a data file it does not describe
                os.unlink(self.paths[0])
            os.replace(self.tmp, self.paths[1])
            head = io.BytesIO()
            np.savez(head, version=np.array(version), settings=np.array(_settings_key(self.settings)),
                     size=np.array(self.size, dtype=np.int64),
                     hashes=np.frombuffer(b"".join(self.hashes), dtype=np.uint8).reshape(-1, _HASH),
                     offsets=np.array(self.offsets, dtype=np.int64), codes=np.array(self.codes, dtype=np.int64),
                     titles=np.array(self.titles, dtype=np.int64), counts=np.array(self.counts, dtype=np.int64),
                     blocks=np.frombuffer(b"".join(self.blocks), dtype=np.uint8).reshape(-1, _HASH),
                     shards=np.frombuffer(b"".join(self.shards), dtype=np.uint8).reshape(-1, _HASH))
            fd, tmp = tempfile.mkstemp(dir=self.paths[0].parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(head.getvalue())
            os.replace(tmp, self.paths[0])
        except OSError:
            pass
        self.out = None

    def discard(self) -> None:
        if self.out is not None:
            self.out.close()
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.out = None
