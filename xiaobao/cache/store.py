"""A content-addressed cache of what the build made, kept between builds (also by CI).

Why: at 100,000 campaigns a build reads, checks and renders the same files again and again, while
an editor changed one. Each result is stored under a key that is the hash of every input it was
made from plus the code version (`code_version`): a key that matches is the same work, so its
result can be reused; anything that changed (the file, the template, the vocabulary, the library
versions, today's date where a check reads it) gives another key, and the stale entry is simply
never read again. Nothing is keyed by a file's name or time.

Layout: <root>/<code version>/<kind>/<key[:2]>/<key>. Entries are written to a temporary name
and renamed, so a killed build leaves no half-written entry. A new code version starts an empty
folder; older ones are removed (KEEP_VERSIONS are kept, for switching branches).

The folder is `.cache/xiaobao/` beside mkdocs.yml, or XIAOBAO_CACHE_DIR (docs/performance.md).
Deleting it at any time is safe: the next build is a clean build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # xiaobao/
# Libraries whose output ends up in what is cached: a new version may render differently.
LIBRARIES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "MarkupSafe", "PyYAML",
             "jieba", "numpy", "segno")
SOURCE_SUFFIXES = {".py", ".html", ".json", ".yml", ".yaml", ".txt", ".tsv", ".css", ".js"}
KEEP_VERSIONS = 2


def digest(*parts: bytes | str) -> str:
    """sha256 of the parts, each length-prefixed, so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the xiaobao package's files, the library versions and Python's: the code that made an entry.

    Read once per process; a `mkdocs serve` process reloads hooks, not this package, so an edit to
    xiaobao/ during the preview needs a restart anyway.
    """
    h = hashlib.sha256(sys.version.encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=;".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


class Store:
    """get/put bytes by (kind, key); a Store without a root keeps nothing (every lookup misses)."""

    def __init__(self, root: Path | None, version: str | None = None) -> None:
        self.base = Path(root) if root is not None else None
        self.version = version or code_version()
        self.root = self.base / self.version if self.base is not None else None
        self._root = str(self.root)
        self.hits = self.misses = 0
        self._made: set[Path] = set()

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def path(self, kind: str, key: str) -> Path | None:
        return self.root / kind / key[:2] / key if self.root is not None else None

    def get(self, kind: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        path = os.path.join(self._root, kind, key[:2], key)  # a string: this runs for every page
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store data; a failure to write (disk full, read-only cache) only loses the reuse."""
        path = self.path(kind, key)
        if path is None:
            return
        try:
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass

    def prune_versions(self) -> None:
        """Remove the folders of older code versions: their keys can never match again."""
        if self.base is None or not self.base.is_dir():
            return
        others = [p for p in self.base.iterdir() if p.is_dir() and p.name != self.version]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_VERSIONS - 1:]:
            shutil.rmtree(old, ignore_errors=True)
        if self.root is not None and self.root.is_dir():
            os.utime(self.root)  # the version in use is the newest


def cache_root(project: Path, environ: dict[str, str] | None = None) -> Path | None:
    """XIAOBAO_CACHE_DIR if set ("" or "off" turns the cache off), else .cache/xiaobao beside mkdocs.yml."""
    env = os.environ if environ is None else environ
    value = env.get("XIAOBAO_CACHE_DIR")
    if value is None:
        return project / ".cache" / "xiaobao"
    if value.strip() in ("", "off", "0"):
        return None
    return Path(value)
