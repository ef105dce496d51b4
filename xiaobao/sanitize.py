"""Raw HTML in campaign bodies, cut down to a safe subset.

Summaries are pasted from Word and web pages by many editors; anything that can run script,
restyle the page or load from another host is removed. nh3 (ammonia) parses the HTML the way a
browser does, so tricks such as `JaVaScRiPt:`, entity-encoded schemes or broken tags do not pass.
"""

from __future__ import annotations

import re

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
LINK_SCHEMES = {"http", "https", "mailto"}
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


def sanitize_html(html: str) -> str:
    """Keep text and harmless structure; drop script, styles, event handlers and unsafe URLs."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes=LINK_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
