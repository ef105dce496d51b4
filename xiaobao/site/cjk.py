"""Python-Markdown extension: a source line break between two Chinese characters becomes nothing.

Editors wrap long Chinese sentences in the Markdown source. HTML turns each line break into a
space, and between two Chinese characters a space is visible ("电信诈骗。 就是"). Chinese has no
spaces between words, so the break is dropped there; between Latin words it stays a space.
A digit next to a Chinese character counts as Chinese: the pages write 2019年 and 拨打110 without
a space, so "通过，\n2009年" must not become "通过， 2009年".

Registered in mkdocs.yml (`- xiaobao.site.cjk`), so it runs for every page, editors' and generated.
Code (inline and blocks) is never touched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Han, kana, CJK punctuation and full-width forms, plus the quotes and dashes used in Chinese text.
CJK = ("\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff"
       "\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\U00020000-\U0002fa1f")
_IS_CJK = re.compile(f"[{CJK}]")
_IS_DIGIT = re.compile("[0-9]")
_BREAK = re.compile(f"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}0-9])|(?<=[0-9])[ \t]*\n[ \t]*(?=[{CJK}])")
_EDGE_BREAK = re.compile(r"(?<![ \t])[ \t]*\n[ \t]*")  # (?<!…): linear on a run of spaces

# Inline elements whose text runs on with their neighbours'; anything else is a block or opaque.
INLINE = {"a", "abbr", "b", "br", "cite", "del", "dfn", "em", "i", "img", "ins", "mark", "q", "s", "small",
          "span", "strong", "sub", "sup", "u", "wbr"}
OPAQUE = {"code", "kbd", "pre", "samp", "script", "style", "textarea", "math", "svg"}

Slot = tuple[etree.Element, str]  # (element, "text" or "tail")


def _slots(block: etree.Element) -> list[Slot | None]:
    """The block's text pieces in reading order; None where a block or code interrupts the run."""
    out: list[Slot | None] = [(block, "text")]
    for child in block:
        if not isinstance(child.tag, str):
            out.append(None)  # a comment or processing instruction
        elif child.tag in INLINE:
            out.extend(_slots(child))
        else:
            out.append(None)
        out.append((child, "tail"))
    return out


def _get(slot: Slot) -> str:
    return getattr(slot[0], slot[1]) or ""


def _neighbour(slots: list[Slot | None], start: int, step: int) -> str:
    """The nearest character before (step -1) or after (step 1) a slot within one run of text."""
    i = start + step
    while 0 <= i < len(slots):
        slot = slots[i]
        if slot is None:
            return ""
        text = _get(slot)
        if text:
            return text[-1] if step < 0 else text[0]
        i += step
    return ""


def joins(left: str, right: str) -> bool:
    """Whether a line break between these two characters is dropped: both Chinese, or a digit beside Chinese."""
    if not left or not right:
        return False
    left_cjk, right_cjk = bool(_IS_CJK.match(left)), bool(_IS_CJK.match(right))
    return (left_cjk and (right_cjk or bool(_IS_DIGIT.match(right)))) or (right_cjk and bool(_IS_DIGIT.match(left)))


def join_breaks(text: str, before: str = "", after: str = "") -> str:
    """text without the line breaks that sit between two CJK characters (before/after: neighbours)."""
    text = _BREAK.sub("", text)
    head = _EDGE_BREAK.match(text)
    if before and head:
        if head.end() < len(text) and joins(before, text[head.end()]):
            text = text[head.end():]
        elif head.end() == len(text) and joins(before, after):
            return ""
    tail = re.search(r"[ \t]*\n[ \t]*\Z", text)
    if after and tail and tail.start() > 0 and joins(text[tail.start() - 1], after):
        text = text[:tail.start()]
    return text


def _join_block(block: etree.Element) -> None:
    slots = _slots(block)
    for i, slot in enumerate(slots):
        if slot is None:
            continue
        text = _get(slot)
        if "\n" not in text:
            continue
        joined = join_breaks(text, _neighbour(slots, i, -1), _neighbour(slots, i, 1))
        if joined != text:
            setattr(slot[0], slot[1], joined)


class CJKJoinTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        _walk(root)


def _walk(el: etree.Element) -> None:
    """Join in every block, never inside code or other opaque elements."""
    if not isinstance(el.tag, str) or el.tag in OPAQUE:
        return
    if el.tag not in INLINE:
        _join_block(el)
    for child in el:
        _walk(child)


class CJKJoinExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline processor (20) has made <strong>, <a>, <code>; before prettify (10) adds newlines.
        md.treeprocessors.register(CJKJoinTreeprocessor(md), "xiaobao_cjk_join", 15)


def makeExtension(**kwargs) -> CJKJoinExtension:
    return CJKJoinExtension(**kwargs)
