"""Front matter read by us, not MkDocs: MkDocs swallows YAML errors and line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text: PyYAML crashes on 2024-02-30 instead of reporting it."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

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


def read_yaml(yaml_text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """PyYAML's C loader when present; every error becomes the editor's message."""
    try:
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        raise _yaml_error(err) from None
    except (ValueError, TypeError, RecursionError) as err:  # constructors can still fail on odd input
        raise FrontMatterError(f"前置信息无法读取（{err}）。请检查数字和日期的写法", None) from None
    lines: dict[str, int] = {}
    if node is not None:
        _key_lines(node, "", lines)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("前置信息应当是“字段: 值”的列表，例如 title: 某某活动", 2)
    return meta, lines


def parse(text: str) -> Document:
    """Read one campaign file, keeping each key's line for the editor's messages."""
    yaml_text, body, body_line = split(text)
    meta, lines = read_yaml(yaml_text)
    return Document(meta, body, lines, body_line)
