"""Time preview saves in this process, as `make site` runs them: one serve build, then saves of one campaign.

    cd <site copy> && python <code>/scripts/measure_save.py --saves 5 [--profile save.prof]

What `mkdocs serve --dirty` does on a save (mkdocs.commands.serve: load the config, build dirty),
without the server: the figure is the rebuild only, not MkDocs noticing the file (it polls every
0.5 s) nor the browser reloading. Each save adds a marker to campaigns/…/c00000.md's summary and
checks that the rebuilt page shows it. --profile writes cProfile's data of one more, untimed save.
Prints one JSON line: first build seconds, each save's wall and CPU seconds (this process;
the background child runs beside it), medians. Used by scripts/bench.py --saves.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="cProfile data of one more save after the timed ones")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between saves")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def config():
        loaded = load_config(config_file="mkdocs.yml", site_dir=site_dir, strict=False)  # serve: --no-strict
        loaded.site_url = SERVE_URL
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start = time.perf_counter()
    build(first, serve_url=SERVE_URL, dirty=True)
    row: dict = {"first_build_s": time.perf_counter() - start, "saves_s": [], "saves_cpu_s": []}
    target = next(Path("campaigns").rglob("c00000.md"))
    original = target.read_text(encoding="utf-8")  # one marker at a time: a summary grown past its limit would show the problem list
    for n in range(args.saves + (1 if args.profile else 0)):  # the profiled save is an extra one, not timed
        marker = f"保存测试{n}{time.time_ns()}"
        target.write_text(original.replace("summary: ", f"summary: {marker}", 1), encoding="utf-8")
        profile = cProfile.Profile() if n == args.saves else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        build(config(), serve_url=SERVE_URL, dirty=True)
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
        else:
            row["saves_s"].append(time.perf_counter() - wall)
            row["saves_cpu_s"].append(time.process_time() - cpu)
        page = Path(site_dir, "campaigns", "c00000", "index.html")
        if marker not in page.read_text(encoding="utf-8"):
            raise SystemExit(f"save {n}: the rebuilt page does not show the change")
        time.sleep(args.pause)
    first.plugins.on_shutdown()
    target.write_text(original, encoding="utf-8")  # the next code measured starts from the same file
    shutil.rmtree(site_dir, ignore_errors=True)
    row["median_save_s"] = statistics.median(row["saves_s"])
    row["median_save_cpu_s"] = statistics.median(row["saves_cpu_s"])
    print(json.dumps(row))


if __name__ == "__main__":
    main()
