"""Generated pages outside the navigation (campaign pages, listings' pages, per-key listings):
made, rendered and written one at a time, with the build cache.

Why not as MkDocs pages: MkDocs reads and renders every page before it writes any, so all of them
sit in memory at once (7 GB at 100,000 campaigns), it makes a Markdown converter per page and it
renders the whole theme per page (more than half the CPU). Here each page goes through the same
events MkDocs would run (on_page_markdown, on_page_content, on_page_context, on_post_page), so every
step sees it as before, but:
- one page at a time: made from its plan (xiaobao.site.pages.Planned), written, dropped;
- the theme's frame is rendered once per page shape and filled (xiaobao.site.frame), checked
  against the template on the first page of each shape; pages it cannot fill exactly are rendered
  by the template;
- what a page's content became (HTML, table of contents, search text, meta) is kept in the build
  cache under the hash of everything it was made from (xiaobao.cache.store).

The pages MkDocs' navigation names (campaigns/index.md …) stay MkDocs pages: the theme marks them
as the current menu entry.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import logging
import os
import pickle
import posixpath
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc
from mkdocs.utils import get_build_date

from xiaobao.cache.store import digest
from xiaobao.campaigns.schema import Campaign
from xiaobao.pipeline import reuse
from xiaobao.pipeline.state import Build, Session
from xiaobao.search.job import PageSource, TextSpill, page_text
from xiaobao.site.frame import CONTENT, DESCRIPTION, PATH, TITLE, Frame, content_tail, page_values_plain, split_url
from xiaobao.site.pages import Planned
from xiaobao.site.review import REVIEW_SRC

log = get_plugin_logger("生成")
WRITER = "written.write_pages"
UNUSED_SETTINGS = {"today", "this_year", "warnings", "cache_dir"}  # no generated page's content reads them
_LINK = re.compile(r"\]\(|<a\b|\bsrc=|\bhref=|\[[^\]]*\]\s*\[|^\s*\[[^\]]+\]:", re.I | re.M)


def may_link(body: str) -> bool:
    """Whether a campaign body can hold a link (_LINK), without running the pattern on bodies that
    lack every character it needs: each alternative needs "](", "<", "=" or "[". The pattern alone
    cost 1 CPU-s per build at 10,000 campaigns (Chinese bodies rarely hold any of the four)."""
    return ("[" in body or "](" in body or "<" in body or "=" in body) and _LINK.search(body) is not None


# ---------- on_files ----------

def nav_sources(nav: Any) -> set[str]:
    """Every Markdown file the configured navigation names (mkdocs.yml `nav:`)."""
    found: set[str] = set()
    todo = [nav]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            if item.endswith(".md"):
                found.add(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The address MkDocs gives a Markdown page (mkdocs.structure.files.File.url)."""
    stem = src_uri[:-3]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    return stem[:-5] if stem.endswith("/index") else f"{stem}/"


def dest_path(src_uri: str) -> str:
    stem = src_uri[:-3]
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


# ---------- on_env ----------

def _toc_data(items: Any) -> tuple:
    return tuple((i.title, i.id, i.level, _toc_data(i.children)) for i in items)


def _toc(data: tuple) -> TableOfContents:
    def link(entry: tuple) -> AnchorLink:
        title, id_, level, children = entry
        item = AnchorLink(title, id_, level)
        item.children = [link(c) for c in children]
        return item
    return TableOfContents([link(e) for e in data])


class Converter:
    """One Markdown converter for every written page, reset between pages.

    Why: MkDocs' Page.render makes a new converter, with every extension, for each page: a quarter
    of the conversion's time at 2,000 campaigns. MkDocs' own per-page processors (anchors, relative
    links, title) are made for each page and registered under their names again, which replaces the
    last page's and keeps MkDocs' order; the rest is Page.render of MkDocs 1.6 (pinned) line by line.
    The extensions here keep no state between pages that `reset` does not clear (toc, attr_list,
    admonition, tables, details, xiaobao.site.cjk, xiaobao.site.tel).
    """

    def __init__(self, config: MkDocsConfig) -> None:
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        md = self.md.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors


