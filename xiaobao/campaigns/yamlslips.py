"""Typing slips in front matter, found line by line so an editor sees all of them at once.

PyYAML stops at the first error and names a line that is often not the one to fix (an unclosed
quote on line 2 is reported at the end of the block). This pre-check reads each line on its own
and names the common slips of people typing Chinese: full-width colon, no space after the colon,
quotes that do not pair, Tab indentation, a colon inside an unquoted value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xiaobao.campaigns.frontmatter import FrontMatterError, split
from xiaobao.campaigns.problems import Problem, shown

_KEY = r"[A-Za-z_][\w]*|[\u4e00-\u9fff]{2,12}"
_FULLWIDTH_COLON = re.compile(rf"^\s*(?:-\s+)?(?P<key>{_KEY})\s*：")
_NO_SPACE = re.compile(rf"^\s*(?:-\s+)?(?P<key>{_KEY}):(?=[^\s])")
_NO_COLON = re.compile(r"^\s*(?P<key>[A-Za-z_]\w*)\s+[^\s:#]")
_PAIR = re.compile(rf"^\s*(?:-\s+)?(?P<key>{_KEY}):\s+(?P<value>.*?)\s*$")
PREFIX = "前置信息的 YAML 格式有误"


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based line in the YAML text
    key: str | None
    message: str


def _quote_slip(value: str) -> str | None:
    """A value that opens with a quote must close with the same quote."""
    if not value or value[0] not in "\"'“”‘’":
        return None
    first = value[0]
    if first in "“”‘’":
        return None  # Chinese quotes open a plain value; YAML reads them as text
    body = value[1:]
    closing = body.replace('\\"', "") if first == '"' else body.replace("''", "")
    if first in closing:
        rest = closing[closing.index(first) + 1:].strip()
        if rest and not rest.startswith("#"):
            return f"引号后面还有文字（{shown(rest[:10])}）。请把整段值放在一对引号里"
        return None
    if value.endswith(("”", "’")):
        return f"开头是英文引号 {first}，结尾是中文引号 {value[-1]}。请两头都用英文引号 {first}，或者去掉引号"
    return f"开头的英文引号 {first} 没有配对。请在值的末尾补上 {first}，或者去掉开头的引号"


def _line_slip(text: str) -> tuple[str | None, str] | None:
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    indent = text[: len(text) - len(text.lstrip())]
    if "\t" in indent:
        return None, "行首用了 Tab 缩进。YAML 只认空格：请删掉 Tab，改用两个空格"
    match = _FULLWIDTH_COLON.match(text)
    if match and ":" not in text[: match.end()]:
        return match["key"], f"{match['key']} 后面用了中文冒号“：”。请改成英文冒号加一个空格，如 {match['key']}: 值"
    match = _NO_SPACE.match(text)
    if match:
        return match["key"], f"{match['key']}: 的冒号后面少了一个空格。请写成 {match['key']}: 值"
    match = _PAIR.match(text)
    if match:
        key, value = match["key"], match["value"]
        slip = _quote_slip(value)
        if slip:
            return key, slip
        plain = value and value[0] not in "\"'[{|>&*!%@`"
        if plain and re.search(r":\s", value.split(" #")[0]):
            return key, f"值里有“冒号加空格”，YAML 会以为又是一个字段。请给整段值加英文引号，如 {key}: \"{shown(value[:40])}\""
        return None
    match = _NO_COLON.match(text)
    if match and ":" not in text and "：" not in text:
        return match["key"], f"{match['key']} 后面没有冒号。请写成 {match['key']}: 值"
    return None


def find_slips(yaml_text: str) -> list[Slip]:
    """Every slip in the front matter, in line order; empty when none of the known slips is there."""
    slips = []
    for number, text in enumerate(yaml_text.split("\n"), 1):
        found = _line_slip(text.rstrip("\r"))
        if found:
            slips.append(Slip(number, found[0], f"{PREFIX}：{found[1]}"))
    return slips


def slip_problems(text: str, label: str) -> list[Problem]:
    """The slips of a whole campaign file as problems, with lines counted in the file."""
    try:
        yaml_text = split(text)[0]
    except FrontMatterError:
        return []
    return [Problem(label, slip.line + 1, slip.key, slip.message) for slip in find_slips(yaml_text)]
