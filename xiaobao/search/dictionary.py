"""The query dictionary the browser segments questions with, built from the site's own words.

Why built here and not shipped as a general dictionary: a general Chinese dictionary is megabytes;
the site speaks about a few thousand words, and a question can only be answered with words the
pages hold. Sources: words of the editors' pages, of every title and heading (cut with jieba),
of a sample of campaign texts, the topic and metric names, the curated lexicon and both sides
of the synonyms. The browser downloads it only when a query needs it (see query_files).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from xiaobao.search import fold
from xiaobao.search.lexicon import LEXICON, STOPWORDS
from xiaobao.search.synonyms import Synonyms, all_targets
from xiaobao.search.text import normalize

MAX_WORDS = 4000  # about 25 KB: the dictionary rides on the first query only
MAX_LEN = 8
CAMPAIGN_SAMPLE = 300  # campaign texts cut with jieba: enough for their vocabulary, bounded at 10,000 pages
# Words only campaigns use (places, organisations): they help cut a question, but at 10,000 campaigns
# they filled the dictionary (2,300 of 4,000 words), which rides on a reader's first question.
CAMPAIGN_WORDS = 600
_USEFUL = re.compile(r"^(?:[\u3400-\u9fff]{2,8}|[a-z][a-z0-9]{1,15}|[0-9]{3,6})$")


class WordCache(Protocol):
    """What _cut keeps its cuts in (xiaobao.cache.store.Store: by content, between builds)."""

    def get(self, kind: str, key: str) -> bytes | None: ...

    def put(self, kind: str, key: str, data: bytes) -> None: ...


def _words(text: str) -> set[str]:
    import jieba

    jieba.setLogLevel(60)
    return {w for w in jieba.cut(text) if _USEFUL.match(w)}


def _cached_words(text: str, cache: WordCache) -> set[str]:
    """The text's useful words, from the cache when this text was cut before.

    Why: cutting the editors' pages, the headings and the campaign sample with jieba is the largest
    single cost of a rebuild where one campaign changed (14 of 44 profiled seconds at 2,000
    campaigns, plus 1.4 s loading jieba's dictionary); the words depend on the text alone (jieba's
    version and the code are in the cache's version).
    """
    from xiaobao.cache.store import digest

    key = digest("cut", text)
    found = cache.get("cut", key)
    if found is not None:
        return set(found.decode("utf-8").split("\n")) - {""}
    words = _words(text)
    cache.put("cut", key, "\n".join(sorted(words)).encode("utf-8"))
    return words


def _cut(texts: Iterable[str], cache: WordCache | None = None) -> Counter[str]:
    """Document frequency of the words jieba finds in the texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_words(text) if cache is None else _cached_words(text, cache))
    return counts


def domain_words(synonyms: Synonyms, names: Iterable[str]) -> set[str]:
    """The curated words: lexicon, topic and metric names, both sides of the synonyms.

    The browser weighs them above other dictionary words: in 已结清的征信记录保留多久, 征信记录
    says what the question is about, 保留 and 时间 do not.
    """
    fixed = {normalize(w) for w in (*LEXICON, *names)}
    fixed.update(synonyms.everyday())
    fixed.update(all_targets(synonyms))
    for rules in synonyms.context.values():
        for context, _ in rules:
            fixed.update(context)
    return {w for w in fixed if 1 < len(w) <= MAX_LEN * 2 and " " not in w}


def build_words(editor_texts: list[str], headings: list[str], campaign_texts: list[str],
                synonyms: Synonyms, names: Iterable[str], cache: WordCache | None = None) -> list[str]:
    """Sorted dictionary words: curated words always, then the site's by frequency, up to MAX_WORDS,
    of which at most CAMPAIGN_WORDS only campaigns use (never bare numbers: search.js keeps a number
    of three digits or more as a word anyway)."""
    stop = set(STOPWORDS)
    fixed = domain_words(synonyms, names)
    counts = _cut(editor_texts + headings, cache)
    campaigns = {w: n for w, n in _cut(campaign_texts[:CAMPAIGN_SAMPLE], cache).items() if n >= 2}
    only_campaigns = sorted((w for w in campaigns if w not in counts and not w.isdigit()),
                            key=lambda w: (-campaigns[w], w))[:CAMPAIGN_WORDS]
    counts.update({w: n for w, n in campaigns.items() if w in counts or w in only_campaigns})
    ranked = sorted((w for w in counts if w not in fixed and w not in stop and len(w) <= MAX_LEN),
                    key=lambda w: (-counts[w], w))
    return sorted(fixed | set(ranked[:max(0, MAX_WORDS - len(fixed))]))


