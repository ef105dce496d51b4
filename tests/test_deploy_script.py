"""scripts/deploy.sh against a stand-in server: ssh, rsync and sudo replaced by local shims.

What is checked is our logic: each release in its own folder, `current` switched in one step, nginx
checked and reloaded, old releases pruned, --rollback going back exactly one release each time,
and every release readable by the web server's user whatever the umask.
"""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

import pytest

from deployshim import run, stand_in

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def server(tmp_path):
    base = tmp_path / "srv"
    base.mkdir()
    work, env = stand_in(tmp_path, base)
    return work, base, env


def publish(work: Path, marker: str) -> None:
    (work / "public" / "nginx").mkdir(parents=True, exist_ok=True)
    (work / "public" / "nginx" / "xiaobao.conf").write_text("server {}\n")
    (work / "public" / "site").mkdir(exist_ok=True)
    (work / "public" / "site" / "index.html").write_text(marker)


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


def test_release_is_readable_by_the_web_servers_user(server):
    """public/ written under umask 077 (files 0600, folders 0700) and BASE itself 0700: the release is
    still readable by another user, as nginx's workers (www-data) need."""
    work, base, env = server
    publish(work, "one")
    for path in [work / "public", *(work / "public").rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    base.chmod(0o700)
    done = run(work, env, "user@host", umask=0o077)
    assert done.returncode == 0, done.stderr
    release = (base / "current").resolve()
    for path in [base, base / "releases", release, *release.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_unreadable_release_is_not_switched_to(server, tmp_path):
    """Should the copy leave a file others cannot read (rsync without --chmod), current stays where it was."""
    work, base, env = server
    publish(work, "one")
    assert run(work, env, "user@host").returncode == 0
    shim = Path(env["PATH"].split(":")[0]) / "rsync"
    shim.write_text(shim.read_text().replace("args = sys.argv[1:]", "args = [a for a in sys.argv[1:] if not a.startswith('--chmod')]"))
    publish(work, "two")
    (work / "public" / "site" / "index.html").chmod(0o600)
    subprocess.run(["sleep", "1"])
    done = run(work, env, "user@host")
    assert done.returncode == 1 and "读不到" in done.stderr and "index.html" in done.stderr, done.stderr
    assert current(base) == "one"


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
    assert re.search(r"^rsync -a [^\n]*--delete -- public/", (REPO / "scripts" / "deploy.sh").read_text(), re.M)
