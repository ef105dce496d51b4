"""Words and their parts of speech around a figure, from jieba's dictionary.

jieba's own tagger (jieba.posseg) is slow here (2–3 ms a sentence, 2 s to load) and guesses
unknown words badly (支行/v, 知识/v); importing jieba costs another second. We only need to
know, next to a number, where a noun phrase ends. So the short windows beside each number are
cut the way jieba cuts (the most probable split by word counts) against jieba's own dictionary
(its words with counts and parts of speech, less the rarest longer ones), and our own lexicon
(xiaobao.importer.lexicon) speaks first. The dictionary's tags are cached as JSON (not pickle or marshal: a cache file is
untrusted input) in the user's cache folder, so a run after the first loads in half a second.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from xiaobao.importer import lexicon

_PUNCT = re.compile(r"^[\s，,。；;：:、！!？?（）()“”\"'‘’《》【】\[\]—\-…·/|｜]+$")
_LATIN = re.compile(r"[A-Za-z0-9.%％]+")
# Single characters that never belong inside a counted noun phrase.
_FUNCTION = set("的了着过和与及或并把被将从在于对向为给让使由以等也都均已再又还就才共约近超逾达有是")
_LONGEST = 6  # longer dictionary words (idioms, names) are rare beside a number


def _dictionary() -> Path | None:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).with_name("dict.txt")
    return path if path.is_file() else None


def _coarse(tag: str) -> str:
    """jieba's tag → n (noun-like), v (verb), f (function word), m (number)."""
    if tag.startswith(("n", "vn", "b", "s")) or tag in ("an", "j"):
        return "n"
    if tag.startswith("v"):
        return "v"
    if tag.startswith("m"):
        return "m"
    return "f"


def _cache_file(source: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    stat = source.stat()
    return base / "xiaobao" / f"jieba-words-v5-{stat.st_size}-{int(stat.st_mtime)}.json"


def _build(source: Path) -> dict[str, dict[str, int]]:
    """{coarse tag: {word: count}} from jieba's dict.txt (word, count, tag per line)."""
    groups: dict[str, dict[str, int]] = {}
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3 and len(parts[0]) <= _LONGEST and parts[1].isdigit():
                if int(parts[1]) <= 3 and len(parts[0]) > 2:
                    continue  # the rarest longer words (names, idioms: half the list) only slow the load
                groups.setdefault(_coarse(parts[2]), {})[parts[0]] = int(parts[1])
    return groups


def _valid(data: object) -> bool:
    return isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, dict) for k, v in data.items())


def _load_groups(source: Path) -> dict[str, dict[str, int]]:
    """The dictionary's words and counts grouped by coarse tag, from the cache when it is there."""
    cache = _cache_file(source)
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if _valid(data):
            return data
    except (OSError, ValueError):
        pass
    groups = _build(source)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache.parent, delete=False, suffix=".tmp") as out:
            json.dump(groups, out, ensure_ascii=False)
        os.replace(out.name, cache)
    except OSError:
        pass  # no writable cache folder: build again next time
    return groups


class _Dictionary:
    """Word counts and coarse tags; our lexicon's words are added as frequent nouns and verbs."""

    def __init__(self, groups: dict[str, dict[str, int]]) -> None:
        ours: dict[str, int] = {}
        for word in lexicon.HEAD_TABLE:
            ours[word] = 20000  # our words are never cut apart
        for word in lexicon.VERB_TABLE:
            ours[word] = 20000
        for word in ("户次", "人次", "家次", "场次"):
            ours[word] = 50000
        for word in lexicon.EXTRA_NOUNS:
            ours[word] = max(ours.get(word, 0), 20000)
        self.groups = groups
        self.counts: dict[str, int] = {}
        for words in groups.values():
            self.counts.update(words)
        for word, count in ours.items():
            self.counts[word] = max(self.counts.get(word, 0), count)
        self.log_total = math.log(sum(self.counts.values()) or 1)

    def tag(self, word: str) -> str | None:
        for name, words in self.groups.items():
            if word in words:
                return name
        return None

    def log(self, word: str) -> float | None:
        count = self.counts.get(word)
        return None if count is None else math.log(count) - self.log_total


@lru_cache(maxsize=1)
def _dictionary_data() -> _Dictionary:
    source = _dictionary()
    return _Dictionary(_load_groups(source) if source is not None else {})


def tag(word: str) -> str:
    """'n' noun, 'v' verb, 'x' punctuation, 'f' function word, 'm' number, '?' unknown; lexicon first."""
    if _PUNCT.match(word):
        return "x"
    if re.fullmatch(r"[\d.,xX×]+|[零〇一二两三四五六七八九十百千万亿余多]+", word):
        return "m"
    if word in lexicon.VERB_TABLE:
        return "v"  # 检查, 咨询, 调解 are verbs first: 检查门店86家, 接待群众咨询1000人次
    if word in lexicon.HEAD_TABLE or word in lexicon.EXTRA_NOUNS:
        return "n"
    if len(word) == 1 and word in _FUNCTION:
        return "f"
    return _dictionary_data().tag(word) or "?"


def cut(text: str) -> list[tuple[str, str]]:
    """(word, tag) for a short stretch of text: the most probable split into dictionary words
    (jieba's own method without its guesser for unknown words: 上|金融|课, not 上金|融|课)."""
    data = _dictionary_data()
    pieces: list[str] = []
    for chunk in _LATIN_SPLIT.split(text):
        if not chunk:
            continue
        if _LATIN.fullmatch(chunk):
            pieces.append(chunk)
        else:
            pieces.extend(_best_split(chunk, data))
    return _agent_nouns([(word, tag(word)) for word in pieces])


# Bound suffixes that make an agent noun of the word before them (快递|员 → 快递员, 受骗|者 → 受骗者):
# they never stand alone, so the pair is one noun naming people, whatever the dictionary lacks.
_AGENT_SUFFIXES = ("员", "者")


def _agent_nouns(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for word, tag_ in tokens:
        if word in _AGENT_SUFFIXES and out and out[-1][1] in ("n", "v", "?") and re.match(r"[\u4e00-\u9fff]", out[-1][0]):
            out[-1] = (out[-1][0] + word, "n")
            continue
        out.append((word, tag_))
    return out


_LATIN_SPLIT = re.compile(r"([A-Za-z0-9.%％]+)")
_UNKNOWN = math.log(1e-8)  # a single character not in the dictionary


def _best_split(text: str, data: _Dictionary) -> list[str]:
    """Dynamic programming from the right, as jieba does: max sum of log probabilities."""
    n = len(text)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = (-math.inf, i + 1)
        for j in range(i + 1, min(n, i + _LONGEST) + 1):
            word = text[i:j]
            score = data.log(word)
            if score is None:
                if j > i + 1:
                    continue
                score = _UNKNOWN
            total = score + best[j][0]
            if total > choice[0]:
                choice = (total, j)
        best[i] = choice
    out, i = [], 0
    while i < n:
        j = best[i][1]
        out.append(text[i:j])
        i = j
    return out


def warm() -> None:
    """Load the dictionary now (benchmarks time the import, not the first call)."""
    _dictionary_data()
