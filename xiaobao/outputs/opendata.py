"""Open data files: every campaign and every total, as JSON and as a CSV that Excel opens."""

from __future__ import annotations

import csv
import unicodedata
import io
import json
from pathlib import Path

from xiaobao.site.aggregate import group, totals
from xiaobao.campaigns.catalog import Catalog
from xiaobao.outputs.dataschema import (CAMPAIGNS_SCHEMA, DATAPACKAGE, FORMAT_VERSION, STATS_SCHEMA,
                                        campaigns_schema, datapackage, schema_url, stats_schema)
from xiaobao.site.facets import FACETS
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS

FIGURE_COLUMNS = ("", "_qualifier", "_quote", "_note")  # after each metric's code: materials, materials_qualifier …
CAMPAIGN_FIELDS = ["slug", "url", "title", "organization", "org_type", "region", "campaign", "start", "end", "topics"]


def campaign_record(c: Campaign, site_url: str = "") -> dict:
    return {
        "slug": c.slug,
        "url": f"{site_url}{c.url}",
        "title": c.title,
        "organization": c.organization,
        "org_type": c.org_type,
        "region": c.region,
        "campaign": c.campaign,
        "start": str(c.start) if c.start else None,
        "end": str(c.end) if c.end else None,
        "topics": list(c.topics),
        "stats": {m: c.stats[m].as_dict() for m in METRICS if m in c.stats},
    }


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _header(site_url: str, schema_path: str) -> dict[str, str]:
    """Where a file's JSON Schema is and which version of the format it follows."""
    return {"$schema": schema_url(site_url, schema_path), "format_version": FORMAT_VERSION}


def campaigns_json(catalog: Catalog, site_url: str = "") -> str:
    """One campaign per line: readable in a diff, and json's C encoder (indent= falls back to Python)."""
    head = json.dumps(_header(site_url, CAMPAIGNS_SCHEMA), ensure_ascii=False)[1:-1]
    records = ",\n".join(json.dumps(campaign_record(c, site_url), ensure_ascii=False) for c in catalog.campaigns)
    return f'{{{head}, "campaigns": [\n{records}\n]}}\n' if records else f'{{{head}, "campaigns": []}}\n'


def stats_json(catalog: Catalog, site_url: str = "") -> str:
    def table(members: list[Campaign]) -> dict:
        return {m: t.as_dict() for m, t in totals(members).items()}

    data: dict = {**_header(site_url, STATS_SCHEMA), "campaigns": len(catalog.campaigns), "overall": table(catalog.campaigns)}
    for facet, name in (("years", "by_year"), ("topics", "by_topic"), ("org-types", "by_org_type"), ("regions", "by_region")):
        data[name] = {key: {"campaigns": len(members), "totals": table(members)}
                      for key, members in group(catalog.campaigns, FACETS[facet].keys).items()}
    return _dump(data)


def campaigns_csv(catalog: Catalog, site_url: str = "") -> str:
    """One row per campaign; each metric gets value, qualifier, quote and note columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = CAMPAIGN_FIELDS + [f"{m}{suffix}" for m in METRICS for suffix in FIGURE_COLUMNS]
    writer.writerow(header)
    for c in catalog.campaigns:
        record = campaign_record(c, site_url)
        row = [record[f] if f != "topics" else ";".join(record[f]) for f in CAMPAIGN_FIELDS]
        for m in METRICS:
            fig = c.stats.get(m)
            row += [fig.value if fig and fig.value is not None else "", fig.qualifier if fig else "",
                    fig.quote if fig else None, fig.note if fig else None]
        writer.writerow(["" if v is None else _csv_safe(v) for v in row])
    return "\ufeff" + out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _csv_safe(value: object) -> object:
    """Spreadsheets run cells starting with = + - @ (tab, CR) as formulas; quote them as text.

    Read as a spreadsheet reads them: after leading spaces, and with full-width ＝＋－＠ and other
    compatibility forms folded (NFKC), which Excel and WPS accept as formula marks too.
    """
    if isinstance(value, str) and unicodedata.normalize("NFKC", value[:8]).lstrip(" \u3000")[:1] in _FORMULA_START:
        return "'" + value
    return value


DATA_PATHS = ("data/campaigns.json", "data/stats.json", "data/campaigns.csv",
              CAMPAIGNS_SCHEMA, STATS_SCHEMA, DATAPACKAGE)


def schema_files(site_url: str = "") -> dict[str, str]:
    """The descriptions of the data files, as published beside them."""
    return {
        CAMPAIGNS_SCHEMA: _dump(campaigns_schema(site_url)),
        STATS_SCHEMA: _dump(stats_schema(site_url)),
        DATAPACKAGE: _dump(datapackage(CAMPAIGN_FIELDS, site_url)),
    }


def data_files(catalog: Catalog, site_url: str = "") -> dict[str, bytes]:
    """Path under the site root (DATA_PATHS) -> bytes."""
    files = {
        "data/campaigns.json": campaigns_json(catalog, site_url),
        "data/stats.json": stats_json(catalog, site_url),
        "data/campaigns.csv": campaigns_csv(catalog, site_url),
        **schema_files(site_url),
    }
    return {path: text.encode("utf-8") for path, text in files.items()}


def write_data_files(site_dir: Path, catalog: Catalog, site_url: str = "", keep: frozenset[str] = frozenset()) -> None:
    """data_files written under site_dir, but for paths in keep (an editor's own file there wins).

    Run by the background child: nothing in the build reads these files.
    """
    for rel, data in data_files(catalog, site_url).items():
        if rel in keep:
            continue
        path = Path(site_dir, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
