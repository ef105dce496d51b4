"""scripts/deploy.sh against a stand-in server: ssh, rsync and sudo replaced by local shims.

What is checked is our logic: each release in its own folder, `current` switched in one step, nginx
checked and reloaded, old releases pruned, --rollback going back exactly one release each time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIMS = {
    # record the arguments, drop -- and user@host, run the command here
    "ssh": '#!/bin/sh\necho "$1 $2" >> "$XIAOBAO_BASE/ssh.log"\n[ "$1" = -- ] && shift\nshift\nexec sh -c "$*"\n',
    "rsync": '#!/bin/sh\nfor a; do src="$dst"; dst="$a"; done\ndst="${dst#*:}"\nmkdir -p "$dst"\ncp -a "$src". "$dst"\n',
    "sudo": '#!/bin/sh\n[ "$1" = -n ] && shift\necho "$*" >> "$XIAOBAO_BASE/sudo.log"\n',
}


@pytest.fixture
def server(tmp_path):
    bin_dir, base, work = tmp_path / "bin", tmp_path / "srv", tmp_path / "work"
    bin_dir.mkdir()
    for name, text in SHIMS.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    (work / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "deploy.sh", work / "scripts" / "deploy.sh")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "XIAOBAO_BASE": str(base), "XIAOBAO_KEEP": "2"}
    base.mkdir()
    return work, base, env


def publish(work: Path, marker: str) -> None:
    (work / "public" / "nginx").mkdir(parents=True, exist_ok=True)
    (work / "public" / "nginx" / "xiaobao.conf").write_text("server {}\n")
    (work / "public" / "site").mkdir(exist_ok=True)
    (work / "public" / "site" / "index.html").write_text(marker)


def run(work: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "scripts/deploy.sh", *args], cwd=work, env=env, capture_output=True, text=True)


def current(base: Path) -> str:
    return (base / "current" / "site" / "index.html").read_text()


def test_deploy_switches_and_rollback_steps_back(server):
    work, base, env = server
    for marker in ["one", "two", "three"]:
        publish(work, marker)
        done = run(work, env, "user@host")
        assert done.returncode == 0, done.stderr
        assert current(base) == marker
        subprocess.run(["sleep", "1"])  # release names carry the second
    assert (base / "current").is_symlink()
    assert len(list((base / "releases").iterdir())) == 2, "older releases pruned to XIAOBAO_KEEP"
    assert (base / "sudo.log").read_text().count("systemctl reload nginx") == 3
    assert run(work, env, "--rollback", "user@host").returncode == 0 and current(base) == "two"
    back = run(work, env, "--rollback", "user@host")
    assert back.returncode == 1 and "no earlier release" in back.stderr and current(base) == "two"


def test_caddy_is_checked_and_reloaded_instead_of_nginx(server):
    work, base, env = server
    publish(work, "one")
    done = run(work, {**env, "XIAOBAO_SERVER": "caddy"}, "user@host")
    assert done.returncode == 0, done.stderr
    log = (base / "sudo.log").read_text()
    assert "caddy validate --config /etc/caddy/Caddyfile" in log and "systemctl reload caddy" in log and "nginx" not in log
    wrong = run(work, {**env, "XIAOBAO_SERVER": "apache"}, "user@host")
    assert wrong.returncode == 2 and "nginx or caddy" in wrong.stderr


def test_deploy_refuses_without_publish(server):
    work, _, env = server
    done = run(work, env, "user@host")
    assert done.returncode == 1 and "make publish" in done.stderr


def test_server_name_is_never_read_as_an_option(server):
    """Issue 26 (low): a name like -oProxyCommand=… is refused; ssh and rsync get the name after --."""
    work, base, env = server
    publish(work, "one")
    hostile = run(work, env, f"-oProxyCommand=touch {base}/PWNED")
    assert hostile.returncode == 2 and "must be user@host" in hostile.stderr
    assert not (base / "PWNED").exists() and not (base / "ssh.log").exists()
    assert run(work, env, "--rollback", "-oProxyCommand=x").returncode == 2
    done = run(work, env, "user@host")
    assert done.returncode == 0, done.stderr
    assert all(line == "-- user@host" for line in (base / "ssh.log").read_text().splitlines())
    assert "rsync -a --delete -- public/" in (REPO / "scripts" / "deploy.sh").read_text()
