"""What under docs/ is published, refused, skipped or drafted; the output folder; the CSP scan (issue 26).

Fast unit tests of the rules; tests/test_bad_inputs.py runs one case of each through make build,
make publish and make import.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from test_bad_inputs import minimal_pdf
from xiaobao.publish import csp
from xiaobao.publish.doctext import MAX_XML, DocTextError, document_text
from xiaobao.publish.inventory import docs_inventory
from xiaobao.publish.outfolder import out_problem
from xiaobao.publish.rawfiles import classify

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


@pytest.mark.parametrize("src, head, kind", [
    ("assets/uploads/a.png", PNG, "image"), ("a.JPG", b"\xff\xd8\xff\xe0", "image"), ("a.pdf", b"%PDF-1.7", "document"),
    ("a.docx", b"PK\x03\x04", "document"), ("topics/x.md", b"---", "page"), ("assets/js/search.js", b"", "code"),
    ("assets/css/site.css", b"", "code"),
    ("assets/uploads/a.html", b"<html>", "refused"), ("a.svg", b"<svg", "refused"), ("assets/uploads/a.js", b"", "refused"),
    ("assets/js/sub/a.js", b"", "refused"), ("a.css", b"", "refused"), ("a.zip", b"PK", "refused"), ("README", b"x", "refused"),
    ("a.png", b"<html><script>", "refused"), ("a.webp", b"RIFF\x00\x00\x00\x00WAVE", "refused"),
    ("topics/x.md~", b"---", "skipped"), ("~$report.docx", b"PK", "skipped"), ("a.bak", b"", "skipped"), ("#a.md#", b"", "skipped"),
])
def test_raw_files_are_allow_listed(src, head, kind):
    verdict = classify(src, head)
    assert verdict.kind == kind, verdict
    if kind in ("refused", "skipped"):
        assert verdict.message and any("\u4e00" <= ch <= "\u9fff" for ch in verdict.message)


def test_inventory_withholds_refused_files_and_names_everything(tmp_path):
    docs = tmp_path / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "notes" / "ok.md").write_text("---\ntitle: 好\n---\n\n# 好\n\n正文。\n", encoding="utf-8")
    (docs / "notes" / "draft.md").write_text("---\ntitle: 草稿\nstatus: 草稿\n---\n\n# 草稿\n", encoding="utf-8")
    (docs / "notes" / "ok.md~").write_text("x", encoding="utf-8")
    (docs / "x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "poster.png").write_bytes(PNG)
    (docs / "report.pdf").write_bytes(minimal_pdf("Call 139 1234 5678"))
    (docs / "clean.pdf").write_bytes(minimal_pdf("Hotline 12315"))
    (docs / ".DS_Store").write_bytes(b"\x00")
    (docs / "link.png").symlink_to("/etc/passwd")
    inventory = docs_inventory(tmp_path, docs, allowlist=())
    assert inventory.withheld == {"notes/ok.md~", "x.html", "report.pdf", "link.png"}
    assert inventory.drafts == {"notes/draft.md"}
    named = {p.file for p in inventory.problems}
    assert named == {"docs/notes/ok.md~", "docs/x.html", "docs/report.pdf", "docs/link.png", "docs/.DS_Store",
                     "docs/notes/draft.md"}
    assert not inventory.withholds("notes/ok.md") and inventory.withholds("x.html")


def test_office_text_includes_what_word_hides_and_stops_a_zip_bomb(tmp_path):
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", '<w:document><w:body><w:p><w:r><w:t>甲</w:t></w:r></w:p>'
                         '<w:p><w:del><w:r><w:delText>客户电话 139</w:delText></w:r></w:del><w:r><w:t>1234 5678</w:t></w:r></w:p>'
                         '</w:body></w:document>')
        archive.writestr("docProps/core.xml", "<cp:coreProperties><dc:creator>王建国</dc:creator></cp:coreProperties>")
    text = document_text(path)
    assert "客户电话 1391234 5678" in text and "王建国" in text
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:t>" + b"0" * (MAX_XML + 10) + b"</w:t>")
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(DocTextError, match="压缩炸弹"):
        document_text(bomb)
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(DocTextError, match="不是完整的 Office 文件"):
        document_text(tmp_path / "fake.docx")


def test_publish_output_must_be_new_empty_or_an_earlier_output(tmp_path):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "index.md").write_text("x")
    assert out_problem(repo / "public", repo) is None
    assert "docs/" in out_problem(repo / "docs", repo) and "make publish OUT=public" in out_problem(repo / "docs", repo)
    assert out_problem(repo / "docs" / "sub", repo) and out_problem(repo, repo) and out_problem(tmp_path, repo)
    earlier = tmp_path / "release"
    (earlier / "site").mkdir(parents=True)
    (earlier / "csp.txt").write_text("x")
    (earlier / ".xiaobao-publish").write_text("x")
    assert out_problem(earlier, repo) is None
    (earlier / "notes.txt").write_text("mine")
    assert "notes.txt" in out_problem(earlier, repo)


def test_csp_scan_reads_html_not_raw_text():
    found = csp.Inline()
    csp.scan_page('<p>写 <code>onclick="alert(1)"</code> 的按钮不安全；onclick=alert(1) 只是文字。</p>'
                  '<p title="onload=x">标题里也只是文字</p>', "notes/a/index.html", found)
    assert found.problems == []
    csp.scan_page('<p><a href="#" onclick="go()">打开表格</a></p>', "campaigns/x/index.html", found,
                  source="campaigns/2024/x.md")
    assert found.problems == ["campaigns/x/index.html（由 campaigns/2024/x.md 生成）：<a>（文字“打开表格”）上有 onclick= "
                              "这样的内联事件，内容安全策略不允许；请改用脚本文件"]


def test_csp_hashes_script_text_exactly_as_written():
    found = csp.Inline()
    csp.scan_page("<script>if (a < b && c > d) { x = '</div>'; }</script>", "a.html", found)
    assert found.scripts == {csp.sha256("if (a < b && c > d) { x = '</div>'; }")}


def test_screen_pages_are_filled_in_one_pass():
    """Issue 26 (low): a site_name holding {{DATA}} or markup stays those characters, escaped."""
    from xiaobao.outputs.screen import fill, render_short_page

    assert fill("<h1>{{SITE_NAME}}</h1>{{DATA}}", {"SITE_NAME": "{{DATA}}", "DATA": "x"}) == "<h1>{{DATA}}</h1>x"
    page = render_short_page("消保{{DATA}}<b>", "https://xb.bank.cn/screen-builder/")
    assert "消保{{DATA}}&lt;b&gt;" in page and "<b>" not in page
