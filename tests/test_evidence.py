"""A figure's evidence: its quote must be the summary's own words, and readers can open it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitebuild import build, make_tree
from xiaobao.campaigns.evidence import read_figure, quote_in
from xiaobao.campaigns.figures import Figure, FigureError
from xiaobao.campaigns.frontmatter import parse
from xiaobao.campaigns.schema import validate
from xiaobao.site.evidence import with_evidence

CAMPAIGN = """
---
title: 南通分行“3·15”宣传
organization: 工商银行南通分行
org_type: bank
topics: [consumer-law]
summary: 发放宣传折页 7600 余份。
stats:
  outlets: 115
  materials: {value: 7600余, quote: 宣传折页7600余份, note: 活动期间总数；“知识介绍资料60余份”已含在内}
  audience: {value: 3900余, quote: "受众对象3900余人"}
---

各网点共发放宣传折页7600余份，
受众对象3900余
人。另有<b>知识介绍资料</b>60余份。
"""


def _campaign(text: str):
    doc = parse(text.strip() + "\n")
    return validate(doc, "campaigns/2024/x.md", "x")


def test_short_and_long_forms_read_the_same_number():
    assert read_figure("7600余") == Figure(7600, "more_than")
    long = read_figure({"value": "7600余", "quote": "折页7600余份", "note": "总数"})
    assert (long.value, long.qualifier, long.quote, long.note) == (7600, "more_than", "折页7600余份", "总数")


@pytest.mark.parametrize("raw, message", [
    ({"quote": "折页"}, "没有写 value"),
    ({"value": 1, "source": "x"}, "不认识“source”"),
    ({"value": 1, "quote": ["a"]}, "原文摘句应当是一段文字"),
    ({"value": 1, "note": "字" * 301}, "说明太长了（301 个字），最多 300 个字"),
])
def test_malformed_evidence_is_named(raw, message):
    with pytest.raises(FigureError, match=message):
        read_figure(raw)


def test_quote_matches_across_line_breaks():
    assert quote_in("受众对象3900余人", "受众对象3900余\n人。")
    assert not quote_in("受众对象4000人", "受众对象3900余人")


def test_quote_not_in_the_text_names_file_and_figure():
    text = CAMPAIGN.replace("quote: 宣传折页7600余份", "quote: 宣传单7600份")
    campaign, problems = _campaign(text)
    assert campaign is None
    assert [str(p) for p in problems] == [
        "campaigns/2024/x.md: stats.materials.quote（第 9 行）：原文摘句“宣传单7600份”在总结正文里找不到。请从正文原样复制那句话"]


def test_quote_is_marked_in_place_with_its_note():
    campaign, problems = _campaign(CAMPAIGN)
    assert not problems
    html = with_evidence("<p>各网点共发放宣传折页7600余份，\n受众对象3900余\n人。另有<b>知识介绍资料</b>60余份。</p>", campaign)
    assert '<mark class="xb-evidence" id="ev-materials" tabindex="-1">宣传折页7600余份</mark>' in html
    assert '<mark class="xb-evidence" id="ev-audience" tabindex="-1">受众对象3900余\n人</mark>' in html
    assert "宣传资料：活动期间总数；“知识介绍资料60余份”已含在内" in html
    assert "数字的出处" not in html  # every quote was found in place


def test_quote_across_markup_is_listed_after_the_text():
    campaign, _ = _campaign(CAMPAIGN.replace("quote: 宣传折页7600余份", "quote: 另有知识介绍资料60余份"))
    html = with_evidence("<p>另有<b>知识介绍资料</b>60余份。受众对象3900余人。</p>", campaign)
    assert '<h2 id="evidence">数字的出处</h2>' in html
    assert '<li id="ev-materials" tabindex="-1"><strong>宣传资料</strong>：“另有知识介绍资料60余份”' in html


def test_quote_text_is_escaped():
    text = CAMPAIGN.replace("quote: 宣传折页7600余份", "quote: '<img src=x onerror=alert(1)>7600余份'").replace(
        "各网点共发放宣传折页7600余份", "各网点共发放<img src=x onerror=alert(1)>7600余份")
    campaign, problems = _campaign(text)
    assert not problems
    html = with_evidence("<p>各网点共发放&lt;img src=x onerror=alert(1)&gt;7600余份</p>", campaign)
    assert "<img" not in html
    assert '<mark class="xb-evidence" id="ev-materials" tabindex="-1">&lt;img src=x onerror=alert(1)&gt;7600余份</mark>' in html


@pytest.fixture(scope="module")
def evidence_site(tmp_path_factory):
    root = make_tree(tmp_path_factory.mktemp("evidence"), {"campaigns/2024/nantong.md": CAMPAIGN})
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def test_campaign_page_links_figure_to_quote(evidence_site):
    html = evidence_site.page("campaigns/nantong")
    assert 'id="fig-materials" href="#ev-materials"' in html
    assert 'id="ev-materials"' in html and 'href="#fig-materials"' in html
    assert 'id="fig-outlets"' not in html  # no quote, no link


def test_open_data_carries_quote_and_note(evidence_site):
    data = json.loads((evidence_site.site / "data/campaigns.json").read_text(encoding="utf-8"))
    materials = data["campaigns"][0]["stats"]["materials"]
    assert materials["quote"] == "宣传折页7600余份" and materials["note"].startswith("活动期间总数")
    rows = list(csv.DictReader(io.StringIO((evidence_site.site / "data/campaigns.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["audience_quote"] == "受众对象3900余人" and rows[0]["audience_note"] == ""


def test_totals_link_to_the_campaigns_they_add_up(evidence_site):
    stats = evidence_site.page("stats")
    assert 'href="../metrics/materials/">看是哪些活动、原文怎么写</a>' in stats
    page = evidence_site.page("metrics/materials")
    assert 'href="../../campaigns/nantong/#ev-materials">南通分行“3·15”宣传</a>' in page
    assert "7,600 余份</strong> <q class=\"xb-metric-quote\">宣传折页7600余份</q>" in page
    outlets = evidence_site.page("metrics/outlets")  # a figure without a quote still counts, and says so
    assert 'href="../../campaigns/nantong/">' in outlets and "原文摘句未填写" in outlets


def test_metric_pages_put_the_largest_figures_first():
    from xiaobao.site.evidence import by_size
    small, _ = _campaign(CAMPAIGN)
    big, _ = _campaign(CAMPAIGN.replace("value: 7600余", "value: 9万"))
    hidden, _ = _campaign(CAMPAIGN.replace("value: 7600余, quote: 宣传折页7600余份", "value: XX"))
    assert by_size([hidden, small, big], "materials") == [big, small, hidden]
