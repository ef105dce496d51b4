"""What a build calls in portal mode, in order:

1. `prepare(extra, root)` at on_config: read the settings, fetch every member into the cache,
   check each copy, quarantine the bad ones (their last good copy kept and marked stale), add
   everything up. Returns a Portal; nothing after this step touches the network.
2. `pages(portal, chart)` at on_files: the generated pages (xiaobao.site.pages.GeneratedPage);
   `DATA_PATHS` are the data files to announce so Markdown links to them resolve.
3. `home_section`, `topic_section`, `DATA_SECTION` at on_page_markdown: the portal's blocks in
   the home page, the education pages and the open-data page.
4. `search_sources(portal)` at on_env: one search entry per campaign, linking to its member page.
5. `feed_entries(portal)` at on_post_build: the newest campaigns for feed.xml.
6. `write_data(portal, site_dir, site_url)` at on_post_build, before the link check: the merged
   open data. `close(portal)` when the build ends.
"""

from __future__ import annotations

import datetime as dt
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Iterator

import duckdb

from xiaobao.campaigns.vocab import TOPICS
from xiaobao.portal import engine, opendata, pages as portal_pages
from xiaobao.campaigns.problems import shown
from xiaobao.portal.checks import Prechecked, Quarantine, Refused, bad_row_sql, precheck, row_problems
from xiaobao.portal.config import MEMBER_ID, Member, PortalConfig, is_portal, read_config
from xiaobao.portal.fetch import FetchError, Fetched, fetch_member, member_dir, read_state, write_state
from xiaobao.portal.status import MemberStatus
from xiaobao.site.pages import GeneratedPage, base_for

DATA_PATHS = opendata.DATA_PATHS
DATA_SECTION = portal_pages.DATA_SECTION
FETCH_THREADS = 8
TOPIC_LATEST = 5
FEED_LATEST = 50

__all__ = ["is_portal", "prepare", "pages", "DATA_PATHS", "DATA_SECTION", "home_section", "topic_section",
           "search_sources", "feed_entries", "write_data", "close", "Portal", "ConfigError"]


class ConfigError(Exception):
    """mkdocs.yml's portal settings are wrong: the build stops with these messages."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Portal:
    config: PortalConfig
    statuses: list[MemberStatus]
    agg: engine.Aggregates
    listings: dict[str, list[engine.Row]]
    latest: list[engine.Row]
    con: duckdb.DuckDBPyConnection
    built_at: str
    copies: list[engine.Copy]  # the copy in use of each member that has one, in mkdocs.yml's order
    topic_latest: dict[str, list[engine.Row]] = field(default_factory=dict)

    @property
    def names(self) -> dict[str, str]:
        return {s.member.id: s.member.name for s in self.statuses}

    @property
    def quarantined(self) -> list[MemberStatus]:
        return [s for s in self.statuses if s.quarantine]


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _fetch(config: PortalConfig, member: Member) -> Fetched | FetchError:
    try:
        return fetch_member(config, member)
    except FetchError as err:
        return err
    except OSError as err:  # the cache folder itself: not the member's fault, but it cannot be read now
        return FetchError("unreachable", f"门户的缓存文件夹写不进去（{err.strerror}）")


def _good_copy(config: PortalConfig, member: Member, state: dict) -> dict | None:
    """The last good copy's record, if it can still be used (same address, matching the pin)."""
    good = state.get("good") if state.get("url") == member.url else None
    if not isinstance(good, dict) or not (member_dir(config, member) / "good/data/campaigns.csv").is_file():
        return None
    if member.sha256 and good.get("digest") != member.sha256:
        return None  # taken before the pin was set or changed: not the pinned data
    return good


def _record(config: PortalConfig, member: Member, state: dict, got: Fetched | None, done: Prechecked | None,
            problem: Quarantine | None, now: str) -> MemberStatus:
    """Promote a passing copy or keep the last good one; write state.json; the member's status."""
    home = member_dir(config, member)
    status = MemberStatus(member)
    if problem is None and got is not None and done is not None:
        shutil.rmtree(home / "good", ignore_errors=True)
        got.folder.rename(home / "good")
        good = {"fetched_at": now, "digest": done.digest, "format_version": done.format_version,
                "campaigns": int(done.stats.get("campaigns") or 0), "checks": CHECKS}
        state = {"url": member.url, "good": good, "files": {k: vars(v) for k, v in got.files.items()},
                 "failing_since": None, "problem": None}
    else:
        shutil.rmtree(home / "new", ignore_errors=True)
        good = _good_copy(config, member, state)
        state.update(url=member.url, failing_since=state.get("failing_since") or now,
                     problem={"kind": problem.kind, "detail": problem.detail} if problem else None)
        if good is None:
            state.update(good=None, files={})
        status.quarantine, status.since = problem, state["failing_since"]
    write_state(home, state)
    if good is not None:
        status.copy = home / "good"
        status.fetched_at, status.digest = good.get("fetched_at"), good.get("digest")
        status.format_version, status.campaigns = good.get("format_version"), int(good.get("campaigns") or 0)
    return status


