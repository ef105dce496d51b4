"""Work that runs in one forked process while MkDocs renders page templates on the other core.

Why: MkDocs renders pages on one core. Work whose inputs are complete once pages are populated
(`on_env`) — the search index, the QR code files — runs meanwhile on the second core, off the
build's critical path. Hooks `submit` their work; hooks/background.py `start`s one child for all
of it (one, so that on two cores the child never competes with a sibling for the core MkDocs is
not using) and `wait`s before the files are checked. Without fork the work runs in `wait`.
A stream carries small items (paths of pages just written) from the parent to a reader thread
in the child while MkDocs renders: the link check reads the pages there.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator


CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
STREAM_CHUNK = 64  # items per message from parent to child


@dataclass(frozen=True)
class Task:
    name: str  # for the editor's message, in Chinese: 搜索索引, 二维码
    fn: Callable[..., None]
    args: tuple[Any, ...]


@dataclass
class Stream:
    """Small items the parent sends during the build; `consume` turns them into one result.

    Items should be small (a path, not a page): sending costs the parent time, reading costs
    the child. The child reads in a thread beside its tasks.
    """

    name: str
    consume: Callable[[Iterator[Any]], Any]
    buffered: list[Any] = field(default_factory=list)  # not sent yet; all of them when there is no child
    sender: Any = None  # parent's end of the item pipe once the child runs
    receiver: Any = None  # child's end of it
    result_end: Any = None  # parent's end of the result pipe
    result_sender: Any = None  # child's end of it
    result: Any = None

    def send(self, item: Any) -> None:
        self.buffered.append(item)
        if self.sender is not None and len(self.buffered) >= STREAM_CHUNK:
            self.flush()

    def flush(self) -> None:
        """Send what is buffered: in chunks, because the child's reader waits for the interpreter
        lock (up to 5 ms) for every message it takes while its tasks run."""
        if self.sender is not None and self.buffered:
            self.sender.send(self.buffered)
            self.buffered = []


def _items(receiver: Any) -> Iterator[Any]:
    while (chunk := receiver.recv()) is not None:
        yield from chunk


def _serve_stream(stream: Stream) -> None:
    """In the child: consume what the parent sends, then send back (ok, result or error text)."""
    items = _items(stream.receiver)
    try:
        outcome: tuple[bool, Any] = (True, stream.consume(items))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which fails the build
        traceback.print_exc(file=sys.stderr)
        outcome = (False, f"{type(error).__name__}: {error}")
    for _ in items:  # read to the end, or the parent would block on a full pipe
        pass
    stream.result_sender.send(outcome)


def run_tasks(tasks: list[Task]) -> None:
    """Run every task in order; exit code 1 + n names the failed task (for the parent's message)."""
    for n, task in enumerate(tasks):
        try:
            task.fn(*task.args)
        except BaseException:  # noqa: BLE001 - a child must report, not die silently
            traceback.print_exc(file=sys.stderr)
            sys.stderr.flush()
            raise SystemExit(1 + n) from None


def _child(tasks: list[Task], streams: list[Stream]) -> None:
    gc.disable()  # no cycles are made here; a collection would touch, and so copy, the parent's heap
    readers = [threading.Thread(target=_serve_stream, args=(s,), daemon=True) for s in streams]
    for reader in readers:
        reader.start()
    run_tasks(tasks)
    for reader in readers:
        reader.join()


class Batch:
    """Tasks submitted during one build, run together in one child process."""

    def __init__(self) -> None:
        self.tasks: list[Task] = []
        self.streams: list[Stream] = []
        self.process: Any = None
        self.started = self.frozen = False
        self.joined = True  # False under `mkdocs serve`: nobody waits for the child, so no streams

    def submit(self, name: str, fn: Callable[..., None], *args: Any) -> None:
        if self.started:
            raise RuntimeError("background batch already started")
        self.tasks.append(Task(name, fn, args))

    def stream(self, name: str, consume: Callable[[Iterator[Any]], Any]) -> Stream:
        """Open a stream before `start`; send to it after; read `.result` after `wait`."""
        if self.started:
            raise RuntimeError("background batch already started")
        stream = Stream(name, consume)
        self.streams.append(stream)
        return stream

    def start(self, background: bool = True) -> None:
        self.started = True
        if (self.tasks or self.streams) and background and CAN_FORK:
            # Objects made so far leave the collector's care until `wait`: a collection in the parent
            # writes to every object it scans, and each page written is then copied for the child.
            gc.freeze()
            self.frozen = True
            ctx = multiprocessing.get_context("fork")
            for stream in self.streams:
                stream.receiver, stream.sender = ctx.Pipe(duplex=False)
                stream.result_end, stream.result_sender = ctx.Pipe(duplex=False)
            self.process = ctx.Process(target=_child, args=(self.tasks, self.streams), name="xiaobao-background", daemon=True)
            self.process.start()
            for stream in self.streams:
                stream.receiver.close()
                stream.result_sender.close()

    def wait(self) -> None:
        """Return once every task and stream is done; raise RuntimeError naming what failed."""
        if self.process is None:
            self._run_here()
            return
        failures = []
        for stream in self.streams:
            try:
                stream.flush()
                stream.sender.send(None)
                ok, stream.result = stream.result_end.recv()
            except (EOFError, OSError):
                ok, stream.result = False, "子进程提前退出"
            if not ok:
                failures.append(f"{stream.name}：{stream.result}")
        self.process.join()
        self._thaw()
        code, self.process = self.process.exitcode, None
        if code:
            failures.append(f"{self.tasks[code - 1].name if 0 < code <= len(self.tasks) else '后台任务'}：子进程退出码 {code}")
        self.tasks = []
        if failures:
            raise RuntimeError("；".join(failures))

    def _run_here(self) -> None:
        for task in self.tasks:
            try:
                task.fn(*task.args)
            except Exception as error:
                raise RuntimeError(f"{task.name}：{error}") from error
        for stream in self.streams:
            try:
                stream.result = stream.consume(iter(stream.buffered))
            except Exception as error:
                raise RuntimeError(f"{stream.name}：{error}") from error
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


batch = Batch()  # started at on_env; one per process, renewed at every build by hooks/background.py
early = Batch()  # started at on_nav, for work that needs only the file list (QR codes)


class ForkedCall:
    """fn(*args) computed in a forked child while this process goes on; `result()` collects it.

    For a result needed later in the same event (the catalog's open data files while the pages
    are generated): the child inherits the arguments by fork, so only the result is pickled.
    Without fork, or if the child fails, `result()` computes it here.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self.fn, self.args = fn, args
        self.process: Any = None
        if CAN_FORK:
            ctx = multiprocessing.get_context("fork")
            self.reader, writer = ctx.Pipe(duplex=False)
            gc.freeze()  # as in Batch.start: the parent's collections would copy the shared heap
            self.process = ctx.Process(target=_send_result, args=(writer, fn, args), daemon=True)
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
            self.process.join()
            gc.unfreeze()
            self.reader.close()
            self.process = None
        return value if ok else self.fn(*self.args)  # the child printed its traceback; redo it here


def _send_result(writer: Any, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    gc.disable()
    try:
        outcome = (True, fn(*args))
    except BaseException:  # noqa: BLE001 - the parent recomputes and reports the real error
        traceback.print_exc(file=sys.stderr)
        outcome = (False, None)
    writer.send(outcome)
    writer.close()
