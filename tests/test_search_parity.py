"""The browser's text rules (docs/assets/js/search-rules.js, run in Node) agree with xiaobao/search/text.py
on every BMP code point and on a corpus of Chinese text: normalising, word characters, keys, hashes.

Why: the index is built by Python and read by the browser; one character folded differently makes a
page unfindable by a word it contains.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nodejs import run_json
from xiaobao.search import fold
from xiaobao.search.codec import fnv1a
from xiaobao.search.text import NON_WORD, keys_of, normalize

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "docs" / "assets" / "js" / "search-rules.js"
HARD = ["\x1c征\x1d信\x1e报\x1f告", "征信\x85报告", "\ufeff征信\ufeff", "ＡＢＣ１２３，征信。\u3000",
        "Ⅻ ⑫ ㈠ ㍿ ﬁ ǅ İstanbul ΣΑΣ", "非法集资 12315", "  多个   空格  ", "征信\u2028报告\u2029",
        "𠮷野家 🙂 征信"]


def corpus() -> list[str]:
    texts = list(HARD)
    for path in sorted((REPO / "docs").rglob("*.md")) + sorted((REPO / "campaigns").rglob("*.md")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


@pytest.fixture(scope="module")
def node_rules() -> dict:
    payload = {"script": str(SCRIPT), "fold": fold.entries(), "texts": corpus()}
    return run_json(REPO / "tests" / "search" / "parity.js", payload)


def test_every_bmp_code_point_normalises_the_same(node_rules):
    differ = [f"U+{cp:04X}" for cp, js in enumerate(node_rules["chars"])
              if js is not None and js != normalize(chr(cp))]
    assert not differ, differ[:40]


def test_every_bmp_code_point_is_a_word_character_on_both_sides_or_neither(node_rules):
    differ = [f"U+{cp:04X}" for cp, js in enumerate(node_rules["word"])
              if js is not None and bool(js) != (NON_WORD.match(chr(cp)) is None)]
    assert not differ, differ[:40]


def test_the_cases_that_used_to_differ():
    """U+001C-001F and U+0085 were white space to Python only, U+FEFF to JavaScript only."""
    for ch in "\x1c\x1d\x1e\x1f\x85\ufeff":
        assert normalize(f"征信{ch}报告") == "征信 报告"
        assert NON_WORD.match(ch)


def test_chinese_text_gives_the_same_keys_and_hashes(node_rules):
    texts = corpus()
    assert len(texts) > 500
    for text, js in zip(texts, node_rules["texts"]):
        assert js["n"] == normalize(text), text
        py = [[[key, offset, fnv1a(key)] for key, offset in keys_of(w)] for w in normalize(text).split(" ") if w]
        assert js["keys"] == py, text


def test_the_table_is_what_python_generates():
    """fold.json is generated from unicodedata; regenerate with `python -m xiaobao.search.fold` on purpose."""
    assert fold.decode(fold.encode(fold.generate())) == fold.generate()
    assert fold.table()[ord("Ａ")] == "a" and fold.table()[ord("，")] == ","
