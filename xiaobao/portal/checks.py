"""Checking a member's copy before the portal uses it: format, pin, figures, hostile content.

A member is another institution's site: its files are untrusted input. A copy is used only if
every check passes; otherwise the member is quarantined with one plain message naming the member
and the problem (the first found, the most serious class first), and the portal keeps the last
good copy. Checks run in DuckDB over the member's CSV (one pass for every per-row rule) and in
Python for what needs it (JSON Schema of stats.json, personal data through the editors' own
checker, xiaobao.campaigns.privacy).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from xiaobao.campaigns.privacy import find_private_data
from xiaobao.campaigns.problems import shown
from xiaobao.campaigns.vocab import METRICS, QUALIFIERS
from xiaobao.portal import formats
from xiaobao.portal.config import Member
from xiaobao.portal.fetch import package_digest

KINDS = {  # quarantine class -> what readers and operators see
    "unreachable": "连不上",
    "slow": "太慢",
    "malformed": "数据格式不对",
    "unknown_version": "数据格式版本不认识",
    "pin_changed": "数据与固定的指纹不符",
    "too_large": "文件太大",
    "markup": "含有网页代码",
    "personal_data": "含有个人信息",
    "bad_figures": "数字为负数或大得不合常理",
    "claims": "冒用别的网站的网址",
    "config": "设置有误",
}
MARKUP = r"(?i)(<\s*[a-z!/?])|(javascript\s*:)|(vbscript\s*:)|(data\s*:\s*text/html)"
URL_SHAPE = r"^https?://[^\s\"'<>\\]+$"
DISCLOSED = tuple(q for q in QUALIFIERS if q != "undisclosed")


@dataclass(frozen=True)
class Quarantine:
    kind: str
    detail: str  # what is wrong, without the member's name


@dataclass(frozen=True)
class CheckedCopy:
    folder: Path
    digest: str
    format_version: str
    campaigns: int
    stats: dict[str, Any]


class Refused(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.quarantine = Quarantine(kind, detail)


def _json(folder: Path, rel: str) -> Any:
    try:
        return json.loads((folder / rel).read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        raise Refused("malformed", f"{rel} 不是有效的 JSON（{shown(str(err), 60)}）") from None


def _version(package: Any) -> tuple[str, bool]:
    """The format version and whether it is a newer minor than the portal knows."""
    if not isinstance(package, dict):
        raise Refused("malformed", "data/datapackage.json 不是数据包说明（应当是一个 JSON 对象）")
    raw = package.get("version")
    version = formats.parse_version(raw)
    if version is None:
        raise Refused("malformed", f"data/datapackage.json 的 version “{shown(raw)}”不是版本号（应当像 2.0.0）")
    if version[0] != formats.KNOWN_MAJOR:
        raise Refused("unknown_version", f"数据格式版本是 {raw}，门户只认识 {formats.KNOWN_MAJOR}.x"
                      f"（第一位不同表示不兼容的改动）。请成员用与门户相同版本的消保网站发布，或升级门户")
    return str(raw), version[1] > formats.KNOWN_MINOR


def _declared_columns(package: dict) -> list[str]:
    try:
        resource = next(r for r in package["resources"] if r.get("path") == "campaigns.csv")
        return [f["name"] for f in resource["schema"]["fields"]]
    except (KeyError, TypeError, StopIteration, AttributeError):
        raise Refused("malformed", "data/datapackage.json 没有说明 campaigns.csv 的列（resources 里缺 campaigns.csv）") from None


def _check_columns(names: list[str], what: str, newer: bool) -> None:
    missing = [c for c in formats.COLUMNS if c not in names]
    extra = [c for c in names if c not in formats.COLUMNS]
    if missing:
        raise Refused("malformed", f"{what} 缺少列 {', '.join(map(shown, missing[:5]))}")
    if extra and not newer:
        raise Refused("malformed", f"{what} 有不认识的列 {', '.join(map(shown, extra[:5]))}")
    if not newer and names != list(formats.COLUMNS):
        raise Refused("malformed", f"{what} 的列顺序与格式 {formats.KNOWN_MAJOR}.{formats.KNOWN_MINOR} 不同")


def _check_stats(stats: Any, newer: bool) -> None:
    error = next(iter(formats.stats_validator(newer).iter_errors(stats)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "整个文件"
        raise Refused("malformed", f"data/stats.json 不符合格式（{shown(where, 60)}：{shown(error.message, 80)}）")


def csv_source(path: Path) -> str:
    """A member's campaigns.csv as DuckDB reads it: every column as text, checked by checks.py."""
    escaped = str(path).replace("'", "''")
    return (f"read_csv('{escaped}', header=true, all_varchar=true, delim=',', quote='\"', escape='\"', "
            "strict_mode=true, sample_size=-1)")


