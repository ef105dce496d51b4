"""Which files an import was asked for, however the names reached the script.

`make import FILES=...` hands the names to the shell unquoted: "3·15 总结.docx" arrives as two
words. Words are joined back with spaces while the joined name exists and the pieces do not.
Folders stand for the summaries inside them.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from xiaobao.importer.reading import SUPPORTED, ReadError, refuse_old_format

OLD_FORMATS = (".doc", ".wps", ".wpt", ".dot")


def split_names(text: str) -> list[str]:
    """Words of a FILES=... value; quotes group words when they pair, and are plain text when not."""
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def _join_words(words: list[str]) -> tuple[list[Path], list[str]]:
    paths, missing = [], []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):  # the longest run of words that names a file
            candidate = Path(" ".join(words[i:j]))
            if candidate.exists():
                paths.append(candidate)
                i = j
                break
        else:
            missing.append(words[i])
            i += 1
    return paths, missing


def _in_folder(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                  and p.suffix.lower() in SUPPORTED + OLD_FORMATS)


def input_files(words: list[str]) -> tuple[list[Path], list[str]]:
    """(files to import, messages for the editor about names that are not importable files)."""
    found, missing = _join_words(words)
    files, problems = [], []
    if missing:
        problems.append(f"找不到文件：{' '.join(missing)}。请检查文件名和它所在的文件夹"
                        "（文件名照原样写，有空格也不用加引号）")
    for path in found:
        for item in _in_folder(path) if path.is_dir() else [path]:
            try:
                refuse_old_format(item)
            except ReadError as err:
                problems.append(str(err))
                continue
            files.append(item)
    return files, problems
