"""The query dictionary made with the build cache is the one made without it (xiaobao.search.dictionary)."""

from __future__ import annotations

from pathlib import Path

from xiaobao.cache.store import Store
from xiaobao.search.dictionary import build_words
from xiaobao.search.synonyms import Synonyms

EDITORS = ["收到假币请交给银行，反假货币人人有责。", "个人征信报告可以每年免费查询两次。"]
HEADINGS = ["收到假币怎么办", "怎样查询个人征信"]
CAMPAIGNS = ["某银行在社区开展防范电信网络诈骗宣传活动，发放宣传折页。"] * 3 + ["农村信用社走进集市宣传反假货币知识。"] * 2


def _words(cache: Store | None) -> list[str]:
    return build_words(EDITORS, HEADINGS, CAMPAIGNS, Synonyms(), ["个人征信"], cache)


def test_cached_cuts_give_the_same_words(tmp_path: Path):
    store = Store(tmp_path / "cache", version="test")
    plain = _words(None)
    first = _words(store)
    assert store.misses == 6 and store.hits == 3  # each distinct text cut once, kept; repeats read back
    second = _words(store)
    assert store.misses == 6 and store.hits == 12  # every text read back, none cut again
    assert plain == first == second
    assert "防范电信网络诈骗" in " ".join(plain) or "电信网络诈骗" in plain or "诈骗" in plain


def test_a_changed_text_is_cut_again(tmp_path: Path):
    store = Store(tmp_path / "cache", version="test")
    _words(store)
    before = store.misses
    changed = build_words(EDITORS, HEADINGS, ["信用卡分期手续费宣传活动走进社区。"] * 2, Synonyms(), ["个人征信"], store)
    assert store.misses == before + 1
    assert changed == build_words(EDITORS, HEADINGS, ["信用卡分期手续费宣传活动走进社区。"] * 2, Synonyms(), ["个人征信"])
