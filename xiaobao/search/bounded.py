"""The search files written with memory bounded by a slice of the index, not the whole of it.

Why: index.build_index holds every (key, page, first block) pair of the site in one array, every
record and every block file before writing any: at 100,000 campaigns about 300 million pairs, more
than 4 GB in the background child. Here the same files (byte for byte: tests/test_search_bounded.py)
are made in passes that each hold one part:
1. pages: each page's pairs go to one of BUCKETS spill files by key range (key order is bucket
   order), its block files straight into a work folder;
2. buckets, one at a time: sorted and encoded into records (index._chunk_records), which are
   appended to one records file, with (key, offset, length) kept;
3. shards: each shard's records read back from the records file, the shard written and hashed;
4. the version: the digest of index.build_index (shards, then every file by name), then the work
   folder becomes <version>/ and meta.json is written last.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import mmap
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from xiaobao.search.codec import fnv1a
from xiaobao.search.dictionary import query_files
from xiaobao.search import reuse
from xiaobao.search.index import (FORMAT, IndexedPage, Settings, _blocks, _chunk_records, block_size, page_keys,
                                  title_keys)

BUCKETS = 32
FLUSH_PAIRS = 1 << 18  # pairs a bucket buffers before they go to its spill file (2 MB)
BATCH_PAIRS = 1 << 18  # pairs of consecutive pages bucketed together
_LOW, _HIGH = 0x3400, 0xA000  # CJK: where the second character of most bigrams lies


def _bucket_of(codes: np.ndarray) -> np.ndarray:
    """Bucket of each key code, monotone in the code: unigrams and Latin first, CJK spread evenly."""
    second = (codes >> np.uint32(16)).astype(np.int64)
    inner = (second - _LOW) * (BUCKETS - 2) // (_HIGH - _LOW) + 1
    return np.where(second < _LOW, 0, np.where(second >= _HIGH, BUCKETS - 1, inner))


class _Spill:
    """Per-bucket spill files of packed pairs (key << 32 | page << 8 | first block).

    Pages are bucketed a batch at a time (BATCH_PAIRS): a page has a few thousand pairs, and a
    dozen numpy calls per page cost more than the work they did (the largest cost of a rebuild
    whose pages' keys come from the last index). A bucket's pairs are sorted as a whole when read,
    so the order they arrive in does not matter.
    """

    def __init__(self, folder: Path) -> None:
        self.paths = [folder / f"bucket-{i}.u64" for i in range(BUCKETS)]
        self.buffers: list[list[np.ndarray]] = [[] for _ in range(BUCKETS)]
        self.counts = [0] * BUCKETS
        self.pending: list[tuple[int, np.ndarray, np.ndarray]] = []
        self.pending_pairs = 0

    def add(self, page_id: int, codes: np.ndarray, firsts: np.ndarray) -> None:
        self.pending.append((page_id, codes, firsts))
        self.pending_pairs += len(codes)
        if self.pending_pairs >= BATCH_PAIRS:
            self._add_pending()

    def _add_pending(self) -> None:
        if not self.pending:
            return
        codes = np.concatenate([c for _, c, _ in self.pending]).astype(np.uint32, copy=False)
        packed = codes.astype(np.uint64) << np.uint64(32)
        packed |= np.concatenate([f for _, _, f in self.pending]).astype(np.uint64)
        ids = np.array([page_id for page_id, _, _ in self.pending], dtype=np.uint64) << np.uint64(8)
        packed |= np.repeat(ids, [len(c) for _, c, _ in self.pending])
        self.pending, self.pending_pairs = [], 0
        buckets = _bucket_of(codes)
        order = np.argsort(buckets, kind="stable")
        bounds = np.searchsorted(buckets[order], np.arange(BUCKETS + 1))
        for b in np.flatnonzero(np.diff(bounds)).tolist():
            part = packed[order[bounds[b]:bounds[b + 1]]]
            self.buffers[b].append(part)
            self.counts[b] += len(part)
            if self.counts[b] >= FLUSH_PAIRS:
                self._flush(b)

    def _flush(self, b: int) -> None:
        if self.buffers[b]:
            with open(self.paths[b], "ab") as out:
                np.concatenate(self.buffers[b]).tofile(out)
        self.buffers[b], self.counts[b] = [], 0

    def read(self, b: int) -> np.ndarray:
        self._add_pending()
        self._flush(b)
        if not self.paths[b].exists():
            return np.empty(0, dtype=np.uint64)
        pairs = np.fromfile(self.paths[b], dtype=np.uint64)
        self.paths[b].unlink()
        return pairs


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def write_index_bounded(out_dir: Path, pages: Sequence[IndexedPage], settings: Settings | None = None,
                        query: dict | None = None, cache: reuse.Cache | None = None,
                        previous_dir: Path | None = None) -> str:
    """Write the files index.build_index + index.write_index would write; return the version.

    With a cache, the pages and shards the index in previous_dir (the site being replaced) already
    holds are reused from it (xiaobao.search.reuse); the files are the same bytes.
    """
    settings = settings or Settings()
    if len(pages) >= 1 << 24:
        raise ValueError("the search index holds at most 16,777,215 pages")
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = reuse.load(cache, previous_dir, settings)
    recorder = reuse.Recorder(cache, previous_dir, settings)
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=out_dir))
    try:
        try:
            version = _write_all(out_dir, work, pages, settings, query, previous, recorder)
        except reuse.Mismatch:  # the previous site's files are not what the state says: nothing reused
            recorder.discard()
            shutil.rmtree(work, ignore_errors=True)
            recorder = reuse.Recorder(cache, previous_dir, settings)
            work = Path(tempfile.mkdtemp(prefix=".work-", dir=out_dir))
            version = _write_all(out_dir, work, pages, settings, query, None, recorder)
        recorder.keep(version)
        return version
    finally:
        recorder.discard()
        if previous is not None:
            previous.close()
        shutil.rmtree(work, ignore_errors=True)


def _title_codes(page: IndexedPage) -> np.ndarray:
    return np.array(sorted(title_keys(page.title, page.headings if page.rank < 3 else ())), dtype=np.uint32)


def _title_lists(page_ids: list[np.ndarray], codes: list[np.ndarray]) -> dict[int, tuple[None, bytes]]:
    """index.add_title_keys' lists for every page at once: key -> (unused, varint page-id deltas).

    Vectorised: one varint call per title key and page (a hundred per page) was, after reuse,
    the largest Python loop of a rebuild.
    """
    if not codes or not sum(len(c) for c in codes):
        return {}
    pairs = np.concatenate(codes).astype(np.uint64) << np.uint64(32)
    pairs |= np.concatenate(page_ids).astype(np.uint64)
    pairs.sort()
    keys = (pairs >> np.uint64(32)).astype(np.int64)
    ids = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
    starts = np.concatenate(([0], np.flatnonzero(keys[1:] != keys[:-1]) + 1))
    deltas = ids.copy()
    deltas[1:] -= ids[:-1]
    deltas[starts] = ids[starts]
    lengths = np.ones(len(deltas), dtype=np.int64)  # bytes of each delta's varint
    for bits in (7, 14, 21, 28):
        lengths += deltas >= (1 << bits)
    ends = np.cumsum(lengths)
    out = np.empty(int(ends[-1]), dtype=np.uint8)
    begins = ends - lengths
    for k in range(int(lengths.max())):
        more = np.flatnonzero(lengths > k)
        out[begins[more] + k] = ((deltas[more] >> (7 * k)) & 0x7F) | ((lengths[more] > k + 1) << 7)
    raw = out.tobytes()
    byte_starts = begins[starts].tolist()
    byte_ends = np.append(begins[starts][1:], len(raw)).tolist()
    return {key: (None, raw[lo:hi]) for key, lo, hi in zip(keys[starts].tolist(), byte_starts, byte_ends)}


def _write_blocks(files: Path, page_id: int, page: IndexedPage, size: int, settings: Settings,
                  made_dirs: set[str]) -> tuple[list[str], bytes]:
    """The page's block files written; their names and the hash of their bytes in name order."""
    names = []
    hasher = reuse.block_hasher()
    for name, data in sorted(_blocks(page_id, page, size, settings.overlap).items()):
        folder = name.rpartition("/")[0]
        if folder not in made_dirs:
            (files / folder).mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder)
        with open(f"{files}/{name}", "wb") as out:
            out.write(data)
        hasher.update(data)
        names.append(name)
    return names, hasher.digest()


