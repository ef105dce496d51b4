"""`make site` serves with dirty rebuilds; an edited campaign shows up without a full rebuild."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from sitebuild import make_tree
from test_build import CAMPAIGN

pytestmark = pytest.mark.build


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


def test_serve_rebuilds_an_edited_campaign(tmp_path):
    root = make_tree(tmp_path, {"campaigns/2024/icbc-nantong-315.md": CAMPAIGN})
    port = _port()
    args = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"]
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(args, cwd=root, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(root)})
    url = f"http://127.0.0.1:{port}/campaigns/icbc-nantong-315/"
    try:
        deadline = time.time() + 120
        while "工商银行南通分行" not in _get(url):
            assert time.time() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        path = root / "campaigns/2024/icbc-nantong-315.md"
        path.write_text(path.read_text(encoding="utf-8").replace("summary: ", "summary: 改过的概述", 1), encoding="utf-8")
        deadline = time.time() + 60
        while "改过的概述" not in _get(url):
            assert time.time() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
