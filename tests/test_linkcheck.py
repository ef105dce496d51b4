"""Internal link check over a built site: a tiny hand-made tree, then a real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from xiaobao.build.linkcheck import LinkCollector, check_links


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


def test_pages_are_checked_as_they_are_written(site: Path):
    """check_as_written follows a writer: a page is read once the next exists, or all once finished.

    The first page links to a page written only later: not broken. The second has a broken link.
    """
    import threading
    import time

    from xiaobao.build.linkcheck import Finished, check_as_written

    order = [(f"w/{n}/index.html", f"w/{n}/index.html（docs/w/{n}.md）") for n in range(6)]
    pages = {dest: f'<a href="../{(n + 3) % 6}/">后面</a><a href="../../campaigns/">全部</a>' for n, (dest, _) in enumerate(order)}
    pages["w/1/index.html"] += '<a href="../../missing/">坏</a><img src="../9/x.png">'
    finished = Finished()

    def writer() -> None:
        for dest, _label in order:
            write(site, dest, pages[dest])
            time.sleep(0.03)
        finished.set()

    thread = threading.Thread(target=writer)
    thread.start()
    problems = check_as_written(site, None, order, finished)
    thread.join()
    assert problems == [
        "w/1/index.html（docs/w/1.md）: 链接 ../../missing/ 指向的页面或文件不存在",
        "w/1/index.html（docs/w/1.md）: 链接 ../9/x.png 指向的页面或文件不存在",
    ]
    assert [p.replace("（docs/w/1.md）", "") for p in problems] == [p for p in check_links(site) if p.startswith("w/")]


def test_a_finished_flag_reaches_a_forked_process():
    """The flag the build sets once MkDocs has written every page, seen by the checking child."""
    from xiaobao.build.background import CAN_FORK, ForkedCall
    from xiaobao.build.linkcheck import Finished

    if not CAN_FORK:
        pytest.skip("no fork here")
    finished = Finished()
    call = ForkedCall(lambda: (finished.wait(0.01), finished.wait(30)))
    finished.set()
    assert call.result() in [(False, True), (True, True)]


@pytest.mark.build
@pytest.mark.parametrize("options", [(), ("--dirty",)], ids=["checked-as-written", "checked-as-rendered"])
def test_built_site_with_a_broken_link_fails(tmp_path: Path, options: tuple[str, ...]):
    """A clean build checks pages in a child as MkDocs writes them; a dirty one as they are rendered."""
    from sitebuild import build, make_tree

    root = make_tree(tmp_path, {"overrides/partials/copyright.html": '<a href="{{ base_url }}/no-such-page/">坏链接</a>'})
    result = build(root, options=options)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert "no-such-page/ 指向的页面或文件不存在" in result.output
    assert "个链接指向不存在的页面或文件" in result.output

