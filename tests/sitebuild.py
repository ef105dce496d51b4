"""Build a throw-away copy of the site with chosen campaign files, the way an editor would."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ["mkdocs.yml", "docs", "hooks", "overrides", "xiaobao", "vendor", "privacy-allowlist.yml", "synonyms.yml"]


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
    if any(rel.startswith("docs/") for rel in files) and "synonyms.yml" not in files:
        (root / "synonyms.yml").unlink(missing_ok=True)  # its words are checked against the real pages replaced here
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def build(root: Path, timeout: int = 240, options: tuple[str, ...] = (), quiet: bool = True) -> BuildResult:
    """`mkdocs build --strict` in root. quiet=False keeps warnings: under -q MkDocs never sees them,
    so --strict cannot count them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *(["-q"] if quiet else []), *options], cwd=root, env=env,
                          capture_output=True, text=True, timeout=timeout)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, root / "site")


def get(url: str) -> str:
    """The page's text, or "" while the server is not answering."""
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


@contextmanager
def serving(root: Path, page: str, expect: str = "", seconds: float = 900) -> Iterator[str]:
    """`make site` on root (mkdocs serve --dirty) on a free port: yields the page's URL once the
    page answers (and holds `expect`). The server's output goes to root/serve.log, which a failure names."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (root / "serve.log").open("w")  # a pipe nobody reads would fill up and stall the server
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
                            cwd=root, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)})
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.time() + seconds
        while not (text := get(url)) or expect not in text:
            if time.time() > deadline:
                raise TimeoutError(f"mkdocs serve did not show {url}:\n{(root / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
