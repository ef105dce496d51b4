"""Words and their parts of speech around a figure, from jieba's dictionary.

jieba's own tagger (jieba.posseg) is slow here (2–3 ms a sentence, 2 s to load) and guesses
unknown words badly (支行/v, 知识/v); importing jieba costs another second. We only need to
know, next to a number, where a noun phrase ends. So the short windows beside each number are
cut by forward maximum matching against jieba's dictionary (349,046 words with their parts of
speech, the same list jieba cuts with), and our own lexicon (xiaobao.importer.lexicon) speaks
first. The dictionary's tags are cached as JSON (not pickle or marshal: a cache file is
untrusted input) in the user's cache folder, so a run after the first loads in half a second.
"""

from __future__ import annotations

import importlib.util
import json
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
    return base / "xiaobao" / f"jieba-tags-v2-{stat.st_size}-{int(stat.st_mtime)}.json"


def _build(source: Path) -> dict[str, str]:
    groups: dict[str, list[str]] = {}
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3 and len(parts[0]) <= _LONGEST:
                groups.setdefault(_coarse(parts[2]), []).append(parts[0])
    return {tag: "\n".join(words) for tag, words in groups.items()}


def _load_groups(source: Path) -> dict[str, str]:
    """The dictionary's words grouped by coarse tag, from the cache when it is there."""
    cache = _cache_file(source)
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
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


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    source = _dictionary()
    if source is not None:
        for tag, words in _load_groups(source).items():
            for word in words.split("\n"):
                table[word] = tag
    for word in lexicon.HEAD_TABLE:
        table[word] = "n"
    for word in lexicon.VERB_TABLE:
        if word not in lexicon.HEAD_TABLE:
            table[word] = "v"
    for word in ("户次", "人次", "家次", "场次"):
        table[word] = "n"
    return table


def tag(word: str) -> str:
    """'n' noun, 'v' verb, 'x' punctuation, 'f' function word, 'm' number, '?' unknown; lexicon first."""
    if _PUNCT.match(word):
        return "x"
    if re.fullmatch(r"[\d.,xX×]+|[零〇一二两三四五六七八九十百千万亿余多]+", word):
        return "m"
    if word in lexicon.HEAD_TABLE:
        return "n"
    if word in lexicon.VERB_TABLE:
        return "v"
    if len(word) == 1 and word in _FUNCTION:
        return "f"
    return _table().get(word, "?")


def cut(text: str) -> list[tuple[str, str]]:
    """(word, tag) for a short stretch of text: the longest dictionary word at each point."""
    table = _table()
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        latin = _LATIN.match(text, i)
        if latin:
            out.append((latin.group(0), tag(latin.group(0))))
            i = latin.end()
            continue
        for size in range(min(_LONGEST, len(text) - i), 1, -1):
            word = text[i: i + size]
            if word in table:
                break
        else:
            word = text[i]
        out.append((word, tag(word)))
        i += len(word)
    return out


def warm() -> None:
    """Load the dictionary now (benchmarks time the import, not the first call)."""
    _table()