def front_coded(words: Iterable[str], domain: set[str]) -> str:
    """The sorted words, each written as how many characters it shares with the one before (0-9)
    and the rest; a curated (domain) word has its count as a letter instead (a-j).

    Why: the dictionary rides on a reader's first question; sorted Chinese words mostly share their
    first character, and this cuts the list by about a quarter. search.js `dictionary` decodes it.
    """
    out, prev = [], ""
    for word in sorted(set(words) | domain):
        shared = 0
        while (shared < min(len(word), len(prev), 9) and word[shared] == prev[shared]
               and ord(word[shared]) < 0x10000):  # search.js counts UTF-16 units
            shared += 1
        out.append((chr(97 + shared) if word in domain else str(shared)) + word[shared:])
        prev = word
    return " ".join(out)


def compact_synonyms(synonyms: Synonyms) -> dict:
    """The synonyms as d.json carries them: `y` every site word once, `s` "word=i,j word=k …" (indices
    into y), `c` {word: [[context words, [indices]], …]}. search-rules.js `dictionary` reads them back.

    Why not plain JSON: the synonyms are the largest part of d.json, which rides on every reader's
    first question, and a few site words (假币, 非法集资, 三倍赔偿) are the targets of most of them.
    """
    targets = all_targets(synonyms)
    index = {t: i for i, t in enumerate(targets)}
    out: dict = {"y": targets,
                 "s": " ".join(f"{word}={','.join(str(index[t]) for t in ts)}" for word, ts in synonyms.words.items())}
    if synonyms.context:
        out["c"] = {word: [[ctx, [index[t] for t in ts]] for ctx, ts in rules] for word, rules in synonyms.context.items()}
    if synonyms.outside:  # subjects the site does not cover: a question about one is told so
        out["o"] = " ".join(synonyms.outside)
    if synonyms.outside_lines:  # and where to ask instead: [number, name, "subject subject …"]
        out["p"] = [[number, label, " ".join(words)] for number, label, words in synonyms.outside_lines]
    return out


def synonym_words(synonyms: Synonyms) -> set[str]:
    """Every word the synonyms ship (everyday, site and context words): search-rules.js adds them to
    the dictionary as curated words, so the word list `w` need not repeat them."""
    out = set(synonyms.everyday()) | set(all_targets(synonyms)) | set(synonyms.outside)
    for rules in synonyms.context.values():
        for context, _ in rules:
            out.update(context)
    return out


def query_data(words: list[str], domain: set[str], synonyms: Synonyms, topics: list[dict],
               hotlines: list[dict]) -> dict:
    """What search-rules.js needs to understand a question and to avoid a dead end (d.json, and
    the stop words `q`, which ride in meta.json)."""
    shipped = synonym_words(synonyms)
    return {
        "f": fold.entries(),
        "w": front_coded([w for w in words if w not in shipped], domain - shipped),
        **compact_synonyms(synonyms),
        "q": " ".join(STOPWORDS),
        "t": topics,
        "h": hotlines,
    }


def query_files(query: dict) -> dict[str, object]:
    """query_data as the three files search.js fetches, each only when a query needs it.

    Why three: a reader's first visit plus a first search must stay light (issue 16). A plain query
    of the site's own words (非法集资) needs neither the dictionary nor the folding table: the stop
    words (in meta.json, 0.7 KB, see index.build_index) and g.json (the everyday words of
    synonyms.yml, ~3 KB) show that no question word or synonym occurs in it, and then the exact
    search answers. A query holding a stop word is a question and goes straight to d.json (the
    dictionary, ~30 KB), which also comes for the help under few results; f.json (the folding
    table, 48 KB with traditional characters) only for characters outside the ones search.js folds
    by itself (quickFold): rare symbols, and traditional characters (詐騙 is searched as 诈骗).
    """
    everyday = sorted({e.rpartition("=")[0] for e in query["s"].split(" ") if e} | set(query.get("c", {}))
                      | set(query.get("o", "").split()))  # a subject the site does not cover is a question
    return {
        "g.json": {"s": " ".join(everyday)},
        "d.json": {key: value for key, value in query.items() if key not in ("f", "q")},  # q: in meta.json
        "f.json": query["f"],
    }