@dataclass
class Kept:
    """What a written page gave the build, kept by a `mkdocs serve` process: a save that leaves the
    page's inputs as they were writes nothing and hands the other steps what the page gave before."""

    salt: str  # the frame and content salt of the build that wrote it
    campaign: Any  # the campaign object it was made from (campaign pages), compared by identity
    draft: bool
    made: str | None  # digest of the made page (pages planned without their inputs)
    inputs: tuple | None  # what a listing's page was made from (Planned.inputs)
    qr: list[Any]
    redirects: list[Any]
    search: PageSource | None


class Writer:
    """One build's written pages: frames by shape, and the keys that make a cached page's content valid."""

    def __init__(self, build: Build, session: Session, config: MkDocsConfig, files: Files, nav: Navigation,
                 env: Environment) -> None:
        self.build, self.session, self.config, self.files, self.nav, self.env = build, session, config, files, nav, env
        serve = build.settings.serve
        self.doc_files = files.documentation_pages(
            inclusion=InclusionLevel.is_in_serve if serve else InclusionLevel.is_included)
        self.salt = digest("page", _engine_version(build.settings.root), build.settings.config_file.read_bytes(),
                           repr(sorted((k, v) for k, v in build.settings.__dict__.items() if k not in UNUSED_SETTINGS)),
                           repr(build.shown))
        # The frame also shows the menu (every navigation title and address) and what overrides/ reads.
        self.frame_salt = digest(self.salt, repr(_nav_signature(nav.items)), repr(build.template))
        if session.frame_salt != self.frame_salt:
            session.frames, session.frame_salt = {}, self.frame_salt
        self.frames: dict[tuple, tuple[Frame | None, bool]] = session.frames  # shape -> (frame, checked)
        self.filled = self.rendered = self.cached = self.kept = self.reused = 0
        # `mkdocs build` into a staging folder: an unchanged page is the published site's file (xiaobao.pipeline.reuse).
        self.reusing = build.staging is not None and build.store.enabled and not serve
        self.campaigns: dict[str, tuple[Any, str]] = {}  # slug -> (campaign, its digest)
        self.previous = str(build.settings.site_dir)
        self.last_search: PageSource | None = None  # populate's: the page's search source before it is spilled
        self.converter = Converter(config)
        if not serve and build.text_spill is None:
            build.text_spill = TextSpill()

    # --- a serve rebuild: pages whose inputs did not change are left as written

    def unchanged(self, planned: Planned, old: Kept | None) -> tuple[bool, Any]:
        """(unchanged since `old`, the made page when making it was needed to tell)."""
        if old is None or old.salt != self.frame_salt:
            return False, None
        if planned.campaign is not None:
            return (old.campaign is planned.campaign and old.draft == (planned.campaign.slug in self.build.draft_slugs)), None
        if planned.inputs is not None:
            return planned.same_inputs(old.inputs), None
        made = planned.make()
        return old.made == digest(*_made_parts(made)), made

    def keep(self, planned: Planned, old: Kept) -> None:
        """The page stays as written: what it gave the QR sheet, redirects and search, again. Its links
        were checked when it was written (after a preview that showed a broken link every page is
        written again); `mkdocs build` checks every page."""
        build = self.build
        build.reach.qr_index.extend(old.qr)
        build.reach.redirects.extend(old.redirects)
        build.written.record(dest_path(planned.src_uri), WRITER)
        if old.search is not None:
            build.search[planned.src_uri] = old.search
        self.kept += 1

    def marks(self) -> tuple[int, int]:
        build = self.build
        return len(build.reach.qr_index), len(build.reach.redirects)

    def record(self, planned: Planned, marks: tuple[int, int], made: Any) -> Kept:
        build = self.build
        campaign = planned.campaign
        made_digest = digest(*_made_parts(made)) if campaign is None and planned.inputs is None else None
        return Kept(self.frame_salt, campaign, campaign is not None and campaign.slug in build.draft_slugs, made_digest,
                    planned.inputs,
                    build.reach.qr_index[marks[0]:], build.reach.redirects[marks[1]:], build.search.get(planned.src_uri))

    # --- a build: pages whose output is known are the previous site's files

    def output_key(self, planned: Planned, made: Any) -> tuple[str | None, Any]:
        """(the hash of everything the written page is made from or None (not reused), the made
        page when making it was needed to tell).

        A campaign page is made from its campaign alone (xiaobao.site.pages.campaign_page), so it
        is keyed without being made; other pages by what they were made into. Both add the frame's
        salt: the code, templates, config, settings, shown problems and the menu.
        """
        if not self.reusing:
            return None, made
        campaign = planned.campaign
        if campaign is not None:
            if may_link(campaign.body or ""):  # resolved against the other pages: made every time
                return None, made
            return digest(reuse.KIND, self.frame_salt, planned.src_uri, self.campaign_digest(campaign),
                          str(campaign.slug in self.build.draft_slugs)), made
        listed = self._listing_parts(planned)
        if listed is not None:
            return digest(reuse.KIND, self.frame_salt, planned.src_uri, *listed), made
        made = made or planned.make()
        content = self._key(planned, made)
        return (digest(reuse.KIND, self.frame_salt, content) if content else None), made

    def campaign_digest(self, campaign: Any) -> str:
        """Hash of everything a campaign holds (its page and its rows are made from it), once per build."""
        found = self.campaigns.get(campaign.slug)  # the object is kept beside its hash: another with the slug is hashed anew
        if found is None or found[0] is not campaign:
            found = self.campaigns[campaign.slug] = (campaign, digest(repr(campaign)))
        return found[1]

    def _listing_parts(self, planned: Planned) -> list[str] | None:
        """A listing's or metric listing's page is made from its values and its campaigns
        (xiaobao.site.pages.listing_plan, metric_plan): keyed by them, it need not be made to be
        known. None for other pages (keyed by what they are made into)."""
        inputs = planned.inputs
        if not inputs or inputs[0] not in ("listing", "metric"):
            return None
        head = 0
        while head < len(inputs) and not isinstance(inputs[head], Campaign):
            head += 1
        campaigns = inputs[head:]
        if not all(isinstance(c, Campaign) for c in campaigns):
            return None
        return [repr(inputs[:head]), repr(sorted(self.build.draft_slugs)),
                *(self.campaign_digest(c) for c in campaigns)]

    def reuse(self, planned: Planned, key: str) -> bool:
        """The previous site's file linked in and what the page gave the build replayed, when the
        cache knows the page's output and the previous site still holds exactly that file."""
        build = self.build
        entry = reuse.loads(build.store.get(reuse.KIND, key))
        if entry is None:
            return False
        dest = dest_path(planned.src_uri)
        found = build.written.place(dest, os.path.join(self.previous, dest), entry, WRITER)
        if found is None:
            return False
        if found != entry.ident:  # the same bytes in another file (a copied site): known by this one now
            build.store.put(reuse.KIND, key, replace(entry, ident=found).dumps())
        build.reach.qr_index.extend(entry.qr)
        if entry.redirects:
            build.reach.redirects.extend(entry.redirect_pairs())
        build.links.add(dest, "", entry.label, entry.links)
        if entry.search is None:
            build.search.pop(planned.src_uri, None)
        else:
            build.search[planned.src_uri] = self.spilled(entry.search)
        self.reused += 1
        return True

    def write(self, page: Page, output: str, key: str | None, marks: tuple[int, int]) -> None:
        """The page written; with a key, its output and what it gave the build go into the cache."""
        build = self.build
        data = output.encode("utf-8")
        info = build.written.write_bytes(page.file.dest_uri, data, WRITER)
        links = build.links.last if build.links is not None else None
        if key is None or links is None:
            return
        file = page.file
        label = file.dest_uri if file.generated_by else f"{file.dest_uri}（docs/{file.src_uri}）"
        redirects = tuple((p.url, p.title, p.file.src_uri, old) for p, old in build.reach.redirects[marks[1]:])
        entry = reuse.Output(reuse.sha(data), len(data), reuse.ident(info), tuple(build.reach.qr_index[marks[0]:]),
                             redirects, label, links, self.last_search)
        build.store.put(reuse.KIND, key, entry.dumps())

    # --- content: what MkDocs' populate step makes of the page, or the cache's copy

    def _key(self, planned: Planned, made: Any) -> str | None:
        """None when the content may depend on other pages (a link in the text is resolved against them)."""
        if planned.campaign is not None and may_link(planned.campaign.body or ""):
            return None
        draft = planned.campaign is not None and planned.campaign.slug in self.build.draft_slugs
        return digest(self.salt, *_made_parts(made), repr(planned.campaign), str(draft))

    def populate(self, planned: Planned, made: Any) -> Page:
        config, build = self.config, self.build
        file = File.generated(config, made.src_uri, content=made.markdown,
                              inclusion=InclusionLevel.NOT_IN_NAV if made.source_path else InclusionLevel.UNDEFINED)
        if made.source_path:
            file.edit_uri = None
        build.generated_html[made.src_uri] = made.html
        page = Page(None, file, config)
        key = self._key(planned, made)
        entry = build.store.get("page", key) if key else None
        if entry is not None:
            try:
                meta, content, toc, search = pickle.loads(entry)
            except Exception:  # noqa: BLE001 - a damaged entry is a miss
                entry = None
        if entry is not None:
            page.markdown, page.meta, page.content, page.toc = "", meta, content, _toc(toc)
            if search is None:
                build.search.pop(made.src_uri, None)
            else:
                build.search[made.src_uri] = self.spilled(search)
            self.last_search = search
            self.cached += 1
        else:
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=self.files)
            self.converter.render(page, config, self.files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=self.files)
            search = build.search.get(made.src_uri)
            if search is not None:  # the index needs the text only: keep that, not the page's HTML
                search = build.search[made.src_uri] = PageSource(search.url, search.title, "", search.rank,
                                                                 text=page_text(search.title, search.html),
                                                                 headings=_headings(search))
            if key:
                build.store.put("page", key, pickle.dumps((page.meta, page.content, _toc_data(page.toc), search),
                                                          protocol=pickle.HIGHEST_PROTOCOL))
            if search is not None:
                build.search[made.src_uri] = self.spilled(search)
            self.last_search = search
        del build.generated_html[made.src_uri]
        return page

    def spilled(self, search: PageSource) -> PageSource:
        """The page's search text leaves memory for the build's spill file (`mkdocs build` only: a
        preview keeps its pages' texts from save to save)."""
        spill = self.build.text_spill
        return search if spill is None else spill.put(search)

    # --- the frame around the content

    def _shape(self, page: Page) -> tuple:
        meta = page.meta or {}
        xb = meta.get("xiaobao") or {}
        return (split_url(page.url)[0], content_tail(page.content or ""), tuple(sorted(meta)), bool(xb.get("noindex")), meta.get("audience"),
                meta.get("template"), _toc_data(page.toc))

    def _frame(self, shape: tuple, page: Page) -> tuple[Frame | None, bool]:
        """(frame, checked against the template): this process's, the cache's, or rendered now."""
        found = self.frames.get(shape)
        if found is None:
            key = digest(self.frame_salt, repr(shape))
            stored = self.build.store.get("frame", key)
            if stored is not None:
                try:
                    found = pickle.loads(stored)
                except Exception:  # noqa: BLE001 - a damaged entry is a miss
                    found = None
            if found is None:
                found = (self._make_frame(page), False)
            self.frames[shape] = found
        return found

    def _settle(self, shape: tuple, frame: Frame | None, checked: bool) -> None:
        """A frame checked on a page (or found wrong) is kept so, here and in the cache."""
        self.frames[shape] = (frame, checked)
        self.build.store.put("frame", digest(self.frame_salt, repr(shape)),
                             pickle.dumps((frame, checked), protocol=pickle.HIGHEST_PROTOCOL))

    def _make_frame(self, page: Page) -> Frame | None:
        """The page's shape rendered once with tokens for its values (no step records anything for it)."""
        proto_src = split_url(page.url)[0] + PATH + ".md"
        file = File.generated(self.config, proto_src, content="", inclusion=page.file.inclusion)
        file.edit_uri = None
        proto = Page(None, file, self.config)
        proto.markdown = ""
        proto.meta = dict(page.meta or {})
        proto.meta["title"] = TITLE
        if "description" in proto.meta:
            proto.meta["description"] = DESCRIPTION
        tail = content_tail(page.content or "")
        proto.content, proto.toc = CONTENT + tail, page.toc
        reach = self.build.reach
        kept = len(reach.qr_index), len(reach.redirects)
        try:
            output = self._template(proto)
        finally:
            del reach.qr_index[kept[0]:], reach.redirects[kept[1]:]
        from steps import reach as reach_step  # the frame gets the same mending as every page

        frame = Frame.cut(reach_step.mend(output), tail)
        return frame if frame.usable else None

    def _template(self, page: Page) -> str:
        """What MkDocs' build step renders for the page (mkdocs.commands.build._build_page), before on_post_page."""
        config = self.config
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            return template.render(context)
        finally:
            page.active = False
            config._current_page = None

    def render(self, page: Page) -> str:
        meta = page.meta or {}
        title, description = str(meta.get("title") or ""), str(meta.get("description") or "")
        name = split_url(page.url)[1]
        shape = self._shape(page)
        frame, checked = (self._frame(shape, page) if page_values_plain(title, description, name) and "title" in meta
                          else (None, False))
        if frame is not None and checked:
            self._context_only(page)
            self.filled += 1
            output = frame.fill(title, description, name, page.content or "")
        else:
            output = self._template(page)
            self.rendered += 1
            if frame is not None:  # its first page: the frame must give what the template gave
                good = frame.check(_mended(output), title, description, name, page.content or "")
                self._settle(shape, frame if good else None, good)
        config = self.config
        return config.plugins.on_post_page(output, page=page, config=config)

    def _context_only(self, page: Page) -> None:
        """on_page_context for a filled page: the steps record the page (QR sheet, redirects) as for any other."""
        config = self.config
        config._current_page = page
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
        finally:
            config._current_page = None


