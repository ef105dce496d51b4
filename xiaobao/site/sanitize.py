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
        link_rel="noopener noreferrer",
    )
