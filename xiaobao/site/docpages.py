"""An editor's docs/ page read once per build, with the same YAML rules as a campaign file.

MkDocs reads front matter with YAML 1.1 and swallows its errors; a page read by MkDocs, by the
editors' section and by the sources list used to get three readings under two sets of rules
(`reviewed: 2025-03-01` a date in one, text in the other). Here the page is read once with
xiaobao.campaigns.frontmatter, and the engine gets the body only, so it has nothing left to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xiaobao.campaigns.frontmatter import Document, FrontMatterError, parse


@dataclass(frozen=True)
class DocPage:
    src_uri: str  # as under docs/: topics/fraud-prevention.md
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""  # the Markdown the page renders: the whole text when the front matter is missing or broken
    problem: str = ""  # why there is no front matter to read ("" when it was read)

    @property
    def where(self) -> str:
        return f"docs/{self.src_uri}"


def read_doc(src_uri: str, text: str, read: tuple[str, Document | FrontMatterError] | None = None) -> DocPage:
    """Front matter and body of one page. Without readable front matter (none, or broken) the
    meta is empty, the body is the whole text and `problem` says why.
    read: (text, what parse gave) when the page was read earlier in this build (the docs/
    inventory): used when it was read from the same text, so the page is parsed once."""
    try:
        doc = read[1] if read is not None and read[0] == text else parse(text)
        if isinstance(doc, FrontMatterError):
            raise doc
    except FrontMatterError as err:
        return DocPage(src_uri, {}, text, str(err))
    return DocPage(src_uri, doc.meta, doc.body)


def engine_text(page: DocPage) -> str:
    """The text handed to the engine instead of the file: the body after one empty line.

    MkDocs reads YAML front matter, or "key: value" lines at the top (MultiMarkdown), into its own
    page.meta; after an empty first line it reads neither and keeps the body as it is.
    """
    return "\n" + page.body
