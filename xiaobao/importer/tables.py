"""Figures in a Word table, and whether the table only repeats the body's.

A cell's number is read with its row's label and its column's header as the noun phrase and
the unit written in either (发放宣传资料（份） | 3000 → 发放宣传资料3000份), then classified like
any figure. The quote is the table row as it stands in the draft, so a reviewer finds it.
A table most of whose figures the body already states is a summary of the body: it stays in the
draft beside the text and none of its figures is added again (no double count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xiaobao.importer.mentions import Mention, extract

_UNIT_IN_HEADER = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^（）()]{1,4})\s*[)）]\s*$")
_NUMBER_CELL = re.compile(r"^\s*(?:(?:约|近|超过|超|逾)\s*)?(\d[\d,]*(?:\.\d+)?)\s*(?:(万|亿)\s*)?(?:(余|多)\s*)?([^\d\s]{0,3})\s*$")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|共计|累计|总数|全行|全辖)")


@dataclass
class TableFigures:
    mentions: list[Mention] = field(default_factory=list)  # figures the body does not state
    repeated: list[Mention] = field(default_factory=list)  # figures the body states already
    repeats_body: bool = False


def _strip_unit(label: str) -> tuple[str, str]:
    match = _UNIT_IN_HEADER.search(label)
    if match:
        return label[: match.start()].strip(), match.group(1).strip()
    return label.strip(), ""


def cell_phrases(rows: list[list[str]]) -> list[tuple[int, str, bool]]:
    """(row index, synthetic phrase, is a total row) for every numeric cell."""
    out = []
    header = rows[0] if len(rows) > 1 else []
    for i, row in enumerate(rows):
        label, row_unit = _strip_unit(row[0]) if row else ("", "")
        for j, cell in enumerate(row):
            match = _NUMBER_CELL.match(cell)
            if not match:
                if re.search(r"\d|[一二三四五六七八九十百千万]", cell) and len(cell) > 6:
                    out.append((i, cell, bool(_TOTAL_ROW.match(label))))  # a sentence in a cell: read as text
                continue
            if j == 0 and len(row) > 1:
                continue
            column, column_unit = _strip_unit(header[j]) if header and i > 0 and j < len(header) else ("", "")
            if i == 0 and header:
                continue  # a header row of numbers (years) is no figure
            number, mult, suffix, unit = match.groups()
            unit = unit or column_unit or row_unit
            if not unit:
                continue
            noun = (label if j > 0 else "") + column
            phrase = f"{noun}{number.replace(',', '')}{mult or ''}{suffix or ''}{unit}"
            out.append((i, phrase, bool(_TOTAL_ROW.match(label))))
    return out


def read(table_rows: list[list[str]], lines: list[str], body: list[Mention]) -> TableFigures:
    """The table's figures split into new ones and ones the body already states."""
    result = TableFigures()
    said = {(m.metric, m.value) for m in body} | {("*", m.value) for m in body}
    found = []
    for row, phrase, total in cell_phrases(table_rows):
        mentions, _ = extract(phrase)
        for m in mentions:
            m.quote = lines[row] if row < len(lines) else phrase
            m.total = total
            m.reason = f"表格：{m.reason}" if m.reason else "表格"
            found.append(m)
    for m in found:
        (result.repeated if (m.metric, m.value) in said or ("*", m.value) in said else result.mentions).append(m)
    result.repeats_body = bool(found) and len(result.repeated) * 2 >= len(found)
    if result.repeats_body:
        result.repeated, result.mentions = found, []
    return result
