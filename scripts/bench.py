"""Benchmark: build N synthetic campaigns and print one table of build and reading costs.

    python scripts/bench.py                 # N = 100, 1000, 10000
    python scripts/bench.py --n 1000        # one size
    python scripts/bench.py --stock 100,1000  # also stock MkDocs + Material at these sizes

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

from sitebuild import make_tree, serving  # noqa: E402
from bench_visit import QUESTION, measure_first_visit  # noqa: E402
from synthetic import repo_seed_text, write_campaigns  # noqa: E402

SEED = REPO.parent / "shared" / "seed" / "000_e7182068650c930c.txt"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.exists() else repo_seed_text(REPO)


def make_site(root: Path, n: int) -> None:
    make_tree(root, {})  # the same copy of the site sources the build tests use
    write_campaigns(root / "campaigns", n, seed_text())


def measure_build(root: Path) -> dict:
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "measure_build.py"), "mkdocs.yml"], cwd=root,
                          env={**ENV, "PYTHONPATH": str(root)}, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


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


def measure_edit(root: Path, edits: int = 3) -> float | None:
    """Median seconds from saving one campaign to Chromium showing the change under `make site`.

    The page is open in the browser as an editor would have it; MkDocs' livereload reloads it once
    the rebuild is done, so the figure includes noticing the save (MkDocs polls every 0.5 s).
    """
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, LAUNCH_ARGS  # type: ignore[import-not-found]

    times = []
    with serving(root, "campaigns/c00000/") as url, sync_playwright() as p:
        target = next((root / "campaigns").rglob("c00000.md"))
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto(url)
        time.sleep(2)  # let the server settle after its first build
        for n in range(edits):
            marker = f"编辑测试{n}{int(time.time())}"
            text = target.read_text(encoding="utf-8").replace("summary: ", f"summary: {marker}", 1)
            start = time.time()
            target.write_text(text, encoding="utf-8")
            page.wait_for_function(f"() => document.body && document.body.innerText.includes({json.dumps(marker)})",
                                   timeout=300_000, polling=50)
            times.append(time.time() - start)
            time.sleep(1)
        browser.close()
    return statistics.median(times) if times else None


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
    parser.add_argument("--stock", default="", help="comma-separated sizes to also build with stock Material")
    parser.add_argument("--no-edit", action="store_true", help="skip the edit-to-visible measurement")
    parser.add_argument("--write", type=Path, help="also write the table into this Markdown page (between markers)")
    args = parser.parse_args()
    rows = []
    for n in args.n or [100, 1000, 10000]:
        rows.append(run(n, edit=not args.no_edit))
        print(table(rows[-1:]).splitlines()[-1], flush=True, file=sys.stderr)
    for n in [int(x) for x in args.stock.split(",") if x]:
        rows.append(run(n, stock=True))
        print(table(rows[-1:]).splitlines()[-1], flush=True, file=sys.stderr)
    text = f"Machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; Python {sys.version.split()[0]}\n\n{table(rows)}"
    print(text)
    if args.write:
        write_into(args.write, text, rows)


def write_into(page: Path, text: str, rows: list[dict]) -> None:
    """Replace the block between the bench markers of a docs page with the new figures."""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    hooks = "\n".join(f"- N = {r['n']:,}: " + ", ".join(f"`{k}` {v:.1f} s" for k, v in list(r.get("by_hook", {}).items())[:6])
                      for r in rows if r["site"] == "xiaobao")
    block = f"{start}\n```text\n{text}\n```\n\nSlowest hook functions:\n\n{hooks}\n{end}"
    current = page.read_text(encoding="utf-8")
    before, _, rest = current.partition(start)
    _, _, after = rest.partition(end)
    page.write_text(before + block + after, encoding="utf-8")


if __name__ == "__main__":
    main()
