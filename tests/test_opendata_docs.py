"""The open-data page documents exactly the fields the data files carry."""

from pathlib import Path

from xiaobao.site.aggregate import Total
from xiaobao.outputs.opendata import CAMPAIGN_FIELDS, campaign_record
from xiaobao.campaigns.vocab import QUALIFIERS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "data.md").read_text(encoding="utf-8")


def test_every_campaign_field_is_documented():
    from test_aggregate import campaign

    record = campaign_record(campaign("a"))
    for key in record:
        assert f'"{key}"' in DOC or f"`{key}`" in DOC, key
    for key in CAMPAIGN_FIELDS:
        assert key in DOC


def test_every_total_field_and_qualifier_is_documented():
    for key in Total(1, "exact", 1, 0).as_dict():
        assert f'"{key}"' in DOC or f"`{key}`" in DOC, key
    for qualifier in QUALIFIERS:
        assert f"`{qualifier}`" in DOC, qualifier
    for section in ("by_year", "by_topic", "by_org_type", "by_region", "overall"):
        assert section in DOC

