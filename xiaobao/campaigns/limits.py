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
    """Nesting the line asks for: its indentation in 4-column steps, then every > of a quote prefix and
    every list marker written one after another ("- - - x" is three lists, one inside the other).
    Spaces after the markers are the item's text, not nesting."""
    columns, at = 0, 0
    while at < len(line) and line[at] in " \t":
        columns += 1 if line[at] == " " else 4 - columns % 4
        at += 1
    marks = 0
    while at < len(line):
        if line[at] == ">":
            marks, at = marks + 1, at + 1
        elif line.startswith(_MARKERS, at):
            marks, at = marks + 1, at + 2
        elif line[at].isdigit():
            end = at
            while end < len(line) and line[end].isdigit() and end - at < 9:
                end += 1
            if not line.startswith((". ", ") "), end):
                break
            marks, at = marks + 1, end + 2
        else:
            break
        while at < len(line) and line[at] == " " and line[at + 1:at + 2] in (">", "-", "*", "+") or \
                at < len(line) and line[at] == " " and line[at + 1:at + 2].isdigit():
            at += 1  # one space between markers ("> - x")
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
