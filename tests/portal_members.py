"""Members for portal tests: the open data files a real Xiaobao site publishes, made by the site's
own writer from the repository's campaign files, then changed the way a hostile member would."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Callable

from xiaobao.campaigns.catalog import load_catalog
from xiaobao.outputs.opendata import data_files

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = ("data/datapackage.json", "data/campaigns.csv", "data/stats.json", "data/campaigns.json")
GROUPS = {  # three members, each with some of the repository's campaigns
    "banks": ["icbc-nantong-315", "boc-shanghai-315", "bosc-service-month"],
    "amr": ["county-amr-food-safety", "pingnan-amr-315", "zhengxing-liquor-quality"],
    "pboc": ["pboc-bengbu-county-baicun", "suining-bank-consumer-protection", "xx-bank-branch-consumer-protection",
             "xx-bank-branch-consumer-protection-b"],
}
NAMES = {"banks": "银行示范成员", "amr": "市场监管示范成员", "pboc": "人民银行示范成员"}


def url_of(member: str) -> str:
    return f"https://{member}.members.example.cn/"


def member_files(slugs: list[str], site_url: str, work: Path) -> dict[str, bytes]:
    """data/… of a site whose campaigns/ holds these repository campaigns, as its build writes them."""
    root = work / f"src-{abs(hash((tuple(slugs), site_url)))}"
    shutil.rmtree(root, ignore_errors=True)
    for slug in slugs:
        source = next((REPO / "campaigns").rglob(f"{slug}.md"))
        target = root / "campaigns" / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    catalog = load_catalog(root / "campaigns", root)
    assert not catalog.errors, catalog.errors
    files = data_files(catalog, site_url)
    return {rel: files[rel] for rel in PUBLISHED}


def write_member(folder: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


def edit_csv(files: dict[str, bytes], change: Callable[[list[dict[str, str]]], None]) -> dict[str, bytes]:
    """The files with campaigns.csv's rows changed in place by `change` (a list of column -> cell)."""
    text = files["data/campaigns.csv"].decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, reader.fieldnames or [], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return {**files, "data/campaigns.csv": ("\ufeff" + out.getvalue()).encode("utf-8")}


def portal_extra(members: dict[str, Path | str], cache: Path, **settings) -> dict:
    """extra: of a portal's mkdocs.yml; members: id -> folder (local) or None for the URL itself."""
    listed = []
    for member_id, where in members.items():
        entry = {"name": NAMES.get(member_id, member_id), "id": member_id,
                 "url": where if isinstance(where, str) else url_of(member_id)}
        if isinstance(where, Path):
            entry["folder"] = str(where)
        listed.append(entry)
    return {"portal": {"members": listed, "cache": str(cache), **settings}}
