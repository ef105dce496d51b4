"""Campaign summaries: every file checked, the generated pages, the open data, the listings on education pages.

The logic is in xiaobao.campaigns (reading, checking) and xiaobao.site (pages); these steps hand it
MkDocs' files and pages. The preview (`make site`) differs on purpose: drafts and the review page
are shown, and a problem is listed on every page instead of stopping the server.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from xiaobao.campaigns.catalog import Catalog, load_catalog
from xiaobao.campaigns.drafts import drafts, public
from xiaobao.campaigns.problems import blocking_message, summarize
from xiaobao.outputs.opendata import write_data_files
from xiaobao.pipeline.generated_sources import write_if_changed
from xiaobao.pipeline.outputs import PLACEHOLDERS, Claim, page_path, two_sources
from xiaobao.pipeline.state import Build, Session
from xiaobao.portal import steps as portal
from xiaobao.publish.inventory import docs_inventory, with_draft_note
from xiaobao.site.audience import is_reader_page
from xiaobao.site.errorpage import error_page
from xiaobao.site.evidence import with_evidence
from xiaobao.site.guide import guide_tables
from xiaobao.site.preview import broken_pages
from xiaobao.site.pages import (BODY_MARK, HEADLINE, Planned, generated, home_campaigns_section, home_section,
                                insert_html, site_plan, topic_section, trust)
from xiaobao.site.review import REVIEW_SRC, review_html

from steps import reload
from steps.written import _engine_version, nav_sources
from xiaobao.cache.store import digest
from xiaobao.site.sanitize import escape_meta, sanitize_docs_html, sanitize_html

log = get_plugin_logger("活动总结")  # the prefix editors read in the terminal
LISTING_MARK = "<!-- xiaobao:listing -->"  # where an education page's campaign listing begins
HOME_MARK, HOME_CAMPAIGNS_MARK = "<!-- xiaobao:home -->", "<!-- xiaobao:home-campaigns -->"
SCHEMA_MARK = "<!-- xiaobao:schema -->"


def _chart():
    try:
        from xiaobao.site.charts import bar_chart
    except ImportError:
        return None
    return bar_chart


def load(build: Build, session: Session) -> None:
    """Read and check every campaign, personal data included: a bad file stops the build with one
    message listing every problem, before anything is generated, forked or written."""
    settings = build.settings
    catalog = load_catalog(settings.root / "campaigns", settings.root, cache=session.catalog_cache,
                           store=build.store, prints=session.prints if settings.serve else None,
                           near=session.near_duplicates if settings.serve else None,
                           memo=session.catalog_memo if settings.serve else None,
                           changed=reload.changed_files(build, session, settings.root / "campaigns"))
    reload.expect_campaigns(build, session, settings.root / "campaigns")
    build.inventory = docs_inventory(settings.root, settings.docs_dir, cache=session.document_cache)  # docs/: refused, skipped, drafts, personal data
    catalog.problems = sorted(catalog.problems + build.inventory.problems)
    _report(build, catalog)
    session.known_slugs.update({c.path: c.slug for c in catalog.campaigns})  # drafts included (preview)
    if not settings.serve:
        catalog.campaigns = public(catalog.campaigns)  # drafts never reach site/ or the open data
    build.catalog = catalog


def _report(build: Build, found: Catalog) -> None:
    """Errors (and under --strict warnings) stop the build with one message listing them all."""
    blocking = found.errors + (found.warnings if build.settings.strict else [])
    if blocking and build.settings.serve:  # the preview keeps serving and shows them on every page
        build.shown = sorted(set(blocking))
        log.warning(f"活动总结有 {len(build.shown)} 处问题，浏览器里每一页都会列出来；改好保存后会自己刷新")
        for problem in blocking:
            log.warning(f"  {problem}")
        return
    if blocking:
        raise PluginError(blocking_message(blocking, "网站没有生成"))
    for problem in found.warnings:
        log.warning(str(problem))
    for problem in found.notes:
        log.info(str(problem))


def _file(build: Build, config: MkDocsConfig, src_uri: str, data: str, stage: bool, **kwargs) -> File:
    """A generated page; under `serve --dirty` kept on disk, so that unchanged pages are not rebuilt."""
    if not stage:
        return File.generated(config, src_uri, content=data, **kwargs)
    path = build.settings.root / ".cache" / "generated" / src_uri
    write_if_changed(path, data.encode("utf-8"))
    return File.generated(config, src_uri, abs_src_path=str(path), **kwargs)


def withhold(build: Build, files: Files) -> None:
    """Refused and skipped docs/ files are never copied; draft pages only in the preview (make site
    builds them as pages, QR code and links included; make build leaves them out)."""
    inventory = build.inventory
    for file in [f for f in files if f.generated_by is None and inventory.withholds(f.src_uri)]:
        files.remove(file)
    for file in files:
        if file.generated_by is None and file.src_uri in inventory.drafts and not build.settings.serve:
            file.inclusion = InclusionLevel.DRAFT


def add_pages(build: Build, session: Session, files: Files, config: MkDocsConfig) -> None:
    """Add the generated pages; editors' own docs/ pages win when a path exists in both.

    The pages the navigation names go to MkDocs; all others (campaign pages, every listing's later
    pages, the per-year, region, organisation and metric listings) are only planned here and are
    made and written one at a time by steps/written.py.
    """
    settings = build.settings
    existing = {f.src_uri for f in files}
    # The preview remakes a campaign's page only when the campaign changed; a build makes each once
    # and keeps none (at 100,000 campaigns they would not fit in memory).
    build.memo.pages = session.campaign_pages if settings.serve else None
    if settings.serve:  # totals of groups whose campaigns are all unchanged, from the last save
        build.memo.summed, session.totals = session.totals, build.memo.summed_now
        build.memo.grouped_before, session.groups = session.groups, build.memo.grouped_now  # xiaobao.site.regroup
    # A portal's pages add up its members' data (xiaobao.portal), made at once and planned like the
    # site's own; a site's pages are planned from its campaigns.
    if build.portal:
        plan = [Planned(p.src_uri, lambda p=p: p, p.source_path) for p in portal.pages(build.portal, _chart())]
    else:
        plan = site_plan(build.catalog, existing, _chart(), build.memo)
    build.sources.update({src: f"docs/{src}" for src in existing})
    clashes = []
    build.draft_slugs = {c.slug for c in drafts(build.catalog.campaigns)}  # empty outside the preview
    if settings.serve:
        review = _review_page(build)
        plan.append(Planned(review.src_uri, lambda: review))
        _add_broken_pages(build, session, files, config, existing | {p.src_uri for p in plan})
    # After a preview that listed problems instead of pages, every page is written again: a page
    # kept on disk would be skipped by the dirty rebuild and keep showing the problem list.
    # So is every page after a change to what frames them (mkdocs.yml, the code and templates, the
    # editors' pages whose titles make the menu): an unchanged staged page is not rendered again.
    salt = _frame_inputs(build, config) if settings.serve else ""
    stage = (settings.serve and settings.dirty and build.shown == session.shown_before and not session.links_shown
             and salt == session.staged_salt)
    session.shown_before, session.staged_salt = list(build.shown), salt
    in_nav = nav_sources(config.nav) | {REVIEW_SRC}
    for planned in plan:
        source = planned.source_path or f"网站自动生成的 {planned.src_uri}"
        if planned.src_uri in build.sources:  # MkDocs keys files by this path: one of the two would vanish
            path = page_path(planned.src_uri)
            clashes.append(two_sources(Claim(path, build.sources[planned.src_uri]), Claim(path, source)))
            continue
        build.sources[planned.src_uri] = source  # named in URL conflicts (steps/output.py)
        build.plan.append(planned)
        if planned.src_uri not in in_nav:
            build.written_pages.append(planned)
            continue
        page = planned.make()
        level = InclusionLevel.NOT_IN_NAV if page.source_path else InclusionLevel.UNDEFINED
        file = _file(build, config, page.src_uri, page.markdown, stage, inclusion=level)
        build.generated_html[page.src_uri] = page.html
        if page.source_path:
            file.edit_uri = None
        files.append(file)
    if clashes:
        raise PluginError(summarize(clashes, f"有 {len(clashes)} 处网址冲突，网站没有生成。请逐条改正："))
    for path in portal.DATA_PATHS if build.portal else PLACEHOLDERS:  # Markdown links to them resolve; written later
        if path not in existing:
            file = File.generated(config, path, content=b"")
            build.placeholders.append(file)
            files.append(file)
    if build.portal:
        return  # the merged open data is written after the pages (steps/portal.py: write_data)
    build.background.submit("开放数据", write_data_files, build.site_dir, build.catalog, settings.site_url,
                            frozenset(existing), linked=True, portable=False)  # the whole catalog: not pickled


def _frame_inputs(build: Build, config: MkDocsConfig) -> str:
    """What the theme's frame around a generated page is made from besides the page: the
    configuration, the code and templates, the editors' pages (their titles are menu entries)."""
    docs = sorted((src, repr(doc.meta), doc.body) for src, doc in build.docs.items())
    return digest(_engine_version(build.settings.root), build.settings.config_file.read_bytes(), repr(docs),
                  repr(build.template), repr(config.nav))


