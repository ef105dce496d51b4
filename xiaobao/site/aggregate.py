"""Totals of campaign figures that keep the meaning of approximations and gaps."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from xiaobao.campaigns.figures import Figure, Number, format_figure
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS

LOWER_BOUNDS = {"more_than", "at_least"}
ROUGH = {"about", "nearly"}
TOTAL_QUALIFIERS = frozenset({"exact", "more_than", "at_least", "about", "undisclosed"})  # what _Sum.total gives


@dataclass(frozen=True)
class Total:
    value: Number | None
    qualifier: str  # exact, more_than, at_least, about, undisclosed
    campaigns: int  # campaigns that disclosed a figure
    undisclosed: int  # campaigns that reported the metric as XX

    def as_dict(self) -> dict:
        return {"value": self.value, "qualifier": self.qualifier, "campaigns": self.campaigns, "undisclosed": self.undisclosed}

    def text(self, unit: str = "") -> str:
        """≥ 123,600 份 / 123,600 余份 / 约 123,600 份: a total reads like any figure."""
        return format_figure(Figure(self.value, self.qualifier), unit)

    def note(self) -> str:
        notes = []
        if self.qualifier in LOWER_BOUNDS:
            notes.append("含“余”“多”等约数，实际不少于此数")
        elif self.qualifier == "about":
            notes.append("含“约”“近”等约数")
        if self.undisclosed:
            notes.append(f"另有 {self.undisclosed} 场活动未披露")
        return "；".join(notes)


def combine(figures: Iterable[Figure]) -> Total:
    """Sum figures; a sum of lower bounds is a lower bound, any rough part makes it rough."""
    acc = _Sum()
    for figure in figures:
        acc.add(figure)
    return acc.total()


class _Sum:
    """A running total: index pages sum the same figures many times over."""

    __slots__ = ("value", "qualifiers", "disclosed", "undisclosed")

    def __init__(self) -> None:
        self.value: Number = 0
        self.qualifiers: set[str] = set()
        self.disclosed = self.undisclosed = 0

    def add(self, figure: Figure) -> None:
        if figure.value is None:
            self.undisclosed += 1
            return
        self.disclosed += 1
        self.value += figure.value
        self.qualifiers.add(figure.qualifier)

    def total(self) -> Total:
        if not self.disclosed:
            return Total(None, "undisclosed", 0, self.undisclosed)
        if self.qualifiers & ROUGH:
            qualifier = "about"
        elif "more_than" in self.qualifiers:
            qualifier = "more_than"
        elif "at_least" in self.qualifiers:
            qualifier = "at_least"
        else:
            qualifier = "exact"
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return Total(value, qualifier, self.disclosed, self.undisclosed)


def totals(campaigns: Iterable[Campaign]) -> dict[str, Total]:
    """One Total per metric that at least one campaign reports; each campaign counted once."""
    return _sum(list(campaigns))


def _sum(campaigns: list[Campaign]) -> dict[str, Total]:
    sums: dict[str, _Sum] = {}
    seen: set[str] = set()
    for campaign in campaigns:
        if campaign.slug in seen:
            continue
        seen.add(campaign.slug)
        for metric, figure in campaign.stats.items():
            acc = sums.get(metric)
            if acc is None:
                acc = sums[metric] = _Sum()
            acc.add(figure)
    return {m: sums[m].total() for m in METRICS if m in sums}


class Tally:
    """The running totals of a group, kept so that a preview save can swap one campaign's figures
    for its new ones instead of adding up 10,000 campaigns again.

    Only whole numbers: their sum does not depend on the order they were added in, so a swapped
    tally gives the very totals a fresh sum gives. A group with a fraction, or the same campaign
    twice, has no tally (Tally.of gives None) and is summed again.
    """

    __slots__ = ("metrics",)

    def __init__(self, metrics: dict[str, list]) -> None:
        self.metrics = metrics  # metric -> [value, Counter of qualifiers, disclosed, undisclosed]

    @classmethod
    def of(cls, campaigns: list[Campaign]) -> Tally | None:
        if len({c.slug for c in campaigns}) != len(campaigns):
            return None
        tally = cls({})
        for campaign in campaigns:
            if not tally._apply(campaign, 1):
                return None
        return tally

    def swapped(self, pairs: list[tuple[Campaign, Campaign]]) -> Tally | None:
        """A new tally with each pair's old campaign taken out and its new one added."""
        tally = Tally({m: [v, Counter(q), d, u] for m, (v, q, d, u) in self.metrics.items()})
        for old, new in pairs:
            if not (tally._apply(old, -1) and tally._apply(new, 1)):
                return None
        return tally

    def _apply(self, campaign: Campaign, sign: int) -> bool:
        for metric, figure in campaign.stats.items():
            entry = self.metrics.get(metric)
            if entry is None:
                entry = self.metrics[metric] = [0, Counter(), 0, 0]
            if figure.value is None:
                entry[3] += sign
                continue
            if type(figure.value) is not int:
                return False
            entry[0] += sign * figure.value
            entry[1][figure.qualifier] += sign
            entry[2] += sign
        return True

    def totals(self) -> dict[str, Total]:
        """What totals() gives for the same campaigns."""
        sums = {}
        for metric, (value, qualifiers, disclosed, undisclosed) in self.metrics.items():
            if not disclosed and not undisclosed:
                continue  # no campaign reports it any more
            acc = sums[metric] = _Sum()
            acc.value, acc.disclosed, acc.undisclosed = value, disclosed, undisclosed
            acc.qualifiers = {q for q, n in qualifiers.items() if n > 0}
        return {m: sums[m].total() for m in METRICS if m in sums}


def group(campaigns: Iterable[Campaign], keys: Callable[[Campaign], Iterable[str]]) -> dict[str, list[Campaign]]:
    """Campaigns under every key they belong to (a campaign may have several topics)."""
    groups: dict[str, list[Campaign]] = defaultdict(list)
    for campaign in campaigns:
        for key in keys(campaign):
            groups[key].append(campaign)
    return dict(sorted(groups.items()))
