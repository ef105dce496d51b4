"""Search index exactness: the browser's exact search (docs/assets/js/search-rules.js, run in Node
on the files build_index writes) finds exactly the pages whose text contains every query word, or
one of its number forms, whatever the block and shard layout."""

from __future__ import annotations

import json
import random

import pytest

from pathlib import Path

from nodejs import run_json
from xiaobao.search import IndexedPage, build_index, html_to_text, normalize, query_words, write_index
from xiaobao.search.index import Settings
from xiaobao.search.text import keys_of

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "docs" / "assets" / "js" / "search-rules.js"

FILLER = ("活动当日工作人员向过往群众发放宣传折页，讲解银行卡安全和理财知识，提醒老年客户不要轻信陌生来电。"
          "我行网点设立咨询台，现场接受客户咨询和投诉，共发放资料一千余份。")
TERMS = ["征信", "反假币", "反假货币", "非法集资", "电信诈骗", "12315", "老年", "投诉", "消费者权益保护法"]
# Traps: every bigram of the query is present, the query itself is not.
TRAPS = ["非法行为与集资风险，法集中学习", "反假冒和假币", "电信网络与诈骗分子", "消费者权益与保护法规，益保护法",
         "1231 5 号", "消费者 权益保护法", "征 信", "老 年人"]

QUERIES = TERMS + ["法", "a", "ATM", "atm 征信", "非法集资 12315", "3·15", "３·１５", "315", "三一五", "权益日",
                   "xyz不存在", "客户咨询", "消费者权益保护法第二十条规定的义务"]
# 3·15 is written four ways; 12315 and 2315 do not hold it (number forms: search-rules.js numberForms).
DAY_FORMS = ["3·15", "3.15", "315", "三一五"]


def corpus(n: int = 160, seed: int = 3, traps: bool = True) -> list[IndexedPage]:
    """Pages of very different lengths, terms placed at random spots (often near block edges)."""
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        parts = [FILLER * rng.randint(0, 12)]
        for term in rng.sample(TERMS + (TRAPS if traps else []), rng.randint(0, 5)):
            cut = rng.randint(0, len(parts[-1]))
            parts[-1] = parts[-1][:cut] + term + parts[-1][cut:]
        if rng.random() < 0.1:
            parts.append("ATM 取款 3·15 权益日")
        if rng.random() < 0.1:
            parts.append(rng.choice(["3.15 宣传", "三一五晚会", "315当天", "编号2315", "13.15元"]))
        if rng.random() < 0.05:
            parts.append("依照消费者权益保护法第二十条规定的义务")
        text = normalize(" ".join(parts))
        pages.append(IndexedPage(f"p/{i}/", f"第{i}页" + (" 征信" if i % 7 == 0 else ""), text))
    # a long page with a term only at its very end, and one with a term straddling a block edge
    pages.append(IndexedPage("long/", "长页", normalize(FILLER * 60 + "非法集资")))
    pages.append(IndexedPage("edge/", "边界", normalize("好" * 511 + "电信诈骗" + "好" * 600)))
    return pages


def holds_day(text: str, typed: str) -> bool:
    """Whether text holds 3·15 as typed, or another of its forms not touching digits of its kind."""
    if typed in text:
        return True
    for form in DAY_FORMS:
        digits = "0123456789" if form[0].isdigit() else "〇一二三四五六七八九"
        at = text.find(form)
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + len(form)] if at + len(form) < len(text) else " "
            if before not in digits and after not in digits:
                return True
            at = text.find(form, at + 1)
    return False


def expected(pages: list[IndexedPage], query: str) -> set[str]:
    words = query_words(query)

    def holds(text: str, word: str) -> bool:
        return holds_day(text, word) if word in DAY_FORMS else word in text
    return {p.url for p in pages if words and all(holds(p.text, w) for w in words)}


def node_search(tmp_path: Path, files: dict[str, bytes], queries: list[str], exact: bool = True) -> list[dict]:
    """The queries through the real rules in Node, over the index files written to disk."""
    index = tmp_path / "search"
    write_index(index, files)
    return run_json(REPO / "tests" / "search" / "rank.js",
                    {"script": str(RULES), "index": str(index), "queries": queries, "pages": 1000, "exact": exact})


@pytest.fixture(scope="module")
def results(pages, tmp_path_factory) -> dict:
    """Settings name -> query -> result, one Node run per layout."""
    out = {}
    for name, settings in SETTINGS.items():
        found = node_search(tmp_path_factory.mktemp("index"), build_index(pages, settings), QUERIES)
        out[name] = dict(zip(QUERIES, found))
    return out


SETTINGS = {
    "default": Settings(),
    "tiny blocks, tiny shards, short heads": Settings(block=64, overlap=8, shard_bytes=256, head=2),
    "all bitmaps": Settings(block=128, overlap=8, shard_bytes=1024, dense=0.0, head=0),
    "no bitmaps": Settings(block=100, overlap=4, shard_bytes=512, dense=1e9),
}


@pytest.fixture(scope="module")
def pages() -> list[IndexedPage]:
    return corpus()


@pytest.mark.parametrize("settings", SETTINGS)
@pytest.mark.parametrize("query", QUERIES)
def test_results_are_exactly_the_pages_containing_the_query(pages, results, settings, query):
    found = results[settings][query]["urls"]
    assert len(found) == len(set(found)), "a page is listed twice"
    assert set(found) == expected(pages, query)


