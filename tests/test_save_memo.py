"""What a preview save keeps from the last build must give what a fresh build gives: a listing
page is unchanged only with the very same campaigns, and a catalog loaded with the memo equals one loaded without it after files change."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_aggregate import campaign

from xiaobao.campaigns.catalog import load_catalog
from xiaobao.site.pages import Planned


def _planned(*inputs):
    return Planned("campaigns/index.md", lambda: None, inputs=inputs)


def test_a_listing_is_unchanged_only_with_the_same_values_and_the_very_same_campaigns():
    a, b = campaign("a"), campaign("b")
    old = ("listing", "campaigns/", "全部活动", 1, 300, a, b)
    assert _planned("listing", "campaigns/", "全部" + "活动", 1, 300, a, b).same_inputs(old)  # equal, not identical, strings
    assert not _planned("listing", "campaigns/", "全部活动", 2, 300, a, b).same_inputs(old)
    assert not _planned("listing", "campaigns/", "全部活动", 1, 300, a, dataclasses.replace(b)).same_inputs(old)
    assert not _planned("listing", "campaigns/", "全部活动", 1, 300, a).same_inputs(old)
    assert not _planned("listing", "campaigns/", "全部活动", 1, a, b, 300).same_inputs(("listing", "campaigns/", "全部活动", 1, a, b, 301))
    assert not _planned("listing", "x", a).same_inputs(("listing", a, a))


def test_a_catalog_loaded_with_the_memo_equals_a_fresh_one_after_changes(tmp_path):
    import random
    import re
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from synthetic import campaign_file, repo_seed_text

    repo = Path(__file__).resolve().parent.parent
    rng = random.Random(2)
    sentences = [s for s in re.split(r"(?<=[。！？])", re.sub(r"\s+", "", repo_seed_text(repo))) if 20 <= len(s) <= 160]
    folder = tmp_path / "campaigns"
    for i in range(40):
        rel, text = campaign_file(i, rng, sentences)
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    memo, cache = {}, {}

    def same():
        kept = load_catalog(folder, tmp_path, cache=cache, memo=memo)
        fresh = load_catalog(folder, tmp_path)
        assert kept.campaigns == fresh.campaigns
        assert kept.problems == fresh.problems
        return kept
    same()
    files = sorted(folder.rglob("*.md"))
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(re.sub(r"(?m)^(  \w+:\s+)(\S.*)$", r"\g<1>约 100 余人", text, count=1), encoding="utf-8")
    same()
    (folder / "2019").mkdir(exist_ok=True)
    files[1].rename(folder / "2019" / files[1].name)  # a move into another year's folder: a folder problem
    (folder / "notes.docx").write_bytes(b"x")  # a skipped file is named
    kept = same()
    assert any("notes.docx" in str(p) for p in kept.problems)
    files[2].unlink()
    same()


def test_groups_and_metric_orders_kept_from_the_last_build_equal_fresh_ones():
    """xiaobao.site.regroup: after random saves (a figure, a topic, a year, a figure to 'unknown',
    a campaign added or removed), the groups and orders a save swaps in place equal grouping and
    sorting afresh, and the swap is used where nothing moved (so the test sees it at work)."""
    import random

    from xiaobao.campaigns.schema import Figure
    from xiaobao.site.aggregate import group
    from xiaobao.site.evidence import by_size
    from xiaobao.site.pages import PageMemo

    rng = random.Random(5)
    topics = ["consumer-law", "fraud-prevention", "credit-reporting"]

    def made(slug: str) -> object:
        c = campaign(slug, rng.choice([2022, 2023, None]), events=Figure(rng.choice([None, 1, 5, 5, 9])))
        return dataclasses.replace(c, topics=rng.sample(topics, rng.randint(1, 2)))

    campaigns = [made(f"c{i}") for i in range(60)]
    keys = {"topics": lambda c: c.topics, "years": lambda c: [str(c.start.year) if c.start else "unknown"]}
    kept, swapped = {}, 0
    for step in range(200):
        memo = PageMemo(grouped_before=kept)
        for name, key in keys.items():
            assert memo.group(name, campaigns, key) == group(campaigns, key), (step, name)
        assert memo.by_size("events", campaigns) == by_size(campaigns, "events"), step
        swapped += regroup_used(kept, campaigns)
        kept = memo.grouped_now
        campaigns = list(campaigns)
        i = rng.randrange(len(campaigns))
        what = rng.random()
        if what < 0.6:  # the common save: the text changes, the campaign stays where it was
            campaigns[i] = dataclasses.replace(campaigns[i], summary=f"改{step}")
        elif what < 0.8:
            campaigns[i] = made(campaigns[i].slug)
        elif what < 0.9:
            campaigns.insert(i, made(f"n{step}"))
        else:
            del campaigns[i]
    assert swapped > 50


def regroup_used(kept: dict, campaigns: list) -> bool:
    from xiaobao.site.regroup import regroup

    return regroup(kept.get("topics"), campaigns, lambda c: c.topics) is not None
