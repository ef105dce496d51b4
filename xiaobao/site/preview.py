"""The preview (`make site`): who may ask it for pages, which port it takes, and the page of a broken file.

- Host: the preview serves drafts and, with `make form`, writes files through the form's local
  backend. A web page elsewhere can point its own name at 127.0.0.1 (DNS rebinding) and read from
  the preview as if it were itself; the preview therefore answers only requests addressed to
  127.0.0.1 or localhost.
- Port: a port already taken is said in Chinese, with the command that uses another one.
- The form (/admin/) is not reloaded by the preview: every save changes campaigns/, the preview
  rebuilds, and its reload script would restart the form under the editor's hands (losing what was
  typed since). The form reads files through its backend, not from the built site.
- Noticing a save: MkDocs polls the watched folders every 0.5 s, listing and stat-ing every
  campaign file and every file of the theme each time (at 10,000 campaigns a good part of a core).
  Linux tells a watcher when a file is written (inotify); the preview uses that, for the events
  that change a file only: reading a file (the build reads many) must not start another build.
- Broken file: while a campaign file has a problem it has no page, and the page the editor has open
  (its old address) would keep showing the old version. Its address is kept, so the preview's
  problem list replaces it too (hooks/steps/campaigns.py), this file's problems first.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import threading
from pathlib import PurePosixPath
from typing import Any

LOCAL_NAMES = ("127.0.0.1", "localhost")
REFUSED = ("这个预览只回答本机地址 http://127.0.0.1 或 http://localhost 的访问。"
           "请在地址栏里用 http://127.0.0.1:端口/ 打开。\n")


class Changes:
    """The files inotify said changed since the last save's build began, or None: not known.

    Why: a save at 10,000 campaigns listed the campaign folder and stat'ed every file in it to
    find the one that changed (0.3-0.4 s), while the watcher had been told which one it was. A
    save's build trusts this list only when nothing can have been missed: None (check every file,
    as before) for the first save of a process (the files may have changed before the watch
    began), after the kernel's queue overflowed or a watch was lost, after a folder was created,
    moved or deleted (its files may come without events of their own), and wherever there is no
    inotify (the polling fallback). Events that arrive while a build runs go to the next build
    (take() empties the list when a build begins, and MkDocs builds again after such an event).
    A file changed where no watch sees it (through a hard link from outside, on a network share)
    gives no event at all: after each save's pages are published and at an interval while idle,
    the preview compares every campaign file with what its last build read (expect, stale) and
    builds again if one differs.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: set[str] | None = None  # None: a full check is due
        self.armed = False  # inotify is watching (change_observer); otherwise nothing is trusted
        self.dropped = False  # events were dropped (queue overflow, lost watch): a build is due even with no event
        self.current: frozenset[str] | None = None  # what the build under way may trust (take)
        self._expected: tuple[str, list[str], dict[str, tuple]] | None = None  # what the last build read (expect)

    def note(self, *paths: str) -> None:
        with self._lock:
            if self._pending is not None:
                self._pending.update(p for p in paths if p)

    def lose(self) -> None:
        """Something may have changed without an event naming it: the next build checks every file."""
        with self._lock:
            self._pending = None

    def take(self) -> frozenset[str] | None:
        """When a build begins: what changed since the last one began (None: check everything)."""
        with self._lock:
            taken = frozenset(self._pending) if (self.armed and self._pending is not None) else None
            self._pending = set()
        self.current = taken
        return taken

    def pending(self) -> frozenset[str] | None:
        """What is noted for the next build (None: it checks every file)."""
        with self._lock:
            return None if self._pending is None else frozenset(self._pending)

    def touched(self, paths: set[str]) -> bool:
        """Whether the build under way must treat any of paths as changed."""
        current = self.current
        return current is None or not current.isdisjoint(paths)

    def expect(self, folder: str, listing: list[str], keys: dict[str, tuple]) -> None:
        """What the build read of folder: every entry, and each campaign file's key
        (path, mtime_ns, size, mode, ...) as stat'ed before it was read (or trusted unchanged)."""
        self._expected = (folder, listing, keys)

    def stale(self, listing: Any, stop: Any = None) -> set[str]:
        """The entries of the last build's folder that differ now from what it read (listing(folder)
        gives the folder's entries now): new, gone, or a campaign file with another stat key.
        stop(): checked every 256 files; when true (a save wants its build) the check gives up
        with nothing found, so a save never waits for it; the next check starts again."""
        expected = self._expected
        if expected is None:
            return set()
        folder, before, keys = expected
        now = listing(folder)
        found = set(now).symmetric_difference(before)
        for n, (path, key) in enumerate(keys.items()):
            if stop is not None and n % 256 == 0 and stop():
                return set()
            if _stat_key(path) != key[1:4]:
                found.add(path)
        return found


def _stat_key(path: str) -> tuple | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_mode)


CHANGES = Changes()  # one per process: the watcher (scripts/serve.py) writes it, the build reads it


