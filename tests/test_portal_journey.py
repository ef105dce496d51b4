"""A portal project as its operator runs it: `make build`, `make publish` served by nginx, `make site`.

The portal is a copy of this project (sources, Makefile, scripts) whose mkdocs.yml lists three
members: two as local folders of published open data (`folder:`), one by its http address on
127.0.0.1, served by a small web server as a member's own site would be. Each target runs as typed
(`make <target>`, variables on make's command line), in a new process, with the project's Python.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from nginxserver import BROTLI_STATIC, NGINX, nginx
from portal_members import GROUPS, NAMES, member_files, url_of, write_member
from sitebuild import REPO
from xiaobao.campaigns.vocab import METRICS
from xiaobao.portal.engine import combine_totals
from xiaobao.publish.permissions import unreadable
from xiaobao.site.aggregate import Total

pytestmark = pytest.mark.build
SITE_URL = "https://portal.xiaobao.test/"  # a real-looking public address: `make build` refuses the placeholder
FOLDER_MEMBERS = ("banks", "amr")  # read from folders; pboc by its http address
PROJECT_FILES = ("Makefile", "requirements.txt", "requirements.lock")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _members_site(tmp: Path) -> tuple[socketserver.TCPServer, str, dict[str, bytes]]:
    """The URL member: its published files served over http on 127.0.0.1, its campaigns under its own address."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp / "pboc-site")))
    server.daemon_threads = True
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    files = member_files(GROUPS["pboc"], url, tmp / "src")
    write_member(tmp / "pboc-site", files)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, url, files


def _portal_project(root: Path, members: list[tuple[str, str, str, str]]) -> None:
    """A portal's project as docs/portal.md sets it up: this project, its campaigns group replaced,
    extra.portal listing the members; the Makefile and scripts as they come."""
    sys.path.insert(0, str(REPO / "scripts"))
    from portal_demo import portal_project

    portal_project(root, SITE_URL, members, name="消保门户（试运行）")
    for name in PROJECT_FILES:
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))


