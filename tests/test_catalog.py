"""Validation as editors meet it: every problem of every file, named by file, field and line."""

import textwrap
from pathlib import Path

import pytest

from xiaobao.campaigns.catalog import load_catalog

GOOD = """\
---
title: 工商银行南通分行“3·15”宣传
organization: 工商银行南通分行
org_type: bank
region: 江苏省南通市
campaign: 3·15 金融消费者权益日
start: 2024-03-09
end: 2024-03-15
topics: [consumer-law, credit-reporting]
summary: 115 个网点开展宣传。
stats:
  outlets: 115
  materials: 7600余
  complaints: XX
---

正文第一段。
"""


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / "campaigns" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root / "campaigns"


def problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    catalog = load_catalog(write(tmp_path, files), tmp_path)
    return [str(p) for p in catalog.problems]


def test_good_file_loads(tmp_path):
    catalog = load_catalog(write(tmp_path, {"2024/nantong-315.md": GOOD}), tmp_path)
    assert catalog.problems == []
    [c] = catalog.campaigns
    assert c.slug == "nantong-315"
    assert c.stats["materials"].value == 7600 and c.stats["materials"].qualifier == "more_than"
    assert c.stats["complaints"].value is None
    assert c.year == 2024


def test_bad_figure_names_file_field_line_and_fix(tmp_path):
    text = GOOD.replace("materials: 7600余", "materials: 七千六")
    assert problems(tmp_path, {"2024/nantong-315.md": text}) == [
        "campaigns/2024/nantong-315.md: stats.materials（第 13 行）：“七千六”读法不唯一。"
        "请写成阿拉伯数字，如 509、7600+、7600余、1.5万余、约1000、近百，未披露写 XX"
    ]


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    bad = (GOOD.replace("org_type: bank", "org_type: banc")
               .replace("[consumer-law, credit-reporting]", "[consumer-law, credit]")
               .replace("  outlets: 115", "  outlet: 115")
               .replace("end: 2024-03-15", "end: 2024-03-01")
               .replace("summary:", "colour: red\nsummary:"))
    found = problems(tmp_path, {"2024/a.md": bad, "2024/b.md": GOOD.replace("materials: 7600余", "materials: -5")})
    assert any("campaigns/2024/a.md: org_type（第 4 行）：“banc”不是单位类型。是不是想写 bank？" in p for p in found)
    assert any("campaigns/2024/a.md: topics（第 9 行）：“credit”不是主题。" in p for p in found)
    assert any("campaigns/2024/a.md: stats.outlet（第 13 行）：“outlet”不是指标。是不是想写 outlets？" in p for p in found)
    assert any("campaigns/2024/a.md: end（第 8 行）：结束日期 2024-03-01 早于开始日期 2024-03-09" in p for p in found)
    assert any("campaigns/2024/a.md: colour（第 10 行）：没有这个字段。" in p for p in found)
    assert any("campaigns/2024/b.md: stats.materials（第 13 行）：“-5”是负数" in p for p in found)
    assert len(found) == 6


def test_broken_yaml_gives_line_not_traceback(tmp_path):
    text = GOOD.replace('title: 工商银行南通分行“3·15”宣传', 'title: "未闭合的引号')
    [message] = problems(tmp_path, {"2024/x.md": text})
    assert message.startswith("campaigns/2024/x.md: title（第 2 行）")  # the line to fix, not where PyYAML gave up
    assert "YAML 格式有误" in message and "没有配对" in message


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("", "文件是空的"),
        ("正文而已，没有前置信息。\n", "第一行应当只写 ---"),
        ("---\ntitle: x\n", "前置信息没有结束"),
        (GOOD.split("正文")[0], "只有前置信息，没有总结正文"),
        ("---\n- a\n- b\n---\n正文\n", "前置信息应当是“字段: 值”的列表"),
        (GOOD.replace("title:", "summary: 重复\ntitle:"), "字段 summary 写了两次"),
        (GOOD.replace("[consumer-law, credit-reporting]", "consumer-law"), "应当写成列表"),
        (GOOD.replace("  outlets: 115\n  materials: 7600余\n  complaints: XX\n", "  - 115\n").replace("stats:\n", "stats:\n"), "stats"),
        (GOOD.replace("start: 2024-03-09", "start: 2024-02-30"), "只有 29 天"),
        (GOOD.replace("org_type: bank\n", ""), "缺少必填字段 org_type"),
    ],
)
def test_bad_files(tmp_path, content, fragment):
    found = problems(tmp_path, {"2024/x.md": content})
    assert found, "expected a problem"
    assert all(p.startswith("campaigns/2024/x.md") for p in found)
    assert any(fragment in p for p in found), found


def test_gb18030_file_is_named(tmp_path):
    [message] = problems(tmp_path, {"2024/gbk.md": GOOD.encode("gb18030")})
    assert message == "campaigns/2024/gbk.md：文件不是 UTF-8 编码（可能是 GBK/GB18030）。请在编辑器里选“UTF-8”另存"


def test_utf8_bom_is_fine(tmp_path):
    assert problems(tmp_path, {"2024/bom.md": "\ufeff" + GOOD}) == []


