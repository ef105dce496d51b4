"""The portal's merged open data: every member's campaigns in one CSV and one JSON with a `member`
column, the totals, a Data Package describing them, and the provenance table.

The big files are written by DuckDB straight from the members' cached CSV files (streaming: the
rows never sit in Python); the small ones are JSON made here.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import duckdb

from xiaobao.campaigns.vocab import METRICS
from xiaobao.outputs.dataschema import (CAMPAIGNS_SCHEMA, CSV_DIALECT, DATAPACKAGE, FORMAT_VERSION, STATS_SCHEMA,
                                        campaigns_schema, schema_url, stats_schema, table_schema)
from xiaobao.outputs.opendata import CAMPAIGN_FIELDS
from xiaobao.portal.engine import Aggregates, Copy, Group, csv_source
from xiaobao.portal.formats import COLUMNS
from xiaobao.portal.status import MemberStatus

CAMPAIGNS_CSV, CAMPAIGNS_JSON, STATS_JSON = "data/campaigns.csv", "data/campaigns.json", "data/stats.json"
PORTAL_JSON, PROVENANCE = "data/portal.json", "data/provenance.csv"
DATA_PATHS = (CAMPAIGNS_CSV, CAMPAIGNS_JSON, STATS_JSON, PORTAL_JSON, PROVENANCE, CAMPAIGNS_SCHEMA, STATS_SCHEMA, DATAPACKAGE)
PROVENANCE_FIELDS = ["member", "name", "url", "sha256", "fetched_at", "format_version", "state", "since", "campaigns", "problem"]
STATES = {"ok": "正常", "stale": "已隔离，用旧数据", "missing": "已隔离，没有数据"}
MEMBER_HELP = "成员代号：这场活动来自哪个成员网站（见 provenance.csv）"
NUMERIC = set(METRICS)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _path(p: Path) -> str:
    return "'" + str(p).replace("'", "''") + "'"


def _safe(col: str) -> str:
    """Text cells a spreadsheet would run as a formula (= + - @) get an apostrophe, as opendata._csv_safe does."""
    c = _q(col)
    return f"CASE WHEN left({c}, 1) IN ('=', '+', '-', '@') THEN '''' || {c} ELSE {c} END AS {c}"


def _write_csv(con: duckdb.DuckDBPyConnection, source: str, out: Path) -> None:
    cols = ", ".join(["member"] + [_q(c) if c in NUMERIC else _safe(c) for c in COLUMNS])
    tmp = out.with_name(out.name + ".part")
    con.execute(f"COPY (SELECT {cols} FROM {source}) TO {_path(tmp)} "
                "(FORMAT CSV, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\r\n')")
    with open(out, "wb") as dst, open(tmp, "rb") as src:
        dst.write("\ufeff".encode())  # as the members' CSV: Excel opens Chinese text without asking
        shutil.copyfileobj(src, dst, 1 << 20)
    os.unlink(tmp)


def _unsafe(col: str) -> str:
    c = _q(col)
    return f"CASE WHEN left({c}, 1) = '''' AND substr({c}, 2, 1) IN ('=', '+', '-', '@') THEN substr({c}, 2) ELSE {c} END"


def _write_json(con: duckdb.DuckDBPyConnection, source: str, out: Path, site_url: str) -> None:
    """campaigns.json's shape with a member field; values as numbers, stats only for metrics written."""
    entries = []
    for m in METRICS:
        v, q = _q(m), _q(f"{m}_qualifier")
        value = (f"CASE WHEN TRY_CAST({v} AS DOUBLE) = floor(TRY_CAST({v} AS DOUBLE)) THEN to_json(TRY_CAST({v} AS HUGEINT)) "
                 f"ELSE to_json(TRY_CAST({v} AS DOUBLE)) END")
        entries.append(f"{{k: '{m}', v: {{value: {value}, qualifier: {q}, quote: {_unsafe(m + '_quote')}, "
                       f"note: {_unsafe(m + '_note')}}}}}")
    stats = f"map_from_entries(list_filter([{', '.join(entries)}], x -> x.v.qualifier IS NOT NULL))"
    plain = ", ".join(_unsafe(c) + f" AS {_q(c)}" if c in ("title", "organization", "region", "campaign") else _q(c)
                      for c in CAMPAIGN_FIELDS if c != "topics")
    tmp = out.with_name(out.name + ".part")
    con.execute(f"COPY (SELECT member, {plain}, string_split(topics, ';') AS topics, {stats} AS stats "
                f"FROM {source}) TO {_path(tmp)} (FORMAT JSON, ARRAY true)")
    head = json.dumps({"$schema": schema_url(site_url, CAMPAIGNS_SCHEMA), "format_version": FORMAT_VERSION}, ensure_ascii=False)
    with open(out, "wb") as dst, open(tmp, "rb") as src:
        dst.write(f'{head[:-1]}, "campaigns": '.encode())
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.write(b"}\n")
    os.unlink(tmp)


def _table(groups: dict[str, Group]) -> dict:
    return {k: {"campaigns": g.campaigns, "totals": {m: t.as_dict() for m, t in g.totals.items()}} for k, g in groups.items()}


