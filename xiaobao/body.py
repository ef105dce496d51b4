"""Campaign bodies are editors' Markdown; rendered here and cleaned so raw HTML cannot run."""

from __future__ import annotations

import markdown as md

from .sanitize import sanitize_html

EXTENSIONS = ["tables", "sane_lists"]


def body_html(text: str) -> str:
    html = md.markdown(text, extensions=EXTENSIONS, output_format="html")
    return f'<div class="xb-source" markdown="0">\n{sanitize_html(html)}\n</div>'
