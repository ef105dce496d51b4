"""A failed build leaves the previous good site, or nothing; never a half-checked one (issue 12)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from sitebuild import build, make_tree
from xiaobao.pipeline import atomic

pytestmark = pytest.mark.build


def _leftovers(root: Path, wait: float = 20.0) -> list[str]:
    """The .site* folders beside the site once the previous site's removal (a detached process) ended."""
    deadline = time.monotonic() + wait
    while True:
        found = sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))
        if not any(n.startswith(".site.old-") for n in found) or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_the_previous_site_is_removed_after_the_swap_not_before(tmp_path: Path):
    site, staging = tmp_path / "site", atomic.staging_dir(tmp_path / "site")
    for n in range(200):
        (site / f"p{n}").mkdir(parents=True)
        (site / f"p{n}" / "index.html").write_text("旧", encoding="utf-8")
    staging.mkdir()
    (staging / "index.html").write_text("新", encoding="utf-8")
    atomic.publish(staging, site)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]  # the new site is whole at once
    assert _leftovers(tmp_path) == []  # and the old one goes away by itself


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """A good build over a site folder that held a stale file; the failure cases start from a copy of it."""
    root = make_tree(tmp_path_factory.mktemp("atomic"), {})
    (root / "site").mkdir()
    (root / "site" / "stale.html").write_text("旧文件", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.output[-2000:]
    return root


def test_a_good_build_replaces_the_site_whole(good: Path):
    assert not (good / "site" / "stale.html").exists()
    for rel in ["index.html", "feed.xml", "qr/index.html", "data/campaigns.json", "screen/index.html"]:
        assert (good / "site" / rel).exists(), rel
    assert any((good / "site" / "search").iterdir())  # the background work wrote into the staged site
    assert _leftovers(good) == []


# A failed first build leaves nothing: tests/bad_campaigns/ (every case that fails a build checks it).
@pytest.mark.parametrize("name,files,expected", [
    ("link check", {"docs/bad.md": '# 坏\n\n<a href="nowhere/">去哪</a>\n'}, "链接 nowhere/ 指向的页面或文件不存在"),
    ("strict warning", {"docs/bad.md": "---\nslug: Bad-Slug\n---\n\n# 坏\n"}, "docs/bad.md: slug:"),
    ("campaign error", {"campaigns/2024/bad.md": "---\ntitle: x\n---\n\n正文\n"}, "缺少必填字段 organization"),
    ("url conflict", {"docs/a.md": "---\nslug: same\n---\n\n# A\n", "docs/b.md": "---\nslug: same\n---\n\n# B\n"},
     "网址 /same/ 有两个来源：docs/a.md 和 docs/b.md"),
])
def test_a_failed_build_keeps_the_previous_site(good: Path, tmp_path: Path, name: str, files: dict, expected: str):
    root = tmp_path / "tree"
    # An earlier build's old site may still be being removed in the background (.site.old-<pid>).
    shutil.copytree(good, root, symlinks=True, ignore=shutil.ignore_patterns(".site.old-*"))
    (root / "site" / "previous.txt").write_text("上一次的网站", encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    failed = build(root, quiet=False)
    assert failed.returncode != 0 and expected in failed.output, failed.output[-2000:]
    assert "Traceback" not in failed.output
    assert (root / "site" / "previous.txt").read_text(encoding="utf-8") == "上一次的网站"
    assert not (root / "site" / "bad").exists() and not (root / "site" / "same").exists()
    assert _leftovers(root) == []
