"""Run one MkDocs build in this process and print JSON figures: wall seconds, CPU, peak memory.

The figures that count are the whole build's: `seconds` (wall time), `cpu_seconds` (this process
and its children, user + system) and `peak_tree_mb` (the peak of the summed PSS of this process
and its forked children, sampled once a second: the figure to hold against a memory limit).
peak_mb is this process's peak RSS; child_cpu_seconds the children's part of cpu_seconds; at_peak
splits peak_tree_mb between this process and its children (the sample where the sum peaked), and
main_peak_pss_mb / children_peak_pss_mb are each side's own peak.
by_hook times the steps hooks/entry.py calls (hooks/steps/), to show where our own code spends its time.

Used by scripts/bench.py. By hand, in a site folder (the figures are then not comparable, both slow the build):
    python scripts/measure_build.py mkdocs.yml --profile build.prof   # cProfile of the build process
    python scripts/measure_build.py mkdocs.yml --tracemalloc 25       # the 25 lines holding most memory
                                                                      # once every generated page is written
    python scripts/measure_build.py mkdocs.yml --profile build.prof --no-fork  # the child's work in it too
"""

from __future__ import annotations

import argparse
import cProfile
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
        self.start_time = time.perf_counter()
        self.at_peak: dict[str, float] = {}  # which process held what when the sum peaked
        self.own_peak_kb = self.child_peak_kb = 0

    def run(self) -> None:
        own = os.getpid()
        while not self.done.wait(1.0):
            sizes = {pid: _pss_kb(pid) for pid in _tree(own)}
            children = sum(kb for pid, kb in sizes.items() if pid != own)
            self.own_peak_kb = max(self.own_peak_kb, sizes.get(own, 0))
            self.child_peak_kb = max(self.child_peak_kb, children)
            if sum(sizes.values()) > self.peak_kb:
                self.peak_kb = sum(sizes.values())
                self.at_peak = {"second": round(time.perf_counter() - self.start_time, 1),
                                "main_mb": round(sizes.get(own, 0) / 1024), "children_mb": round(children / 1024)}


def _snapshot_after_pages(top: int) -> None:
    """tracemalloc's largest holders (by line) once steps.written has written every generated page,
    the point where the build holds the most: every page known, the child not yet started."""
    import tracemalloc

    module = sys.modules.get("steps.written")
    if module is None:
        return
    write_pages = module.write_pages

    @wraps(write_pages)
    def wrapper(*args, **kwargs):
        write_pages(*args, **kwargs)
        current, peak = tracemalloc.get_traced_memory()
        print(f"tracemalloc after the written pages: {current / 2**20:.1f} MiB held, peak {peak / 2**20:.1f} MiB",
              file=sys.stderr)
        for stat in tracemalloc.take_snapshot().statistics("lineno")[:top]:
            print(f"  {stat}", file=sys.stderr)
    module.write_pages = wrapper


def main(config_file: str, profile: str | None = None, trace: int = 0, fork: bool = True) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    if not fork:
        from xiaobao.pipeline import background

        background.CAN_FORK = False  # the background work runs in this process, where the profile sees it
    hooks_time: dict[str, float] = {}
    memory = TreeMemory()
    memory.start()
    if trace:
        import tracemalloc

        tracemalloc.start()
    start = time.perf_counter()
    config = load_config(config_file, strict=True)  # loads hooks/entry.py, which imports hooks/steps/
    _time_steps(hooks_time)
    if trace:
        _snapshot_after_pages(trace)
    # CPU time, not wall: on a loaded machine waits would swamp the figures (XIAOBAO_PROFILE_WALL=1 for wall)
    profiler = ((cProfile.Profile() if os.environ.get("XIAOBAO_PROFILE_WALL") else cProfile.Profile(time.process_time))
                if profile else None)
    config.plugins.run_event("startup", command="build", dirty=False)
    try:
        if profiler is not None:
            profiler.enable()
        build(config)
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
        config.plugins.run_event("shutdown")
    seconds = time.perf_counter() - start
    memory.done.set()
    memory.join()
    children, own = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
    child_cpu = children.ru_utime + children.ru_stime
    peak_mb = own.ru_maxrss / 1024
    by_hook = {k: round(v, 2) for k, v in sorted(hooks_time.items(), key=lambda kv: -kv[1])}
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "peak_tree_mb": memory.peak_kb / 1024,
                      "at_peak": memory.at_peak, "main_peak_pss_mb": round(memory.own_peak_kb / 1024),
                      "children_peak_pss_mb": round(memory.child_peak_kb / 1024),
                      "cpu_seconds": own.ru_utime + own.ru_stime + child_cpu, "child_cpu_seconds": child_cpu,
                      "hooks_seconds": sum(hooks_time.values()), "by_hook": by_hook}))


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("config", nargs="?", default="mkdocs.yml")
    parser.add_argument("--profile", help="write the build process's cProfile data here")
    parser.add_argument("--tracemalloc", type=int, default=0, metavar="N",
                        help="print the N lines holding most memory after the generated pages are written")
    parser.add_argument("--no-fork", action="store_true", help="run the background child's work in this process")
    args = parser.parse_args()
    main(args.config, args.profile, args.tracemalloc, fork=not args.no_fork)
