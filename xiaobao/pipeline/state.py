"""What one build knows, on one object made at its start: Build. And the little a process keeps.

Steps hand each other nothing else: no module-level dicts, no attributes added to MkDocs' files,
no values slipped into config.extra. `mkdocs serve` runs many builds in one process; each starts
from a new Build, so nothing one build saw can leak into the next. What a serve process keeps
between builds is on Session, and each field says why it must outlive a build.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xiaobao.cache.store import Store
from xiaobao.campaigns.catalog import Catalog
from xiaobao.campaigns.neardup import NearDuplicateIndex
from xiaobao.campaigns.problems import Problem
from xiaobao.pipeline.background import Batch
from xiaobao.pipeline.linkcheck import LinkCollector
from xiaobao.pipeline.outputs import Written
from xiaobao.pipeline.settings import Run, Settings
from xiaobao.publish.inventory import Inventory
from xiaobao.search.job import PageSource, TextSpill
from xiaobao.site.docpages import DocPage
from xiaobao.site.pages import PageMemo


@dataclass
class Reach:
    """What the QR codes, the feed, the screen, the print views and the redirects collect page by page."""

    screen: dict[str, Any] = field(default_factory=dict)  # docs src_uri -> screen.ScreenTopic (key points)
    docs_redirects: dict[str, Any] = field(default_factory=dict)  # docs src_uri -> its `redirects:` as written
    moved: dict[str, str] = field(default_factory=dict)  # docs src_uri -> its address before `slug:` moved it
    code_of: dict[str, Any] = field(default_factory=dict)  # absolute URL -> qrfiles.PageCode
    qr_index: list[tuple[str, str, str]] = field(default_factory=list)  # (title, URL, code file) for qr/
    menu_pages: list[str] = field(default_factory=list)  # the src_uri of every page MkDocs may build (reach.submit_codes)
    menu_rows: dict[str, Any] = field(default_factory=dict)  # pages built this time: src_uri -> qr/ row or None (preview)
    education: list[dict[str, Any]] = field(default_factory=list)  # feed entries of the education pages
    leaflets: list[Any] = field(default_factory=list)  # leaflets.Leaflet per education page (print/)
    redirects: list[tuple[Any, str]] = field(default_factory=list)  # (page, old address) to write


@dataclass
class Editors:
    """Pages with `audience: editors`: out of the readers' menu and search, listed on /editors/."""

    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> title
    descriptions: dict[str, str] = field(default_factory=dict)
    sources: list[Any] = field(default_factory=list)  # (url, title, sources) of pages with `sources:`


@dataclass
class Build:
    settings: Settings
    store: Store = field(default_factory=lambda: Store(None))  # the build cache; renewed in on_config
    catalog: Catalog = field(default_factory=Catalog)  # every campaign, read and fully checked
    shown: list[Problem] = field(default_factory=list)  # the preview lists these on every page instead
    inventory: Inventory = field(default_factory=Inventory)  # docs/: withheld files, draft pages, their problems
    docs: dict[str, DocPage] = field(default_factory=dict)  # editors' docs/ pages, each read once
    memo: PageMemo = field(default_factory=PageMemo)  # rows, totals and our own blocks the pages share
    generated_html: dict[str, str] = field(default_factory=dict)  # generated page -> the HTML its mark stands for
    sources: dict[str, str] = field(default_factory=dict)  # src_uri -> the file it comes from, for URL messages
    draft_slugs: set[str] = field(default_factory=set)  # campaigns shown with the draft banner (preview only)
    broken: dict[str, str] = field(default_factory=dict)  # preview: page source -> the file with problems it stands for
    listed: set[str] = field(default_factory=set)  # education pages given a campaign listing
    listing_at: dict[str, int] = field(default_factory=dict)  # education page -> where its campaign listing begins
    editors: Editors = field(default_factory=Editors)
    reach: Reach = field(default_factory=Reach)
    search: dict[str, PageSource] = field(default_factory=dict)  # src_uri -> what the index holds of the page
    text_spill: TextSpill | None = None  # `mkdocs build`: the written pages' search texts, out of memory
    background: Batch = field(default_factory=Batch)  # work for the one background child
    links: LinkCollector | None = None  # every page's links, checked once all is written
    written: Written | None = None  # who wrote which file beside the pages
    placeholders: list[Any] = field(default_factory=list)  # MkDocs files standing for the child's data files
    staging: Path | None = None  # the folder the build writes into, swapped in at the end (mkdocs build)
    warnings: Any = None  # counts strict-mode warnings while the build runs (logging.Handler)
    template: dict[str, Any] = field(default_factory=dict)  # what overrides/ reads as `xiaobao.*`
    plan: list[Any] = field(default_factory=list)  # every generated page (xiaobao.site.pages.Planned), in order
    written_pages: list[Any] = field(default_factory=list)  # xiaobao.site.pages.Planned written by steps/written.py
    nav: Any = None  # MkDocs' navigation (on_nav), for the written pages' template context
    written_stats: dict[str, int] = field(default_factory=dict)  # filled / rendered / cached written pages
    portal: Any = None  # portal mode: the members' data fetched, checked and added up (xiaobao.portal.steps.Portal)
    render_salt: str | None = None  # what every docs page's conversion reads besides the page (steps/rendered.py)
    rendered: dict[str, Any] = field(default_factory=dict)  # docs page -> its kept conversion, or (key, warnings so far)

    @property
    def site_dir(self) -> Path:
        """Where this build writes: the staging folder, or the site itself."""
        return self.staging or self.settings.site_dir


