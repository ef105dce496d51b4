"""Every page generated from the campaign catalog: what it is called, where it lives, what it says."""

from __future__ import annotations

import hashlib
import html
import json
import math
import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from markupsafe import Markup

from xiaobao.site.aggregate import Tally, Total, group, totals
from xiaobao.site.cards import campaign_card, campaign_link_row, campaign_row
from xiaobao.campaigns.catalog import Catalog
from xiaobao.site.facets import FACETS, facet_name, province, slugify
from xiaobao.site.listing import campaign_list, listing, totals_block
from xiaobao.site.render import render
from xiaobao.site.sanitize import trusted_mark
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS, TOPICS
from xiaobao.site.evidence import by_size, metric_row
from xiaobao.site.regroup import regroup, resort
from xiaobao.site.rows import KeptRows

PAGE_SIZE = 50
BODY_MARK = "<!-- xiaobao:body -->"  # everything after it on a campaign page is the editor's text
HOME_TOPICS = ["anti-counterfeit", "credit-reporting", "fraud-prevention", "illegal-fundraising", "consumer-law",
               "complaint-handling", "insurance", "financial-literacy", "fee-transparency", "information-security",
               "product-quality", "food-safety"]  # all twelve are taught: each card opens an article
HOME_LATEST = 5  # campaigns on the home page; the rest are one link away
TOPIC_LATEST = 5  # campaigns on a topic's education page, under the article
HEADLINE = ["outlets", "events", "materials", "audience", "staff", "complaints"]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. campaigns/icbc-nantong-315.md -> /campaigns/icbc-nantong-315/
    markdown: str  # title, meta and editors' Markdown; holds HTML_MARK where `html` goes
    html: str = ""  # our rendered block, inserted after Markdown so the parser never walks it
    source_path: str | None = None  # the editor's file, for "edit" links and messages


@dataclass(frozen=True)
class Planned:
    """A generated page known by its address before it is made: the engine checks every address
    first, then makes and writes the pages one at a time, so no build holds them all."""

    src_uri: str
    make: Callable[[], GeneratedPage]
    source_path: str | None = None  # the editor's file (campaign pages)
    campaign: Campaign | None = None  # the campaign a campaign page shows
    inputs: tuple | None = None  # what a listing's page is made from: its values and campaign objects (None: unknown)

    def same_inputs(self, other: tuple | None) -> bool:
        """The page would be made from the same values and the very same campaign objects
        (a preview save tells an unchanged listing's page without making it)."""
        mine = self.inputs
        if mine is None or other is None or len(mine) != len(other):
            return False
        # The values come first, the campaigns after them: the campaigns are compared by identity
        # without a Python step each (a page lists up to 10,000). Anything after the first campaign
        # that is not the very same object makes the page new (made again, never stale).
        head = 0
        while head < len(mine) and not isinstance(mine[head], Campaign):
            head += 1
        if any(isinstance(b, Campaign) for b in other[:head]) or mine[:head] != other[:head]:
            return False
        return all(map(operator.is_, mine[head:], other[head:]))


HTML_MARK = "<!-- xiaobao:html {} -->"
DIGEST_CHARS = 16
_MARK_HEAD, _MARK_TAIL = HTML_MARK.split("{}")


def insert_html(html: str, block: str) -> str:
    """The page's HTML with its first mark (as Markdown passed it through) replaced by block.

    str.find rather than a pattern: this runs on every rendered page.
    """
    start = html.find(_MARK_HEAD)
    end = start + len(_MARK_HEAD) + DIGEST_CHARS
    if start < 0 or not html.startswith(_MARK_TAIL, end):
        return html
    return html[:start] + block + html[end + len(_MARK_TAIL):]


