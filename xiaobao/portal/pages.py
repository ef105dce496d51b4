"""The portal's own pages: totals, members and their status, listings that link out to members.

A campaign's page stays on its member's site: the portal lists campaigns with links to them and
never renders a member's text as HTML. Every value from a member goes through escape(); the
pages are xiaobao.site.pages.GeneratedPage, like any generated page of a site.
"""

from __future__ import annotations

from html import escape
from typing import Callable, Iterable

from xiaobao.campaigns.dates import DateError, parse_date, period_text
from xiaobao.campaigns.figures import Figure, format_figure
from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS
from xiaobao.portal.divisions import PROVINCE_NAMES
from xiaobao.portal.engine import Group, Row
from xiaobao.portal.status import MemberStatus, beijing
from xiaobao.site.aggregate import Total
from xiaobao.site.facets import PROVINCES, UNKNOWN, slugify
from xiaobao.site.listing import campaign_list, totals_block
from xiaobao.site.pages import GeneratedPage, base_for, generated

TABLE_METRICS = ("events", "materials", "audience")
HOME_LATEST = 5
NEWEST = 50
RULES_NOTE = ("原文写“7600余份”的，按“多于 7600”计；写“约”“近”的，合计也标“约”；原文没有给出的数字记为“未披露”，"
              "不按 0 计算。每场活动只算一次。")

Chart = Callable[[str, list[tuple[str, float, str]]], str] | None


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _period(start: str | None, end: str | None) -> str:
    try:
        return period_text(parse_date(start), parse_date(end))
    except DateError:
        return "时间未注明"


def _figure(metric: str, value: str | None, qualifier: str) -> str:
    number = None
    if value is not None:
        number = float(value)
        number = int(number) if number.is_integer() else number
    return format_figure(Figure(number, qualifier), METRICS[metric].unit)


def campaign_row(row: Row, member_name: str, base: str) -> str:
    """One campaign in a portal listing: its title links to its page on the member's site."""
    region = f" · {_e(row.region)}" if row.region else ""
    topics = "、".join(_e(TOPICS[t].label) for t in row.topics if t in TOPICS)
    figures = "".join(f'\n<div class="xb-figure{"" if q != "undisclosed" else " xb-undisclosed"}"><dt>{_e(METRICS[m].label)}</dt>'
                      f"<dd>{_e(_figure(m, v, q))}</dd></div>" for m, v, q in row.figures)
    return (f'<li class="xb-campaign">\n<a class="xb-campaign-title" href="{_e(row.url)}">{_e(row.title)}</a>\n'
            f'<p class="xb-meta">{_e(row.organization)} · {_e(_period(row.start, row.end))}{region}</p>\n'
            f'<p class="xb-meta">来自成员网站 <a href="{base}members/{_e(row.member)}/">{_e(member_name)}</a>'
            f'{" · " + topics if topics else ""}</p>\n'
            + (f'<dl class="xb-figures">{figures}\n</dl>\n' if figures else "") + "</li>")


def short_row(row: Row, member_name: str) -> str:
    """A campaign as one short line (home page, education pages), as a site shows its own there:
    title, who, when and where, and which member; the figures are a click away."""
    region = f" · {_e(row.region)}" if row.region else ""
    return (f'<li class="xb-campaign xb-campaign--short">\n<a class="xb-campaign-title" href="{_e(row.url)}">{_e(row.title)}</a>\n'
            f'<p class="xb-meta">{_e(row.organization)} · {_e(_period(row.start, row.end))}{region} · 来自{_e(member_name)}</p>\n</li>')


def _rows(rows: Iterable[Row], names: dict[str, str], base: str) -> str:
    return campaign_list("".join(campaign_row(r, names.get(r.member, r.member), base) for r in rows))


def _short_rows(rows: Iterable[Row], names: dict[str, str]) -> str:
    return campaign_list("".join(short_row(r, names.get(r.member, r.member)) for r in rows))


def _cell(totals: dict[str, Total], metric: str) -> str:
    total = totals.get(metric)
    return _e(total.text(METRICS[metric].unit)) if total else "—"


