"""Small horizontal bar charts as inline SVG: no JavaScript, no CDN, readable on a phone.

Sizes are in em and percent, so bars stretch to the column (390 px phones and desktops alike)
while text follows the reader's font-size setting. Colours come from CSS (currentColor and
--xb-chart-* variables), so dark mode needs no second drawing.
"""

from __future__ import annotations

import hashlib
from html import escape

from markupsafe import Markup

ROW_EM = 3.2  # label line + bar + gap
BAR_EM = 1.1


def _chart_id(title: str, rows: list[tuple[str, float, str]]) -> str:
    """A stable id (same input, same page bytes) so several charts on one page do not collide."""
    digest = hashlib.sha1(repr((title, rows)).encode("utf-8")).hexdigest()[:8]
    return f"xb-chart-{digest}"


def _percent(value: float, biggest: float) -> float:
    if biggest <= 0 or value <= 0:
        return 0.0
    return round(100.0 * value / biggest, 2)


def _svg_rows(rows: list[tuple[str, float, str]]) -> str:
    biggest = max((value for _, value, _ in rows), default=0.0)
    parts = []
    for i, (label, value, display) in enumerate(rows):
        top = i * ROW_EM
        pct = _percent(value, biggest)
        parts.append(
            f'<text class="xb-chart__label" x="0" y="{top + 1.0:.2f}em">{escape(label)}</text>'
            f'<text class="xb-chart__value" x="100%" y="{top + 1.0:.2f}em" text-anchor="end">'
            f"{escape(display)}</text>"
            f'<rect class="xb-chart__track" x="0" y="{top + 1.4:.2f}em" width="100%" height="{BAR_EM}em"/>'
            f'<rect class="xb-chart__bar" x="0" y="{top + 1.4:.2f}em" width="{pct}%" height="{BAR_EM}em"/>'
        )
    return "".join(parts)


def _table(title: str, rows: list[tuple[str, float, str]]) -> str:
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{escape(display)}</td></tr>'
        for label, _, display in rows
    )
    return (
        f'<table class="xb-chart__table"><caption>{escape(title)}（数字表）</caption>'
        f'<thead><tr><th scope="col">项目</th><th scope="col">数字</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def bar_chart(title: str, rows: list[tuple[str, float, str]]) -> str:
    """A <figure> holding an accessible SVG bar chart and the table of its numbers.

    rows: (label, value used for the bar length, text shown to the reader such as "≥ 1.2万").
    Returned as Markup (a str): every input is escaped here, so Jinja templates must not escape it again.
    """
    cid = _chart_id(title, rows)
    if not rows:
        return Markup(
            f'<figure class="xb-chart" id="{cid}"><figcaption>{escape(title)}</figcaption>'
            f"<p>暂无数据。</p></figure>"
        )
    desc = "；".join(f"{label}：{display}" for label, _, display in rows)
    height = len(rows) * ROW_EM
    svg = (
        f'<svg class="xb-chart__svg" role="img" aria-labelledby="{cid}-t {cid}-d" '
        f'width="100%" height="{height:.2f}em" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{cid}-t">{escape(title)}</title><desc id="{cid}-d">{escape(desc)}</desc>'
        f"{_svg_rows(rows)}</svg>"
    )
    return Markup(
        f'<figure class="xb-chart" id="{cid}"><figcaption>{escape(title)}</figcaption>'
        f"{svg}{_table(title, rows)}</figure>"
    )
