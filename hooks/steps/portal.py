"""Portal mode (mkdocs.yml has `extra: portal:`): the members' published open data instead of campaigns/.

The logic is in xiaobao.portal: fetching into a cache, the checks that quarantine a member, the
totals in DuckDB, the pages that link out to members, the merged open data. These steps begin and
end a portal's build; the campaigns, reach and search steps ask build.portal for its pages, feed
entries and search entries. Outside portal mode build.portal is None and these steps do nothing.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from xiaobao.campaigns.problems import summarize
from xiaobao.pipeline.state import Build
from xiaobao.portal import steps as portal

log = get_plugin_logger("门户")


def load(build: Build) -> bool:
    """Fetch, check and add up every member before any page is generated; True in portal mode,
    where the project's own campaigns/ is not read. A quarantined member is logged and shown on
    the site; it does not stop the build. Nothing after this touches the network."""
    if build.settings.portal is None:
        return False
    try:
        build.portal = portal.prepare(build.settings.portal, build.settings.root)
    except portal.ConfigError as err:
        raise PluginError(summarize(list(err.problems), f"门户有 {len(err.problems)} 处问题，网站没有生成。请逐条改正：")) from None
    for line in portal.log_lines(build.portal):
        log.info(line)
    return True


def write_data(build: Build) -> None:
    """The merged open data, written by DuckDB from the members' cached files, after the pages:
    MkDocs knew these paths since on_files (placeholders), so links to them resolve."""
    if build.portal is None:
        return
    portal.write_data(build.portal, build.site_dir, build.settings.site_url, _own(build))


def prune_removed(build: Build) -> None:
    """A preview rebuild writes into the same folder: the pages of members taken out of the list
    go before the rebuild is published, so no request is answered with a member that is gone."""
    if build.portal is not None:
        portal.prune_removed(build.portal, build.site_dir, _own(build))


def _own(build: Build) -> frozenset[str]:
    """The site's own pages under members/: an editor's file wins over a generated one."""
    return frozenset(src for src, source in build.sources.items() if source == f"docs/{src}")


def close(build: Build | None) -> None:
    """DuckDB's connection ends with the build (a serve rebuild opens its own)."""
    if build is not None and build.portal is not None:
        portal.close(build.portal)
        build.portal = None
