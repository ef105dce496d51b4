"""HTML fragments for generated pages, from Jinja templates with autoescaping on.

The two fragments made once per campaign (card and row) are in xiaobao/site/cards.py instead.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # no stat() per render: templates do not change during a build
    )
    env.globals.update(metrics=METRICS, topics=TOPICS, org_types=ORG_TYPES)
    return env


def render(template: str, **context: object) -> str:
    """Render to a single HTML block; blank lines are squeezed so Markdown keeps it as raw HTML."""
    html = environment().get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