def _mended(output: str) -> str:
    from steps import reach as reach_step

    return reach_step.mend(output)


def _headings(source: PageSource) -> tuple[str, ...]:
    from xiaobao.search.job import headings

    return headings(source.html) if source.rank < 3 else ()


def _made_parts(made: Any) -> tuple[str, str, str]:
    return made.src_uri, made.markdown, made.html


def _nav_signature(items: Any) -> tuple:
    """The menu as the theme shows it: titles, addresses and sections, in order."""
    return tuple((type(i).__name__, getattr(i, "title", None), getattr(i, "url", None),
                  _nav_signature(getattr(i, "children", None) or ())) for i in items)


def _engine_version(root: Path) -> str:
    """Hash of hooks/ and overrides/: the steps and templates a page's content and frame come from."""
    h = hashlib.sha256()
    for folder in ("hooks", "overrides"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(root).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def write_pages(build: Build, session: Session, config: MkDocsConfig, files: Files, env: Environment) -> None:
    """Make, render and write every page of build.written_pages, one at a time.

    A `mkdocs serve --dirty` rebuild leaves a page alone when what it is made from is unchanged
    (the saved campaign's page and the listings it is on are written again, the rest stays).
    """
    writer = Writer(build, session, config, files, build.nav, env)
    settings = build.settings
    reuse = settings.serve and settings.dirty and not session.links_shown and build.shown == session.written_shown
    before: dict[str, Kept] = session.written if reuse else {}
    now: dict[str, Kept] = {}
    for planned in build.written_pages:
        old = before.get(planned.src_uri)
        same, made = writer.unchanged(planned, old)
        if same:
            writer.keep(planned, old)
            now[planned.src_uri] = old
            continue
        marks = writer.marks()
        key, made = writer.output_key(planned, made)
        if key is not None and writer.reuse(planned, key):
            continue
        made = made or planned.make()
        page = writer.populate(planned, made)
        if build.links is not None:
            build.links.last = None
        output = writer.render(page)
        writer.write(page, output, key, marks)
        if settings.serve:
            now[planned.src_uri] = writer.record(planned, marks, made)
    session.written, session.written_shown = now, list(build.shown)
    build.written_stats = {"filled": writer.filled, "rendered": writer.rendered, "cached": writer.cached,
                           "kept": writer.kept, "reused": writer.reused}
    if writer.cached:
        log.info(f"缓存：{writer.cached} 个页面沿用上次生成的内容（{build.settings.cache_dir}）")
    if writer.reused:
        log.info(f"缓存：{writer.reused} 个页面和上次生成的完全一样，直接用了上次网站里的文件")


# ---------- on_post_build ----------

SITEMAP_ENTRY = "\n    <url>\n         <loc>{}</loc>\n         <lastmod>{}</lastmod>\n    </url>"
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def extend_sitemap(build: Build, config: MkDocsConfig, session: Session | None = None) -> None:
    """The theme's sitemap lists MkDocs' pages; the written pages join it, in the same form and at
    the places MkDocs would have listed them (the order the pages were planned in).

    A preview save that planned the same pages and got the same sitemap from the theme writes the
    sitemap it made last time (12,500 addresses at 10,000 campaigns are not escaped and placed again).
    """
    site = build.site_dir
    path = site / "sitemap.xml"
    base = build.settings.site_url
    if not path.is_file() or not build.written_pages or not base:
        return
    text = path.read_text(encoding="utf-8")
    made_from = (text, base, get_build_date(), config.use_directory_urls, tuple(p.src_uri for p in build.plan),
                 tuple(p.src_uri for p in build.written_pages))
    kept = session.sitemap if session is not None and build.settings.serve else None
    if kept is not None and kept[0] == made_from:
        _write_sitemap(site, kept[1])
        return
    text = _extended(build, config, text)
    if text is None:  # not the theme's sitemap as we know it: left as it is
        return
    if session is not None:
        session.sitemap = (made_from, text) if build.settings.serve else None
    _write_sitemap(site, text)


def _extended(build: Build, config: MkDocsConfig, text: str) -> str | None:
    """The theme's sitemap text with the written pages' entries placed among MkDocs' own."""
    base = build.settings.site_url
    head, sep, rest = text.partition("\n    <url>")
    body, end, tail = rest.rpartition("\n</urlset>")
    if not sep or not end:
        return
    base = base if base.endswith("/") else base + "/"
    day, directory_urls = get_build_date(), config.use_directory_urls
    loc = {p.src_uri: html.escape(base + page_url(p.src_uri, directory_urls)) for p in build.plan}
    written = {p.src_uri for p in build.written_pages}
    pending = iter(build.plan)
    entries = (sep + body).split("\n    <url>")[1:]
    # The preview's review page is not for readers (overrides/sitemap.xml leaves it out by its meta);
    # a `serve --dirty` save that did not render it again left MkDocs without that meta.
    review = loc.get(REVIEW_SRC)
    entries = [e for e in entries if (m := _LOC.search(e)) is None or m.group(1) != review]
    # The planned pages MkDocs rendered and its sitemap lists (overrides/sitemap.xml leaves out the
    # preview's review page, which is planned last).
    listed = {found.group(1) for found in map(_LOC.search, entries) if found}
    in_mkdocs = [loc[p.src_uri] for p in build.plan if p.src_uri not in written and loc[p.src_uri] in listed]
    last = in_mkdocs[-1] if in_mkdocs else None
    in_mkdocs_set = set(in_mkdocs)
    out = []
    for entry in entries:
        found = _LOC.search(entry)
        here = found.group(1) if found else None
        if here in in_mkdocs_set:
            for planned in pending:  # the written pages planned before this one
                if planned.src_uri not in written:
                    break
                out.append(SITEMAP_ENTRY.format(loc[planned.src_uri], day))
        out.append("\n    <url>" + entry)
        if here is not None and here == last:
            out += [SITEMAP_ENTRY.format(loc[p.src_uri], day) for p in pending if p.src_uri in written]
    if last is None:  # no planned page went to MkDocs: after the docs pages
        out += [SITEMAP_ENTRY.format(loc[p.src_uri], day) for p in pending if p.src_uri in written]
    return head + "".join(out) + end + tail


def _write_sitemap(site: Path, text: str) -> None:
    """sitemap.xml, and sitemap.xml.gz as MkDocs writes it (same time stamp in the gzip header)."""
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    gz = site / "sitemap.xml.gz"
    if gz.is_file():
        stamp = int.from_bytes(gz.read_bytes()[4:8], "little")  # the time MkDocs gave it
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, filename=str(gz), mode="wb", mtime=stamp) as out_gz:
            out_gz.write(text.encode("utf-8"))
        gz.write_bytes(buf.getvalue())
