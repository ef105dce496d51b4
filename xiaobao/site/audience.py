"""Pages for editors, not readers: `audience: editors` in a page's front matter.

One key decides four things: the page leaves the readers' menu, it stays out of the readers'
search, the QR sheet and the sitemap, and it is listed on the editors' section page (编辑与运维, /editors/). Its URL does not
change (/guide/ stays /guide/).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from xiaobao.campaigns.frontmatter import FrontMatterError, parse

KEY, EDITORS = "audience", "editors"
SECTION_SRC = "editors/index.md"
SECTION_TITLE = "编辑与运维"


def is_editors(meta: dict | None) -> bool:
    return isinstance(meta, dict) and meta.get(KEY) == EDITORS


def is_reader_page(meta: dict | None) -> bool:
    """A page for the public: the QR sheet and the sitemap list only these. Editors' and operators'
    pages (audience: editors) and the preview's review page are not for readers."""
    kind = (meta.get("xiaobao") or {}).get("kind") if isinstance(meta, dict) and isinstance(meta.get("xiaobao"), dict) else None
    return not is_editors(meta) and kind != "review"


def front_matter(path: Path) -> dict:
    """A docs page's front matter, read before MkDocs reads it (the nav is settled first), by the same
    reader as every front matter: dates stay text (2026-02-30 is a message elsewhere, not a traceback)."""
    try:
        return parse(path.read_text(encoding="utf-8-sig")).meta
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return {}


def editors_pages(metas: dict[str, dict]) -> dict[str, str]:
    """{src_uri: title} of the pages (src_uri -> front matter) marked for editors, in src_uri order."""
    found = {}
    for src_uri, meta in sorted(metas.items()):
        if is_editors(meta):
            found[src_uri] = str(meta.get("title") or src_uri)
    return found


def page_url(src_uri: str) -> str:
    """The page's address relative to the editors' section page (/editors/)."""
    stem = src_uri[:-3]
    return "../" + ("" if stem == "index" else stem.removesuffix("/index") + "/")


def section_html(pages: dict[str, str], descriptions: dict[str, str] | None = None) -> str:
    """The editors' section page: every page marked for editors, with what it is for."""
    items = "".join(
        f'<li><a href="{escape(page_url(src))}">{escape(title)}</a>'
        + (f"：{escape(descriptions[src])}" if descriptions and descriptions.get(src) else "") + "</li>"
        for src, title in pages.items())
    return (f"<p>这些页面写给编辑和维护网站的人看，不在读者的菜单和搜索里。</p><ul>{items}</ul>")