@dataclass
class PageMemo:
    """What the generated pages of one build share, made once per build (xiaobao.pipeline.state.Build).

    A campaign's row appears in half a dozen listings, each group is summed for its listing and for
    /stats/; one pass finds every topic's campaigns. `pages` may be handed from build to build: a
    campaign's page is remade only when the campaign object it was made from changed.
    """

    trusted: dict[str, str] = field(default_factory=dict)  # digest -> one of our blocks in an editor's page
    rows: KeptRows = field(default_factory=KeptRows)  # slug -> the campaign's row, _BASE for the page's base
    totals: dict[tuple[str, ...], dict[str, Total]] = field(default_factory=dict)  # slugs -> their totals
    by_topic: dict[str, list[Campaign]] | None = None
    pages: dict[str, tuple[Campaign, GeneratedPage]] | None = field(default_factory=dict)  # slug -> (campaign, its page); None: keep none
    # The totals an earlier build of this process made, with the campaign objects they add up and
    # their running tally (`mkdocs serve`): a group none of whose campaigns changed is not summed
    # again, and one where a few changed swaps their figures in the tally. None: keep none.
    summed: dict[tuple[str, ...], tuple[tuple[Campaign, ...], dict[str, Total], Tally | None]] | None = None
    summed_now: dict[tuple[str, ...], tuple[tuple[Campaign, ...], dict[str, Total], Tally | None]] = field(default_factory=dict)

    grouped: dict[str, tuple[list[Campaign], dict[str, list[Campaign]]]] = field(default_factory=dict)
    # The groups and metric orders an earlier build of this process made, with the campaigns they
    # were made from (`mkdocs serve`, xiaobao.site.regroup); None: keep none.
    grouped_before: dict[str, tuple[tuple[Campaign, ...], Any]] | None = None
    grouped_now: dict[str, tuple[tuple[Campaign, ...], Any]] = field(default_factory=dict)

    def group(self, name: str, campaigns: list[Campaign], keys: Callable[[Campaign], Iterable[str]]) -> dict[str, list[Campaign]]:
        """group(campaigns, keys), once per build for each facet: its listings and /stats/ both ask
        (callers read the groups, never change them)."""
        found = self.grouped.get(name)
        if found is None or found[0] is not campaigns:
            made = None if self.grouped_before is None else regroup(self.grouped_before.get(name), campaigns, keys)
            found = self.grouped[name] = (campaigns, made if made is not None else group(campaigns, keys))
            if self.grouped_before is not None:
                self.grouped_now[name] = (tuple(campaigns), found[1])
        return found[1]

    def by_size(self, metric: str, members: list[Campaign]) -> list[Campaign]:
        """evidence.by_size, swapped in place from an earlier build's order where no figure changed."""
        name = f"by-size {metric}"
        made = None if self.grouped_before is None else resort(self.grouped_before.get(name), members,
                                                                lambda c: c.stats[metric].value)
        if made is None:
            made = by_size(members, metric)
        if self.grouped_before is not None:
            self.grouped_now[name] = (tuple(members), made)
        return made

    def sum(self, campaigns: list[Campaign]) -> dict[str, Total]:
        key = tuple(map(_SLUG, campaigns))  # C-level: 49 groups of up to 10,000 on every save
        if key not in self.totals:
            if self.summed is None:
                self.totals[key] = totals(campaigns)
                return dict(self.totals[key])
            before = self.summed.get(key)
            tally = None
            if before is not None:
                changed = [(a, b) for a, b in zip(before[0], campaigns) if a is not b]
                if not changed:
                    self.totals[key], tally = before[1], before[2]
                elif before[2] is not None and len(changed) <= SWAP_LIMIT:
                    tally = before[2].swapped(changed)
                    if tally is not None:
                        self.totals[key] = tally.totals()
            if key not in self.totals:
                tally = Tally.of(campaigns) if len(campaigns) >= TALLY_MIN else None
                self.totals[key] = tally.totals() if tally is not None else totals(campaigns)
            self.summed_now[key] = (tuple(campaigns), self.totals[key], tally)
        return dict(self.totals[key])


_SLUG = operator.attrgetter("slug")
SWAP_LIMIT = 64  # more changed campaigns than this in one group: summed again
TALLY_MIN = 200  # smaller groups are summed again, not tallied: it takes no longer


