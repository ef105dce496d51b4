"""Front matter read by us, not MkDocs: MkDocs swallows YAML errors and line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from xiaobao.campaigns.problems import invisible_in

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader with YAML 1.2's core types only.

    YAML 1.1 reads 1:30 as 90, 010 as 8, 0x1F as 31, 0315 as 205, yes/no/on/off as true/false and
    .nan as a number, and PyYAML crashes on 2024-02-30. Here only null, true/false and plain
    decimal numbers are typed; everything else stays the text the editor wrote, and the schema
    (xiaobao.campaigns.schema) says whether that text is allowed.
    """


_RESOLVERS = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), list("~nN")),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")),
    ("tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"),
     list("-+0123456789")),
]
_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _RESOLVERS:
    for _char in _first:
        _Loader.yaml_implicit_resolvers.setdefault(_char, []).append((_tag, _pattern))
_Loader.yaml_implicit_resolvers.setdefault("", []).append(("tag:yaml.org,2002:null", re.compile(r"^$")))

MAX_FRONT_MATTER = 64 * 1024  # characters; a real one is under 2,000
MAX_DEPTH = 8  # stats: {metric: value} is two levels; a list of lists three
_BRACKETS = re.compile(r"[\[\]{}]")
_DEEP_BLOCK = re.compile(r"^[ \t]*(?:[-?][ \t]+){%d}" % MAX_DEPTH, re.M)
_NEEDS_SCAN = re.compile(r"[&*!]|^[ \t]{24,}\S", re.M)
_DEPTH_TOKENS = {
    yaml.FlowSequenceStartToken: 1, yaml.FlowMappingStartToken: 1, yaml.BlockSequenceStartToken: 1,
    yaml.BlockMappingStartToken: 1, yaml.FlowSequenceEndToken: -1, yaml.FlowMappingEndToken: -1, yaml.BlockEndToken: -1,
}
TOO_DEEP = f"前置信息嵌套太深（超过 {MAX_DEPTH} 层）。字段的值只能是文字、数字、列表，或 stats 下一层“指标: 数字”"
NO_ANCHORS = "前置信息里不能用 & 锚点和 * 引用（YAML 的 anchor 和 alias）。请把值直接写在字段后面"
NO_TAGS = "前置信息里不能用 ! 开头的类型标记（如 !!float、!!binary）。请直接写值，文字可以加引号"


_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Document:
    meta: dict[str, Any]
    body: str
    lines: dict[str, int] = field(default_factory=dict)  # "stats.materials" -> line in the file
    body_line: int = 1


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line where the body starts)."""
    text = normalize_newlines(text)
    opening = _OPEN.match(text)
    if not opening:
        raise FrontMatterError("文件开头没有 --- 开始的前置信息（front matter）。第一行应当只写 ---", 1)
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        raise FrontMatterError("前置信息没有结束：在最后一个字段后另起一行写 ---", 1)
    yaml_text = text[opening.end():closing.start()]
    body = text[closing.end():].lstrip("\r\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return yaml_text, body, body_line


def _key_lines(node: yaml.Node, prefix: str, lines: dict[str, int]) -> None:
    """Record the line of every key, and complain about keys written twice."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        path = f"{prefix}{key}"
        line = key_node.start_mark.line + 2  # +1 for 1-based, +1 for the opening ---
        if key in seen:
            raise FrontMatterError(f"字段 {path} 写了两次。每个字段只能写一次", line)
        seen.add(key)
        lines[path] = line
        _key_lines(value_node, f"{path}.", lines)


def _yaml_error(err: yaml.YAMLError) -> FrontMatterError:
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 2 if mark is not None else None
    hint = "常见原因：冒号后少了空格、引号没有配对、用了 Tab 缩进（请用空格）"
    return FrontMatterError(f"前置信息的 YAML 格式有误，请检查这一行和上一行。{hint}", line)


def _too_deep_at(yaml_text: str) -> int | None:
    """Where brackets nest deeper than MAX_DEPTH, counted before libyaml sees them: its composer
    recurses in C and 100,000 brackets crash the process (scanning them first takes minutes)."""
    depth = 0
    for match in _BRACKETS.finditer(yaml_text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return match.start()
    return None


# What libyaml refuses to read at all (C0 and C1 controls but tab and line ends, DEL, non-characters):
# named here with its line, instead of a YAML error without one.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


def _line_of(yaml_text: str, position: int) -> int:
    return yaml_text.count("\n", 0, position) + 2  # +1 for 1-based, +1 for the opening ---


def _refuse_unsafe(yaml_text: str) -> None:
    """Anchors, aliases and tags are refused and nesting is bounded, before anything is built.

    A self-referring anchor sends the loader into endless recursion; nested aliases (billion
    laughs) make gigabytes from a few lines; `!!float .nan` brings back the numbers the loader
    keeps out. Only text that could hold one of them is scanned (scanning costs as much as loading).
    """
    if len(yaml_text) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"前置信息太长（{len(yaml_text)} 个字符，最多 {MAX_FRONT_MATTER}）。总结正文请写在第二个 --- 下面", 2)
    unreadable = _UNREADABLE.search(yaml_text)
    if unreadable:
        what = invisible_in(unreadable.group()) or f"U+{ord(unreadable.group()):04X}"
        raise FrontMatterError(f"前置信息里有看不见的控制字符 {what}，多半是从网页或聊天软件复制带进来的。"
                               "请删去这一行的这个字符后重新输入", _line_of(yaml_text, unreadable.start()))
    deep_at = _too_deep_at(yaml_text) if "[" in yaml_text or "{" in yaml_text else None
    if deep_at is not None:
        raise FrontMatterError(TOO_DEEP, _line_of(yaml_text, deep_at))
    deep = _DEEP_BLOCK.search(yaml_text)
    if deep:
        raise FrontMatterError(TOO_DEEP, _line_of(yaml_text, deep.start()))
    if not _NEEDS_SCAN.search(yaml_text):
        return
    depth = 0
    try:
        for token in yaml.scan(yaml_text, Loader=_Base):
            line = token.start_mark.line + 2
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise FrontMatterError(NO_ANCHORS, line)
            if isinstance(token, yaml.TagToken):
                raise FrontMatterError(NO_TAGS, line)
            depth += _DEPTH_TOKENS.get(type(token), 0)
            if depth > MAX_DEPTH:
                raise FrontMatterError(TOO_DEEP, line)
    except yaml.YAMLError as err:
        raise _yaml_error(err) from None


def read_yaml(yaml_text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """PyYAML's C loader when present; every error becomes the editor's message."""
    _refuse_unsafe(yaml_text)
    try:
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        raise _yaml_error(err) from None
    except (ValueError, TypeError, RecursionError, OverflowError) as err:  # constructors can still fail on odd input
        raise FrontMatterError("前置信息无法读取。请检查数字和日期的写法", None) from None
    lines: dict[str, int] = {}
    if node is not None:
        _key_lines(node, "", lines)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("前置信息应当是“字段: 值”的列表，例如 title: 某某活动", 2)
    return meta, lines


def normalize_newlines(text: str) -> str:
    """Windows (CR LF) and old Mac (CR only) line ends read as LF, so lines count as editors see them."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def parse(text: str) -> Document:
    """Read one campaign file, keeping each key's line for the editor's messages."""
    yaml_text, body, body_line = split(text)
    meta, lines = read_yaml(yaml_text)
    return Document(meta, body, lines, body_line)
