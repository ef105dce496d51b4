"""Build and write the search index in a forked process while MkDocs renders the page templates.

Why: every page's text is known once pages are populated (MkDocs' `on_env`), but MkDocs then spends
most of the build rendering templates on one core. The index (text extraction, posting lists and
tens of thousands of small block files, whose creation is slow on virtual disks) runs meanwhile
on the other core, off the build's critical path; `wait` joins it before the build ends.
Where fork is unavailable the job runs synchronously in `wait`.
"""

from __future__ import annotations

import gc
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from xiaobao.search.index import IndexedPage, build_index, write_index
from xiaobao.search.text import html_to_text, normalize


@dataclass(frozen=True)
class PageSource:
    """A page as the build hands it over: its rendered main HTML, not yet reduced to text."""

    url: str
    title: str
    html: str


def page_text(title: str, html: str) -> str:
    """Searchable text of a page; without an h1 in the content, Material shows the title as one."""
    text = html_to_text(html)
    return text if "<h1" in html else f"{normalize(title)} {text}"


def build_and_write(out_dir: Path, sources: list[PageSource]) -> None:
    pages = [IndexedPage(s.url, s.title, page_text(s.title, s.html)) for s in sources]
    write_index(out_dir, build_index(pages))


def _child(out_dir: Path, sources: list[PageSource]) -> None:
    gc.disable()  # no cycles are made here; a collection would copy the parent's whole heap
    build_and_write(out_dir, sources)


class IndexJob:
    """One index build, started at once in a child process (fork) or deferred to `wait`."""

    def __init__(self, out_dir: Path, sources: list[PageSource], background: bool = True) -> None:
        self.out_dir, self.sources = out_dir, sources
        self.process = None
        if background and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self.process = ctx.Process(target=_child, args=(out_dir, sources), name="xiaobao-search", daemon=True)
            self.process.start()

    def wait(self) -> None:
        """Return once the index is written; raise RuntimeError if the child failed."""
        if self.process is None:
            build_and_write(self.out_dir, self.sources)
            return
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"search index process exited with code {self.process.exitcode}")

    def cancel(self) -> None:
        """Stop the child (the build failed before its end)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
