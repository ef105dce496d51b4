"""The search index as one background task (see xiaobao.pipeline.background for why it runs there)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from xiaobao.search.dictionary import build_words, domain_words, query_data
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


def indexed_pages(sources: list[PageSource]) -> list[IndexedPage]:
    return [IndexedPage(s.url, s.title, s.text, s.rank, s.headings) if s.text is not None else
            IndexedPage(s.url, s.title, page_text(s.title, s.html), s.rank, headings(s.html) if s.rank < 3 else ())
            for s in sources]


def dictionary_for(pages: list[IndexedPage], extra: QuerySources) -> dict:
    """d.json for these pages."""
    editors = [p.text for p in pages if p.rank < 2]
    # Campaign titles count as campaign text (each page's text starts with its title), so that the
    # campaigns' own words stay within dictionary.CAMPAIGN_WORDS however many campaigns there are.
    heads = [normalize(p.title) for p in pages if p.rank < 3] + [h for p in pages if p.rank < 3 for h in p.headings]
    campaigns = [p.text for p in pages if p.rank == 3]
    words = build_words(editors, heads, campaigns, extra.synonyms, extra.names)
    return query_data(words, domain_words(extra.synonyms, extra.names), extra.synonyms, list(extra.topics),
                      list(extra.hotlines))


def build_and_write(out_dir: Path, sources: list[PageSource], extra: QuerySources | None = None) -> None:
    """The index files, written a slice at a time (xiaobao.search.bounded: the same files as
    index.build_index, in a fraction of the memory)."""
    pages = indexed_pages(sources)
    write_index_bounded(out_dir, pages, query=dictionary_for(pages, extra or QuerySources()))
