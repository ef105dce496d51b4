"""The theme's page frame, mended where it breaks HTML (xiaobao/site/theme_markup.py).

A thin shell: the fixes and why they are there live in the xiaobao package.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page

from xiaobao.site.theme_markup import mend_theme_markup


def on_post_page(output: str, page: Page, **kwargs) -> str:
    return mend_theme_markup(output)


def on_post_template(output_content: str, template_name: str, **kwargs) -> str:
    """404.html is rendered from the theme as a static template, not as a page."""
    return mend_theme_markup(output_content)
