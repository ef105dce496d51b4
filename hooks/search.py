"""Site search: hand each page's main HTML to the background child, which writes the index (logic in xiaobao.search).

When each handler runs relative to other hooks: xiaobao/build/order.py.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.build.state import BUILD
from xiaobao.site.audience import is_editors
from xiaobao.search.job import PageSource, build_and_write

# src_uri -> (rank, page). Kept across `mkdocs serve --dirty` rebuilds, which skip unchanged pages.
_pages: dict[str, tuple[int, PageSource]] = {}


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


@event_priority(-100)  # last: index the HTML as campaigns.py sanitised it (order.RULES, on_page_content)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    if (page.meta.get("xiaobao") or {}).get("noindex") or is_editors(page.meta):  # page 2… of a listing; editors' pages
        _pages.pop(page.file.src_uri, None)
        return html
    _pages[page.file.src_uri] = (_rank(page), PageSource(page.url, unescape(page.title or "") or config.site_name, html))
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    pages = [p for _, p in sorted(_pages.values(), key=lambda rp: (rp[0], rp[1].url))]
    BUILD.background.submit("搜索索引", build_and_write, Path(config.site_dir) / "search", pages)
    return env
