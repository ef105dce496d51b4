"""Campaign summaries: validate every file, generate the index pages, write the open data.

A thin shell over the `xiaobao` package; all the logic is importable without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from xiaobao.site.sanitize import sanitize_html
from xiaobao.site.evidence import with_evidence
from xiaobao.build import background
from xiaobao.build.background import ForkedCall
from xiaobao.outputs.opendata import DATA_PATHS, write_data_files
from xiaobao.campaigns.catalog import Catalog, load_catalog, near_duplicate_problems, settle_privacy
from xiaobao.site.guide import guide_tables
from xiaobao.build.staging import write_if_changed
from xiaobao.site.pages import BODY_MARK, home_section, insert_html, site_pages, topic_section

log = get_plugin_logger("campaigns")
_state: dict[str, object] = {}
CATALOG_VIEWS = {"index.md", "guide.md"}


def _catalog() -> Catalog:
    return _state["catalog"]  # type: ignore[return-value]


def _chart():
    try:
        from xiaobao.site.charts import bar_chart
    except ImportError:
        return None
    return bar_chart


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Read and check every campaign before anything is built, so a bad file leaves no partial site."""
    root = Path(config.config_file_path).parent
    catalog = load_catalog(root / "campaigns", root, near_duplicates=False, privacy_later=bool(_state.get("build")))
    if catalog.errors or (config.strict and catalog.warnings):
        settle_privacy(catalog)  # the build stops here: one message with every problem
    _report(catalog, config.strict, "网站没有生成")
    _state["catalog"] = catalog
    config.extra["catalog"] = catalog
    return config


def _report(found: Catalog, strict: bool, outcome: str) -> None:
    """Errors (and under --strict warnings) stop the build with one message listing them all."""
    blocking = found.errors + (found.warnings if strict else [])
    if blocking:
        lines = "\n".join(f"  {p}" for p in blocking)
        raise PluginError(f"活动总结有 {len(blocking)} 处问题，{outcome}。请逐条改正：\n{lines}")
    for problem in found.warnings:
        log.warning(str(problem))
    for problem in found.notes:
        log.info(str(problem))


def on_nav(nav: object, config: MkDocsConfig, **kwargs) -> object:
    """The personal-data check ends here, before anything is written (the children started at
    on_nav write the open data and QR codes); under `mkdocs build` it ran in a forked process
    while the pages were generated.

    Near-duplicate bodies are then looked for in a forked process while MkDocs builds the pages:
    nothing built depends on them, and at 10,000 campaigns they take a second.
    """
    _report(Catalog(problems=settle_privacy(_catalog())), config.strict, "网站没有生成")
    _state["near"] = ForkedCall(near_duplicate_problems, _catalog().campaigns)
    return nav


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    near = _state.pop("near", None)
    if near is not None:
        _report(Catalog(problems=near.result()), config.strict, "网站生成失败")  # type: ignore[union-attr]


def on_build_error(error: Exception, **kwargs) -> None:
    near = _state.pop("near", None)
    if near is not None:
        near.cancel()  # type: ignore[union-attr]
    catalog = _state.get("catalog")
    if isinstance(catalog, Catalog) and catalog.pending is not None:
        catalog.pending.cancel()
        catalog.pending = None


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _state["staging"] = command == "serve" and dirty
    _state["build"] = command == "build"  # nothing is served before the personal-data check ends


def _file(config: MkDocsConfig, src_uri: str, data: bytes | str, **kwargs) -> File:
    """A generated file; staged on disk when serving dirty so unchanged pages are not rebuilt."""
    if not _state.get("staging"):
        return File.generated(config, src_uri, content=data, **kwargs)
    path = Path(config.config_file_path).parent / ".cache" / "generated" / src_uri
    write_if_changed(path, data.encode("utf-8") if isinstance(data, str) else data)
    return File.generated(config, src_uri, abs_src_path=str(path), **kwargs)


def _written_by_child(dirty: bool = False) -> None:
    """The open data files are written by a child started at on_nav (xiaobao.outputs.opendata.write_data_files)."""


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Add the generated pages; editors' own docs/ pages win when a path exists in both."""
    existing = {f.src_uri for f in files}
    _state["html"] = {}
    pages = site_pages(_catalog(), existing, _chart())
    for page in pages:
        if page.src_uri in existing:
            continue
        level = InclusionLevel.NOT_IN_NAV if page.source_path else InclusionLevel.UNDEFINED
        file = _file(config, page.src_uri, page.markdown, inclusion=level)
        _state["html"][page.src_uri] = page.html  # type: ignore[index]
        if page.source_path:
            file.edit_uri = None
        files.append(file)
    for path in DATA_PATHS:
        if path not in existing:
            file = File.generated(config, path, content=b"")
            file.copy_file = _written_by_child  # type: ignore[method-assign]
            files.append(file)  # known to MkDocs, so Markdown links to it resolve
    background.early.submit("开放数据", write_data_files, Path(config.site_dir), _catalog(), config.site_url or "", frozenset(existing))
    for file in files:
        if file.generated_by is None and (file.src_uri in CATALOG_VIEWS or file.src_uri.startswith("topics/")):
            file.is_modified = lambda: True  # type: ignore[method-assign]  # editors' page showing catalog figures
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    src = page.file.src_uri
    if src == "index.md":
        return markdown.replace("<!-- xiaobao:home -->", home_section(_catalog()))
    if src == "guide.md":
        return markdown.replace("<!-- xiaobao:schema -->", guide_tables())
    if src.startswith("topics/") and src.count("/") == 1 and page.meta.get("topic"):
        return markdown + topic_section(_catalog(), page.meta["topic"], src)
    return markdown


def on_page_content(html: str, page: Page, **kwargs) -> str:
    """Campaign bodies are editors' text: whatever raw HTML they hold is cut to a safe subset."""
    info = page.meta.get("xiaobao") or {}
    if info.get("kind") == "campaign":
        card, mark, body = html.partition(BODY_MARK)
        campaign = _catalog().by_slug().get(info.get("slug"))
        body = sanitize_html(body)
        html = card + mark + (with_evidence(body, campaign) if campaign else body)
    block = _state["html"].get(page.file.src_uri)  # type: ignore[union-attr]
    if block:
        html = insert_html(html, block)
    return html

