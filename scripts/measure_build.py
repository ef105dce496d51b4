"""Run one MkDocs build in this process and print JSON figures: wall seconds, CPU, peak memory.

The figures that count are the whole build's: `seconds` (wall time), `cpu_seconds` (this process
and its children, user + system) and `peak_tree_mb` (the peak of the summed PSS of this process
and its forked children, sampled once a second: the figure to hold against a memory limit).
peak_mb is this process's peak RSS; child_cpu_seconds the children's part of cpu_seconds.
by_hook times the steps hooks/entry.py calls (hooks/steps/), to show where our own code spends its time.

Used by scripts/bench.py.
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import sys
import threading
import time
from functools import wraps

from mkdocs.commands.build import build
from mkdocs.config import load_config


def _timed(fn, box: dict[str, float]):
    key = f"{fn.__module__}:{fn.__name__}"

    @wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            box[key] = box.get(key, 0.0) + time.perf_counter() - start
    return wrapper


def _time_steps(box: dict[str, float]) -> None:
    """Every public function of hooks/steps/ timed where hooks/entry.py calls it (steps.<module>.<name>)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("steps."):
            continue
        for attr, fn in list(vars(module).items()):
            if inspect.isfunction(fn) and fn.__module__ == name and not attr.startswith("_"):
                setattr(module, attr, _timed(fn, box))


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (the forked readers and the background child)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared after fork count once across the processes sharing them."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of this process and its children once a second; keeps the peak.

    Not more often: reading smaps_rollup walks page tables under the memory lock and slows the build.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb, self.done = 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(1.0):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(os.getpid())))


def main(config_file: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    hooks_time: dict[str, float] = {}
    memory = TreeMemory()
    memory.start()
    start = time.perf_counter()
    config = load_config(config_file, strict=True)  # loads hooks/entry.py, which imports hooks/steps/
    _time_steps(hooks_time)
    config.plugins.run_event("startup", command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.run_event("shutdown")
    seconds = time.perf_counter() - start
    memory.done.set()
    memory.join()
    children, own = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
    child_cpu = children.ru_utime + children.ru_stime
    peak_mb = own.ru_maxrss / 1024
    by_hook = {k: round(v, 2) for k, v in sorted(hooks_time.items(), key=lambda kv: -kv[1])}
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "peak_tree_mb": memory.peak_kb / 1024,
                      "cpu_seconds": own.ru_utime + own.ru_stime + child_cpu, "child_cpu_seconds": child_cpu,
                      "hooks_seconds": sum(hooks_time.values()), "by_hook": by_hook}))


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")
