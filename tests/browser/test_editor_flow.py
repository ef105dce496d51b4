"""The editor's path in Chromium: a Word report with a space in its name → make import → the review
page → a front-matter slip shown in the browser → fixed, the page reloads by itself → marked
reviewed → in a --strict build, where a draft never was."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import build, make_tree, serving

pytestmark = [pytest.mark.browser, pytest.mark.build]
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "t01_bank_315.txt"
REVIEW_BLOCK = re.compile(r"^# 待核对.*?^status: draft\n", re.S | re.M)


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


def _data(site: Path) -> str:
    return (site / "data" / "campaigns.json").read_text(encoding="utf-8")


def test_editor_imports_reviews_fixes_and_publishes(browser, tmp_path):
    root = make_tree(tmp_path, {})
    (root / "收件箱").mkdir()
    _word_file(root / "收件箱" / "3·15 活动总结.docx")
    out = _make_import(root, "收件箱/3·15 活动总结.docx")
    [draft] = list((root / "campaigns").rglob("*.md"))
    assert f"写入草稿 campaigns/{draft.relative_to(root / 'campaigns').as_posix()}" in out
    slug = draft.stem
    good = draft.read_text(encoding="utf-8")
    assert "status: draft" in good and "# 待核对" in good

    # A draft never reaches site/ or the open data under `make build`.
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    assert not (result.site / "campaigns" / slug).exists() and slug not in _data(result.site)

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
        tab.locator("a", has_text="“86个营业网点”").click()
        assert tab.evaluate("location.hash") == "#" + marks.first.get_attribute("id")

        # A slip in the front matter: the open page turns into the problem list by itself.
        draft.write_text(good.replace("\norg_type: ", "\norg_type：", 1), encoding="utf-8")
        tab.wait_for_selector("#xiaobao-problems", timeout=60_000)
        problems = tab.locator("#xiaobao-problems").inner_text()
        assert draft.name in problems and "org_type" in problems and "中文冒号" in problems

        # The fix: the page reloads by itself and the review page is back.
        draft.write_text(good, encoding="utf-8")
        tab.wait_for_selector(".xb-review-draft", timeout=60_000)

        # Marked reviewed: one block deleted. The draft leaves the review page.
        reviewed = REVIEW_BLOCK.sub("", good, count=1)
        assert "待核对" not in reviewed and "status:" not in reviewed
        draft.write_text(reviewed, encoding="utf-8")
        tab.wait_for_selector("text=现在没有待核对的草稿", timeout=60_000)
        context.close()

    result = build(root)  # mkdocs build --strict
    assert result.returncode == 0, result.output[-3000:]
    assert (result.site / "campaigns" / slug / "index.html").exists()
    assert any(c["slug"] == slug for c in json.loads(_data(result.site))["campaigns"])
