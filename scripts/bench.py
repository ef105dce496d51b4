"""Benchmark: build N synthetic campaigns and print tables of build and reading costs.

    python scripts/bench.py                 # N = 10000, 100000: builds, rebuilds, preview
    python scripts/bench.py --n 1000        # one size
    python scripts/bench.py --base DIR      # also DIR's code (a checkout of another commit), same input, same run
    python scripts/bench.py --visits        # also search bytes and first visits in Chromium (issue 16's table)
    python scripts/bench.py --stock 100,1000  # also stock MkDocs + Material at these sizes
    python scripts/bench.py --n 10000 --saves 5 --base DIR --profile-dir prof/
                                            # only preview saves (rebuild after one campaign saved), DIR's code and this code

Builds (scripts/measure_build.py; every figure covers all processes of the build): a clean build
with an empty build cache, a rebuild after one campaign changed with the cache the clean build
left (warm) and with an empty cache (cold), and with --base the same clean build by DIR's code.
Site size is bytes per campaign on disk (blocks, as `du` counts) and as written. The preview
figure is seconds from saving one campaign under `make site` to Chromium showing the change
(median of five saves; by default only up to 10,000 campaigns).

Figures per N: the whole build's wall seconds, CPU seconds (main process and children) and peak
memory (main process / all processes), total and median HTML bytes per page (and the median
campaign page), search bytes for a first and a second query in headless Chromium, a reader's first
visit (home page on a phone plus a first search: KiB uncompressed and as nginx sends them from
`make publish`, scripts/bench_visit.py), and seconds from editing one campaign to the page showing
it under `make site`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts"), str(REPO / "tests"), str(REPO / "tests" / "browser")]

from sitebuild import COPIED, make_tree, serving  # noqa: E402
from bench_visit import QUESTION, measure_first_visit  # noqa: E402
from synthetic import repo_seed_text, write_campaigns  # noqa: E402

SEED = REPO.parent / "shared" / "seed" / "000_e7182068650c930c.txt"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.exists() else repo_seed_text(REPO)


def make_site(root: Path, n: int) -> None:
    make_tree(root, {})  # the same copy of the site sources the build tests use
    write_campaigns(root / "campaigns", n, seed_text())


def measure_build(root: Path, env: dict[str, str] | None = None, code: Path = REPO) -> dict:
    """One `mkdocs build --strict` in root, measured by code's scripts/measure_build.py."""
    proc = subprocess.run([sys.executable, str(code / "scripts" / "measure_build.py"), "mkdocs.yml"], cwd=root,
                          env={**ENV, "PYTHONPATH": str(root), **(env or {})}, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def site_size(site: Path, n: int) -> dict:
    """Bytes per campaign: as written, and on disk (whole blocks, as `du` counts them)."""
    written = disk = 0
    for path in site.rglob("*"):
        info = path.lstat()
        disk += info.st_blocks * 512
        if path.is_file():
            written += info.st_size
    return {"kb_per_campaign": written / n / 1024, "disk_kb_per_campaign": disk / n / 1024}


def edit_one(root: Path, marker: str) -> Path:
    """Change one campaign's summary, as an editor saving it would."""
    target = next((root / "campaigns").rglob("c00000.md"))
    text = target.read_text(encoding="utf-8").replace("summary: ", f"summary: {marker}", 1)
    target.write_text(text, encoding="utf-8")
    return target


def copy_code(code: Path, root: Path) -> None:
    """code's site sources (hooks, xiaobao, templates, docs, config) into root, beside root's campaigns."""
    for name in COPIED:
        src = code / name
        if (root / name).is_dir():
            shutil.rmtree(root / name)
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy(src, root / name)


def build_rows(root: Path, n: int, base: Path | None) -> list[dict]:
    """Clean build, one-file rebuilds (warm and cold cache), and the base's clean build, same input."""
    cache, empty = root / ".bench-cache", root / ".bench-cache-empty"
    rows = [{"build": "clean", **measure_build(root, {"XIAOBAO_CACHE_DIR": str(cache)}), **site_size(root / "site", n)}]
    edit_one(root, "改动一")
    rows.append({"build": "one file changed, warm cache", **measure_build(root, {"XIAOBAO_CACHE_DIR": str(cache)})})
    edit_one(root, "改动二")
    shutil.rmtree(empty, ignore_errors=True)
    rows.append({"build": "one file changed, cold cache", **measure_build(root, {"XIAOBAO_CACHE_DIR": str(empty)})})
    shutil.rmtree(empty, ignore_errors=True)
    if base is not None:
        other = root.parent / "base"
        other.mkdir()
        shutil.copytree(root / "campaigns", other / "campaigns")
        copy_code(base, other)
        rows.append({"build": f"clean, base {base.name}", **measure_build(other, code=base), **site_size(other / "site", n)})
        shutil.rmtree(other)
    for row in rows:
        row["n"] = n
    return rows


def html_sizes(site: Path) -> dict:
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    campaign = [p.stat().st_size for p in (site / "campaigns").glob("*/index.html") if p.parent.name != "page"]
    return {"pages": len(sizes), "html_total_mb": sum(sizes) / 1e6, "html_median_kb": statistics.median(sizes) / 1e3,
            "campaign_median_kb": statistics.median(campaign) / 1e3 if campaign else 0}


def measure_search(site: Path) -> dict:
    """Bytes the browser downloads for search, via the search helper's measurement if present."""
    try:
        from bench_search import measure_in_browser  # type: ignore[import-not-found]
    except ImportError:
        return {"search_first_kb": None, "search_second_kb": None}
    return measure_in_browser(site, ["非法集资", "征信"])


def measure_edit(root: Path, edits: int = 5) -> float | None:
    """Median seconds from saving one campaign to Chromium showing the change under `make site`.

    The page is open in the browser as an editor would have it; MkDocs' livereload reloads it once
    the rebuild is done, so the figure includes noticing the save (scripts/serve.py, as `make site`
    runs it: inotify) and the browser's reload.
    """
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, LAUNCH_ARGS  # type: ignore[import-not-found]

    times = []
    with serving(root, "campaigns/c00000/", script=REPO / "scripts" / "serve.py") as url, sync_playwright() as p:
        target = next((root / "campaigns").rglob("c00000.md"))
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto(url)
        time.sleep(2)  # let the server settle after its first build
        for n in range(edits):
            marker = f"编辑测试{n}{int(time.time())}"
            text = target.read_text(encoding="utf-8").replace("summary: ", f"summary: {marker}", 1)
            start = time.time()
            target.write_text(text, encoding="utf-8")  # the page shows the summary in its card
            page.wait_for_function(f"() => document.body && document.body.innerText.includes({json.dumps(marker)})",
                                   timeout=300_000, polling=50)
            times.append(time.time() - start)
            time.sleep(1)
        browser.close()
    return statistics.median(times) if times else None


def measure_saves(root: Path, code: Path, saves: int, profile: Path | None) -> dict:
    """Preview saves timed in one process (this checkout's scripts/measure_save.py), with code's sources in root."""
    copy_code(code, root)
    cache = root / ".bench-save-cache"
    shutil.rmtree(cache, ignore_errors=True)
    command = [sys.executable, str(REPO / "scripts" / "measure_save.py"), "--saves", str(saves),
               "--serve", str(code / "scripts" / "serve.py")]  # what code's `make site` adds to MkDocs
    if profile is not None:
        command += ["--profile", str(profile)]
    proc = subprocess.run(command, cwd=root, capture_output=True, text=True,
                          env={**ENV, "PYTHONPATH": str(root), "XIAOBAO_CACHE_DIR": str(cache)})
    shutil.rmtree(cache, ignore_errors=True)
    if proc.returncode:
        raise SystemExit(f"saves failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def profile_top(path: Path, count: int = 15) -> str:
    """The steps of one save that took longest, cumulative, ours and MkDocs' build only."""
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("cumulative").print_stats(r"hooks/|xiaobao/|mkdocs/commands", count)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip() and "function calls" not in line)


def run_saves(n: int, base: Path | None, saves: int, profile_dir: Path | None) -> str:
    """Issue 30's preview figure in one run: the same campaigns, base's code then this code, K saves each."""
    codes = ([("base", base)] if base is not None else []) + [("this", REPO)]
    lines = [f"| N | code | first serve build s | save → rebuilt s (median of {saves}) | save CPU s (median) | saves s |",
             "|---|---|---|---|---|---|"]
    profiles = []
    with tempfile.TemporaryDirectory(prefix=f"xiaobao-saves-{n}-") as tmp:
        root = Path(tmp) / "site-src"
        root.mkdir()
        make_site(root, n)
        for name, code in codes:
            prof = profile_dir / f"save-{name}-{n}.prof" if profile_dir else None
            r = measure_saves(root, code, saves, prof)
            lines.append(f"| {n:,} | {name} ({code.name}) | {r['first_build_s']:.1f} | {r['median_save_s']:.2f} | "
                         f"{r['median_save_cpu_s']:.2f} | {', '.join(f'{t:.2f}' for t in r['saves_s'])} |")
            print(lines[-1], file=sys.stderr, flush=True)
            if prof is not None:
                profiles.append(f"Profile of one save, {name} ({prof}):\n{profile_top(prof)}")
    return "\n".join(lines + [""] + profiles)


def stock_site(root: Path, n: int) -> None:
    """Stock MkDocs + Material: every campaign a page in the navigation, Material's search."""
    (root / "docs" / "campaigns").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    tmp = root / "_campaigns"
    write_campaigns(tmp, n, seed_text())
    for path in tmp.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        _, _, body = text.split("---", 2)
        title = text.split("title: ", 1)[1].split("\n", 1)[0]
        (root / "docs" / "campaigns" / path.name).write_text(f"# {title}\n{body}", encoding="utf-8")
    shutil.rmtree(tmp)
    (root / "mkdocs.yml").write_text(
        "site_name: stock\ntheme:\n  name: material\n  language: zh\nplugins:\n  - search:\n      lang: [zh]\n", encoding="utf-8")


def run(n: int, stock: bool = False, edit: bool = True) -> dict:
    """issue 16's row: one build, page sizes, search bytes and first visits in Chromium (--visits)."""
    with tempfile.TemporaryDirectory(prefix=f"xiaobao-bench-{n}-") as tmp:
        root = Path(tmp)
        if stock:
            stock_site(root, n)
        else:
            make_site(root, n)
        row = {"site": "stock" if stock else "xiaobao", "n": n, **measure_build(root), **html_sizes(root / "site")}
        if stock:
            index = root / "site" / "search" / "search_index.json"
            row["search_first_kb"] = index.stat().st_size / 1e3 if index.exists() else None
            row["search_second_kb"] = 0.0
        else:
            row.update(measure_search(root / "site"))
            row.update(measure_first_visit(root / "site"))
            question = measure_first_visit(root / "site", QUESTION)
            row.update(visit_question_kb=question["visit_kb"], visit_question_sent_kb=question["visit_sent_kb"])
        row["edit_seconds"] = measure_edit(root) if edit and not stock and n <= 1000 else None
        return row


def run_builds(n: int, base: Path | None, preview: bool) -> tuple[list[dict], float | None]:
    """Issue 30's figures for one size: the build rows and the preview's save-to-visible seconds."""
    with tempfile.TemporaryDirectory(prefix=f"xiaobao-bench-{n}-") as tmp:
        root = Path(tmp) / "site-src"
        root.mkdir()
        make_site(root, n)
        rows = build_rows(root, n, base)
        return rows, (measure_edit(root) if preview else None)


def build_table(rows: list[dict], previews: dict[int, float | None]) -> str:
    head = ("| N | build | wall s | CPU s (all processes: main + children) | CPU vs base | peak MB (all processes) | "
            "at the peak: main + children MB | site KB per campaign (on disk / written) | save → visible s (make site) |")
    lines = [head, "|" + "---|" * 9]
    base_cpu = {r["n"]: r["cpu_seconds"] for r in rows if r["build"].startswith("clean, base")}
    for r in rows:
        ratio = (f"{r['cpu_seconds'] / base_cpu[r['n']]:.0%}" if r["n"] in base_cpu and r["build"] == "clean" else "")
        size = (f"{r['disk_kb_per_campaign']:.1f} / {r['kb_per_campaign']:.1f}" if "kb_per_campaign" in r else "")
        preview = fmt(previews.get(r["n"]), ".2f") if r["build"] == "clean" else ""
        own = r["cpu_seconds"] - r.get("child_cpu_seconds", 0.0)
        at = r.get("at_peak") or {}
        split = f"{at['main_mb']} + {at['children_mb']}" if at else ""
        lines.append(f"| {r['n']:,} | {r['build']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} "
                     f"({own:.1f} + {r.get('child_cpu_seconds', 0.0):.1f}) | {ratio} | "
                     f"{r['peak_tree_mb']:.0f} | {split} | {size} | {preview} |")
    return "\n".join(lines)


def fmt(value, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def visit(r: dict, kind: str = "") -> str:
    """First visit plus first search, KiB: uncompressed / brotli as published; flagged when sitemap.xml was fetched."""
    if r.get(f"visit{kind}_kb") is None:
        return "—"
    return (f"{r[f'visit{kind}_kb']:.0f} / {r[f'visit{kind}_sent_kb']:.0f}"
            + (" (sitemap.xml!)" if r.get("visit_sitemap") and not kind else ""))


def table(rows: list[dict]) -> str:
    """A Markdown table; search bytes are uncompressed bodies as the browser received them."""
    head = ("| site | N | build s | CPU s (all processes) | peak MB (main / all processes) | pages | "
            "HTML total MB | median page KB | median campaign KB | search 1st query KB | search 2nd query KB | "
            "first visit + 非法集资 KiB (plain / sent) | first visit + 收到假钱怎么办 KiB (plain / sent) | edit→visible s |")
    lines = [head, "|" + "---|" * 14]
    for r in rows:
        lines.append(f"| {r['site']} | {r['n']:,} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
                     f"{r['peak_mb']:.0f} / {r['peak_tree_mb']:.0f} | "
                     f"{r['pages']:,} | {r['html_total_mb']:.1f} | {r['html_median_kb']:.1f} | {r['campaign_median_kb']:.1f} | "
                     f"{fmt(r.get('search_first_kb'), '.1f')} | {fmt(r.get('search_second_kb'), '.1f')} | {visit(r)} | {visit(r, '_question')} | "
                     f"{fmt(r.get('edit_seconds'), '.1f')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, action="append", help="number of campaigns (repeatable)")
    parser.add_argument("--base", type=Path, help="a checkout of another commit, built from the same input in the same run")
    parser.add_argument("--preview-max", type=int, default=10000, help="measure the preview up to this many campaigns")
    parser.add_argument("--visits", action="store_true", help="also issue 16's table (search bytes, first visits)")
    parser.add_argument("--stock", default="", help="with --visits: comma-separated sizes to also build with stock Material")
    parser.add_argument("--no-edit", action="store_true", help="skip the edit-to-visible measurements")
    parser.add_argument("--write", type=Path, help="also write the tables into this Markdown page (between markers)")
    parser.add_argument("--saves", type=int, default=0,
                        help="only time K preview saves per size in one process (scripts/measure_save.py), with --base too")
    parser.add_argument("--profile-dir", type=Path, help="with --saves: cProfile data of one extra save per code here")
    args = parser.parse_args()
    sizes = args.n or [10000, 100000]
    if args.saves:
        if args.profile_dir:
            args.profile_dir.mkdir(parents=True, exist_ok=True)
        print("\n\n".join(run_saves(n, args.base, args.saves, args.profile_dir) for n in sizes))
        return
    rows, previews = [], {}
    for n in sizes:
        found, previews[n] = run_builds(n, args.base, not args.no_edit and n <= args.preview_max)
        rows += found
        print(build_table(found, previews).splitlines()[-1], flush=True, file=sys.stderr)
    machine = (f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
               f"{time.strftime('%Y-%m-%d')}; Python {sys.version.split()[0]}")
    text = f"{machine}\n\n{build_table(rows, previews)}"
    visits = []
    if args.visits:
        for n in sizes:
            visits.append(run(n, edit=not args.no_edit))
        for n in [int(x) for x in args.stock.split(",") if x]:
            visits.append(run(n, stock=True))
        text += f"\n\n{table(visits)}"
    print(text)
    if args.write:
        write_into(args.write, text, rows)


def write_into(page: Path, text: str, rows: list[dict]) -> None:
    """Replace the block between the bench markers of a docs page with the new figures."""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    hooks = "\n".join(f"- N = {r['n']:,}: " + ", ".join(f"`{k}` {v:.1f} s" for k, v in list(r.get("by_hook", {}).items())[:6])
                      for r in rows if r.get("build") == "clean")
    block = f"{start}\n```text\n{text}\n```\n\nSlowest steps of the clean build (wall seconds):\n\n{hooks}\n{end}"
    current = page.read_text(encoding="utf-8")
    before, _, rest = current.partition(start)
    _, _, after = rest.partition(end)
    page.write_text(before + block + after, encoding="utf-8")


if __name__ == "__main__":
    main()
