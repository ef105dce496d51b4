"""Campaign summaries: validate every file, generate the index pages, write the open data.

A thin shell over the `xiaobao` package; all the logic is importable without MkDocs. What it hands
to other hooks goes through xiaobao.build.state.BUILD; when it runs, xiaobao/build/order.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from xiaobao.site.sanitize import escape_meta, sanitize_docs_html, sanitize_html
from xiaobao.build.state import BUILD
from xiaobao.outputs.opendata import DATA_PATHS, write_data_files
from xiaobao.build.urls import Claim, page_path, two_sources
from xiaobao.campaigns.problems import blocking_message, summarize
from xiaobao.campaigns.catalog import Catalog, load_catalog
from xiaobao.site.guide import guide_tables
from xiaobao.build.staging import write_if_changed
from xiaobao.site.pages import BODY_MARK, home_section, insert_html, site_pages, topic_section, trusted_blocks

log = get_plugin_logger("campaigns")
_state: dict[str, object] = {}
_listed: set[str] = set()  # education pages given a campaign listing in this build
CATALOG_VIEWS = {"index.md", "guide.md"}
LISTING_MARK = "<!-- xiaobao:listing -->"  # where an education page's campaign listing begins


def _catalog() -> Catalog:
    return BUILD.catalog


def _chart():
    try:
        from xiaobao.site.charts import bar_chart
    except ImportError:
        return None
    return bar_chart


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Read and check every campaign, personal data included, before anything is generated, forked
    or written: a bad file stops the build with one message and leaves no partial site."""
    root = Path(config.config_file_path).parent
    catalog = load_catalog(root / "campaigns", root)
    _report(catalog, config.strict)
    BUILD.catalog, BUILD.listing_at = catalog, {}
    _listed.clear()
    return config


def _report(found: Catalog, strict: bool) -> None:
    """Errors (and under --strict warnings) stop the build with one message listing them all."""
    blocking = found.errors + (found.warnings if strict else [])
    if blocking:
        raise PluginError(blocking_message(blocking, "网站没有生成"))
    for problem in found.warnings:
        log.warning(str(problem))
    for problem in found.notes:
        log.info(str(problem))


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _state["staging"] = command == "serve" and dirty


def _file(config: MkDocsConfig, src_uri: str, data: bytes | str, **kwargs) -> File:
    """A generated file; staged on disk when serving dirty so unchanged pages are not rebuilt."""
    if not _state.get("staging"):
        return File.generated(config, src_uri, content=data, **kwargs)
    path = Path(config.config_file_path).parent / ".cache" / "generated" / src_uri
    write_if_changed(path, data.encode("utf-8") if isinstance(data, str) else data)
    return File.generated(config, src_uri, abs_src_path=str(path), **kwargs)


def _written_by_child(dirty: bool = False) -> None:
    """The open data files are written by the background child (xiaobao.outputs.opendata.write_data_files)."""


@event_priority(50)  # generated pages in the list before search.on_files prunes its index (order.RULES, on_files)
def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add the generated pages; editors' own docs/ pages win when a path exists in both."""
    existing = {f.src_uri for f in files}
    _state["html"] = {}
    trusted_blocks().clear()
    pages = site_pages(_catalog(), existing, _chart())
    sources = {src: f"docs/{src}" for src in existing}
    clashes = []
    for page in pages:
        source = page.source_path or f"网站自动生成的 {page.src_uri}"
        if page.src_uri in sources:  # MkDocs keys files by this path: one of the two would vanish
            path = page_path(page.src_uri)
            clashes.append(two_sources(Claim(path, sources[page.src_uri]), Claim(path, source)))
            continue
        sources[page.src_uri] = source
        level = InclusionLevel.NOT_IN_NAV if page.source_path else InclusionLevel.UNDEFINED
        file = _file(config, page.src_uri, page.markdown, inclusion=level)
        file.xiaobao_source = source  # type: ignore[attr-defined]  # named in URL conflicts (hooks/reach.py)
        _state["html"][page.src_uri] = page.html  # type: ignore[index]
        if page.source_path:
            file.edit_uri = None
        files.append(file)
    if clashes:
        raise PluginError(summarize(clashes, f"有 {len(clashes)} 处网址冲突，网站没有生成。请逐条改正："))
    for path in DATA_PATHS:
        if path not in existing:
            file = File.generated(config, path, content=b"")
            file.copy_file = _written_by_child  # type: ignore[method-assign]
            files.append(file)  # known to MkDocs, so Markdown links to it resolve
    BUILD.background.submit("开放数据", write_data_files, Path(config.site_dir), _catalog(), config.site_url or "",
                            frozenset(existing), linked=True)
    for file in files:
        if file.generated_by is None and (file.src_uri in CATALOG_VIEWS or file.src_uri.startswith("topics/")):
            file.is_modified = lambda: True  # type: ignore[method-assign]  # editors' page showing catalog figures
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    src = page.file.src_uri
    if page.file.generated_by is None:
        escape_meta(page.meta)
    if src == "index.md":
        return markdown.replace("<!-- xiaobao:home -->", home_section(_catalog()))
    if src == "guide.md":
        return markdown.replace("<!-- xiaobao:schema -->", guide_tables())
    if src.startswith("topics/") and src.count("/") == 1 and page.meta.get("topic"):
        _listed.add(src)  # where it begins in the HTML is known once rendered (on_page_content)
        return f"{markdown}\n\n{LISTING_MARK}{topic_section(_catalog(), page.meta['topic'], src)}"
    return markdown


@event_priority(50)  # before reach and search read the page's HTML (order.RULES, on_page_content)
def on_page_content(html: str, page: Page, **kwargs) -> str:
    """Campaign bodies and docs/ pages are editors' text: whatever raw HTML they hold is cut to a
    safe subset. Only our own blocks (marked, see xiaobao.site.pages.trust) go in unsanitised."""
    if page.file.generated_by is None:
        before, mark, after = html.rpartition(LISTING_MARK) if page.file.src_uri in _listed else ("", "", html)
        if not mark:
            return sanitize_docs_html(after, trusted_blocks())
        before = sanitize_docs_html(before, trusted_blocks())
        BUILD.listing_at[page.file.src_uri] = len(before)  # the leaflet stops here (hooks/reach.py)
        return before + sanitize_docs_html(after.lstrip("\n"), trusted_blocks())
    if (page.meta.get("xiaobao") or {}).get("kind") == "campaign":
        card, mark, body = html.partition(BODY_MARK)
        html = card + mark + sanitize_html(body)
    block = _state["html"].get(page.file.src_uri)  # type: ignore[union-attr]
    if block:
        html = insert_html(html, block)
    return html

