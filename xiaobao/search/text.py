"""Text normalisation shared, rule for rule, with docs/assets/js/search.js.

Both sides must agree exactly, or the index and the browser would disagree about what a page
contains. Keep every rule here mirrored in search.js (functions `normalize`, `isWordCp`, `keysOf`;
codec.fnv1a is `hashKey`); tests/test_search_parity.py runs both on every BMP code point.
Folding and white space come from explicit tables (fold.py), not from either runtime's Unicode data.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from xiaobao.search import fold
from xiaobao.search.fold import WHITESPACE

# Scripts, styles, templates and comments are dropped with their content. Only the openings are
# patterns; each end is looked for once with str.find or a fixed pattern, and an element without an
# end is remembered, so a page of 100,000 unclosed "<script" reads in linear time (as
# `<(script|style|template)\b.*?</\1\s*>|<!--.*?-->` did not).
_DROP_OPEN = re.compile(r"<(script|style|template)\b|<!--", re.I)
# Block-level tags end a run of text: "<td>12</td><td>315</td>" must not read as "12315".
_BLOCK_OPEN = re.compile(r"</?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|h[1-6]|br|hr|section|article|"
                         r"blockquote|pre|figure|figcaption|details|summary|nav|header|footer|aside)\b", re.I)
_ANY_OPEN = re.compile("<")

# Elements carrying this attribute are left out of the index with everything inside them: campaign
# listings, totals and topic cards repeat what other pages say, and would make a page match a query
# only because a listed campaign mentions it. Set in xiaobao/templates. Nothing to mirror in search.js:
# the browser reads the text stored in the index and never extracts text from HTML.
SKIP_ATTR = "data-xb-noindex"
_SKIP_NAME = re.compile(re.escape(SKIP_ATTR), re.I)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
_NAME, _VALUE = r"""[^\s"'<>/=]+""", r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?"""
_START_TAG = re.compile(f"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\\s+{_NAME}{_VALUE})*)\\s*(/?)>")
_ATTR_NAME = re.compile(f"({_NAME}){_VALUE}")  # findall: the attribute names of a start tag

# Non-word ranges: punctuation and symbols that never join a bigram. Everything else counts as a
# character of a word (CJK, letters, digits). Mirrored in search.js `isWordCp`.
_NON_WORD_RANGES = ((0x00A0, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x2000, 0x206F),
                    (0x2190, 0x2BFF), (0x3000, 0x303F), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F),
                    (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))


def _class(chars: Iterable[str]) -> str:
    """A regex character class body for chars, as ranges: \\u4e00-\\u9fff."""
    points, parts = sorted(map(ord, chars)), []
    start = prev = None
    for cp in points + [None]:
        if start is not None and cp == prev + 1:
            prev = cp
            continue
        if start is not None:
            parts.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev != start else ""))
        start = prev = cp
    return "".join(parts)


_WS = re.compile(f"[{_class(WHITESPACE)}]+")


@lru_cache(maxsize=1)
def _folding() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters fold.json changes, as one pattern (a regex finds them faster than translate)."""
    table = {chr(cp): out for cp, out in fold.table().items()}
    return re.compile(f"[{_class(table)}]"), table


def fold_text(text: str) -> str:
    """Each character through fold.json: NFKC and lower case of the character alone."""
    pattern, table = _folding()
    return pattern.sub(lambda m: table[m.group()], text)


def normalize(text: str) -> str:
    """Folded (full-width ＡＢＣ１２３ become abc123), white space runs become one space, trimmed."""
    return _WS.sub(" ", fold_text(text)).strip(" ")


_WORD_CLASS = ("".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _NON_WORD_RANGES) + _class(WHITESPACE)
               + "\U00010000-\U0010ffff")
_RUN = re.compile(f"[^\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f{_WORD_CLASS}]+")
NON_WORD = re.compile(f"[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f{_WORD_CLASS}]")


def word_runs(text: str) -> list[str]:
    """Maximal runs of word characters; bigrams never cross punctuation or spaces."""
    return _RUN.findall(text)


def keys_of(word: str) -> list[tuple[str, int]]:
    """Index keys looked up for a query word, with their offset in the word.

    A run of one character is its own key; a longer run is covered by non-overlapping bigrams
    (消费 者权 益保 护法): half the shards of every bigram, and the exact check in the text
    removes what the looser filter lets through. The offset tells where an occurrence can start.
    """
    keys: dict[str, int] = {}
    for match in _RUN.finditer(word):
        run, at = match.group(), match.start()
        if len(run) == 1:
            keys.setdefault(run, at)
        starts = list(range(0, len(run) - 1, 2))
        if len(run) > 1 and starts[-1] != len(run) - 2:
            starts.append(len(run) - 2)
        for i in starts:
            keys.setdefault(run[i:i + 2], at + i)
    return list(keys.items())


def query_words(query: str) -> list[str]:
    """A query is space-separated words; each must occur in a page, as written."""
    return [w for w in normalize(query).split(" ") if w]


@lru_cache(maxsize=64)
def _same_tag(name: str) -> re.Pattern[str]:
    """The opening of start and end tags of one element name (group 1 is "/" for an end tag)."""
    return re.compile(f"<(/?){re.escape(name)}(?=[\\s/>])", re.I)