def trust(block: str, memo: PageMemo) -> str:
    """The mark standing for our own HTML block in an editor's page; the block goes in after the
    page is sanitised (xiaobao.site.sanitize.sanitize_docs_html)."""
    digest = hashlib.sha1(block.encode("utf-8")).hexdigest()[:DIGEST_CHARS]
    memo.trusted[digest] = block
    return f"\n\n{trusted_mark(digest)}\n\n"


def base_for(src_uri: str) -> str:
    """Relative path from a generated page's URL back to the site root."""
    parts = src_uri[:-3].split("/")
    depth = len(parts) - (1 if parts[-1] == "index" else 0)
    return "../" * depth


def generated(src_uri: str, title: str, body_html: str, extra_meta: dict | None = None,
              markdown_tail: str = "", source_path: str | None = None) -> GeneratedPage:
    """A page whose Markdown is tiny; the digest in the mark changes whenever the HTML does."""
    # The theme prints page.title unescaped; editors' strings must arrive as text, not markup.
    meta = {"title": html.escape(title, quote=True), **(extra_meta or {})}
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True)  # JSON is YAML, and much faster to write
    # The heading is HTML, not Markdown: attr_list would read `{: onfocus=… }` in a title as attributes.
    body_html = f"<h1>{html.escape(title)}</h1>\n{body_html}"
    mark = HTML_MARK.format(hashlib.sha1(body_html.encode("utf-8")).hexdigest()[:DIGEST_CHARS])
    text = f"---\n{front}\n---\n\n{mark}\n\n{markdown_tail}"
    return GeneratedPage(src_uri, text, body_html, source_path)


def campaign_page(c: Campaign, made: dict[str, tuple[Campaign, GeneratedPage]] | None = None) -> GeneratedPage:
    """The campaign's page; `made` holds pages made before, each with the campaign it was made from."""
    if made is None:
        return _campaign_page(c)
    cached = made.get(c.slug)
    if cached is None or cached[0] is not c:
        cached = made[c.slug] = (c, _campaign_page(c))
    return cached[1]


def _campaign_page(c: Campaign) -> GeneratedPage:
    src = f"campaigns/{c.slug}.md"
    p = province(c.region)
    card = campaign_card(c, base_for(src), slugify(c.organization), slugify(p) if p else None)
    tail = f"## 总结原文\n\n{BODY_MARK}\n\n{c.body}"
    meta = {"description": html.escape(c.summary, quote=True), "xiaobao": {"kind": "campaign", "slug": c.slug}}
    if c.redirects:
        meta["redirects"] = c.redirects
    return generated(src, c.title, card, meta, tail, c.path)


_BASE = "\x00"  # stands for the page's base in a cached row; never in an editor's text (the loader rejects it)


def _rows(campaigns: Iterable[Campaign], base: str, memo: PageMemo) -> str:
    """The rows of one listing joined, the base filled in once for the page; each row rendered once per build."""
    rows = memo.rows
    out = []
    for c in campaigns:
        row = rows.get(c.slug)
        if row is None:
            row = rows[c.slug] = campaign_row(c, _BASE)
        out.append(row)
    return "".join(out).replace(_BASE, base)


def pager_items(pages: int, current: int, around: int = 2) -> list[int | None]:
    """First, last and the pages near the current one; None marks a gap.

    Listing every page number made each of 200 pages carry 200 links: long to scroll on a
    phone, and quadratic in size and build time as the catalog grows.
    """
    shown = {1, pages, *range(max(1, current - around), min(pages, current + around) + 1)}
    items: list[int | None] = []
    for n in sorted(shown):
        if items and n - (items[-1] or 0) == 2:
            items.append(n - 1)  # a gap of one page: show the page instead of "…"
        elif items and n - (items[-1] or 0) > 2:
            items.append(None)
        items.append(n)
    return items


