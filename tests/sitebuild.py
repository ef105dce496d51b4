"""Build a throw-away copy of the site with chosen campaign files, the way an editor would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ["mkdocs.yml", "docs", "hooks", "overrides", "xiaobao", "privacy-allowlist.yml"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        return (self.site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def make_tree(root: Path, files: dict[str, str | bytes], with_repo_campaigns: bool = False) -> Path:
    """Copy the site sources into root, then write `files` (paths relative to root)."""
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy(src, root / name)
    if with_repo_campaigns:
        shutil.copytree(REPO / "campaigns", root / "campaigns")
    (root / "campaigns").mkdir(exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def build(root: Path, timeout: int = 240) -> BuildResult:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=timeout)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, root / "site")
