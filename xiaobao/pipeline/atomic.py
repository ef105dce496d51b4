"""The site replaces the published folder only after every check passed.

MkDocs writes pages straight into site_dir, and the link check, strict-mode warnings and the
late checks run after most of it is written: a failed build used to leave a complete site with
the offending page, ready to be uploaded. The build writes into a staging folder beside the
site; `publish` swaps it in, `discard` removes it. After a failure site/ holds the previous good
site (or nothing, if there never was one).

The previous site is renamed aside at the swap and removed by a detached process: at 100,000
campaigns removing it took about a quarter of a build's wall time, and nothing waits for it (the
next build removes whatever is left of it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

OLD = ".{}.old-"  # the previous site while it is being removed: .site.old-<pid>


def staging_dir(site_dir: Path) -> Path:
    """Beside the site, on the same file system, so the swap is two renames."""
    return site_dir.parent / f".{site_dir.name}.staging"


def prepare(site_dir: Path) -> Path:
    """An empty staging folder (a crashed build's leftovers removed)."""
    staging = staging_dir(site_dir)
    discard(staging)
    for stale in site_dir.parent.glob(OLD.format(site_dir.name) + "*"):
        remove_later(stale)
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, site_dir: Path) -> None:
    """Put the staged site where the site goes; the previous one is removed after the swap, off the build's path."""
    old = site_dir.parent / f"{OLD.format(site_dir.name)}{os.getpid()}"
    if old.exists() or old.is_symlink():  # a build of this process id long ago: not ours to keep
        discard(old)
    if site_dir.exists() or site_dir.is_symlink():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old.exists() or old.is_symlink():
        remove_later(old)


def remove_later(path: Path) -> None:
    """Remove a folder in a detached process (`rm -rf`, started by a shell that returns at once, so
    no process of ours is left to reap); where that cannot start, remove it here."""
    if path.is_symlink() or not path.is_dir():
        discard(path)
        return
    try:
        subprocess.run(["sh", "-c", 'rm -rf -- "$1" >/dev/null 2>&1 &', "sh", str(path)], check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       start_new_session=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(path, ignore_errors=True)


def discard(staging: Path) -> None:
    if staging.is_dir() and not staging.is_symlink():
        shutil.rmtree(staging, ignore_errors=True)
    elif staging.exists() or staging.is_symlink():
        staging.unlink()
