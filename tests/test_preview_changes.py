"""A preview save trusts the watcher's list of changed files only when nothing can have been missed
(xiaobao.site.preview.Changes), reads only those files (xiaobao.campaigns.catalog: changed), and a
change the watcher never reported is found by comparing the files with what the build read."""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from xiaobao.campaigns.catalog import folder_entries, load_catalog
from xiaobao.site.preview import Changes, _report_losses, change_observer, trusted_changes

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from samples import CAMPAIGN  # noqa: E402


def test_the_list_is_trusted_only_when_complete():
    changes = Changes()
    changes.note("/a")
    assert changes.take() is None  # a process's first save: the files may have changed before the watch began
    changes.armed = True
    changes.note("/a")
    assert changes.take() == {"/a"}
    changes.note("/a", "/b", "")
    assert changes.take() == {"/a", "/b"}
    assert changes.take() == frozenset()
    changes.note("/c")
    changes.lose()  # an overflowed queue, a lost watch, a folder's event
    changes.note("/d")
    assert changes.take() is None and changes.current is None
    assert changes.touched({"/x"})  # not known: everything counts as changed
    changes.note("/e")
    assert changes.take() == {"/e"}
    assert changes.touched({"/e", "/f"}) and not changes.touched({"/f"})


def test_a_change_during_a_build_goes_to_the_next_build():
    changes = Changes()
    changes.armed = True
    changes.take()
    changes.note("/campaigns/a.md")
    assert changes.take() == {"/campaigns/a.md"}  # the build begins
    changes.note("/campaigns/b.md")  # written while it runs
    assert changes.current == {"/campaigns/a.md"}
    assert changes.take() == {"/campaigns/b.md"}  # the next build reads it


def test_an_unarmed_or_unwatched_folder_is_never_trusted():
    changes = Changes()
    changes.take()
    changes.note("/site/campaigns/a.md")
    changes.take()
    server = type("Server", (), {"_watched_paths": {"/site/campaigns": 1, "/site/docs": 1}})()
    assert trusted_changes(server, "/site/campaigns", changes) is None  # the polling fallback: not armed
    changes.armed = True
    changes.note("/site/campaigns/a.md")
    changes.take()
    assert trusted_changes(server, "/site/campaigns", changes) == {"/site/campaigns/a.md"}
    assert trusted_changes(server, "/site/campaigns-old", changes) is None  # not under a watched path
    assert trusted_changes(None, "/site/campaigns", changes) is None


