"""Two builds of the same input give byte-identical sites: no timestamps, no set or dict order leaks."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def build_into(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "random"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(target)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def first_difference(a: bytes, b: bytes) -> str:
    i = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at byte {i}: {a[max(0, i - 40):i + 40]!r} vs {b[max(0, i - 40):i + 40]!r}"


@pytest.mark.build
def test_two_builds_are_byte_identical(tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "two"
    build_into(one)
    build_into(two)  # a fresh interpreter: another hash seed, so set iteration order differs
    files_one, files_two = tree(one), tree(two)
    assert files_one == files_two, f"only in one: {sorted(set(files_one) - set(files_two))[:20]}; only in two: {sorted(set(files_two) - set(files_one))[:20]}"
    assert len(files_one) > 20
    differing = [rel for rel in files_one if not filecmp.cmp(one / rel, two / rel, shallow=False)]
    details = [f"{rel} {first_difference((one / rel).read_bytes(), (two / rel).read_bytes())}" for rel in differing[:5]]
    assert differing == [], f"{len(differing)} files differ: {differing[:30]}\n" + "\n".join(details)