def trusted_changes(server: Any, folder: str, changes: Changes = CHANGES) -> frozenset[str] | None:
    """What the build under way may take as the changed files of folder: the watcher's list when
    inotify watches folder (the server's watched paths, spelled as the events spell them), else None."""
    if server is None or not changes.armed or changes.current is None:
        return None
    watched = getattr(server, "_watched_paths", {})
    if not any(folder == path or folder.startswith(os.path.join(path, "")) for path in watched):
        return None
    return changes.current


def change_observer(fallback: Any, changes: Changes = CHANGES) -> Any:
    """A watchdog observer told of writes, creations, deletions and moves as they happen (inotify),
    or fallback (MkDocs' polling observer) where the system has no inotify. Every event's paths go
    into changes; a folder's event, a lost watch or an overflowed queue make it unknown."""
    try:
        from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                                     FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                                     FileSystemEventHandler)
        from watchdog.observers import inotify
    except ImportError:  # not Linux
        return fallback
    kinds = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
             DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
    _report_losses(inotify.InotifyWatchGroup, changes)

    class Noted(FileSystemEventHandler):
        """The server's handler, told only after the change is noted (so the build it starts sees it)."""

        def __init__(self, handler: Any) -> None:
            self.handler = handler

        def dispatch(self, event: Any) -> None:
            if event.is_directory:
                changes.lose()
            else:
                changes.note(os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or ""))
            self.handler.dispatch(event)

    class ChangeObserver(inotify.InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            return super().schedule(Noted(event_handler), path, recursive=recursive,
                                    event_filter=event_filter or kinds, follow_symlink=follow_symlink)

    changes.armed = True
    return ChangeObserver()


def _report_losses(group: Any, changes: Changes) -> None:
    """An overflowed queue (events dropped) or a removed watch (its folder deleted or moved away)
    makes what changed unknown. Patched once per process, on watchdog's watch group."""
    if getattr(group, "_xiaobao_losses", None) is changes:
        return
    overflow, deleted = group.on_queue_overflow, group.on_watch_deleted

    def on_queue_overflow(self: Any) -> None:
        changes.lose()
        changes.dropped = True
        overflow(self)

    def on_watch_deleted(self: Any, wd: Any) -> None:
        changes.lose()
        changes.dropped = True
        deleted(self, wd)

    group.on_queue_overflow, group.on_watch_deleted = on_queue_overflow, on_watch_deleted
    group._xiaobao_losses = changes


SHOWN_ERROR: list[bytes] = []  # the last failed build's banner on every served page (scripts/serve.py: show_error)


def publish_rebuild(server: Any) -> None:
    """Let the preview's server answer requests with the rebuild just written and tell the browsers
    to reload: what mkdocs.livereload's build loop does once a rebuild is done (its epoch fields).
    The pages written now replace a failed build's: its error is no longer shown."""
    SHOWN_ERROR.clear()
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def allowed_host(header: str | None, port: int) -> bool:
    """True for Host: 127.0.0.1, localhost (with this port or none); anything else is refused."""
    host = (header or "").strip().lower()  # compared whole: no pattern to backtrack over a hostile header
    return any(host in (name, f"{name}:{port}") for name in LOCAL_NAMES)


def reloads(path: str) -> bool:
    """Whether a page at this path gets the preview's reload-after-rebuild script (not the form's)."""
    return not (path == "/admin" or path.startswith("/admin/"))


def port_taken(port: int, host: str = "127.0.0.1") -> bool:
    """True when another program listens on host:port (bound the way the preview binds)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as err:
            return err.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def port_message(port: int, what: str = "预览", command: str = "make site") -> str:
    other = port + 1 if port < 65535 else 8001
    return (f"{what}没有启动：本机的端口 {port} 已经被别的程序占用（可能是另一个还开着的{what}）。\n"
            f"办法一：找到那个窗口，按 Ctrl+C 关掉它，再运行 {command}。\n"
            f"办法二：换一个端口：{command} PORT={other}，然后打开 http://127.0.0.1:{other}/")


def slug_of_file(text: str, stem: str) -> str:
    """The address a campaign file claims even when its front matter is broken: its slug line, else its name."""
    match = re.search(r"^slug:[ \t]*['\"]?([a-z0-9][a-z0-9-]{0,79})['\"]?[ \t]*(?:#.*)?$", text[:20000], re.M)
    return match.group(1) if match else stem


def broken_pages(problem_files: set[str], known: dict[str, str], read) -> dict[str, str]:
    """{campaign page source (campaigns/<slug>.md, as xiaobao.site.pages names it): file} for each file with a problem.

    known maps a file to the slug its page had before it broke; read(file) gives the file's text
    (or None), used when the file never had a page in this preview."""
    pages = {}
    for file in sorted(problem_files):
        if not file.startswith("campaigns/"):
            continue
        slug = known.get(file)
        if slug is None:
            text = read(file)
            if text is None:
                continue
            slug = slug_of_file(text, PurePosixPath(file).stem)
        if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            pages[f"campaigns/{slug}.md"] = file
    return pages
