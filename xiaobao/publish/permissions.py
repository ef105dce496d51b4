"""Modes of the deployable directory: every file readable by the web server's user.

nginx's workers (www-data on Debian) and Caddy (user caddy) are not the user who ran `make publish`.
A temporary folder is created 0700 and an operator's umask may be 077, so modes are set explicitly
rather than inherited: folders 0755, files 0644, the owner keeps write access, nothing is executable.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER, FILE = 0o755, 0o644


def make_readable(root: Path) -> int:
    """Set every folder under root (root included) to 0755 and every file to 0644; returns how many
    entries changed. Symbolic links are left alone: their own mode means nothing and the target may
    lie outside root."""
    changed = 0
    for entry in [root, *root.rglob("*")]:
        info = os.lstat(entry)
        if stat.S_ISLNK(info.st_mode):
            continue
        wanted = FOLDER if stat.S_ISDIR(info.st_mode) else FILE
        if stat.S_IMODE(info.st_mode) != wanted:
            os.chmod(entry, wanted)
            changed += 1
    return changed


def unreadable(root: Path) -> list[Path]:
    """Entries another user could not read (files) or enter (folders): what a web server would 403."""
    found = []
    for entry in [root, *root.rglob("*")]:
        mode = os.lstat(entry).st_mode
        need = stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(mode) else 0)
        if not stat.S_ISLNK(mode) and mode & need != need:
            found.append(entry)
    return found
