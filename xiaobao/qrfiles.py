"""The qr/ folder: one SVG code per page, and a page listing them all for download.

Thousands of codes cost seconds to encode, and nothing in a page's HTML needs their content
(pages link to the files), so hooks/reach.py writes the folder in a background job.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .leaflets import render_qr_index
from .qr import qr_svg


@dataclass(frozen=True)
class PageCode:
    name: str  # file name under qr/, from qr.qr_filename
    title: str
    url: str  # absolute URL the code opens
    fast: bool  # fixed mask (generated pages): same code segno makes with that mask


def write_qr_folder(site: Path, codes: list[PageCode], site_name: str, keep_existing: bool = False) -> None:
    """Write qr/<name> for every page and qr/index.html; keep_existing skips codes already written.

    A code is a pure function of its URL and mask, so on a dirty rebuild an existing file is current.
    """
    folder = Path(site) / "qr"
    made: set[str] = set()
    for code in codes:
        path = os.path.join(folder, code.name)
        if keep_existing and os.path.exists(path):
            continue
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(path, "w", encoding="utf-8") as out:
            out.write(qr_svg(code.url, fast=code.fast))
    items = sorted(((c.title, c.url, c.name) for c in codes), key=lambda item: item[2])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(render_qr_index(items, site_name), encoding="utf-8")
