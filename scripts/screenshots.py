"""Screenshots of the pages readers and branches use most, to look at before saying a change is done.

    .venv/bin/python -m mkdocs build -d /tmp/site && .venv/bin/python scripts/screenshots.py /tmp/site /tmp/shots

Phones at 390x844 in the three font sizes (标准, 大, 特大) and a 1920x1080 desktop; --full for whole pages.
Prints each page's width against the window's, so an overflow shows without opening the picture.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import socketserver
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PAGES = ["", "topics/fraud-prevention/", "print/fraud-prevention/", "screen-builder/", "s/?2c6eg6x"]  # the last: a wrong short link
VIEWS = [(390, 844, "normal"), (390, 844, "large"), (390, 844, "larger"), (1920, 1080, "normal")]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated site paths")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width, height, size in VIEWS:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            context.add_init_script(f"try {{ localStorage.setItem('xb-font-size', '{size}'); }} catch (e) {{}}")
            page = context.new_page()
            for path in args.pages.split(","):
                page.goto(base + path)
                page.wait_for_timeout(500)  # the builder's preview frame
                name = (re.sub(r"[/?]+", "_", path.strip("/")) or "home") + f"-{width}-{size}.png"
                page.screenshot(path=str(args.out / name), full_page=args.full)
                print(name, "page width", page.evaluate("document.documentElement.scrollWidth"), "window", width)
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
