"""Machine-readable descriptions of the open data: JSON Schema and a Frictionless Data Package.

Built from the same vocabularies as the editors' checks (xiaobao/campaigns/schema.py, vocab.py)
and the open-data writer (opendata.py), so a new metric, topic or organisation type reaches the
schemas without anyone editing them. FORMAT_VERSION is semantic: a change that breaks consumers
(a field removed, renamed or retyped, a narrower vocabulary) raises the major number; a new field
or vocabulary word raises the minor one. tests/data_formats/<version>/ keeps the published copy.
"""

from __future__ import annotations

from typing import Any

from xiaobao.campaigns.schema import FIELDS, SLUG, SLUG_MAX
from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, QUALIFIERS, TOPICS
from xiaobao.site.aggregate import TOTAL_QUALIFIERS
from xiaobao.site.facets import PROVINCES, UNKNOWN, slugify

FORMAT_VERSION = "2.0.0"  # 2.0.0: each figure carries its quote and note (CSV columns inserted)
JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
CAMPAIGNS_SCHEMA = "data/campaigns.schema.json"
STATS_SCHEMA = "data/stats.schema.json"
DATAPACKAGE = "data/datapackage.json"
LICENCE = "本站数据可以自由下载和使用，请注明来源（消保 · 消费者权益教育）"
SOURCE = "各单位发布的消费者权益宣传活动总结，由本站编辑逐篇整理"
PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
SLUG_CORE = SLUG.pattern.strip("^$").replace("(?:", "(")  # a whole-value pattern: XML Schema and JSON Schema alike
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}

_TEXT_HELP = {  # what each open-data field holds, beyond the editors' help in schema.FIELDS
    "slug": "网址名：活动页面的固定地址 campaigns/<slug>/，每场活动唯一",
    "url": "活动页面的完整网址",
    "topics": "主题代码",
}
_DISCLOSED = [q for q in QUALIFIERS if q != "undisclosed"]


def schema_url(site_url: str, path: str) -> str:
    """Absolute where the site's address is known; else the name beside the data file."""
    return f"{site_url}{path}" if site_url else path.rsplit("/", 1)[-1]


def _help(key: str) -> str:
    return _TEXT_HELP.get(key) or FIELDS[key].help


def _text(key: str, nullable: bool = False) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": ["string", "null"] if nullable else "string", "description": _help(key)}
    if key in FIELDS and FIELDS[key].max_length:
        spec["maxLength"] = FIELDS[key].max_length
    if not nullable:
        spec["minLength"] = 1
    return spec


def _metric_help(key: str) -> str:
    m = METRICS[key]
    return f"{m.label}：{m.description}。单位：{m.unit}"


def _qualifier_help(codes: list[str]) -> str:
    return "限定：" + "，".join(f"{q} = {QUALIFIERS[q]}" for q in codes)


QUOTE_HELP = "原文摘句：总结正文里写着这个数字的那句话，原样照录；没有填写时为 null"
NOTE_HELP = "编辑的说明：这个数字包含什么、为什么没有重复相加；没有时为 null"


def _figure() -> dict[str, Any]:
    """A campaign's figure: a number and its qualifier, or no number when it was not disclosed;
    with the sentence it was read from and the editor's note."""
    evidence = {"quote": {"type": ["string", "null"], "description": QUOTE_HELP},
                "note": {"type": ["string", "null"], "description": NOTE_HELP}}
    required = ["value", "qualifier", "quote", "note"]
    return {
        "description": "一个数字：value 为按基本单位的数值，qualifier 说明它是确数还是约数；未披露时 value 为 null。"
                       "quote 是它在原文里的出处，note 是编辑的说明",
        "oneOf": [
            {"type": "object", "additionalProperties": False, "required": required,
             "properties": {"value": {"type": "number", "minimum": 0},
                            "qualifier": {"enum": _DISCLOSED, "description": _qualifier_help(_DISCLOSED)}, **evidence}},
            {"type": "object", "additionalProperties": False, "required": required,
             "properties": {"value": {"type": "null"}, "qualifier": {"const": "undisclosed"}, **evidence}},
        ],
    }


def _metrics_object(ref: str) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "properties": {k: {"$ref": ref, "description": _metric_help(k)} for k in METRICS}}


