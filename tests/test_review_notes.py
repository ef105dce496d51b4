"""Importer doubts are data in the front matter: written by the importer, validated, kept by a re-save,
shown on the review page with each figure's reason; old-style # 待核对 files are still read.
A draft's address follows its organisation until the reviewer fixes it."""

from __future__ import annotations

import textwrap

import yaml

from xiaobao.campaigns.catalog import load_catalog
from xiaobao.campaigns.frontmatter import parse
from xiaobao.campaigns.review import block_lines, from_comments, migrate_comments, read_notes
from xiaobao.campaigns.schema import validate
from xiaobao.site.review import review_html

DRAFT = """
---
status: draft
review:
  doubts:
    - "没有找到活动名称，留空"
  figures:
    - metric: outlets
      value: "115"
      quote: "115个网点开展宣传"
      reason: "“网点”是营业网点"
title: 工商银行南通分行“3·15”宣传
organization: 减少往返银行
org_type: bank
start: 2024-03-09
topics: [consumer-law]
summary: 115 个网点开展宣传。
stats:
  outlets:
    value: 115
    quote: 115个网点开展宣传
---

南通分行115个网点开展宣传。
"""


def _catalog(tmp_path, text: str, name: str = "gongshangyinhang-2024-03-09.md"):
    (tmp_path / "campaigns" / "2024").mkdir(parents=True, exist_ok=True)
    (tmp_path / "campaigns" / "2024" / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return load_catalog(tmp_path / "campaigns", tmp_path)


def test_review_block_is_read_as_data():
    notes, problems = read_notes(yaml.safe_load(textwrap.dedent(DRAFT).split("---\n")[1])["review"])
    assert not problems and notes.doubts == ("没有找到活动名称，留空",)
    assert notes.figures[0].metric == "outlets" and notes.figures[0].reason == "“网点”是营业网点"


def test_bad_review_blocks_are_named_not_raised():
    for raw, where in [("文字", "review"), ({"doubt": []}, "review"), ({"figures": [{"metric": "x"}]}, "review.figures.1"),
                       ({"doubts": [{"a": 1}]}, "review.doubts.1"), ({"doubts": ["x" * 600]}, "review.doubts.1")]:
        _, problems = read_notes(raw)
        assert problems and problems[0][0] == where, (raw, problems)
    doc = parse("---\ntitle: t\nreview: 123\n---\n正文\n")
    _, problems = validate(doc, "campaigns/2024/x.md", "x")
    assert any(p.field == "review" and "doubts" in p.message for p in problems)


def test_old_style_comments_still_read():
    notes = from_comments("---\n# 待核对（导入程序写的）\n# 待核对：campaign：没有找到活动名称\n"
                          "# 待核对：原文数字 materials 7600.0（more_than）←“宣传折页7600余份”\nstatus: draft\n")
    assert notes.old_style and notes.doubts == ("campaign：没有找到活动名称",)
    assert notes.figures[0].value == "7600余" and notes.figures[0].quote == "宣传折页7600余份"


def test_review_page_shows_doubts_reason_and_address(tmp_path):
    catalog = _catalog(tmp_path, DRAFT)
    [draft] = catalog.campaigns
    page = review_html(catalog.campaigns, tmp_path, "https://xiaobao.example.cn/")
    assert "没有找到活动名称，留空" in page and "导入程序没有留下疑问" not in page
    assert "为什么算“网点”：“网点”是营业网点" in page
    assert f"https://xiaobao.example.cn/campaigns/{draft.slug}/" in page and "草稿（还在写，不会发布）" in page


def test_draft_address_follows_the_organisation_until_written(tmp_path):
    first = _catalog(tmp_path, DRAFT).campaigns[0]
    assert not first.slug_written and first.slug == "jianshao-wangfan-yinhang-2024-03-09"
    fixed = _catalog(tmp_path, DRAFT.replace("organization: 减少往返银行", "organization: 工商银行南通分行")).campaigns[0]
    assert fixed.slug.startswith("gongshangyinhang") and fixed.slug != first.slug, fixed.slug
    page = review_html([fixed], tmp_path, "https://xiaobao.example.cn/")
    assert "按单位名“工商银行南通分行”和日期生成" in page


def test_publishing_without_fixing_the_address_is_refused_with_the_value(tmp_path):
    text = DRAFT.replace("status: draft", "status: published").replace("organization: 减少往返银行", "organization: 工商银行南通分行")
    catalog = _catalog(tmp_path, text)
    [problem] = [p for p in catalog.errors if p.field == "slug"]
    assert "slug: gongshangyinhang" in problem.message and problem.file == "campaigns/2024/gongshangyinhang-2024-03-09.md"
    done = _catalog(tmp_path, text.replace("status: published", "status: published\nslug: icbc-nantong-315"))
    assert not done.errors and done.campaigns[0].slug == "icbc-nantong-315"


def test_submitted_is_not_public(tmp_path):
    from xiaobao.campaigns.drafts import public

    catalog = _catalog(tmp_path, DRAFT.replace("status: draft", "status: 送审"))
    assert catalog.campaigns[0].status == "submitted" and public(catalog.campaigns) == []
    assert "送审（写完了，请审核人核对）" in review_html(catalog.campaigns, tmp_path)


OLD = """---
# 待核对（导入程序写的，核对完把这几行连同下面的 status: draft 一起删掉）
# 待核对：campaign：没有找到活动名称，留空
# 待核对：原文数字 outlets 115（exact）←“115个网点开展宣传”
status: draft
slug: gongshangyinhang-2024-03-09
title: 工商银行南通分行“3·15”宣传
organization: 工商银行南通分行
org_type: bank
start: 2024-03-09  # 原文写 3月9日
topics: [consumer-law]
summary: 115 个网点开展宣传。
stats:
  outlets: 115
---

南通分行115个网点开展宣传。
"""


def test_old_style_comments_migrate_to_data_and_nothing_else_changes(tmp_path):
    new = migrate_comments(OLD)
    assert "# 待核对" not in new and migrate_comments(new) is None  # once
    block = "\n".join(block_lines(from_comments(OLD))) + "\n"
    assert new.replace(block, "") == "\n".join(l for l in OLD.split("\n") if "# 待核对" not in l)  # every other line kept
    catalog = _catalog(tmp_path, new)
    [c] = catalog.campaigns
    assert c.review.doubts == ("campaign：没有找到活动名称，留空",) and c.review.figures[0].quote == "115个网点开展宣传"
    assert "旧式备注" not in review_html([c], tmp_path)


def test_review_page_warns_that_a_form_save_drops_old_comments(tmp_path):
    catalog = _catalog(tmp_path, OLD)
    assert "旧式备注" in review_html(catalog.campaigns, tmp_path) and "scripts/migrate_review.py" in review_html(catalog.campaigns, tmp_path)


def test_migration_script_changes_only_old_files(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    old, new_style = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new_style.write_text(textwrap.dedent(DRAFT).lstrip(), encoding="utf-8")
    before = new_style.read_text(encoding="utf-8")
    script = Path(__file__).resolve().parent.parent / "scripts" / "migrate_review.py"
    done = subprocess.run([sys.executable, str(script), str(old), str(new_style)], capture_output=True, text=True)
    assert done.returncode == 0 and "共转换 1 个文件" in done.stdout
    assert "review:" in old.read_text(encoding="utf-8") and new_style.read_text(encoding="utf-8") == before