def _table(caption: str, head: str, rows: list[tuple[str, str | None, Group]]) -> str:
    """rows: (name, link or None, group)."""
    body = "".join(
        f'<tr><th scope="row">{f"<a href={chr(34)}{_e(link)}{chr(34)}>{_e(name)}</a>" if link else _e(name)}</th>'
        f'<td class="xb-num">{g.campaigns}</td>' + "".join(f'<td class="xb-num">{_cell(g.totals, m)}</td>' for m in TABLE_METRICS)
        + "</tr>" for name, link, g in rows)
    heads = "".join(f'<th scope="col">{_e(METRICS[m].label)}</th>' for m in TABLE_METRICS)
    return (f'<div class="xb-table-wrap"><table class="xb-breakdown"><caption>{_e(caption)}</caption>'
            f'<thead><tr><th scope="col">{_e(head)}</th><th scope="col">活动场数</th>{heads}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _section(key: str, title: str, head: str, rows: list[tuple[str, str | None, Group]], chart: Chart) -> str:
    drawn = chart(f"{title}：活动场数", [(n, g.campaigns, f"{g.campaigns} 场") for n, _, g in rows]) if chart else ""
    return f'<h2 id="{key}">{_e(title)}</h2>\n{drawn}\n{_table(f"{title}：活动场数等主要数字", head, rows)}'


def province_name(key: str) -> str:
    if key == UNKNOWN:
        return "地区未注明"
    short = next((p for p in PROVINCES if slugify(p) == key), key)
    return PROVINCE_NAMES.get(short, short)


def _status_line(statuses: list[MemberStatus], base: str) -> str:
    missing = [s for s in statuses if s.quarantine]
    if not missing:
        return f'<p class="xb-intro">{len(statuses)} 个成员网站的数据都已按时取得并通过检查。</p>'
    names = "、".join(_e(s.member.name) for s in missing)
    return (f'<div class="admonition warning xb-portal-missing"><p class="admonition-title">有 {len(missing)} 个成员的数据暂时没有更新</p>'
            f'<p>{names}。合计里{"用的是它们上一次通过检查的数据（已过时），" if any(s.stale for s in missing) else ""}'
            f'没有数据的成员不计入。<a href="{base}members/">看是哪些成员、从什么时候起、为什么</a></p></div>')


def stats_page(agg, statuses: list[MemberStatus], chart: Chart) -> GeneratedPage:
    src = "stats/index.md"
    base = base_for(src)
    used = [s for s in statuses if s.usable]
    names = {s.member.id: s.member.name for s in statuses}
    intro = (f'<p class="xb-intro">这里把 {len(used)} 个成员网站发布的 {agg.overall.campaigns} 场活动的数字加在一起。'
             f"{RULES_NOTE}</p>")
    sections = [
        _section("members", "按成员", "成员", [(names[k], f"{base}members/{k}/", g) for k, g in agg.by_member.items()], chart),
        _section("regions", "按地区", "省级地区",
                 sorted([(province_name(k), f"{base}regions/#{k}", g) for k, g in agg.by_province.items()],
                        key=lambda r: (r[0] == "地区未注明", -r[2].campaigns, r[0])), chart),
        _section("years", "按年份", "年份", year_rows(agg), chart),
        _section("topics", "按主题", "主题",
                 [(TOPICS[k].label if k in TOPICS else k, None, g) for k, g in agg.by_topic.items()], chart),
        _section("org-types", "按单位类型", "单位类型", org_type_rows(agg), chart),
    ]
    body = ('<div class="xb-stats">' + intro + _status_line(statuses, base)
            + totals_block(agg.overall.totals, "全部成员：数字合计") + "\n".join(sections)
            + f'<p><a href="{base}data/">下载这些数字和每场活动（JSON、CSV）</a></p></div>')
    return generated(src, "数据统计", body)


def status_text(s: MemberStatus) -> str:
    """What readers see of a member's state, in one line."""
    if not s.quarantine:
        return f"正常，{beijing(s.fetched_at)} 取得"
    lead = f"已隔离：{s.quarantine_label}，自{beijing(s.since)} 起"
    if s.stale:
        return f"{lead}；用的是{beijing(s.fetched_at)}取得的旧数据（已过时）"
    return f"{lead}；没有可用的数据，不计入合计"


def members_page(agg, statuses: list[MemberStatus], src: str = "members/index.md", title: str = "成员网站") -> GeneratedPage:
    base = base_for(src)
    items = []
    for s in statuses:
        group = agg.by_member.get(s.member.id)
        cls = "xb-portal-member xb-portal-quarantined" if s.quarantine else "xb-portal-member"
        items.append(f'<li class="{cls}"><a href="{base}members/{_e(s.member.id)}/">{_e(s.member.name)}</a> '
                     f'<span class="xb-count">{group.campaigns if group else 0} 场</span><br>'
                     f'<small>{_e(status_text(s))}</small><br>'
                     f'<small>网站：<a href="{_e(s.member.url)}">{_e(s.member.url)}</a></small></li>')
    missing = [s for s in statuses if s.quarantine]
    problems = "".join(f"<li>{_e(s.message)}</li>" for s in missing)
    body = (f'<p class="xb-intro">门户汇总这 {len(statuses)} 个成员网站发布的开放数据。每次生成门户时，逐个读取成员网站的 data/ 文件并检查；'
            "读不到、太慢、格式不对、数据与固定的指纹不符、文件太大，或者含有网页代码、个人信息、不合常理的数字、冒用别的网站网址的成员，"
            "会被暂时隔离：门户照常生成，用它上一次通过检查的数据（标为过时），没有的就不计入。</p>"
            + (f'<div class="admonition warning xb-portal-missing"><p class="admonition-title">暂时隔离的成员（{len(missing)} 个）</p>'
               f"<ul>{problems}</ul></div>" if missing else "")
            + f'<h2 id="members">成员和它们的状态</h2><ul class="xb-portal-members">{"".join(items)}</ul>'
            f'<p>每个成员的数据从哪里来、指纹和取得时间，见<a href="{base}data/provenance.csv">数据来源表（CSV）</a>。</p>')
    return generated(src, title, body)


def member_page(s: MemberStatus, group: Group | None, rows: list[Row]) -> GeneratedPage:
    src = f"members/{s.member.id}/index.md"
    base = base_for(src)
    count = group.campaigns if group else 0
    status = (f'<div class="admonition warning xb-portal-missing"><p class="admonition-title">{_e(status_text(s))}</p>'
              f"<p>{_e(s.message)}</p></div>" if s.quarantine else f'<p class="xb-meta">{_e(status_text(s))}</p>')
    more = (f'<p>这里列出最新的 {len(rows)} 场。全部 {count} 场活动和每场的总结原文，请看'
            f'<a href="{_e(s.member.url)}campaigns/">成员网站上的活动列表</a>。</p>' if count > len(rows) else "")
    jump = f'<p><a href="#campaigns">这个成员的 {count} 场活动</a></p>' if rows else ""
    body = (f'<p class="xb-intro">成员网站：<a href="{_e(s.member.url)}">{_e(s.member.url)}</a>。点活动标题，到成员网站上看这场活动的总结原文。</p>'
            f"{status}{jump}"
            + (totals_block(group.totals, f"{s.member.name}：数字合计") if group else "")
            + (f'<h2 id="campaigns">活动（共 {count} 场）</h2>{_rows(rows, {s.member.id: s.member.name}, base)}{more}'
               if rows else "<p>门户里暂时没有这个成员的活动。</p>"))
    return generated(src, s.member.name, body, {"description": _e(f"{s.member.name}发布的宣传活动和数字合计")})


def newest_page(rows: list[Row], names: dict[str, str], total: int) -> GeneratedPage:
    src = "campaigns/index.md"
    base = base_for(src)
    body = (f'<div class="xb-listing"><p class="xb-intro">各成员网站共发布了 {total} 场活动。这里是最新的 {len(rows)} 场；'
            f'每个成员的活动见<a href="{base}members/">成员网站</a>，也可以用上方的搜索找。</p>'
            f'<h2 id="campaigns">最新的活动</h2>{_rows(rows, names, base)}</div>')
    return generated(src, "最新活动", body)


def year_rows(agg) -> list[tuple[str, str | None, Group]]:
    return sorted([("年份未注明" if k == UNKNOWN else f"{k}年", None, g) for k, g in agg.by_year.items()],
                  key=lambda r: (r[0] == "年份未注明", r[0]))


def org_type_rows(agg) -> list[tuple[str, str | None, Group]]:
    return sorted([(ORG_TYPES.get(k, k), None, g) for k, g in agg.by_org_type.items()], key=lambda r: -r[2].campaigns)


def facet_page(src: str, title: str, head: str, rows: list[tuple[str, str | None, Group]], chart: Chart) -> GeneratedPage:
    """Years and organisation types: a chart and a table of totals (the listings are on the members' sites)."""
    body = f'<p class="xb-intro">{RULES_NOTE}</p>' + _section("totals", title, head, rows, chart)
    return generated(src, title, body)


def regions_page(agg, chart: Chart) -> GeneratedPage:
    """Provinces in a chart and a table, then each province's prefecture-level cities."""
    src = "regions/index.md"
    provinces = sorted(agg.by_province.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1].campaigns, kv[0]))
    rows = [(province_name(k), f"#{k}" if k != UNKNOWN else None, g) for k, g in provinces]
    parts = ['<p class="xb-intro">按省级地区和地市合计。地区按成员填写的文字对应到行政区划；对应不上地市的，记在“地市未注明”下。'
             f"{RULES_NOTE}</p>", _section("provinces", "各省级地区", "省级地区", rows, chart)]
    for key, group in provinces:
        if key == UNKNOWN:
            continue
        cities = sorted([(name or "地市未注明", None, g) for name, g in agg.by_city.get(key, {}).items()],
                        key=lambda r: (r[0] == "地市未注明", -r[2].campaigns, r[0]))
        parts.append(f'<h2 id="{_e(key)}">{_e(province_name(key))}（{group.campaigns} 场）</h2>')
        parts.append(_table(f"{province_name(key)}：按地市", "地市", cities))
    return generated(src, "按地区", "\n".join(parts))


