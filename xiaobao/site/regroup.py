"""A preview save groups and sorts the catalog again only where the saved campaigns moved.

Why: every save grouped 10,000 campaigns by year, region, organisation, type, topic and metric
and sorted each metric's campaigns by size, 0.9 s of a save on a loaded machine, while a save
usually changes one campaign's text or figures and leaves it in the same groups. The last
build's groups (and sorted lists) are kept with the campaigns they were made from; when the
campaigns are the same objects but for a few new ones that belong to the very same groups
(and, for a sorted list, have the same figure), the new objects take the old ones' places and
the result is what grouping or sorting afresh gives (catalog order within a group, ties of a
sort in catalog order). Anything else, such as a campaign added, removed, moved to another group
or reordered, is grouped or sorted afresh.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from xiaobao.campaigns.schema import Campaign

SWAP_LIMIT = 64  # more changed campaigns than this: done afresh


def _changed(before: tuple[Campaign, ...], campaigns: list[Campaign]) -> list[tuple[Campaign, Campaign]] | None:
    """(old, new) at each place where the lists differ, or None when they cannot be swapped place for place."""
    if len(before) != len(campaigns):
        return None
    changed = [(a, b) for a, b in zip(before, campaigns) if a is not b]
    return changed if len(changed) <= SWAP_LIMIT else None


def _swap(items: list[Campaign], old: Campaign, new: Campaign) -> bool:
    for i, item in enumerate(items):
        if item is old:
            items[i] = new
            return True
    return False


def regroup(before: tuple[tuple[Campaign, ...], dict[str, list[Campaign]]] | None, campaigns: list[Campaign],
            keys: Callable[[Campaign], Iterable[str]]) -> dict[str, list[Campaign]] | None:
    """The groups of `campaigns` from the last build's, or None when they must be made afresh."""
    if before is None:
        return None
    changed = _changed(before[0], campaigns)
    if changed is None or any(list(keys(a)) != list(keys(b)) for a, b in changed):
        return None
    groups = dict(before[1])
    for old, new in changed:
        for key in keys(new):
            if groups[key] is before[1][key]:  # the last build's list is never changed: a copy is
                groups[key] = list(groups[key])
            if not _swap(groups[key], old, new):
                return None
    return groups


def resort(before: tuple[tuple[Campaign, ...], list[Campaign]] | None, members: list[Campaign],
           size: Callable[[Campaign], Any]) -> list[Campaign] | None:
    """members sorted as last time, or None when they must be sorted afresh (a figure changed)."""
    if before is None:
        return None
    changed = _changed(before[0], members)
    if changed is None or any(size(a) != size(b) for a, b in changed):
        return None
    ordered = list(before[1]) if changed else before[1]
    for old, new in changed:
        if not _swap(ordered, old, new):
            return None
    return ordered
