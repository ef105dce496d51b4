"""The written pages' search texts wait in a temporary file, not in memory: the index is the same."""

from __future__ import annotations

from pathlib import Path

from xiaobao.search.job import PageSource, TextSpill, build_and_write


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_an_index_from_spilled_texts_equals_one_from_texts_in_memory(tmp_path: Path):
    sources = [PageSource("topics/a/", "反假币", "<h2>识别假币</h2><p>假币 识别 一看二摸三听四测</p>", 0),
               PageSource("campaigns/", "全部活动", "<p>宣传活动 列表</p>", 2)]
    sources += [PageSource(f"campaigns/c{i}/", f"第{i}篇 防范非法集资", "", 3,
                           text=f"第{i}篇 防范非法集资 宣传 征信 发放资料{i * 37}份 " * (i % 7 + 1)) for i in range(40)]
    spill = TextSpill()
    spilled = [spill.put(s) for s in sources]
    spill.flush()
    assert [s.text for s in spilled[2:]] == [None] * 40 and all(s.spilled for s in spilled[2:])
    assert spill.text(spilled[5].spilled) == sources[5].text  # read back exactly
    build_and_write(tmp_path / "memory", sources)
    build_and_write(tmp_path / "spilled", spilled, spill=spill)
    memory, from_spill = _files(tmp_path / "memory"), _files(tmp_path / "spilled")
    assert len(memory) > 10 and memory == from_spill
