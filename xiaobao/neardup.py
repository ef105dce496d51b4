"""Near-duplicate summaries: the same text pasted twice under two names skews every total."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Protocol

_SENTENCE = re.compile(r"[。！？；\n!?;]+")
_NOISE = re.compile(r"[\sxX0-9０-９,，、“”\"'`·.（）()《》:：—-]+")
MIN_SENTENCE = 12
COMMON = 50  # a sentence in more files than this is boilerplate, not evidence


class HasBody(Protocol):
    slug: str
    body: str


def fingerprint(text: str) -> set[int]:
    """Hashes of normalised sentences; numbers and xx placeholders are ignored on purpose."""
    prints = set()
    for sentence in _SENTENCE.split(text):
        core = _NOISE.sub("", sentence)
        if len(core) >= MIN_SENTENCE:
            prints.add(hash(core))
    return prints


def find_near_duplicates(items: Iterable[HasBody], threshold: float = 0.6) -> list[tuple[HasBody, HasBody, float]]:
    """Pairs whose smaller text shares at least `threshold` of its sentences with the other."""
    items = list(items)
    prints = [fingerprint(i.body) for i in items]
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
