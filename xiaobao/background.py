"""Work that runs in one forked process while MkDocs renders page templates on the other core.

Why: MkDocs renders pages on one core. Work whose inputs are complete once pages are populated
(`on_env`) — the search index, the QR code files — runs meanwhile on the second core, off the
build's critical path. Hooks `submit` their work; hooks/background.py `start`s one child for all
of it (one, so that on two cores the child never competes with a sibling for the core MkDocs is
not using) and `wait`s before the files are checked. Without fork the work runs in `wait`.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import traceback
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Task:
    name: str  # for the editor's message, in Chinese: 搜索索引, 二维码
    fn: Callable[..., None]
    args: tuple[Any, ...]


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
    gc.disable()  # no cycles are made here; a collection would touch, and so copy, the parent's heap
    run_tasks(tasks)


class Batch:
    """Tasks submitted during one build, run together in one child process."""

    def __init__(self) -> None:
        self.tasks: list[Task] = []
        self.process: Any = None
        self.started = self.frozen = False

    def submit(self, name: str, fn: Callable[..., None], *args: Any) -> None:
        if self.started:
            raise RuntimeError("background batch already started")
        self.tasks.append(Task(name, fn, args))

    def start(self, background: bool = True) -> None:
        self.started = True
        if self.tasks and background and "fork" in multiprocessing.get_all_start_methods():
            # Objects made so far leave the collector's care until `wait`: a collection in the parent
            # writes to every object it scans, and each page written is then copied for the child.
            gc.freeze()
            self.frozen = True
            ctx = multiprocessing.get_context("fork")
            self.process = ctx.Process(target=_child, args=(self.tasks,), name="xiaobao-background", daemon=True)
            self.process.start()

    def wait(self) -> None:
        """Return once every task is done; raise RuntimeError naming the task that failed."""
        if self.process is None:
            for task in self.tasks:
                try:
                    task.fn(*task.args)
                except Exception as error:
                    raise RuntimeError(f"{task.name}：{error}") from error
            self.tasks = []
            return
        self.process.join()
        self._thaw()
        code, self.process = self.process.exitcode, None
        if code:
            failed = self.tasks[code - 1].name if 0 < code <= len(self.tasks) else "后台任务"
            raise RuntimeError(f"{failed}：子进程退出码 {code}")
        self.tasks = []

    def cancel(self) -> None:
        """Stop the child (the build failed before its end)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self._thaw()
        self.process, self.tasks = None, []

    def _thaw(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False


batch = Batch()  # one per process; hooks/background.py renews it at every build
