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
from xiaobao.campaigns.drafts import STATUS_LABELS, STATUS_WORDS, status_code
from xiaobao.outputs.cms import FORM, SCRIPT, STYLE, admin_page, cms_config, cms_script, vocabulary_aliases, years
from xiaobao.campaigns.vocab import metric_code, org_type_code, topic_code

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


def test_one_collection_per_year_folder_its_dates_in_that_year():
    config = _config()
    assert [c["folder"] for c in config["collections"]] == ["campaigns/2025", "campaigns/2024", "campaigns/undated"]
    assert all(c["slug"] == "{{fields.slug | default('draft')}}" and c["format"] == "frontmatter"
               for c in config["collections"])
    assert config["locale"] == "zh_Hans" and config["editor"] == {"preview": False}
    assert "&" not in cms_config(["2025"], "https://x.cn/")  # no YAML anchors: each collection spelled out
    fields = {c["folder"]: {f["name"]: f for f in c["fields"]} for c in config["collections"]}
    start = re.compile(fields["campaigns/2024"]["start"]["pattern"][0])
    assert start.match("2024-03-15") and start.match("2024") and not start.match("2025-03")
    assert "2024 年的活动" in fields["campaigns/2024"]["start"]["pattern"][1]
    undated = fields["campaigns/undated"]
    assert not re.match(undated["start"]["pattern"][0], "2024") and not re.match(undated["end"]["pattern"][0], "2024")


def test_every_recent_year_is_offered_whatever_folders_exist():
    import datetime

    offered = years(["2009", "undated", "draft"], datetime.date(2026, 12, 7))
    assert offered[0] == "2027" and "2016" in offered and "2009" in offered and "2015" not in offered
    assert offered == sorted(offered, reverse=True) and "undated" not in offered
    assert years([], datetime.date(2026, 12, 7), first=2005)[-1] == "2005"  # mkdocs.yml extra.cms.first_year
    assert years([], datetime.date(2026, 12, 7), first="2005")[-1] == "2016"  # only a year number counts


def test_state_and_doubts_are_visible_fields_first():
    fields = _config()["collections"][0]["fields"]
    assert [f["name"] for f in fields[:2]] == ["status", "review"]
    status = fields[0]
    assert status["widget"] == "xb-select" and status["default"] == "draft"
    assert [o["value"] for o in status["options"]] == list(STATUS_LABELS)
    review = {f["name"]: f for f in fields[1]["fields"]}
    assert review["doubts"]["widget"] == "list" and review["doubts"]["field"]["widget"] == "text"
    assert [f["name"] for f in review["figures"]["fields"]] == ["metric", "value", "quote", "reason"]


def test_script_knows_every_word_the_build_accepts():
    """The form shows 金融监管部门 or 征信 as its option only if the script maps it to the build's code."""
    aliases = vocabulary_aliases()
    for word, code in aliases["org_type"].items():
        assert org_type_code(word) == code
    for word, code in aliases["topics"].items():
        assert topic_code(word) == code
    for word, code in aliases["stats"].items():
        assert metric_code(word) == code
    assert aliases["status"] == STATUS_WORDS and all(status_code(w) == c for w, c in aliases["status"].items())
    assert "金融监管部门" in aliases["org_type"] and "反假货币" in aliases["topics"]
    script = cms_script()
    assert '"金融监管部门":"regulator"' in script.replace(" ", "") and "/*DATA*/" not in script


def test_body_is_kept_byte_for_byte():
    """The rich-text widget rewrites Markdown; the plain text widget keeps the summary as pasted."""
    body = next(f for f in _config()["collections"][0]["fields"] if f["name"] == "body")
    assert body["name"] == "body" and body["widget"] == "text"


def test_admin_page_loads_only_the_vendored_bundle_and_our_script():
    page = admin_page("消保 <站>")
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == ["config.yml", STYLE, "dist/decap-cms.js", SCRIPT]
    assert "消保 &lt;站&gt;" in page


def test_vendored_files_match_the_pinned_tarball():
    sums = json.loads((VENDOR / "SHA256SUMS.json").read_text(encoding="utf-8"))
    assert sums["package"] == "decap-cms@3.16.3"
    on_disk = {p.name for p in (VENDOR / "dist").iterdir()}
    assert on_disk == set(sums["files"])
    for name, digest in sums["files"].items():
        assert hashlib.sha256((VENDOR / "dist" / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
