"""Markup the theme's page frame gets wrong, mended in each built page.

Material 9.8 base.html puts autocomplete="off" on its drawer and search checkboxes; HTML allows
autocomplete only on text-like inputs, so the Nu HTML Checker rejects every page. base.html is the
whole frame: copying its 259 lines to drop one attribute would tie us to the theme far more than
this. The partials it gets wrong are overridden instead (overrides/partials/nav-item.html, toc.html).
"""

from __future__ import annotations

FIXES: tuple[tuple[str, str], ...] = tuple(
    (f'type="checkbox" id="{name}" autocomplete="off">', f'type="checkbox" id="{name}">')
    for name in ("__drawer", "__search")
)


def mend_theme_markup(html: str) -> str:
    """The page with each known fault of the theme's frame replaced; other text untouched."""
    for old, new in FIXES:
        html = html.replace(old, new, 1)
    return html