def campaigns_schema(site_url: str = "") -> dict[str, Any]:
    """JSON Schema of data/campaigns.json."""
    date = {"type": ["string", "null"], "pattern": PARTIAL_DATE}
    campaign = {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "url", "title", "organization", "org_type", "region", "campaign", "start", "end",
                     "topics", "stats"],
        "properties": {
            "slug": {**_text("slug"), "pattern": f"^{SLUG_CORE}$", "maxLength": SLUG_MAX},
            "url": {"type": "string", "format": "uri-reference", "description": _help("url")},
            "title": _text("title"),
            "organization": _text("organization"),
            "org_type": {"enum": list(ORG_TYPES), "description": "单位类型：" + "，".join(f"{k} = {v}" for k, v in ORG_TYPES.items())},
            "region": _text("region", nullable=True),
            "campaign": _text("campaign", nullable=True),
            "start": {**date, "description": _help("start") + "；JSON 里不知道时为 null"},
            "end": {**date, "description": _help("end")},
            "topics": {"type": "array", "minItems": 1, "uniqueItems": True, "description": _help("topics"),
                       "items": {"enum": list(TOPICS)}},
            "stats": {**_metrics_object("#/$defs/figure"), "description": "活动数字，键是指标代码；没有写的指标不出现"},
        },
    }
    return {
        "$schema": JSON_SCHEMA_DRAFT,
        "$id": schema_url(site_url, CAMPAIGNS_SCHEMA),
        "title": f"campaigns.json {FORMAT_VERSION}：每一场宣传活动",
        "description": "消保网站的开放数据：每场活动一条记录，最新的在前。",
        "type": "object",
        "additionalProperties": False,
        "required": ["format_version", "campaigns"],
        "properties": {
            "$schema": {"type": "string", "description": "本文件的 JSON Schema 地址"},
            "format_version": {"const": FORMAT_VERSION, "description": "数据格式版本；不兼容的改动会提高第一位"},
            "campaigns": {"type": "array", "items": {"$ref": "#/$defs/campaign"}},
        },
        "$defs": {"campaign": campaign, "figure": _figure()},
    }


def _total() -> dict[str, Any]:
    codes = [q for q in QUALIFIERS if q in TOTAL_QUALIFIERS]
    count = {"type": "integer", "minimum": 0}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["value", "qualifier", "campaigns", "undisclosed"],
        "description": "一项指标的合计",
        "properties": {
            "value": {"type": ["number", "null"], "minimum": 0, "description": "合计数值，按基本单位；没有活动给出数字时为 null"},
            "qualifier": {"enum": codes, "description": _qualifier_help(codes)},
            "campaigns": {**count, "description": "给出了这个数字的活动数"},
            "undisclosed": {**count, "description": "写了这一项但没有给出数字的活动数"},
        },
    }


def _groups(keys: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "object", "description": description, "propertyNames": keys,
            "additionalProperties": {"$ref": "#/$defs/group"}}


def stats_schema(site_url: str = "") -> dict[str, Any]:
    """JSON Schema of data/stats.json."""
    regions = sorted({slugify(p) for p in PROVINCES}) + [UNKNOWN]
    return {
        "$schema": JSON_SCHEMA_DRAFT,
        "$id": schema_url(site_url, STATS_SCHEMA),
        "title": f"stats.json {FORMAT_VERSION}：活动数字合计",
        "description": "全部活动的合计，以及按年份、主题、单位类型、省级地区分别合计。",
        "type": "object",
        "additionalProperties": False,
        "required": ["format_version", "campaigns", "overall", "by_year", "by_topic", "by_org_type", "by_region"],
        "properties": {
            "$schema": {"type": "string", "description": "本文件的 JSON Schema 地址"},
            "format_version": {"const": FORMAT_VERSION, "description": "数据格式版本；不兼容的改动会提高第一位"},
            "campaigns": {"type": "integer", "minimum": 0, "description": "活动总数"},
            "overall": {"$ref": "#/$defs/totals"},
            "by_year": _groups({"pattern": f"^([0-9]{{4}}|{UNKNOWN})$"}, f"按年份；年份不明的记在 {UNKNOWN} 下"),
            "by_topic": _groups({"enum": list(TOPICS)}, "按主题代码；一场活动可计入多个主题"),
            "by_org_type": _groups({"enum": list(ORG_TYPES)}, "按单位类型代码"),
            "by_region": _groups({"enum": regions}, f"按省级地区的网址名；地区不明的记在 {UNKNOWN} 下"),
        },
        "$defs": {
            "total": _total(),
            "totals": {**_metrics_object("#/$defs/total"), "description": "各指标的合计，键是指标代码；没有活动写的指标不出现"},
            "group": {"type": "object", "additionalProperties": False, "required": ["campaigns", "totals"],
                      "properties": {"campaigns": {"type": "integer", "minimum": 1, "description": "这一组的活动数"},
                                     "totals": {"$ref": "#/$defs/totals"}}},
        },
    }


