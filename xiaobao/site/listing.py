"""The blocks of a campaign listing: the totals, the list itself and the pager.

Written in Python rather than Jinja, like cards.py: a large site has thousands of listing
pages, and each rendered from a template costs more. Every value goes
through markupsafe's escape, exactly as the templates' autoescaping did; rows come already
escaped from cards.campaign_row.
"""

from __future__ import annotations

from markupsafe import escape

from xiaobao.site.aggregate import Total
from xiaobao.campaigns.vocab import METRICS


def _e(value: object) -> str:
    return str(escape(value))


def campaign_list(rows: str) -> str:
    """The <ul> around rendered rows; data-xb-noindex: each campaign is found on its own page."""
    return f'<ul class="xb-campaigns" data-xb-noindex>{rows}</ul>'


def totals_block(totals: dict[str, Total], caption: str, sources: str | None = None) -> str:
    """One card per metric: the total as a figure reads, how many campaigns gave one, the caveats.

    With `sources` (the base URL of the metric pages) each total links to the campaigns it adds up.
    """
    items = "".join(_total_card(metric, total, sources) for metric, total in totals.items()) or "<li>还没有数字。</li>"
    caption = _e(caption)
    return (f'<section class="xb-totals" aria-label="{caption}" data-xb-noindex>\n'
            f'<p class="xb-totals-caption">{caption}</p>\n'
            f'<ul class="xb-total-cards">{items}</ul>\n</section>')


def _total_card(metric: str, total: Total, sources: str | None = None) -> str:
    spec = METRICS[metric]
    given = f"{total.campaigns} 场活动给出了数字" if total.campaigns else ""
    note = total.note()
    small = given + ("；" if given and note else "") + _e(note)
    if sources:
        small += f'<br><a href="{_e(sources)}metrics/{metric}/">看是哪些活动、原文怎么写</a>'
    return (f'<li><span class="xb-label">{_e(spec.label)}</span><span class="xb-big">{_e(total.text(spec.unit))}</span>\n'
            f"<small>{small}</small></li>")


def pager(pages: int, current: int, base: str, prefix: str, items: list[int | None]) -> str:
    """Links to the pages in `items` (pages.pager_items); None is a gap. Empty for one page."""
    if pages <= 1:
        return ""
    links = []
    for n in items:
        if n is None:
            links.append('<span class="xb-gap" aria-hidden="true">…</span>')
        elif n == current:
            links.append(f'<span aria-current="page">{n}</span>')
        else:
            rel = ' rel="prev"' if n == current - 1 else ' rel="next"' if n == current + 1 else ""
            links.append(f'<a href="{_e(base)}{_e(prefix)}{f"page/{n}/" if n > 1 else ""}"{rel}>{n}</a>')
    return f'<nav class="xb-pager" aria-label="分页" data-xb-noindex>{"".join(links)}</nav>'


def listing(rows: str, *, count: int, totals: dict[str, Total] | None, caption: str, intro: str,
            pages: int, current: int, base: str, prefix: str, pager_items: list[int | None]) -> str:
    """A page's list of campaigns with, on the first page, its intro and totals."""
    head = f'<p class="xb-intro">{_e(intro)}</p>' if intro else ""
    if totals is not None:
        head += totals_block(totals, caption)
    where = f"，第 {current}/{pages} 页" if pages > 1 else ""
    parts = ['<div class="xb-listing">', f'{head}<h2 id="campaigns">活动（共 {count} 场{where}）</h2>',
             campaign_list(rows), pager(pages, current, base, prefix, pager_items), "</div>"]
    return "\n".join(part for part in parts if part)
