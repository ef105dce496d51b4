"""Shared browser fixtures: the real site built once per session, served on 127.0.0.1, and Chromium.

    built_site  Path of the built site (`mkdocs build --strict` of this repository into a tmp dir)
    site_url    "http://127.0.0.1:<port>/" serving built_site
    browser     Debian Chromium driven by Playwright (session)
    page        a fresh 1280x900 page per test; `page.requests` lists every URL it requested, and
                the test fails if any request left 127.0.0.1
"""

from __future__ import annotations

import functools
import http.server
import os
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
LOCAL_SCHEMES = {"data", "blob", "about"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """Built once per run, also under pytest-xdist (tests/runonce.py)."""
    from runonce import once

    def make() -> tuple[Path, int, str]:
        out = tmp_path_factory.mktemp("built-site") / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(REPO)}
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        return out, proc.returncode, proc.stdout + proc.stderr

    out, code, output = once(tmp_path_factory, "browser-built-site", make)
    assert code == 0, output
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path) -> tuple[socketserver.TCPServer, str]:
    """Serve a directory on a free port of 127.0.0.1 in a daemon thread; returns (server, url)."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0),
                                             functools.partial(_QuietHandler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from checkers import missing  # skips here, fails under CI (XIAOBAO_REQUIRE_CHECKERS)

    try:
        from playwright import sync_api
    except ImportError:
        missing("playwright is not installed (pip install -r requirements.txt)")
    if not Path(CHROMIUM).exists():
        missing("Debian chromium is not installed (.ci/run installs it)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda r: tab.requests.append(r.url))  # type: ignore[attr-defined]
    yield tab
    context.close()
    foreign = sorted({u for u in tab.requests  # type: ignore[attr-defined]
                      if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).hostname != "127.0.0.1"})
    assert not foreign, f"requests left the site: {foreign}"