def stats_data(agg: Aggregates, site_url: str = "") -> dict:
    """stats.json in the members' own format: the same reader works on a member and on the portal."""
    return {"$schema": schema_url(site_url, STATS_SCHEMA), "format_version": FORMAT_VERSION,
            "campaigns": agg.overall.campaigns, "overall": {m: t.as_dict() for m, t in agg.overall.totals.items()},
            "by_year": _table(agg.by_year), "by_topic": _table(agg.by_topic), "by_org_type": _table(agg.by_org_type),
            "by_region": _table(agg.by_province)}


def provenance_rows(statuses: list[MemberStatus]) -> list[dict[str, Any]]:
    return [{"member": s.member.id, "name": s.member.name, "url": s.member.url, "sha256": s.digest or "",
             "fetched_at": s.fetched_at or "", "format_version": s.format_version or "", "state": s.state,
             "since": s.since or "", "campaigns": s.campaigns if s.usable else 0,
             "problem": s.message} for s in statuses]


def portal_data(agg: Aggregates, statuses: list[MemberStatus], built_at: str) -> dict:
    return {"format_version": FORMAT_VERSION, "built_at": built_at, "members": provenance_rows(statuses),
            "by_member": _table(agg.by_member),
            "by_city": {p: {c or "unknown": {"campaigns": g.campaigns, "totals": {m: t.as_dict() for m, t in g.totals.items()}}
                            for c, g in cities.items()} for p, cities in sorted(agg.by_city.items())}}


def _provenance_csv(statuses: list[MemberStatus]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, PROVENANCE_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in provenance_rows(statuses):
        writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] and v[:1] in "=+-@" else v) for k, v in row.items()})
    return "\ufeff" + out.getvalue()


def datapackage(site_url: str = "") -> dict:
    home = f"{site_url}data/" if site_url else "./"
    schema = table_schema(CAMPAIGN_FIELDS)
    schema["fields"] = [{"name": "member", "type": "string", "constraints": {"required": True}, "description": MEMBER_HELP},
                        *schema["fields"]]
    for f in schema["fields"]:
        if f["name"] == "slug":
            f["constraints"].pop("unique", None)  # unique per member: the key is (member, slug)
    schema["primaryKey"] = ["member", "slug"]
    provenance = {"fields": [{"name": n, "type": "integer" if n == "campaigns" else "string"} for n in PROVENANCE_FIELDS],
                  "missingValues": [""], "primaryKey": ["member"]}
    resource = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "dialect": CSV_DIALECT}
    return {
        "profile": "tabular-data-package", "name": "xiaobao-portal-campaigns", "title": "消保门户 · 各成员的宣传活动数字",
        "description": "各成员网站发布的宣传活动，一场一行，member 列是成员代号；合计见 stats.json，来源见 provenance.csv。",
        "version": FORMAT_VERSION, "homepage": home,
        "licenses": [{"path": home, "title": "数据来自各成员网站，使用时请注明成员网站和本门户"}],
        "sources": [{"title": "各成员网站的开放数据（data/datapackage.json）", "path": "provenance.csv"}],
        "resources": [{**resource, "name": "campaigns", "path": "campaigns.csv", "title": "宣传活动", "schema": schema},
                      {**resource, "name": "provenance", "path": "provenance.csv", "title": "数据来源", "schema": provenance}],
    }


def merged_campaigns_schema(site_url: str = "") -> dict:
    schema = copy.deepcopy(campaigns_schema(site_url))
    campaign = schema["$defs"]["campaign"]
    campaign["properties"] = {"member": {"type": "string", "minLength": 1, "description": MEMBER_HELP}, **campaign["properties"]}
    campaign["required"] = ["member", *campaign["required"]]
    schema["title"] = f"campaigns.json {FORMAT_VERSION}：各成员的每一场宣传活动"
    return schema


def _dump(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# The merged files keep the order they are read in: the members in mkdocs.yml's order, each
# member's campaigns as its own file lists them (preserve_insertion_order, engine.connect).


def write_data(con: duckdb.DuckDBPyConnection, copies: list[Copy], site_dir: Path, agg: Aggregates, statuses: list[MemberStatus],
               built_at: str, site_url: str = "", keep: frozenset[str] = frozenset()) -> None:
    """Every path of DATA_PATHS under site_dir, but for those in keep (an operator's own file wins)."""
    data = site_dir / "data"
    data.mkdir(parents=True, exist_ok=True)
    small = {STATS_JSON: _dump(stats_data(agg, site_url)), PORTAL_JSON: _dump(portal_data(agg, statuses, built_at)),
             PROVENANCE: _provenance_csv(statuses).encode("utf-8"), DATAPACKAGE: _dump(datapackage(site_url)),
             CAMPAIGNS_SCHEMA: _dump(merged_campaigns_schema(site_url)), STATS_SCHEMA: _dump(stats_schema(site_url))}
    for rel, content in small.items():
        if rel not in keep:
            (site_dir / rel).write_bytes(content)
    if CAMPAIGNS_CSV not in keep:
        _write_csv(con, csv_source(con, copies, "out_files", numbered=False), site_dir / CAMPAIGNS_CSV)
    if CAMPAIGNS_JSON not in keep:
        _write_json(con, csv_source(con, copies, "out_files", numbered=False), site_dir / CAMPAIGNS_JSON, site_url)
