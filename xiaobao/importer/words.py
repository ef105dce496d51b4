"""Words and their parts of speech around a figure, from jieba's dictionary.

jieba's HMM tagger (jieba.posseg.cut) is slow here (2–3 ms a sentence) and guesses unknown
words badly (支行/v, 知识/v), so we cut without the HMM and read each word's tag from jieba's
dictionary; our own lexicon (xiaobao.importer.lexicon) speaks first. Only short windows next
to a number are cut, so a report costs milliseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xiaobao.importer import lexicon

_PUNCT = re.compile(r"^[\s，,。；;：:、！!？?（）()“”\"'‘’《》【】\[\]—\-…·/]+$")
# Single characters that never belong inside a counted noun phrase.
_FUNCTION = set("的了着过和与及或并把被将从在于对向为给让使由以等也都均已再又还就才共约近超逾达有是")


@lru_cache(maxsize=1)
def _tagger():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
    jieba.initialize()
    for word in lexicon.HEAD_TABLE:
        if len(word) > 1:
            jieba.add_word(word, 20000)
    for word in lexicon.VERB_TABLE:
        if len(word) > 1:
            jieba.add_word(word, 20000)
    for word in ("户次", "人次", "家次", "场次"):
        jieba.add_word(word, 50000)
    return jieba, jieba.posseg.dt.word_tag_tab


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
    found = _tagger()[1].get(word)
    if found is None:
        return "?"
    if found.startswith(("n", "vn", "b", "s")) or found in ("an", "j"):
        return "n"
    if found.startswith("v"):
        return "v"
    if found.startswith(("p", "c", "u", "d", "r", "y", "e", "o", "z", "t", "f", "q", "a")):
        return "f"
    if found.startswith("m"):
        return "m"
    return "?"


def cut(text: str) -> list[tuple[str, str]]:
    """(word, tag) for a short stretch of text."""
    jieba = _tagger()[0]
    return [(w, tag(w)) for w in jieba.lcut(text, HMM=False) if w]


def warm() -> None:
    """Load the dictionary now (benchmarks time the import, not the first call)."""
    _tagger()
