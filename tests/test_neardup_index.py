"""The preview's near-duplicate index, kept up to date file by file, finds what a full pass finds."""

from __future__ import annotations

import random
from dataclasses import dataclass

from xiaobao.campaigns import neardup
from xiaobao.campaigns.neardup import NearDuplicateIndex, find_near_duplicates


@dataclass
class Item:
    slug: str
    body: str


def _full(prints: dict[str, frozenset[int]]) -> list[tuple[str, str, float]]:
    keys = sorted(prints)
    items = [Item(k, "") for k in keys]
    return [(a.slug, b.slug, share) for a, b, share in find_near_duplicates(items, prints=[prints[k] for k in keys])]


def test_updates_match_a_full_pass(monkeypatch) -> None:
    monkeypatch.setattr(neardup, "COMMON", 4)  # small, so that sentences cross the boilerplate line both ways
    rng = random.Random(30)
    pool = list(range(40))
    prints = {f"campaigns/{n:03}.md": frozenset(rng.sample(pool, rng.randint(1, 8))) for n in range(30)}
    index = NearDuplicateIndex()
    index.update(prints)
    assert index.pairs() == _full(prints)
    assert index.pairs()  # the case has pairs to find
    for step in range(200):
        key = rng.choice(sorted(prints))
        if step % 7 == 0:
            del prints[key]  # a file deleted
        elif step % 11 == 0:
            prints[f"campaigns/new{step}.md"] = frozenset(rng.sample(pool, rng.randint(1, 8)))  # a file added
        else:
            prints[key] = frozenset(rng.sample(pool, rng.randint(0, 8)))  # a file saved
        index.update(prints)
        assert index.pairs() == _full(prints), step
    index.update({})
    assert index.pairs() == [] and not index.shared and not index.holders
