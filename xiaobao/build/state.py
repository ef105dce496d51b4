"""What one hook hands to another during a build: the one shared object, BUILD.

Hooks share nothing else (no `config.extra`, no reading each other's HTML). MkDocs loads a hook
module once per process, so BUILD outlives a build under `mkdocs serve`: each field is renewed at
the start of every build by the one hook that writes it. When each handler runs relative to the
others is in xiaobao/build/order.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xiaobao.build.background import Batch
from xiaobao.campaigns.catalog import Catalog


@dataclass
class BuildState:
    catalog: Catalog = field(default_factory=Catalog)
    """Every campaign, read and fully checked (personal data included).
    Written by campaigns.on_config; read by campaigns (pages, open data) and reach (the feed)."""

    listing_at: dict[str, int] = field(default_factory=dict)
    """Education page (src_uri) -> where in its HTML the campaign listing begins.
    Written by campaigns.on_page_content, which appends the listing; read by reach, which keeps
    the listing off the printed leaflet."""

    background: Batch = field(default_factory=Batch)
    """Work for the one background child (xiaobao.build.background).
    Renewed by background.on_config; campaigns.on_files (open data), reach.on_nav (QR codes) and
    search.on_env (search index) submit; background.on_env starts it, background.on_post_build
    joins it."""

    portal: Any = None
    """In portal mode (mkdocs.yml has extra.portal) the xiaobao.portal.steps.Portal of this build, else None.
    Written by campaigns.on_config; read by campaigns (pages, open data), reach (the feed) and search."""


BUILD = BuildState()
