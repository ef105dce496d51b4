"""Fixtures shared by tests/ and tests/browser/: the one build the standards checks share."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers import sample_campaigns
from sitebuild import build, make_tree


@pytest.fixture(scope="session")
def standards_site(tmp_path_factory) -> Path:
    """The real site plus sample campaigns (tests/checkers.py), built once per session."""
    root = make_tree(tmp_path_factory.mktemp("standards"), sample_campaigns(), with_repo_campaigns=True)
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site
