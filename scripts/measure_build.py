"""Run one MkDocs build in this process and print JSON figures: seconds, peak memory, time in our hooks.

Used by scripts/bench.py; our hooks are timed by wrapping their event functions, so the figure
counts exactly the code we own and nothing of MkDocs or the theme.
"""

from __future__ import annotations

import json
import os
import resource
import sys
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


def main(config_file: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    hooks_time: dict[str, float] = {}
    start = time.perf_counter()
    config = load_config(config_file, strict=True)
    events = config.plugins.events
    for name, handlers in events.items():
        events[name] = [_timed(h, hooks_time) if getattr(h, "__module__", "").startswith("hooks/") else h for h in handlers]
    config.plugins.run_event("startup", command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.run_event("shutdown")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    by_hook = {k: round(v, 2) for k, v in sorted(hooks_time.items(), key=lambda kv: -kv[1])}
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "hooks_seconds": sum(hooks_time.values()), "by_hook": by_hook}))


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")
