"""Site search: collect each page's main text, write the sharded index (logic in xiaobao.search)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.search import IndexedPage, build_index, html_to_text, normalize, write_index

# src_uri -> (rank, page). Kept across `mkdocs serve --dirty` rebuilds, which skip unchanged pages.
_pages: dict[str, tuple[int, IndexedPage]] = {}


def _rank(page: Page) -> int:
    """Result order: education topics, other editors' pages, generated index pages, campaigns."""
    if page.file.generated_by is None:
        return 0 if page.file.src_uri.startswith("topics/") else 1
    return 3 if (page.meta.get("xiaobao") or {}).get("kind") == "campaign" else 2


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    present = {f.src_uri for f in files.documentation_pages()}
    for gone in set(_pages) - present:
        del _pages[gone]
    return files


@event_priority(-100)  # after hooks/campaigns.py has sanitised campaign bodies
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    text = html_to_text(html)
    title = page.title or config.site_name
    if "<h1" not in html:  # Material then renders the title as the page's h1
        text = f"{normalize(title)} {text}"
    _pages[page.file.src_uri] = (_rank(page), IndexedPage(page.url, title, text))
    return html


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    pages = [p for _, p in sorted(_pages.values(), key=lambda rp: (rp[0], rp[1].url))]
    write_index(Path(config.site_dir) / "search", build_index(pages))
