"""Where `make publish` may write: a folder it can replace without deleting anybody's work.

Publishing replaces its output folder whole. `make publish OUT=docs` used to delete docs/ without a
question. Now the folder must be missing, empty, or an earlier publish output (only the entries
publishing writes, see bundle.py), and may not hold or lie inside the project's own sources.
"""

from __future__ import annotations

from pathlib import Path

MARK = ".xiaobao-publish"  # written into every output folder: "this is a publish output"
PUBLISHED_ENTRIES = {"site", "nginx", "caddy", "csp.txt", MARK}
SOURCES = ("docs", "campaigns", "hooks", "xiaobao", "overrides", "scripts", "tests", "vendor", ".git")


def mark(out: Path) -> None:
    (out / MARK).write_text("Written by make publish (scripts/publish.py); replaced whole by the next one.\n",
                            encoding="utf-8")


def out_problem(out: Path, repo: Path) -> str | None:
    """Why OUT cannot be replaced (plain Chinese), or None."""
    out, repo = out.resolve(), repo.resolve()
    shown = out.relative_to(repo).as_posix() if out.is_relative_to(repo) else str(out)
    keep = "为了不删掉里面的文件，发布停止了。请换一个不存在的文件夹或空文件夹，例如 make publish OUT=public"
    if out == repo or out in repo.parents:
        return f"输出文件夹 {shown} 是本项目所在的文件夹（或它的上级）。{keep}"
    for name in SOURCES:
        source = repo / name
        if out == source or source in out.parents:
            return f"输出文件夹 {shown} 在本项目的 {name}/ 里（或就是它）。发布会整个替换输出文件夹。{keep}"
    if not out.exists():
        return None
    if not out.is_dir() or out.is_symlink():
        return f"输出位置 {shown} 不是文件夹。{keep}"
    others = sorted(p.name for p in out.iterdir() if p.name not in PUBLISHED_ENTRIES)
    if others:
        listed = "、".join(others[:5]) + ("等" if len(others) > 5 else "")
        return f"输出文件夹 {shown} 里有不是发布生成的文件（{listed}）。{keep}"
    return None
