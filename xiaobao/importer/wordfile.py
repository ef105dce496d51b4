"""Everything a Word file shows as accepted text, in reading order, from its XML.

python-docx's `paragraph.text` and `document.paragraphs` leave out tracked insertions (w:ins),
content controls (w:sdt), tables nested in cells and text boxes, and read tables after all
paragraphs (after the signature). Here the body is walked as Word lays it out: paragraphs and
tables in order, deleted and hidden text left out, each table kept where it stands. Headers,
footers and the last short lines (the signature) are kept apart for the organisation and date.
What has no text we can read (pictures, charts, embedded objects) is counted, so the review
page can say so instead of losing it silently.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {
    "w": W, "mc": MC,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
_W = "{%s}" % W
# Containers whose text Word does not show as accepted text.
_SKIP = {_W + "del", _W + "moveFrom", _W + "delText", _W + "instrText", _W + "commentReference",
         _W + "footnoteReference", _W + "endnoteReference", "{%s}Fallback" % MC, _W + "rPr", _W + "pPr"}
_TEXTBOX = _W + "txbxContent"
# At most this much uncompressed XML: a larger file is refused, not read into memory.
MAX_UNPACKED = 80 * 1024 * 1024

UNREADABLE_NAMES = {"textbox": "文本框", "shape_text": "形状里的文字", "picture": "图片", "chart": "图表", "smartart": "SmartArt 图形",
                    "object": "嵌入对象", "equation": "公式"}


class TooLarge(ValueError):
    """The file unpacks to more than MAX_UNPACKED bytes."""


@dataclass
class Table:
    rows: list[list[str]]
    lines: list[str]  # as written into the draft (Markdown pipe rows)


@dataclass
class WordText:
    body: str
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    unreadable: Counter = field(default_factory=Counter)
    footnotes: list[str] = field(default_factory=list)

    def warning(self) -> str | None:
        """这份文件里有我们读不出的内容：图片 2 处、图表 1 处 — for the review notes."""
        if not self.unreadable:
            return None
        parts = "、".join(f"{name} {self.unreadable[k]} 处" for k, name in UNREADABLE_NAMES.items() if self.unreadable[k])
        return f"这份文件里有我们读不出的内容：{parts}。请打开原文件核对其中有没有数字或单位名称"


def check_size(path: Path) -> None:
    """Refuse a zip whose members unpack to more than MAX_UNPACKED (a zip bomb)."""
    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNPACKED:
        raise TooLarge(total)


def _is_hidden(run) -> bool:
    rpr = run.find(_W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(_W + "vanish")
    return vanish is not None and vanish.get(_W + "val", "true") not in ("0", "false", "off")


def paragraph_text(p, boxes: list | None = None) -> str:
    """The accepted, visible text of one w:p (insertions in, deletions and hidden runs out).
    Text boxes anchored in it are appended to `boxes` to be read as paragraphs of their own."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _TEXTBOX:
                if boxes is not None:
                    boxes.append(child)
                continue
            if tag == _W + "r" and _is_hidden(child):
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag == _W + "tab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _unwrapped(node):
    """The children of a table, row or cell, with content controls (w:sdt, w:customXml) opened: Word
    shows what they hold in place."""
    for child in node:
        if child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _unwrapped(content)
        else:
            yield child


def _cell_blocks(tc, nested: list) -> list[str]:
    lines: list[str] = []
    for child in _unwrapped(tc):
        if child.tag == _W + "p":
            lines.append(paragraph_text(child))
        elif child.tag == _W + "tbl":
            nested.append(child)  # read as a table of its own right after this one
    return lines


def _rows(tbl) -> list:
    """w:tr of this table, including rows inside row-level content controls."""
    return [child for child in _unwrapped(tbl) if child.tag == _W + "tr"]


def _cells(tr) -> list:
    return [child for child in _unwrapped(tr) if child.tag == _W + "tc"]


def read_table(tbl) -> list[Table]:
    """The table and, after it, every table nested in its cells."""
    nested: list = []
    rows = []
    for tr in _rows(tbl):
        rows.append([" ".join(x.strip() for x in _cell_blocks(tc, nested) if x.strip()) for tc in _cells(tr)])
    rows = [r for r in rows if any(c for c in r)]
    tables = [Table(rows, [_markdown_row(r) for r in rows])] if rows else []
    for inner in nested:
        tables.extend(read_table(inner))
    return tables


