"""Every file beside the pages is declared once (xiaobao/pipeline/outputs.py), and read from there."""

from __future__ import annotations

from pathlib import Path

import pytest

from xiaobao.outputs.opendata import DATA_PATHS
from xiaobao.pipeline import outputs
from xiaobao.pipeline.outputs import OUTPUTS, PLACEHOLDERS, OutputError, Written, declared
from xiaobao.publish import mime


def test_each_kind_of_file_is_declared_with_writer_time_and_type():
    for path, what in [("data/stats.json", "开放数据"), ("search/ab12/s/0.bin", "搜索索引"), ("qr/topics/x.svg", "二维码文件"),
                       ("qr/index.html", "二维码下载页"), ("feed.xml", "订阅源"), ("print/fraud/index.html", "打印版"),
                       ("s/index.html", "大屏短链接"), ("admin/dist/decap-cms.js", "编辑表单的程序（vendor/decap-cms）")]:
        assert declared(path).what == what, path
    assert declared("qr/x.png") is None and declared("data/other.json") is None and declared("robots.txt") is None
    for output in OUTPUTS:
        assert output.when in (outputs.PAGE, outputs.BACKGROUND, outputs.AFTER) and output.writer and output.what


def test_the_placeholders_are_the_open_data_files():
    assert sorted(PLACEHOLDERS) == sorted(DATA_PATHS)


def test_publishing_knows_every_declared_type():
    """`make publish` names each path's media type: the table's, or its extension's (mime.TYPES)."""
    for output in OUTPUTS:
        ext = output.path.rsplit(".", 1)[-1] if "." in output.path.rsplit("/", 1)[-1] else ""
        assert output.media_type or ext in mime.TYPES or output.path.endswith("/**") or output.path.endswith("/*"), output
    assert mime.FEED == "application/atom+xml" and mime.PATH_TYPES == {"feed.xml": "application/atom+xml"}


def test_a_path_written_twice_names_both_writers(tmp_path: Path):
    written = Written(tmp_path)
    written.record("feed.xml", "docs/feed.xml")
    with pytest.raises(OutputError, match="feed.xml 被写了两次：docs/feed.xml 和 reach.write_late_files"):
        written.write("feed.xml", "<feed/>", "reach.write_late_files")


def test_an_undeclared_path_is_refused(tmp_path: Path):
    written = Written(tmp_path)
    with pytest.raises(OutputError, match="reach.write_late_files 写了 notes.txt，可是 .*OUTPUTS 没有声明这个文件"):
        written.write("notes.txt", "x", "reach.write_late_files")
    with pytest.raises(OutputError, match="old/index.html"):  # an old address only once a page claimed it
        written.write("old/index.html", "x", "reach.write_late_files")
    written.claim("old/index.html")
    written.write("old/index.html", "<p>跳转</p>", "reach.write_late_files")
    assert (tmp_path / "old/index.html").read_text(encoding="utf-8") == "<p>跳转</p>"


def test_the_link_check_counts_what_was_written_not_what_lies_there(tmp_path: Path):
    written = Written(tmp_path)
    (tmp_path / "left-from-last-build.html").write_text("旧", encoding="utf-8")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "meta.json").write_text("{}", encoding="utf-8")
    written.record("index.html", "docs/index.md")
    written.expect(declared("search/meta.json"))
    assert written.exists("index.html") and written.exists("search/meta.json")
    assert not written.exists("left-from-last-build.html") and not written.exists("search/none.json")


def test_conflicts_name_a_file_used_as_a_folder_and_a_path_under_a_reserved_folder():
    from xiaobao.pipeline.outputs import Claim, conflicts

    claims = [Claim("feed.xml", "网站自动生成的 feed.xml"), Claim("feed.xml/x/index.html", "docs/feed.xml/x.md"),
              Claim("qr/a/index.html", "docs/qr/a.md"), Claim("qr/b.svg", "二维码", ours=True),
              Claim("a/b/index.html", "docs/a/b.md"), Claim("a/b/index.html", "campaigns/2024/b.md")]
    found = conflicts(claims, [Claim("print/", "打印版"), Claim("qr/", "二维码")])
    assert found == [
        "网址 /a/b/ 有两个来源：docs/a/b.md 和 campaigns/2024/b.md。一个网址只能对应一个页面，请改其中一个的 slug、redirects 或文件名",
        "网址 /feed.xml/x/ 有两个来源：网站自动生成的 feed.xml 和 docs/feed.xml/x.md。一个网址只能对应一个页面，请改其中一个的 slug、redirects 或文件名",
        "网址 /qr/a/ 在 /qr/ 下面，这个文件夹留给二维码。请把 docs/qr/a.md 换个名字",
    ]