def home_section(agg, statuses: list[MemberStatus], latest: list[Row], headline: list[str]) -> str:
    names = {s.member.id: s.member.name for s in statuses}
    cards = "".join(f'<li><span class="xb-big">{_e(agg.overall.totals[m].text(METRICS[m].unit))}</span>'
                    f'<span class="xb-label">{_e(METRICS[m].label)}</span>'
                    + (f"<small>{_e(agg.overall.totals[m].note())}</small>" if agg.overall.totals[m].note() else "") + "</li>"
                    for m in headline if m in agg.overall.totals)
    used = sum(1 for s in statuses if s.usable)
    return ('<div class="xb-home">\n<h2 id="latest">各成员的宣传活动</h2>\n'
            f"<p>门户汇总了 <strong>{used}</strong> 个成员网站的 <strong>{agg.overall.campaigns}</strong> 场宣传活动。最新的几场：</p>\n"
            f"{_short_rows(latest, names)}\n"
            '<p><a href="members/">成员网站</a> · <a href="campaigns/">最新活动</a> · <a href="stats/">数字和图表</a> · '
            '<a href="data/">下载开放数据</a></p>\n'
            f'<h2 id="totals">各成员的活动做了什么</h2>\n<p>这些活动报告的数字合计：</p>\n'
            f'<ul class="xb-headline" data-xb-noindex>{cards}</ul>\n'
            '<h2 id="branches">给银行网点和宣传员</h2>\n<ul>\n'
            '<li><a href="screen-builder/">大屏轮播</a>：选好主题，网点电视自动轮流播放要点。</li>\n'
            '<li><a href="qr/">二维码</a>：每一页的二维码，可以印在海报和折页上。</li>\n</ul>\n</div>')


