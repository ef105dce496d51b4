"""The editors' synonyms file: checked entry by entry with plain Chinese messages, and the repository's
file is the evidence the issue asked for (at least 150 pairs, every group with its source)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from xiaobao.search import synonyms
from xiaobao.search.dictionary import build_words
from xiaobao.search.lexicon import STOPWORDS

REPO = Path(__file__).resolve().parent.parent


def load(tmp_path: Path, text: str) -> synonyms.Synonyms:
    path = tmp_path / synonyms.FILE
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return synonyms.load(path)


def test_repository_file_has_150_pairs_each_group_with_a_source():
    found = synonyms.load(REPO / synonyms.FILE)
    assert found.problems == []
    assert found.pairs >= 150
    assert len(found.sources) >= 5 and all(len(s) > 10 for s in found.sources)
    assert found.words["假钱"] == ["假币"] and found.words["电话诈骗"] == ["电信诈骗"]
    assert "三倍赔偿" in found.words["假一赔三"]


def test_repository_targets_are_words_of_the_education_pages():
    found = synonyms.load(REPO / synonyms.FILE)
    from xiaobao.search.text import normalize

    texts = [normalize(p.read_text(encoding="utf-8").replace("**", "")) for p in (REPO / "docs").rglob("*.md")]
    assert synonyms.unknown_targets(found, texts) == []


def test_pairs_and_lists_and_numbers_are_read(tmp_path):
    found = load(tmp_path, """
        - 来源: 公开问答网页“收到假钱怎么办”
          同义词:
            假钱: 假币
            ＡＴＭ取到假钱: [假币, 银行]
            反诈电话: 96110
        """)
    assert found.problems == []
    assert found.words == {"假钱": ["假币"], "atm取到假钱": ["假币", "银行"], "反诈电话": ["96110"]}


def test_each_mistake_is_named_with_line_and_the_rest_is_kept(tmp_path):
    found = load(tmp_path, """
        - 来源: 新闻标题
          同义词:
            假钱: 假币
            假钞:
            征信: 征信
            两个 词: 假币
            假钱: 伪币
        - 同义词:
            残币: 残缺污损人民币
        - 来源: 问答
        """)
    text = "\n".join(found.problems)
    assert "第 4 行" in text and "“假钞”后面应当写本站页面上的词" in text
    assert "第 5 行" in text and "对应到了它自己" in text
    assert "第 6 行" in text and "应当是一个词，不含空格" in text
    assert "第 7 行" in text and "前面已经写过一次" in text
    assert "缺少“来源”" in text and "缺少“同义词”" in text
    assert found.words == {"假钱": ["假币", "伪币"]}
    assert all(p.startswith("synonyms.yml：") for p in found.problems)


def test_broken_yaml_is_one_message_not_a_crash(tmp_path):
    found = load(tmp_path, "- 来源: x\n  同义词: {假钱: [假币\n")
    assert found.words == {} and len(found.problems) == 1
    assert "格式有误" in found.problems[0] and "行" in found.problems[0]


def test_missing_file_means_no_synonyms(tmp_path):
    assert synonyms.load(tmp_path / "none.yml").words == {}


def test_dictionary_holds_site_words_curated_words_and_no_question_words():
    syn = synonyms.Synonyms(words={"假钱": ["假币"]})
    words = build_words(["收到假币请交给银行，反假货币人人有责。"], ["收到假币怎么办"], [], syn, ["个人征信"])
    assert {"假钱", "假币", "个人征信", "征信", "反假货币"} <= set(words)
    assert not set(words) & set(STOPWORDS)


def test_a_mistake_in_the_file_stops_a_strict_build_with_the_message(tmp_path):
    from sitebuild import build, make_tree

    bad = "- 来源: 问答网页\n  同义词:\n    假钱: 假币\n    洗白: 漂白粉\n"
    root = make_tree(tmp_path, {synonyms.FILE: bad})
    result = build(root)
    assert result.returncode != 0
    assert "synonyms.yml：本站的说法“漂白粉”在编辑写的页面里一处也没有" in result.output
    assert "Traceback" not in result.output
