"""A build killed half-way at 1,000 campaigns leaves the previous site whole, and its half-written
build cache does not change the next build (xiaobao/pipeline/atomic.py, xiaobao/cache/store.py).

Why: CI runners are stopped mid-job (a timeout, a newer push); the site then on the server, and
the cache the next job restores, must be what a finished build left.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitebuild import REPO, build, make_tree, start_in_subprocess

sys.path.insert(0, str(REPO / "scripts"))
from synthetic import repo_seed_text, write_campaigns  # noqa: E402

pytestmark = pytest.mark.build

N = 1000


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _entries(cache: Path) -> int:
    """How many page entries the build cache holds (every code version)."""
    return sum(1 for _ in cache.glob("*/page/*/*"))


def _kill_half_way(root: Path, env: dict[str, str]) -> None:
    """Start `mkdocs build --strict` and SIGKILL it (and its background child) as soon as it is writing:
    a campaign page is in the staging folder and a page entry it made is in the build cache.

    Why not later: what is under test is a build stopped while it writes (pages, cache entries);
    rendering more pages before the kill makes more of the same writes and costs the suite minutes."""
    cache = Path(env["XIAOBAO_CACHE_DIR"])
    entries = _entries(cache)
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root), **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    pages = root / ".site.staging" / "campaigns"
    deadline = time.time() + 600
    try:
        while not (pages.is_dir() and any(pages.glob("c0*/index.html")) and _entries(cache) > entries):
            assert proc.poll() is None, "the build ended before it was killed: the test proves nothing"
            assert time.time() < deadline, "the build never began writing campaign pages and cache entries"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert sum(1 for _ in pages.glob("c0*/index.html")) < N, "the build had written every page: it was not killed half-way"


def test_a_killed_build_leaves_the_site_and_the_cache_usable(tmp_path: Path):
    """Only the killed build needs a process of its own; the others run in this one (the tree's code is
    the repository's), the clean reference build as a command alongside the build that reuses the cache."""
    (tmp_path / "site-src").mkdir()
    root = make_tree(tmp_path / "site-src", {})
    write_campaigns(root / "campaigns", N, repo_seed_text(REPO))
    env = {"XIAOBAO_TODAY": "2026-02-01", "XIAOBAO_CACHE_DIR": str(tmp_path / "cache")}
    first = build(root, env=env)
    assert first.returncode == 0, first.output[-3000:]
    before = _files(root / "site")
    # Every page's cached content is made again: the killed build was writing cache entries too.
    _edit(root / "overrides" / "partials" / "reach-tools.html", "扫码分享", "扫一扫分享")
    _edit(next((root / "campaigns").rglob("c00010.md")), "summary: ", "summary: 改过一次。")
    versions = sorted(p.name for p in (tmp_path / "cache").iterdir())
    _kill_half_way(root, env)
    assert _files(root / "site") == before, "the killed build changed the published site"
    # The killed command wrote into the cache this process reads next (same code version), not beside it.
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == versions and len(versions) == 1, versions
    clean_root = tmp_path / "clean"
    shutil.copytree(root, clean_root, ignore=lambda folder, names: {  # xiaobao/site/ is code: only the top's site/
        n for n in names if n == "__pycache__" or (Path(folder) == root and (n == "site" or n.startswith(".site")))})
    clean_run = start_in_subprocess(clean_root, env={**env, "XIAOBAO_CACHE_DIR": "off"})
    again = build(root, env=env)
    clean = clean_run.result(900)
    assert again.returncode == 0, again.output[-3000:]
    assert clean.returncode == 0, clean.output[-3000:]
    after, expected = _files(root / "site"), _files(clean_root / "site")
    assert after != before and "扫一扫分享" in (root / "site" / "campaigns" / "c00010" / "index.html").read_text(encoding="utf-8")
    assert sorted(set(after) ^ set(expected)) == [] and [k for k in after if after[k] != expected[k]] == []
