"""Traditional characters fold to simplified ones (xiaobao/search/traditional.py, through fold.json):
the committed table and the rules that generate it from OpenCC's dictionaries."""

from __future__ import annotations

from pathlib import Path

from xiaobao.search import fold
from xiaobao.search.text import normalize
from xiaobao.search.traditional import generate, table


def test_the_committed_table_folds_what_readers_type():
    t = table()
    assert len(t) > 2500
    assert all(len(k) == len(v) == 1 and ord(k) <= 0xFFFF and ord(v) <= 0xFFFF for k, v in t.items())
    assert not set(t) & set(t.values())  # one step is enough: folding twice changes nothing
    for trad, simp in ("詐诈", "騙骗", "銀银", "徵征", "費费", "幣币", "別别", "麼么", "後后", "裡里", "啟启"):
        assert t[trad] == simp
    for common in "么著干后里于征台发":  # simplified characters stay as they are
        assert common not in t


def test_the_folding_table_carries_it_for_pages_and_queries_alike():
    table_ = fold.table()
    assert table_[ord("詐")] == "诈" and ord("诈") not in table_
    assert normalize("如何辨別假幣？") == "如何辨别假币?"
    assert normalize(normalize("臺灣銀行 信用卡盜刷")) == normalize("臺灣銀行 信用卡盜刷") == "台湾银行 信用卡盗刷"


def _opencc(tmp: Path, files: dict[str, str]) -> Path:
    for name in ("TSCharacters.txt", "STCharacters.txt", "STPhrases.txt", "TWVariantsRev.txt", "HKVariantsRev.txt"):
        (tmp / name).write_text("# comment\n" + files.get(name, ""), encoding="utf-8")
    return tmp


def test_generation_takes_opencc_defaults_and_keeps_simplified_characters(tmp_path):
    data = _opencc(tmp_path, {
        "TSCharacters.txt": "詐\t诈\n徵\t征 徵\n乾\t干 乾\n啓\t启\n喫\t吃\n𠌥\t𠆿\n",
        "STCharacters.txt": "么\t麼 么\n",
        "STPhrases.txt": "显著\t顯著\n",
        "TWVariantsRev.txt": "啟\t啓\n吃\t喫\n著\t着\n么\t幺 麼\n",
    })
    out = generate(data)
    assert out["詐"] == "诈" and out["徵"] == "征" and out["乾"] == "干"  # OpenCC's default, first
    assert out["啟"] == "启"  # a Taiwan form, through the standard form
    assert "吃" not in out  # a variant that folds back to itself
    assert "著" not in out and "么" not in out  # simplified characters (显著, 怎么) are left alone
    assert "𠌥" not in out  # outside the BMP: the index works on UTF-16 units
