"""The preview tells the browsers to reload as soon as a save's pages are written, before the files
that follow them (feed, QR sheet, print views, redirects, sitemap, the link check).

Why: those files are the same work on every save (10,000 feed candidates, 12,500 sitemap
addresses, every page's links), while the editor waits for the page they saved and the listings
and totals it is on, which are all written by then (MkDocs builds every page before
on_post_build). The server's own rule is kept otherwise: a page is answered only once the build
that started before the request published it (mkdocs.livereload), and a rebuild that failed
earlier publishes nothing. When the link check then lists broken links on every page, the
browsers are told to reload once more, so the list shows.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from xiaobao.pipeline.state import Build, Session
from xiaobao.site.preview import CHANGES, publish_rebuild, trusted_changes


def remember(session: Session, server: Any) -> None:
    """on_serve: the preview's server (mkdocs.livereload.LiveReloadServer), from the first build on."""
    session.server = server


def pages_written(build: Build, session: Session) -> None:
    """What MkDocs' build loop does once a rebuild is done, done now (the same epoch: no second reload)."""
    server = session.server
    if server is None or not build.settings.serve:
        return
    publish_rebuild(server)


def pages_replaced(build: Build, session: Session) -> None:
    """After pages were published, they were written again (the list of broken links): reload again."""
    server = session.server
    if server is None or not build.settings.serve:
        return
    with server._epoch_cond:
        server._wanted_epoch = server._visible_epoch = max(server._visible_epoch + 1, time.monotonic_ns() // 1_000_000)
        server._epoch_cond.notify_all()


def changed_files(build: Build, session: Session, folder: Path) -> frozenset[str] | None:
    """The files of folder the preview's watcher saw change since the last build began, or None
    (read every file's time stamp): outside `make site`, on its first build, or when an event may
    have been missed (xiaobao.site.preview.Changes says when)."""
    if not build.settings.serve:
        return None
    return trusted_changes(session.server, str(folder))


def expect_campaigns(build: Build, session: Session, folder: Path) -> None:
    """What this build read of the campaign folder, for the check after the reload (Changes.stale)."""
    memo = session.catalog_memo
    if build.settings.serve and "listing" in memo and "keys" in memo and memo["listing"][0][0] == str(folder):
        CHANGES.expect(str(folder), memo["listing"][0][1], memo["keys"])
