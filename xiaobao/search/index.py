"""Build the search files: a manifest, K binary shards of posting lists, and text blocks per page.

Layout under site/search/:
    meta.json                       {"v": version, "k": shards, "n": pages, "o": overlap, "f": format,
                                     "r": [pages of rank 0, of rank <= 1, of rank <= 2], "q": stop words}
    <v>/g.json                      synonyms.yml's everyday words: is a query plain? (dictionary.query_files)
    <v>/d.json                      query dictionary, synonyms, topics, hotlines, for questions and help
    <v>/f.json                      the folding table (fold.py), for characters search.js cannot fold alone
    <v>/s/<shard>.bin               posting lists (see codec.py), shard = fnv1a(key) % k
    <v>/b/<id // 100>/<id>-<i>.json {"u": url, "t": title, "n": blocks, "b": block size, "x": text}

Why blocks: the browser must prove that a candidate page really contains the query (bigrams alone
let 非法…集资 pass for 非法集资), and it needs text around the hit for the snippet. Each posting
says in which block of the page the key first occurs; the first occurrence of a query word cannot
start before (first block of each of its keys, minus one for keys inside the word), so the browser
reads blocks from there on and usually needs one ~1.5 KB block per result, not the whole page.
Block i holds text[i*b:(i+1)*b + overlap]: an occurrence of up to overlap+1 characters starting in
block i lies wholly in block file i. Pages are cut into at most 48 blocks.
Keys found in many pages are stored as bitmaps, with first blocks only for their first HEAD pages
(the first results shown); for later pages the browser reads blocks from the page's start.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from xiaobao.search.codec import encode_record, fnv1a, varint
from xiaobao.search.dictionary import query_files
from xiaobao.search.text import NON_WORD, normalize, word_runs

FORMAT = 1
MAX_BLOCKS = 48


@dataclass(frozen=True)
class IndexedPage:
    url: str  # relative to the site root, e.g. "campaigns/x/"
    title: str
    text: str  # normalised main text (text.html_to_text)
    rank: int = 3  # 0 education topic, 1 other editors' page, 2 generated index page, 3 campaign
    headings: tuple[str, ...] = ()  # h2-h4 of editors' pages: matched like the title


@dataclass
class Settings:
    block: int = 512  # characters a block holds (before overlap)
    overlap: int = 32  # longest query word checked inside one block file is overlap + 1
    shard_bytes: int = 2048  # target shard size; k = total / target. A query key costs one shard: at 10,000
    # campaigns a question's shards are 10 KB instead of 20 KB, for twice the shard files (about 4,500)
    dense: float = 1.0  # bitmap when the sparse list would be larger than dense * bitmap bytes
    head: int = 32  # first blocks kept for the first pages of a bitmap (the first results shown)


def block_size(length: int, block: int) -> int:
    return max(block, math.ceil(length / MAX_BLOCKS))


@lru_cache(maxsize=1)  # a constant, computed when first needed
def _word_table() -> np.ndarray:
    """True for the UTF-16 units that are word characters: text.NON_WORD, one lookup per unit."""
    table = np.ones(0x10000, dtype=bool)
    for cp in range(0x10000):
        if NON_WORD.match(chr(cp)):
            table[cp] = False
    return table




def page_keys(text: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted key codes of a page's unigrams and bigrams, and the block of each one's first occurrence.

    Key codes: a character c is c, a bigram ab is a | b << 16 (see key_text); punctuation, spaces
    and characters outside the BMP are no word characters (NUL), and keys holding NUL are dropped,
    except (a, NUL), which reads as a and occurs where a does. Vectorised: this is the hot loop of
    the index, run over every page. Unigram and bigram of position j are interleaved at 2j and 2j+1, so
    the smallest index of a key, halved, is the position of its first occurrence.
    """
    units = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    units[units > 0xFFFF] = 0
    units[~_word_table()[units]] = 0
    keys = np.zeros(2 * len(units), dtype=np.uint32)
    keys[0::2] = units
    if len(units) > 1:
        keys[1:-1:2] = np.where(units[:-1] != 0, units[:-1] | (units[1:] << 16), 0)
    packed = keys.astype(np.uint64)  # key << 32 | index: one plain sort instead of np.unique's
    packed <<= np.uint64(32)
    packed |= np.arange(len(keys), dtype=np.uint64)
    packed.sort()
    codes = (packed >> np.uint64(32)).astype(np.uint32)
    first = np.empty(len(codes), dtype=bool)
    first[:1] = True
    np.not_equal(codes[1:], codes[:-1], out=first[1:])
    first[:1] = len(codes) > 0 and codes[0] != 0  # key 0 holds NUL only
    index = (packed[first] & np.uint64(0xFFFFFFFF)).astype(np.int64)
    return codes[first], ((index >> 1) // size).astype(np.uint8)  # below MAX_BLOCKS


def page_firsts(text: str, size: int) -> dict[int, int]:
    """Key code -> block of its first occurrence (page_keys as a dict, for tests)."""
    codes, blocks = page_keys(text, size)
    return dict(zip(codes.tolist(), blocks.tolist()))


def _sparse_lists(deltas: np.ndarray, firsts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bytes of all (varint page-id delta, first block) pairs, concatenated, and each pair's end offset.

    A first block is below MAX_BLOCKS, so it is one varint byte; a delta takes one to four.
    """
    lengths = np.ones(len(deltas), dtype=np.uint8)  # bytes of the delta's varint
    for bits in (7, 14, 21):
        lengths += deltas >= (1 << bits)
    if 5 * len(deltas) >= 1 << 32:
        raise ValueError("search posting lists too large for 32-bit offsets")
    ends = np.cumsum(lengths, dtype=np.uint32)  # 32-bit offsets: half the memory of 64-bit ones
    ends += np.arange(1, len(deltas) + 1, dtype=np.uint32)  # plus one byte each for the first block
    starts = ends - lengths - 1
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    for k in range(int(lengths.max()) if len(lengths) else 0):
        more = np.flatnonzero(lengths > k) if k else slice(None)
        part = (deltas[more] >> (7 * k)) & 0x7F
        part |= (lengths[more] > k + 1).astype(part.dtype) << 7
        out[starts[more] + k] = part
    out[ends - 1] = firsts
    return out, ends


def key_code(key: str) -> int:
    return ord(key[0]) | (ord(key[1]) << 16 if len(key) > 1 else 0)


def key_text(code: int) -> str:
    return chr(code & 0xFFFF) + (chr(code >> 16) if code >> 16 else "")


def title_keys(title: str, headings: tuple[str, ...] = ()) -> set[int]:
    """Keys of the title and the headings: a page whose title or heading has a key ranks first."""
    keys: set[str] = set()
    for run in word_runs(normalize(" ".join((title, *headings)))):
        keys.update(run)
        keys.update([run[j:j + 2] for j in range(len(run) - 1)])
    return {key_code(k) for k in keys}


def add_title_keys(titles: dict[int, list], page_id: int, page: IndexedPage) -> None:
    """Append the page to the posting list of each key of its title (and, for the top ranks, its
    headings); a list is [last page id, delta-coded ids], so pages must come in id order."""
    for key in sorted(title_keys(page.title, page.headings if page.rank < 3 else ())):
        entry = titles.get(key)
        if entry is None:
            entry = titles[key] = [0, bytearray()]
        varint(page_id - entry[0], entry[1])
        entry[0] = page_id


def _blocks(page_id: int, page: IndexedPage, size: int, overlap: int) -> dict[str, bytes]:
    count = max(1, math.ceil(len(page.text) / size))
    # The JSON of {"u", "t", "n", "b", "x"} with the text last: the head is the same for every block.
    head = json.dumps({"u": page.url, "t": page.title, "n": count, "b": size, "x": ""},
                      ensure_ascii=False, separators=(",", ":"))[:-3]
    text, dumps = page.text, json.dumps
    return {f"b/{page_id // 100}/{page_id}-{i}.json":
            f'{head}{dumps(text[i * size:(i + 1) * size + overlap], ensure_ascii=False)}}}'.encode("utf-8")
            for i in range(count)}


def _bitmap(ids: np.ndarray, firsts: np.ndarray, head: int) -> bytes:
    """Content of a frequent key: page bitmap, then the first blocks of its first pages."""
    bits = np.zeros(int(ids[-1]) + 1, dtype=bool)
    bits[ids] = True
    raw = np.packbits(bits, bitorder="little").tobytes()
    out = bytearray()
    varint(len(raw), out)
    out += raw
    for first in firsts[:head].tolist():
        varint(first, out)
    return bytes(out)


CHUNK_PAIRS = 1 << 21  # pairs encoded at a time: the temporaries stay bounded whatever the site's size


def _records(page_codes: list[np.ndarray], page_firsts_: list[np.ndarray], titles: dict[int, list],
             settings: Settings) -> list[tuple[str, bytes]]:
    """One record per key, in key-code order: the (page, first block) pairs grouped by key.

    Each pair is packed in one integer, key << 32 | page << 8 | first block, so one in-place sort
    groups the pairs by key with pages ascending, in 8 bytes a pair. The lists are emptied once
    packed, and the sorted pairs are encoded a chunk of whole keys at a time: encoding them all at
    once would need several times the pairs' memory again.
    """
    pages = len(page_codes)
    if pages >= 1 << 24:
        raise ValueError("the search index holds at most 16,777,215 pages")
    packed = np.empty(sum(len(c) for c in page_codes), dtype=np.uint64)
    at = 0
    for page_id, (codes, firsts) in enumerate(zip(page_codes, page_firsts_)):
        part = packed[at:at + len(codes)]
        part[:] = codes
        part <<= np.uint64(32)
        part |= firsts
        part |= np.uint64(page_id << 8)
        at += len(codes)
    page_codes.clear()
    page_firsts_.clear()
    packed.sort()
    records: list[tuple[str, bytes]] = []
    lo = 0
    while lo < len(packed):
        hi = min(lo + CHUNK_PAIRS, len(packed))
        if hi < len(packed):  # end the chunk where the key of its last pair ends
            next_key = (int(packed[hi - 1]) >> 32) + 1
            hi = int(np.searchsorted(packed, np.uint64(next_key << 32)))
        records += _chunk_records(packed[lo:hi], pages, titles, settings)
        lo = hi
    return records


def _chunk_records(packed: np.ndarray, pages: int, titles: dict[int, list], settings: Settings) -> list[tuple[str, bytes]]:
    """The records of sorted pairs that hold every pair of each of their keys."""
    codes = (packed >> np.uint64(32)).astype(np.uint32)
    ids = ((packed >> np.uint64(8)) & np.uint64(0xFFFFFF)).astype(np.uint32)
    firsts = (packed & np.uint64(0xFF)).astype(np.uint8)
    starts = np.flatnonzero(codes[1:] != codes[:-1]) + 1
    starts = np.concatenate(([0], starts))
    ends = np.append(starts[1:], len(codes))
    deltas = ids.copy()
    deltas[1:] -= ids[:-1]
    deltas[starts] = ids[starts]
    data, pair_ends = _sparse_lists(deltas, firsts)
    del deltas
    byte_ends = pair_ends[ends - 1]
    byte_starts = np.concatenate(([0], byte_ends[:-1]))
    dense = (byte_ends - byte_starts) > settings.dense * math.ceil(pages / 8)
    raw = data.tobytes()
    records = []
    for code, start, end, lo, hi, is_dense in zip(codes[starts].tolist(), starts.tolist(), ends.tolist(),
                                                   byte_starts.tolist(), byte_ends.tolist(), dense.tolist()):
        key = key_text(code)
        content = _bitmap(ids[start:end], firsts[start:end], settings.head) if is_dense else raw[lo:hi]
        title = titles.get(code)
        records.append((key, encode_record(key, content, is_dense, bytes(title[1]) if title else b"")))
    return records


def _shards(records: list[tuple[str, bytes]], settings: Settings) -> list[bytes]:
    total = sum(len(r) for _, r in records)
    k = max(1, math.ceil(total / settings.shard_bytes))
    shards: list[list[bytes]] = [[] for _ in range(k)]
    for key, record in records:
        shards[fnv1a(key) % k].append(record)
    return [b"".join(s) for s in shards]


def build_index(pages: list[IndexedPage], settings: Settings | None = None, query: dict | None = None) -> dict[str, bytes]:
    """All search files, by path relative to site/search/. Page ids follow the order of `pages`.

    `query` is the query dictionary (dictionary.query_data), written beside the shards as the three
    files of dictionary.query_files.
    """
    settings = settings or Settings()
    titles: dict[int, list] = {}  # key -> [last page id, bytearray of page-id deltas]
    blocks: dict[str, bytes] = {}
    page_codes, page_firsts_ = [], []
    for page_id, page in enumerate(pages):
        size = block_size(len(page.text), settings.block)
        codes, firsts = page_keys(page.text, size)
        page_codes.append(codes)
        page_firsts_.append(firsts)
        add_title_keys(titles, page_id, page)
        blocks.update(_blocks(page_id, page, size, settings.overlap))
    shards = _shards(_records(page_codes, page_firsts_, titles, settings), settings)
    if query is not None:
        for name, part in query_files(query).items():
            blocks[name] = json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    digest = hashlib.sha256()
    for data in shards:
        digest.update(data)
    for name in sorted(blocks):
        digest.update(name.encode())
        digest.update(blocks[name])
    version = digest.hexdigest()[:10]
    files = {f"{version}/{name}": data for name, data in blocks.items()}
    files.update({f"{version}/s/{i}.bin": data for i, data in enumerate(shards)})
    ranks = [sum(1 for p in pages if p.rank <= r) for r in range(3)]
    meta = {"f": FORMAT, "v": version, "k": len(shards), "n": len(pages), "o": settings.overlap, "r": ranks}
    if query is not None:
        meta["q"] = query["q"]  # stop words: a query holding one is a question (dictionary.query_files)
    files["meta.json"] = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")  # stop words unescaped
    return files


def write_index(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write the files; remove other versions (left by `mkdocs serve --dirty`).

    Tens of thousands of small files: each directory is opened once and files are created
    relative to it, with one open, write and close each.
    """
    version = json.loads(files["meta.json"])["v"]
    if out_dir.is_dir():
        for old in out_dir.iterdir():
            if old.is_dir() and old.name != version:
                shutil.rmtree(old)
    by_dir: dict[str, list[tuple[str, bytes]]] = {}
    for name, data in files.items():
        parent, _, base = name.rpartition("/")
        by_dir.setdefault(parent, []).append((base, data))
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    relative = os.open in os.supports_dir_fd
    for parent, entries in by_dir.items():
        directory = out_dir / parent if parent else out_dir
        directory.mkdir(parents=True, exist_ok=True)
        dir_fd = os.open(directory, os.O_RDONLY) if relative else None
        try:
            for base, data in entries:
                fd = os.open(base if relative else directory / base, flags, 0o666, dir_fd=dir_fd)
                try:
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view):]
                finally:
                    os.close(fd)
        finally:
            if dir_fd is not None:
                os.close(dir_fd)
