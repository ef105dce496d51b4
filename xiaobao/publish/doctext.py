"""The text inside documents published as downloads (PDF, Word, Excel, PowerPoint), for the personal-data check.

Everything a reader who downloads the file could read is checked, not only what Word shows:
deleted revisions, comments, headers, document properties (author, company). Office files are
zip archives of XML; their text is read without an XML parser (no entity, no external reference
is ever resolved) and within limits, so a zip bomb stops at the limit. PDFs are read by PDFium
(pypdfium2, already pinned for the leaflet tests).
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a download larger than this is refused before it is read
MAX_XML = 64 * 1024 * 1024  # uncompressed XML read from one office file, in all
MAX_MEMBERS = 5000
MAX_PAGES = 1000
OFFICE = (".docx", ".xlsx", ".pptx")
# Where a reader sees a line or cell end: text on either side must not join into one number.
_BREAK = re.compile(r"</(?:w:p|a:p|si|c|w:tc|a:tc|row|w:tr)>|<(?:w:br|w:tab|w:cr|a:br)\b[^>]*>|</?(?:dc|cp|dcterms):[^>]*>")
_TAG = re.compile(r"<[^<>]*>")  # [^<>]: linear on a run of "<"
_SPACE = re.compile(r"[ \t]+")


class DocTextError(ValueError):
    """The document's text cannot be read, so it cannot be checked; the message is plain Chinese."""


def _office_text(path: Path) -> str:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise DocTextError("打不开这个文件：它不是完整的 Office 文件（可能已损坏，或只是改了扩展名）") from None
    with archive:
        members = [m for m in archive.infolist() if m.filename.lower().endswith((".xml", ".rels")) and not m.is_dir()]
        if len(archive.infolist()) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_XML:
            raise DocTextError("文件解压后太大（可能是“压缩炸弹”），不能发布")
        parts = []
        for member in members:
            try:
                with archive.open(member) as stream:
                    data = stream.read(MAX_XML + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):  # encrypted or broken member
                raise DocTextError("文件里有读不出的部分（可能加了密码或已损坏），无法检查个人信息") from None
            if len(data) > MAX_XML:
                raise DocTextError("文件解压后太大（可能是“压缩炸弹”），不能发布")
            xml = data.decode("utf-8", errors="replace")
            parts.append(html.unescape(_TAG.sub("", _BREAK.sub("\n", xml))))
    return "\n".join(_SPACE.sub(" ", line).strip() for part in parts for line in part.splitlines() if line.strip())


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise DocTextError("打不开这个 PDF（可能加了密码或已损坏），无法检查个人信息") from None
    try:
        if len(pdf) > MAX_PAGES:
            raise DocTextError(f"PDF 有 {len(pdf)} 页，超过 {MAX_PAGES} 页，不能发布")
        lines = [f"{value}" for value in pdf.get_metadata_dict().values() if value]
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            lines.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
    except pdfium.PdfiumError:
        raise DocTextError("PDF 里有读不出的页（可能已损坏），无法检查个人信息") from None
    finally:
        pdf.close()
    return "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")


def document_text(path: Path) -> str:
    """All the text a downloaded file holds; DocTextError when it cannot be read (then it is not published)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocTextError(f"文件有 {size / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 上限")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(path)
    if suffix in OFFICE:
        return _office_text(path)
    raise DocTextError(f"不认识“{suffix}”这种文件")