def test_the_corpus_really_tests_something(pages):
    """Each domain term occurs in some pages, and traps give bigram-only matches to filter out."""
    for term in TERMS:
        assert expected(pages, term), term
    bigram_only = [p for p in pages if "非法集资" not in p.text and all(k in p.text for k, _ in keys_of("非法集资"))]
    assert bigram_only, "no page where only the bigrams of 非法集资 occur: the exactness check is untested"
    assert [p for p in pages if "12315" in p.text and not holds_day(p.text, "3·15")], "no page where 315 sits in 12315 only"
    assert {w for w in ("3.15", "三一五", "315当天") if any(w in p.text for p in pages)} == {"3.15", "三一五", "315当天"}


def test_title_matches_come_first(pages, results):
    titles = {p.url: p.title for p in pages}
    in_title = ["征信" in titles[u] for u in results["default"]["征信"]["urls"]]
    assert in_title == sorted(in_title, reverse=True)
    assert any(in_title) and not all(in_title)


def test_first_results_cost_few_blocks(tmp_path):
    """About one block per shown result, not the whole page text (no trap pages here)."""
    files = build_index(corpus(traps=False))
    out = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(write(tmp_path, files)), "queries": ["非法集资"], "pages": 1,
                    "exact": True, "files": True})[0]
    blocks = {name: files[name] for name in out["read"] if "/b/" in name}
    assert len(out["urls"]) == 10
    assert len(blocks) <= 12
    most = (Settings().block + Settings().overlap) * 3 + 400  # CJK is 3 bytes in UTF-8; JSON keys, URL, title
    assert all(len(data) < most for data in blocks.values())


def write(tmp_path: Path, files: dict[str, bytes]) -> Path:
    write_index(tmp_path / "search", files)
    return tmp_path / "search"


def test_long_page_is_cut_into_at_most_48_blocks(tmp_path):
    page = IndexedPage("x/", "x", normalize(FILLER * 2000))
    files = build_index([page])
    blocks = [json.loads(v) for k, v in files.items() if "/b/" in k]
    assert len(blocks) <= 48
    assert node_search(tmp_path, files, ["理财知识"])[0]["urls"] == ["x/"]


def test_shards_respect_the_target_size_and_read_back(tmp_path):
    pages = corpus(400, seed=9)
    files = build_index(pages, Settings(shard_bytes=2048))
    shards = {k: v for k, v in files.items() if "/s/" in k}
    assert len(shards) > 10
    assert sum(map(len, shards.values())) / len(shards) <= 2048
    root = write(tmp_path, files)
    read = run_json(REPO / "tests" / "search" / "shards.js", {"script": str(RULES), "files": [str(root / k) for k in shards]})
    assert all(r["records"] for r in read)  # every shard holds records and decodes to its end
    by_key = {key: ids for r in read for key, ids in r["pages"].items()}
    for key in ("征信", "集资", "法"):  # posting lists read back: exactly the pages holding the key
        assert sorted(by_key[key]) == [i for i, p in enumerate(pages) if key in p.text], key


def test_index_is_repeatable(pages):
    assert build_index(pages) == build_index(list(pages))
    meta = json.loads(build_index(pages)["meta.json"])
    other = json.loads(build_index(pages[:-1])["meta.json"])
    assert meta["v"] != other["v"], "the version in file names must change with the content"


@pytest.mark.parametrize("chunk", [1, 7, 1000])
def test_encoding_the_pairs_in_chunks_changes_no_byte(pages, monkeypatch, chunk):
    """The posting lists are encoded a chunk of whole keys at a time (to bound memory at 10,000 pages)."""
    from xiaobao.search import index

    whole = {name: build_index(pages, settings) for name, settings in SETTINGS.items()}
    monkeypatch.setattr(index, "CHUNK_PAIRS", chunk)
    assert {name: build_index(pages, settings) for name, settings in SETTINGS.items()} == whole


def test_html_to_text_keeps_cells_apart_and_drops_markup():
    html = ("<h1>标题</h1><table><tr><td>12</td><td>315</td></tr></table><p>防范<strong>非法</strong>集资"
            "<script>var x='征信'</script><!-- 征信 --> &amp; ＡＴＭ</p>")
    text = html_to_text(html)
    assert "12315" not in text and "12 315" in text
    assert "防范非法集资" in text
    assert "征信" not in text
    assert "& atm" in text


def test_keys_cover_every_character_of_the_query():
    assert [k for k, _ in keys_of("消费者权益保护法")] == ["消费", "者权", "益保", "护法"]
    assert [k for k, _ in keys_of("反假币")] == ["反假", "假币"]
    assert keys_of("3·15") == [("3", 0), ("15", 2)]
    assert keys_of("·") == []


def naive_firsts(text: str, size: int) -> dict[int, int]:
    """The definition page_keys vectorises: every unigram and bigram of word runs, first block wins."""
    from xiaobao.search.text import NON_WORD

    units = [0 if NON_WORD.match(ch) else ord(ch) for ch in text]
    first: dict[int, int] = {}
    for j, unit in enumerate(units):
        if unit:
            first.setdefault(unit, j // size)
            if j + 1 < len(units) and units[j + 1]:
                first.setdefault(unit | units[j + 1] << 16, j // size)
    return first


@pytest.mark.parametrize("seed", range(6))
def test_vectorised_keys_match_their_definition(seed):
    from xiaobao.search.index import page_firsts

    rng = random.Random(seed)
    alphabet = "征信反假币非法集资ab12 ，。·\u3000\x00😀Ｘ-_\n"
    for size in (1, 2, 7, 64):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        assert page_firsts(text, size) == naive_firsts(text, size)
