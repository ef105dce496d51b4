"""A page frame rendered once and filled many times: the theme's HTML around a generated page.

Why: at 100,000 campaigns the theme's template (navigation, header, sidebars, scripts) was more
than half the build's CPU, and it renders the same HTML for every campaign page but for a few
values: the title, the description, the page's name and the content. So the engine renders
the theme once per page shape (and folder) with a token in place of each of those values (`TOKENS`), and
every page of that shape is the frame with its own values put back (`Frame.fill`).

It is exact only where a value passes through the template unchanged. The template escapes or
strips some values (`| e`, `| striptags`); a token is plain ASCII and passes unchanged through all
of them, and so does a value that `is_plain`: no markup characters, no runs of white space. A page
whose values are not plain, or whose shape the engine has not verified, is rendered by the template
itself. The engine checks each frame against the template on the first page of its shape
(`Frame.check`), and tests compare every page both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE, DESCRIPTION, PATH, CONTENT = "xbframetitle", "xbframedescription", "xbframepath", "xbframecontent"
TOKENS = (TITLE, DESCRIPTION, PATH, CONTENT)
_TOKEN = re.compile("|".join(TOKENS))
_NOT_PLAIN = re.compile(r"[&<>\"'\\\s]|xbframe")  # \s: striptags folds white space; a lone space is allowed below


def split_url(url: str) -> tuple[str, str]:
    """(folder, name) of a page's address: campaigns/x/ -> (campaigns/, x). The frame is made for
    one folder (the theme's relative links depend on it) and filled with the name."""
    folder, _, name = url.rstrip("/").rpartition("/")
    return (folder + "/" if folder else ""), name


def is_plain(value: str) -> bool:
    """True when every filter the theme applies (escape, striptags, trim) leaves value as it is."""
    if value != value.strip() or "  " in value:
        return False
    return _NOT_PLAIN.search(value.replace(" ", "")) is None


@dataclass(frozen=True)
class Frame:
    """The frame's HTML cut at the tokens: text, token, text, token, …, text."""

    parts: tuple[str, ...]

    @classmethod
    def cut(cls, html: str, content_tail: str = "") -> "Frame":
        """The frame of a page rendered with the tokens as its values (its address: folder + PATH + "/").

        content_tail: what followed the content token in the page rendered (CONTENT + content_tail),
        so that the template saw what it tests in the real content (Material adds an <h1> unless
        the content holds one); it is cut off again here.
        """
        parts: list[str] = []
        at = 0
        for match in _TOKEN.finditer(html):
            parts += [html[at:match.start()], match.group(0)]
            at = match.end()
        parts.append(html[at:])
        for i in range(1, len(parts), 2):
            if parts[i] == CONTENT:
                if not parts[i + 1].startswith(content_tail):
                    return cls(())  # not usable
                parts[i + 1] = parts[i + 1][len(content_tail):]
        return cls(tuple(parts))

    @property
    def usable(self) -> bool:
        """The content appears exactly once (else the page would hold it twice, or not at all)."""
        return bool(self.parts) and self.parts[1::2].count(CONTENT) == 1

    def fill(self, title: str, description: str, name: str, content: str) -> str:
        """The page: name is the last part of its address (split_url)."""
        values = {TITLE: title, DESCRIPTION: description, PATH: name, CONTENT: content}
        parts = list(self.parts)
        for i in range(1, len(parts), 2):
            parts[i] = values[parts[i]]
        return "".join(parts)

    def check(self, rendered: str, title: str, description: str, name: str, content: str) -> bool:
        """Does the frame give exactly what the template rendered for this page?"""
        return self.fill(title, description, name, content) == rendered


H1 = "\x3ch1"  # Material's content partial adds the page title as <h1> unless the content holds this


def content_tail(content: str) -> str:
    """What a frame's prototype content carries after the token, for the template's tests on it."""
    return H1 if H1 in content else ""


def page_values_plain(title: str, description: str, name: str) -> bool:
    """The page's values can go into a frame (content goes in as it is: the theme never filters it)."""
    return is_plain(title) and is_plain(description) and is_plain(name) and "/" not in name
