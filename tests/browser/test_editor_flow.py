"""The editor's path in Chromium: a Word report with a space in its name → make import → the review
page (the address the page will have, figures whose quote shows another number) → a front-matter
slip shown in the browser → fixed, the page reloads by itself → figures corrected, marked reviewed
with the address the review page gave → in a --strict build, where a draft never was."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import build, make_tree, serving

pytestmark = [pytest.mark.browser, pytest.mark.build]
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "t01_bank_315.txt"


def _word_file(path: Path) -> None:
    import docx

    document = docx.Document()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def _make_import(root: Path, names: str) -> str:
    """What `make import FILES="..."` runs: the names arrive unquoted in the environment."""
    script = Path(__file__).resolve().parents[2] / "scripts" / "import_summary.py"
    proc = subprocess.run([sys.executable, str(script), "--names-from-env", "FILES", "--out", "campaigns"],
                          cwd=root, env={**os.environ, "FILES": names, "PYTHONPATH": str(root)},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def _reviewed(text: str, slug: str) -> str:
    """The file after review: published, slug written, and each figure that is not a number of its quote
    (the importer added up several sentences) keeps its value with a note instead of the one quote."""
    from xiaobao.campaigns.quotecheck import mismatch
    from xiaobao.campaigns.evidence import read_figure

    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    for metric, raw in (meta.get("stats") or {}).items():
        if isinstance(raw, dict) and mismatch(read_figure(raw)):
            meta["stats"][metric] = {"value": raw["value"], "note": "原文几处数字相加"}
    meta.update(status="published", slug=slug)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def _data(site: Path) -> str:
    return (site / "data" / "campaigns.json").read_text(encoding="utf-8")


def test_editor_imports_reviews_fixes_and_publishes(browser, tmp_path):
    root = make_tree(tmp_path, {})
    (root / "收件箱").mkdir()
    _word_file(root / "收件箱" / "3·15 活动总结.docx")
    out = _make_import(root, "收件箱/3·15 活动总结.docx")
    [draft] = list((root / "campaigns").rglob("*.md"))
    assert f"写入草稿 campaigns/{draft.relative_to(root / 'campaigns').as_posix()}" in out
    good = draft.read_text(encoding="utf-8")
    assert "status: draft" in good and "\nreview:\n" in good and "# 待核对" not in good  # doubts as data
    assert "\nslug:" not in good  # the address waits for the review

    # A draft never reaches site/ or the open data under `make build`.
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    assert not (result.site / "campaigns" / draft.stem).exists() and draft.stem not in _data(result.site)

    with serving(root, "review/", expect="待核对的草稿", seconds=180) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        tab = context.new_page()
        tab.goto(url)
        assert tab.locator("h2", has_text="xx农商银行开展").count() == 1
        marks = tab.locator(".xb-review-text mark")
        assert marks.count() >= 5
        assert "86个营业网点" in marks.all_inner_texts()
        background = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # really highlighted
        tab.locator("a", has_text="“86个营业网点”").first.click()
        assert tab.evaluate("location.hash") == "#" + marks.first.get_attribute("id")
        slug = tab.locator(".xb-review-address-how code").first.inner_text()  # 发布后的网址 … 网址名 <slug>
        assert f"/campaigns/{slug}/" in tab.locator(".xb-review-address").first.inner_text()
        mismatched = tab.locator(".xb-review-mismatch").count()  # sums quoted from one of their sentences

        # A slip in the front matter: the open page turns into the problem list by itself.
        draft.write_text(good.replace("\norg_type: ", "\norg_type：", 1), encoding="utf-8")
        tab.wait_for_selector("#xiaobao-problems", timeout=60_000)
        problems = tab.locator("#xiaobao-problems").inner_text()
        assert draft.name in problems and "org_type" in problems and "中文冒号" in problems

        # The fix: the page reloads by itself and the review page is back.
        draft.write_text(good, encoding="utf-8")
        tab.wait_for_selector(".xb-review-draft", timeout=60_000)

        # The reviewer's edits: a figure whose quote shows another number gets a note instead of that
        # quote; then published, with the address the review page gave.
        reviewed = _reviewed(good, slug)
        assert reviewed.count("note: 原文几处数字相加") == mismatched
        draft.write_text(reviewed, encoding="utf-8")
        tab.wait_for_selector("text=现在没有待核对的草稿", timeout=60_000)
        context.close()

    result = build(root)  # mkdocs build --strict
    assert result.returncode == 0, result.output[-3000:]
    assert (result.site / "campaigns" / slug / "index.html").exists()
    assert any(c["slug"] == slug for c in json.loads(_data(result.site))["campaigns"])
