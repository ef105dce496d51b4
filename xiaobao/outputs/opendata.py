"""Open data files: every campaign and every total, as JSON and as a CSV that Excel opens."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from xiaobao.site.aggregate import group, totals
from xiaobao.campaigns.catalog import Catalog
from xiaobao.site.facets import FACETS
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS

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


def campaigns_json(catalog: Catalog, site_url: str = "") -> str:
    """One campaign per line: readable in a diff, and json's C encoder (indent= falls back to Python)."""
    records = ",\n".join(json.dumps(campaign_record(c, site_url), ensure_ascii=False) for c in catalog.campaigns)
    return f'{{"campaigns": [\n{records}\n]}}\n' if records else '{"campaigns": []}\n'


def stats_json(catalog: Catalog) -> str:
    def table(members: list[Campaign]) -> dict:
        return {m: t.as_dict() for m, t in totals(members).items()}

    data: dict = {"campaigns": len(catalog.campaigns), "overall": table(catalog.campaigns)}
    for facet, name in (("years", "by_year"), ("topics", "by_topic"), ("org-types", "by_org_type"), ("regions", "by_region")):
        data[name] = {key: {"campaigns": len(members), "totals": table(members)}
                      for key, members in group(catalog.campaigns, FACETS[facet].keys).items()}
    return _dump(data)


def campaigns_csv(catalog: Catalog, site_url: str = "") -> str:
    """One row per campaign; each metric gets a value and a qualifier column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = CAMPAIGN_FIELDS + [f"{m}{suffix}" for m in METRICS for suffix in ("", "_qualifier")]
    writer.writerow(header)
    for c in catalog.campaigns:
        record = campaign_record(c, site_url)
        row = [record[f] if f != "topics" else ";".join(record[f]) for f in CAMPAIGN_FIELDS]
        for m in METRICS:
            fig = c.stats.get(m)
            row += [fig.value if fig and fig.value is not None else "", fig.qualifier if fig else ""]
        writer.writerow(["" if v is None else _csv_safe(v) for v in row])
    return "\ufeff" + out.getvalue()


def _csv_safe(value: object) -> object:
    """Spreadsheets run cells starting with = + - @ as formulas; quote them as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


DATA_PATHS = ("data/campaigns.json", "data/stats.json", "data/campaigns.csv")


def data_files(catalog: Catalog, site_url: str = "") -> dict[str, bytes]:
    """Path under the site root (DATA_PATHS) -> bytes."""
    return {
        "data/campaigns.json": campaigns_json(catalog, site_url).encode("utf-8"),
        "data/stats.json": stats_json(catalog).encode("utf-8"),
        "data/campaigns.csv": campaigns_csv(catalog, site_url).encode("utf-8"),
    }


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
