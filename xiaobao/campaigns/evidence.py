"""The evidence behind a figure: the sentence of the summary it was read from, and the editor's note.

A figure is written either short (`materials: 7600余`) or with its evidence
(`materials: {value: 7600余, quote: 宣传折页7600余份, note: 活动期间总数}`). The quote must be
words of the campaign's own text, so a reader who doubts a figure can see where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from xiaobao.campaigns.figures import Figure, FigureError, parse_figure

KEYS = {"value": "数字", "quote": "原文摘句", "note": "说明"}
MAX_QUOTE = 200
MAX_NOTE = 300
_SPACE = re.compile(r"\s+")


class EvidenceError(FigureError):
    """A problem in one part of a figure; `part` is value, quote or note (None: the whole figure)."""

    def __init__(self, message: str, part: str | None = None) -> None:
        super().__init__(message)
        self.part = part


def read_figure(raw: object, unit: str | None = None) -> Figure:
    """The figure with its quote and note; the short form has neither."""
    if not isinstance(raw, dict):
        return parse_figure(raw, unit)
    unknown = [str(k) for k in raw if k not in KEYS]
    if unknown:
        allowed = "、".join(f"{k}（{v}）" for k, v in KEYS.items())
        raise EvidenceError(f"不认识“{'、'.join(unknown)}”。一个数字的字段表里只能写 {allowed}")
    if "value" not in raw:
        raise EvidenceError("写了原文摘句或说明，却没有写 value（数字本身）。例如 {value: 7600余, quote: 宣传折页7600余份}")
    try:
        figure = parse_figure(raw["value"], unit)
    except FigureError as err:
        raise EvidenceError(str(err), "value") from None
    return replace(figure, quote=_line(raw, "quote", MAX_QUOTE), note=_line(raw, "note", MAX_NOTE))


def _line(raw: dict, part: str, limit: int) -> str | None:
    value = raw.get(part)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise EvidenceError(f"{KEYS[part]}应当是一段文字", part)
    value = _SPACE.sub(" ", value).strip()
    if len(value) > limit:
        raise EvidenceError(f"{KEYS[part]}太长了（{len(value)} 个字），最多 {limit} 个字", part)
    return value or None


def squeeze(text: str) -> str:
    """Text without whitespace, in one spelling (NFC, as the schema stores text): a quote matches
    across the line breaks and spaces of the source, and U+FA08 行 is 行."""
    return unicodedata.normalize("NFC", _SPACE.sub("", text))


_MARKUP = re.compile(r"<[^<>]*>|[*_`]")  # [^<>]: a run of "<" cannot make each one scan to the end


def quote_in(quote: str, body: str) -> bool:
    """True when the quote is the body's words, whatever emphasis or tags the body puts inside it."""
    return squeeze(_MARKUP.sub("", quote)) in squeeze(_MARKUP.sub("", body))


# What can hide words from readers while the raw text still holds them: raw HTML (a <script> the
# sanitiser removes, a comment, an attribute), attribute lists ({: title="…"}), link-reference
# definitions and their titles ([1]: http://x "…"). Only a body holding one of them is rendered.
_MAY_HIDE = ("<", "{", "]:", "&")
_VISIBLE_EXTENSIONS = ("attr_list", "admonition", "tables", "pymdownx.details")


def visible_text(body: str) -> str:
    """The words a reader sees of a summary: rendered as the site renders it, sanitised, tags off."""
    if not any(mark in body for mark in _MAY_HIDE):
        return body
    from html.parser import HTMLParser

    import markdown

    from xiaobao.site.sanitize import sanitize_html

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.words: list[str] = []

        def handle_data(self, data: str) -> None:
            self.words.append(data)

    reader = _Text()
    reader.feed(sanitize_html(markdown.markdown(body, extensions=list(_VISIBLE_EXTENSIONS))))
    reader.close()
    return "".join(reader.words)


def quote_visible(quote: str, body: str) -> bool:
    """True when readers can see the quote: not only inside markup the page never shows."""
    return squeeze(_MARKUP.sub("", quote)) in squeeze(_MARKUP.sub("", visible_text(body)))

