"""`make portal-demo` built once per test process (scripts/portal_demo.py), for the demo's build and browser tests."""

from __future__ import annotations

import atexit
import shutil
import socket
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_BUILT: dict[str, object] = {}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _build_here(root: Path, site: Path) -> None:
    """scripts/portal_demo.py's build_project in this process: the project's code is the repository's
    (make_tree copies it), so a new interpreter per project would only add its start-up."""
    from sitebuild import build

    result = build(root, options=("-d", str(site)), env={"XIAOBAO_SITE_URL": ""})  # "" is unset (settings.py)
    if result.returncode:
        raise SystemExit(f"building {root.name} failed:\n{result.output[-4000:]}")


def portal_demo() -> tuple[Path, int]:
    """(the demo folder: projects/, sites/<member>/, portal/; the port its addresses use)."""
    if "out" not in _BUILT:
        sys.path.insert(0, str(REPO / "scripts"))
        from portal_demo import build_demo

        out = Path(tempfile.mkdtemp(prefix="xiaobao-portal-demo-"))
        atexit.register(shutil.rmtree, out, True)
        port = free_port()
        build_demo(out, port, build=_build_here)
        _BUILT.update(out=out, port=port)
    return _BUILT["out"], _BUILT["port"]  # type: ignore[return-value]
