"""Reading editors' files: encodings Windows editors use, Word files, several summaries per file."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED = (".txt", ".md", ".docx")


class ReadError(ValueError):
    """A file the importer cannot read; the message is for the editor."""


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or GB18030; strict first, guessing last."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("无法识别文件编码。请另存为 UTF-8 文本")
    return str(best)


@dataclass
class Source:
    """One file's text and, for Word, what sits outside the body: header, footer, tables, and
    a note on what could not be read."""
    text: str
    extra: list[str] = field(default_factory=list)  # header and footer lines
    tables: list = field(default_factory=list)  # wordfile.Table, in order
    warnings: list[str] = field(default_factory=list)


def read_docx(path: Path) -> Source:
    """Everything Word shows as accepted text, paragraphs and tables in reading order."""
    from xiaobao.importer import wordfile

    try:
        word = wordfile.read(path)
    except wordfile.TooLarge as err:
        raise ReadError(f"{path.name}：文件解压后超过 {wordfile.MAX_UNPACKED // 1024 // 1024} MB，不像一份总结，没有导入") from err
    warnings = [w for w in [word.warning()] if w]
    return Source(word.body, word.headers + word.footers, word.tables, warnings)


OLD_WORD = "请在 Word 或 WPS 中另存为 .docx 后再导入"


def refuse_old_format(path: Path) -> None:
    """Old Word (.doc) and WPS files cannot be read here: say what to do instead."""
    if path.suffix.lower() in (".doc", ".wps", ".wpt", ".dot", ".rtf"):
        raise ReadError(f"{path.name}：这是旧版 Word 或 WPS 文件（{path.suffix}）。{OLD_WORD}")


def read_source(path: Path) -> Source:
    refuse_old_format(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"{path.name}：不支持的文件类型 {suffix or '(无扩展名)'}。请用 .txt、.md 或 .docx")
    if suffix == ".docx":
        try:
            return read_docx(path)
        except ReadError:
            raise
        except Exception as err:  # python-docx raises several unrelated types on bad files
            raise ReadError(f"{path.name}：打不开这个 Word 文件，可能已损坏或不是真正的 .docx。{OLD_WORD}") from err
    return Source(decode(path.read_bytes()))


def read_path(path: Path) -> str:
    """The text alone (tools that only need the words)."""
    return read_source(path).text


@dataclass(frozen=True)
class Part:
    heading: str | None
    text: str


_NUMBERED = re.compile(r"^\s*(?P<title>[^\d\s，,。：:]{4,40}?)\s*(?P<n>\d{1,3})\s*$")


def split_summaries(text: str) -> list[Part]:
    """Split at a repeated title followed by a number (…工作总结1 … 工作总结10).

    A title counts as a separator only when it appears with at least two distinct
    numbers, so a lone heading such as "案例1" inside a summary does not split it.
    """
    lines = text.splitlines()
    hits: list[tuple[int, str, int]] = []
    for i, line in enumerate(lines):
        match = _NUMBERED.match(line)
        if match:
            hits.append((i, match.group("title"), int(match.group("n"))))
    counts = Counter(title for _, title, _ in hits)
    titles = {t for t, c in counts.items() if c >= 2 and len({n for _, tt, n in hits if tt == t}) >= 2}
    starts = [(i, f"{t}{n}") for i, t, n in hits if t in titles]
    if not starts:
        return [Part(None, text)]
    parts = []
    for k, (i, heading) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        parts.append(Part(heading, "\n".join(lines[i + 1 : end])))
    return parts
