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
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from xiaobao.search.codec import decode_sparse, encode_bitmap, encode_record, fnv1a, varint
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


class _Postings:
    """Posting lists built in page order, kept encoded so 10,000 pages fit in little memory."""

    def __init__(self) -> None:
        self.content: dict[int, list] = {}  # key -> [last id, bytearray of (delta, first block)]
        self.titles: dict[int, list] = {}  # key -> [last id, bytearray of deltas]

    def add_page(self, page_id: int, firsts: dict[int, int], title_keys: Iterable[int]) -> None:
        content = self.content
        for key, first in firsts.items():
            entry = content.get(key)
            if entry is None:
                entry = content[key] = [0, bytearray()]
            delta = page_id - entry[0]
            if delta < 128 and first < 128:
                entry[1] += bytes((delta, first))
            else:
                varint(delta, entry[1])
                varint(first, entry[1])
            entry[0] = page_id
        for key in title_keys:
            entry = self.titles.get(key)
            if entry is None:
                entry = self.titles[key] = [0, bytearray()]
            varint(page_id - entry[0], entry[1])
            entry[0] = page_id


def block_size(length: int, block: int) -> int:
    return max(block, math.ceil(length / MAX_BLOCKS))


def page_firsts(text: str, size: int) -> dict[int, int]:
    """Key code -> block of its first occurrence, for unigrams and bigrams of word runs.

    Key codes: a character c is c, a bigram ab is a | b << 16 (see key_text). The hot loop of the
    index at 10,000 pages, so it runs at C speed: punctuation becomes NUL, the UTF-16 text is read
    as 16-bit units and, at two offsets, as 32-bit bigrams, and blocks are merged last to first so
    the earliest block wins. Keys holding NUL are dropped afterwards.
    """
    data = NON_WORD.sub("\0", text).encode("utf-16-le")
    first: dict[int, int] = {}
    for i in reversed(range(max(1, math.ceil(len(text) / size)))):
        seg = data[2 * i * size:2 * ((i + 1) * size + 1)]
        units = memoryview(seg[:2 * size]).cast("H")
        first.update(zip(units, repeat(i)))
        first.update(zip(memoryview(seg[:len(seg) // 4 * 4]).cast("I"), repeat(i)))
        odd = seg[2:]
        first.update(zip(memoryview(odd[:len(odd) // 4 * 4]).cast("I"), repeat(i)))
    # (a, NUL) reads as a: it is a's unigram and a occurs in that block, so it may stay.
    for unit in set(memoryview(data).cast("H")):
        first.pop(unit << 16, None)
    first.pop(0, None)
    return first


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
    out = {}
    for i in range(count):
        body = {"u": page.url, "t": page.title, "n": count, "b": size,
                "x": page.text[i * size:(i + 1) * size + overlap]}
        out[f"b/{page_id // 100}/{page_id}-{i}.json"] = json.dumps(
            body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out


def _shards(postings: _Postings, pages: int, settings: Settings) -> list[bytes]:
    bitmap_bytes = math.ceil(pages / 8)
    records = []
    for code in sorted(postings.content):
        key = key_text(code)
        content = bytes(postings.content[code][1])
        dense = len(content) > settings.dense * bitmap_bytes
        if dense:
            content = encode_bitmap(decode_sparse(content), settings.head)
        titles = bytes(postings.titles[code][1]) if code in postings.titles else b""
        records.append((key, encode_record(key, content, dense, titles)))
    total = sum(len(r) for _, r in records)
    k = max(1, math.ceil(total / settings.shard_bytes))
    shards = [bytearray() for _ in range(k)]
    for key, record in records:
        shards[fnv1a(key) % k] += record
    return [bytes(s) for s in shards]


def build_index(pages: list[IndexedPage], settings: Settings | None = None) -> dict[str, bytes]:
    """All search files, by path relative to site/search/. Page ids follow the order of `pages`."""
    settings = settings or Settings()
    postings = _Postings()
    blocks: dict[str, bytes] = {}
    for page_id, page in enumerate(pages):
        size = block_size(len(page.text), settings.block)
        postings.add_page(page_id, page_firsts(page.text, size), sorted(title_keys(page.title)))
        blocks.update(_blocks(page_id, page, size, settings.overlap))
    shards = _shards(postings, len(pages), settings)
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
    """Write the files; remove other versions (left by `mkdocs serve --dirty`)."""
    version = json.loads(files["meta.json"])["v"]
    if out_dir.is_dir():
        for old in out_dir.iterdir():
            if old.is_dir() and old.name != version:
                shutil.rmtree(old)
    made: set[Path] = set()
    for name, data in files.items():
        path = out_dir / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
