"""The open data as data users check it: Frictionless Data Package and JSON Schema, with other people's validators.

The schemas are generated (xiaobao/outputs/dataschema.py); tests/data_formats/<version>/ keeps the
copy published for each format version, so a change to the format needs a new version.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate
from jsonschema import Draft202012Validator

from xiaobao.campaigns.vocab import METRICS, QUALIFIERS
from xiaobao.outputs.dataschema import FORMAT_VERSION
from xiaobao.outputs.opendata import CAMPAIGN_FIELDS, schema_files

pytestmark = pytest.mark.build
COPIES = Path(__file__).parent / "data_formats"
SITE_URL = "https://xiaobao.example.cn/"


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _validator(site: Path, name: str) -> Draft202012Validator:
    schema = _json(site / "data" / f"{name}.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(validator: Draft202012Validator, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("name", ["campaigns", "stats"])
def test_built_json_matches_its_published_schema(standards_site: Path, name: str):
    data = _json(standards_site / "data" / f"{name}.json")
    assert data["format_version"] == FORMAT_VERSION
    assert data["$schema"] == f"{SITE_URL}data/{name}.schema.json"
    assert _json(standards_site / "data" / f"{name}.schema.json")["$id"] == data["$schema"]
    assert _errors(_validator(standards_site, name), data) == []


def test_campaigns_schema_rejects_what_consumers_would_misread(standards_site: Path):
    validator = _validator(standards_site, "campaigns")
    good = _json(standards_site / "data" / "campaigns.json")
    record = next(c for c in good["campaigns"] if c["stats"].get("complaints", {}).get("qualifier") == "undisclosed")
    for change in (
        lambda c: c["stats"]["complaints"].update(value=0),  # XX is unknown, never 0
        lambda c: c["stats"]["materials"].update(qualifier="roughly"),
        lambda c: c.update(org_type="银行"),
        lambda c: c.update(topics=["fraud"]),
        lambda c: c.update(start="2024/03"),
        lambda c: c.update(slug="icbc nantong 315"),
        lambda c: c.update(extra="new field"),
        lambda c: c["stats"].update(visitors={"value": 1, "qualifier": "exact"}),
    ):
        bad = json.loads(json.dumps(record))
        change(bad)
        assert _errors(validator, {**good, "campaigns": [bad]}), bad


def test_stats_schema_rejects_unknown_groups(standards_site: Path):
    validator = _validator(standards_site, "stats")
    good = _json(standards_site / "data" / "stats.json")
    assert _errors(validator, {**good, "by_topic": {"fraud": good["by_topic"]["fraud-prevention"]}})
    assert _errors(validator, {**good, "format_version": "0.9.0"})
    total = good["overall"]["materials"]
    assert _errors(validator, {**good, "overall": {"materials": {**total, "qualifier": "nearly"}}})  # sums say about


def test_datapackage_validates_the_built_csv(standards_site: Path):
    report = validate(str(standards_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    campaigns = len(_json(standards_site / "data" / "campaigns.json")["campaigns"])
    assert [task.stats["rows"] for task in report.tasks] == [campaigns]


def test_datapackage_finds_bad_rows(standards_site: Path, tmp_path: Path):
    shutil.copytree(standards_site / "data", tmp_path / "data")
    path = tmp_path / "data" / "campaigns.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    rows[1][header.index("materials_qualifier")] = "roughly"
    rows[2][header.index("topics")] = "fraud-prevention;fraud"
    rows[3][header.index("outlets")] = "很多"
    rows[4][header.index("slug")] = rows[5][header.index("slug")]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    report = validate(str(tmp_path / "data" / "datapackage.json"))
    found = {(row, field, kind) for row, field, kind in report.flatten(["rowNumber", "fieldName", "type"])}
    assert {(2, "materials_qualifier", "constraint-error"), (3, "topics", "constraint-error"),
            (4, "outlets", "type-error")} <= found
    assert any(kind in {"unique-error", "primary-key"} for _, _, kind in found), found


def test_table_schema_describes_every_column(standards_site: Path):
    package = _json(standards_site / "data" / "datapackage.json")
    assert package["version"] == FORMAT_VERSION
    assert package["licenses"] and package["sources"]
    (resource,) = package["resources"]
    schema = resource["schema"]
    header = next(csv.reader(io.StringIO((standards_site / "data" / "campaigns.csv").read_text(encoding="utf-8-sig"))))
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == header
    assert schema["primaryKey"] == ["slug"] and schema["missingValues"] == [""]
    for key, metric in METRICS.items():
        assert f"单位：{metric.unit}" in fields[key]["description"]
        assert fields[key]["type"] == "number"
        assert fields[f"{key}_qualifier"]["constraints"]["enum"] == list(QUALIFIERS)
    assert all(f.get("description") for f in schema["fields"])


def test_published_schemas_match_the_committed_copy():
    """A changed schema needs a new FORMAT_VERSION and its copy (python scripts/data_formats.py)."""
    folder = COPIES / FORMAT_VERSION
    assert folder.is_dir(), f"no copy of format {FORMAT_VERSION}: run python scripts/data_formats.py"
    for path, text in schema_files("").items():
        name = Path(path).name
        assert json.loads(text) == _json(folder / name), (
            f"{name} changed but FORMAT_VERSION is still {FORMAT_VERSION}: raise it (the major number if "
            "consumers break) in xiaobao/outputs/dataschema.py, then run python scripts/data_formats.py")


def _paths(schema: object, prefix: str = "", names: bool = False) -> dict[str, object]:
    """Every property path of a JSON Schema (or data package) with the type written there.

    names: the keys of this object are property names (under properties or $defs), not keywords.
    """
    found: dict[str, object] = {}
    if isinstance(schema, dict):
        if not names and ("type" in schema or "enum" in schema):
            found[prefix] = schema.get("type") or "enum"
        for key, value in schema.items():
            if not names and key in ("description", "title", "$id", "examples"):
                continue
            found.update(_paths(value, f"{prefix}/{key}", names=not names and key in ("properties", "$defs")))
    elif isinstance(schema, list):
        for value in schema:
            if isinstance(value, dict) and "name" in value:
                found.update(_paths(value, f"{prefix}/{value['name']}"))
    return found


def _major(version: str) -> int:
    return int(version.split(".")[0])


def test_versions_of_one_major_only_add():
    """Within a major version, every field an older copy describes is still there with its type."""
    current = {Path(p).name: json.loads(t) for p, t in schema_files("").items()}
    older = [d for d in COPIES.iterdir() if d.is_dir() and d.name != FORMAT_VERSION and _major(d.name) == _major(FORMAT_VERSION)]
    for folder in older:
        for name, schema in current.items():
            before, now = _paths(_json(folder / name)), _paths(schema)
            gone = {p: t for p, t in before.items() if now.get(p) != t}
            assert not gone, f"{name}: {folder.name} -> {FORMAT_VERSION} drops or retypes {gone}; raise the major number"


def test_data_page_links_the_descriptions(standards_site: Path):
    page = (standards_site / "data" / "index.html").read_text(encoding="utf-8")
    for name in ("datapackage.json", "campaigns.schema.json", "stats.schema.json"):
        assert f'href="{name}"' in page, name
    assert FORMAT_VERSION in page
    assert CAMPAIGN_FIELDS[0] in page


def test_a_dropped_or_retyped_field_is_seen():
    current = json.loads(schema_files("")["data/campaigns.schema.json"])
    before = _paths(current)
    changed = json.loads(json.dumps(current))
    del changed["$defs"]["campaign"]["properties"]["region"]
    changed["$defs"]["campaign"]["properties"]["title"]["type"] = "number"
    now = _paths(changed)
    gone = {p for p, t in before.items() if now.get(p) != t}
    assert gone == {"/$defs/campaign/properties/region", "/$defs/campaign/properties/title"}
