"""Bytes the browser downloads for search: a first query (script, manifest, shards, blocks of the
first result page) and a later one, measured in headless Chromium.

    python scripts/bench_search.py --n 10000          # synthetic campaigns, index only (no MkDocs)
    python scripts/bench_search.py --site site        # an already built site

scripts/bench.py calls measure_in_browser(site, queries) on the sites it builds.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts"), str(REPO / "tests" / "browser")]

from conftest import CHROMIUM, LAUNCH_ARGS, serve  # noqa: E402

from xiaobao.search import IndexedPage, build_index, normalize, write_index  # noqa: E402

QUERIES = ["非法集资", "征信"]
DONE = "() => /共 \\d+ 条结果|约 \\d+ 条结果|没有找到/.test((document.querySelector('.xb-search__status') || {}).textContent || '')"
HARNESS = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>search bench</title>
<div class="xb-search" data-xb-search data-xb-root="." hidden>
 <button type="button" class="xb-search__toggle">搜索</button>
 <div class="xb-search__box" role="search"><form class="xb-search__form">
  <input class="xb-search__input" type="search"><button type="button" class="xb-search__close">关闭</button></form>
  <div class="xb-search__panel" hidden><p class="xb-search__status" role="status" aria-live="polite"></p>
  <ol class="xb-search__results"></ol><button type="button" class="xb-search__more" hidden>更多</button></div></div>
</div><script src="assets/js/search.js"></script></html>"""


def measure_in_browser(site: Path, queries: list[str] | None = None, path: str = "") -> dict:
    """Serve `site`, type the queries one after another; kB (bodies + headers) for the first and second."""
    from playwright.sync_api import sync_playwright

    queries = queries or QUERIES
    server, url = serve(site)
    out: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            spent: list[tuple[str, int]] = []

            def on_done(request) -> None:
                if "/search" in request.url:  # search.js, meta.json, shards, blocks
                    sizes = request.sizes()
                    spent.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

            page.on("requestfinished", on_done)
            page.goto(url + path)
            page.wait_for_load_state("load")
            for n, query in enumerate(queries[:2]):
                if n:
                    spent.clear()
                page.fill(".xb-search__input", "")
                page.click(".xb-search__input")
                page.keyboard.insert_text(query)
                page.wait_for_function(DONE, timeout=60000)
                page.wait_for_timeout(300)
                key = "search_first_kb" if n == 0 else "search_second_kb"
                out[key] = sum(size for _, size in spent) / 1e3
                out[key.replace("_kb", "_requests")] = len(spent)
                out[key.replace("_kb", "_status")] = page.inner_text(".xb-search__status")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def synthetic_pages(n: int) -> list[IndexedPage]:
    """Campaign page texts as scripts/synthetic.py writes them (title, front matter facts, body)."""
    from synthetic import _sentences, campaign_file

    seed = REPO.parent / "shared" / "seed" / "000_e7182068650c930c.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else (REPO / "tests" / "fixtures" / "seed_style.txt").read_text(encoding="utf-8")
    rng, sentences = random.Random(7), _sentences(text)
    pages = []
    for i in range(n):
        _, source = campaign_file(i, rng, sentences)
        front, body = source.split("---\n", 2)[1:]
        title = re.search(r"^title: (.*)$", front, re.M).group(1)
        pages.append(IndexedPage(f"campaigns/c{i:05d}/", title, normalize(f"{title} {front} {body}")))
    return pages


def bench_synthetic(n: int, queries: list[str]) -> dict:
    pages = synthetic_pages(n)
    started = time.perf_counter()
    files = build_index(pages)
    seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "assets" / "js").mkdir(parents=True)
        shutil.copy(REPO / "docs" / "assets" / "js" / "search.js", site / "assets" / "js" / "search.js")
        (site / "index.html").write_text(HARNESS, encoding="utf-8")
        write_index(site / "search", files)
        row = measure_in_browser(site, queries)
    shards = [len(v) for k, v in files.items() if "/s/" in k]
    row.update(n=n, index_seconds=round(seconds, 1), files=len(files), shards=len(shards),
               shard_kb_mean=sum(shards) / len(shards) / 1e3, index_mb=sum(map(len, files.values())) / 1e6)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10000, help="synthetic campaign pages")
    parser.add_argument("--site", type=Path, help="measure a built site instead")
    parser.add_argument("--queries", default=",".join(QUERIES), help="first,second query")
    args = parser.parse_args()
    queries = args.queries.split(",")
    row = measure_in_browser(args.site, queries) if args.site else bench_synthetic(args.n, queries)
    for key, value in row.items():
        print(f"{key:24} {value:.1f}" if isinstance(value, float) else f"{key:24} {value}")


if __name__ == "__main__":
    main()
