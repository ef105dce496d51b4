"""Shared by tests/ and tests/browser/: the build day, and the one build the standards checks share.

Every build a test starts runs on a fixed day, so freshness checks never depend on the calendar.

The build reads "today" from XIAOBAO_TODAY (xiaobao/pipeline/settings.py). 2026-02-01 is a day on which every fixture and
every page in docs/ is inside its 12-month review window; tests that need another day set their own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checkers import sample_campaigns
from runonce import once
from samples import CAMPAIGN, CREDIT_PAGE, DRAFT, SECOND
from sitebuild import build, make_tree

TEST_TODAY = "2026-02-01"
os.environ.setdefault("XIAOBAO_TODAY", TEST_TODAY)
# pytest-xdist's workers run with COLUMNS=80; the MkDocs CLI (and make, scripts) would wrap their messages
# to it, and the tests read each message as one line, as a build log in a file shows it.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)


@pytest.fixture(scope="session")
def standards_tree(tmp_path_factory) -> Path:
    """The real site's sources plus sample campaigns (tests/checkers.py), copied once per run (tests/runonce.py)."""
    return once(tmp_path_factory, "standards-tree", lambda: make_tree(
        tmp_path_factory.mktemp("standards"), sample_campaigns(), with_repo_campaigns=True))


@pytest.fixture(scope="session")
def standards_site(tmp_path_factory, standards_tree: Path) -> Path:
    """The real site plus sample campaigns, built once per run (in the process of the worker that asks first)."""
    result = once(tmp_path_factory, "standards-site", lambda: build(standards_tree))
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory):
    """The real docs/ pages without campaigns, built once per run: what the page tests read."""
    result = once(tmp_path_factory, "docs-site", lambda: build(make_tree(tmp_path_factory.mktemp("docs-only"), {})))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def good_tree(tmp_path_factory) -> Path:
    """Two campaigns (tests/samples.py), a draft that must stay unpublished and a short topic page."""
    return once(tmp_path_factory, "good-tree", lambda: make_tree(tmp_path_factory.mktemp("good"), {
        "docs/topics/credit-reporting.md": CREDIT_PAGE,
        "campaigns/2024/icbc-nantong-315.md": CAMPAIGN,
        "campaigns/undated/county-amr.md": SECOND,
        "campaigns/2024/draft-bank-315.md": DRAFT,
    }))


@pytest.fixture(scope="session")
def good_site(tmp_path_factory, good_tree: Path):
    """good_tree built once per run (in the process of the worker that asks first)."""
    result = once(tmp_path_factory, "good-site", lambda: build(good_tree))
    assert result.returncode == 0, result.output
    return result


# The longest single tests (a minute or more of CPU each), started first: under pytest-xdist a worker
# that picks one up last would run alone at the end while the other cores wait.
SLOW_FIRST = ("tests/test_build_cache.py::", "tests/test_killed_build.py::",
              "tests/test_frontmatter_property.py::test_any_typed_front_matter", "tests/test_preview_saves.py::",
              "tests/test_engine.py::test_two_builds")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (xdist/remote.py)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `--dist loadgroup` (make test), the tests of a module that makes something once for the
    module (a module-scoped fixture: a build, a portal, an index) run on one worker, so it is made once;
    the browser tests all run on one worker.
    Every worker sorts the same collection the same way, as xdist requires."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if "tests/browser/" in item.nodeid.replace("\\", "/") or item.nodeid.startswith("browser/"):
            # One Chromium at a time: two beside the builds on a 2-core runner made a form save miss its wait.
            _group(config, item, "browser")
        elif info is not None and any(defs and defs[-1].scope == "module" for defs in info.name2fixturedefs.values()):
            _group(config, item, item.module.__name__)
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))  # stable: otherwise as collected


def _group(config: pytest.Config, item: pytest.Item, name: str) -> None:
    """The xdist_group mark, and on an xdist worker under loadgroup the "@group" suffix of the test's
    id, which is what xdist's scheduler groups by. pytest-xdist 3.8 writes the suffix to item._nodeid,
    which pytest 9.2 no longer reads (the id is item._id, a NodeId): without this every group was
    spread over the workers, and each worker made every module's fixtures (and ran a Chromium) itself."""
    item.add_marker(pytest.mark.xdist_group(name))
    ident = getattr(item, "_id", None)
    if getattr(config.option, "loadgroup", False) and ident is not None and "@" not in item.nodeid:
        item._id = type(ident).parse(f"{item.nodeid}@{name}")
