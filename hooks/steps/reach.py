"""Reach: QR codes, print views, the feed, screen mode, short links and redirects, and the theme's
markup mended so every browser and screen reader can read it.

Logic in xiaobao.outputs (qr, qrfiles, feeds, screen, leaflets) and xiaobao.site (hotlines,
theme_markup). Files beside the pages are written through build.written, which checks them
against the outputs table (xiaobao/pipeline/outputs.py).
"""

from __future__ import annotations

import html
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.campaigns.vocab import TOPICS
from xiaobao.outputs import feeds, leaflets, qr, screen
from xiaobao.outputs.qrfiles import PageCode, cached_svg, write_qr_codes, write_qr_index
from xiaobao.pipeline.outputs import OutputError
from xiaobao.pipeline.state import Build, Session
from xiaobao.portal import steps as portal
from xiaobao.site.audience import is_reader_page
from xiaobao.site.hotlines import hotlines_for
from xiaobao.assets.minify import html_without_indentation
from xiaobao.site.theme_markup import mend_theme_markup

from steps import written

log = get_plugin_logger("reach")
REVIEW_KEYS = ("last_reviewed", "reviewed", "review_date", "updated")
SCREEN_BUILDER = "screen-builder.md"  # docs page that hosts the /screen/ address builder


def _reviewed(meta: dict) -> str:
    for key in REVIEW_KEYS:
        if meta.get(key):
            return str(meta[key])
    return ""


def _title(page: Page) -> str:
    """The page's title as text: page.title is HTML (escaped) for the theme, and these outputs escape it themselves."""
    return html.unescape(page.title or "")


def _is_education(page: Page) -> bool:
    return page.file.generated_by is None and page.file.src_uri.startswith("topics/")


# ---------- on_nav ----------

def submit_codes(build: Build, files: Files) -> None:
    """Codes need only URLs, final once slugs are applied: the background child writes them."""
    site_url = build.settings.public_url
    urls = [("" if f.url in (".", "./") else f.url, f.generated_by is not None) for f in files.documentation_pages()]  # as Page.url has it
    urls += [(written.page_url(p.src_uri), True) for p in build.written_pages]  # steps/written.py writes these
    codes = _codes(site_url, urls, build.settings.serve)
    build.reach.code_of = {code.url: code for code in codes}
    build.reach.menu_pages = [f.src_uri for f in files.documentation_pages()]  # the pages MkDocs may build (qr/)
    for code in codes:
        build.written.record(f"qr/{code.name}", "二维码（后台）")
    # A dirty rebuild keeps the codes already written: only new pages need one.
    build.background.submit("二维码", write_qr_codes, build.site_dir, codes, build.settings.dirty, build.store, linked=True)


_KEPT_CODES: dict[tuple[str, str, bool], PageCode] = {}  # the preview's: (site URL, page URL, fast) -> code


def _codes(site_url: str, urls: list[tuple[str, bool]], serve: bool) -> list[PageCode]:
    """Each page's code file name and address; the preview keeps them from save to save (a save
    made 12,500 names by hashing every address again, 0.1 s at 10,000 campaigns), a build makes
    them once and keeps none."""
    if not serve:
        return [PageCode(qr.qr_filename(url), qr.absolute_url(site_url, url), fast) for url, fast in urls]
    kept = _KEPT_CODES
    if len(kept) > 2 * len(urls) + 1000:  # pages gone since: forget them
        kept.clear()
    codes = []
    for url, fast in urls:
        code = kept.get((site_url, url, fast))
        if code is None:
            code = kept[(site_url, url, fast)] = PageCode(qr.qr_filename(url), qr.absolute_url(site_url, url), fast)
        codes.append(code)
    return codes


# ---------- per page ----------

def _screen_topics(build: Build) -> list[screen.ScreenTopic]:
    """The topics with key points, in vocabulary order: what /screen/ and its builder offer."""
    order = list(TOPICS)
    return sorted(build.reach.screen.values(), key=lambda t: order.index(t.key) if t.key in order else len(order))


def page_content(build: Build, html_text: str, page: Page) -> str:
    """The screen builder gets its form (after the docs sanitiser: the form is ours, not an editor's);
    on paper an education page is a leaflet: its campaign listing stays on screen."""
    if page.file.src_uri == SCREEN_BUILDER:
        site_url = build.settings.public_url
        return html_text + screen.builder_html(_screen_topics(build), qr.absolute_url(site_url, "screen/"),
                                               "../screen/", qr.absolute_url(site_url, "s/"))
    at = build.listing_at.get(page.file.src_uri)
    if at is None or not _is_education(page):
        return html_text
    return f'{html_text[:at]}<div class="xb-no-print">{html_text[at:]}</div>'


def _remember_education(build: Build, page: Page, url: str, svg: str) -> dict[str, Any]:
    """Collect what the print view, the screen and the feed need; return the template's part."""
    meta = page.meta or {}
    topic = build.reach.screen.get(page.file.src_uri)
    if topic is not None:
        topic.url, topic.qr_svg = url, svg
    reviewed = _reviewed(meta)
    build.reach.education.append({"title": _title(page), "url": url, "updated": reviewed,
                                  "summary": html.unescape(str(meta.get("description") or "")), "category": "科普文章"})
    content = (page.content or "")[:build.listing_at.get(page.file.src_uri)]  # the listing stays off paper
    key = str(meta.get("topic") or "")
    lines = hotlines_for(key) if key else ()
    points = tuple(topic.points) if topic is not None else ()
    build.reach.leaflets.append(leaflets.Leaflet(_title(page), page.url, url, content, svg, reviewed, lines,
                                                 points, html.unescape(str(meta.get("description") or ""))))
    return {"print": leaflets.print_path(page.url).removesuffix("index.html"), "reviewed": reviewed,
            "hotlines": [{"number": h.number, "label": h.label} for h in lines]}