CHECKS = 1  # raise when the checks change: every member's copy is checked again


def _known_good(config: PortalConfig, member: Member, done: Prechecked) -> bool:
    """The very copy that passed every check last time (same fingerprint, same checks): its rows are
    not checked again. Most members change rarely; a portal is rebuilt daily."""
    good = read_state(member_dir(config, member)).get("good") or {}
    return good.get("digest") == done.digest and good.get("checks") == CHECKS


def _fetch_all(config: PortalConfig) -> dict[str, Fetched | FetchError]:
    """Every member's files into the cache, several at once (a slow member waits alone)."""
    with ThreadPoolExecutor(max_workers=FETCH_THREADS) as pool:
        return dict(zip((m.id for m in config.members), pool.map(lambda m: _fetch(config, m), config.members)))


def _precheck_all(members: dict[str, Member], fetched: dict[str, Fetched | FetchError],
                  problems: dict[str, Quarantine]) -> dict[str, Prechecked]:
    passed = {}
    for member_id, got in fetched.items():
        if isinstance(got, FetchError):
            problems[member_id] = Quarantine(got.kind, got.message)
            continue
        try:
            passed[member_id] = precheck(members[member_id], got.folder)
        except Refused as refused:
            problems[member_id] = refused.quarantine
    return passed


def _check_rows(con: duckdb.DuckDBPyConnection, config: PortalConfig, new: dict[str, engine.Copy],
                passed: dict[str, Prechecked], problems: dict[str, Quarantine]) -> None:
    """Load the new copies' rows and check them; a member that fails has its rows dropped."""
    members = {m.id: m for m in config.members}
    known = {m for m in new if _known_good(config, members[m], passed[m])}
    rejected = engine.load_rows(con, [c for m, c in new.items() if m not in known], bad_row_sql())
    rejected.update(engine.load_rows(con, [c for m, c in new.items() if m in known]))  # checked when they were taken
    for member_id, (line, why) in rejected.items():
        where = f"第 {line} 行" if line else ""
        problems[member_id] = Quarantine("malformed", f"data/campaigns.csv {where}不是格式正确的 CSV（{shown(why, 60)}）")
    checked = {m: new[m] for m in new if m not in problems and m not in known}
    problems.update(row_problems(con, members, {m: passed[m].stats for m in checked}, checked))
    engine.drop_members(con, [m for m in problems if m in new])


def prepare(extra: Any, root: Path, now: str | None = None) -> Portal:
    """Fetch, check and add up every member; raises ConfigError for mistakes in mkdocs.yml.

    A member's bad data quarantines that member; only a failure of the portal itself (the cache
    cannot be written, DuckDB fails) stops the build, as ConfigError with one plain message."""
    config = read_config(extra, root)
    if config.problems:
        raise ConfigError(config.problems)
    try:
        return _prepare(config, now or now_utc())
    except (duckdb.Error, OSError) as err:
        raise ConfigError((f"门户汇总成员数据时出错，网站没有生成：{shown(str(err).splitlines()[0] if str(err) else err, 200)}。"
                           f"请检查缓存文件夹 {config.cache} 是否可写、磁盘是否已满；删除这个文件夹后再生成一次",)) from err


def _prepare(config: PortalConfig, now: str) -> Portal:
    config.cache.mkdir(parents=True, exist_ok=True)
    members = {m.id: m for m in config.members}
    order = {m.id: i for i, m in enumerate(config.members)}
    own = {m.id: m.url + "campaigns/" for m in config.members}
    fetched = _fetch_all(config)
    problems: dict[str, Quarantine] = {}
    passed = _precheck_all(members, fetched, problems)
    con = engine.connect(config.cache / "portal.duckdb")
    new = {m: (m, order[m], fetched[m].folder / "data/campaigns.csv", own[m]) for m in passed}  # type: ignore[union-attr]
    _check_rows(con, config, new, passed, problems)
    statuses = []
    for member_id, member in members.items():
        got = fetched[member_id]
        statuses.append(_record(config, member, read_state(member_dir(config, member)),
                                got if isinstance(got, Fetched) else None, passed.get(member_id), problems.get(member_id), now))
    copies = [(s.member.id, order[s.member.id], s.copy / "data/campaigns.csv", own[s.member.id]) for s in statuses if s.copy]
    engine.load_rows(con, [c for c in copies if c[0] in problems])  # stale copies: checked when they were taken
    engine.finish_rows(con)
    portal = Portal(config, statuses, engine.aggregate(con), engine.newest_per_member(con, config.listing),
                    engine.newest(con, FEED_LATEST), con, now, copies)
    portal.topic_latest = engine.newest_per_topic(con, TOPIC_LATEST)
    return portal


