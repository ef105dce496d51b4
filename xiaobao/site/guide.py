"""The editors' guide tables, generated from the schema so the docs cannot drift from the code."""

from __future__ import annotations

from xiaobao.campaigns.figures import PREFIXES, SUFFIXES
from xiaobao.campaigns.schema import FIELDS
from xiaobao.campaigns.vocab import METRIC_ALIASES, METRICS, ORG_TYPE_ALIASES, ORG_TYPES, QUALIFIERS, TOPIC_ALIASES, TOPICS


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def fields_table() -> str:
    return _table(["字段", "必填", "怎么写"], [[f"`{f.key}`", "是" if f.required else "否", f.help] for f in FIELDS.values()])


def _also(aliases: dict[str, str], code: str) -> str:
    return "、".join(word for word, target in aliases.items() if target == code)


def metrics_table() -> str:
    return _table(["中文名", "代码", "也可写", "单位", "包括"],
                  [[m.label, f"`{m.key}`", _also(METRIC_ALIASES, m.key), m.unit, m.description] for m in METRICS.values()])


def topics_table() -> str:
    return _table(["中文名", "代码", "也可写", "说明"],
                  [[t.label, f"`{t.key}`", _also(TOPIC_ALIASES, t.key), t.description] for t in TOPICS.values()])


def org_types_table() -> str:
    return _table(["中文名", "代码", "也可写"], [[v, f"`{k}`", _also(ORG_TYPE_ALIASES, k)] for k, v in ORG_TYPES.items()])


def qualifiers_table() -> str:
    words: dict[str, list[str]] = {}
    for word, q in {**PREFIXES, **SUFFIXES}.items():
        words.setdefault(q, []).append(word)
    rows = [[f"`{q}`", label, "、".join(words.get(q, [])) or ("XX、null" if q == "undisclosed" else "（不加字）")]
            for q, label in QUALIFIERS.items()]
    return _table(["限定代码", "含义", "原文写法"], rows)


def guide_tables() -> str:
    return "\n\n".join([
        "### 字段\n\n" + fields_table(),
        "### 主题\n\n" + topics_table(),
        "### 单位类型\n\n" + org_types_table(),
        "### 指标\n\n" + metrics_table(),
        "### 约数怎么记\n\n" + qualifiers_table(),
    ])
