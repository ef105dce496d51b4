"""The editors' synonyms file: everyday words readers type, mapped to the words the pages use.

synonyms.yml is a list of groups; each group says where its wording was found (来源) and maps
each everyday word to one site word or a list of them (同义词). A group may also name words of
which at least one must occur in the question for its synonyms to apply (同时出现): 跑路 beside
健身 or 会员卡 means a prepaid card, beside 理财 or 高息 illegal fundraising. Every mistake is a
message in plain Chinese naming the file, the line and what is allowed; a bad entry is left out,
never the build. Why a group needs a source: the file is evidence of how people ask, not guesses.

A group may instead list subjects the site does not cover (本站不讲: 社保, 公积金, 交通事故 …),
with the public source that assigns them elsewhere (another agency's hotline and its remit): a
question about one of them is told plainly that the site has no page on it, unless the rest of
the question is well answered (冒充社保局的诈骗电话 is still the fraud page's).

The file is read with limits (size, nesting, no YAML aliases, entries, bytes shipped): every
reader's first question downloads what it holds, so a file that grew by mistake must be refused
with a message, not fill memory or the readers' phones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from xiaobao.search.text import normalize

FILE = "synonyms.yml"
MAX_WORD = 20
MAX_FILE_BYTES = 256_000  # the repository's file is about 15 KB
MAX_TARGETS = 8  # site words for one everyday word
MAX_CONTEXT = 30  # words a group's 同时出现 may list
MAX_WORDS = 1500  # everyday words in the whole file
MAX_SHIPPED = 24_000  # bytes of synonyms in d.json, which rides on every reader's first question
MAX_GATE = 8_000  # bytes of g.json (everyday words), which a plain first search fetches
MAX_OUTSIDE = 300  # subjects the site does not cover, in the whole file
SOURCE, WORDS, CONTEXT, OUTSIDE, LINE = "来源", "同义词", "同时出现", "本站不讲", "热线"
_LINE = re.compile(r"^(\d[\d-]{2,19}) (\S.{0,39})$")  # 12333 人力资源和社会保障服务热线


@dataclass
class Synonyms:
    words: dict[str, list[str]] = field(default_factory=dict)  # everyday word -> site words
    # everyday word -> [(context words, site words)]: used when one of the context words is in the query
    context: dict[str, list[tuple[list[str], list[str]]]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # subjects the site has no page on (本站不讲)
    # the hotline that answers some of them (热线): (number, name, subjects)
    outside_lines: list[tuple[str, str, list[str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # plain Chinese, one per mistake

    @property
    def pairs(self) -> int:
        return (sum(len(targets) for targets in self.words.values())
                + sum(len(t) for rules in self.context.values() for _, t in rules))

    def everyday(self) -> list[str]:
        """Every everyday word, with or without context."""
        return sorted(set(self.words) | set(self.context))

    def shipped(self) -> dict:
        """What d.json carries: `s` the synonyms without context, `c` those with (search-rules.js)."""
        out: dict = {"s": self.words}
        if self.context:
            out["c"] = {word: [[ctx, targets] for ctx, targets in rules] for word, rules in self.context.items()}
        return out


class _Refused(Exception):
    """A construct the file may not use; the message is the editor's."""


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping key, so a message can name it; refuses aliases.

    Why no aliases: `*a` repeats a whole node, and nested aliases expand exponentially (a few
    lines of YAML become gigabytes in memory). A synonyms file has no use for them.
    """

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(f"第 {event.start_mark.line + 1} 行用了 YAML 别名（*{event.anchor}）。"
                           f"同义词文件里不能用锚点和别名（& 和 *），请把每个词直接写出来。")
        return super().compose_node(parent, index)


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


def _read_yaml(path: Path, out: Synonyms) -> object:
    """The parsed file, or None with one message in out.problems."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        out.problems.append(f"{name}：文件有 {size:,} 字节，超过了 {MAX_FILE_BYTES:,} 字节的上限，整个文件没有生效。"
                            f"同义词只写读者常用的说法，请删掉多余的内容。")
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except UnicodeDecodeError:
        out.problems.append(f"{name}：文件不是 UTF-8 编码，请另存为 UTF-8。")
    except _Refused as refused:
        out.problems.append(f"{name}：{refused}整个文件没有生效。")
    except RecursionError:
        out.problems.append(f"{name}：括号或缩进套了太多层，整个文件没有生效。每组只需要“来源”“同义词”两层。")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else "某处"
        out.problems.append(f"{name}：{where}格式有误（YAML 写法不对），整个文件没有生效。请检查缩进和冒号。")
    return None


