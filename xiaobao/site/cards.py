"""The campaign card (top of a campaign page) and the campaign row (one <li> in a listing).

Written in Python rather than Jinja: each is rendered once per campaign, and a template with
macros costs several times as much. Every value from an editor's file
goes through `_e`; the rest are vocabulary keys, numbers and relative paths made by us.
"""

from __future__ import annotations

from html import escape

from xiaobao.campaigns.dates import period_text
from xiaobao.campaigns.figures import Figure, format_figure
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS

NOTE = "“余”表示多于此数，“约”“近”是大约的数，“未披露”是原文没有给出数字（不按 0 计算）。"
EVIDENCE_NOTE = "点带“出处”的数字，可以看到它在总结原文里的那句话。"
ROW_FIGURES = 4


def _quoted(c: Campaign) -> bool:
    return any(f.quote for f in c.stats.values())


def _e(value: object) -> str:
    return escape(str(value), quote=True)


# Vocabulary labels appear on every card and row: escaped once here, not 300,000 times a build.
_TOPIC = {key: _e(topic.label) for key, topic in TOPICS.items()}
_METRIC = {key: _e(metric.label) for key, metric in METRICS.items()}
_ORG_TYPE = {key: _e(label) for key, label in ORG_TYPES.items()}


def topic_links(c: Campaign, base: str) -> str:
    return "".join(f'<a class="xb-chip" href="{base}topics/{t}/">{_TOPIC[t]}</a>' for t in c.topics)


def figure_list(c: Campaign, limit: int | None = None, evidence: bool = False) -> str:
    """Label and figure of each metric; undisclosed ones are marked, never shown as 0."""
    items = list(c.stats.items())[:limit] if limit else c.stats.items()
    rows = "".join(
        f'\n<div class="xb-figure{"" if fig.disclosed else " xb-undisclosed"}"><dt>{_METRIC[m]}</dt>'
        f"<dd>{_figure_text(m, fig, evidence)}</dd></div>"
        for m, fig in items
    )
    return f'<dl class="xb-figures">{rows}\n</dl>'


def _figure_text(metric: str, fig: Figure, evidence: bool) -> str:
    """On a campaign page a figure with a quote links to it (xiaobao.site.evidence marks the text)."""
    text = _e(format_figure(fig, METRICS[metric].unit))
    if not (evidence and fig.quote):
        return text
    return (f'<a class="xb-figure-source" id="fig-{metric}" href="#ev-{metric}">{text}'
            f'<span class="xb-figure-hint">出处</span></a>')  # read after its label (dt): "宣传资料 7,600 余份 出处"


def campaign_card(c: Campaign, base: str, org_slug: str, region_slug: str | None) -> str:
    """Who, when, where, what and the figures, above the summary's own text."""
    period = _e(period_text(c.start, c.end))
    when = f'<a href="{base}years/{c.year}/">{period}</a>' if c.year else period
    where = f'<a href="{base}regions/{region_slug}/">{_e(c.region)}</a>' if region_slug else _e(c.region or "未注明")
    facts = [f"<div><dt>时间</dt><dd>{when}</dd></div>", f"<div><dt>地区</dt><dd>{where}</dd></div>"]
    if c.campaign:
        facts.append(f"<div><dt>活动</dt><dd>{_e(c.campaign)}</dd></div>")
    if c.co_organizers:
        facts.append(f"<div><dt>联合单位</dt><dd>{_e('、'.join(c.co_organizers))}</dd></div>")
    facts.append(f'<div><dt>主题</dt><dd class="xb-topics">{topic_links(c, base)}</dd></div>')
    figures = f'<h2 id="figures">活动数字</h2>\n{figure_list(c, evidence=True)}\n<p class="xb-note">{NOTE}{EVIDENCE_NOTE if _quoted(c) else ""}</p>\n' if c.stats else ""
    return (
        '<div class="xb-card">\n'
        f'<p class="xb-meta"><a href="{base}orgs/{org_slug}/">{_e(c.organization)}</a>'
        f'（<a href="{base}org-types/{c.org_type}/">{_ORG_TYPE[c.org_type]}</a>）</p>\n'
        f'<dl class="xb-facts">\n{"".join(facts)}\n</dl>\n'
        f'<p class="xb-summary">{_e(c.summary)}</p>\n'
        f"{figures}</div>"
    )


def campaign_row(c: Campaign, base: str) -> str:
    """One campaign in a listing: title, who and when, topics and the first figures."""
    region = f" · {_e(c.region)}" if c.region else ""
    return (
        f'<li class="xb-campaign">\n<a class="xb-campaign-title" href="{base}{c.url}">{_e(c.title)}</a>\n'
        f'<p class="xb-meta">{_e(c.organization)} · {_e(period_text(c.start, c.end))}{region}</p>\n'
        f'<p class="xb-topics">{topic_links(c, base)}</p>\n{figure_list(c, ROW_FIGURES)}\n</li>'
    )


def campaign_link_row(c: Campaign, base: str) -> str:
    """One campaign as a short line under an education page: title, who and when; figures are a click away."""
    region = f" · {_e(c.region)}" if c.region else ""
    return (
        f'<li class="xb-campaign xb-campaign--short">\n<a class="xb-campaign-title" href="{base}{c.url}">{_e(c.title)}</a>\n'
        f'<p class="xb-meta">{_e(c.organization)} · {_e(period_text(c.start, c.end))}{region}</p>\n</li>'
    )
