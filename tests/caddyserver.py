"""Debian's Caddy on a free port of 127.0.0.1, unprivileged: no admin endpoint, no automatic HTTPS, its
storage under tmp. The generated OUT/caddy/xiaobao-site.caddy is imported as-is into our own site block.

Run as root (CI), Caddy runs as www-data (Debian runs it as its own user `caddy`, never root), so a
release that user cannot read fails here as on a server; its working folder is then one of /tmp that
user owns, since pytest's own folders are closed to other users.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nginxserver import first_answer, free_port, worker_user

CADDY = shutil.which("caddy") or "/usr/bin/caddy"


def main_conf(tmp: Path, published: Path, port: int) -> str:
    return (f"{{\n\tadmin off\n\tauto_https off\n\tstorage file_system {tmp / 'data'}\n}}\n"
            f"http://127.0.0.1:{port} {{\n\timport {published / 'caddy' / 'xiaobao-site.caddy'}\n}}\n")


@contextmanager
def caddy(published: Path, tmp: Path) -> Iterator[str]:
    """Serve a published directory (scripts/publish.py --root <published>); yields http://127.0.0.1:<port>/."""
    user = worker_user() if shutil.which("setpriv") else None
    own = None
    if user:  # a folder the unprivileged user can reach and write, removed afterwards
        own = tmp = Path(tempfile.mkdtemp(prefix="xiaobao-caddy-"))
        shutil.chown(tmp, user, user)
    tmp.mkdir(parents=True, exist_ok=True)
    as_user = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--"] if user else []
    port = free_port()
    conf = tmp / "Caddyfile"
    conf.write_text(main_conf(tmp, published, port), encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config")}
    if user:
        shutil.chown(conf, user, user)
    checked = subprocess.run([*as_user, CADDY, "validate", "--config", str(conf), "--adapter", "caddyfile"], env=env,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr[-3000:]
    log = (tmp / "caddy.log").open("wb")
    proc = subprocess.Popen([*as_user, CADDY, "run", "--config", str(conf), "--adapter", "caddyfile"], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        first_answer(url, proc, lambda: (tmp / "caddy.log").read_text(errors="replace")[-3000:])
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
        if own:
            shutil.rmtree(own, ignore_errors=True)
