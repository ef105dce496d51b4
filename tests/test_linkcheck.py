"""Internal link check over a built site: a tiny hand-made tree, then a real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from xiaobao.pipeline.linkcheck import LinkCollector, check_links


def write(root: Path, rel: str, text: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, "index.html", """
      <link rel="stylesheet" href="assets/site.css"><script src="assets/app.js"></script>
      <a href="campaigns/">全部</a> <a href="campaigns/a/#figures">甲</a> <a href='topics/x/'>单引号</a>
      <a href=stats/>无引号</a> <a href="https://www.12315.cn/">外部</a> <a href="mailto:x@samr.gov.cn">信</a>
      <a href="tel:12315">电话</a> <a href="#top">顶部</a> <a href="//cdn.example/x.js">协议相对</a>
      <a href="data/campaigns.json?v=1">数据</a> <a href="https://xiaobao.example.cn/stats/">本站绝对</a>
      <a href="%E4%B8%AD%E6%96%87/">中文</a> <img src="img/a%20b.png" alt="">""")
    for rel in ["assets/site.css", "assets/app.js", "campaigns/index.html", "campaigns/a/index.html",
                "topics/x/index.html", "stats/index.html", "data/campaigns.json", "中文/index.html", "img/a b.png"]:
        write(tmp_path, rel, "<p>ok</p>")
    write(tmp_path, "campaigns/a/index.html", '<a href="../">上级</a><a href="../../">首页</a><a href="/stats/">根</a>')
    return tmp_path


def test_clean_site_has_no_problems(site: Path):
    assert check_links(site, "https://xiaobao.example.cn/") == []


def test_broken_links_name_page_and_link(site: Path):
    write(site, "campaigns/a/index.html", '<a href="../b/">乙</a><img src="../../img/none.png"><a href="/nowhere/#x">x</a>')
    problems = check_links(site)
    assert problems == [
        "campaigns/a/index.html: 链接 ../b/ 指向的页面或文件不存在",
        "campaigns/a/index.html: 链接 ../../img/none.png 指向的页面或文件不存在",
        "campaigns/a/index.html: 链接 /nowhere/#x 指向的页面或文件不存在",
    ]


def test_directory_without_index_is_broken(site: Path):
    (site / "empty").mkdir()
    write(site, "p.html", '<a href="empty/">空</a>')
    assert check_links(site) == ["p.html: 链接 empty/ 指向的页面或文件不存在"]


def test_links_outside_the_site_and_script_urls(site: Path):
    write(site, "p.html", '<a href="../../etc/passwd">x</a><a href="javascript:alert(1)">y</a><a href="JavaScript:x">z</a>')
    problems = check_links(site)
    assert problems[0] == "p.html: 链接 ../../etc/passwd 指到了网站目录以外"
    assert problems[1:] == ["p.html: 链接 javascript:alert(1) 用了 javascript: 地址，网站里不允许",
                            "p.html: 链接 JavaScript:x 用了 javascript: 地址，网站里不允许"]


def test_own_site_url_counts_as_internal(site: Path):
    write(site, "p.html", '<a href="https://xiaobao.example.cn/missing/">x</a>')
    assert check_links(site, "https://xiaobao.example.cn") == ["p.html: 链接 /missing/ 指向的页面或文件不存在"]
    assert check_links(site) == []


def test_collector_checks_pages_before_they_are_read_back(site: Path):
    collector = LinkCollector(site, None)
    collector.add("campaigns/a/index.html", '<a href="../zz/">x</a><a href="../">ok</a>', "campaigns/a/index.html（campaigns/a.md）")
    assert collector.problems() == ["campaigns/a/index.html（campaigns/a.md）: 链接 ../zz/ 指向的页面或文件不存在"]


def test_a_link_shared_by_pages_of_one_depth_is_reported_once(site: Path):
    collector = LinkCollector(site, None)
    for name in ("b", "c"):
        collector.add(f"campaigns/{name}/index.html", '<a href="../../gone/">x</a><a href="../zz/">y</a>')
    assert collector.problems() == [
        "campaigns/b/index.html: 链接 ../../gone/ 指向的页面或文件不存在",
        "campaigns/b/index.html: 链接 ../zz/ 指向的页面或文件不存在",
        "campaigns/c/index.html: 链接 ../zz/ 指向的页面或文件不存在",
    ]


@pytest.mark.build
def test_a_dirty_build_with_a_broken_link_fails(tmp_path: Path):
    """A link the theme puts on every page, in a build that writes in place (no staging folder);
    a clean build with a broken link is the corpus case tests/bad_campaigns/docs-broken-link."""
    from sitebuild import build, make_tree

    root = make_tree(tmp_path, {"overrides/partials/copyright.html": '<a href="{{ base_url }}/no-such-page/">坏链接</a>'})
    result = build(root, options=("--dirty",))
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert "no-such-page/ 指向的页面或文件不存在" in result.output
    assert "个链接指向不存在的页面或文件" in result.output

