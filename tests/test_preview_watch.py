"""make site notices a save when the file is written (inotify), and not when a file is only read:
the build reads many watched files, and a read that counted as a change would rebuild forever."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from xiaobao.site.preview import change_observer

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


def _watching(tmp_path):
    seen: list = []
    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            seen.append(event)
            changed.set()

    observer = change_observer(PollingObserver(timeout=0.5))
    observer.schedule(Handler(), str(tmp_path), recursive=True)
    observer.start()
    return observer, seen, changed


def test_a_write_is_noticed_at_once_and_a_read_not_at_all(tmp_path):
    sub = tmp_path / "2024"
    sub.mkdir()
    target = sub / "c1.md"
    target.write_text("summary: 一\n", encoding="utf-8")
    observer, seen, changed = _watching(tmp_path)
    try:
        assert not isinstance(observer, PollingObserver)
        for _ in range(3):
            target.read_text(encoding="utf-8")
        time.sleep(0.3)
        assert seen == [], f"reading a file counted as a change: {seen}"
        start = time.monotonic()
        target.write_text("summary: 二\n", encoding="utf-8")
        assert changed.wait(5)
        assert time.monotonic() - start < 0.25  # MkDocs' polling takes up to 0.5 s and more
        assert any(e.src_path == str(target) for e in seen)
        seen.clear()
        changed.clear()
        (sub / "c2.md").write_text("new\n", encoding="utf-8")  # a new campaign in a folder made after the start
        (tmp_path / "2025").mkdir()
        assert changed.wait(5)
        changed.clear()
        (tmp_path / "2025" / "c3.md").write_text("new\n", encoding="utf-8")
        # The folder's own events may still be arriving, so wait for the file's, not for any event.
        deadline = time.monotonic() + 5
        while not any(e.src_path.endswith("c3.md") for e in list(seen)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert any(e.src_path.endswith("c3.md") for e in list(seen)), seen
    finally:
        observer.stop()
        observer.join(5)
