"""A reader's first visit: the home page on a phone, then a first search, in a fresh Chromium profile.

    python scripts/bench_visit.py --site site      # an already built site

Uncompressed: the bodies Chromium received. Compressed: what nginx sends from the published directory,
the .br twin of each text file exactly as `make publish` writes it (xiaobao/publish/compress.py).
Also reports whether sitemap.xml was requested (Material fetches it for every rel="alternate" link).
scripts/bench.py calls measure_first_visit(site) on the sites it builds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests" / "browser")]

from conftest import CHROMIUM, LAUNCH_ARGS, serve  # noqa: E402

from xiaobao.publish.compress import sent_bytes  # noqa: E402

QUERY = "非法集资"  # a plain query of the site's own words: no dictionary needed
QUESTION = "收到假钱怎么办"  # a reader's question: the query dictionary (d.json) comes with it
DONE = "() => /共 \\d+ 条结果|约 \\d+ 条结果|已显示 \\d+ 条结果|没有找到|本站还没有/.test((document.querySelector('.xb-search__status') || {}).textContent || '')"
LIMIT_KB = (350, 120)  # issue 16: home page plus a first search, uncompressed / compressed


def measure_first_visit(site: Path, query: str = QUERY) -> dict:
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    bodies: list[tuple[str, bytes]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", has_touch=True)
            page = context.new_page()
            page.on("response", lambda r: bodies.append((r.url, r.body())) if r.status == 200 else None)
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.click(".xb-search__toggle")
            page.keyboard.insert_text(query)
            page.wait_for_function(DONE, timeout=60000)
            page.wait_for_load_state("networkidle")
            status = page.inner_text(".xb-search__status")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    paths = [urlsplit(u).path for u, _ in bodies]
    files = [p + "index.html" if p.endswith("/") else p for p in paths]
    return {
        "visit_kb": sum(len(b) for _, b in bodies) / 1024,
        "visit_sent_kb": sum(sent_bytes(f, b) for f, (_, b) in zip(files, bodies)) / 1024,
        "visit_requests": len(bodies),
        "visit_sitemap": any(p.endswith("sitemap.xml") for p in paths),
        "visit_status": status,
        "visit_largest": sorted(((len(b) // 1024, p) for p, (_, b) in zip(paths, bodies)), reverse=True),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    args = parser.parse_args()
    for query in (QUERY, QUESTION):
        figures = measure_first_visit(args.site, query)
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        within = figures["visit_kb"] <= LIMIT_KB[0] and figures["visit_sent_kb"] <= LIMIT_KB[1]
        print(f"first visit + search “{query}”: {figures['visit_kb']:.1f} KiB, sent {figures['visit_sent_kb']:.1f} KiB "
              f"(limits {LIMIT_KB[0]} / {LIMIT_KB[1]}): {'within' if within else 'OVER'}")


if __name__ == "__main__":
    main()