@lru_cache(maxsize=8)
def _end_of(name: str) -> re.Pattern[str]:
    """The end tag of a dropped element: </script >."""
    return re.compile(f"</{name}\\s*>", re.I)


def _tags(text: str, opening: re.Pattern[str], start: int = 0) -> Iterator[tuple[re.Match[str], int]]:
    """Each tag whose start `opening` finds, with the end of the tag (after the first ">" that follows).

    The same tags as `opening` followed by `[^>]*>`, in linear time: once no ">" follows a tag's
    start, none follows a later one, so the search stops instead of rescanning to the end each time.
    """
    at = start
    while (match := opening.search(text, at)) is not None:
        close = text.find(">", match.end())
        if close < 0:
            return
        yield match, close + 1
        at = close + 1


def _replace_tags(text: str, opening: re.Pattern[str], by: str) -> str:
    """text with each tag of `_tags` replaced by `by`."""
    out, done = [], 0
    for match, end in _tags(text, opening):
        out += (text[done:match.start()], by)
        done = end
    out.append(text[done:])
    return "".join(out)


def _drop_hidden(fragment: str) -> str:
    """Scripts, styles, templates and comments out, each replaced by a space (as _DROP_OPEN says)."""
    out, done, at, endless = [], 0, 0, set()
    while (match := _DROP_OPEN.search(fragment, at)) is not None:
        name = (match.group(1) or "!--").lower()
        end = -1
        if name not in endless:
            if name == "!--":
                found = fragment.find("-->", match.end())
                end = found + 3 if found >= 0 else -1
            else:
                closing = _end_of(name).search(fragment, match.end())
                end = closing.end() if closing else -1
            if end < 0:
                endless.add(name)  # no end after this start: none after a later one either
        if end < 0:
            at = match.start() + 1
            continue
        out += (fragment[done:match.start()], " ")
        done = at = end
    out.append(fragment[done:])
    return "".join(out)


def _marked_start(fragment: str, at: int, starts: dict[int, re.Match[str] | None]) -> re.Match[str] | None:
    """The start tag whose attributes include the SKIP_ATTR found at `at`, or None.

    The name may as well stand in text, a comment or another attribute's value; those do not count.
    `starts` keeps each tag read, so a tag naming the marker many times is read once.
    """
    lt = fragment.rfind("<", 0, at)
    if lt not in starts:
        starts[lt] = _START_TAG.match(fragment, lt) if lt >= 0 else None
    match = starts[lt]
    if match is None or match.end() <= at:
        return None
    names = _ATTR_NAME.findall(match.group(2))
    return match if SKIP_ATTR in (name.lower() for name in names) else None


def _matching_ends(fragment: str, name: str) -> tuple[list[int], dict[int, int | None]]:
    """The starts of every tag of `name` in the fragment, in order, and for each start tag where its
    element ends (None without an end tag).

    One pass with a stack over the start and end tags of that name alone (so lists in lists and divs
    in divs nest): an element ends at the first end tag where the tags after its start stop being
    balanced, which is where counting depth from its start stops.
    """
    starts: list[int] = []
    ends: dict[int, int | None] = {}
    open_tags: list[int] = []
    for tag, end in _tags(fragment, _same_tag(name)):
        starts.append(tag.start())
        if not tag.group(1):
            ends[tag.start()] = None
            open_tags.append(tag.start())
        elif open_tags:
            ends[open_tags.pop()] = end
    return starts, ends


def _element_end(fragment: str, start: re.Match[str], cache: dict[str, tuple]) -> int | None:
    """End of the element that `start` opens (after its matching end tag); None without one.

    Counts only start and end tags of the same name; each name's tags are read once per fragment
    (`cache`), so a page of thousands of unclosed marked elements is read in linear time. A start tag
    with a tag of its own name inside its attribute values counts as unclosed: it loses its tag only.
    """
    name = start.group(1).lower()
    if name in _VOID or start.group(3):
        return start.end()
    if name not in cache:
        cache[name] = _matching_ends(fragment, name)
    starts, ends = cache[name]
    after = bisect.bisect_right(starts, start.start())
    if start.start() not in ends or (after < len(starts) and starts[after] < start.end()):
        return None
    return ends[start.start()]


def drop_unindexed(fragment: str) -> str:
    """The fragment without the elements marked SKIP_ATTR, each replaced by a line break.

    A marked element without a matching end tag loses its start tag only: malformed HTML must not
    cost the page the rest of its text.
    """
    out: list[str] = []
    done = 0  # fragment[:done] is decided
    starts: dict[int, re.Match[str] | None] = {}
    ends: dict[str, tuple] = {}
    hit = _SKIP_NAME.search(fragment)
    while hit:
        start = _marked_start(fragment, hit.start(), starts)
        if start is not None and start.start() >= done:
            end = _element_end(fragment, start, ends)
            out += (fragment[done:start.start()], "\n")
            done = start.end() if end is None else end
        hit = _SKIP_NAME.search(fragment, max(hit.end(), done))
    out.append(fragment[done:])
    return "".join(out)


def html_to_text(fragment: str) -> str:
    """Plain text of rendered page HTML, as a reader sees it, normalised; marked parts left out."""
    text = drop_unindexed(_drop_hidden(fragment))
    text = _replace_tags(text, _BLOCK_OPEN, "\n")
    text = _replace_tags(text, _ANY_OPEN, "")
    return normalize(html.unescape(text))
