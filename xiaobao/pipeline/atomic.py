"""The site replaces the published folder only after every check passed.

MkDocs writes pages straight into site_dir, and the link check, strict-mode warnings and the
late checks run after most of it is written: a failed build used to leave a complete site with
the offending page, ready to be uploaded. The build writes into a staging folder beside the
site; `publish` swaps it in, `discard` removes it. After a failure site/ holds the previous good
site (or nothing, if there never was one).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    """Beside the site, on the same file system, so the swap is two renames."""
    return site_dir.parent / f".{site_dir.name}.staging"


def prepare(site_dir: Path) -> Path:
    """An empty staging folder (a crashed build's leftovers removed)."""
    staging = staging_dir(site_dir)
    discard(staging)
    for stale in site_dir.parent.glob(f".{site_dir.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, site_dir: Path) -> None:
    """Put the staged site where the site goes; the previous one is removed after the swap."""
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    if site_dir.exists() or site_dir.is_symlink():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    if staging.is_dir() and not staging.is_symlink():
        shutil.rmtree(staging, ignore_errors=True)
    elif staging.exists() or staging.is_symlink():
        staging.unlink()
