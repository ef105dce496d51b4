"""Generated pages kept as files on disk under `mkdocs serve --dirty`, written only when they change.

During `mkdocs serve --dirty` the engine rebuilds only pages whose source is newer than
their output; giving generated pages real, rarely-touched source files lets one edited
campaign rebuild a handful of pages instead of the whole site.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write data unless the file already holds exactly it; return whether it was written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
