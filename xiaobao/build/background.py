"""Work that runs in forked processes while MkDocs works on the other core.

Why: MkDocs builds on one core. Work whose inputs are complete early runs meanwhile on the
second core, off the build's critical path: the QR code files (they need only the URLs, known at
on_nav) while MkDocs reads the Markdown, the search index (it needs every page's HTML, known at
on_env) while MkDocs renders templates. Hooks `submit` their work to `early` or `batch`;
hooks/background.py `start`s each as one child (so a child never competes with a sibling for the
core MkDocs is not using) and `wait`s before the files are checked. Without fork the work runs
in `wait`. ForkedCall is the same idea for a result the parent collects later: part of the parsing and
the personal-data check of the catalog, the near-duplicate search and the link check while pages
are built and written.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator


CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
PARALLEL = CAN_FORK and (os.cpu_count() or 1) > 1  # a second process pays only with a second core


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection inside: for loading work that makes many objects and no cycles.

    Reading 10,000 campaigns makes millions of objects; each full collection scans them all to
    free nothing (0.3 s of the build at 10,000, measured with gc.callbacks).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        if self.tasks and background and CAN_FORK:
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
        failed = self.tasks[code - 1].name if 0 < code <= len(self.tasks) else "后台任务"
        self.tasks = []
        if code:
            raise RuntimeError(f"{failed}：子进程退出码 {code}")

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


batch = Batch()  # started at on_env; one per process, renewed at every build by hooks/background.py
early = Batch()  # started at on_nav, for work that needs only the file list (QR codes)


class ForkedCall:
    """fn(*args) computed in a forked child while this process goes on; `result()` collects it.

    The child inherits the arguments by fork, so only the result is pickled: keep results small
    (80 MB of listing HTML cost more to send back than to make here). With one core or without
    fork, or if the child fails, `result()` computes it here.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, nice: int = 0) -> None:
        """nice > 0 lowers the child's priority: for work that may wait while both cores are busy."""
        self.fn, self.args = fn, args
        self.process: Any = None
        if PARALLEL:
            ctx = multiprocessing.get_context("fork")
            self.reader, writer = ctx.Pipe(duplex=False)
            gc.freeze()  # as in Batch.start: the parent's collections would copy the shared heap
            self.process = ctx.Process(target=_send_result, args=(writer, fn, args, nice), daemon=True)
            self.process.start()
            writer.close()

    def result(self) -> Any:
        if self.process is None:
            return self.fn(*self.args)
        try:
            ok, value = self.reader.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            self._close()
        return value if ok else self.fn(*self.args)  # the child printed its traceback; redo it here

    def cancel(self) -> None:
        """Stop the child; its result is not wanted (the build failed)."""
        if self.process is not None:
            self.process.terminate()
            self._close()

    def _close(self) -> None:
        self.process.join()
        gc.unfreeze()
        self.reader.close()
        self.process = None


def _send_result(writer: Any, fn: Callable[..., Any], args: tuple[Any, ...], nice: int) -> None:
    gc.disable()
    if nice:
        os.nice(nice)
    try:
        outcome = (True, fn(*args))
    except BaseException:  # noqa: BLE001 - the parent recomputes and reports the real error
        traceback.print_exc(file=sys.stderr)
        outcome = (False, None)
    writer.send(outcome)
    writer.close()