def _write_all(out_dir: Path, work: Path, pages: Sequence[IndexedPage], settings: Settings, query: dict | None,
               previous: reuse.Previous | None, recorder: reuse.Recorder) -> str:
    files = work / "files"
    spill = _Spill(work)
    title_ids: list[np.ndarray] = []
    title_keys_: list[np.ndarray] = []
    counts = array("I")  # block files of each page (their names follow from it: _block_names)
    made_dirs: set[str] = set()
    expected: dict[int, bytes] = {}  # page id -> hash of the bytes of the block files linked for it
    page_ranks = array("B")  # read here: pages may be made one at a time (job.IndexedPages)
    for page_id, page in enumerate(pages):
        page_ranks.append(page.rank)
        key = reuse.page_hash(page)
        old = previous.find(key) if previous is not None else None
        if old is not None:
            codes, firsts, title_codes = previous.keys(old)
            linked = previous.link_blocks(old, page_id, files, made_dirs)
        else:
            size = block_size(len(page.text), settings.block)
            codes, firsts = page_keys(page.text, size)
            title_codes, linked = _title_codes(page), None
        spill.add(page_id, codes, firsts)
        title_keys_.append(title_codes)
        title_ids.append(np.full(len(title_codes), page_id, dtype=np.uint32))
        if linked is None:
            linked, blocks_hash = _write_blocks(files, page_id, page, block_size(len(page.text), settings.block),
                                                settings, made_dirs)
        else:
            blocks_hash = previous.blocks_hash(old)
            expected[page_id] = blocks_hash  # checked when the files are read for the version
        counts.append(len(linked))
        recorder.page(key, codes, firsts, title_codes, len(linked), blocks_hash)
    titles = _title_lists(title_ids, title_keys_)
    del title_ids, title_keys_
    # Records, bucket by bucket, in key order, into one file.
    keys: list[str] = []
    ends: list[int] = []
    total = 0
    with open(work / "records.bin", "wb") as records:
        for b in range(BUCKETS):
            pairs = spill.read(b)
            if not len(pairs):
                continue
            pairs.sort()
            for key, record in _records_of(pairs, len(pages), titles, settings):
                records.write(record)
                total += len(record)
                keys.append(key)
                ends.append(total)
            del pairs
    k = max(1, math.ceil(total / settings.shard_bytes))
    digest = hashlib.sha256()
    (files / "s").mkdir(parents=True, exist_ok=True)
    members: list[list[int]] = [[] for _ in range(k)]
    for i, key in enumerate(keys):
        members[fnv1a(key) % k].append(i)
    with open(work / "records.bin", "rb") as handle:
        view = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if total else None
        try:
            for shard, indices in enumerate(members):
                data = b"".join(view[(ends[i - 1] if i else 0):ends[i]] for i in indices) if view is not None else b""
                digest.update(data)
                same = reuse.shard_hash(data)
                recorder.shard(same)
                if previous is None or not previous.link_shard(shard, k, same, files / "s" / f"{shard}.bin"):
                    _write(files / "s" / f"{shard}.bin", data)
        finally:
            if view is not None:
                view.close()
    del keys, ends, members
    extra = {}
    if query is not None:
        for name, part in query_files(query).items():
            extra[name] = json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
            _write(files / name, extra[name])
    check = reuse.LinkedCheck(expected)
    for name in heapq.merge(_block_names(counts), sorted(extra)):  # every file by name, as build_index
        if name in extra:
            data = extra[name]
        else:
            with open(f"{files}/{name}", "rb") as handle:
                data = handle.read()
        digest.update(name.encode())
        digest.update(data)
        check.add(name, data)
    check.done()  # a linked file whose bytes are not the ones recorded: raises, and the index is written anew
    version = digest.hexdigest()[:10]
    if out_dir.is_dir():
        for old in out_dir.iterdir():
            if old.is_dir() and old != work and not old.name.startswith(".work-"):
                shutil.rmtree(old)
    os.replace(files, out_dir / version)
    ranks = [sum(1 for rank in page_ranks if rank <= r) for r in range(3)]
    meta = {"f": FORMAT, "v": version, "k": k, "n": len(pages), "o": settings.overlap, "r": ranks}
    if query is not None:
        meta["q"] = query["q"]
    # the stop words as UTF-8, not \u escapes: 1.5 KB less on every search
    _write(out_dir / "meta.json", json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return version


def _block_names(counts: array) -> Iterator[str]:
    """Every page's block file names (index._blocks: b/<id // 100>/<id>-<i>.json), in sorted order.

    Made from the counts, a folder at a time, instead of kept: at 100,000 campaigns the list of names
    held about 600,000 strings until the end. Folders sorted by their names and each folder's
    names sorted is the order of sorting them all: "b/1/…" < "b/10/…" as "1" < "10", "/" < "0"."""
    for folder in sorted(range((len(counts) + 99) // 100), key=str):
        first = folder * 100
        yield from sorted(f"b/{folder}/{page_id}-{i}.json"
                          for page_id in range(first, min(first + 100, len(counts))) for i in range(counts[page_id]))


def _records_of(pairs: np.ndarray, pages: int, titles: dict[int, tuple], settings: Settings):
    """index._records' encoding of sorted pairs, a chunk of whole keys at a time."""
    from xiaobao.search.index import CHUNK_PAIRS

    lo = 0
    while lo < len(pairs):
        hi = min(lo + CHUNK_PAIRS, len(pairs))
        if hi < len(pairs):
            next_key = (int(pairs[hi - 1]) >> 32) + 1
            hi = int(np.searchsorted(pairs, np.uint64(next_key << 32)))
        yield from _chunk_records(pairs[lo:hi], pages, titles, settings)
        lo = hi
