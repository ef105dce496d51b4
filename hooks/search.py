"""Site search: hand each page's main HTML to the background child, which writes the index (logic in xiaobao.search).

When each handler runs relative to other hooks: xiaobao/build/order.py.
"""

from __future__ import annotations

from html import unescape
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.build.state import BUILD
from xiaobao.portal import steps as portal
from xiaobao.site.audience import is_editors
from xiaobao.search import synonyms as synonyms_file
from xiaobao.search.job import PageSource, QuerySources, build_and_write
from xiaobao.search.panel import query_sources
from xiaobao.search.text import html_to_text

log = get_plugin_logger("search")

# src_uri -> page. Kept across `mkdocs serve --dirty` rebuilds, which skip unchanged pages.
_pages: dict[str, PageSource] = {}


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
    title = unescape(page.title or "") or config.site_name
    _pages[page.file.src_uri] = PageSource(page.url, title, html, _rank(page))
    return html


def _synonyms(config: MkDocsConfig, pages: list[PageSource]) -> synonyms_file.Synonyms:
    """The editors' synonyms, checked: under --strict a mistake in the file stops the build.

    A site word no editors' page holds is only a note: it depends on the pages, not on the file
    (a copy of the site with fewer pages must still build); tests/test_search_synonyms.py keeps
    the repository's file clean of them.
    """
    path = Path(config.config_file_path).parent / synonyms_file.FILE
    found = synonyms_file.load(path)
    if found.problems and config.strict:
        lines = "\n".join(f"  {p}" for p in found.problems)
        raise PluginError(f"搜索同义词有 {len(found.problems)} 处问题，网站没有生成。请逐条改正：\n{lines}")
    for problem in found.problems:
        log.warning(problem)
    editors = [html_to_text(p.html) for p in pages if p.rank < 2]
    for word in synonyms_file.unknown_targets(found, editors):
        log.info(f"{synonyms_file.FILE}：本站的说法“{word}”在编辑写的页面里一处也没有，"
                 f"读者搜这个词对应的说法时会找不到东西。请改成页面里用的词。")
    return found


def on_env(env: Environment, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    pages = sorted(_pages.values(), key=lambda p: (p.rank, p.url))
    if BUILD.portal:  # a portal's campaigns: their pages are on the members' sites (xiaobao.portal.steps)
        pages += portal.search_sources(BUILD.portal)
    extra = QuerySources(_synonyms(config, pages), *query_sources(p.url for p in pages if p.rank == 0))
    BUILD.background.submit("搜索索引", build_and_write, Path(config.site_dir) / "search", pages, extra)
    return env
