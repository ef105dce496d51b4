"""Near-duplicate summaries: the same text pasted twice under two names skews every total."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Iterable, Protocol

_SENTENCE = re.compile(r"[。！？；\n!?;]+")
# Whitespace except \n (it ends a sentence), spelled out as one character class rather than
# "[^\S\n]|[…]", which the regex engine tries one alternative at a time. The same set as
# str.isspace() minus \n.
_NOISE = re.compile("[\t\x0b\x0c\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
                    "xX0-9０-９,，、“”\"'`·.（）()《》:：—-]+")
MIN_SENTENCE = 12
COMMON = 50  # a sentence in more files than this is boilerplate, not evidence


class HasBody(Protocol):
    slug: str
    body: str


def fingerprint(text: str) -> set[int]:
    """Hashes of normalised sentences; numbers and xx placeholders are ignored on purpose.

    The same in every process (not Python's salted hash()): a campaign's fingerprint is kept in the
    build cache with the checked campaign (xiaobao.campaigns.catalog) and compared with fresh ones."""
    return {_stable(core) for core in _SENTENCE.split(_NOISE.sub("", text)) if len(core) >= MIN_SENTENCE}


def _stable(sentence: str) -> int:
    return int.from_bytes(hashlib.blake2b(sentence.encode("utf-8"), digest_size=8).digest(), "little")


def find_near_duplicates(items: Iterable[HasBody], threshold: float = 0.6,
                         prints: list[frozenset[int]] | None = None) -> list[tuple[HasBody, HasBody, float]]:
    """Pairs whose smaller text shares at least `threshold` of its sentences with the other.

    prints: the items' fingerprints when already made (the catalog makes them while reading files).
    """
    items = list(items)
    if prints is None:
        prints = [frozenset(fingerprint(i.body)) for i in items]
    index: dict[int, list[int]] = defaultdict(list)
    for n, fp in enumerate(prints):
        for h in fp:
            index[h].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= COMMON:
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    shared[(a, b)] += 1
    pairs = []
    for (a, b), count in sorted(shared.items()):
        share = count / max(1, min(len(prints[a]), len(prints[b])))
        if share >= threshold:
            pairs.append((items[a], items[b], share))
    return pairs


class NearDuplicateIndex:
    """find_near_duplicates kept up to date file by file, for a `mkdocs serve` process.

    A save changes one campaign; comparing it again with every other costs a pass over every
    sentence of every file (2 s at 10,000 campaigns). Here each item is a key (its path) with
    its fingerprint; a sentence held by 2 to COMMON items counts once for every pair of them,
    exactly as in find_near_duplicates, and only the sentences of the items that changed are
    counted again. `pairs` gives what find_near_duplicates gives for the same items.
    """

    def __init__(self) -> None:
        self.prints: dict[str, frozenset[int]] = {}
        self.holders: dict[int, set[str]] = defaultdict(set)
        self.shared: dict[tuple[str, str], int] = {}

    def _count(self, holders: set[str], step: int) -> None:
        if 1 < len(holders) <= COMMON:
            members = sorted(holders)
            shared = self.shared
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    count = shared.get((a, b), 0) + step
                    if count:
                        shared[(a, b)] = count
                    else:
                        del shared[(a, b)]

    def _move(self, key: str, hashes: Iterable[int], joining: bool) -> None:
        for h in hashes:
            holders = self.holders[h]
            self._count(holders, -1)
            if joining:
                holders.add(key)
            else:
                holders.discard(key)
            self._count(holders, +1)
            if not holders:
                del self.holders[h]

    def update(self, prints: dict[str, frozenset[int]]) -> None:
        """Make the index hold exactly these items (key -> fingerprint)."""
        for key in [k for k, fp in self.prints.items() if prints.get(k) != fp]:
            self._move(key, self.prints.pop(key), joining=False)
        for key, fp in prints.items():
            if key not in self.prints:
                self.prints[key] = fp
                self._move(key, fp, joining=True)

    def pairs(self, threshold: float = 0.6) -> list[tuple[str, str, float]]:
        """(key a, key b, share) with a < b, in key order: find_near_duplicates' pairs by key."""
        prints, out = self.prints, []
        for (a, b), count in self.shared.items():
            share = count / max(1, min(len(prints[a]), len(prints[b])))
            if share >= threshold:
                out.append((a, b, share))
        return sorted(out)