def listing_plan(prefix: str, title: str, campaigns: list[Campaign], intro: str = "",
                 with_totals: bool = True, first_src: str | None = None, memo: PageMemo | None = None) -> list[Planned]:
    """A list of campaigns split into pages of PAGE_SIZE: prefix/, prefix/page/2/ …"""
    memo = memo or PageMemo()
    count = max(1, math.ceil(len(campaigns) / PAGE_SIZE))

    def make(n: int, src: str) -> GeneratedPage:
        chunk = campaigns[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]
        body = listing(_rows(chunk, base_for(src), memo), base=base_for(src), count=len(campaigns),
                       totals=memo.sum(campaigns) if with_totals and n == 1 else None,
                       caption=f"{title}：数字合计", intro=intro if n == 1 else "",
                       pages=count, current=n, prefix=prefix, pager_items=pager_items(count, n))
        heading = title if n == 1 else f"{title}（第 {n} 页）"
        # Later pages repeat the first one's title and hold only rows: kept out of search (ours and others').
        return generated(src, heading, body, None if n == 1 else {"xiaobao": {"kind": "listing", "noindex": True}})

    plan = []
    for n in range(1, count + 1):
        src = (first_src or f"{prefix}index.md") if n == 1 else f"{prefix}page/{n}/index.md"
        shown = campaigns if with_totals and n == 1 else campaigns[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]
        inputs = ("listing", prefix, title, intro, with_totals, n, count, len(campaigns), *shown)
        plan.append(Planned(src, lambda n=n, src=src: make(n, src), inputs=inputs))
    return plan


def listing_pages(prefix: str, title: str, campaigns: list[Campaign], intro: str = "",
                  with_totals: bool = True, first_src: str | None = None, memo: PageMemo | None = None) -> list[GeneratedPage]:
    return [p.make() for p in listing_plan(prefix, title, campaigns, intro, with_totals, first_src, memo)]


def _made(page: GeneratedPage) -> Planned:
    return Planned(page.src_uri, lambda: page, page.source_path)


def facet_plan(catalog: Catalog, memo: PageMemo) -> list[Planned]:
    plan = []
    for facet in FACETS.values():
        if facet.key == "topics":
            continue  # topic pages join education content; see topic_section
        groups = memo.group(facet.key, catalog.campaigns, facet.keys)
        rows = [(key, facet_name(facet.key, key, members), len(members)) for key, members in groups.items()]
        rows.sort(key=lambda r: (-r[2], r[1]) if facet.key != "years" else (r[0] == "unknown", r[0]), reverse=False)
        if facet.key == "years":
            rows.sort(key=lambda r: (r[0] == "unknown", -int(r[0]) if r[0].isdigit() else 0))
        index_src = f"{facet.key}/index.md"
        plan.append(_made(generated(index_src, f"活动{facet.title}",
                    render("facet_index.html", groups=rows, facet=facet.key, base=base_for(index_src)))))
        for key, members in groups.items():
            plan.extend(listing_plan(f"{facet.key}/{key}/", facet_name(facet.key, key, members), members, memo=memo))
    return plan


def facet_pages(catalog: Catalog, memo: PageMemo) -> list[GeneratedPage]:
    return [p.make() for p in facet_plan(catalog, memo)]


def by_topic(catalog: Catalog, memo: PageMemo) -> dict[str, list[Campaign]]:
    """Campaigns under each topic, in catalog order, found in one pass per build.

    The topic pages, the home page and each education page ask for these: one pass over every
    campaign per question would walk the whole catalog's memory again each time.
    """
    if memo.by_topic is None:
        memo.by_topic = memo.group("by-topic", catalog.campaigns, lambda c: c.topics)
    return memo.by_topic


