"""The dictionary behind the number windows: cut like jieba, cached as data (never as code)."""

import json

from xiaobao.importer import words


def test_windows_are_cut_by_word_probability():
    assert [w for w, _ in words.cut("学生上金融课")] == ["学生", "上", "金融", "课"]
    assert dict(words.cut("发放宣传折页7600余份"))["发放"] == "v"


def test_a_broken_or_hostile_cache_is_rebuilt_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "dict.txt"  # jieba's format: word, count, part of speech
    source.write_text("学生 4000 n\n金融 3000 n\n发放 2000 v\n", encoding="utf-8")
    cache = words._cache_file(source)
    cache.parent.mkdir(parents=True)
    cache.write_text('{"n": "not a table"}', encoding="utf-8")
    groups = words._load_groups(source)
    assert groups == {"n": {"学生": 4000, "金融": 3000}, "v": {"发放": 2000}}
    assert json.loads(cache.read_text(encoding="utf-8")) == groups  # rewritten as plain data
