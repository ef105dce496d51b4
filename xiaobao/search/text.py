"""Text normalisation shared, rule for rule, with docs/assets/js/search.js.

Both sides must agree exactly, or the index and the browser would disagree about what a page
contains. Keep every rule here mirrored in search.js (functions `normalize`, `isWordChar`, `keysOf`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_WS = re.compile(r"\s+")
_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
# Block-level tags end a run of text: "<td>12</td><td>315</td>" must not read as "12315".
_BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|h[1-6]|br|hr|section|article|"
                    r"blockquote|pre|figure|figcaption|details|summary|nav|header|footer|aside)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")

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
# character of a word (CJK, letters, digits). Mirrored in search.js `isWordChar`.
_NON_WORD_RANGES = ((0x00A0, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x2000, 0x206F),
                    (0x2190, 0x2BFF), (0x3000, 0x303F), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F),
                    (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))


# NFKC without unicodedata.normalize for the characters of Chinese web text. For these ranges NFKC
# maps each character on its own (no combining marks, no jamo, nothing composes across characters),
# so a lookup of the few that change gives the same result; any other character in a text sends the
# whole text through unicodedata. Why: normalize() is 3-4 s of every search index at 10,000 pages.
_FAST_RANGES = ((0x0000, 0x00FF), (0x2000, 0x206F), (0x2190, 0x22FF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                (0xFF00, 0xFFEF))


def _fast_table() -> tuple[set[str], dict[str, str]]:
    """Characters safe to map one by one, and the mapping of those NFKC changes."""
    safe, changed = set(), {}
    for lo, hi in _FAST_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if not unicodedata.decomposition(ch) and not unicodedata.combining(ch):
                safe.add(ch)  # nothing to decompose: NFKC leaves it as it is
                continue
            out = unicodedata.normalize("NFKC", ch)
            if unicodedata.combining(ch) or not all(_in_fast_ranges(o) and not unicodedata.combining(o) for o in out):
                continue
            safe.add(ch)
            if out != ch:
                changed[ch] = out
    return safe, changed


def _in_fast_ranges(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in _FAST_RANGES)


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


@lru_cache(maxsize=1)
def _fast_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Made on first use (0.2 s), not at import."""
    safe, changed = _fast_table()
    return re.compile(f"[^{_class(safe)}]"), re.compile(f"[{_class(changed)}]"), changed


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), quicker for text made only of the _FAST_RANGES characters."""
    unsafe, changing, changed = _fast_patterns()
    if unsafe.search(text):
        return unicodedata.normalize("NFKC", text)
    return changing.sub(lambda m: changed[m.group()], text)


def normalize(text: str) -> str:
    """NFKC (full-width ＡＢＣ１２３ become ABC123), lower case, whitespace runs become one space."""
    return _WS.sub(" ", nfkc(text).lower()).strip()


def is_word_char(ch: str) -> bool:
    """ASCII letters and digits, and any non-ASCII character outside the punctuation ranges."""
    cp = ord(ch)
    if cp > 0xFFFF:  # outside the BMP: the index works on UTF-16 units (search.js does the same)
        return False
    if cp < 0x80:
        return ch.isascii() and ch.isalnum()
    return not any(lo <= cp <= hi for lo, hi in _NON_WORD_RANGES)


_WORD_CLASS = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _NON_WORD_RANGES) + "\U00010000-\U0010ffff"
_RUN = re.compile(f"[^\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f{_WORD_CLASS}\\s]+")
NON_WORD = re.compile(f"[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f{_WORD_CLASS}\\s]")


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
    """Start and end tags of one element name (group 1 is "/" for an end tag)."""
    return re.compile(f"<(/?){re.escape(name)}(?=[\\s/>])[^>]*>", re.I)


def _marked_start(fragment: str, at: int) -> re.Match[str] | None:
    """The start tag whose attributes include the SKIP_ATTR found at `at`, or None.

    The name may as well stand in text, a comment or another attribute's value; those do not count.
    """
    lt = fragment.rfind("<", 0, at)
    match = _START_TAG.match(fragment, lt) if lt >= 0 else None
    if match is None or match.end() <= at:
        return None
    names = _ATTR_NAME.findall(match.group(2))
    return match if SKIP_ATTR in (name.lower() for name in names) else None


def _element_end(fragment: str, start: re.Match[str]) -> int | None:
    """End of the element that `start` opens (after its matching end tag); None without one.

    Counts only start and end tags of the same name, so lists in lists and divs in divs nest.
    """
    name = start.group(1).lower()
    if name in _VOID or start.group(3):
        return start.end()
    depth = 1
    for tag in _same_tag(name).finditer(fragment, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None


def drop_unindexed(fragment: str) -> str:
    """The fragment without the elements marked SKIP_ATTR, each replaced by a line break.

    A marked element without a matching end tag loses its start tag only: malformed HTML must not
    cost the page the rest of its text.
    """
    out: list[str] = []
    done = 0  # fragment[:done] is decided
    hit = _SKIP_NAME.search(fragment)
    while hit:
        start = _marked_start(fragment, hit.start())
        if start is not None and start.start() >= done:
            end = _element_end(fragment, start)
            out += (fragment[done:start.start()], "\n")
            done = start.end() if end is None else end
        hit = _SKIP_NAME.search(fragment, max(hit.end(), done))
    out.append(fragment[done:])
    return "".join(out)


def html_to_text(fragment: str) -> str:
    """Plain text of rendered page HTML, as a reader sees it, normalised; marked parts left out."""
    text = drop_unindexed(_DROP.sub(" ", fragment))
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    return normalize(html.unescape(text))