def _markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "｜").replace("\n", " ") for c in cells) + " |"


def _blocks(container, lines: list[str], tables: list[Table]) -> None:
    """Paragraphs and tables of a body, cell or content control, in order."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            boxes: list = []
            text = paragraph_text(child, boxes)
            lines.append(text)
            for box in boxes:
                _blocks(box, lines, tables)
        elif tag == _W + "tbl":
            for table in read_table(child):
                tables.append(table)
                if len(table.lines) >= 1:
                    lines.append("")
                    lines.append(table.lines[0])
                    lines.append("| " + " | ".join("---" for _ in table.rows[0]) + " |")
                    lines.extend(table.lines[1:])
                    lines.append("")
        elif tag in (_W + "sdt", _W + "customXml", _W + "ins", _W + "moveTo"):
            content = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
            if content is not None:
                _blocks(content, lines, tables)
        elif tag == "{%s}AlternateContent" % MC:
            choice = child.find("mc:Choice", NS)
            if choice is not None:
                _blocks(choice, lines, tables)


def count_unreadable(root) -> Counter:
    """Things Word shows that carry no text we read."""
    found: Counter = Counter()
    # The elements themselves, not their id(): a set of ids lets lxml drop the proxies and reuse ids.
    skip_fallback = {x for fb in root.iter("{%s}Fallback" % MC) for x in fb.iter()}
    for el in root.iter():
        if el in skip_fallback or not isinstance(el.tag, str):
            continue
        if el.tag == "{%s}chart" % NS["c"]:
            found["chart"] += 1
        elif el.tag == "{%s}relIds" % NS["dgm"]:
            found["smartart"] += 1
        elif el.tag == "{%s}pic" % NS["pic"] or el.tag == "{%s}imagedata" % NS["v"]:
            found["picture"] += 1
        elif el.tag == "{%s}OLEObject" % NS["o"]:
            found["object"] += 1
        elif el.tag == "{%s}oMath" % NS["m"] and not any(a.tag == "{%s}oMath" % NS["m"] for a in el.iterancestors()):
            found["equation"] += 1
        elif el.tag == "{%s}txBody" % "http://schemas.microsoft.com/office/word/2010/wordprocessingShape":
            found["shape_text"] += 1
        elif el.tag == "{%s}textbox" % NS["v"] and el.find(_W + "txbxContent") is None:
            found["textbox"] += 1  # a VML text box without Word text (its words are in a picture)
    return found


def _part_lines(element) -> list[str]:
    lines: list[str] = []
    _blocks(element, lines, [])
    return [line.strip() for line in lines if line.strip()]


def read(path: Path) -> WordText:
    """Open with python-docx (it refuses external templates and does not expand entities)."""
    import docx

    check_size(path)
    document = docx.Document(str(path))
    body = document.element.body
    lines: list[str] = []
    tables: list[Table] = []
    _blocks(body, lines, tables)
    unreadable = count_unreadable(body)
    headers: list[str] = []
    footers: list[str] = []
    seen: set = set()  # the header and footer elements themselves (their id() may be reused once dropped)
    for section in document.sections:
        for kind, target in (("header", headers), ("footer", footers)):
            for attr in (kind, f"first_page_{kind}", f"even_page_{kind}"):
                part = getattr(section, attr)
                if part.is_linked_to_previous and attr == kind and section is not document.sections[0]:
                    continue
                element = part._element
                if element in seen:
                    continue
                seen.add(element)
                for line in _part_lines(element):
                    if not _page_number(line) and line not in target:
                        target.append(line)
                unreadable.update(k for k in count_unreadable(element).elements() if k != "picture")
    footnotes = _notes(document)
    text = "\n".join(lines)
    if footnotes:
        text += "\n\n注：\n" + "\n".join(footnotes)
    return WordText(text, headers, footers, tables, unreadable, footnotes)


def _notes(document) -> list[str]:
    """Footnotes and endnotes, which Word shows at the page's or document's end."""
    notes: list[str] = []
    for rel in document.part.rels.values():
        if rel.reltype.endswith(("/footnotes", "/endnotes")) and not rel.is_external:
            from lxml import etree

            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(rel.target_part.blob, parser)
            for note in root:
                if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(t for t in _part_lines(note))
                if text.strip():
                    notes.append(text.strip())
    return notes


def _page_number(line: str) -> bool:
    import re

    return bool(re.fullmatch(r"[-—\s]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|Page \d+( of \d+)?)[-—\s]*", line))
