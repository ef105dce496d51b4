"""Compiled theme templates kept by a `mkdocs serve` process from one save to the next.

MkDocs makes a new Jinja environment for every build, so every save compiled the theme's
templates again (about 40 of them, a few tenths of a second). Jinja keys compiled code by
template name and checks it against the template's source, so a changed template is compiled anew.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


class KeptTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def stored_templates(cache_root: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled theme templates kept in the build cache for `mkdocs build` (about 1 CPU-s a build:
    the theme's 44 templates compiled anew by every process). Jinja checks each against its
    template's source, so a changed template is compiled again; None when the cache is off."""
    if cache_root is None:
        return None
    folder = Path(cache_root) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only or full cache only loses the reuse
        return None
    return _StoredTemplates(str(folder))


class _StoredTemplates(jinja2.FileSystemBytecodeCache):
    """A template whose compiled code cannot be written (disk full) is only compiled again next time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass
