"""Campaign card and row: editors' strings arrive as text, figures keep their meaning."""

from __future__ import annotations

from xiaobao.site.cards import campaign_card, campaign_row
from xiaobao.campaigns.dates import PartialDate
from xiaobao.campaigns.figures import Figure
from xiaobao.campaigns.schema import Campaign

HOSTILE = '<script>alert(1)</script>"onerror="x'


def campaign(**extra) -> Campaign:
    fields = dict(slug="a", path="campaigns/a.md", title=HOSTILE, organization=HOSTILE, org_type="bank",
                  topics=["credit-reporting", "fraud-prevention"], summary=HOSTILE, region=HOSTILE, campaign=HOSTILE,
                  start=PartialDate(2024, 3, 15), co_organizers=[HOSTILE],
                  stats={"outlets": Figure(100, "nearly"), "events": Figure(None, "undisclosed"), "materials": Figure(7600, "more_than"),
                         "audience": Figure(1000, "about"), "staff": Figure(12, "exact")})
    fields.update(extra)
    return Campaign(**fields)


def test_no_editor_string_becomes_markup():
    for html in (campaign_card(campaign(), "../", "org", None), campaign_row(campaign(), "../")):
        assert "<script" not in html and '"onerror' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;onerror=&quot;x" in html


def test_card_links_facets_and_explains_figures():
    html = campaign_card(campaign(region="江苏省南通市"), "../../", "icbc", "jiang-su")
    assert '<a href="../../years/2024/">2024年3月15日</a>' in html
    assert '<a href="../../regions/jiang-su/">江苏省南通市</a>' in html
    assert '<a href="../../org-types/bank/">银行</a>' in html
    assert '<a class="xb-chip" href="../../topics/credit-reporting/">' in html
    assert '<div class="xb-figure xb-undisclosed"><dt>' in html and "未披露" in html
    assert "7,600 余" in html and "近 100" in html and "约 1,000" in html
    assert html.count('<div class="xb-figure') == 5 and "“未披露”是原文没有给出数字（不按 0 计算）" in html


def test_card_without_region_year_or_figures():
    html = campaign_card(campaign(region=None, start=None, stats={}, campaign=None, co_organizers=[]), "../", "org", None)
    assert "<dd>未注明</dd>" in html and "时间未注明" in html and "/years/" not in html
    assert "活动数字" not in html and "<dt>活动</dt>" not in html and "联合单位" not in html


def test_row_shows_the_first_four_figures():
    html = campaign_row(campaign(), "../")
    assert html.startswith('<li class="xb-campaign">') and html.endswith("</li>")
    assert html.count('<div class="xb-figure') == 4 and '<a class="xb-campaign-title" href="../campaigns/a/">' in html