def make(root: Path, target: str, *variables: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """`make <target> VAR=…` in the project, with this interpreter as the project's Python."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "XIAOBAO_SITE_URL", "OUT", "PORT")}
    return subprocess.run(["make", "--no-print-directory", target, f"PY={sys.executable}", "STAMP=", *variables],
                          cwd=root, env={**env, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def journey(tmp_path_factory) -> Iterator[dict]:
    """The members (two folders, one http site) and the portal's project, built once with `make build`."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    tmp = tmp_path_factory.mktemp("portal-journey")
    server, pboc_url, pboc_files = _members_site(tmp)
    published = {"pboc": pboc_files}
    listed = []
    for member in FOLDER_MEMBERS:
        published[member] = member_files(GROUPS[member], url_of(member), tmp / "src")
        write_member(tmp / "members" / member, published[member])
        listed.append((member, NAMES[member], url_of(member), str(tmp / "members" / member)))
    listed.append(("pboc", NAMES["pboc"], pboc_url, ""))
    root = tmp / "portal"
    _portal_project(root, listed)
    built = make(root, "build")
    try:
        yield {"root": root, "built": built, "published": published, "pboc_url": pboc_url, "tmp": tmp}
    finally:
        server.shutdown()
        server.server_close()


def _campaigns(published: dict[str, dict[str, bytes]]) -> int:
    return sum(json.loads(files["data/stats.json"])["campaigns"] for files in published.values())


def test_make_build_reads_every_member_and_adds_them_up(journey):
    built, root = journey["built"], journey["root"]
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "Traceback" not in built.stdout + built.stderr
    total = _campaigns(journey["published"])
    assert f"共 3 个成员，3 个有数据，0 个已隔离；共 {total} 场活动" in built.stdout + built.stderr
    site = root / "site"
    stats = json.loads((site / "data/stats.json").read_text(encoding="utf-8"))
    assert stats["campaigns"] == total
    for member in ("banks", "amr", "pboc"):
        page = (site / "members" / member / "index.html").read_text(encoding="utf-8")
        assert NAMES[member] in page
    pboc = (site / "members/pboc/index.html").read_text(encoding="utf-8")
    assert f'href="{journey["pboc_url"]}campaigns/' in pboc  # the URL member's listing links to its own pages


def _published(journey) -> Path:
    """`make publish OUT=… ROOT=…` once: OUT in a folder the web server's user can reach (not pytest's 0700 tmp)."""
    if "out" not in journey:
        base = Path(tempfile.mkdtemp(prefix="xiaobao-portal-srv-"))
        base.chmod(0o755)
        out = base / "current"
        done = make(journey["root"], "publish", f"OUT={out}", f"ROOT={out}")
        journey.update(out=out, base=base, publish=done)
    return journey["out"]


@pytest.fixture(scope="module")
def release(journey) -> Iterator[Path]:
    out = _published(journey)
    try:
        yield out
    finally:
        shutil.rmtree(journey["base"], ignore_errors=True)


def test_make_publish_gives_a_complete_bundle(journey, release):
    done = journey["publish"]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    site = release / "site"
    for rel in ("index.html", "members/index.html", "members/pboc/index.html", "stats/index.html", "regions/index.html",
                "data/campaigns.csv", "data/campaigns.json", "data/stats.json", "data/provenance.csv", "data/portal.json",
                "data/datapackage.json", "feed.xml", "search/meta.json"):
        assert (site / rel).is_file(), rel
    assert (site / "members/index.html.gz").is_file() and (site / "members/index.html.br").is_file()
    for rel in ("nginx/xiaobao.conf", "nginx/xiaobao-site.conf", "nginx/xiaobao-http.conf", "caddy/Caddyfile", "csp.txt"):
        assert (release / rel).is_file(), rel
    assert f"root \"{release}/site\";" in (release / "nginx/xiaobao-site.conf").read_text(encoding="utf-8") or \
        f"root {release}/site;" in (release / "nginx/xiaobao-site.conf").read_text(encoding="utf-8")
    assert not unreadable(release), unreadable(release)[:3]
    assert not (site / ".cache").exists() and not list(site.rglob("portal.duckdb*"))  # the fetch cache stays home


def test_published_portal_served_by_nginx_as_an_unprivileged_user(journey, release, tmp_path_factory):
    if not Path(NGINX).exists() or not BROTLI_STATIC.exists():
        pytest.skip("nginx or libnginx-mod-http-brotli-static missing (.ci/run installs them)")
    tmp = tmp_path_factory.mktemp("nginx")
    total = _campaigns(journey["published"])
    # nginx() includes the bundle's own configuration, fails unless `nginx -t` is clean, and under root
    # checks that its workers read the release as www-data
    with nginx(release, tmp) as url:
        for path, expect in (("", "消保门户（试运行）"), ("members/", NAMES["pboc"]), ("members/amr/", NAMES["amr"]),
                             ("stats/", f"{total}"), ("data/stats.json", f'"campaigns": {total}')):
            with urllib.request.urlopen(url + path, timeout=10) as answer:
                assert answer.status == 200, path
                text = answer.read().decode("utf-8")
            assert expect in text, (path, expect)
        stats = urllib.request.urlopen(url + "stats/", timeout=10).read().decode("utf-8")
    assert f"3 个成员网站发布的 {total} 场活动" in stats
    for metric, expected in _member_totals(journey["published"]).items():  # each total as the members' stats.json add up
        assert expected.text(METRICS[metric].unit) in stats, metric


def _member_totals(published: dict[str, dict[str, bytes]]) -> dict[str, Total]:
    tables = [json.loads(files["data/stats.json"])["overall"] for files in published.values()]
    return combine_totals({m: Total(v["value"], v["qualifier"], v["campaigns"], v["undisclosed"]) for m, v in table.items()}
                          for table in tables)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8")
    except (OSError, urllib.error.HTTPError):
        return ""


def _until(url: str, test, log: Path, seconds: float = 600) -> str:
    deadline = time.time() + seconds
    while not test(text := _get(url)):
        assert time.time() < deadline, f"{url} never showed it:\n{log.read_text(encoding='utf-8', errors='replace')[-4000:]}"
        time.sleep(0.5)
    return text


def test_make_site_previews_the_portal_and_picks_up_an_edited_member_list(journey):
    root = journey["root"]
    port = _free_port()
    log = root / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "XIAOBAO_SITE_URL", "PORT")}
    with log.open("w") as out:
        proc = subprocess.Popen(["make", "--no-print-directory", "site", f"PORT={port}", f"PY={sys.executable}", "STAMP="],
                                cwd=root, env={**env, "PYTHONPATH": str(root)}, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        members = f"http://127.0.0.1:{port}/members/"
        page = _until(members, lambda t: NAMES["amr"] in t, log)
        assert NAMES["banks"] in page and NAMES["pboc"] in page
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert f"name: {NAMES['amr']}" in text
        pboc = f"      - name: {NAMES['pboc']}\n        id: pboc\n        url: {journey['pboc_url']}\n"
        assert pboc in text
        config.write_text(text.replace(f"name: {NAMES['amr']}", "name: 市场监管局（改名）").replace(pboc, ""), encoding="utf-8")
        page = _until(members, lambda t: "市场监管局（改名）" in t, log)  # one member renamed, one taken out
        assert NAMES["amr"] not in page and NAMES["pboc"] not in page
        assert "市场监管局（改名）" in _get(f"http://127.0.0.1:{port}/members/amr/")
        left = _campaigns({m: journey["published"][m] for m in FOLDER_MEMBERS})
        assert f"2 个成员网站发布的 {left} 场活动" in _get(f"http://127.0.0.1:{port}/stats/")
        assert NAMES["pboc"] not in _get(f"http://127.0.0.1:{port}/members/pboc/")  # no page left over from before
        assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
