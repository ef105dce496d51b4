"""HTML fragments for generated pages, from Jinja templates with autoescaping on."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from .dates import PartialDate, period_text
from .figures import Figure, format_figure
from .vocab import METRICS, ORG_TYPES, TOPICS

TEMPLATES = Path(__file__).parent / "templates"


def _period(start: PartialDate | None, end: PartialDate | None) -> str:
    return period_text(start, end)


def _figure(figure: Figure, unit: str) -> str:
    return format_figure(figure, unit)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # a stat() per render adds up to seconds at 10,000 campaigns
    )
    env.filters.update(period=_period, figure=_figure)
    env.globals.update(metrics=METRICS, topics=TOPICS, org_types=ORG_TYPES)
    return env


def render_raw(template: str, **context: object) -> str:
    """The template's output as is: for pieces inserted into other templates."""
    return environment().get_template(template).render(**context)


def render(template: str, **context: object) -> str:
    """Render to a single HTML block; blank lines are squeezed so Markdown keeps it as raw HTML."""
    html = render_raw(template, **context)
    return "\n".join(line for line in html.splitlines() if line.strip())
