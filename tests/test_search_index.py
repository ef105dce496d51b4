"""Search index exactness: the browser's algorithm (xiaobao.search.query mirrors search.js) finds
exactly the pages whose text contains every query word, whatever the block and shard layout."""

from __future__ import annotations

import json
import random

import pytest

from xiaobao.search import IndexedPage, build_index, html_to_text, normalize, query_words
from xiaobao.search.codec import decode_shard
from xiaobao.search.index import Settings
from xiaobao.search.query import Searcher
from xiaobao.search.text import keys_of

FILLER = ("活动当日工作人员向过往群众发放宣传折页，讲解银行卡安全和理财知识，提醒老年客户不要轻信陌生来电。"
          "我行网点设立咨询台，现场接受客户咨询和投诉，共发放资料一千余份。")
TERMS = ["征信", "反假币", "反假货币", "非法集资", "电信诈骗", "12315", "老年", "投诉", "消费者权益保护法"]
# Traps: every bigram of the query is present, the query itself is not.
TRAPS = ["非法行为与集资风险，法集中学习", "反假冒和假币", "电信网络与诈骗分子", "消费者权益与保护法规，益保护法",
         "1231 5 号", "消费者 权益保护法", "征 信", "老 年人"]

QUERIES = TERMS + ["法", "a", "ATM", "atm 征信", "非法集资 12315", "3·15", "３·１５", "权益日", "xyz不存在",
                   "客户咨询", "消费者权益保护法第二十条规定的义务"]


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
        if rng.random() < 0.05:
            parts.append("依照消费者权益保护法第二十条规定的义务")
        text = normalize(" ".join(parts))
        pages.append(IndexedPage(f"p/{i}/", f"第{i}页" + (" 征信" if i % 7 == 0 else ""), text))
    # a long page with a term only at its very end, and one with a term straddling a block edge
    pages.append(IndexedPage("long/", "长页", normalize(FILLER * 60 + "非法集资")))
    pages.append(IndexedPage("edge/", "边界", normalize("好" * 511 + "电信诈骗" + "好" * 600)))
    return pages


def expected(pages: list[IndexedPage], query: str) -> set[str]:
    words = query_words(query)
    return {p.url for p in pages if words and all(w in p.text for w in words)}


SETTINGS = {
    "default": Settings(),
    "tiny blocks, tiny shards, short heads": Settings(block=64, overlap=8, shard_bytes=256, head=2),
    "all bitmaps": Settings(block=128, overlap=8, shard_bytes=1024, dense=0.0, head=0),
    "no bitmaps": Settings(block=100, overlap=4, shard_bytes=512, dense=1e9),
}


@pytest.fixture(scope="module")
def pages() -> list[IndexedPage]:
    return corpus()


@pytest.mark.parametrize("settings", SETTINGS.values(), ids=SETTINGS.keys())
@pytest.mark.parametrize("query", QUERIES)
def test_results_are_exactly_the_pages_containing_the_query(pages, settings, query):
    searcher = Searcher(build_index(pages, settings).get)
    found = [hit.url for hit in searcher.search(query)]
    assert len(found) == len(set(found)), "a page is listed twice"
    assert set(found) == expected(pages, query)


def test_the_corpus_really_tests_something(pages):
    """Each domain term occurs in some pages, and traps give bigram-only matches to filter out."""
    for term in TERMS:
        assert expected(pages, term), term
    bigram_only = [p for p in pages if "非法集资" not in p.text and all(k in p.text for k, _ in keys_of("非法集资"))]
    assert bigram_only, "no page where only the bigrams of 非法集资 occur: the exactness check is untested"


def test_title_matches_come_first(pages):
    hits = Searcher(build_index(pages).get).search("征信")
    in_title = ["征信" in h.title for h in hits]
    assert in_title == sorted(in_title, reverse=True)
    assert any(in_title) and not all(in_title)


def test_first_results_cost_few_blocks():
    """One block per shown result, not the whole page text (no trap pages here)."""
    searcher = Searcher(build_index(corpus(traps=False)).get)
    hits = searcher.search("非法集资", limit=10)
    blocks = [p for p in searcher.fetched if "/b/" in p]
    assert len(hits) == 10
    assert len(blocks) <= 12
    most = (Settings().block + Settings().overlap) * 3 + 400  # CJK is 3 bytes in UTF-8; JSON keys, URL, title
    assert all(size < most for p, size in searcher.fetched.items() if "/b/" in p)


def test_long_page_is_cut_into_at_most_48_blocks():
    page = IndexedPage("x/", "x", normalize(FILLER * 2000))
    files = build_index([page])
    blocks = [json.loads(v) for k, v in files.items() if "/b/" in k]
    assert len(blocks) <= 48
    assert Searcher(files.get).search("理财知识")


def test_shards_respect_the_target_size():
    pages = corpus(400, seed=9)
    files = build_index(pages, Settings(shard_bytes=2048))
    shards = [v for k, v in files.items() if "/s/" in k]
    assert len(shards) > 10
    assert sum(map(len, shards)) / len(shards) <= 2048
    for data in shards:
        assert decode_shard(data)  # every shard holds records and decodes to its end


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
