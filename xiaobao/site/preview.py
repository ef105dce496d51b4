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
import re
import socket
from pathlib import PurePosixPath
from typing import Any

LOCAL_NAMES = ("127.0.0.1", "localhost")
REFUSED = ("这个预览只回答本机地址 http://127.0.0.1 或 http://localhost 的访问。"
           "请在地址栏里用 http://127.0.0.1:端口/ 打开。\n")


def change_observer(fallback: Any) -> Any:
    """A watchdog observer told of writes, creations, deletions and moves as they happen (inotify),
    or fallback (MkDocs' polling observer) where the system has no inotify."""
    try:
        from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                                     FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent)
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return fallback
    changes = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]

    class ChangeObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes,
                                    follow_symlink=follow_symlink)

    return ChangeObserver()


def publish_rebuild(server: Any) -> None:
    """Let the preview's server answer requests with the rebuild just written and tell the browsers
    to reload: what mkdocs.livereload's build loop does once a rebuild is done (its epoch fields)."""
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
