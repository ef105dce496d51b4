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
from xiaobao.site.evidence import with_evidence
from xiaobao.outputs.opendata import DATA_PATHS, write_data_files
from xiaobao.build.urls import Claim, page_path, two_sources
from xiaobao.campaigns.problems import blocking_message, summarize
from xiaobao.campaigns.catalog import Catalog, load_catalog
from xiaobao.publish.inventory import docs_inventory, with_draft_note
from xiaobao.build.terminal import install as chinese_terminal
from xiaobao.campaigns.drafts import drafts, public
from xiaobao.site.errorpage import error_page
from xiaobao.site.guide import guide_tables
from xiaobao.site.review import REVIEW_SRC, review_html
from xiaobao.build.staging import write_if_changed
from xiaobao.site.pages import (BODY_MARK, generated, home_campaigns_section, home_section, insert_html,
                                site_pages, topic_section, trusted_blocks)

log = get_plugin_logger("活动总结")  # the prefix editors read in the terminal
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
    _state["inventory"] = docs_inventory(root, Path(config.docs_dir))  # docs/: refused, skipped, drafts, personal data
    catalog.problems = sorted(catalog.problems + _state["inventory"].problems)
    _state["shown"] = []
    _report(catalog, config.strict)
    if not _state.get("serve"):
        catalog.campaigns = public(catalog.campaigns)  # drafts never reach site/ or the open data
    BUILD.catalog, BUILD.listing_at = catalog, {}
    _listed.clear()
    return config


def _report(found: Catalog, strict: bool) -> None:
    """Errors (and under --strict warnings) stop the build with one message listing them all."""
    blocking = found.errors + (found.warnings if strict else [])
    if blocking and _state.get("serve"):  # the preview keeps serving and shows them on every page
        _state["shown"] = sorted(set(_state.get("shown", [])) | set(blocking))  # type: ignore[arg-type]
        log.warning(f"活动总结有 {len(_state['shown'])} 处问题，浏览器里每一页都会列出来；改好保存后会自己刷新")  # type: ignore[arg-type]
        for problem in blocking:
            log.warning(f"  {problem}")
        return
    if blocking:
        raise PluginError(blocking_message(blocking, "网站没有生成"))
    for problem in found.warnings:
        log.warning(str(problem))
    for problem in found.notes:
        log.info(str(problem))


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    chinese_terminal()
    _state["serve"] = command == "serve"  # the preview: drafts shown, problems shown in the browser
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
    inventory = _state["inventory"]  # refused and skipped files are never copied; draft pages only in the preview
    for file in [f for f in files if f.generated_by is None and inventory.withholds(f.src_uri)]:
        files.remove(file)
    for file in files:  # the preview builds drafts as pages (QR code, links); make build leaves them out
        if file.generated_by is None and file.src_uri in inventory.drafts and not _state.get("serve"):
            file.inclusion = InclusionLevel.DRAFT
    existing = {f.src_uri for f in files}
    _state["html"] = {}
    trusted_blocks().clear()
    pages = site_pages(_catalog(), existing, _chart())
    sources = {src: f"docs/{src}" for src in existing}
    clashes = []
    _state["draft_slugs"] = {c.slug for c in drafts(_catalog().campaigns)}  # empty outside the preview
    if _state.get("serve"):
        pages.append(_review_page(Path(config.config_file_path).parent))
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
    shown_changed = _state.get("shown") != _state.get("last_shown")
    _state["last_shown"] = list(_state.get("shown") or [])  # type: ignore[call-overload]
    for file in files:
        if shown_changed or (file.generated_by is None and (file.src_uri in CATALOG_VIEWS or file.src_uri.startswith("topics/"))):
            file.is_modified = lambda: True  # type: ignore[method-assign]  # a page showing catalog figures, or the error page
    return files


def _review_page(root: Path):
    """Preview only: the drafts with their figures beside the quotes (xiaobao.site.review)."""
    body = review_html(drafts(_catalog().campaigns), root)
    return generated(REVIEW_SRC, "待核对的草稿", body, {"xiaobao": {"kind": "review", "noindex": True}},
                     source_path=None)


def _draft_banner(slug: str) -> str:
    return ('<div class="admonition warning xb-draft-banner"><p class="admonition-title">草稿：还没有核对，不会发布</p>'
            f'<p>这一篇只在本机预览里出现。请到<a href="../../review/">待核对的草稿</a>页对照原文核对数字。</p></div>')


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """In the preview, while files have problems, every page but the guide lists them instead."""
    shown = _state.get("shown")
    if shown and page.file.src_uri != "guide.md":
        return error_page(shown)  # type: ignore[arg-type]
    return output


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    src = page.file.src_uri
    if page.file.generated_by is None:
        escape_meta(page.meta)
        markdown = with_draft_note(markdown, src, _state["inventory"])  # status: draft, seen only in the preview
    if src == "index.md":
        return (markdown.replace("<!-- xiaobao:home -->", home_section(_catalog()))
                .replace("<!-- xiaobao:home-campaigns -->", home_campaigns_section(_catalog())))
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
        slug = page.meta["xiaobao"].get("slug")
        campaign = _catalog().by_slug().get(slug)
        body = sanitize_html(body)
        html = card + mark + (with_evidence(body, campaign) if campaign else body)
        if slug in _state.get("draft_slugs", ()):  # type: ignore[operator]
            html = _draft_banner(slug) + html
    block = _state["html"].get(page.file.src_uri)  # type: ignore[union-attr]
    if block:
        html = insert_html(html, block)
    return html