def test_overflow_and_a_lost_watch_make_the_list_unknown():
    calls = []

    class Group:
        def on_queue_overflow(self):
            calls.append("overflow")

        def on_watch_deleted(self, wd):
            calls.append(("deleted", wd))

    changes = Changes()
    changes.armed = True
    _report_losses(Group, changes)
    _report_losses(Group, changes)  # once per process: not wrapped twice
    changes.take()
    changes.note("/a")
    assert not changes.dropped
    Group().on_queue_overflow()
    assert changes.take() is None and calls == ["overflow"]
    assert changes.dropped  # the preview builds without waiting for another event (scripts/serve.py)
    changes.note("/a")
    Group().on_watch_deleted(7)
    assert changes.take() is None and calls == ["overflow", ("deleted", 7)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_the_watcher_notes_files_and_a_new_folder_makes_the_list_unknown(tmp_path):
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers.polling import PollingObserver

    changes = Changes()
    seen = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            seen.set()

    observer = change_observer(PollingObserver(timeout=0.5), changes)
    observer.schedule(Handler(), str(tmp_path), recursive=True)
    observer.start()
    try:
        assert changes.armed
        changes.take()
        target = tmp_path / "c1.md"
        target.write_text("一\n", encoding="utf-8")
        assert seen.wait(5)
        deadline = time.monotonic() + 5
        while str(target) not in (changes._pending or ()) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert changes.take() == {str(target)}
        (tmp_path / "2030").mkdir()  # files may be moved in with it, without events of their own
        deadline = time.monotonic() + 5
        while changes._pending is not None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert changes.take() is None
    finally:
        observer.stop()
        observer.join(5)


def _campaign(slug: str, summary: str) -> str:
    return (CAMPAIGN.lstrip().replace("slug: icbc-nantong-315\nredirects: [nantong-2024]\n", f"slug: {slug}\n")
            .replace("title: ", f"title: {slug} ", 1).replace("summary: ", f"summary: {summary}", 1))


def _tree(tmp_path: Path) -> Path:
    folder = tmp_path / "campaigns"
    (folder / "2024").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (folder / "2024" / f"{name}.md").write_text(_campaign(f"camp-{name}", f"{name}原文。"), encoding="utf-8")
    return folder


def _load(folder: Path, state: dict, changed):
    return load_catalog(folder, folder.parent, cache=state["cache"], memo=state["memo"], changed=changed)


def test_a_trusted_save_reads_only_the_noted_files_and_a_missed_change_is_found(tmp_path):
    assert "slug: icbc-nantong-315\nredirects: [nantong-2024]\n" in CAMPAIGN
    folder = _tree(tmp_path)
    state: dict = {"cache": {}, "memo": {}}
    first = _load(folder, state, None)
    assert [c.slug for c in first.campaigns] and not first.errors, first.errors
    a, b = folder / "2024" / "a.md", folder / "2024" / "b.md"
    changes = Changes()
    changes.expect(str(folder), state["memo"]["listing"][0][1], state["memo"]["keys"])
    assert changes.stale(folder_entries) == set()
    # a is saved and noted; b changes without an event (a hard link from outside the watched folder).
    a.write_text(_campaign("camp-a", "a改过了。"), encoding="utf-8")
    b.write_text(_campaign("camp-b", "b改过了但没有通知。"), encoding="utf-8")
    os.utime(b, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    trusted = _load(folder, state, frozenset({str(a)}))
    summaries = {c.slug: c.summary for c in trusted.campaigns}
    assert "a改过了" in summaries["camp-a"]
    assert "b原文" in summaries["camp-b"]  # not stat'ed, not read: the list was trusted
    changes.expect(str(folder), state["memo"]["listing"][0][1], state["memo"]["keys"])
    assert changes.stale(folder_entries, stop=lambda: True) == set()  # a save wants its build: given up
    assert changes.stale(folder_entries) == {str(b)}  # the check after the reload finds it
    again = _load(folder, state, frozenset({str(b)}))
    assert "b改过了" in {c.slug: c.summary for c in again.campaigns}["camp-b"]
    changes.expect(str(folder), state["memo"]["listing"][0][1], state["memo"]["keys"])
    assert changes.stale(folder_entries) == set()
    # A full check (None) reads what changed unnoticed, as before.
    b.write_text(_campaign("camp-b", "b第三版。"), encoding="utf-8")
    os.utime(b, ns=(time.time_ns(), time.time_ns() + 9_000_000_000))
    assert "b第三版" in {c.slug: c.summary for c in _load(folder, state, None).campaigns}["camp-b"]


def test_noted_additions_and_deletions_change_the_listing_and_a_new_folder_lists_again(tmp_path):
    folder = _tree(tmp_path)
    state: dict = {"cache": {}, "memo": {}}
    _load(folder, state, None)
    listing = state["memo"]["listing"][0][1]
    same = _load(folder, state, frozenset({str(folder / "2024" / "a.md")}))
    assert state["memo"]["listing"][0][1] is listing and len(same.campaigns) == 3  # the names were not listed again
    added, gone = folder / "2024" / "d.md", folder / "2024" / "b.md"
    added.write_text(_campaign("camp-d", "新加的。"), encoding="utf-8")
    gone.unlink()
    changed = _load(folder, state, frozenset({str(added), str(gone)}))
    assert sorted(c.slug for c in changed.campaigns) == ["camp-a", "camp-c", "camp-d"]
    (folder / "2031").mkdir()
    (folder / "2031" / "e.md").write_text(_campaign("camp-e", "新文件夹里的。"), encoding="utf-8")
    moved_in = _load(folder, state, frozenset({str(folder / "2031" / "e.md")}))  # its folder is new: listed again
    assert "camp-e" in {c.slug for c in moved_in.campaigns}
    # A backup file noted beside them is named as skipped, as a full listing names it.
    (folder / "2024" / "a.md~").write_text("x", encoding="utf-8")
    noted = _load(folder, state, frozenset({str(folder / "2024" / "a.md~")}))
    full = load_catalog(folder, folder.parent)
    assert [str(p) for p in noted.problems] == [str(p) for p in full.problems]
    assert [c.slug for c in noted.campaigns] == [c.slug for c in full.campaigns]


def _serve_module():
    spec = importlib.util.spec_from_file_location("xiaobao_serve_for_test", REPO / "scripts" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    before = list(sys.path)
    spec.loader.exec_module(module)
    sys.path[:] = before
    return module


def test_the_loaded_config_is_kept_until_mkdocs_yml_or_its_parent_changes(tmp_path, monkeypatch):
    from mkdocs.commands import serve as command

    serve = _serve_module()
    parent = tmp_path / "base.yml"
    parent.write_text("site_name: 甲\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("INHERIT: base.yml  # shared\ndocs_dir: docs\n", encoding="utf-8")
    assert [s[0] for s in serve.config_stamps(str(config_file))] == [str(config_file), str(parent)]
    loads = []

    class Loaded:
        def __init__(self):
            self.config_file_path = str(config_file)
            self.watch = ["campaigns"]

    def load(config_file=None, **kwargs):
        loads.append(kwargs)
        return Loaded()

    monkeypatch.setattr(command, "load_config", load)
    monkeypatch.setattr(serve.CHANGES, "current", frozenset())  # the watcher saw nothing
    serve.keep_config()
    first = command.load_config(config_file=str(config_file), site_dir="x")
    first.watch.append("added by serve")
    assert command.load_config(config_file=str(config_file), site_dir="x") is first and len(loads) == 1
    assert first.watch == ["campaigns"]
    assert command.load_config(config_file=str(config_file), site_dir="y") is not first  # other arguments
    kept = command.load_config(config_file=str(config_file), site_dir="y")
    parent.write_text("site_name: 乙乙\n", encoding="utf-8")  # what it inherits changed
    assert command.load_config(config_file=str(config_file), site_dir="y") is not kept
    kept = command.load_config(config_file=str(config_file), site_dir="y")
    monkeypatch.setattr(serve.CHANGES, "current", frozenset({str(config_file)}))  # an event named it (same stamp)
    assert command.load_config(config_file=str(config_file), site_dir="y") is not kept
    monkeypatch.setattr(serve.CHANGES, "current", None)  # not known
    again = command.load_config(config_file=str(config_file), site_dir="y")
    assert command.load_config(config_file=str(config_file), site_dir="y") is not again