def _load(con: duckdb.DuckDBPyConnection, path: Path, newer: bool) -> list[str]:
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE member AS SELECT row_number() OVER () AS _row, * FROM {csv_source(path)}")
    except duckdb.Error as err:
        raise Refused("malformed", f"data/campaigns.csv 读不了（{shown(str(err).splitlines()[0], 80)}）") from None
    names = [row[0] for row in con.execute("DESCRIBE member").fetchall()][1:]
    _check_columns(names, "data/campaigns.csv", newer)
    return names


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _s(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _rules(member: Member) -> list[tuple[str, str, str, str]]:
    """(kind, column, SQL condition that is true for a bad row, what is wrong), most serious first."""
    rules: list[tuple[str, str, str, str]] = []
    own = member.url + "campaigns/"
    rules.append(("claims", "url", f"url IS NOT NULL AND NOT starts_with(url, {_s(own)})", f"不在成员自己的网址 {own} 下"))
    for col in formats.TEXT_COLUMNS + ("slug", "url"):
        rules.append(("markup", col, f"regexp_matches({_q(col)}, {_s(MARKUP)})", "有网页代码（< 标签或 javascript:）"))
    for m in METRICS:
        v = _q(m)
        rules.append(("bad_figures", m, f"TRY_CAST({v} AS DOUBLE) < 0", "是负数"))
        rules.append(("bad_figures", m, f"TRY_CAST({v} AS DOUBLE) > {formats.MAX_FIGURE} OR isnan(TRY_CAST({v} AS DOUBLE)) "
                      f"OR isinf(TRY_CAST({v} AS DOUBLE))", "大得不合常理（超过十万亿）"))
    for col in ("slug", "url", "title", "organization", "org_type", "topics"):
        rules.append(("malformed", col, f"{_q(col)} IS NULL", "是空的"))
    rules += [
        ("malformed", "slug", f"NOT regexp_full_match(slug, {_s(formats.SLUG_PATTERN)})", "不是合格的网址名"),
        ("malformed", "url", f"NOT regexp_full_match(url, {_s(URL_SHAPE)})", "不是网址"),
        ("malformed", "org_type", f"org_type NOT IN ({', '.join(map(_s, formats.ORG_TYPE_CODES))})", "不是单位类型代码"),
        ("malformed", "topics", f"NOT regexp_full_match(topics, {_s(formats.TOPIC_PATTERN)})", "不是主题代码"),
        ("malformed", "start", f"NOT regexp_full_match(start, {_s(formats.DATE_PATTERN)})", "不是日期（应当像 2024-03-15）"),
        ("malformed", "end", f"NOT regexp_full_match(\"end\", {_s(formats.DATE_PATTERN)})", "不是日期（应当像 2024-03-15）"),
    ]
    disclosed = ", ".join(map(_s, DISCLOSED))
    for m in METRICS:
        v, q = _q(m), _q(f"{m}_qualifier")
        rules += [
            ("malformed", m, f"NOT regexp_full_match({v}, {_s(formats.NUMBER_PATTERN)})", "不是数字"),
            ("malformed", f"{m}_qualifier", f"{q} NOT IN ({', '.join(map(_s, formats.QUALIFIER_CODES))})", "不是限定代码"),
            ("malformed", m, f"({q} IN ({disclosed}) AND {v} IS NULL) OR (({q} IS NULL OR {q} = 'undisclosed') AND {v} IS NOT NULL)",
             "数值与限定对不上（有数字就要有 exact、more_than 等限定，未披露时不能有数字）"),
        ]
    return rules


def _first_bad_row(con: duckdb.DuckDBPyConnection, member: Member) -> tuple[str, str, int, str | None, str] | None:
    """(kind, column, row, slug, what) of the first rule any row breaks, or None."""
    rules = _rules(member)
    select = ", ".join(f"min(_row) FILTER (WHERE coalesce({cond}, false))" for _, _, cond, _ in rules)
    firsts = con.execute(f"SELECT {select} FROM member").fetchone() or ()
    for (kind, col, _, what), row in zip(rules, firsts):
        if row is not None:
            slug, value = con.execute(f"SELECT slug, {_q(col)} FROM member WHERE _row = ?", [row]).fetchone()  # type: ignore[misc]
            return kind, col, row, slug, f"{what}：“{shown(value)}”"
    dup = con.execute("SELECT slug, min(_row) FROM member GROUP BY slug HAVING count(*) > 1 ORDER BY 2 LIMIT 1").fetchone()
    if dup:
        return "malformed", "slug", dup[1], dup[0], "与前面的活动重复（每场活动的网址名唯一）"
    return None


def _row_label(row: int, slug: str | None) -> str:
    return f"data/campaigns.csv 第 {row} 条" + (f"（slug: {shown(slug)}）" if slug else "")


def _check_rows(con: duckdb.DuckDBPyConnection, member: Member, others: list[Member]) -> None:
    bad = _first_bad_row(con, member)
    if bad is None:
        return
    kind, col, row, slug, what = bad
    if kind == "claims":
        url = con.execute("SELECT url FROM member WHERE _row = ?", [row]).fetchone()[0]  # type: ignore[index]
        owner = next((o for o in others if o.id != member.id and str(url).startswith(o.url)), None)
        if owner is not None:
            what = f"写的是另一个成员“{owner.name}”的网址：“{shown(url)}”"
    raise Refused(kind, f"{_row_label(row, slug)}的 {col} {what}")


def _check_private(con: duckdb.DuckDBPyConnection) -> None:
    """Personal data anywhere in the text columns, found by the editors' own checker.

    All rows go through find_private_data as one text, one column per line (its patterns never
    span a line): its whole-text gates make a clean member cost one scan.
    """
    cols = formats.TEXT_COLUMNS
    fields = ", ".join(f"replace(coalesce({_q(c)}, ''), chr(10), ' ')" for c in cols)
    rows = con.execute(f"SELECT _row, slug, concat_ws(chr(10), {fields}) FROM member ORDER BY _row").fetchall()
    findings = find_private_data("\n".join(r[2] for r in rows))
    if findings:
        first = findings[0]
        index, column = divmod(first.line - 1, len(cols))
        row, slug = rows[index][0], rows[index][1]
        raise Refused("personal_data", f"{_row_label(row, slug)}的 {cols[column]} 有疑似个人信息“{first.excerpt}”"
                      "（身份证号、手机号、银行卡号、个人邮箱或姓名）")


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)


