"""The search index as one background task (see xiaobao.build.background for why it runs there)."""

from __future__ import annotations

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