def pages(portal: Portal, chart: portal_pages.Chart = None) -> list[GeneratedPage]:
    """Every page the portal adds to the site."""
    out = [portal_pages.stats_page(portal.agg, portal.statuses, chart),
           portal_pages.members_page(portal.agg, portal.statuses),
           portal_pages.newest_page(portal.latest[:portal_pages.NEWEST], portal.names, portal.agg.overall.campaigns),
           portal_pages.regions_page(portal.agg, chart),
           portal_pages.facet_page("years/index.md", "按年份", "年份", portal_pages.year_rows(portal.agg), chart),
           portal_pages.facet_page("org-types/index.md", "按单位类型", "单位类型", portal_pages.org_type_rows(portal.agg), chart),
           portal_pages.members_page(portal.agg, portal.statuses, "orgs/index.md", "按单位（成员网站）")]
    for s in portal.statuses:
        out.append(portal_pages.member_page(s, portal.agg.by_member.get(s.member.id), portal.listings.get(s.member.id, [])))
    return out


def home_section(portal: Portal, headline: list[str]) -> str:
    return portal_pages.home_section(portal.agg, portal.statuses, portal.latest[:portal_pages.HOME_LATEST], headline)


def topic_section(portal: Portal, topic: str, src_uri: str) -> str:
    group = portal.agg.by_topic.get(topic)
    return portal_pages.topic_section(topic, group.campaigns if group else 0, portal.topic_latest.get(topic, []),
                                      portal.names, base_for(src_uri))


@dataclass(frozen=True)
class SearchEntry:
    """The shape of xiaobao.search.job.PageSource: url (the member's page, absolute), title, html, rank
    (text and headings: not reduced yet; the index reduces the html)."""
    url: str
    title: str
    html: str
    rank: int = 3
    text: str | None = None
    headings: tuple[str, ...] = ()


def search_sources(portal: Portal) -> Iterator[SearchEntry]:
    """One entry per campaign, each member's newest `search` of them (extra.portal.search): title,
    organisation, region, campaign name, topics and the summary's quoted sentences, as escaped text;
    the result links to the member's page. Bounded because the site's search index writes a file
    per entry: a million campaigns would be a million files (docs/portal.md)."""
    names = portal.names
    cursor = portal.con.cursor()
    source = engine.csv_source(cursor, portal.copies, "search_files", numbered=False)
    cursor.execute(f"SELECT {engine.search_columns()} FROM (SELECT r.* FROM {source} r SEMI JOIN "
                   "(SELECT member, slug FROM rows WHERE _row <= ?) k ON k.member = r.member AND k.slug = r.slug)",
                   [portal.config.search])
    for member, url, title, org, region, campaign, topics, quotes in iter(cursor.fetchone, None):
        labels = " ".join(TOPICS[t].label for t in (topics or "").split(";") if t in TOPICS)
        text = f"{names.get(member, member)}：" + " · ".join(p for p in (org, region, campaign, labels) if p)
        yield SearchEntry(url, title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p><p>{escape(quotes or '')}</p>")


def feed_entries(portal: Portal) -> list[dict]:
    """Feed entries for the newest campaigns, linking to their member pages (xiaobao.outputs.feeds)."""
    from xiaobao.campaigns.dates import DateError, parse_date

    entries = []
    for row in portal.latest:
        try:
            date = parse_date(row.end or row.start)
        except DateError:
            date = None
        entries.append({"title": row.title, "url": row.url, "category": "宣传活动",
                        "summary": f"{row.organization}（{portal.names.get(row.member, row.member)}）",
                        "updated": date.earliest() if date else None})
    return entries


def write_data(portal: Portal, site_dir: Path, site_url: str = "", keep: frozenset[str] = frozenset()) -> None:
    opendata.write_data(portal.con, portal.copies, site_dir, portal.agg, portal.statuses, portal.built_at, site_url, keep)


def prune_removed(portal: Portal, site_dir: Path, sources: frozenset[str] = frozenset()) -> list[str]:
    """Remove the pages and QR codes of members no longer listed in mkdocs.yml from site_dir.

    A `make site` preview rebuilds into the same folder: without this, a member taken out of the
    list would keep its page there. `sources` are the site's own pages (an editor's
    docs/members/… file is never removed). Returns the ids removed."""
    listed = {s.member.id for s in portal.statuses}
    folder = site_dir / "members"
    gone = sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name not in listed
                  and MEMBER_ID.match(p.name) and not any(src.startswith(f"members/{p.name}/") for src in sources)) \
        if folder.is_dir() else []
    for member_id in gone:
        shutil.rmtree(folder / member_id, ignore_errors=True)
        (site_dir / "qr" / "members" / f"{member_id}.svg").unlink(missing_ok=True)
    return gone


def log_lines(portal: Portal) -> list[str]:
    """What the build prints: one line per quarantined member, then the summary."""
    lines = [s.message for s in portal.quarantined]
    used = sum(1 for s in portal.statuses if s.usable)
    lines.append(f"共 {len(portal.statuses)} 个成员，{used} 个有数据，{len(portal.quarantined)} 个已隔离；"
                 f"共 {portal.agg.overall.campaigns} 场活动")
    return lines


def close(portal: Portal | None) -> None:
    if portal is not None:
        portal.con.close()
