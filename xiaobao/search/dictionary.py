"""The query dictionary the browser segments questions with, built from the site's own words.

Why built here and not shipped as a general dictionary: a general Chinese dictionary is megabytes;
the site speaks about a few thousand words, and a question can only be answered with words the
pages hold. Sources: words of the editors' pages, of every title and heading (cut with jieba),
of a sample of campaign texts, the topic and metric names, the curated lexicon and both sides
of the synonyms. The browser downloads it once, with the first query.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from xiaobao.search import fold
from xiaobao.search.lexicon import LEXICON, STOPWORDS
from xiaobao.search.synonyms import Synonyms
from xiaobao.search.text import normalize

MAX_WORDS = 4000  # about 25 KB: the dictionary rides on the first query only
MAX_LEN = 8
CAMPAIGN_SAMPLE = 300  # campaign texts cut with jieba: enough for their vocabulary, bounded at 10,000 pages
_USEFUL = re.compile(r"^(?:[\u3400-\u9fff]{2,8}|[a-z][a-z0-9]{1,15}|[0-9]{3,6})$")


def _cut(texts: Iterable[str]) -> Counter[str]:
    """Document frequency of the words jieba finds in the texts."""
    import jieba

    jieba.setLogLevel(60)
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in jieba.cut(text) if _USEFUL.match(w)})
    return counts


def domain_words(synonyms: Synonyms, names: Iterable[str]) -> set[str]:
    """The curated words: lexicon, topic and metric names, both sides of the synonyms.

    The browser weighs them above other dictionary words: in 已结清的征信记录保留多久, 征信记录
    says what the question is about, 保留 and 时间 do not.
    """
    fixed = {normalize(w) for w in (*LEXICON, *names)}
    for everyday, targets in synonyms.words.items():
        fixed.add(everyday)
        fixed.update(targets)
    return {w for w in fixed if 1 < len(w) <= MAX_LEN * 2 and " " not in w}


def build_words(editor_texts: list[str], headings: list[str], campaign_texts: list[str],
                synonyms: Synonyms, names: Iterable[str]) -> list[str]:
    """Sorted dictionary words: curated words always, then the site's by frequency, up to MAX_WORDS."""
    stop = set(STOPWORDS)
    fixed = domain_words(synonyms, names)
    counts = _cut(editor_texts + headings)
    counts.update({w: n for w, n in _cut(campaign_texts[:CAMPAIGN_SAMPLE]).items() if n >= 2})
    ranked = sorted((w for w in counts if w not in fixed and w not in stop and len(w) <= MAX_LEN),
                    key=lambda w: (-counts[w], w))
    return sorted(fixed | set(ranked[:max(0, MAX_WORDS - len(fixed))]))


def query_data(words: list[str], domain: set[str], synonyms: Synonyms, topics: list[dict],
               hotlines: list[dict]) -> dict:
    """What search.js needs to understand a question and to avoid a dead end (the file d.json)."""
    return {
        "f": fold.entries(),
        "w": " ".join(words),
        "k": " ".join(sorted(domain)),
        "s": synonyms.words,
        "q": " ".join(STOPWORDS),
        "t": topics,
        "h": hotlines,
    }
