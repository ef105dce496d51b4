"""Run our browser JavaScript in Node for the tests that compare it with the Python side."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def node() -> str:
    """Node's path; a missing Node fails the test (.ci/run installs it), it never skips."""
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        pytest.fail("Node.js is missing: .ci/run installs it (apt-get install nodejs)")
    return found


def run_json(script: Path, payload: object, timeout: int = 300) -> object:
    """Send payload as JSON on stdin to a Node script; its JSON on stdout back."""
    proc = subprocess.run([node(), str(script)], input=json.dumps(payload), capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
