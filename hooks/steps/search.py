"""Site search: each page's main HTML collected, the index written by the background child (logic in xiaobao.search)."""

from __future__ import annotations

from html import unescape

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.pipeline.state import Build, Session
from xiaobao.portal import steps as portal
from xiaobao.search import synonyms as synonyms_file
from xiaobao.search.job import PageSource, QuerySources, build_and_write
from xiaobao.search.panel import query_sources
from xiaobao.search.text import html_to_text
from xiaobao.site.audience import is_editors

log = get_plugin_logger("search")


def _rank(page: Page) -> int:
    """Result order: education topics, other editors' pages, generated index pages, campaigns."""
    if page.file.generated_by is None:
        return 0 if page.file.src_uri.startswith("topics/") else 1
    return 3 if (page.meta.get("xiaobao") or {}).get("kind") == "campaign" else 2


def carry_over(build: Build, session: Session, files: Files) -> None:
    """`serve --dirty` skips unchanged pages: the index keeps what they gave the last build."""
    if build.settings.dirty:
        present = {f.src_uri for f in files.documentation_pages()}
        build.search = {src: p for src, p in session.search_pages.items() if src in present}


def collect(build: Build, html: str, page: Page) -> None:
    if (page.meta.get("xiaobao") or {}).get("noindex") or is_editors(page.meta):  # page 2… of a listing; editors' pages
        build.search.pop(page.file.src_uri, None)
        return
    title = unescape(page.title or "") or build.settings.site_name
    build.search[page.file.src_uri] = PageSource(page.url, title, html, _rank(page))


def _load_synonyms(build: Build, session: Session) -> synonyms_file.Synonyms:
    """The file read and checked; a preview save that left its bytes as they were reuses the last reading."""
    path = build.settings.root / synonyms_file.FILE
    if not build.settings.serve:
        return synonyms_file.load(path)
    try:
        data = path.read_bytes()
    except OSError:
        return synonyms_file.load(path)
    if session.synonyms is not None and session.synonyms[0] == data:
        return session.synonyms[1]
    found = synonyms_file.load(path)
    session.synonyms = (data, found)
    return found


def _synonyms(build: Build, session: Session, pages: list[PageSource]) -> synonyms_file.Synonyms:
    """The editors' synonyms, checked: under --strict a mistake in the file stops the build.

    A site word no editors' page holds is only a note: it depends on the pages, not on the file
    (a copy of the site with fewer pages must still build); tests/test_search_synonyms.py keeps
    the repository's file clean of them.
    """
    found = _load_synonyms(build, session)
    if found.problems and build.settings.strict:
        lines = "\n".join(f"  {p}" for p in found.problems)
        raise PluginError(f"搜索同义词有 {len(found.problems)} 处问题，网站没有生成。请逐条改正：\n{lines}")
    for problem in found.problems:
        log.warning(problem)
    editors = [html_to_text(p.html) for p in pages if p.rank < 2]
    for word in synonyms_file.unknown_targets(found, editors):
        log.info(f"{synonyms_file.FILE}：本站的说法“{word}”在编辑写的页面里一处也没有，"
                 f"读者搜这个词对应的说法时会找不到东西。请改成页面里用的词。")
    return found


def submit_index(build: Build, session: Session) -> None:
    session.search_pages = build.search
    pages = sorted(build.search.values(), key=lambda p: (p.rank, p.url))
    if build.portal:  # a portal's campaigns: their pages are on the members' sites
        pages += portal.search_sources(build.portal)
    extra = QuerySources(_synonyms(build, session, pages), *query_sources(p.url for p in pages if p.rank == 0))
    if build.text_spill is not None:
        build.text_spill.flush()  # the child reads the written pages' texts from it
    build.background.submit("搜索索引", build_and_write, build.site_dir / "search", pages, extra, build.text_spill,
                            build.store if build.store.enabled else None, build.settings.site_dir / "search")
