"""The query rules of docs/assets/js/search-rules.js, run in Node: synonyms that need a word beside
them, number forms, runs of characters the dictionary lacks (bigrams, stop words around them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nodejs import run_json
from xiaobao.search import synonyms
from xiaobao.search.dictionary import domain_words, query_data, query_files
from xiaobao.search.lexicon import STOPWORDS

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "docs" / "assets" / "js" / "search-rules.js"


def run(payload: dict) -> dict:
    return run_json(REPO / "tests" / "search" / "rules.js", {"script": str(RULES), **payload})


@pytest.fixture(scope="module")
def d() -> dict:
    """d.json for the repository's synonyms and a few site words."""
    syn = synonyms.load(REPO / synonyms.FILE)
    words = ["养老", "骗局", "征信", "报告", "老板", "预付卡", "健身", "理财"]
    return query_files(query_data(words, domain_words(syn, []), syn, [], []))["d.json"]


def groups(result: dict) -> dict[str, list[str]]:
    return {g["alts"][0]: g["alts"] for g in result["groups"]}


def test_a_synonym_with_context_follows_the_words_beside_it(d):
    out = run({"d": d, "q": " ".join(STOPWORDS), "analyse": ["健身房老板跑路了", "理财公司跑路了", "跑路了怎么办",
                                                               "健身跑路 理财"]})["analyse"]
    gym, fund, alone, both = ({a for g in o["groups"] for a in g["alts"]} for o in out)  # every word looked for
    assert "预付卡" in gym and "非法集资" not in gym
    assert "非法集资" in fund and "预付卡" not in fund
    assert "非法集资" in alone  # without context: the group that needs none
    assert "预付卡" in both and "非法集资" in both  # both contexts: both meanings
    assert not any(o["plain"] for o in out)


def test_an_unknown_run_is_tried_whole_and_as_bigrams_without_the_stop_words_around_it(d):
    out = run({"d": d, "q": " ".join(STOPWORDS), "analyse": ["网红奶茶店的东西", "我的老鼠咬坏"]})["analyse"]
    live = out[0]
    kinds = {g["alts"][0]: g["kind"] for g in live["groups"]}
    assert kinds.get("网红奶茶店") == "phrase"
    assert {"网红", "红奶", "奶茶", "茶店"} <= {a for a, k in kinds.items() if k == "bigram"}
    assert not any("的" in g["alts"][0] for g in live["groups"])
    assert all("我" not in a for g in out[1]["groups"] for a in g["alts"] if g["kind"] == "bigram")


def test_single_characters_wait_in_reserve_rather_than_vanish(d):
    out = run({"d": d, "q": " ".join(STOPWORDS), "analyse": ["房没了怎么办"]})["analyse"][0]
    assert set(out["singles"]) >= {"房"}


def test_money_characters_are_words_of_their_own(d):
    """钱, 假, 扣: searched as themselves beside characters the dictionary lacks, not held in reserve."""
    out = run({"d": d, "q": " ".join(STOPWORDS), "analyse": ["钱没了怎么办", "收到张假的", "每个月扣我"]})["analyse"]
    chars = [[g["alts"] for g in a["groups"] if g["kind"] == "char"] for a in out]
    assert chars == [[["钱"]], [["假"]], [["扣"]]]
    assert all(c not in a["singles"] for c, a in zip("钱假扣", out))


NUMBER_CASES = [
    ("3·15", {"3·15", "3.15", "315", "三一五"}),
    ("３·１５", {"3·15", "315", "三一五"}),
    ("315", {"315", "3·15", "三一五"}),
    ("三一五", {"三一五", "315", "3·15"}),
    ("3.15晚会", {"3.15晚会", "315晚会", "3·15晚会"}),
    ("12·4", {"12·4", "124", "12.4"}),
]


@pytest.mark.parametrize(("word", "forms"), NUMBER_CASES)
def test_number_forms_find_each_other(word, forms):
    assert forms <= set(run({"forms": [word]})["forms"][0])


@pytest.mark.parametrize("word", ["110", "12315", "1.5", "2024", "一二三", "3.5"])
def test_numbers_that_are_not_days_stay_themselves(word):
    assert run({"forms": [word]})["forms"][0] == [word]


def test_a_folded_form_does_not_match_inside_a_longer_number():
    found = run({"find": [["拨打12315投诉", "315", "3·15"], ["今天是315消费者权益日", "315", "3·15"],
                          ["金额13.15元", "3.15", "315"], ["3.15当天", "3.15", "315"]]})["find"]
    assert found == [-1, 3, -1, 0]


def test_a_subject_the_site_does_not_cover_is_a_word_of_its_own_kind():
    syn = synonyms.Synonyms(words={"假钱": ["假币"]}, outside=["社保", "公积金"])
    d = query_files(query_data(["诈骗", "冻结", "电话"], domain_words(syn, []), syn, [], []))["d.json"]
    out = run({"d": d, "q": " ".join(STOPWORDS), "analyse": ["社保断交多久", "社保局打电话说冻结", "公积金"]})["analyse"]
    kinds = [{g["alts"][0]: g["kind"] for g in o["groups"]} for o in out]
    assert kinds[0]["社保"] == "outside" and kinds[1]["社保"] == "outside" and kinds[1]["冻结"] != "outside"
    assert kinds[2] == {"公积金": "outside"} and not any(o["plain"] for o in out)
    near = run({"d": d, "q": " ".join(STOPWORDS), "suggest": ["社保断交多久", "诈骗电"]})["suggest"]
    assert "社保" not in near[0] and "诈骗" in near[1]  # never offered as a word to try instead


def test_damaged_money_words_need_money_beside_them(d):
    out = run({"d": d, "q": " ".join(STOPWORDS), "analyse": ["钱被洗衣机洗烂了能换吗", "一百块缺了一个角还能用吗",
                                                               "衣服洗烂了商家不给退", "桌子缺角了能退吗"]})["analyse"]
    looked = [{a for g in o["groups"] for a in g["alts"]} for o in out]
    assert "残缺污损人民币" in looked[0] and "残缺污损人民币" in looked[1]
    assert "残缺污损人民币" not in looked[2] and "残缺污损人民币" not in looked[3]


def test_spoken_pronouns_and_particles_do_not_glue_to_words(d):
    """俺存的钱, 咱家的卡: dialect pronouns are dropped like 我, never searched as part of a run (俺存)."""
    out = run({"d": d, "q": " ".join(STOPWORDS), "analyse": ["银行倒闭了俺存的钱咋办", "咱存的定期要是取不出来"]})["analyse"]
    alts = [a for q in out for g in q["groups"] for a in g["alts"]]
    assert alts and not [a for a in alts if "俺" in a or "咱" in a or "要是" in a]
