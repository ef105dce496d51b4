"""Benchmark: a portal over N simulated members of 1,000 campaigns each, read from local folders.

    python scripts/bench_portal.py --members 1000      # make bench-portal N=1000: a million rows

Each member folder holds what a Xiaobao site publishes under data/ (datapackage.json,
campaigns.csv, stats.json), written by the site's own open-data writer from synthetic campaigns
in the seed summaries' style (four different sets, each member with its own address). The portal
project is then built twice with `mkdocs build --strict`, as `make build` does: a first build
(every member copied into the empty cache and checked) and a second (nothing changed). Printed per
build: wall seconds, CPU seconds (all processes), peak memory (main process / all processes, PSS),
pages and search entries. Targets (issue 31): at most 5 minutes and 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts"), str(REPO / "tests")]

from portal_demo import portal_project  # noqa: E402
from synthetic import repo_seed_text, write_campaigns  # noqa: E402

from xiaobao.campaigns.catalog import load_catalog  # noqa: E402
from xiaobao.outputs.opendata import data_files  # noqa: E402

TEMPLATE_URL = "https://template.members.example.cn/"
SEED = REPO.parent / "shared" / "seed" / "000_e7182068650c930c.txt"
PUBLISHED = ("data/datapackage.json", "data/campaigns.csv", "data/stats.json")


def templates(work: Path, count: int, per_member: int) -> list[dict[str, bytes]]:
    """`count` different members' data files, made by the sites' own writer (xiaobao.outputs.opendata)."""
    seed = SEED.read_text(encoding="utf-8") if SEED.exists() else repo_seed_text(REPO)
    out = []
    for k in range(count):
        folder = work / f"template-{k}"
        write_campaigns(folder / "campaigns", per_member, seed, seed=100 + k)
        catalog = load_catalog(folder / "campaigns", folder)
        if catalog.errors:
            raise SystemExit(f"synthetic campaigns have problems: {catalog.errors[:3]}")
        files = data_files(catalog, TEMPLATE_URL)
        out.append({rel: files[rel] for rel in PUBLISHED})
        shutil.rmtree(folder)
    return out


def write_members(root: Path, n: int, sets: list[dict[str, bytes]]) -> list[tuple[str, str, str, str]]:
    members = []
    for i in range(n):
        member_id = f"m{i:04d}"
        url = f"https://{member_id}.members.example.cn/"
        for rel, data in sets[i % len(sets)].items():
            path = root / member_id / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.replace(TEMPLATE_URL.encode(), url.encode()))
        members.append((member_id, f"成员{i:04d}", url, str(root / member_id)))
    return members


def measure(project: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(project)}
    env.pop("XIAOBAO_SITE_URL", None)
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "measure_build.py"), "mkdocs.yml"],  # make runs us under nice
                          cwd=project, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"portal build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--campaigns", type=int, default=1000, help="campaigns per member")
    parser.add_argument("--work", type=Path, help="keep the members and the portal here (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="xiaobao-bench-portal-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        sets = templates(work, min(4, args.members), args.campaigns)
        members = write_members(work / "members", args.members, sets)
        project = work / "portal"
        shutil.rmtree(project, ignore_errors=True)
        portal_project(project, "https://portal.xiaobao-bench.cn/", members, "消保门户（基准测试）")
        print(f"Machine: {os.cpu_count()} cores; Python {platform.python_version()}; "
              f"{args.members:,} members × {args.campaigns:,} campaigns = {args.members * args.campaigns:,} rows "
              f"(set up in {time.perf_counter() - start:.0f} s)")
        print("| build | wall s | CPU s (all processes) | peak MB (main / all processes) | pages | slowest hooks |")
        print("|---|---|---|---|---|---|")
        for label in ("first (empty cache)", "second (nothing changed)"):
            got = measure(project)
            pages = sum(1 for _ in (project / "site").rglob("*.html"))
            slow = ", ".join(f"{k.split(':')[-1]} {v:.0f} s" for k, v in sorted(got.get("by_hook", {}).items(),
                                                                               key=lambda kv: -kv[1])[:3])
            print(f"| {label} | {got['seconds']:.1f} | {got['cpu_seconds']:.1f} | "
                  f"{got['peak_mb']:.0f} / {got['peak_tree_mb']:.0f} | {pages:,} | {slow} |", flush=True)
        size = (project / "site" / "data" / "campaigns.csv").stat().st_size
        print(f"merged campaigns.csv: {size / 1e6:.0f} MB; rows: "
              f"{sum(1 for _ in open(project / 'site' / 'data' / 'campaigns.csv', 'rb')) - 1:,}")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
