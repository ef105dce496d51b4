"""The whole question set, ranked by the rules readers run: docs/assets/js/search-rules.js in Node
over the index of the real site (tests/search/questions.yml and questions_topics.yml, one Node run
for every question). A question written when its topic had no page (a: [], t: insurance) counts as
answered by that page once docs/topics/<t>.md exists.

A change that loses questions fails here, in CI, without a browser. The floors are the figures the
set reached when they were set (scripts/bench_search.py prints them, sealed third apart), less a
question or two of slack: raise them when search gets better.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nodejs import run_json
from xiaobao.search import IndexedPage, build_index, synonyms, write_index
from xiaobao.search.dictionary import domain_words, query_data

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "docs" / "assets" / "js" / "search-rules.js"
QUESTIONS = REPO / "tests" / "search" / "questions.yml"
TOPIC_QUESTIONS = REPO / "tests" / "search" / "questions_topics.yml"

# Set after issue 29's fourth round (the "no answer" call fitted on signals, search-rules.js DOUBT;
# 钱/扣/假 beside unknown characters searched alone): measured 0.99 top-3, 0.88 top-1 (as counted here), 0.52 of the
# uncovered told so and one right page under a "no answer" (scripts/bench_search.py --node), less a
# little slack. Raised in session 6 (title and heading weight, share weighed half, DOUBT refitted
# with the fresh: 2 questions): measured here 0.986 top-3, 0.913 top-1, 0.52 told (14 of 27), one
# right page under a "no answer" (main's rules on the same questions: 0.983, 0.893, 0.44, two).
TOP3_FLOOR = 0.98  # answerable questions with a right page in the first three
TOP1_FLOOR = 0.90
NO_ANSWER_FLOOR = 0.48  # questions the site does not cover that get the plain "no answer" (or no result)
FALSE_NO_ANSWER_MAX = 1  # answerable questions told "no answer" though a right page is in the top 3


def run_json_script(code: str) -> dict:
    import json
    import subprocess

    proc = subprocess.run(["node", "-e", code, str(RULES)], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def questions() -> list[dict]:
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


def rescored(item: dict) -> dict:
    if item.get("also"):  # pages written after the question that answer it too
        item = {**item, "a": item["a"] + item["also"]}
    page = REPO / "docs" / "topics" / f"{item.get('t')}.md"
    if not item["a"] and item.get("t") and not item.get("unanswered") and page.exists():
        return {**item, "a": [f"topics/{item['t']}/"]}
    return item


def scored() -> list[dict]:
    """Both question files, rescored, each question once."""
    items = [rescored(i) for i in questions()]
    if TOPIC_QUESTIONS.exists():
        seen = {i["q"] for i in items}
        items += [i for i in yaml.safe_load(TOPIC_QUESTIONS.read_text(encoding="utf-8")) or [] if i["q"] not in seen]
    return items


def rank(item: dict, urls: list[str]) -> int | None:
    want = {a.strip("/") + "/" for a in item["a"]}
    return next((i for i, url in enumerate(urls[:10], 1) if url in want), None)


@pytest.fixture(scope="module")
def answers(standards_site: Path) -> list[tuple[dict, dict]]:
    items = scored()
    out = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(standards_site / "search"), "queries": [i["q"] for i in items]})
    return list(zip(items, out))


def test_the_question_set_is_large_sourced_and_sealed():
    items = questions()
    assert len(items) >= 250
    new = [i for i in items if "s" in i]
    assert all(i["s"] for i in new) and len(new) >= 150
    sealed = [i for i in items if i.get("sealed")]
    before = [i for i in items if not i.get("fresh")]  # the set when the third was sealed
    assert len(sealed) * 3 >= len(before) and all("s" in i and not i.get("fresh") for i in sealed)
    uncovered = [i for i in items if not i["a"]]
    assert len(uncovered) >= 40 and all(i.get("t") for i in uncovered)
    assert len({i["q"] for i in items}) == len(items)


def test_answerable_questions_find_a_right_page(answers):
    answerable = [(i, r) for i, r in answers if i["a"]]
    top1 = sum(rank(i, r["urls"]) == 1 for i, r in answerable) / len(answerable)
    top3 = sum((rank(i, r["urls"]) or 99) <= 3 for i, r in answerable) / len(answerable)
    missed = [i["q"] for i, r in answerable if (rank(i, r["urls"]) or 99) > 3]
    assert top3 >= TOP3_FLOOR, (top3, len(missed))  # counts only: the sealed third is not printed
    assert top1 >= TOP1_FLOOR, top1


def test_no_answerable_question_ends_with_nothing(answers):
    assert [i["q"] for i, r in answers if i["a"] and not r["urls"]] == []


def test_questions_the_site_does_not_cover_are_told_so(answers):
    uncovered = [(i, r) for i, r in answers if not i["a"]]
    assert len(uncovered) >= 15
    told = [i["q"] for i, r in uncovered if r["noAnswer"] or not r["urls"]]
    assert len(told) / len(uncovered) >= NO_ANSWER_FLOOR, len(told) / len(uncovered)
    wrongly = [i["q"] for i, r in answers if i["a"] and r["noAnswer"] and (rank(i, r["urls"]) or 99) <= 3]
    assert len(wrongly) <= FALSE_NO_ANSWER_MAX, len(wrongly)


def traditional_form(text: str) -> str:
    """The question as a reader of traditional characters types it: each simplified character that
    has a traditional form in the folding table written in that form (詐騙 for 诈骗)."""
    from xiaobao.search.traditional import table

    back: dict[str, str] = {}
    for trad, simp in sorted(table().items()):
        back.setdefault(simp, trad)
    return "".join(back.get(c, c) for c in text)


def test_questions_typed_in_traditional_characters_get_the_same_answers(standards_site):
    """詐騙, 銀行, 徵信, 退保費: the page and the query are folded to simplified alike (fold.json)."""
    items = [i for i in scored() if traditional_form(i["q"]) != i["q"]]
    asked = [i["q"] for i in items] + [traditional_form(i["q"]) for i in items] + ["诈骗", "詐騙", "徵信 報告", "征信 报告"]
    out = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(standards_site / "search"), "queries": asked})
    same, changed = out[:len(items)], out[len(items):2 * len(items)]
    assert len(items) > 300
    differ = [i["q"] for i, a, b in zip(items, same, changed) if (a["urls"], a["noAnswer"], a["mode"]) != (b["urls"], b["noAnswer"], b["mode"])]
    assert not differ, differ[:10]
    plain, trad, exact_trad, exact = out[-4:]
    assert trad["urls"] == plain["urls"] and plain["urls"] and trad["mode"] == plain["mode"] == "exact"
    assert exact_trad["urls"] == exact["urls"] and exact["urls"]


def test_a_question_about_another_agencys_subject_is_told_so_unless_the_site_answers_the_rest(standards_site):
    """synonyms.yml 本站不讲: 社保, 医保, 公积金 … weigh as subjects no page explains."""
    asked = ["社保断交多久", "医保卡刷不了怎么办", "离职后公积金和社保怎么办", "上海居民医保缴费逾期补缴流程",
             "交通事故死亡索赔诉讼要什么时候起诉", "驾照扣分后多久恢复",
             "接到自称社保局的电话说我社保卡被冻结要转账", "冒充医保局工作人员打电话诈骗"]
    out = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(standards_site / "search"), "queries": asked})
    assert [r["noAnswer"] or not r["urls"] for r in out] == [True] * 6 + [False, False]
    assert out[6]["urls"][0] == out[7]["urls"][0] == "topics/fraud-prevention/"
    assert out[6]["signal"]["outside"] > 0 and out[4]["signal"]["outside"] > 0  # seen, and weighed


def test_money_words_of_one_character_are_searched_beside_unknown_characters(standards_site):
    """收到张假的, 每个月扣, 确定钱是真是假: 假, 扣 and 钱 are words here, not part of a run no page holds."""
    asked = ["收到张假的100块钱咋办啊", "工商银行每个月扣我3块钱是啥费", "不能确定钱是真是假去哪鉴定"]
    out = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(standards_site / "search"), "queries": asked, "debug": True})
    alone = [{g[1] for g in r["groups"] if g[0] == "char"} for r in out]
    assert alone == [{"假"}, {"扣", "费"}, {"钱", "假"}]
    assert out[0]["urls"][0] == out[2]["urls"][0] == "topics/anti-counterfeit/"
    assert "topics/fee-transparency/" in out[1]["urls"][:3]


def test_the_no_answer_call_weighs_only_signals_it_computes(standards_site):
    """DOUBT (fitted by scripts/bench_search.py --fit) names each signal it weighs, and signals() gives them."""
    out = run_json_script("""
      const R = require(process.argv[1]);
      process.stdout.write(JSON.stringify({names: R.DOUBT_SIGNALS, weights: Object.keys(R.DOUBT), line: R.DOUBT.line, soft: R.DOUBT.soft,
        empty: R.doubt({}), full: R.doubt({share: 1, head: 1, named: 1})}));""")
    assert set(out["names"]) | {"bias", "soft", "line"} == set(out["weights"])
    assert out["empty"] >= out["line"] > out["soft"] > out["full"]  # nothing covered: told; covered in title and site words: answered
    asked = ["保本保息的理财是真的吗", "保本保息的理财"]
    got = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(standards_site / "search"), "queries": asked})
    assert all(set(out["names"]) <= set(r["signal"]) for r in got)
    assert [r["signal"]["genuine"] for r in got] == [1, 0]  # asking whether an offer is genuine


def test_an_education_page_third_behind_two_campaign_reports_is_still_a_candidate_answer(tmp_path):
    """Campaign reports that repeat a question's words can rank above the page that explains it; the
    reader sees three results, so an education page third is weighed as the answer (signals `top`)
    instead of the question being told "no answer" for want of one in the first two."""
    none = synonyms.Synonyms()
    query = query_data(["存款保险", "银行", "存款", "赔付", "活动", "宣传"], domain_words(none, []), none, [], [])
    pages = [IndexedPage("topics/deposit/", "存款保险", "存款保险保护您的存款。最高赔付五十万元。", rank=0,
                         headings=("最高赔付多少",))]
    pages += [IndexedPage(f"campaigns/c{i}/", f"存款保险宣传活动{i}", "存款保险宣传活动，讲银行倒闭了存款保险怎么赔。" * 8)
              for i in range(2)]
    write_index(tmp_path / "search", build_index(pages, query=query))
    got = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(tmp_path / "search"), "queries": ["银行倒闭了存款保险怎么赔"]})[0]
    assert got["urls"] == ["campaigns/c0/", "campaigns/c1/", "topics/deposit/"]  # the case the test is about
    assert got["signal"]["top"] == 1 and got["signal"]["share"] > 0
    assert not got["noAnswer"]


def test_a_long_story_is_not_told_no_answer_for_its_narrative_words(tmp_path):
    """A reader tells what happened before asking (dialect stories from a phone): the narrative words are
    their own, not the site's, so the story looks less covered than a short question the site does not
    answer. Signal `long` (content characters past eight) weighs against "no answer"; the same question
    without the story is answered either way."""
    none = synonyms.Synonyms()
    query = query_data(["存款保险", "银行", "存款", "倒闭", "赔付"], domain_words(none, []), none, [], [])
    pages = [IndexedPage("topics/deposit/", "存款保险", "存款保险保护您的存款。银行倒闭了，最高赔付五十万元。", rank=0,
                         headings=("银行倒闭了存款怎么办",))]
    pages += [IndexedPage(f"topics/t{i}/", f"话题{i}", "防范电信网络诈骗，保护个人信息。" * 4, rank=0) for i in range(3)]
    write_index(tmp_path / "search", build_index(pages, query=query))
    story = "俺家隔壁老王前些年在县城开了个小卖部 攒下的辛苦钱都放在村口信用社 听人讲镇上那家要关门跑路了 存款能拿回来不"
    got = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(tmp_path / "search"), "queries": [story, "银行倒闭了 存款咋办"]})
    assert [g["urls"][0] for g in got] == ["topics/deposit/", "topics/deposit/"]
    assert got[0]["signal"]["long"] > 0.5 and got[1]["signal"]["long"] == 0
    assert not got[0]["noAnswer"] and not got[1]["noAnswer"]


def test_a_word_of_the_site_typed_with_one_character_wrong_still_matches(tmp_path):
    """Phones type by pinyin: 验抄机 for 验钞机. A run the dictionary lacks that is a curated word of three
    to five characters with one character wrong is matched as that word; two characters wrong are not, nor
    a number (一千块 is not a slip for 一百块) or a first character (记下来 for 生下来)."""
    none = synonyms.Synonyms()
    query = query_data(["验钞机", "假币", "银行", "一百块", "记下来"], domain_words(none, ["验钞机", "一百块", "记下来"]), none, [], [])
    pages = [IndexedPage("topics/fake/", "识别假币", "验钞机没有报警，也要看水印和安全线。", rank=0),
             IndexedPage("topics/other/", "防范诈骗", "陌生电话要当心，号码一样也别信。转了一百块也要记下来。", rank=0)]
    write_index(tmp_path / "search", build_index(pages, query=query))
    got = run_json(REPO / "tests" / "search" / "rank.js",
                   {"script": str(RULES), "index": str(tmp_path / "search"), "debug": True,
                    "queries": ["验抄机也没叫 要紧不", "验抄鸡也没叫 要紧不", "收了一千块 娃生下来"]})
    assert ["word", "验钞机"] in [g[:2] for g in got[0]["groups"]]
    assert got[0]["urls"][0] == "topics/fake/"
    assert "验钞机" not in [g[1] for g in got[1]["groups"]]
    assert not {"一百块", "记下来"} & {g[1] for g in got[2]["groups"]}