@dataclass
class Session:
    """One process: `mkdocs build` has one build, `mkdocs serve` one per save."""

    run: Run = field(default_factory=Run)
    build: Build | None = None  # the build under way, or the last one
    # `mkdocs serve`: the build before the one under way, kept until this one's pages are shown, so
    # that freeing it is not part of the wait for the saved page (hooks/entry.py on_post_build).
    retired: Build | None = None
    # Pure results keyed by what they were made from, so a save re-reads only the file that changed
    # (docs/performance.md: 编辑后刷新). A campaign file by (path, mtime, size, mode, allow-list); a
    # campaign's page by the campaign object it was made from.
    catalog_cache: dict[tuple, Any] = field(default_factory=dict)
    catalog_memo: dict[str, Any] = field(default_factory=dict)  # the folder's names in order, each campaign's own problems
    document_cache: dict[tuple, Any] = field(default_factory=dict)  # PDF/Office files under docs/: their personal-data findings
    campaign_pages: dict[str, Any] = field(default_factory=dict)
    totals: dict[tuple, Any] = field(default_factory=dict)  # slugs -> (their campaign objects, their totals)
    groups: dict[str, Any] = field(default_factory=dict)  # facet or metric -> (the campaigns, their groups or order)
    prints: dict[str, Any] = field(default_factory=dict)  # campaign path -> (campaign, body fingerprint): near duplicates
    near_duplicates: NearDuplicateIndex = field(default_factory=NearDuplicateIndex)  # the pairs those prints share
    cms_config: tuple[Any, str] | None = None  # (what the form's config.yml was made from, its text)
    templates: Any = None  # compiled theme templates (jinja2 BytecodeCache): a save compiles none again
    # `mkdocs serve --dirty` writes only pages whose source changed: the index keeps what the
    # other pages gave the last build.
    search_pages: dict[str, PageSource] = field(default_factory=dict)
    # Written pages (steps/written.py): what each gave the last build, the frames of the theme and
    # what they were rendered from, and the problems shown then (a change rewrites every page).
    written: dict[str, Any] = field(default_factory=dict)
    written_shown: list[Problem] | None = None
    frames: dict[tuple, Any] = field(default_factory=dict)
    frame_salt: str = ""
    # The menu pages MkDocs builds (docs/ and the generated pages the menu names): each one's
    # output of the theme's template, under the hash of what it shows (steps/themed.py).
    themed: dict[str, tuple[str, str]] = field(default_factory=dict)
    frozen: bool = False  # the first build's objects are out of the collector's walks (settle)
    server: Any = None  # `mkdocs serve`'s server, told when a save's pages are written (steps/reload.py)
    # The preview showed problems instead of pages: the next build writes every page again.
    shown_before: list[Problem] | None = None  # None: no build yet, so every page is written
    staged_salt: str = ""  # what framed the staged generated pages last time (steps/campaigns.py: _frame_inputs)
    links_shown: bool = False
    # The address each campaign file had at its last good build: while a file has problems its page
    # stays at that address and shows the problem list (xiaobao.site.preview.broken_pages).
    known_slugs: dict[str, str] = field(default_factory=dict)
    # Large files a save rewrites only when what they are made from changed: the QR sheet
    # (site folder, site name, every reader page's title, address and code file) and the
    # synonyms file as read (its bytes, what xiaobao.search.synonyms.load made of them).
    # The editors' pages as Markdown converted them, by what they were converted from (steps/rendered.py),
    # and the count of MkDocs' warnings, so that a page that warned is converted (and warns) again.
    rendered: dict[str, Any] = field(default_factory=dict)
    render_warnings: Any = None
    qr_sheet: tuple | None = None
    menu_rows: dict[str, Any] = field(default_factory=dict)  # MkDocs' pages: src_uri -> qr/ row, for a page a save skips
    claims: tuple[list, list[str]] | None = None  # (every address claimed at the last build, the conflicts found): steps/output.py
    sitemap: tuple[tuple, str] | None = None  # (what sitemap.xml was made from, its text): steps/written.py
    synonyms: tuple[bytes, Any] | None = None

    def settle(self, build: Build) -> None:
        """After the preview's first build: what it made and keeps (10,000 campaigns, their pages'
        keys, the caches above) is moved out of the cyclic collector's sight (gc.freeze), so a save
        is not paused for a second while the collector walks all of it to find the little a save
        throws away. Once per process: what a save leaves behind is collected as usual. (Once is
        known from `frozen`: gc.get_freeze_count walks the frozen objects, 0.4 s at 10,000.)"""
        if build.settings.serve and not self.frozen:
            gc.collect()
            gc.freeze()
            self.frozen = True

    def start(self, run: Run) -> None:
        """A new process (on_startup): nothing from an earlier one is kept."""
        if self.render_warnings is not None:  # the last process's counter leaves MkDocs' logger
            logging.getLogger("mkdocs").removeHandler(self.render_warnings)
        self.__init__(run=run)  # type: ignore[misc]
