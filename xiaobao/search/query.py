"""The browser's exact search in Python, for tests and byte measurements.

Mirrors the exact mode of docs/assets/js/search.js step for step: keys of each query word,
candidate pages and start blocks from the shards, then verification of the exact word in the
block text. The question mode (segmentation, synonyms, ranking) runs only in the browser and is
measured there (scripts/bench_search.py, tests/browser/test_search_questions.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from xiaobao.search.codec import decode_bitmap, decode_ids, decode_shard, decode_sparse, fnv1a
from xiaobao.search.text import keys_of, query_words

MAX_WORD = 200


@dataclass
class Hit:
    page: int
    url: str
    title: str
    snippet: str


@dataclass
class Searcher:
    """Reads search files through `load(path) -> bytes | None` and counts the bytes it read."""

    load: Callable[[str], bytes | None]
    fetched: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.meta = json.loads(self._get("meta.json"))
        self._shards: dict[int, dict] = {}
        self._blocks: dict[tuple[int, int], dict] = {}

    def _get(self, path: str) -> bytes | None:
        data = self.load(path)
        if data is not None and path not in self.fetched:
            self.fetched[path] = len(data)
        return data

    def record(self, key: str) -> tuple[bool, bytes, bytes] | None:
        shard = fnv1a(key) % self.meta["k"]
        if shard not in self._shards:
            self._shards[shard] = decode_shard(self._get(f"{self.meta['v']}/s/{shard}.bin") or b"")
        return self._shards[shard].get(key)

    def block(self, page: int, i: int) -> dict:
        if (page, i) not in self._blocks:
            self._blocks[page, i] = json.loads(self._get(f"{self.meta['v']}/b/{page // 100}/{page}-{i}.json"))
        return self._blocks[page, i]

    def candidates(self, word: str) -> tuple[dict[int, int], set[int]]:
        """page -> first block where the word can start, and pages whose title has every key."""
        pages: dict[int, int] | None = None
        titles: set[int] | None = None
        for key, offset in keys_of(word):
            rec = self.record(key)
            if rec is None:
                return {}, set()
            bitmap, content, title = rec
            firsts = decode_bitmap(content) if bitmap else decode_sparse(content)
            found = {p: 0 if f is None else max(f - (1 if offset else 0), 0) for p, f in firsts.items()}
            pages = found if pages is None else {p: max(s, found[p]) for p, s in pages.items() if p in found}
            ids = set(decode_ids(title))
            titles = ids if titles is None else titles & ids
        return pages or {}, titles or set()

    def contains(self, page: int, word: str, start: int) -> int | None:
        """Index of the block where `word` first occurs, reading blocks from `start` on: the exactness check."""
        at, count = start, start + 1
        while at < count:
            block = self.block(page, at)
            count = block["n"]
            text = block["x"]
            if len(word) > self.meta["o"] + 1 and at + 1 < count:
                text = text[:block["b"]] + self.block(page, at + 1)["x"]
            if word in text:
                return at
            at += 1
        return None

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        words = query_words(query)
        if not words or any(len(w) > MAX_WORD or not keys_of(w) for w in words):
            return []
        per_word = [self.candidates(w) for w in words]
        pages = set.intersection(*(set(c) for c, _ in per_word))
        in_title = set.intersection(*(t for _, t in per_word))
        hits: list[Hit] = []
        for page in sorted(pages, key=lambda p: (p not in in_title, p)):
            where = [self.contains(page, w, c[page]) for w, (c, _) in zip(words, per_word)]
            if any(i is None for i in where):
                continue
            block = self.block(page, where[0])
            hits.append(Hit(page, block["u"], block["t"], _snippet(block["x"], words[0])))
            if limit and len(hits) >= limit:
                break
        return hits


def _snippet(text: str, word: str, width: int = 40) -> str:
    at = max(text.find(word), 0)
    return text[max(0, at - width):at + len(word) + width]
