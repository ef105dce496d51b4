"""Editors' pages (front matter `audience: editors`): out of the readers' menu and search, listed
on the 编辑与运维 section page. Logic in xiaobao.site.audience; hooks/search.py reads the same key."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from xiaobao.site.audience import SECTION_SRC, SECTION_TITLE, editors_pages, front_matter, page_url, section_html
from xiaobao.site.sources import missing_links_html, read_sources

_state: dict[str, dict[str, str]] = {"pages": {}}


@event_priority(25)  # the section page is in the list before reach.on_files claims every path (order.RULES, on_files)
def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    docs = {f.src_uri: Path(f.abs_src_path) for f in files.documentation_pages()
            if f.abs_src_path and f.generated_by is None}
    metas = {src: front_matter(path) for src, path in docs.items()}  # each page read once
    pages = editors_pages(metas)
    _state["pages"] = pages
    _state["descriptions"] = {src: str(metas[src].get("description") or "") for src in pages}
    _state["sources"] = _sources(metas)
    if SECTION_SRC not in {f.src_uri for f in files}:
        text = f"---\ntitle: {SECTION_TITLE}\naudience: editors\n---\n\n# {SECTION_TITLE}\n\n<!-- xiaobao:editors -->\n"
        files.append(File.generated(config, SECTION_SRC, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def _sources(metas: dict[str, dict]) -> list:
    """(url, title, sources) of every page with a `sources:` list; problems are content.py's to report."""
    found = []
    for src_uri, meta in sorted(metas.items()):
        if meta.get("sources"):
            sources, _ = read_sources(meta["sources"])
            found.append((page_url(src_uri), str(meta.get("title") or src_uri), sources))
    return found


def _prune(items: list) -> list:
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _prune(item.children)
            if item.children:
                kept.append(item)
        elif not (getattr(item, "file", None) and (item.file.src_uri in _state["pages"] or item.file.src_uri == SECTION_SRC)):
            kept.append(item)
    return kept


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files, **kwargs) -> Navigation:
    """Editors' pages leave the readers' menu, whatever mkdocs.yml lists."""
    nav.items = _prune(nav.items)
    nav.pages = [p for p in nav.pages if p.file.src_uri not in _state["pages"] and p.file.src_uri != SECTION_SRC]
    return nav


def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:
    if page.file.src_uri == SECTION_SRC:
        listed = {k: v for k, v in _state["pages"].items() if k != SECTION_SRC}
        html = section_html(listed, _state.get("descriptions")) + missing_links_html(_state.get("sources") or [])  # type: ignore[arg-type]
        return markdown.replace("<!-- xiaobao:editors -->", html)
    return markdown


@event_priority(-50)  # after reach.on_page_context gave the page its tools (order.RULES, on_page_context)
def on_page_context(context: dict, page: Page, **kwargs) -> dict:
    """The preview's review page goes without the readers' tools (font size, read-aloud, QR
    code): on a phone they pushed the figures below the fold, and it is never published."""
    if (page.meta.get("xiaobao") or {}).get("kind") == "review":
        context["reach"] = None
    return context
