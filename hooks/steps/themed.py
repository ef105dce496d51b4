"""A preview save renders the theme around a menu page again only when something it shows changed.

Why: MkDocs builds every editor's page (docs/) on every save, since their text is in memory and
MkDocs counts such a file as modified, and so do the generated menu pages whose listing changed:
about 30 renderings of Material's main.html, each with the whole menu, 0.8 s of a save at 10,000
campaigns. What the template makes of a page depends on the page (HTML, table of contents, meta,
title, address), on what on_page_context gave it (context["reach"]: its QR code, print view,
hotlines), and on what frames every page: the menu's titles and addresses, the configuration, the
code and templates, what overrides/ reads and the problems the preview lists (the written pages'
frame salt, steps/written.py). Under the hash of all of these the `mkdocs serve` process keeps
each page's output (Session.themed); a page whose hash matches gets it back without rendering.
Every page's on_page_context and on_post_page still run (QR sheet, print views, feed, redirects,
links), so the steps record what they always do. `mkdocs build` renders every page.
"""

from __future__ import annotations

from typing import Any

import jinja2
from mkdocs.structure.files import Files

from xiaobao.cache.store import digest
from xiaobao.pipeline.state import Build, Session

from steps.written import _toc_data


def template_class(build: Build, session: Session, files: Files) -> type[jinja2.Template] | None:
    """The class the build's templates are made of (Environment.template_class), or None outside the preview."""
    if not build.settings.serve:
        return None
    pages = {f.src_uri: f.page for f in files.documentation_pages()}
    kept = session.themed

    class KeptTemplate(jinja2.Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            context = dict(*args, **kwargs)
            page = context.get("page")
            if page is None or pages.get(page.file.src_uri) is not page:
                return super().render(*args, **kwargs)  # a written page, a frame or a static template
            src = page.file.src_uri
            # The frame salt is this build's once steps/written.py has run (on_env, before MkDocs builds a page).
            key = digest(session.frame_salt, self.name or "", src, page.url, str(page.title), page.content or "", repr(page.meta),
                         repr(_toc_data(page.toc or ())), repr(context.get("reach")), repr(page.canonical_url),
                         repr(page.edit_url), repr(context.get("base_url")))
            found = kept.get(src)
            if found is not None and found[0] == key:
                return found[1]
            output = super().render(*args, **kwargs)
            kept[src] = (key, output)
            return output

    return KeptTemplate