def page_context(build: Build, context: dict, page: Page) -> dict:
    """Give the template this page's QR code, absolute URL and print view (overrides/main.html).

    Runs for every page, thousands of them: the common case does no more than it must.
    """
    site_url, reach = build.settings.public_url, build.reach
    url = qr.absolute_url(site_url, page.url)
    file = page.file
    code = reach.code_of.get(url) or PageCode(qr.qr_filename(page.url), url, file.generated_by is not None)
    row = (_title(page) or build.settings.site_name, url, code.name) if is_reader_page(page.meta) else None
    if row is not None:  # the QR sheet lists readers' pages only
        reach.qr_index.append(row)
    if build.settings.serve:
        reach.menu_rows[file.src_uri] = row
    links = context["reach"] = {"url": url, "qr": f"qr/{code.name}", "print": None, "reviewed": "", "hotlines": []}
    if _is_education(page):
        # Generated pages (thousands) would skip the mask search; education pages are docs pages.
        links.update(_remember_education(build, page, url, cached_svg(url, file.generated_by is not None, build.store)))
    olds = (page.meta or {}).get("redirects") or []
    olds = [olds] if isinstance(olds, str) else list(olds)
    if file.generated_by is None:
        olds.append(reach.moved.get(file.src_uri))
    if olds:
        reach.redirects.extend((page, old) for old in olds if old)
    return context


def mend(output: str) -> str:
    """The theme's known markup faults mended, then its templates' indentation dropped."""
    return html_without_indentation(mend_theme_markup(output))


# ---------- on_post_build ----------

def _campaign_entries(build: Build) -> list[dict]:
    """Feed entries of the newest campaigns only: the feed keeps feeds.FEED_LIMIT entries in all."""
    if build.portal:  # a portal's campaigns link to their members' pages
        return portal.feed_entries(build.portal)
    site_url = build.settings.public_url
    newest = feeds.newest(build.catalog.campaigns, _updated, lambda c: c.url)
    return [{"title": c.title, "url": qr.absolute_url(site_url, c.url), "summary": c.summary, "category": "宣传活动",
             "updated": _updated(c)} for c in newest]


def _updated(c: Any) -> Any:
    return (c.end or c.start).earliest() if (c.end or c.start) else None


def _write_redirects(build: Build) -> None:
    site = build.site_dir
    for page, old in build.reach.redirects:
        target = leaflets.redirect_target(page.url, old)
        if target is None or (site / target).exists():
            why = "和现有页面重名" if target else "只能用小写字母、数字、连字符和 /"
            log.warning(f"docs/{page.file.src_uri}: redirects: “{old}”{why}，没有生成跳转页")
            continue
        depth = target.count("/")
        build.written.write(target, leaflets.render_redirect("../" * depth + page.url, qr.absolute_url(
            build.settings.public_url, page.url), _title(page)), "reach.write_late_files（跳转页）")


def write_late_files(build: Build, config: MkDocsConfig, session: Session | None = None) -> None:
    """The files that are not theme pages: qr/index.html, feed.xml, screen/, s/ (its short links), print/, redirects."""
    try:
        _write_late_files(build, session)
    except OutputError as error:
        raise PluginError(str(error)) from None


def _write_qr_sheet(build: Build, session: Session | None) -> None:
    """qr/index.html lists every reader's page (10,000 rows and more): a preview save that changed
    no title or address leaves the sheet it wrote last time."""
    items, name = build.reach.qr_index, build.settings.site_name
    if session is not None and build.settings.serve:
        items = items + _skipped_rows(build, session)
    sheet = build.site_dir / "qr" / "index.html"
    made_from = (str(build.site_dir), name, items)
    if session is not None and build.settings.serve and session.qr_sheet == made_from and sheet.is_file():
        return
    write_qr_index(build.site_dir, items, name)
    if session is not None:
        session.qr_sheet = (str(build.site_dir), name, list(items)) if build.settings.serve else None


def _skipped_rows(build: Build, session: Session) -> list[tuple[str, str, str]]:
    """The QR sheet's rows of MkDocs' pages a preview save did not build: `serve --dirty` skips a
    generated menu page whose staged source is unchanged (steps/campaigns.py), so its
    on_page_context did not run; its row is the one it gave when it was last built."""
    built, kept = build.reach.menu_rows, session.menu_rows
    pages = build.reach.menu_pages
    rows = [kept[src] for src in pages if src not in built and kept.get(src) is not None]
    session.menu_rows = {src: built[src] if src in built else kept.get(src) for src in pages}
    return rows


def _write_late_files(build: Build, session: Session | None = None) -> None:
    settings, written = build.settings, build.written
    site_url, name = settings.public_url, settings.site_name
    writer = "reach.write_late_files"
    written.record("qr/index.html", writer)  # the sheet, written by xiaobao.outputs.qrfiles
    _write_qr_sheet(build, session)
    entries = build.reach.education + _campaign_entries(build)
    written.write("feed.xml", feeds.atom_feed(name, site_url, qr.absolute_url(site_url, "feed.xml"), entries,
                                              subtitle="新收录的宣传活动和更新的科普文章"), writer)
    topics = [t for t in _screen_topics(build) if t.url]
    written.write("screen/index.html", screen.render_screen(topics, name, site_url), writer)
    written.write("s/index.html", screen.render_short_page(name, qr.absolute_url(site_url, "screen-builder/")), writer)
    for leaflet in build.reach.leaflets:
        written.write(leaflets.print_path(leaflet.page_url), leaflets.render_leaflet(leaflet, name), writer)
    _write_redirects(build)
