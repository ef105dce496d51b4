"""Problems found in editors' files, worded for editors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering


@total_ordering
@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str
    severity: str = "error"  # "error" fails the build; "warning" fails it in strict mode

    def _key(self) -> tuple:
        """File, line, field, message: a problem without a line (a missing field) sorts first."""
        return (self.file, self.line or 0, self.field or "", self.message, self.severity)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        where = self.file
        if self.field:
            where += f": {self.field}"
        if self.line:
            where += f"（第 {self.line} 行）"
        return f"{where}：{self.message}"


SHOWN_CHARS = 40


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value as a message may quote it: one line, invisible characters named, at most `limit`
    characters. A message never carries an ESC to the terminal or a 30 MB list into the log."""
    text = value if isinstance(value, str) else _short_repr(value, limit)
    out = []
    for char in text[: limit + 1]:
        out.append(f"<U+{ord(char):04X}>" if is_invisible(char) or char in "\n\t" else char)
    joined = "".join(out)
    return joined[:limit] + "…" if len(text) > limit else joined


def _short_repr(value: object, limit: int) -> str:
    if isinstance(value, (list, tuple, set, dict)):
        inner = [shown(v, limit) for v in list(value)[:5]] if not isinstance(value, dict) else \
            [f"{shown(k, limit)}: {shown(v, limit)}" for k, v in list(value.items())[:5]]
        more = ", …" if len(value) > 5 else ""
        return ("{" if isinstance(value, dict) else "[") + ", ".join(inner) + more + ("}" if isinstance(value, dict) else "]")
    return str(value)


# Characters that cannot be seen or that reorder what is seen: C0/C1 controls, bidi controls,
# zero-width characters, line and paragraph separators. Editors paste them from web pages and chats.
_INVISIBLE_RANGES = [(0x00, 0x1F), (0x7F, 0x9F), (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064),
                     (0x2066, 0x2069), (0x061C, 0x061C), (0x180E, 0x180E), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB)]
INVISIBLE_NAMES = {
    0x00: "空字符 NUL", 0x1B: "转义字符 ESC", 0x200B: "零宽空格", 0x200C: "零宽不连字", 0x200D: "零宽连字",
    0x200E: "从左向右标记", 0x200F: "从右向左标记", 0x202A: "从左向右嵌入", 0x202B: "从右向左嵌入",
    0x202C: "方向格式结束", 0x202D: "从左向右覆盖", 0x202E: "从右向左覆盖", 0x2028: "行分隔符",
    0x2029: "段分隔符", 0x2060: "零宽不断行", 0xFEFF: "零宽不断空格 BOM",
    0x2066: "从左向右隔离", 0x2067: "从右向左隔离", 0x2068: "第一强方向隔离", 0x2069: "方向隔离结束",
}


_INVISIBLE = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _INVISIBLE_RANGES) + "]")


def is_invisible(char: str) -> bool:
    return _INVISIBLE.match(char) is not None


def invisible_in(text: str, allowed: str = "") -> str | None:
    """The first invisible or control character in text (not in allowed), described for editors."""
    for match in _INVISIBLE.finditer(text):
        if match.group() not in allowed:
            code = ord(match.group())
            return f"U+{code:04X}（{INVISIBLE_NAMES.get(code, '控制字符')}）"
    return None


SHOW_FIRST = 50


def kind_of(problem: Problem) -> str:
    """What a problem is about, for the count at the end of a long list: its field, or the file."""
    return (problem.field or "整个文件").split(".")[0]


def summarize(lines: list[str], header: str, kinds: list[str] | None = None) -> str:
    """The first SHOW_FIRST lines under header, then how many more of each kind.

    50,000 unknown topics made a 12.7 MB log that no editor reads; the first lines show what
    to fix, and the counts show how much of it there is.
    """
    shown_lines = "\n".join(f"  {line}" for line in lines[:SHOW_FIRST])
    rest = len(lines) - SHOW_FIRST
    if rest <= 0:
        return f"{header}\n{shown_lines}"
    counts: dict[str, int] = {}
    for kind in (kinds or ["其他"] * len(lines))[SHOW_FIRST:]:
        counts[kind] = counts.get(kind, 0) + 1
    by_kind = "；".join(f"{kind} {n} 处" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{header}\n{shown_lines}\n  ……另有 {rest} 处没有列出（{by_kind}）。改好上面这些后再构建，会列出其余的"


def blocking_message(problems: list[Problem], outcome: str) -> str:
    """The one message a build stops with: every problem of the catalog, summarised when long."""
    what = "活动总结" if all(p.file.startswith("campaigns/") for p in problems) else "编辑的文件"
    return summarize([str(p) for p in problems], f"{what}有 {len(problems)} 处问题，{outcome}。请逐条改正：",
                     [kind_of(p) for p in problems])
