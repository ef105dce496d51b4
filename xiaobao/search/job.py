"""The search index as one background task (see xiaobao.pipeline.background for why it runs there)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from xiaobao.search.dictionary import CAMPAIGN_SAMPLE, WordCache, build_words, domain_words, query_data
from xiaobao.search.bounded import write_index_bounded
from xiaobao.search.index import IndexedPage
from xiaobao.search.synonyms import Synonyms
from xiaobao.search.text import html_to_text, normalize

_HEADING = re.compile(r"<h([2-4])\b[^>]*>(.*?)</h\1\s*>", re.S | re.I)


@dataclass(frozen=True)
class PageSource:
    """A page as the build hands it over: its rendered main HTML, not yet reduced to text."""

    url: str
    title: str
    html: str
    rank: int = 3  # see IndexedPage.rank
    text: str | None = None  # page_text(title, html), when the build reduced the page already (html is then "")
    headings: tuple[str, ...] = ()  # with text: the page's h2-h4 (editors' pages only)
    spilled: tuple[int, int] | None = None  # text is None: (offset, length) of its UTF-8 in the build's TextSpill


class TextSpill:
    """The written pages' search texts in an unnamed temporary file, read back one page at a time.

    Why: the index is written once every page is known, so each page's text waited in memory until
    then, in the build and again in the background child (12 KB a campaign: about 1.2 GB at
    100,000). The child inherits the file when it is forked and reads each text as it indexes it.
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile(prefix="xiaobao-search-")
        self.end = 0

    def put(self, source: PageSource) -> PageSource:
        if source.text is None:
            return source
        data = source.text.encode("utf-8")
        self.file.write(data)
        spilled, self.end = (self.end, len(data)), self.end + len(data)
        return replace(source, text=None, spilled=spilled)

    def flush(self) -> None:
        """Before the child forks: what the buffer holds must be in the file it reads."""
        self.file.flush()

    def __getstate__(self) -> dict:
        """A spawned child gets the file itself, opened anew through /proc (it has no name)."""
        return {"path": f"/proc/{os.getpid()}/fd/{self.file.fileno()}", "end": self.end}

    def __setstate__(self, state: dict) -> None:
        self.file = open(state["path"], "rb")
        self.end = state["end"]

    def text(self, spilled: tuple[int, int]) -> str:
        offset, length = spilled
        return os.pread(self.file.fileno(), length, offset).decode("utf-8") if length else ""


@dataclass(frozen=True)
class QuerySources:
    """What the query dictionary is made of besides the pages (see xiaobao.search.dictionary)."""

    synonyms: Synonyms = field(default_factory=Synonyms)
    names: tuple[str, ...] = ()  # topic and metric names
    topics: tuple[dict, ...] = ()  # {"l": label, "u": url, "d": description}: the no-result panel
    hotlines: tuple[dict, ...] = ()  # {"n": number, "l": label}


def page_text(title: str, html: str) -> str:
    """Searchable text of a page; without an h1 in the content, Material shows the title as one."""
    text = html_to_text(html)
    return text if "<h1" in html else f"{normalize(title)} {text}"


def headings(html: str) -> tuple[str, ...]:
    return tuple(h for h in (html_to_text(m.group(2)) for m in _HEADING.finditer(html)) if h)


def _indexed(s: Any, spill: TextSpill | None, text: bool = True) -> IndexedPage:
    """The page as the index reads it; text=False leaves its text out (rank, title and headings only)."""
    spilled = getattr(s, "spilled", None)  # a portal's entries have the shape of PageSource without it
    if spilled is not None and spill is not None:
        return IndexedPage(s.url, s.title, spill.text(spilled) if text else "", s.rank, s.headings)
    if s.text is not None:
        return IndexedPage(s.url, s.title, s.text, s.rank, s.headings)
    return IndexedPage(s.url, s.title, page_text(s.title, s.html) if text else "", s.rank,
                       headings(s.html) if s.rank < 3 else ())


class IndexedPages(Sequence):
    """The pages made from their sources when asked for, one at a time (a spilled text read then)."""

    def __init__(self, sources: list[PageSource], spill: TextSpill | None = None) -> None:
        self.sources, self.spill = sources, spill

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [_indexed(s, self.spill) for s in self.sources[i]]
        return _indexed(self.sources[i], self.spill)

    def light(self, i: int) -> IndexedPage:
        """Page i without its text."""
        return _indexed(self.sources[i], self.spill, text=False)


def indexed_pages(sources: list[PageSource], spill: TextSpill | None = None) -> IndexedPages:
    return IndexedPages(sources, spill)


def dictionary_for(pages: Sequence[IndexedPage], extra: QuerySources, cache: WordCache | None = None) -> dict:
    """d.json for these pages (a text is read only where the dictionary uses it; cut texts kept in cache)."""
    editors: list[str] = []
    titles: list[str] = []
    heads: list[str] = []
    campaigns: list[str] = []
    light = pages.light if isinstance(pages, IndexedPages) else pages.__getitem__
    for i in range(len(pages)):
        p = light(i)
        if p.rank < 2:
            editors.append(pages[i].text)
        if p.rank < 3:
            # Campaign titles count as campaign text (each page's text starts with its title), so that the
            # campaigns' own words stay within dictionary.CAMPAIGN_WORDS however many campaigns there are.
            titles.append(normalize(p.title))
            heads.extend(p.headings)
        elif p.rank == 3 and len(campaigns) < CAMPAIGN_SAMPLE:  # build_words cuts no more of them
            campaigns.append(pages[i].text)
    words = build_words(editors, titles + heads, campaigns, extra.synonyms, extra.names, cache)
    return query_data(words, domain_words(extra.synonyms, extra.names), extra.synonyms, list(extra.topics),
                      list(extra.hotlines))


def build_and_write(out_dir: Path, sources: list[PageSource], extra: QuerySources | None = None,
                    spill: TextSpill | None = None, cache: WordCache | None = None,
                    previous_dir: Path | None = None) -> None:
    """The index files, written a slice at a time (xiaobao.search.bounded: the same files as
    index.build_index, in a fraction of the memory); each page's text is made or read when indexed.
    previous_dir: the search folder of the site this build replaces, whose unchanged pages and
    shards are reused (with a cache: xiaobao.search.reuse)."""
    pages = indexed_pages(sources, spill)
    write_index_bounded(out_dir, pages, query=dictionary_for(pages, extra or QuerySources(), cache),
                        cache=cache, previous_dir=previous_dir)
