"""A preview save converts an editor's page (docs/) from Markdown again only when its Markdown changed.

Why: every save runs MkDocs over every docs page (they carry the campaign listings and totals, so
each is marked modified), and Markdown to HTML was the largest part of it (9 % of a save at 10,000
campaigns, more once the catalog work shrank). What the conversion gives (HTML, table of contents,
title, anchors, links to anchors) depends on the page's Markdown after our steps, its addresses,
the configuration, the code and the files links resolve against; under the hash of all of these
the `mkdocs serve` process keeps it (Session.rendered), and a page whose hash matches is handed
that instead. A page whose conversion logged a warning is never kept, so its warning shows again.
`mkdocs build` converts every page (its cache is steps/written.py's, for the generated pages).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.cache.store import digest
from xiaobao.pipeline.state import Build, Session

from steps.written import _engine_version, _toc, _toc_data


@dataclass(frozen=True)
class Rendered:
    key: str
    html: str
    toc: tuple
    title: str | None
    anchors: frozenset[str]
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (file linked to, ((anchor, link as written), …))


class WarningCount(logging.Handler):
    """Warnings MkDocs logs while a page converts (a link to a missing page or anchor)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _salt(build: Build, session: Session, files: Files) -> str:
    """Everything but the page that its conversion reads: made once per build."""
    if build.render_salt is None:
        settings = build.settings
        build.render_salt = digest("rendered", build.store.version, _engine_version(settings.root),
                                   settings.config_file.read_bytes(),
                                   repr([(f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files]))
    if session.render_warnings is None:
        session.render_warnings = WarningCount()
        logging.getLogger("mkdocs").addHandler(session.render_warnings)
    return build.render_salt


def lookup(build: Build, session: Session, markdown: str, page: Page, files: Files) -> str:
    """Last step of on_page_markdown: a page kept from an earlier save converts an empty text instead."""
    if not build.settings.serve or page.file.generated_by is not None:
        return markdown
    src = page.file.src_uri
    key = digest(_salt(build, session, files), src, page.file.dest_uri, page.url, markdown)
    kept = session.rendered.get(src)
    if kept is not None and kept.key == key:
        build.rendered[src] = kept
        return ""
    build.rendered[src] = (key, session.render_warnings.count)  # type: ignore[union-attr]
    return markdown


def restore(build: Build, session: Session, html: str, page: Page, files: Files) -> str:
    """First step of on_page_content: the kept conversion put back, or this one kept."""
    src = page.file.src_uri
    found: Any = build.rendered.pop(src, None)
    if found is None:
        return html
    if isinstance(found, Rendered):
        page.toc = _toc(found.toc)
        page._title_from_render = found.title
        page.present_anchor_ids = set(found.anchors)
        links = {}
        for target, anchors in found.links:
            file = files.get_file_from_path(target)
            if file is not None:
                links[file] = dict(anchors)
        page.links_to_anchors = links
        return found.html
    key, warnings = found
    if session.render_warnings is not None and session.render_warnings.count == warnings:
        links_to = tuple((f.src_uri, tuple(sorted(a.items()))) for f, a in (page.links_to_anchors or {}).items())
        session.rendered[src] = Rendered(key, html, _toc_data(page.toc), page._title_from_render,
                                         frozenset(page.present_anchor_ids or ()), links_to)
    else:
        session.rendered.pop(src, None)
    return html
