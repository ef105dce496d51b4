"""Editors' docs/ pages: front matter read once, fixed addresses, the editors' section, sources and hotlines.

Each page is read once, in `read`, with the same YAML rules as a campaign file
(xiaobao.site.docpages); MkDocs is handed the body only and gets the meta back in `restore_meta`,
so it never reads the front matter a second time with other rules. Logic in xiaobao.site
(audience, sources, freshness, hotlines, contact) and xiaobao.outputs.screen (key points).
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from xiaobao.campaigns.schema import slug_problem
from xiaobao.campaigns.vocab import TOPICS
from xiaobao.outputs import screen
from xiaobao.pipeline.state import Build
from xiaobao.site import contact, freshness, hotlines, sources
from xiaobao.site.audience import SECTION_SRC, SECTION_TITLE, editors_pages, page_url, section_html
from xiaobao.site.docpages import DocPage, engine_text, read_doc

log = get_plugin_logger("content")
reach_log = get_plugin_logger("reach")
SOURCES_MARKER = "<!-- xiaobao:sources -->"
TOPIC_HOTLINES_MARKER = "<!-- xiaobao:topic-hotlines -->"
REMITS_MARKER = "<!-- xiaobao:hotline-remits -->"
ALL_REMITS_MARKER = "<!-- xiaobao:hotline-remits-all -->"
HOME_MARKER = "<!-- xiaobao:home-hotlines -->"
FIELDS_MARKER = "<!-- xiaobao:sources-fields -->"
HOTLINES_MARKER = "<!-- xiaobao:hotlines -->"
EDITORS_MARKER = "<!-- xiaobao:editors -->"


# ---------- on_files ----------

def read(build: Build, files: Files, config: MkDocsConfig) -> Files:
    """Read every editor's page once; fix its address from `slug:` now, before any link is resolved.

    Returns the collection in the same order, a page whose address moved replaced by a new file
    (MkDocs works its addresses out once per file)."""
    out = []
    for file in files:
        if file.generated_by is not None or not file.is_documentation_page():
            out.append(file)
            continue
        try:
            text = file.content_string
        except (OSError, ValueError):  # MkDocs reports a file it cannot read (not UTF-8) when it gets to it
            out.append(file)
            continue
        doc = read_doc(file.src_uri, text, build.inventory.front.get(file.src_uri))  # read once, by the inventory
        build.docs[file.src_uri] = doc
        file = _placed(build, file, doc.meta.get("slug"), "slug" in doc.meta)
        file.content_string = engine_text(doc)  # MkDocs reads the body only: the meta comes from `doc`
        out.append(file)
        _remember(build, file, doc)
    _read_editors(build)
    return Files(out)


def _placed(build: Build, file: File, slug: object, has_slug: bool) -> File:
    """`slug:` in front matter fixes the URL, so moving or renaming the file changes nothing."""
    if not has_slug:
        return file
    problem = slug_problem(slug)
    if problem:
        reach_log.warning(f"docs/{file.src_uri}: slug: {problem}")
        return file
    before = file.url.strip("/")
    moved = File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                 dest_uri=posixpath.join(posixpath.dirname(file.src_uri), str(slug), "index.html"),
                 inclusion=file.inclusion)
    if moved.url.strip("/") != before and "/" in before:
        build.reach.moved[file.src_uri] = before  # the file-name address may be printed somewhere: keep it working
    return moved


def _remember(build: Build, file: File, doc: DocPage) -> None:
    """What the redirects and the screen need of the page: its old addresses, its key points."""
    if not doc.problem:
        build.reach.docs_redirects[file.src_uri] = doc.meta.get("redirects")
    points = screen.key_points(doc.body) if file.src_uri.startswith("topics/") and not doc.problem else []
    if points:
        key = str(doc.meta.get("topic") or posixpath.splitext(posixpath.basename(file.src_uri))[0])
        label = TOPICS[key].label if key in TOPICS else str(doc.meta.get("title") or key)
        build.reach.screen[file.src_uri] = screen.ScreenTopic(key, label, "", points)


def _read_editors(build: Build) -> None:
    metas = {src: doc.meta for src, doc in build.docs.items()}
    editors = build.editors
    editors.pages = editors_pages(metas)
    editors.descriptions = {src: str(metas[src].get("description") or "") for src in editors.pages}
    for src_uri, meta in sorted(metas.items()):  # problems in the lists are content's to report (page_markdown)
        if meta.get("sources"):
            found, _ = sources.read_sources(meta["sources"])
            editors.sources.append((page_url(src_uri), str(meta.get("title") or src_uri), found))


def add_editors_section(build: Build, files: Files, config: MkDocsConfig) -> None:
    """The 编辑与运维 page, unless docs/ has its own."""
    if SECTION_SRC not in {f.src_uri for f in files}:
        front = json.dumps({"title": SECTION_TITLE, "audience": "editors"}, ensure_ascii=False)  # as every generated page's
        text = f"---\n{front}\n---\n\n# {SECTION_TITLE}\n\n{EDITORS_MARKER}\n"
        files.append(File.generated(config, SECTION_SRC, content=text, inclusion=InclusionLevel.NOT_IN_NAV))


# ---------- on_nav ----------

def prune_nav(build: Build, nav: Navigation) -> None:
    """Editors' pages leave the readers' menu, whatever mkdocs.yml lists."""
    hidden = set(build.editors.pages) | {SECTION_SRC}
    nav.items = _prune(nav.items, hidden)
    nav.pages = [p for p in nav.pages if p.file.src_uri not in hidden]


def _prune(items: list, hidden: set[str]) -> list:
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _prune(item.children, hidden)
            if item.children:
                kept.append(item)
        elif not (getattr(item, "file", None) and item.file.src_uri in hidden):
            kept.append(item)
    return kept


# ---------- per page ----------

def restore_meta(build: Build, page: Page) -> None:
    """The page's meta as read in `read` (MkDocs was given the body only)."""
    doc = build.docs.get(page.file.src_uri)
    if doc is not None and page.file.generated_by is None:
        page.meta = dict(doc.meta)


