"""The one background child: work whose files no later step of the build reads.

Why: MkDocs builds on one core. The search index, the QR code files and the open data files are
written for readers; nothing MkDocs or our hooks make depends on them. So hooks `submit` that
work to the build's batch (xiaobao.pipeline.state.Build.background), hooks/entry.py `start`s it
as one child once every page's HTML is known (on_env), and the child writes the files on the
second core while MkDocs renders and writes the pages. The build `wait`s for it before the
links to those files are checked. Without fork the work runs in this process.

How the child starts: a build (`mkdocs build`, joined) spawns a fresh interpreter that receives
only the tasks' arguments (pickled: page addresses and titles, QR names; the pages' texts stay in
the spill file, which the child opens through /proc). A forked child shared the parent's whole
heap, and every page of it that either process then touched was copied: at 10,000 campaigns the
forked child's share of the peak was 420 MB, the spawned one's 293 MB (one run, both codes side
by side; the whole peak 678 -> 618 MB). A task whose arguments are the parent's large objects (portable=False: the open
data, made from the whole catalog) runs in this process before the child starts. The preview
(`mkdocs serve`, not joined) still forks: a save must not wait for an interpreter to import.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Callable

CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
# A spawned child opens the build's unnamed spill file as /proc/<parent>/fd/<n> (xiaobao.search.job.TextSpill).
CAN_SPAWN = CAN_FORK and os.path.isdir("/proc/self/fd")


@dataclass(frozen=True)
class Task:
    name: str  # for the editor's message, in Chinese: 搜索索引, 二维码
    fn: Callable[..., None]
    args: tuple[Any, ...]
    linked: bool = False  # pages link to the files it writes, so the link check needs them
    portable: bool = True  # its arguments are small enough to hand to a spawned child (pickled)


def run_tasks(tasks: list[Task]) -> None:
    """Run every task in order; exit code 1 + n names the failed task (for the parent's message)."""
    for n, task in enumerate(tasks):
        try:
            task.fn(*task.args)
        except BaseException:  # noqa: BLE001 - a child must report, not die silently
            traceback.print_exc(file=sys.stderr)
            sys.stderr.flush()
            raise SystemExit(1 + n) from None


def _child(tasks: list[Task]) -> None:
    # A stopped child just stops: `cancel` and multiprocessing's exit both send SIGTERM, and a handler
    # inherited from the parent (`make form` turns SIGTERM into SystemExit) would otherwise unwind a
    # task half-way and print its traceback into the editor's log.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
    gc.disable()  # no cycles are made here; a collection would touch, and so copy, the parent's heap
    run_tasks(tasks)


def _portable(tasks: list[Task]) -> bool:
    """Whether the tasks a spawned child would get can be pickled (a lambda cannot: then fork)."""
    try:
        pickle.dumps([t for t in tasks if t.portable], protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def _run_here(tasks: list[Task]) -> None:
    for task in tasks:
        try:
            task.fn(*task.args)
        except Exception as error:
            raise RuntimeError(f"{task.name}：{error}") from error


class Batch:
    """Tasks submitted during one build, run together in one child process."""

    def __init__(self) -> None:
        self.tasks: list[Task] = []
        self.process: Any = None
        self.started = self.frozen = False
        self.method = ""  # how the child was started: "spawn", "fork", or "" (none: the work runs here)

    def submit(self, name: str, fn: Callable[..., None], *args: Any, linked: bool = False,
               portable: bool = True) -> None:
        if self.started:
            raise RuntimeError("background batch already started")
        self.tasks.append(Task(name, fn, args, linked, portable))

    def start(self, background: bool = True, joined: bool = True, linked_here: bool = True) -> None:
        """Fork the child (or, with background=False or without fork, leave the work for `wait`).

        joined=False: nobody will wait for the child (`mkdocs serve`, so that the edited page shows
        at once); the linked tasks then run here first, so that their files exist when the page
        shows, unless linked_here=False (a preview save: the files pages link to are there from the
        first build, and the edited page should not wait for the open data of every campaign).
        """
        self.started = True
        fork = background and CAN_FORK
        if not joined:
            here = [t for t in self.tasks if (t.linked and linked_here) or not fork]
            self.tasks = [t for t in self.tasks if t not in here]
            _run_here(here)
        elif fork and CAN_SPAWN and _portable(self.tasks):
            here = [t for t in self.tasks if not t.portable]
            self.tasks = [t for t in self.tasks if t.portable]
            _run_here(here)
            if self.tasks:
                self.method = "spawn"
                ctx = multiprocessing.get_context("spawn")
                self.process = ctx.Process(target=_child, args=(self.tasks,), name="xiaobao-background", daemon=True)
                self.process.start()
            return
        if self.tasks and fork:
            self.method = "fork"
            # Objects made so far leave the collector's care until `wait`: a collection in the parent
            # writes to every object it scans, so each page of the heap it shares with the child would
            # be copied, and the two processes would hold the whole heap twice.
            gc.freeze()
            self.frozen = True
            ctx = multiprocessing.get_context("fork")
            self.process = ctx.Process(target=_child, args=(self.tasks,), name="xiaobao-background", daemon=True)
            self.process.start()

    def wait(self) -> None:
        """Return once every task is done; raise RuntimeError naming the task that failed."""
        if self.process is None:
            tasks, self.tasks = self.tasks, []
            _run_here(tasks)
            return
        self.process.join()
        self._thaw()
        code, self.process = self.process.exitcode, None
        failed = self.tasks[code - 1].name if 0 < code <= len(self.tasks) else "后台任务"
        self.tasks = []
        if code:
            raise RuntimeError(f"{failed}：子进程退出码 {code}")

    def cancel(self, wait: bool = True) -> None:
        """Stop the child (the build failed before its end, or a new build begins).

        wait=False: a preview save does not wait the 0.1-0.2 s a child forked from a large heap
        takes to go away (it is sent SIGTERM, which stops it at once; multiprocessing reaps it
        when the next child starts)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            if wait:
                self.process.join()
        self._thaw()
        self.process, self.tasks = None, []

    def _thaw(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