def _add_broken_pages(build: Build, session: Session, files: Files, config: MkDocsConfig, existing: set[str]) -> None:
    """Preview only: a file with problems keeps its address, so the page the editor has open shows
    the problem list too (xiaobao.site.preview.broken_pages) instead of its last good version."""
    root = build.settings.root

    def read(file: str) -> str | None:
        try:
            return (root / file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    broken = broken_pages({p.file for p in build.shown if p.file}, session.known_slugs, read)
    build.broken = {src: file for src, file in broken.items() if src not in existing}
    for src in build.broken:
        files.append(_file(build, config, src, "# 这一篇有问题要改\n", False))


def _review_page(build: Build):
    """Preview only: the drafts with their figures beside the quotes and the address each will have
    (xiaobao.site.review)."""
    body = review_html(drafts(build.catalog.campaigns), build.settings.root, build.settings.site_url)
    return generated(REVIEW_SRC, "待核对的草稿", body, {"xiaobao": {"kind": "review", "noindex": True}},
                     source_path=None)


def page_markdown(build: Build, markdown: str, page: Page) -> str:
    """The home page's and the guide's generated parts; an education page's campaign listing last."""
    src = page.file.src_uri
    page.meta["xiaobao_reader"] = is_reader_page(page.meta)  # the QR sheet and overrides/sitemap.xml read it
    if page.file.generated_by is None:
        escape_meta(page.meta)
        markdown = with_draft_note(markdown, src, build.inventory)  # status: draft, seen only in the preview
    if build.portal and (shown := _portal_markdown(build, markdown, page)) is not None:
        return shown
    if src == "index.md":
        return (markdown.replace(HOME_MARK, home_section(build.catalog, build.memo))
                .replace(HOME_CAMPAIGNS_MARK, home_campaigns_section(build.catalog, build.memo)))
    if src == "guide.md":
        return markdown.replace(SCHEMA_MARK, guide_tables())
    if src.startswith("topics/") and src.count("/") == 1 and page.meta.get("topic"):
        build.listed.add(src)  # where it begins in the HTML is known once rendered (page_content)
        return f"{markdown}\n\n{LISTING_MARK}{topic_section(build.catalog, page.meta['topic'], src, build.memo)}"
    return markdown


def _portal_markdown(build: Build, markdown: str, page: Page) -> str | None:
    """A portal's home page, education pages and open-data page show its members' campaigns and
    figures (xiaobao.portal); None for any other page."""
    src = page.file.src_uri
    if src == "index.md":
        return (markdown.replace(HOME_MARK, home_section(build.catalog, build.memo))
                .replace(HOME_CAMPAIGNS_MARK, trust(portal.home_section(build.portal, HEADLINE), build.memo)))
    if src.startswith("topics/") and src.count("/") == 1 and page.meta.get("topic"):
        build.listed.add(src)
        body = trust(portal.topic_section(build.portal, page.meta["topic"], src), build.memo)
        return f"{markdown}\n\n{LISTING_MARK}\n\n## 相关宣传活动\n\n{body}\n"
    if src == "data.md":
        return markdown + "\n" + portal.DATA_SECTION
    return None


def _draft_banner() -> str:
    return ('<div class="admonition warning xb-draft-banner"><p class="admonition-title">草稿：还没有核对，不会发布</p>'
            '<p>这一篇只在本机预览里出现。请到<a href="../../review/">待核对的草稿</a>页对照原文核对数字。</p></div>')


def page_content(build: Build, html: str, page: Page) -> str:
    """Campaign bodies and docs/ pages are editors' text: whatever raw HTML they hold is cut to a
    safe subset. Only our own blocks (marked, see xiaobao.site.pages.trust) go in unsanitised."""
    trusted = build.memo.trusted
    if page.file.generated_by is None:
        listed = page.file.src_uri in build.listed
        before, mark, after = html.rpartition(LISTING_MARK) if listed else ("", "", html)
        if not mark:
            return sanitize_docs_html(after, trusted)
        before = sanitize_docs_html(before, trusted)
        build.listing_at[page.file.src_uri] = len(before)  # the leaflet stops here (steps/reach.py)
        return before + sanitize_docs_html(after.lstrip("\n"), trusted)
    if (page.meta.get("xiaobao") or {}).get("kind") == "campaign":
        card, mark, body = html.partition(BODY_MARK)
        slug = page.meta["xiaobao"].get("slug")
        campaign = build.catalog.by_slug().get(slug)
        body = sanitize_html(body)
        html = card + mark + (with_evidence(body, campaign) if campaign else body)
        if slug in build.draft_slugs:
            html = _draft_banner() + html
    block = build.generated_html.get(page.file.src_uri)
    if block:
        html = insert_html(html, block)
    return html


def post_page(build: Build, output: str, page: Page) -> str:
    """In the preview, while files have problems, every page but the guide lists them instead."""
    if build.shown and page.file.src_uri != "guide.md":
        return error_page(build.shown, first=build.broken.get(page.file.src_uri))
    return output
