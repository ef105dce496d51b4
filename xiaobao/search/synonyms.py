"""The editors' synonyms file: everyday words readers type, mapped to the words the pages use.

synonyms.yml is a list of groups; each group says where its wording was found (来源) and maps
each everyday word to one site word or a list of them (同义词). Every mistake is a message in
plain Chinese naming the file, the line and what is allowed; a bad entry is left out, never the
build. Why a group needs a source: the file is evidence of how people ask, not guesses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from xiaobao.search.text import normalize

FILE = "synonyms.yml"
MAX_WORD = 20


@dataclass
class Synonyms:
    words: dict[str, list[str]] = field(default_factory=dict)  # everyday word -> site words
    sources: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # plain Chinese, one per mistake

    @property
    def pairs(self) -> int:
        return sum(len(targets) for targets in self.words.values())


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping key, so a message can name it."""


class _Mapping(dict):
    """A YAML mapping that also keeps every (key, value) pair: a repeated key is reported, not lost."""

    pairs: list


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping = _Mapping()
    mapping.pairs = []
    for key_node, value_node in node.value:
        key = _Key(loader.construct_object(key_node, deep=True), key_node.start_mark.line + 1)
        value = loader.construct_object(value_node, deep=True)
        mapping.pairs.append((key, value))
        mapping[key] = value
    return mapping


class _Key(str):
    line: int

    def __new__(cls, value: object, line: int) -> "_Key":
        key = super().__new__(cls, "" if value is None else str(value))
        key.line = line
        key.original = value
        return key


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path: Path) -> Synonyms:
    """Read and check the file; a missing file means no synonyms."""
    out = Synonyms()
    if not path.exists():
        return out
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except UnicodeDecodeError:
        out.problems.append(f"{name}：文件不是 UTF-8 编码，请另存为 UTF-8。")
        return out
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else "某处"
        out.problems.append(f"{name}：{where}格式有误（YAML 写法不对），整个文件没有生效。请检查缩进和冒号。")
        return out
    if data is None:
        return out
    if not isinstance(data, list):
        out.problems.append(f"{name}：文件应当是一组一组的同义词（每组以“- 来源:”开头），现在不是列表。")
        return out
    for n, group in enumerate(data, 1):
        _read_group(name, n, group, out)
    return out


def _read_group(name: str, n: int, group: object, out: Synonyms) -> None:
    if not isinstance(group, dict):
        out.problems.append(f"{name}：第 {n} 组应当写“来源”和“同义词”两项。")
        return
    keys = {str(k): k for k in group}
    source = group.get(keys.get("来源", ""), None) if "来源" in keys else None
    if not isinstance(source, str) or not source.strip():
        line = min((k.line for k in group), default=0)
        out.problems.append(f"{name}：第 {line} 行起的第 {n} 组缺少“来源”：请写明这些说法从哪里来（问答网页、投诉记录、新闻标题）。")
        return
    words = group.get(keys["同义词"]) if "同义词" in keys else None
    if not isinstance(words, dict) or not words:
        out.problems.append(f"{name}：第 {n} 组（{source.strip()[:20]}）缺少“同义词”，或它不是“读者说法: 本站说法”的列表。")
        return
    out.sources.append(source.strip())
    for key, value in words.pairs:
        _read_pair(name, key, value, out)


def _read_pair(name: str, key: "_Key", value: object, out: Synonyms) -> None:
    where = f"{name}：第 {key.line} 行"
    everyday = normalize(key) if isinstance(key.original, (str, int)) and not isinstance(key.original, bool) else ""
    if not everyday or len(everyday) > MAX_WORD or " " in everyday:
        out.problems.append(f"{where}：“{key}”不能用作读者的说法：应当是一个词，不含空格，不超过 {MAX_WORD} 个字。")
        return
    values = value if isinstance(value, list) else [value]
    targets = []
    for target in values:
        word = normalize(str(target)) if isinstance(target, (str, int)) and not isinstance(target, bool) else ""
        if not word or len(word) > MAX_WORD:
            out.problems.append(f"{where}：“{everyday}”后面应当写本站页面上的词（一个词或 [词1, 词2]），现在是“{target}”。")
            continue
        if word == everyday:  # the word itself is always searched
            if len(values) == 1:
                out.problems.append(f"{where}：“{everyday}”对应到了它自己，这一条没有作用，请删掉。")
            continue
        if word not in targets:
            targets.append(word)
    if not targets:
        return
    if everyday in out.words:
        out.problems.append(f"{where}：“{everyday}”前面已经写过一次，两处的对应词已合并，请删掉重复的一处。")
    merged = out.words.setdefault(everyday, [])
    merged += [t for t in targets if t not in merged]


def unknown_targets(synonyms: Synonyms, texts: list[str]) -> list[str]:
    """Site words no page holds: the synonym would lead nowhere."""
    seen = set()
    missing = []
    for targets in synonyms.words.values():
        for target in targets:
            if target in seen:
                continue
            seen.add(target)
            if not any(target in text for text in texts):
                missing.append(target)
    return missing
