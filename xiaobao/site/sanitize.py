"""Raw HTML in campaign bodies, cut down to a safe subset.

Summaries are pasted from Word and web pages by many editors; anything that can run script,
restyle the page or load from another host is removed. nh3 (ammonia) parses the HTML the way a
browser does, so tricks such as `JaVaScRiPt:`, entity-encoded schemes or broken tags do not pass.
"""

from __future__ import annotations

import re
from html import escape as html_escape

import nh3

TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "mark",
    "a", "img", "blockquote", "code", "pre", "br", "hr", "span", "div",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "span": {"class"},
    "div": {"class"},
}
# Removed together with their content: the text inside is code or noise, not summary.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template",
                     "svg", "math", "textarea", "select", "frameset", "frame", "applet"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}  # tel: a hotline is one tap to call
_REL = "noopener noreferrer"
_HREFLESS = f'<a rel="{_REL}">'  # a link whose URL was dropped: rel without href is invalid HTML
_SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:")
_CLASS = re.compile(r"^[A-Za-z][\w-]*$")


def _filter(tag: str, attr: str, value: str) -> str | None:
    """Images load from the site only (no other host, no data: URLs); classes are plain names."""
    if tag == "img" and attr == "src":
        if _SCHEME.match(value) or value.strip().startswith(("//", "\\")):
            return None
    if attr == "class":
        kept = [c for c in value.split() if _CLASS.match(c)]
        return " ".join(kept) or None
    if attr in {"width", "height", "colspan", "rowspan", "start"} and not value.strip().isdigit():
        return None
    return value


# Tags that Markdown writes for plain paragraphs, lists, quotes and tables, with no attributes at all.
_PLAIN_TAG = r"/?(?:p|h[2-6]|ul|ol|li|strong|em|b|i|br ?/?|hr ?/?|blockquote|code|pre|table|thead|tbody|tr|th|td)>"
_NOT_PLAIN = re.compile(f"<(?!{_PLAIN_TAG})")


def is_plain(html: str) -> bool:
    """True when every tag is a bare structural one: nothing to remove, so nh3 can be skipped.

    Most summaries are pasted plain text, and parsing every body again would be a large part of
    the build. Any attribute, comment, entity-free "<" or other tag sends the body through nh3.
    """
    return _NOT_PLAIN.search(html) is None


def sanitize_html(html: str) -> str:
    """Keep text and harmless structure; drop script, styles, event handlers and unsafe URLs."""
    if is_plain(html):
        return html
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes=LINK_SCHEMES,
        strip_comments=True,
        link_rel=_REL,
    ).replace(_HREFLESS, "<a>")


# Editors' docs/ pages use more of Markdown than summaries do: headings with anchors, admonitions,
# collapsible details, classes from attr_list. Still nothing that runs script or loads elsewhere.
DOCS_TAGS = TAGS | {"h1", "details", "summary", "abbr", "figure", "figcaption", "kbd", "del", "ins"}
_WITH_CLASS = {"p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "code", "pre",
               "blockquote", "details", "summary", "img", "figure", "strong", "em"}
DOCS_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
    **{tag: ATTRIBUTES.get(tag, set()) | {"class"} for tag in _WITH_CLASS},
    **{f"h{n}": {"id", "class"} for n in range(1, 7)},
    "details": {"class", "open"},
    "abbr": {"title"},
    "th": ATTRIBUTES["th"] | {"align"},
    "td": ATTRIBUTES["td"] | {"align"},
}
_ID = re.compile(r"^[A-Za-z0-9_][\w-]{0,80}$")
_ALIGN = {"left", "right", "center"}


def _docs_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return value if _ID.match(value) else None
    if attr == "align":
        return value if value in _ALIGN else None
    if attr == "open":
        return ""
    return _filter(tag, attr, value)


TRUSTED_MARK = re.compile(r"<!-- xiaobao:trusted ([0-9a-f]{16}) -->")


def trusted_mark(digest: str) -> str:
    """Where one of our own blocks goes in an editor's page (see sanitize_docs_html)."""
    return f"<!-- xiaobao:trusted {digest} -->"


DOCS_LINK_SCHEMES = LINK_SCHEMES | {"tel"}  # hotline numbers on education pages are tap-to-call links


def _clean_docs(html: str) -> str:
    return nh3.clean(
        html,
        tags=DOCS_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=DOCS_ATTRIBUTES,
        attribute_filter=_docs_filter,
        url_schemes=DOCS_LINK_SCHEMES,
        strip_comments=True,
        link_rel=_REL,
    ).replace(_HREFLESS, "<a>")


def sanitize_docs_html(html: str, trusted: dict[str, str]) -> str:
    """An editor's docs/ page cut to the safe subset, with our own blocks put back at their marks.

    Our blocks (home figures, a topic's campaign listing) are made by us from escaped values and
    would lose their attributes in nh3; every part between them is the editor's and is cleaned on
    its own, so an unclosed tag cannot swallow a block. A mark an editor copies gets nothing.
    """
    parts = TRUSTED_MARK.split(html)
    out = [_clean_docs(parts[0])]
    for digest, text in zip(parts[1::2], parts[2::2]):
        out.append(trusted.get(digest, ""))
        out.append(_clean_docs(text))
    return "".join(out)


# Front-matter values the theme prints into the page as they are (Material's <title>, header,
# description meta): for an editor's docs/ page they become escaped text, as for generated pages.
THEME_META = ("title", "description")


def escape_meta(meta: dict) -> None:
    for key in THEME_META:
        if key in meta and meta[key] is not None:
            meta[key] = html_escape(str(meta[key]), quote=True)
