"""A figure whose value is not the number in its own quote: named under make build, warned on the review page."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from xiaobao.campaigns.catalog import load_catalog
from xiaobao.campaigns.figures import Figure, parse_figure
from xiaobao.campaigns.quotecheck import mismatch, numbers_in
from xiaobao.site.review import review_html

SMS = """
---
title: 某银行“3·15”宣传
organization: 某银行某县支行
org_type: bank
start: 2024-03
topics: [fraud-prevention]
summary: 发送短信758条。
slug: mouxian-315
stats:
  sms:
    value: 760
    quote: 发送短信758条
  materials:
    value: 7600余
    quote: 宣传折页7600余份
---

本行发送短信758条，发放宣传折页7600余份。
"""


def _figure(value: str, quote: str) -> Figure:
    figure = parse_figure(value)
    return Figure(figure.value, figure.qualifier, quote)


@pytest.mark.parametrize("value, quote", [
    ("7600余", "宣传折页7600余份"), ("758", "发送短信758条"), ("1.5万余", "发放资料1.5万余份"), ("15000", "共计1.5万份"),
    ("近百", "近百家单位参加"), ("7600", "七千六百份"), ("24000", "发放24,000份"), ("2.64亿", "挽回损失2.64亿元"),
    ("19", "官网发布4次、公众号发布15次"),  # the figure is the sum of the quote's numbers
    ("XX", "发放宣传资料XX份"), ("120", "各网点设立咨询台"),  # nothing to compare
    ("3", "统一开展宣传，共3场"),  # 统一 is a word, not the number one
])
def test_agreeing_or_uncheckable_figures_pass(value, quote):
    assert mismatch(_figure(value, quote)) is None


@pytest.mark.parametrize("value, quote, written", [
    ("760", "发送短信758条", ["758"]), ("7600余", "宣传折页6700余份", ["6700"]), ("2万", "发放1.5万份", ["1.5万"]),
    ("800", "七千六百份", ["七千六百"]), ("101", "近百家", ["百"]),
])
def test_disagreeing_figures_name_the_quotes_number(value, quote, written):
    assert mismatch(_figure(value, quote)) == written


def test_numbers_read_from_a_sentence():
    assert [v for _, v in numbers_in("2024年3月，115个网点发放1.5万余份，两千人次")] == [2024, 3, 115, 15000, 2000]


def test_catalog_names_file_metric_and_both_numbers(tmp_path):
    (tmp_path / "campaigns" / "2024").mkdir(parents=True)
    (tmp_path / "campaigns" / "2024" / "mouxian-315.md").write_text(textwrap.dedent(SMS).lstrip(), encoding="utf-8")
    catalog = load_catalog(tmp_path / "campaigns", tmp_path)
    [problem] = [p for p in catalog.problems if p.field and p.field.startswith("stats.")]
    assert problem.severity == "warning"  # strict (make build) stops on it; the preview lists it
    assert problem.file == "campaigns/2024/mouxian-315.md" and problem.field == "stats.sms" and problem.line == 11
    assert "760" in problem.message and "“758”" in problem.message and "发送短信758条" in problem.message


def test_a_draft_is_warned_on_the_review_page_not_in_the_build(tmp_path):
    (tmp_path / "campaigns" / "2024").mkdir(parents=True)
    text = textwrap.dedent(SMS).lstrip().replace("---\n", "---\nstatus: draft\n", 1)
    (tmp_path / "campaigns" / "2024" / "mouxian-315.md").write_text(text, encoding="utf-8")
    catalog = load_catalog(tmp_path / "campaigns", tmp_path)
    assert not [p for p in catalog.problems if p.field and p.field.startswith("stats.")]
    page = review_html(catalog.campaigns, tmp_path, "https://xiaobao.example.cn/")
    assert page.count('class="xb-review-mismatch"') == 1 and "数字写的是 760" in page and "“758”" in page