def table_schema(campaign_fields: list[str]) -> dict[str, Any]:
    """Frictionless Table Schema of data/campaigns.csv: the campaign columns, then value and qualifier per metric."""
    topic = f"({'|'.join(TOPICS)})"  # Table Schema patterns are XML Schema regular expressions
    columns: dict[str, dict[str, Any]] = {
        "slug": {"type": "string", "constraints": {"required": True, "unique": True, "pattern": SLUG_CORE,
                                                  "maxLength": SLUG_MAX}},
        "url": {"type": "string", "format": "uri", "constraints": {"required": True}},
        "title": {"type": "string", "constraints": {"required": True}},
        "organization": {"type": "string", "constraints": {"required": True}},
        "org_type": {"type": "string", "constraints": {"required": True, "enum": list(ORG_TYPES)}},
        "region": {"type": "string"},
        "campaign": {"type": "string"},
        "start": {"type": "string", "constraints": {"pattern": PARTIAL_DATE.strip("^$")}},
        "end": {"type": "string", "constraints": {"pattern": PARTIAL_DATE.strip("^$")}},
        "topics": {"type": "string", "constraints": {"required": True, "pattern": f"{topic}(;{topic})*"}},
    }
    helps = {"org_type": "单位类型代码：" + "，".join(f"{k} = {v}" for k, v in ORG_TYPES.items()),
             "start": _help("start") + "；不知道时为空",
             "topics": "主题代码，多个主题用 ; 分隔：" + "，".join(f"{k} = {t.label}" for k, t in TOPICS.items())}
    fields = [{"name": key, **columns[key], "description": helps.get(key) or _help(key)} for key in campaign_fields]
    for key in METRICS:
        fields.append({"name": key, "type": "number", "constraints": {"minimum": 0},
                       "description": f"{_metric_help(key)}。空：没有写这一项，或未披露（看 {key}_qualifier）"})
        fields.append({"name": f"{key}_qualifier", "type": "string", "constraints": {"enum": list(QUALIFIERS)},
                       "description": f"{key} 的{_qualifier_help(list(QUALIFIERS))}。空：没有写这一项"})
        fields.append({"name": f"{key}_quote", "type": "string", "description": f"{key} 的{QUOTE_HELP.replace('null', '空')}"})
        fields.append({"name": f"{key}_note", "type": "string", "description": f"{key} 的{NOTE_HELP.replace('null', '空')}"})
    return {"fields": fields, "missingValues": [""], "primaryKey": ["slug"]}


def datapackage(campaign_fields: list[str], site_url: str = "") -> dict[str, Any]:
    """data/datapackage.json: the CSV as a Frictionless Tabular Data Package."""
    home = f"{site_url}data/" if site_url else "./"
    return {
        "profile": "tabular-data-package",
        "name": "xiaobao-campaigns",
        "title": "消保 · 消费者权益宣传活动数字",
        "description": "每场宣传活动一行：单位、地区、日期、主题和各项数字（含确数、约数的限定）。"
                       "与 campaigns.json 内容相同；合计见 stats.json。",
        "version": FORMAT_VERSION,
        "homepage": home,
        "licenses": [{"path": home, "title": LICENCE}],
        "sources": [{"title": SOURCE, "path": site_url or "../"}],
        "resources": [{
            "profile": "tabular-data-resource",
            "name": "campaigns",
            "path": "campaigns.csv",
            "title": "宣传活动",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": CSV_DIALECT,
            "schema": table_schema(campaign_fields),
        }],
    }