def _is_topic(page: Page) -> bool:
    src = page.file.src_uri
    return page.file.generated_by is None and src.startswith("topics/") and src.count("/") == 1


def _insert_before_first_section(markdown: str, block: str) -> str:
    """Help first: the hotline box goes after the introduction, before the first ## heading."""
    if TOPIC_HOTLINES_MARKER in markdown:
        return markdown.replace(TOPIC_HOTLINES_MARKER, block)
    at = markdown.find("\n## ")
    return markdown + "\n" + block if at < 0 else f"{markdown[:at + 1]}{block}\n{markdown[at + 1:]}"


def _topic_markdown(markdown: str, meta: dict[str, Any], where: str) -> str:
    found, problems = sources.read_sources(meta.get("sources"))
    for problem in problems:
        log.warning(f"{where}：{problem}")
    markdown = _insert_before_first_section(markdown, hotlines.topic_callout(str(meta.get("topic") or "")))
    if meta.get("sources") is not None:
        _, reviewed, _ = freshness.reviewed_on(meta)
        section = sources.sources_markdown(found, reviewed)
        markdown = markdown.replace(SOURCES_MARKER, section) if SOURCES_MARKER in markdown \
            else markdown.rstrip("\n") + "\n\n" + section
    return markdown


def content_markdown(build: Build, markdown: str, page: Page) -> str:
    """Education pages: stale advice, hotlines near the top, sources at the end; the shared tables."""
    doc = build.docs.get(page.file.src_uri) if page.file.generated_by is None else None
    if doc is not None and doc.problem:
        if _is_topic(page):  # MkDocs would have shown the broken front matter as text without a word
            log.warning(f"{doc.where}：{doc.problem}")
    elif doc is not None:
        for problem in freshness.stale_problems(doc.meta, build.settings.today, require_review=_is_topic(page)):
            log.warning(f"{doc.where}：{problem}")
        if _is_topic(page):
            markdown = _topic_markdown(markdown, doc.meta, doc.where)
    markdown = markdown.replace(REMITS_MARKER, hotlines.remit_table(with_sources=False))
    markdown = markdown.replace(ALL_REMITS_MARKER, hotlines.remit_table(hotlines.ALL_LINES))
    markdown = markdown.replace(HOME_MARKER, hotlines.home_line())
    markdown = markdown.replace(FIELDS_MARKER, sources.fields_table())
    return markdown.replace(contact.CONTACT_MARKER, contact.contact_markdown(build.settings.contact))


def hotlines_markdown(markdown: str) -> str:
    """docs/reach.md shows the hotline table from xiaobao/site/hotlines.py, the one source."""
    return markdown.replace(HOTLINES_MARKER, hotlines.hotline_table()) if HOTLINES_MARKER in markdown else markdown


def editors_markdown(build: Build, markdown: str, page: Page) -> str:
    """The editors' section page lists every page for editors and the sources still without a link."""
    if page.file.src_uri != SECTION_SRC:
        return markdown
    listed = {k: v for k, v in build.editors.pages.items() if k != SECTION_SRC}
    html = section_html(listed, build.editors.descriptions) + sources.missing_links_html(build.editors.sources)
    return markdown.replace(EDITORS_MARKER, html)


def review_without_tools(context: dict, page: Page) -> dict:
    """The preview's review page goes without the readers' tools (font size, read-aloud, QR
    code): on a phone they pushed the figures below the fold, and it is never published."""
    if (page.meta.get("xiaobao") or {}).get("kind") == "review":
        context["reach"] = None
    return context