def test_oversized_file(tmp_path):
    [message] = problems(tmp_path, {"2024/big.md": GOOD + "字" * 1_000_000})
    assert "超过 2 MB 上限" in message


def test_duplicate_slugs(tmp_path):
    found = problems(tmp_path, {"2024/a.md": GOOD + "\nslug 甲", "2024/b.md": GOOD.replace("summary:", "slug: a\nsummary:") + "另一段完全不同的内容，讲的是另一场活动的情况。"})
    assert "campaigns/2024/b.md: slug（第 10 行）：网址名“a”已被 campaigns/2024/a.md 使用。请换一个" in found


def test_folder_year_must_match(tmp_path):
    [message] = problems(tmp_path, {"2023/x.md": GOOD})
    assert message == "campaigns/2023/x.md: start（第 7 行）：文件放在 2023 文件夹，但活动是 2024 年。请把文件移到 campaigns/2024/"


BODY = "为做好金融消费者权益保护工作，我行组织开展了宣传活动。各网点设立咨询台，发放宣传资料，解答群众咨询。活动期间共接待客户咨询，受到群众好评。下一步我行将继续做好宣传工作。"


def test_near_duplicates_are_reported_until_acknowledged(tmp_path):
    a = GOOD.replace("正文第一段。", BODY)
    b = a.replace("summary:", "slug: b-copy\nsummary:")
    found = problems(tmp_path, {"2024/a.md": a, "2024/b.md": b})
    assert found == ["campaigns/2024/b.md：正文与 campaigns/2024/a.md 有 100% 相同，可能是同一篇总结。"
                     "若确是两次活动，请在其中一篇写 near_duplicate_of: a；否则删去一篇"]
    acknowledged = b.replace("summary:", "near_duplicate_of: a\nsummary:")
    (tmp_path / "campaigns/2024/b.md").write_text(acknowledged, encoding="utf-8")
    catalog = load_catalog(tmp_path / "campaigns", tmp_path)
    assert catalog.errors == [] and catalog.warnings == []
    assert [str(p) for p in catalog.notes] == ["campaigns/2024/b.md：正文与 campaigns/2024/a.md 有 100% 相同，已标注 near_duplicate_of，两篇都计入合计"]


def test_chinese_filename_needs_slug(tmp_path):
    found = problems(tmp_path, {"2024/南通.md": GOOD})
    assert found == ["campaigns/2024/南通.md: slug：文件名不能做网址名：请加 slug 字段，只用小写英文字母、数字和连字符"]


def test_redirects_share_the_slug_namespace(tmp_path):
    a = GOOD.replace("summary:", "redirects: [old-name]\nsummary:")
    b = GOOD.replace("summary:", "slug: old-name\nsummary:") + "另一场活动，完全不同的正文内容，讲述别的事情。"
    found = problems(tmp_path, {"2024/a.md": a, "2024/b.md": b})
    assert found == ["campaigns/2024/b.md: slug（第 10 行）：网址名“old-name”已被 campaigns/2024/a.md 使用。请换一个"]


def test_fingerprint_ignores_all_whitespace_but_newline():
    from xiaobao.campaigns.neardup import fingerprint

    spaces = "".join(c for c in map(chr, range(0x110000)) if c.isspace() and c != "\n")
    sentence = "农村商业银行广州分行开展金融知识宣传活动"
    spread = spaces.join(sentence) + "，发放资料 7,600 余份"
    assert fingerprint(spread) == fingerprint(sentence + "发放资料余份")
    assert len(fingerprint(f"{sentence}\n{sentence}再来一句")) == 2


def test_a_file_with_personal_data_gives_no_campaign_read_fresh_or_from_the_cache(tmp_path):
    """The check is part of reading a file: no catalog ever holds the campaign, even for a moment."""
    mobile = GOOD.replace("正文第一段。", "客户留下电话 13812345678 后，我们回访了。")
    write(tmp_path, {"2024/a.md": GOOD, "2024/b.md": mobile})
    for _ in ("fresh", "cached"):
        found = load_catalog(tmp_path / "campaigns", tmp_path)
        assert [c.path for c in found.campaigns] == ["campaigns/2024/a.md"]
        assert [p.file for p in found.errors] == ["campaigns/2024/b.md"] and "手机号码" in found.errors[0].message


def test_a_campaign_read_into_an_empty_cache_holds_its_text_once(tmp_path):
    """Pickling a campaign for the build cache leaves a UTF-8 copy inside every non-ASCII str it
    pickled (CPython keeps it for the str's life): the catalog then held each summary three bytes a
    character more, 7 KB a campaign for the whole build. What is returned must not carry it."""
    import sys

    from xiaobao.cache.store import Store

    body = "正文第一段，讲反假币和征信。" * 200
    write(tmp_path, {"2024/nantong-315.md": GOOD.replace("正文第一段。", body)})
    for run in ("empty cache", "warm cache"):
        [c] = load_catalog(tmp_path / "campaigns", tmp_path, store=Store(tmp_path / "cache")).campaigns
        assert c.body.startswith(body)
        # UCS-2 (two bytes a character) plus the object's header; a cached UTF-8 form adds 3 a character
        assert sys.getsizeof(c.body) < 2 * len(c.body) + 200, run