def topic_section(catalog: Catalog, topic: str, src_uri: str, memo: PageMemo) -> str:
    """The campaigns block under a topic's education page: the latest few, then a link to them all.

    The page is for a reader who came to learn; the full listing with its totals is one link away.
    """
    members = by_topic(catalog, memo).get(topic, [])
    if not members:
        return "\n\n## 相关宣传活动\n\n还没有收录这个主题的活动。\n"
    base = base_for(src_uri)
    shown = members[:TOPIC_LATEST]
    if len(members) > len(shown):
        lead = f"各地开展过 {len(members)} 场这个主题的宣传活动。最新的 {len(shown)} 场："
        more = f'<p><a href="{base}topics/{topic}/campaigns/">这个主题的全部 {len(members)} 场活动和数字合计</a></p>'
    else:
        lead, more = f"各地开展过 {len(members)} 场这个主题的宣传活动：", ""
    rows = "".join(campaign_link_row(c, base) for c in shown)
    body = f'<div class="xb-listing">\n<p>{lead}</p>\n{campaign_list(rows)}\n{more}\n</div>'
    return f"\n\n## 相关宣传活动\n\n{trust(body, memo)}\n"


def topic_plan(catalog: Catalog, existing: set[str], memo: PageMemo) -> list[Planned]:
    """Topics without an education page still get a page; every topic with more campaigns than its
    education page shows gets the full listing (topic_section links to it)."""
    plan = []
    for key, topic in TOPICS.items():
        members = by_topic(catalog, memo).get(key, [])
        src = f"topics/{key}.md"
        if src not in existing:
            intro = f"{topic.description}。这个主题的科普文章还在编写中。"
            plan.extend(listing_plan(f"topics/{key}/", topic.label, members, intro, first_src=src, memo=memo))
            if len(members) > PAGE_SIZE:
                plan.extend(listing_plan(f"topics/{key}/campaigns/", f"{topic.label}：全部活动", members, memo=memo))
        elif len(members) > TOPIC_LATEST:
            plan.extend(listing_plan(f"topics/{key}/campaigns/", f"{topic.label}：全部活动", members, memo=memo))
    return plan


def topic_pages(catalog: Catalog, existing: set[str], memo: PageMemo) -> list[GeneratedPage]:
    return [p.make() for p in topic_plan(catalog, existing, memo)]


def home_section(catalog: Catalog, memo: PageMemo) -> str:
    """Help first: the emergency line and the hotlines open the home page (docs/index.md), the twelve
    topics follow, then home_campaigns_section. A reader on a phone came for help, not for figures.
    """
    cards = [(k, TOPICS[k]) for k in HOME_TOPICS if k in TOPICS]
    return trust(render("home.html", topic_cards=cards, base=""), memo)


def home_campaigns_section(catalog: Catalog, memo: PageMemo) -> str:
    """After the help: the latest campaigns as short rows, then their totals, then the branch tools."""
    latest = campaign_list("".join(campaign_link_row(c, "") for c in catalog.campaigns[:HOME_LATEST]))
    return trust(render("home-campaigns.html", count=len(catalog.campaigns), totals=memo.sum(catalog.campaigns),
                        headline=HEADLINE, latest=Markup(latest), base=""), memo)


def site_plan(catalog: Catalog, existing: set[str], chart=None, memo: PageMemo | None = None) -> list[Planned]:
    """Every generated page by address, each made when asked: made in this process, since sending
    the listing HTML back from a child costs more than making it here."""
    memo = memo or PageMemo()
    plan = [Planned(f"campaigns/{c.slug}.md", lambda c=c: campaign_page(c, memo.pages), c.path, c)
            for c in catalog.campaigns]
    plan += listing_plan("campaigns/", "全部活动", catalog.campaigns,
                         "每一场活动的单位、时间、主题和主要数字，最新的在前。", with_totals=False, memo=memo)
    plan += facet_plan(catalog, memo) + topic_plan(catalog, existing, memo)
    plan.append(Planned("stats/index.md", lambda: stats_page(catalog, chart, memo),
                        inputs=("stats", chart is not None, *catalog.campaigns)))
    plan += metric_plan(catalog, memo)
    return plan


