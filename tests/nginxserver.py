"""Debian's nginx on a free port of 127.0.0.1, unprivileged: its own prefix, pid, logs and temp paths under tmp.

The generated configuration (OUT/nginx/xiaobao-site.conf) is included as-is inside our own server block.
"""

from __future__ import annotations

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


def main_conf(tmp: Path, published: Path, port: int) -> str:
    temp = "\n".join(f"    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""load_module {BROTLI_STATIC};
master_process off;  # one process as the calling user: no user switch, no privileges
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


def check(conf: Path, tmp: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True, text=True)


@contextmanager
def nginx(published: Path, tmp: Path) -> Iterator[str]:
    """Serve a published directory (scripts/publish.py --root <published>); yields http://127.0.0.1:<port>/."""
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(main_conf(tmp, published, port), encoding="utf-8")
    tested = check(conf, tmp)
    assert tested.returncode == 0, tested.stderr
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        first_answer(url, proc, lambda: (tmp / "error.log").read_text() if (tmp / "error.log").exists() else "nginx exited")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
