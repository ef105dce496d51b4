"""The browser form's configuration comes from the schema, and the vendored CMS is what was pinned."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from xiaobao.campaigns.evidence import KEYS
from xiaobao.campaigns.schema import FIELDS
from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS
from xiaobao.outputs.cms import FORM, admin_page, cms_config

REPO = Path(__file__).resolve().parent.parent
VENDOR = REPO / "vendor" / "decap-cms"


def _config() -> dict:
    return yaml.safe_load(cms_config(["2025", "2024", "undated"], "https://x.cn/"))


def test_every_schema_field_has_a_form_label_and_hint():
    assert set(FIELDS) <= set(FORM)
    fields = _config()["collections"][0]["fields"]
    names = [f["name"] for f in fields]
    assert sorted(names) == sorted([*FIELDS, "body"]) and names.index("body") == names.index("stats") - 1
    for field in fields:
        assert re.search(r"[\u4e00-\u9fff]", field["label"]) and field["hint"], field["name"]


def test_choices_are_the_vocabularies_with_chinese_labels():
    fields = {f["name"]: f for f in _config()["collections"][0]["fields"]}
    assert fields["org_type"]["options"] == [{"label": v, "value": k} for k, v in ORG_TYPES.items()]
    assert fields["topics"]["multiple"] is True
    assert [o["value"] for o in fields["topics"]["options"]] == list(TOPICS)
    metrics = fields["stats"]["fields"]
    assert [m["name"] for m in metrics] == list(METRICS)
    assert all([p["name"] for p in m["fields"]] == list(KEYS) for m in metrics)


def test_one_collection_per_year_folder_slug_is_the_file_name():
    config = _config()
    assert [c["folder"] for c in config["collections"]] == ["campaigns/2025", "campaigns/2024", "campaigns/undated"]
    assert all(c["slug"] == "{{fields.slug}}" and c["format"] == "frontmatter" for c in config["collections"])
    assert config["locale"] == "zh_Hans" and config["editor"] == {"preview": False}
    assert "&" not in cms_config(["2025"], "https://x.cn/")  # no YAML anchors: each collection spelled out


def test_body_is_kept_byte_for_byte():
    """The rich-text widget rewrites Markdown; the plain text widget keeps the summary as pasted."""
    body = next(f for f in _config()["collections"][0]["fields"] if f["name"] == "body")
    assert body["name"] == "body" and body["widget"] == "text"


def test_admin_page_loads_only_the_vendored_bundle():
    page = admin_page("消保 <站>")
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == ["config.yml", "dist/decap-cms.js"]
    assert "消保 &lt;站&gt;" in page


def test_vendored_files_match_the_pinned_tarball():
    sums = json.loads((VENDOR / "SHA256SUMS.json").read_text(encoding="utf-8"))
    assert sums["package"] == "decap-cms@3.16.3"
    on_disk = {p.name for p in (VENDOR / "dist").iterdir()}
    assert on_disk == set(sums["files"])
    for name, digest in sums["files"].items():
        assert hashlib.sha256((VENDOR / "dist" / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
