"""Limits on how an editor's Markdown is shaped, checked before any Markdown engine sees it.

Python-Markdown parses nested lists and quotes by recursion: a list nested 400 levels deep
(4 spaces a level) ends in a RecursionError traceback. No real page nests more than a handful of
levels, so a deeper one is refused with the line to fix, and the page is never rendered.
"""

from __future__ import annotations

from xiaobao.campaigns.problems import Problem

MAX_NESTING = 20  # list levels (4 columns each) plus quote marks (>) at the start of one line


_MARKERS = ("- ", "* ", "+ ")


def _depth(line: str) -> int:
    """Nesting the line asks for: indentation in 4-column steps, every > of a quote prefix, and every
    list marker written one after another ("- - - x" is three lists, one inside the other)."""
    columns = marks = 0
    at = 0
    while at < len(line):
        char = line[at]
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">":
            marks += 1
        elif line.startswith(_MARKERS, at):
            marks += 1
            at += 2
            continue
        elif char.isdigit():
            end = at
            while end < len(line) and line[end].isdigit() and end - at < 9:
                end += 1
            if not line.startswith((". ", ") "), end):
                break
            marks += 1
            at = end + 2
            continue
        else:
            break
        at += 1
    return columns // 4 + marks


def nesting_problems(body: str, label: str, first_line: int = 1) -> list[Problem]:
    """The first line (outside fenced code) nested deeper than MAX_NESTING, as the editor's problem."""
    fence = ""
    for number, line in enumerate(body.split("\n"), start=first_line):
        stripped = line.lstrip(" ")
        if stripped.startswith(("```", "~~~")) and len(line) - len(stripped) < 4:
            marker = stripped[:3]
            fence = "" if fence == marker else fence or marker
            continue
        if fence:
            continue
        depth = _depth(line)
        if depth > MAX_NESTING:
            return [Problem(label, number, None,
                            f"这一行嵌套太深：列表或引用套了 {depth} 层（开头的空格每 4 个算一层，每个 > 和每个列表符号也算一层），"
                            f"最多 {MAX_NESTING} 层，网站排不出来。请删去这一行开头多余的空格或 >，把内容拆成几段")]
    return []