def topic_section(topic: str, count: int, latest: list[Row], names: dict[str, str], base: str) -> str:
    if not count:
        return "<p>成员网站还没有这个主题的活动。</p>"
    return (f'<div class="xb-listing"><p>各成员网站开展过 {count} 场这个主题的宣传活动。最新的 {len(latest)} 场：</p>'
            f'{_short_rows(latest, names)}<p><a href="{base}stats/#topics">各主题的数字合计</a></p></div>')


DATA_SECTION = """
## 门户的合并数据

这个网站是门户：它不自己收录总结，而是汇总各成员网站发布的开放数据。上面说的文件在这里是全部成员合在一起的：

- [campaigns.csv](data/campaigns.csv) 和 [campaigns.json](data/campaigns.json) 的第一列（字段）是 `member`，即成员的代号；
  `url` 是这场活动在成员网站上的页面。其余各列与成员网站的相同。
- [stats.json](data/stats.json) 是全部成员的合计，格式与成员网站的相同；[portal.json](data/portal.json) 另有按成员、按地市的合计。
- [provenance.csv](data/provenance.csv) 是数据来源表：每个成员的代号、名称、网址、数据包指纹（sha256）、
  取得时间、数据格式版本和状态（正常、已隔离但用旧数据、没有数据）。
"""
