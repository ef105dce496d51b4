"""The background batch: the same files as running the work in place, and failures named."""

from __future__ import annotations

from pathlib import Path

import pytest

from xiaobao.pipeline.background import CAN_FORK, Batch
from xiaobao.outputs.qrfiles import PageCode, write_qr_codes, write_qr_index
from xiaobao.search import PageSource, build_and_write


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run(batch_root: Path, background: bool) -> dict[str, bytes]:
    sources = [PageSource(f"p/{i}/", f"第{i}页", f"<p>非法集资 {i}</p>") for i in range(30)]
    codes = [PageCode(f"p/{i}.svg", f"https://x.cn/p/{i}/", fast=i % 2 == 0) for i in range(5)]
    batch = Batch()
    batch.submit("搜索索引", build_and_write, batch_root / "search", sources)
    batch.submit("二维码", write_qr_codes, batch_root, codes)
    batch.submit("二维码目录", write_qr_index, batch_root, [(f"第{i}页", c.url, c.name) for i, c in enumerate(codes)], "消保")
    batch.start(background=background)
    assert (batch.process is not None) == background
    batch.wait()
    return files_under(batch_root)


def test_child_writes_the_same_files_as_running_in_place(tmp_path: Path):
    in_child, in_place = run(tmp_path / "bg", True), run(tmp_path / "fg", False)
    assert in_child == in_place
    assert "qr/p/0.svg" in in_child and "qr/index.html" in in_child and any(k.startswith("search/") for k in in_child)


def test_a_builds_child_is_spawned_and_reads_the_spilled_texts(tmp_path: Path):
    """`mkdocs build` spawns the child (it inherits none of the build's memory): it gets the pages'
    texts through the unnamed spill file, and writes the same index as running in place."""
    from xiaobao.pipeline import background
    from xiaobao.search.job import TextSpill

    if not background.CAN_SPAWN:
        pytest.skip("the child is spawned only where fork and /proc exist")
    spill = TextSpill()
    sources = [spill.put(PageSource(f"p/{i}/", f"第{i}页", "", text=f"第{i}页 防范非法集资 {i}")) for i in range(30)]
    assert all(s.spilled is not None for s in sources)
    spill.flush()
    found = {}
    for where, background_ in (("child", True), ("here", False)):
        (tmp_path / where).mkdir()
        batch = Batch()
        batch.submit("搜索索引", build_and_write, tmp_path / where / "search", sources, None, spill)
        batch.submit("开放数据", lambda root: (root / "data.txt").write_text("甲"), tmp_path / where, portable=False)
        batch.start(background=background_)
        assert batch.method == ("spawn" if background_ else "")
        assert (tmp_path / where / "data.txt").exists() == background_  # not portable: done here before the child
        batch.wait()
        found[where] = files_under(tmp_path / where / "search")
    assert found["child"] == found["here"] and "meta.json" in found["child"]


def _fail(_: object) -> None:
    raise OSError("磁盘已满")


@pytest.mark.parametrize("background", [True, False])
def test_failure_names_the_task(tmp_path: Path, background: bool):
    batch = Batch()
    batch.submit("搜索索引", lambda: None)
    batch.submit("二维码", _fail, tmp_path)
    batch.start(background=background)
    with pytest.raises(RuntimeError, match="二维码"):
        batch.wait()


def test_nothing_may_join_a_started_batch():
    batch = Batch()
    batch.start()
    with pytest.raises(RuntimeError):
        batch.submit("晚到的任务", lambda: None)


def test_existing_codes_are_kept_on_dirty_rebuilds(tmp_path: Path):
    code = PageCode("a.svg", "https://x.cn/a/", fast=True)
    write_qr_codes(tmp_path, [code])
    (tmp_path / "qr" / "a.svg").write_text("kept", encoding="utf-8")
    write_qr_codes(tmp_path, [code], keep_existing=True)
    assert (tmp_path / "qr" / "a.svg").read_text(encoding="utf-8") == "kept"
    write_qr_codes(tmp_path, [code])
    assert (tmp_path / "qr" / "a.svg").read_text(encoding="utf-8").startswith("<svg")



def test_unjoined_batch_runs_linked_tasks_here_and_the_rest_in_the_child(tmp_path: Path):
    """Under `mkdocs serve` nobody waits for the child: files pages link to must exist when start returns."""
    batch = Batch()
    batch.submit("二维码", write_qr_codes, tmp_path, [PageCode("a.svg", "https://x.cn/a/", fast=True)], linked=True)
    batch.submit("搜索索引", build_and_write, tmp_path / "search", [PageSource("a/", "甲", "<p>征信</p>")])
    batch.start(joined=False)
    assert (tmp_path / "qr" / "a.svg").exists()
    assert [t.name for t in batch.tasks] == ["搜索索引"]
    batch.wait()
    assert any((tmp_path / "search").iterdir())


def _sleep() -> None:
    import time
    time.sleep(30)


@pytest.mark.skipif(not CAN_FORK, reason="the child is forked only where fork exists")
def test_a_cancelled_child_stops_quietly_under_the_forms_signal_handler(capfd):
    """`make form` turns SIGTERM into SystemExit; the child it forks must not inherit that and print a traceback."""
    import signal
    import sys
    import time
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        batch = Batch()
        batch.submit("搜索索引", _sleep)
        batch.start()
        process = batch.process
        time.sleep(0.5)  # the child is inside the task
        started = time.monotonic()
        batch.cancel()
        assert time.monotonic() - started < 10
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert process.exitcode == -signal.SIGTERM
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.skipif(not CAN_FORK, reason="the child is forked only where fork exists")
def test_a_save_does_not_wait_for_the_last_child_to_go():
    """cancel(wait=False) (a preview save): the child is stopped and gone soon after, without waiting here."""
    import signal
    import time

    batch = Batch()
    batch.submit("搜索索引", _sleep)
    batch.start()
    process = batch.process
    time.sleep(0.5)
    batch.cancel(wait=False)
    assert batch.process is None and batch.tasks == []
    deadline = time.monotonic() + 10
    while process.exitcode is None:
        assert time.monotonic() < deadline, "the stopped child is still running"
        time.sleep(0.05)
    assert process.exitcode == -signal.SIGTERM
