"""Long problem lists are summarised: the first 50, then a count per kind (issue 12)."""

from __future__ import annotations

from pathlib import Path

from xiaobao.campaigns.catalog import load_catalog
from xiaobao.campaigns.problems import SHOW_FIRST, blocking_message


def _write(tmp_path: Path, count: int) -> None:
    topics = ", ".join(f"t{n}" for n in range(count))
    (tmp_path / "campaigns" / "2024").mkdir(parents=True)
    (tmp_path / "campaigns" / "2024" / "many.md").write_text(
        f"---\ntitle: 很多主题\norganization: 测试银行\norg_type: bank\ntopics: [{topics}]\nsummary: 概述\nfoo: 1\n---\n\n正文\n",
        encoding="utf-8")


def test_fifty_thousand_unknown_topics_make_one_short_message(tmp_path: Path):
    _write(tmp_path, 50_000)  # the front matter alone is over its limit: one line, not 12 MB
    [problem] = load_catalog(tmp_path / "campaigns", tmp_path).errors
    assert str(problem) == "campaigns/2024/many.md（第 2 行）：前置信息太长（388964 个字符，最多 65536）。总结正文请写在第二个 --- 下面"


def test_thousands_of_problems_show_the_first_fifty_and_a_count_per_kind(tmp_path: Path):
    _write(tmp_path, 6_000)
    catalog = load_catalog(tmp_path / "campaigns", tmp_path)
    assert len(catalog.errors) == 6_001
    message = blocking_message(catalog.errors, "网站没有生成")
    lines = message.splitlines()
    assert len(message.encode("utf-8")) < 40_000 and len(lines) == 1 + SHOW_FIRST + 1
    assert lines[0] == "活动总结有 6001 处问题，网站没有生成。请逐条改正："
    assert lines[-1] == "  ……另有 5951 处没有列出（topics 5950 处；foo 1 处）。改好上面这些后再构建，会列出其余的"


def test_a_short_list_is_shown_whole():
    from xiaobao.campaigns.problems import Problem

    problems = [Problem("campaigns/2024/a.md", 3, "title", "太长了")]
    assert blocking_message(problems, "网站没有生成") == "活动总结有 1 处问题，网站没有生成。请逐条改正：\n  campaigns/2024/a.md: title（第 3 行）：太长了"
