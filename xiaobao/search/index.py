"""Build the search files: a manifest, K binary shards of posting lists, and text blocks per page.

Layout under site/search/:
    meta.json                       {"v": version, "k": shards, "n": pages, "o": overlap, "f": format}
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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from xiaobao.search.codec import encode_record, fnv1a, varint
from xiaobao.search.text import NON_WORD, normalize, word_runs

FORMAT = 1
MAX_BLOCKS = 48


@dataclass(frozen=True)
class IndexedPage:
    url: str  # relative to the site root, e.g. "campaigns/x/"
    title: str
    text: str  # normalised main text (text.html_to_text)


@dataclass
class Settings:
    block: int = 512  # characters a block holds (before overlap)
    overlap: int = 32  # longest query word checked inside one block file is overlap + 1
    shard_bytes: int = 4096  # target shard size; k = total / target
    dense: float = 1.0  # bitmap when the sparse list would be larger than dense * bitmap bytes
    head: int = 32  # first blocks kept for the first pages of a bitmap (the first results shown)


def block_size(length: int, block: int) -> int:
    return max(block, math.ceil(length / MAX_BLOCKS))


def _word_table() -> np.ndarray:
    """True for the UTF-16 units that are word characters: text.NON_WORD, one lookup per unit."""
    table = np.ones(0x10000, dtype=bool)
    for cp in range(0x10000):
        if NON_WORD.match(chr(cp)):
            table[cp] = False
    return table


_WORD: np.ndarray | None = None


def page_keys(text: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted key codes of a page's unigrams and bigrams, and the block of each one's first occurrence.

    Key codes: a character c is c, a bigram ab is a | b << 16 (see key_text); punctuation, spaces
    and characters outside the BMP are no word characters (NUL), and keys holding NUL are dropped,
    except (a, NUL), which reads as a and occurs where a does. Vectorised: this is the hot loop of
    the index at 10,000 pages. Unigram and bigram of position j are interleaved at 2j and 2j+1, so
    np.unique's first index, halved, is the position of the first occurrence.
    """
    global _WORD
    if _WORD is None:
        _WORD = _word_table()
    units = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    units[units > 0xFFFF] = 0
    units[~_WORD[units]] = 0
    keys = np.zeros(2 * len(units), dtype=np.uint32)
    keys[0::2] = units
    if len(units) > 1:
        keys[1:-1:2] = np.where(units[:-1] != 0, units[:-1] | (units[1:] << 16), 0)
    codes, first = np.unique(keys, return_index=True)
    if len(codes) and codes[0] == 0:
        codes, first = codes[1:], first[1:]
    return codes, (first >> 1) // size


def page_firsts(text: str, size: int) -> dict[int, int]:
    """Key code -> block of its first occurrence (page_keys as a dict, for tests)."""
    codes, blocks = page_keys(text, size)
    return dict(zip(codes.tolist(), blocks.tolist()))


def _varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LEB128 bytes of every value, concatenated, and each value's byte length."""
    values = values.astype(np.uint64)
    lengths = np.ones(len(values), dtype=np.int64)
    for bits in (7, 14, 21, 28, 35):
        lengths += values >= (1 << bits)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    out = np.zeros(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    for k in range(int(lengths.max()) if len(lengths) else 0):
        more = lengths > k
        at = starts[more] + k
        out[at] = ((values[more] >> np.uint64(7 * k)) & np.uint64(0x7F)).astype(np.uint8) | np.where(lengths[more] > k + 1, 0x80, 0).astype(np.uint8)
    return out, lengths


def key_code(key: str) -> int:
    return ord(key[0]) | (ord(key[1]) << 16 if len(key) > 1 else 0)


def key_text(code: int) -> str:
    return chr(code & 0xFFFF) + (chr(code >> 16) if code >> 16 else "")


def title_keys(title: str) -> set[int]:
    keys: set[str] = set()
    for run in word_runs(normalize(title)):
        keys.update(run)
        keys.update([run[j:j + 2] for j in range(len(run) - 1)])
    return {key_code(k) for k in keys}


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
    """Content of a frequent key (codec.encode_bitmap): page bitmap, then the first blocks of its first pages."""
    bits = np.zeros(int(ids[-1]) + 1, dtype=bool)
    bits[ids] = True
    raw = np.packbits(bits, bitorder="little").tobytes()
    out = bytearray()
    varint(len(raw), out)
    out += raw
    for first in firsts[:head].tolist():
        varint(first, out)
    return bytes(out)


def _records(codes: np.ndarray, ids: np.ndarray, firsts: np.ndarray, titles: dict[int, list],
             pages: int, settings: Settings) -> list[tuple[str, bytes]]:
    """One record per key, in key-code order: the (page, first block) pairs grouped by key.

    The pairs come in page order; a stable sort by key keeps pages ascending inside each key,
    so the page-id deltas and the sparse lists are computed for all keys at once.
    """
    order = np.argsort(codes, kind="stable")
    codes, ids, firsts = codes[order], ids[order], firsts[order]
    starts = np.flatnonzero(np.diff(codes)) + 1
    starts = np.concatenate(([0], starts)) if len(codes) else starts
    ends = np.append(starts[1:], len(codes))
    deltas = np.diff(ids, prepend=0)
    deltas[starts] = ids[starts]
    pairs = np.empty(2 * len(codes), dtype=np.int64)
    pairs[0::2], pairs[1::2] = deltas, firsts
    data, lengths = _varints(pairs)
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    byte_starts, byte_ends = offsets[2 * starts], offsets[2 * ends]
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


def build_index(pages: list[IndexedPage], settings: Settings | None = None) -> dict[str, bytes]:
    """All search files, by path relative to site/search/. Page ids follow the order of `pages`."""
    settings = settings or Settings()
    titles: dict[int, list] = {}  # key -> [last page id, bytearray of page-id deltas]
    blocks: dict[str, bytes] = {}
    page_codes, page_firsts_ = [], []
    for page_id, page in enumerate(pages):
        size = block_size(len(page.text), settings.block)
        codes, firsts = page_keys(page.text, size)
        page_codes.append(codes)
        page_firsts_.append(firsts)
        for key in sorted(title_keys(page.title)):
            entry = titles.get(key)
            if entry is None:
                entry = titles[key] = [0, bytearray()]
            varint(page_id - entry[0], entry[1])
            entry[0] = page_id
        blocks.update(_blocks(page_id, page, size, settings.overlap))
    counts = [len(c) for c in page_codes]
    codes = np.concatenate(page_codes) if pages else np.zeros(0, dtype=np.uint32)
    ids = np.repeat(np.arange(len(pages), dtype=np.int64), counts)
    firsts = np.concatenate(page_firsts_).astype(np.int64) if pages else np.zeros(0, dtype=np.int64)
    shards = _shards(_records(codes, ids, firsts, titles, len(pages), settings), settings)
    digest = hashlib.sha256()
    for data in shards:
        digest.update(data)
    for name in sorted(blocks):
        digest.update(name.encode())
        digest.update(blocks[name])
    version = digest.hexdigest()[:10]
    files = {f"{version}/{name}": data for name, data in blocks.items()}
    files.update({f"{version}/s/{i}.bin": data for i, data in enumerate(shards)})
    meta = {"f": FORMAT, "v": version, "k": len(shards), "n": len(pages), "o": settings.overlap}
    files["meta.json"] = json.dumps(meta, separators=(",", ":")).encode()
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
