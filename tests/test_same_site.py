"""The same input gives the same site: from another engine, another interpreter, and the engine before issue 24.

- ProperDocs continues MkDocs 1.x (Material announces its end for 2027-05-05): the site must build
  with it too, identical apart from the generator tag. It runs as its own command, in a new
  interpreter with a random hash seed, so the comparison also proves that no set or dict order
  and no timestamp leaks into the output (what tests/test_repeatable_build.py used to build twice for).
- The restructuring into one entry (hooks/entry.py) changed no page: BASE's input (its docs pages,
  campaigns, mkdocs.yml) built by BASE's engine (12 hook modules) and by AFTER's (the restructuring
  done) gives the same site, but for the differences listed in CHANGED on purpose. Both commits
  are taken from git history, so later changes to the site do not touch this comparison.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from sitebuild import REPO, start_in_subprocess

pytestmark = pytest.mark.build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
BASE = "19a0e3a794f337dded9457d1bca7a0f7f5152d6c"  # main before the single entry (issue 24)
AFTER = "1f49ed37c055f8f30e6daa5fefdc14d862af547d"  # the single entry done, before later changes were merged
CHANGED = {  # path -> why it differs from BASE's build
    "assets/js/qrcode.js": "the screen builder's QR encoder is the vendored qrcode-generator (vendor/qrcode-generator)",
    "assets/js/screen-builder.js": "draws the code with qrcode-generator instead of window.XiaobaoQR",
}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _differences(one: dict[str, bytes], two: dict[str, bytes]) -> list[str]:
    return sorted(set(one) ^ set(two)) + [rel for rel in one if rel in two and one[rel] != two[rel]]


def test_properdocs_builds_the_same_site(good_tree: Path, request, tmp_path: Path):
    """`properdocs build` in a new interpreter; only the generator tag names the engine. It starts
    first: the in-process MkDocs build of the same tree (good_site) runs meanwhile, if no test made it yet."""
    running = start_in_subprocess(good_tree, ("-d", str(tmp_path / "properdocs")), command=("properdocs",))
    site = request.getfixturevalue("good_site").site
    result = running.result(900)
    assert result.returncode == 0, result.output[-3000:]
    mkdocs, properdocs = _files(site), _files(result.site)
    assert len(mkdocs) > 200 and _differences(mkdocs, properdocs) != []  # the tags differ, so the files do
    tags = {GENERATOR.search(properdocs["index.html"]).group(), GENERATOR.search(mkdocs["index.html"]).group()}
    assert any(b"ProperDocs" in tag for tag in tags) and any(b"mkdocs-1.6" in tag for tag in tags)
    mkdocs = {rel: GENERATOR.sub(b"", data) for rel, data in mkdocs.items()}
    properdocs = {rel: GENERATOR.sub(b"", data) for rel, data in properdocs.items()}
    assert _differences(mkdocs, properdocs) == []


def _archive(commit: str, root: Path) -> Path:
    """The repository as it was at commit."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit], capture_output=True, timeout=120)
    assert archive.returncode == 0, f"{commit} is missing from the repository's history: " + archive.stderr.decode()[-500:]
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(root, filter="data")
    return root


def _input_of(source: Path, tree: Path) -> Path:
    """tree's engine (hooks/, xiaobao/, overrides/, vendor/, docs/assets/, mkdocs.yml's hooks) given
    source's input (docs pages, campaigns, synonyms, allow-list, the rest of mkdocs.yml)."""
    assets = tree.parent / f"{tree.name}-assets"
    (tree / "docs" / "assets").rename(assets)
    for name in ("docs", "campaigns"):
        shutil.rmtree(tree / name)
        shutil.copytree(source / name, tree / name)
    shutil.rmtree(tree / "docs" / "assets")
    assets.rename(tree / "docs" / "assets")
    for name in ("synonyms.yml", "privacy-allowlist.yml"):
        shutil.copy(source / name, tree / name)
    hooks = re.compile(r"^hooks:\n(?:  - .*\n)+", re.M)
    engine = hooks.search((tree / "mkdocs.yml").read_text(encoding="utf-8")).group()
    (tree / "mkdocs.yml").write_text(hooks.sub(engine, (source / "mkdocs.yml").read_text(encoding="utf-8"), count=1),
                                     encoding="utf-8")
    return tree


def test_the_single_entry_changed_no_page(tmp_path: Path):
    """BASE's input (its docs pages and campaigns) built by BASE's engine and by AFTER's, each in its own interpreter."""
    base = _archive(BASE, tmp_path / "base")
    after = _input_of(base, _archive(AFTER, tmp_path / "after"))
    runs = [start_in_subprocess(tree, ("-d", str(tmp_path / f"site-{tree.name}"))) for tree in (base, after)]
    before, now = (run.result(900) for run in runs)
    assert before.returncode == 0, before.output[-3000:]
    assert now.returncode == 0, now.output[-3000:]
    assert _differences(_files(before.site), _files(now.site)) == sorted(CHANGED)
