"""A preview save swaps one campaign's figures in a group's running tally: the totals must be the
ones a fresh sum gives, qualifiers, gaps and metrics that appear or vanish included."""

from __future__ import annotations

import random

from test_aggregate import campaign

from xiaobao.campaigns.figures import Figure
from xiaobao.site.aggregate import Tally, totals
from xiaobao.site.pages import PageMemo

QUALIFIERS = ["exact", "more_than", "at_least", "about", "nearly"]


def _random_campaign(rng: random.Random, slug: str):
    stats = {}
    for metric in rng.sample(["outlets", "events", "materials", "audience", "staff", "complaints"], rng.randint(0, 4)):
        stats[metric] = Figure(None, "undisclosed") if rng.random() < 0.15 else Figure(rng.randint(1, 9999),
                                                                                       rng.choice(QUALIFIERS))
    return campaign(slug, **stats)


def test_swapping_campaigns_gives_the_fresh_totals():
    rng = random.Random(30)
    group = [_random_campaign(rng, f"c{i}") for i in range(300)]
    tally = Tally.of(group)
    assert tally.totals() == totals(group)
    for _ in range(200):
        i = rng.randrange(len(group))
        new = _random_campaign(rng, group[i].slug)
        tally = tally.swapped([(group[i], new)])
        group[i] = new
        assert tally.totals() == totals(group)


def test_a_metric_no_campaign_reports_any_more_leaves_the_totals():
    old = campaign("a", complaints=Figure(5))
    tally = Tally.of([old, campaign("b", events=Figure(2))]).swapped([(old, campaign("a"))])
    assert "complaints" not in tally.totals()
    assert tally.totals() == totals([campaign("a"), campaign("b", events=Figure(2))])


def test_fractions_and_repeated_campaigns_are_summed_again():
    assert Tally.of([campaign("a", events=Figure(1.5))]) is None
    assert Tally.of([campaign("a", events=Figure(1)), campaign("a", events=Figure(2))]) is None
    ok = campaign("a", events=Figure(1))
    assert Tally.of([ok]).swapped([(ok, campaign("a", events=Figure(2.5)))]) is None


def test_a_save_in_a_large_group_uses_the_tally_and_matches_a_fresh_sum():
    rng = random.Random(5)
    group = [_random_campaign(rng, f"c{i}") for i in range(400)]
    first = PageMemo(summed={})
    first.sum(group)
    changed = list(group)
    changed[7] = _random_campaign(rng, "c7")
    memo = PageMemo(summed=first.summed_now)
    assert memo.sum(changed) == totals(changed)
    assert memo.summed_now[tuple(c.slug for c in changed)][2] is not None  # swapped, not dropped