def load(path: Path) -> Synonyms:
    """Read and check the file; a missing file means no synonyms."""
    out = Synonyms()
    if not path.exists():
        return out
    data = _read_yaml(path, out)
    if data is None:
        return out
    name = path.name
    if not isinstance(data, list):
        out.problems.append(f"{name}：文件应当是一组一组的同义词（每组以“- 来源:”开头），现在不是列表。")
        return out
    read: list[tuple[int, str, list[str], list[str] | None]] = []  # every accepted entry, in file order
    for n, group in enumerate(data, 1):
        _read_group(name, n, group, out, read)
    _enforce_limits(name, out, read)
    return out


def _entry_bytes(everyday: str, targets: list[str], context: list[str] | None) -> tuple[int, int]:
    """Bytes one entry adds to d.json and to g.json (JSON without spaces, as dictionary.py writes)."""
    def dumps(value: object) -> int:
        return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
    value = targets if context is None else [context, targets]
    return dumps(everyday) + dumps(value) + 2, len(everyday.encode()) + 1


def _enforce_limits(name: str, out: Synonyms, read: list[tuple[int, str, list[str], list[str] | None]]) -> None:
    """Keep the entries, in file order, up to what a reader may download; name the first one left out.

    Why after reading: one group may hold thousands of entries, and the limit is about what the
    readers' first question downloads (d.json, g.json), whichever group it comes from.
    """
    shipped = gate = 0
    words: set[str] = set()
    for n, (line, everyday, targets, context) in enumerate(read):
        d, g = _entry_bytes(everyday, targets, context)
        shipped += d
        gate += 0 if everyday in words else g
        words.add(everyday)
        if len(words) <= MAX_WORDS and shipped <= MAX_SHIPPED and gate <= MAX_GATE:
            continue
        why = (f"读者的说法超过了 {MAX_WORDS} 个" if len(words) > MAX_WORDS else
               f"读者第一次搜索要下载的同义词超过了 {MAX_SHIPPED if shipped > MAX_SHIPPED else MAX_GATE:,} 字节")
        out.problems.append(f"{name}：同义词太多：{why}，从第 {line} 行（“{everyday}”）起的 {len(read) - n} 条都没有生效。"
                            f"请删掉读者不常用的说法，或把意思相同的合并。")
        kept = read[:n]
        out.words, out.context = {}, {}
        for _, word, targets_, context_ in kept:
            if context_ is None:
                merged = out.words.setdefault(word, [])
                merged += [t for t in targets_ if t not in merged]
            else:
                out.context.setdefault(word, []).append((context_, targets_))
        return


def _read_group(name: str, n: int, group: object, out: Synonyms, read: list) -> None:
    if not isinstance(group, dict):
        out.problems.append(f"{name}：第 {n} 组应当写“来源”和“同义词”两项。")
        return
    keys = {str(k): k for k in group}
    source = group.get(keys[SOURCE]) if SOURCE in keys else None
    line = min((k.line for k in group), default=0)
    if not isinstance(source, str) or not source.strip():
        out.problems.append(f"{name}：第 {line} 行起的第 {n} 组缺少“来源”：请写明这些说法从哪里来（问答网页、投诉记录、新闻标题）。")
        return
    if OUTSIDE in keys and WORDS not in keys:
        before = len(out.outside)
        if _read_outside(name, keys[OUTSIDE], group.get(keys[OUTSIDE]), out):
            out.sources.append(source.strip())
            if LINE in keys:
                _read_line(name, keys[LINE], group.get(keys[LINE]), out, out.outside[before:])
        return
    words = group.get(keys[WORDS]) if WORDS in keys else None
    if not isinstance(words, dict) or not words:
        out.problems.append(f"{name}：第 {n} 组（{source.strip()[:20]}）缺少“同义词”，或它不是“读者说法: 本站说法”的列表。")
        return
    context = None
    if CONTEXT in keys:
        context = _read_context(name, keys[CONTEXT], group.get(keys[CONTEXT]), out)
        if context is None:
            return
    out.sources.append(source.strip())
    for key, value in words.pairs:
        _read_pair(name, key, value, context, out, read)


