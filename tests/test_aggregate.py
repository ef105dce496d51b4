import csv
import io
import json

from xiaobao.site.aggregate import Total, combine, group, totals
from xiaobao.campaigns.catalog import Catalog
from xiaobao.campaigns.figures import Figure
from xiaobao.outputs.opendata import campaigns_csv, campaigns_json, stats_json
from xiaobao.campaigns.schema import Campaign


def campaign(slug: str, year: int | None = 2024, **stats: Figure) -> Campaign:
    from xiaobao.campaigns.dates import PartialDate

    return Campaign(slug=slug, path=f"campaigns/{year}/{slug}.md", title=slug, organization="某银行", org_type="bank",
                    topics=["consumer-law", "fraud-prevention"], summary="s",
                    start=PartialDate(year) if year else None, region="江苏省南通市", stats=dict(stats))


def test_exact_sum():
    assert combine([Figure(100), Figure(23)]) == Total(123, "exact", 2, 0)


def test_more_than_makes_a_lower_bound():
    total = combine([Figure(7600, "more_than"), Figure(500)])
    assert total == Total(8100, "more_than", 2, 0)
    assert total.text("份") == "8,100 余份"
    assert "实际不少于此数" in total.note()


def test_at_least_only():
    assert combine([Figure(200, "at_least"), Figure(5)]).text("人") == "≥ 205 人"


def test_rough_parts_make_the_sum_rough():
    assert combine([Figure(100, "nearly"), Figure(7600, "more_than")]).qualifier == "about"


def test_undisclosed_is_counted_not_added_as_zero():
    total = combine([Figure(None, "undisclosed"), Figure(10)])
    assert total == Total(10, "exact", 1, 1)
    assert "另有 1 场活动未披露" in total.note()
    assert combine([Figure(None, "undisclosed")]) == Total(None, "undisclosed", 0, 1)


def test_campaign_counted_once_even_if_listed_twice():
    c = campaign("a", materials=Figure(10))
    assert totals([c, c])["materials"] == Total(10, "exact", 1, 0)


def test_group_by_topic_puts_a_campaign_under_each_topic():
    groups = group([campaign("a"), campaign("b")], lambda c: c.topics)
    assert sorted(groups) == ["consumer-law", "fraud-prevention"]
    assert [c.slug for c in groups["fraud-prevention"]] == ["a", "b"]


def test_open_data_formats():
    catalog = Catalog(campaigns=[campaign("a", materials=Figure(7600, "more_than", "折页7600余份", "活动期间总数"),
                                          audience=Figure(None, "undisclosed")),
                                 campaign("b", None, materials=Figure(100))])
    data = json.loads(campaigns_json(catalog, "https://x.cn/"))
    first = data["campaigns"][0]
    assert first["url"] == "https://x.cn/campaigns/a/"
    assert first["stats"] == {
        "materials": {"value": 7600, "qualifier": "more_than", "quote": "折页7600余份", "note": "活动期间总数"},
        "audience": {"value": None, "qualifier": "undisclosed", "quote": None, "note": None}}
    assert set(first) == {"slug", "url", "title", "organization", "org_type", "region", "campaign", "start", "end", "topics", "stats"}
    stats = json.loads(stats_json(catalog))
    assert stats["overall"]["materials"] == {"value": 7700, "qualifier": "more_than", "campaigns": 2, "undisclosed": 0}
    assert stats["overall"]["audience"] == {"value": None, "qualifier": "undisclosed", "campaigns": 0, "undisclosed": 1}
    assert set(stats["by_year"]) == {"2024", "unknown"}
    assert stats["by_region"]  # province slug of 江苏
    text = campaigns_csv(catalog)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert rows[0]["materials"] == "7600" and rows[0]["materials_qualifier"] == "more_than"
    assert rows[0]["audience"] == "" and rows[0]["audience_qualifier"] == "undisclosed"
    assert rows[0]["materials_quote"] == "折页7600余份" and rows[0]["materials_note"] == "活动期间总数"
    assert rows[0]["audience_quote"] == "" and rows[1]["materials_quote"] == ""
    assert rows[0]["topics"] == "consumer-law;fraud-prevention"


def test_csv_neutralises_formulas():
    c = campaign("a")
    c.title = "=HYPERLINK(\"http://evil\")"
    rows = list(csv.reader(io.StringIO(campaigns_csv(Catalog(campaigns=[c]))[1:])))
    assert rows[1][2].startswith("'=")
