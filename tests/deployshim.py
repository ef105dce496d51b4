"""scripts/deploy.sh run against a stand-in server on this machine: ssh, rsync and sudo are replaced by
shims, so the release lands in a local folder exactly as deploy.sh lays it out on a server.

    ssh    records its first two arguments in BASE/ssh.log, drops -- and user@host, runs the command here
    rsync  Debian's rsync with host: dropped from the destination (the same flags, --chmod included);
           without rsync installed, a copy that applies --chmod=D<mode>,F<mode> the same way
    sudo   writes the command (nginx -t, systemctl reload) to BASE/sudo.log instead of running it
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RSYNC = shutil.which("rsync")
RSYNC_SHIM = f'''#!{sys.executable}
import os, shutil, sys
args = sys.argv[1:]
args[-1] = args[-1].split(":", 1)[-1]
real = {RSYNC!r}
if real:
    os.execv(real, [real, *args])
src, dst = args[-2], args[-1]  # after --
modes = {{}}
for a in args:
    if a.startswith("--chmod="):
        for part in a[len("--chmod="):].split(","):
            modes[part[0]] = int(part[1:], 8)
shutil.copytree(src, dst, symlinks=True, dirs_exist_ok=True)
for folder, dirs, files in os.walk(dst):
    if "D" in modes:
        os.chmod(folder, modes["D"])
    for name in files:
        if "F" in modes and not os.path.islink(os.path.join(folder, name)):
            os.chmod(os.path.join(folder, name), modes["F"])
'''
SHIMS = {
    # record the arguments, drop -- and user@host, run the command here
    "ssh": '#!/bin/sh\necho "$1 $2" >> "$XIAOBAO_BASE/ssh.log"\n[ "$1" = -- ] && shift\nshift\nexec sh -c "$*"\n',
    "rsync": RSYNC_SHIM,
    "sudo": '#!/bin/sh\n[ "$1" = -n ] && shift\necho "$*" >> "$XIAOBAO_BASE/sudo.log"\n',
}


def stand_in(tmp: Path, base: Path) -> tuple[Path, dict[str, str]]:
    """A work folder holding scripts/deploy.sh (put public/ beside it) and the environment that sends
    deploy.sh's ssh, rsync and sudo to the shims, with BASE as the server's /srv/xiaobao."""
    bin_dir, work = tmp / "bin", tmp / "work"
    bin_dir.mkdir(parents=True, exist_ok=True)
    for name, text in SHIMS.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    (work / "scripts").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "scripts" / "deploy.sh", work / "scripts" / "deploy.sh")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "XIAOBAO_BASE": str(base), "XIAOBAO_KEEP": "2"}
    return work, env


def run(work: Path, env: dict, *args: str, umask: int | None = None) -> subprocess.CompletedProcess:
    """scripts/deploy.sh with args; umask (e.g. 0o077) as a hardened account would have it."""
    command = ["bash", "scripts/deploy.sh", *args]
    if umask is not None:
        command = ["bash", "-c", f"umask {umask:03o}; exec \"$@\"", "deploy", *command]
    return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