def site_pages(catalog: Catalog, existing: set[str], chart=None, memo: PageMemo | None = None) -> list[GeneratedPage]:
    """Every generated page, made now (tests; the build makes them one at a time from site_plan)."""
    return [p.make() for p in site_plan(catalog, existing, chart, memo)]


def metric_plan(catalog: Catalog, memo: PageMemo) -> list[Planned]:
    """For each metric, the campaigns behind its total with their figures and quotes, largest first."""
    plan = []
    reporting = memo.group("metrics", catalog.campaigns, lambda c: c.stats)  # one pass, not one per metric
    for metric, spec in METRICS.items():
        members = memo.by_size(metric, reporting.get(metric, []))
        if not members:
            continue
        count = max(1, math.ceil(len(members) / PAGE_SIZE))
        prefix = f"metrics/{metric}/"

        def make(n: int, src: str, metric: str = metric, label: str = spec.label, members: list[Campaign] = members,
                 count: int = count, prefix: str = prefix) -> GeneratedPage:
            base = base_for(src)
            rows = "".join(metric_row(c, metric, base) for c in members[(n - 1) * PAGE_SIZE:n * PAGE_SIZE])
            body = listing(rows, base=base, count=len(members), totals={metric: memo.sum(members)[metric]} if n == 1 else None,
                           caption=f"{label}：合计", intro=METRIC_INTRO if n == 1 else "", pages=count, current=n,
                           prefix=prefix, pager_items=pager_items(count, n))
            title = f"{label}：每场活动的数字和出处" + ("" if n == 1 else f"（第 {n} 页）")
            return generated(src, title, body, {"xiaobao": {"kind": "listing", "noindex": True}})

        for n in range(1, count + 1):
            src = f"{prefix}index.md" if n == 1 else f"{prefix}page/{n}/index.md"
            shown = members if n == 1 else members[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]
            plan.append(Planned(src, lambda n=n, src=src, make=make: make(n, src),
                                inputs=("metric", metric, n, count, len(members), *shown)))
    return plan


def metric_pages(catalog: Catalog, memo: PageMemo) -> list[GeneratedPage]:
    return [p.make() for p in metric_plan(catalog, memo)]


METRIC_INTRO = "合计是由下面这些活动的数字加起来的。数字大的在前，原文没给出数字的在最后。点活动标题，可以看到数字在总结原文里的那句话。"


@dataclass
class _Row:
    name: str
    url: str
    count: int
    totals: dict[str, Total]


STATS_METRICS = ["events", "materials", "audience"]
STATS_SECTIONS = [("years", "按年份", "年份"), ("topics", "按主题", "主题"),
                  ("org-types", "按单位类型", "单位类型"), ("regions", "按地区", "地区")]


def stats_page(catalog: Catalog, chart=None, memo: PageMemo | None = None) -> GeneratedPage:
    """Totals overall and by year, topic, organisation type and region, with charts when given."""
    memo = memo or PageMemo()
    src = "stats/index.md"
    sections = []
    for facet, title, head in STATS_SECTIONS:
        rows = []
        for key, members in memo.group(facet, catalog.campaigns, FACETS[facet].keys).items():
            url = f"topics/{key}/" if facet == "topics" else f"{facet}/{key}/"
            rows.append(_Row(facet_name(facet, key, members), url, len(members), memo.sum(members)))
        if facet == "years":
            rows.sort(key=lambda r: r.url)
        else:
            rows.sort(key=lambda r: (-r.count, r.name))
        drawn = chart(f"{title}：活动场数", [(r.name, r.count, f"{r.count} 场") for r in rows]) if chart else ""
        sections.append({"id": facet, "title": title, "head": head, "rows": rows, "chart": drawn,
                         "metrics": STATS_METRICS, "metric_label": "活动场数"})
    overall = Markup(totals_block(memo.sum(catalog.campaigns), "全部活动：数字合计", sources=base_for(src)))
    body = render("stats.html", count=len(catalog.campaigns), overall=overall, sections=sections, base=base_for(src))
    return generated(src, "数据统计", body)
