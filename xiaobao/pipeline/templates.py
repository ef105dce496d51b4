"""Compiled theme templates kept by a `mkdocs serve` process from one save to the next.

MkDocs makes a new Jinja environment for every build, so every save compiled the theme's
templates again (about 40 of them, a few tenths of a second). Jinja keys compiled code by
template name and checks it against the template's source, so a changed template is compiled anew.
"""

from __future__ import annotations

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
