"""Session fixtures made once per test run, whatever the number of pytest-xdist workers.

Why: each xdist worker is its own session, so a session-scoped build would be made once per worker:
the same minutes of CPU twice on two cores. `once` lets the first worker that asks make it, under a
lock in the folder all workers of one run share; the others wait and read its (pickled) result,
which holds paths into that worker's temporary folder. The tests only read what these fixtures make.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")


def once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[], T]) -> T:
    """make() once per run (per session without xdist); every worker gets the same result."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make()
    shared = tmp_path_factory.getbasetemp().parent  # pytest-N/, the parent of every worker's popen-gwK/
    done = shared / f"once-{name}.pickle"
    with (shared / f"once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if make() fails
        if not done.exists():
            done.with_suffix(".tmp").write_bytes(pickle.dumps(make()))
            done.with_suffix(".tmp").rename(done)
        return pickle.loads(done.read_bytes())
