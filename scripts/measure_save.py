"""Time preview saves in this process, as `make site` runs them: one serve build, then saves of one campaign.

    cd <site copy> && python <code>/scripts/measure_save.py --saves 5 [--profile save.prof] [--serve <code>/scripts/serve.py]

What `mkdocs serve --dirty` does on a save (mkdocs.commands.serve: load the config, build dirty),
without the server: the figure is the rebuild only, not MkDocs noticing the file (it polls every
0.5 s) nor the browser reloading. Each save adds a marker to campaigns/…/c00000.md's summary and
checks that the rebuilt page shows it. --profile writes cProfile's data of one more, untimed save.
--serve names the serve.py whose additions to MkDocs (where it has them: the theme's files listed
once, the collector off during a save, unchanged files not written again) the saves get, as `make site` would give them.
Prints one JSON line: first build seconds, each save's wall and CPU seconds (this process;
the background child runs beside it), medians. Used by scripts/bench.py --saves.

    cd <site copy> && python <code>/scripts/measure_save.py --served <code>/scripts/serve.py --saves 5

Save to visible, as an editor has it: runs `make site` (that serve.py) on a free port, saves the
campaign and polls its served page every 20 ms until the marker shows; the figure includes the
server noticing the save, the rebuild and the page being answered (not the browser's own reload,
which follows MkDocs' live-reload call at once). Prints one JSON line with each save's seconds and
the CPU seconds the preview's process used meanwhile (saves_cpu_s: steadier than wall seconds on a
shared machine, where a save waits for the cores as long as it computes).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from mkdocs.commands.build import build

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="cProfile data of one more save after the timed ones")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between saves")
    parser.add_argument("--served", type=Path, help="a scripts/serve.py: time save to visible on the served page")
    parser.add_argument("--serve", type=Path, help="a scripts/serve.py whose additions to MkDocs the saves get")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    if args.served:
        print(json.dumps(served(args.served, args.saves, args.pause)))
        return
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def config():
        from mkdocs.commands import serve as command  # the loader `mkdocs serve` calls (serve.py may keep its result)

        loaded = command.load_config(config_file="mkdocs.yml", site_dir=site_dir, strict=False)  # serve: --no-strict
        loaded.site_url = SERVE_URL
        return loaded

    collecting = {"since": 0.0, "total": 0.0}

    def collected(phase: str, info: dict) -> None:  # the cyclic collector's pauses, counted into each save
        if phase == "start":
            collecting["since"] = time.perf_counter()
        else:
            collecting["total"] += time.perf_counter() - collecting["since"]
    gc.callbacks.append(collected)
    serve = _serve_module(args.serve) if args.serve else None
    if hasattr(serve, "keep_theme_files"):
        serve.keep_theme_files()
    collect_after = hasattr(serve, "collect_after")
    if hasattr(serve, "keep_config"):
        serve.keep_config()
    if hasattr(serve, "keep_unchanged_files"):
        serve.keep_unchanged_files()
    changes = getattr(serve, "CHANGES", None)  # as inotify would: the saved file is the one noted
    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start = time.perf_counter()
    build(first, serve_url=SERVE_URL, dirty=True)
    if changes is not None:
        first.plugins.on_serve(_Watching(first), config=first, builder=None)
        changes.armed = True
    row: dict = {"first_build_s": time.perf_counter() - start, "saves_s": [], "saves_cpu_s": [], "saves_gc_s": []}
    target = next(Path("campaigns").rglob("c00000.md"))
    original = target.read_text(encoding="utf-8")  # one marker at a time: a summary grown past its limit would show the problem list
    for n in range(args.saves + (1 if args.profile else 0)):  # the profiled save is an extra one, not timed
        marker = f"保存测试{n}{time.time_ns()}"
        target.write_text(original.replace("summary: ", f"summary: {marker}", 1), encoding="utf-8")
        profile = cProfile.Profile() if n == args.saves else None
        wall, cpu, collecting["total"] = time.perf_counter(), time.process_time(), 0.0
        if profile:
            profile.enable()
        if collect_after:
            gc.disable()
        if changes is not None:
            changes.note(str(target.resolve()))
            changes.take()
        build(config(), serve_url=SERVE_URL, dirty=True)
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
        else:
            row["saves_s"].append(time.perf_counter() - wall)
            row["saves_cpu_s"].append(time.process_time() - cpu)
            row["saves_gc_s"].append(collecting["total"])
        if collect_after:  # as serve.py: once the browsers were told to reload
            gc.enable()
            gc.collect()
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


class _Watching:
    """What the preview's server tells the build (on_serve): the folders it watches, its reload epochs."""

    def __init__(self, config) -> None:
        import threading

        self._watched_paths = {os.path.abspath(p): 1 for p in [config.docs_dir, config.config_file_path, *config.watch]}
        self._epoch_cond = threading.Condition()
        self._wanted_epoch = self._visible_epoch = 0


def _serve_module(path: Path):
    """A serve.py loaded as a module (its main() does not run)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("xiaobao_serve_script", path)
    module = importlib.util.module_from_spec(spec)
    before = list(sys.path)
    spec.loader.exec_module(module)
    sys.path[:] = before  # the site copy's own code is the one built
    return module


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=600) as answer:
            return answer.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return ""


def served(script: Path, saves: int, pause: float) -> dict:
    """Seconds from writing the campaign file to its served page showing the change, per save."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    target = next(Path("campaigns").rglob("c00000.md"))
    original = target.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/campaigns/c00000/"
    with open("serve.log", "w") as log:
        proc = subprocess.Popen([sys.executable, str(script), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    row: dict = {"saves_s": []}
    try:
        start = time.perf_counter()
        while "</html>" not in _get(url):
            if proc.poll() is not None or time.perf_counter() - start > 1800:
                raise SystemExit(f"the preview did not answer:\n{Path('serve.log').read_text()[-3000:]}")
            time.sleep(0.5)
        row["first_build_s"] = time.perf_counter() - start
        time.sleep(pause * 3)  # the first build's background child settles
        for n in range(saves):
            marker = f"保存测试{n}{time.time_ns()}"
            start = time.perf_counter()
            target.write_text(original.replace("summary: ", f"summary: {marker}", 1), encoding="utf-8")
            cpu = _cpu_seconds(proc.pid)
            while marker not in _get(url):
                if time.perf_counter() - start > 600:
                    raise SystemExit(f"save {n} never showed:\n{Path('serve.log').read_text()[-3000:]}")
                time.sleep(0.02)
            row["saves_s"].append(time.perf_counter() - start)
            if cpu is not None:
                row.setdefault("saves_cpu_s", []).append(_cpu_seconds(proc.pid) - cpu)
            time.sleep(pause)
    finally:
        _stop(proc)
        target.write_text(original, encoding="utf-8")
    row["median_save_s"] = statistics.median(row["saves_s"])
    if row.get("saves_cpu_s"):
        row["median_save_cpu_s"] = statistics.median(row["saves_cpu_s"])
    return row


def _stop(proc: subprocess.Popen) -> None:
    """Stop the preview as Ctrl+C does: its background child is stopped and MkDocs removes the
    served copy of the site (about 0.8 GB at 10,000 campaigns), which SIGTERM left behind."""
    import signal

    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.wait(timeout=60)


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of one process so far (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
