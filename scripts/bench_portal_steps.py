"""Benchmark: the portal's own steps (xiaobao.portal) without MkDocs, to see where a portal build's time goes.

    python scripts/bench_portal_steps.py --members 200                 # members made as bench_portal.py makes them
    python scripts/bench_portal_steps.py --members 200 --work DIR      # keep (or reuse) them in DIR
    python scripts/bench_portal_steps.py --members 200 --compare       # engine.insert_rows against executemany, alternated

Per round, from an empty cache: prepare (copy, check, add up every member), the pages, the search
entries and the merged open data, each timed (wall and CPU seconds of this process, DuckDB's
threads included). --compare alternates the current code with DuckDB's executemany for the small
tables the engine fills (what insert_rows replaced), so both are measured in one run on the same
machine load; it prints the ratio of the medians, wall and CPU (on a loaded machine only CPU is steady).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from bench_portal import templates, write_members  # noqa: E402

from xiaobao.portal import engine, steps  # noqa: E402


def _executemany(con, table: str, rows: list[tuple]) -> None:
    """The insertion insert_rows replaced: one parameter conversion per value."""
    if rows:
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


@contextmanager
def insertion(kind: str) -> Iterator[None]:
    saved = engine.insert_rows
    engine.insert_rows = _executemany if kind == "executemany" else saved
    try:
        yield
    finally:
        engine.insert_rows = saved


def one_round(work: Path, members: list[tuple[str, str, str, str]]) -> dict[str, tuple[float, float]]:
    cache, site = work / "cache", work / "site"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    extra = {"portal": {"members": [{"name": n, "id": i, "url": u, "folder": f} for i, n, u, f in members],
                        "cache": str(cache)}}
    timed: dict[str, tuple[float, float]] = {}

    def clock(label: str, fn):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        timed[label] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result

    portal = clock("prepare", lambda: steps.prepare(extra, work))
    try:
        clock("pages", lambda: steps.pages(portal))
        clock("search", lambda: sum(1 for _ in steps.search_sources(portal)))
        site.mkdir(parents=True)
        clock("open data", lambda: steps.write_data(portal, site, "https://portal.example.cn/"))
    finally:
        steps.close(portal)
    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--campaigns", type=int, default=1000, help="campaigns per member")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--compare", action="store_true", help="alternate with executemany (the code before)")
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="xiaobao-bench-steps-"))
    folder = work / "members"
    try:
        if not (folder / f"m{args.members - 1:04d}").is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            write_members(folder, args.members, templates(work, min(4, args.members), args.campaigns))
        members = [(f"m{i:04d}", f"成员{i:04d}", f"https://m{i:04d}.members.example.cn/", str(folder / f"m{i:04d}"))
                   for i in range(args.members)]
        kinds = ["insert_rows", "executemany"] if args.compare else ["insert_rows"]
        totals: dict[str, list[tuple[float, float]]] = {k: [] for k in kinds}
        print(f"{args.members:,} members × {args.campaigns:,} campaigns; wall s / CPU s per step")
        print("| round | insertion | prepare | pages | search | open data | total wall | total CPU |")
        print("|---|---|---|---|---|---|---|---|")
        for r in range(args.rounds):
            for kind in kinds:
                with insertion(kind):
                    timed = one_round(work / "run", members)
                wall, cpu = sum(w for w, _ in timed.values()), sum(c for _, c in timed.values())
                totals[kind].append((wall, cpu))
                cells = " | ".join(f"{w:.1f} / {c:.1f}" for w, c in timed.values())
                print(f"| {r + 1} | {kind} | {cells} | {wall:.1f} | {cpu:.1f} |", flush=True)
        if args.compare:
            for i, what in enumerate(("wall", "CPU")):
                before = statistics.median(x[i] for x in totals["executemany"])
                after = statistics.median(x[i] for x in totals["insert_rows"])
                print(f"median total {what}: executemany {before:.1f} s, insert_rows {after:.1f} s; "
                      f"after/before = {after / before:.2f}")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(work / "run", ignore_errors=True)


if __name__ == "__main__":
    main()
