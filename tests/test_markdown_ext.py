"""The Markdown extensions every page goes through: CJK line joins (xiaobao/site/cjk.py) and
tap-to-call hotlines (xiaobao/site/tel.py)."""

from __future__ import annotations

import markdown
import pytest
import yaml

from xiaobao.site.cjk import join_breaks
from xiaobao.site.tel import link_numbers_html

EXTENSIONS = ["xiaobao.site.cjk", "xiaobao.site.tel", "admonition", "attr_list", "tables", "pymdownx.details",
              "toc", "fenced_code"]


def html(src: str) -> str:
    return markdown.markdown(src, extensions=EXTENSIONS)


@pytest.mark.parametrize("src, want", [
    ("电信诈骗。\n就是骗子", "<p>电信诈骗。就是骗子</p>"),
    ("第一行\n  第二行", "<p>第一行第二行</p>"),
    ("English\nwords stay apart", "<p>English\nwords stay apart</p>"),
    ("中文\nEnglish", "<p>中文\nEnglish</p>"),
    ("**防假币**\n也记录", "<p><strong>防假币</strong>也记录</p>"),
    ("记录\n**防假币**", "<p>记录<strong>防假币</strong></p>"),
    ("骗子说“涉嫌洗钱”\n“账户有问题”", "<p>骗子说“涉嫌洗钱”“账户有问题”</p>"),
    ("- 列表第一行\n  接着写", "<ul>\n<li>列表第一行接着写</li>\n</ul>"),
    # A digit beside a Chinese character joins too (review 2026-12: "1993年通过， 2009年").
    ("1993年通过，\n2009年修正", "<p>1993年通过，2009年修正</p>"),
    ("纸币，\n2019年版", "<p>纸币，2019年版</p>"),
    ("收取5\n元", "<p>收取5元</p>"),
    ("version 2\n3 items", "<p>version 2\n3 items</p>"),
    ("记录\n**2019**年", "<p>记录<strong>2019</strong>年</p>"),
])
def test_line_break_between_chinese_characters_disappears(src, want):
    assert html(src) == want


def test_code_keeps_its_line_breaks():
    out = html("```text\n代码第一行\n代码第二行\n```\n\n    缩进代码\n    第二行\n\n`行内\n代码`")
    assert "代码第一行\n代码第二行" in out and "缩进代码\n第二行" in out and "行内\n代码" in out


def test_admonition_and_table_cells_are_joined():
    out = html('!!! warning "注意"\n    第一句。\n    第二句。\n\n| 甲 | 乙 |\n| --- | --- |\n| 一 | 二 |\n')
    assert "第一句。第二句。" in out


def test_join_breaks_uses_neighbours():
    assert join_breaks("\n也记录", before="币") == "也记录"
    assert join_breaks("记录\n", after="防") == "记录"
    assert join_breaks("\n", before="币", after="也") == ""
    assert join_breaks("\nword", before="币") == "\nword"
    assert join_breaks("\n2009年", before="，") == "2009年"
    assert join_breaks("通过\n", after="2") == "通过"
    assert join_breaks("\n", before="5", after="元") == ""
    assert join_breaks("\n", before="5", after="6") == "\n"


def test_every_site_page_goes_through_both_extensions():
    config = yaml.load(open("mkdocs.yml", encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert "xiaobao.site.cjk" in names and "xiaobao.site.tel" in names


@pytest.mark.parametrize("src, linked", [
    ("先打 **12315**（市场监管）", ["12315"]),
    ("拨打110报警，或者96110", ["110", "96110"]),
    ("征信中心 400-810-8866", ["400-810-8866"]),
])
def test_hotlines_become_tel_links(src, linked):
    out = html(src)
    for number in linked:
        digits = "".join(ch for ch in number if ch.isdigit())
        assert f'<a class="xb-tel" href="tel:{digits}">{number}</a>' in out


@pytest.mark.parametrize("src", ["发放资料110份", "共 110 场", "编号1231500", "`12315`", "[12315](https://x.cn/)",
                                 "# 拨打12315"])
def test_counts_codes_links_and_titles_stay_plain(src):
    assert "tel:" not in html(src)


def test_plain_text_helper_escapes_and_links():
    out = link_numbers_html("<b>拨打110</b>")
    assert out == '&lt;b&gt;拨打<a class="xb-tel" href="tel:110">110</a>&lt;/b&gt;'