def _read_outside(name: str, key: "_Key", value: object, out: Synonyms) -> bool:
    """The subjects of 本站不讲, normalised, added to out.outside; False (and a message) when they are
    not a list of words or pass the limit."""
    values = value if isinstance(value, list) else [value]
    words = [normalize(str(v)) for v in values if isinstance(v, (str, int)) and not isinstance(v, bool)]
    if not words or len(words) != len(values) or any(len(w) < 2 or len(w) > MAX_WORD or " " in w for w in words):
        out.problems.append(f"{name}：第 {key.line} 行：“{OUTSIDE}”后面应当写本站没有页面讲的话题，写成 [词1, 词2]，"
                            f"每个词 2 到 {MAX_WORD} 个字，不含空格；这一组没有生效。")
        return False
    fresh = [w for w in dict.fromkeys(words) if w not in out.outside]
    if len(out.outside) + len(fresh) > MAX_OUTSIDE:
        out.problems.append(f"{name}：第 {key.line} 行：“{OUTSIDE}”的词一共超过了 {MAX_OUTSIDE} 个，这一组没有生效。"
                            f"只写读者常问、确实不归本站讲的话题。")
        return False
    out.outside += fresh
    return True


def _read_line(name: str, key: "_Key", value: object, out: Synonyms, subjects: list[str]) -> None:
    """The hotline of an 本站不讲 group: "number name"; a wrong one is named and left out alone."""
    match = _LINE.match(str(value).strip()) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if match is None:
        out.problems.append(f"{name}：第 {key.line} 行：“{LINE}”应当写号码和名称，中间一个空格，"
                            f"比如“12333 人力资源和社会保障服务热线”；现在是“{value}”，这个热线没有生效。")
        return
    if subjects:
        out.outside_lines.append((match.group(1), match.group(2), list(subjects)))


def _read_context(name: str, key: "_Key", value: object, out: Synonyms) -> list[str] | None:
    """The words of 同时出现, normalised; None (and a message) when they are not a list of words."""
    values = value if isinstance(value, list) else [value]
    words = [normalize(str(v)) for v in values if isinstance(v, (str, int)) and not isinstance(v, bool)]
    if not words or len(words) != len(values) or any(not w or len(w) > MAX_WORD or " " in w for w in words) \
            or len(words) > MAX_CONTEXT:
        out.problems.append(f"{name}：第 {key.line} 行：“{CONTEXT}”后面应当写 1 到 {MAX_CONTEXT} 个词，"
                            f"写成 [词1, 词2]，每个词不超过 {MAX_WORD} 个字；这一组没有生效。")
        return None
    return sorted(set(words), key=words.index)


def _read_pair(name: str, key: "_Key", value: object, context: list[str] | None, out: Synonyms,
               read: list) -> None:
    where = f"{name}：第 {key.line} 行"
    everyday = normalize(key) if isinstance(key.original, (str, int)) and not isinstance(key.original, bool) else ""
    if not everyday or len(everyday) > MAX_WORD or " " in everyday:
        out.problems.append(f"{where}：“{key}”不能用作读者的说法：应当是一个词，不含空格，不超过 {MAX_WORD} 个字。")
        return
    values = value if isinstance(value, list) else [value]
    if len(values) > MAX_TARGETS:
        out.problems.append(f"{where}：“{everyday}”对应了 {len(values)} 个词，最多 {MAX_TARGETS} 个；这一条没有生效。")
        return
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
    read.append((key.line, everyday, targets, context))
    if context is not None:
        rules = out.context.setdefault(everyday, [])
        same = next((t for c, t in rules if c == context), None)
        if same is not None:
            out.problems.append(f"{where}：“{everyday}”在同样的“{CONTEXT}”下前面已经写过一次，两处的对应词已合并，请删掉重复的一处。")
            same += [t for t in targets if t not in same]
        else:
            rules.append((context, targets))
        return
    if everyday in out.words:
        out.problems.append(f"{where}：“{everyday}”前面已经写过一次，两处的对应词已合并，请删掉重复的一处。")
    merged = out.words.setdefault(everyday, [])
    merged += [t for t in targets if t not in merged]


def all_targets(synonyms: Synonyms) -> list[str]:
    """Every site word the file maps to, once each, in file order."""
    seen: dict[str, None] = {}
    for targets in synonyms.words.values():
        seen.update(dict.fromkeys(targets))
    for rules in synonyms.context.values():
        for _, targets in rules:
            seen.update(dict.fromkeys(targets))
    return list(seen)


def unknown_targets(synonyms: Synonyms, texts: list[str]) -> list[str]:
    """Site words no page holds: the synonym would lead nowhere."""
    return [target for target in all_targets(synonyms) if not any(target in text for text in texts)]
