"""A figure's quote, highlighted in place in the summary's text, with the editor's note beside it.

No script: the figure links to the quote's anchor and CSS `:target` highlights it, so it works on
any phone, by tap or keyboard, under a strict Content-Security-Policy.
"""

from __future__ import annotations

import re
from html import escape

from xiaobao.campaigns.evidence import squeeze
from xiaobao.campaigns.figures import format_figure
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS

_TAG = re.compile(r"(<[^<>]*>)")  # [^<>]: linear on a run of "<"
_SKIP = ("<a", "<code", "<pre", "<script", "<style")  # no anchors inside links or code


def anchor(metric: str) -> str:
    return f"ev-{metric}"


def _pattern(quote: str) -> re.Pattern[str]:
    """The quote as it appears in HTML text: escaped, with any whitespace Markdown left between characters."""
    return re.compile(r"\s*".join(re.escape(escape(ch, quote=False)) for ch in squeeze(quote)))


def _mark(metric: str, text: str, note: str | None) -> str:
    label = escape(METRICS[metric].label)
    aside = f'<span class="xb-evidence-note" role="note">{label}：{escape(note)}</span>' if note else ""
    back = f'<a class="xb-evidence-back" href="#fig-{metric}">回到数字</a>'
    return (f'<mark class="xb-evidence" id="{anchor(metric)}" tabindex="-1">{text}</mark>'
            f'<span class="xb-evidence-aside">{aside}{back}</span>')


def _readable(parts: list[str]) -> list[bool]:
    """For each piece of _TAG.split(html): True for text a quote may be marked in (not a tag, not
    inside a link, code, a script or style, or a mark)."""
    readable, depth = [], 0
    for i, part in enumerate(parts):
        if i % 2:
            low = part.lower()
            if low.startswith(_SKIP) or low.startswith("<mark"):
                depth += 1
            elif low.startswith(tuple("</" + t[1:] for t in _SKIP)) or low.startswith("</mark"):
                depth = max(0, depth - 1)
            readable.append(False)
        else:
            readable.append(depth == 0)
    return readable


def _places(parts: list[str], readable: list[bool], c: Campaign) -> dict[int, list[tuple[int, int, str]]]:
    """Where each figure's quote is, found in the summary's own text before anything is inserted:
    a later quote can never land inside an earlier figure's note. Overlapping quotes: the first wins,
    the next looks further on (or is listed after the text)."""
    places: dict[int, list[tuple[int, int, str]]] = {}
    for metric, fig in c.stats.items():
        if not fig.quote:
            continue
        pattern = _pattern(fig.quote)
        for i, part in enumerate(parts):
            if not readable[i]:
                continue
            taken = places.get(i, [])
            match = next((m for m in pattern.finditer(part)
                          if all(m.end() <= a or m.start() >= b for a, b, _ in taken)), None)
            if match:
                places.setdefault(i, []).append((match.start(), match.end(), metric))
                break
    return places


def mark_quotes(html: str, c: Campaign) -> tuple[str, set[str]]:
    """The body with each figure's quote wrapped at its first occurrence in the text readers see; the metrics found."""
    parts = _TAG.split(html)
    places = _places(parts, _readable(parts), c)
    for i, spans in places.items():
        text = parts[i]
        for start, end, metric in sorted(spans, reverse=True):  # from the right: earlier offsets stay valid
            text = text[:start] + _mark(metric, text[start:end], c.stats[metric].note) + text[end:]
        parts[i] = text
    return "".join(parts), {metric for spans in places.values() for _, _, metric in spans}


def quote_block(c: Campaign, found: set[str]) -> str:
    """Quotes that could not be marked in place (they cross a link or emphasis) listed after the text."""
    rest = [(m, f) for m, f in c.stats.items() if f.quote and m not in found]
    if not rest:
        return ""
    items = "".join(
        f'<li id="{anchor(m)}" tabindex="-1"><strong>{escape(METRICS[m].label)}</strong>：“{escape(f.quote or "")}”'
        + (f'<span class="xb-evidence-note" role="note">{escape(f.note)}</span>' if f.note else "")
        + f' <a class="xb-evidence-back" href="#fig-{m}">回到数字</a></li>'
        for m, f in rest
    )
    return f'<h2 id="evidence">数字的出处</h2>\n<ul class="xb-evidence-list">{items}</ul>'


def with_evidence(body_html: str, c: Campaign) -> str:
    """The sanitised summary text with every quoted figure's source marked."""
    if not any(f.quote for f in c.stats.values()):
        return body_html
    marked, found = mark_quotes(body_html, c)
    return marked + quote_block(c, found)


def metric_row(c: Campaign, metric: str, base: str) -> str:
    """One campaign's figure for a metric, with its quote: what a total on the statistics page adds up."""
    fig = c.stats[metric]
    target = f"{base}{c.url}" + (f"#{anchor(metric)}" if fig.quote else "")
    quote = f'<q class="xb-metric-quote">{escape(fig.quote)}</q>' if fig.quote else '<span class="xb-metric-quote">原文摘句未填写</span>'
    return (f'<li class="xb-campaign"><a class="xb-campaign-title" href="{escape(target)}">{escape(c.title)}</a>\n'
            f'<p class="xb-meta">{escape(c.organization)}</p>\n'
            f'<p class="xb-metric-figure"><strong>{escape(format_figure(fig, METRICS[metric].unit))}</strong> {quote}</p></li>')


def by_size(campaigns: list[Campaign], metric: str) -> list[Campaign]:
    """Largest figures first, so the campaigns that make most of a total are checked first; undisclosed last."""
    members = [c for c in campaigns if metric in c.stats]
    return sorted(members, key=lambda c: (c.stats[metric].value is None, -(c.stats[metric].value or 0)))
