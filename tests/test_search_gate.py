"""A first search fetches only what its query needs (issue 16: a light first visit).

search.js skips the dictionary (d.json) when g.json shows a query is plain, and the folding table
(f.json) when quickFold knows every character. Both shortcuts must give the answer the full path
gives: g.json must never call a question plain, and quickFold must fold exactly like fold.json.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from nodejs import run_json
from xiaobao.search import fold, synonyms
from xiaobao.search.dictionary import build_words, domain_words, query_data, query_files
from xiaobao.search.lexicon import STOPWORDS
from xiaobao.search.panel import query_sources
from xiaobao.search.text import normalize

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "docs" / "assets" / "js" / "search-rules.js"


def run(script: str, payload: dict):
    return run_json(REPO / "tests" / "search" / script, payload)


@pytest.fixture(scope="module")
def files() -> dict:
    """The query files for the repository's pages and synonyms, as the build writes them."""
    syn = synonyms.load(REPO / synonyms.FILE)
    pages = [normalize(p.read_text(encoding="utf-8")) for p in sorted((REPO / "docs" / "topics").glob("*.md"))]
    names, topics, hotlines = query_sources([f"topics/{p.stem}/" for p in (REPO / "docs" / "topics").glob("*.md")])
    words = build_words(pages, [], [], syn, names)
    return query_files(query_data(words, domain_words(syn, names), syn, list(topics), list(hotlines)))


def queries() -> list[str]:
    """Readers' questions, every stop word and everyday word alone and inside words, and pieces of the
    topic pages' text: plain ones and questions, the cases that matter for each side."""
    asked = [item["q"] for item in yaml.safe_load((REPO / "tests" / "search" / "questions.yml").read_text(encoding="utf-8"))]
    syn = synonyms.load(REPO / synonyms.FILE)
    rng = random.Random(16)
    lines = [normalize(line) for p in sorted((REPO / "docs" / "topics").glob("*.md"))
             for line in p.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 8]
    pieces = []
    for _ in range(3000):
        line = rng.choice(lines)
        start = rng.randrange(len(line))
        pieces.append(line[start:start + rng.randint(2, 8)])
    inside = [f"{a}{w}{b}" for w in (*STOPWORDS, *syn.words) for a, b in (("", ""), ("征信", ""), ("", "报告"))]
    return [*asked, *inside, *pieces, "非法集资", "反假币", "征信 报告", "ATM 假币", "１２３１５"]


def test_the_gate_never_calls_a_question_plain(files):
    results = run("gate.js", {"script": str(SCRIPT), "fold": fold.entries(), "d": files["d.json"],
                              "g": files["g.json"], "q": " ".join(STOPWORDS), "queries": queries()})
    wrong = [r["words"] for r in results if r["gate"] and not r["plain"]]
    assert not wrong, wrong[:20]
    # ... and it is worth having: plain queries skip the dictionary, questions do not.
    by_query = dict(zip(queries(), results))
    assert by_query["非法集资"]["gate"] and by_query["征信 报告"]["gate"] and by_query["ATM 假币"]["gate"]
    assert not by_query["收到假钱怎么办"]["gate"] and not by_query["怎么查征信"]["gate"]
    assert sum(r["gate"] for r in results) > len(results) / 4


def test_the_query_files_split_without_losing_anything(files):
    assert set(files) == {"g.json", "d.json", "f.json"}
    assert "f" not in files["d.json"] and files["f.json"] == fold.entries()
    assert "q" not in files["d.json"]  # the stop words ride in meta.json, which every search fetches
    everyday = {e.rpartition("=")[0] for e in files["d.json"]["s"].split(" ")} | set(files["d.json"].get("c", {}))
    everyday |= set(files["d.json"].get("o", "").split())  # subjects the site does not cover: questions too
    assert sorted(files["g.json"]["s"].split(" ")) == sorted(everyday)
    assert len(json.dumps(files["g.json"], ensure_ascii=False).encode()) < 8000  # the part every first search fetches


def test_quick_folding_agrees_with_the_table_wherever_it_answers():
    out = run("quick.js", {"script": str(SCRIPT)})
    table = fold.table()
    differ = [f"U+{cp:04X}" for cp, quick in enumerate(out) if quick is not None and quick != table.get(cp, chr(cp))]
    assert not differ, differ[:40]
    answered = {cp for cp, quick in enumerate(out) if quick is not None}
    simplified = [cp for cp in range(0x4E00, 0xA000) if cp not in table]
    common = [*range(0x20, 0x7F), *simplified, *range(0xFF01, 0xFF5F), *map(ord, "，。、：；？！“”《》【】")]
    assert not [f"U+{cp:04X}" for cp in common if cp not in answered]
    # a traditional character asks for the table (詐 is searched as 诈), so no query skips it
    assert not [f"U+{cp:04X}" for cp in range(0x4E00, 0xA000) if cp in table and cp in answered]
    assert len(simplified) > 18000 and table[ord("詐")] == "诈"


def test_the_bits_in_search_rules_are_what_the_table_says():
    """FOLDED_CJK in search-rules.js is generated with fold.json; a stale one would skip the table."""
    assert fold.rules_bits() == fold.cjk_bits(fold.table())
    assert fold.rules_bits().strip("A")  # not empty: traditional characters are in it


def test_the_front_coded_word_list_reads_back_in_the_browser():
    words = ["征信", "征信报告", "征信记录", "反假货币", "12315", "12363", "atm", "𠮷野家", "𠮷野", "a", "ab"]
    domain = {"征信报告", "反假货币", "𠮷野", "另一个很长的词语共有十二个字"}
    d = query_data(words, domain, synonyms.Synonyms(words={"假钱": ["假币"]}), [], [])
    assert "k" not in d and len(d["w"].encode()) < len(" ".join(words + sorted(domain)).encode())
    out = run("words.js", {"script": str(SCRIPT), "d": d})
    assert sorted(out["words"]) == sorted({*words, *domain, "假钱", "假币"})
    assert sorted(out["domain"]) == sorted({*domain, "假钱", "假币"})  # the synonyms' words are curated


def test_the_compact_synonyms_read_back_in_the_browser():
    syn = synonyms.Synonyms(words={"假钱": ["假币"], "收到假钱": ["假币", "收缴"], "a=b": ["假币"]},
                            context={"跑路": [(["健身", "会员卡"], ["预付卡"]), (["理财"], ["非法集资", "假币"])]})
    d = query_data(["征信"], set(), syn, [], [])
    out = run("words.js", {"script": str(SCRIPT), "d": d})
    assert out["syn"] == syn.words
    assert out["ctx"] == {"跑路": [[["健身", "会员卡"], ["预付卡"]], [["理财"], ["非法集资", "假币"]]]}
    assert d["y"].count("假币") == 1 and "假币" not in d["w"]


def test_the_stop_words_ride_in_meta_json():
    from xiaobao.search.index import IndexedPage, build_index

    query = query_data(["征信"], set(), synonyms.Synonyms(words={"假钱": ["假币"]}), [], [])
    built = build_index([IndexedPage("topics/x/", "征信", "征信 报告", 0)], query=query)
    meta = json.loads(built["meta.json"])
    assert meta["q"] == query["q"] and "怎么" in meta["q"].split(" ")
    gate = json.loads(next(v for k, v in built.items() if k.endswith("/g.json")))
    assert gate == {"s": "假钱"}