def _check_totals(con: duckdb.DuckDBPyConnection, stats: dict) -> None:
    """stats.json must add up to the rows: a member whose totals and rows disagree is refused."""
    from xiaobao.portal.engine import totals_sql, totals_from_row  # one definition of a total

    count = con.execute("SELECT count(*) FROM member").fetchone()[0]  # type: ignore[index]
    if stats.get("campaigns") != count:
        raise Refused("malformed", f"data/stats.json 说有 {shown(stats.get('campaigns'))} 场活动，data/campaigns.csv 里是 {count} 场")
    row = con.execute(f"SELECT {totals_sql()} FROM member").fetchone()
    ours = totals_from_row(row, 0)
    theirs = stats.get("overall") or {}
    for metric in METRICS:
        mine, given = ours.get(metric), theirs.get(metric)
        if (mine is None) != (given is None) or (mine and given and not (
                _same(mine.value, given.get("value")) and mine.qualifier == given.get("qualifier")
                and mine.campaigns == given.get("campaigns") and mine.undisclosed == given.get("undisclosed"))):
            label = METRICS[metric].label
            raise Refused("malformed", f"data/stats.json 的“{label}”合计与 data/campaigns.csv 里各场活动加起来对不上")


def check_copy(con: duckdb.DuckDBPyConnection, member: Member, others: list[Member], folder: Path) -> CheckedCopy:
    """Every check on a member's copy in folder; raises Refused with the first problem."""
    digest = package_digest(folder)
    if member.sha256 and digest != member.sha256:
        raise Refused("pin_changed", f"数据包的指纹是 {digest[:12]}…，与 mkdocs.yml 里固定的 {member.sha256[:12]}… 不同："
                      "成员的数据变了。核对新数据无误后，把 sha256 改成新的指纹")
    package = _json(folder, "data/datapackage.json")
    version, newer = _version(package)
    _check_columns(_declared_columns(package), "data/datapackage.json 里 campaigns.csv 的列", newer)
    stats = _json(folder, "data/stats.json")
    _check_stats(stats, newer)
    if formats.parse_version(stats.get("format_version"))[:1] != (formats.KNOWN_MAJOR,):  # type: ignore[index]
        raise Refused("unknown_version", f"data/stats.json 的数据格式版本是 {shown(stats.get('format_version'))}，门户只认识 {formats.KNOWN_MAJOR}.x")
    _load(con, folder / "data/campaigns.csv", newer)
    _check_rows(con, member, others)
    _check_private(con)
    _check_totals(con, stats)
    count = con.execute("SELECT count(*) FROM member").fetchone()[0]  # type: ignore[index]
    return CheckedCopy(folder, digest, version, count, stats)
