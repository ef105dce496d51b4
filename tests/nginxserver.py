"""Debian's nginx on a free port of 127.0.0.1 as Debian runs it: its own prefix, pid, logs and temp paths
under tmp, and the workers that read the files as an unprivileged user.

Run as root (CI, .ci/run), the master starts as root and its workers switch to www-data (`user www-data;`,
Debian's own nginx.conf), so a release the web server's user cannot read fails here as it would on a
server. Run as anyone else, nginx is that user throughout (no master process, no user switch).
The generated configuration (OUT/nginx/xiaobao-site.conf) is included as-is inside our own server block.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_STATIC = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_answer(url: str, proc: subprocess.Popen, log, context=None, seconds: float = 20):
    """The headers of the first answer from a server just started; fails with its log if it exits or
    does not answer in time. log() gives the server's own words."""
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as response:
                response.read()
                return response.headers
        except OSError:
            assert proc.poll() is None, log()
            assert time.time() < deadline, log()
            time.sleep(0.1)


def worker_user() -> str | None:
    """The user nginx's workers run as: www-data as on Debian (nobody where it is missing) when the tests
    run as root; None otherwise (an unprivileged nginx cannot switch user)."""
    if os.geteuid() != 0:
        return None
    for name in ("www-data", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


def main_conf(tmp: Path, published: Path, port: int) -> str:
    temp = "\n".join(f"    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = worker_user()
    process = (f"user {user};  # the master stays root, the workers read the site as {user} (Debian's nginx.conf)\n"
               "worker_processes 1;" if user else
               "master_process off;  # one process as the calling user: no user switch, no privileges")
    return f"""load_module {BROTLI_STATIC};
{process}
daemon off;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    access_log {tmp / 'access.log'};
{temp}
    include {published / 'nginx' / 'xiaobao-http.conf'};
    server {{
        listen 127.0.0.1:{port};
        include {published / 'nginx' / 'xiaobao-site.conf'};
    }}
}}
"""


def workers(master: int) -> dict[int, str]:
    """nginx's worker processes (children of master) and the user each runs as, from /proc."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master):
            found[int(status.parent.name)] = pwd.getpwuid(int(fields["Uid"].split()[0])).pw_name
    return found


def check(conf: Path, tmp: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True, text=True)


def complaints(tested: subprocess.CompletedProcess) -> list[str]:
    """What `nginx -t` said besides "syntax is ok" and "test is successful": warnings, errors, alerts."""
    return [line for line in tested.stderr.splitlines()
            if line.strip() and not line.startswith("nginx: the configuration file") and not line.startswith("nginx: configuration file")]


@contextmanager
def nginx(published: Path, tmp: Path) -> Iterator[str]:
    """Serve a published directory (scripts/publish.py --root <published>); yields http://127.0.0.1:<port>/."""
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(main_conf(tmp, published, port), encoding="utf-8")
    tested = check(conf, tmp)
    assert tested.returncode == 0, tested.stderr
    assert not complaints(tested), f"nginx -t is not clean: {complaints(tested)}"
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        first_answer(url, proc, lambda: (tmp / "error.log").read_text() if (tmp / "error.log").exists() else "nginx exited")
        user = worker_user()
        if user:
            assert workers(proc.pid) and set(workers(proc.pid).values()) == {user}, workers(proc.pid)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
