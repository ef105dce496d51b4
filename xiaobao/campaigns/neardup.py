"""Near-duplicate summaries: the same text pasted twice under two names skews every total."""

from __future__ import annotations

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
    """Hashes of normalised sentences; numbers and xx placeholders are ignored on purpose."""
    return {hash(core) for core in _SENTENCE.split(_NOISE.sub("", text)) if len(core) >= MIN_SENTENCE}


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
