"""Python-Markdown extension: every hotline number in an editor's text becomes a tap-to-call link.

A reader on a phone should not have to copy 12315 into the dialer. The numbers come from
xiaobao/site/hotlines.py, the one list of hotlines. A number inside a longer number, a link,
code or the page title, or followed by a counting word ("110 份") is left alone.
"""

from __future__ import annotations

import re
from html import escape
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from xiaobao.site.hotlines import all_numbers, tel_href

SKIP = {"a", "code", "kbd", "pre", "samp", "script", "style", "h1", "svg", "math"}  # h1: the page title stays plain
COUNTERS = "份场人次个家名万亿元条件张户位台天年月日号期届批款所类岁%％"


def number_pattern(numbers: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True))
    return re.compile(rf"(?<![0-9A-Za-z.\-/])({alternatives})(?![0-9\-])(?!\s*[{COUNTERS}])")


def _pieces(text: str, pattern: re.Pattern[str]) -> list[str]:
    """text split into [plain, number, plain, number, …, plain]; stash placeholders kept whole."""
    out = [""]
    pos = 0
    for stash in list(HTML_PLACEHOLDER_RE.finditer(text)) + [None]:
        end = stash.start() if stash else len(text)
        chunk = text[pos:end]
        parts = pattern.split(chunk)
        out[-1] += parts[0]
        out.extend(parts[1:])
        if stash:
            out[-1] += stash.group(0)
            pos = stash.end()
    return out


def _link(number: str, tail: str) -> etree.Element:
    a = etree.Element("a", {"href": tel_href(number), "class": "xb-tel"})
    a.text = number
    a.tail = tail
    return a


def link_numbers(parent: etree.Element, pattern: re.Pattern[str]) -> None:
    """Turn numbers in parent's own text and its children's tails into <a href="tel:…">, then go down."""
    children = list(parent)
    if parent.text:
        pieces = _pieces(parent.text, pattern)
        if len(pieces) > 1:
            parent.text = pieces[0]
            for k, (number, tail) in enumerate(zip(pieces[1::2], pieces[2::2])):
                parent.insert(k, _link(number, tail))
    for child in children:
        if child.tail:
            pieces = _pieces(child.tail, pattern)
            if len(pieces) > 1:
                child.tail = pieces[0]
                at = list(parent).index(child) + 1
                for k, (number, tail) in enumerate(zip(pieces[1::2], pieces[2::2])):
                    parent.insert(at + k, _link(number, tail))
        if isinstance(child.tag, str) and child.tag not in SKIP:
            link_numbers(child, pattern)


def link_numbers_html(text: str) -> str:
    """Plain text as HTML, escaped, with its hotline numbers as tel: links: for pages made without Markdown."""
    pieces = number_pattern(all_numbers()).split(text)
    out = [escape(pieces[0])]
    for number, tail in zip(pieces[1::2], pieces[2::2]):
        out.append(f'<a class="xb-tel" href="{escape(tel_href(number))}">{escape(number)}</a>{escape(tail)}')
    return "".join(out)


class TelTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        link_numbers(root, number_pattern(all_numbers()))


class TelExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After inline processing (20), so links and code already exist and are skipped.
        md.treeprocessors.register(TelTreeprocessor(md), "xiaobao_tel", 14)


def makeExtension(**kwargs) -> TelExtension:
    return TelExtension(**kwargs)
