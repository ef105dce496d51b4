"""Build the search files: a manifest, K binary shards of posting lists, and text blocks per page.

Layout under site/search/:
    meta.json                       {"v": version, "k": shards, "n": pages, "o": overlap, "f": format}
    <v>/s/<shard>.bin               posting lists (see codec.py), shard = fnv1a(key) % k
    <v>/b/<id // 100>/<id>-<i>.json {"u": url, "t": title, "n": blocks, "b": block size, "x": text}

Why blocks: the browser must prove that a candidate page really contains the query (bigrams alone
let 非法…集资 pass for 非法集资), and it needs text around the hit for the snippet. Posting lists say
in which blocks of a page a key occurs, so a result costs one ~1.5 KB block, not the whole page.
Block i holds text[i*b:(i+1)*b + overlap]: an occurrence of up to overlap+1 characters starting in
block i lies wholly in block file i. Pages are cut into at most 48 blocks (masks fit in 48 bits).
Keys found in many pages are stored as bitmaps, with masks only for their first HEAD pages (the
first results shown); for later pages the browser reads the blocks in order until it finds the hit.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from xiaobao.search.codec import decode_sparse, encode_bitmap, encode_record, fnv1a, varint
from xiaobao.search.text import normalize, word_runs

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
    head: int = 32  # block masks kept for the first pages of a bitmap (the first results shown)


class _Postings:
    """Posting lists built in page order, kept encoded so 10,000 pages fit in little memory."""

    def __init__(self) -> None:
        self.content: dict[str, list] = {}  # key -> [last id, bytearray of (delta, mask)]
        self.titles: dict[str, list] = {}  # key -> [last id, bytearray of deltas]

    def add_page(self, page_id: int, masks: dict[str, int], title_keys: Iterable[str]) -> None:
        content = self.content
        for key, mask in masks.items():
            entry = content.get(key)
            if entry is None:
                entry = content[key] = [0, bytearray()]
            varint(page_id - entry[0], entry[1])
            varint(mask, entry[1])
            entry[0] = page_id
        for key in title_keys:
            entry = self.titles.get(key)
            if entry is None:
                entry = self.titles[key] = [0, bytearray()]
            varint(page_id - entry[0], entry[1])
            entry[0] = page_id


def block_size(length: int, block: int) -> int:
    return max(block, math.ceil(length / MAX_BLOCKS))


def page_masks(text: str, size: int) -> dict[str, int]:
    """key -> bit mask of the blocks in which it starts (unigrams and bigrams of word runs)."""
    masks: dict[str, int] = {}
    for i in range(max(1, math.ceil(len(text) / size))):
        keys: set[str] = set()
        for run in word_runs(text[i * size:(i + 1) * size + 1]):
            keys.update(run)
            keys.update([run[j:j + 2] for j in range(len(run) - 1)])
        bit = 1 << i
        for key in keys:
            masks[key] = masks.get(key, 0) | bit
    return masks


def title_keys(title: str) -> set[str]:
    keys: set[str] = set()
    for run in word_runs(normalize(title)):
        keys.update(run)
        keys.update([run[j:j + 2] for j in range(len(run) - 1)])
    return keys


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
    for key in sorted(postings.content):
        content = bytes(postings.content[key][1])
        dense = len(content) > settings.dense * bitmap_bytes
        if dense:
            content = encode_bitmap(decode_sparse(content), settings.head)
        titles = bytes(postings.titles[key][1]) if key in postings.titles else b""
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
        postings.add_page(page_id, page_masks(page.text, size), sorted(title_keys(page.title)))
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
