"""The qr/ folder: one SVG code per page, and a page listing them all for download.

Nothing in a page's HTML needs a code's content (pages link to the files), so hooks/steps/reach.py has
them written by the background child (xiaobao.pipeline.background) while MkDocs writes the pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from xiaobao.cache.store import Store, digest
from xiaobao.outputs.leaflets import render_qr_index
from xiaobao.outputs.qr import qr_svg


@dataclass(frozen=True)
class PageCode:
    name: str  # file name under qr/, from qr.qr_filename
    url: str  # absolute URL the code opens
    fast: bool  # fixed mask (generated pages): same code segno makes with that mask


def write_qr_codes(site: Path, codes: list[PageCode], keep_existing: bool = False, store: Store | None = None) -> None:
    """Write qr/<name> for every page; keep_existing skips codes already written.

    A code is a pure function of its URL and mask, so on a dirty rebuild an existing file is current,
    and the build cache (store) keeps each code under the hash of both (and the code version).
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
        with open(path, "wb") as out:
            out.write(_svg(code, store))


def _svg(code: PageCode, store: Store | None) -> bytes:
    return cached_svg(code.url, code.fast, store).encode("utf-8")


def cached_svg(url: str, fast: bool, store: Store | None) -> str:
    """qr_svg, or its copy in the build cache: a code depends on its URL and mask only (80 ms each
    with the mask search, which education pages get on every preview save)."""
    if store is None or not store.enabled:
        return qr_svg(url, fast=fast)
    key = digest("qr", url, str(fast))
    data = store.get("qr", key)
    if data is not None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:  # a damaged entry is a miss
            pass
    text = qr_svg(url, fast=fast)
    store.put("qr", key, text.encode("utf-8"))
    return text


def write_qr_index(site: Path, items: list[tuple[str, str, str]], site_name: str) -> None:
    """qr/index.html: (title, URL, file name) of every page, sorted by file name."""
    folder = Path(site) / "qr"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(render_qr_index(sorted(items, key=lambda item: item[2]), site_name), encoding="utf-8")
