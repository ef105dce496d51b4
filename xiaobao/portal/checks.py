"""Checking members' copies before the portal uses them: format, pin, rows, hostile content.

A member is another institution's site: its files are untrusted input. A copy is used only if
every check passes; otherwise the member is quarantined with one plain message naming the member
and the problem (the first found, the most serious class first) and the portal keeps the last
good copy. Two stages:

* `precheck` (Python, per member, cheap): the pin, datapackage.json's version and columns, the
  CSV header, stats.json's shape;
* `row_problems` (DuckDB, every member's rows at once): each rule of the published table schema,
  hostile text and figures, URLs outside the member's own site, personal data (the editors' own
  checker, xiaobao.campaigns.privacy), and stats.json against the totals its own rows add up to:
  a stricter check than its JSON Schema, since the portal's totals are made from the rows.
"""

from __future__ import annotations

import codecs
import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import duckdb

from xiaobao.campaigns.privacy import find_private_data
from xiaobao.campaigns.problems import shown
from xiaobao.campaigns.vocab import METRICS, QUALIFIERS
from xiaobao.portal import formats
from xiaobao.portal.config import Member
from xiaobao.portal.engine import LOAD_BATCH, Copy, csv_source
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
}
MARKUP = r"(?i)(<\s*[a-z!/?])|(javascript\s*:)|(vbscript\s*:)|(data\s*:\s*text/html)"
URL_SHAPE = r"^https?://[^\s\"'<>\\]+$"
DISCLOSED = tuple(q for q in QUALIFIERS if q != "undisclosed")
STATS_KEYS = ("overall", "by_year", "by_topic", "by_org_type", "by_region")


@dataclass(frozen=True)
class Quarantine:
    kind: str
    detail: str  # what is wrong, without the member's name


class Refused(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.quarantine = Quarantine(kind, detail)


@dataclass(frozen=True)
class Prechecked:
    digest: str
    format_version: str
    newer: bool  # a newer minor version than the portal knows: extra columns allowed
    stats: dict[str, Any]


def _json(folder: Path, rel: str) -> Any:
    try:
        return json.loads((folder / rel).read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise Refused("malformed", f"{rel} 不是有效的 JSON（{shown(str(err), 60)}）") from None


def _version(raw: object, where: str) -> tuple[str, bool]:
    """The format version and whether it is a newer minor than the portal knows."""
    version = formats.parse_version(raw)
    if version is None:
        raise Refused("malformed", f"{where} 的版本号“{shown(raw)}”不是版本号（应当像 2.0.0）")
    if version[0] != formats.KNOWN_MAJOR:
        raise Refused("unknown_version", f"{where} 的数据格式版本是 {raw}，门户只认识 {formats.KNOWN_MAJOR}.x"
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
    if missing:
        raise Refused("malformed", f"{what} 缺少列 {', '.join(map(shown, missing[:5]))}")
    if len(set(names)) != len(names):
        raise Refused("malformed", f"{what} 有重名的列")
    if not newer and names != list(formats.COLUMNS):
        extra = [c for c in names if c not in formats.COLUMNS]
        why = f"有不认识的列 {', '.join(map(shown, extra[:5]))}" if extra else f"列的顺序与格式 {formats.KNOWN_MAJOR}.{formats.KNOWN_MINOR} 不同"
        raise Refused("malformed", f"{what} {why}")


def _csv_header(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return next(csv.reader([f.readline(1 << 16)]), [])
    except (UnicodeDecodeError, csv.Error):
        raise Refused("malformed", "data/campaigns.csv 的第一行（列名）读不了：不是 UTF-8 的 CSV") from None


def precheck(member: Member, folder: Path) -> Prechecked:
    """The cheap checks of one copy, before its rows are read; raises Refused."""
    digest = package_digest(folder)
    if member.sha256 and digest != member.sha256:
        raise Refused("pin_changed", f"数据包的指纹是 {digest[:12]}…，与 mkdocs.yml 里固定的 {member.sha256[:12]}… 不同："
                      "成员的数据变了。核对新数据无误后，把 sha256 改成新的指纹")
    package = _json(folder, "data/datapackage.json")
    if not isinstance(package, dict):
        raise Refused("malformed", "data/datapackage.json 不是数据包说明（应当是一个 JSON 对象）")
    version, newer = _version(package.get("version"), "data/datapackage.json")
    _check_columns(_declared_columns(package), "data/datapackage.json 里 campaigns.csv 的列", newer)
    stats = _json(folder, "data/stats.json")
    if not isinstance(stats, dict) or any(not isinstance(stats.get(k), dict) for k in STATS_KEYS):
        raise Refused("malformed", "data/stats.json 不符合格式（应当有 overall、by_year、by_topic、by_org_type、by_region）")
    stats_version, _ = _version(stats.get("format_version"), "data/stats.json")
    if stats_version.split(".")[0] != version.split(".")[0]:
        raise Refused("malformed", f"data/stats.json 的版本 {stats_version} 与 data/datapackage.json 的 {version} 不一致")
    _check_columns(_csv_header(folder / "data/campaigns.csv"), "data/campaigns.csv", newer)
    _check_text(folder / "data/campaigns.csv", "data/campaigns.csv")
    return Prechecked(digest, version, newer, stats)


def _check_text(path: Path, rel: str) -> None:
    """UTF-8 text without NUL bytes, checked before DuckDB reads it: DuckDB 1.5 fails inside
    itself on some invalid UTF-8, which would stop the whole portal instead of one member."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as err:
                raise Refused("malformed", f"{rel} 不是 UTF-8 编码（第 {offset + err.start + 1} 个字节起）") from None
            if b"\x00" in block:
                raise Refused("malformed", f"{rel} 里有二进制内容（NUL 字节），不是文本文件")
            offset += len(block)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise Refused("malformed", f"{rel} 不是 UTF-8 编码（文件末尾不完整）") from None


# ------------------------------------------------------------------ every member's rows at once


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _s(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _rules() -> list[tuple[str, str, str, str]]:
    """(kind, column, SQL condition true for a bad row, what is wrong), most serious class first.

    Rows are in table `raw` (every column as text); `own` is the member's address + campaigns/.
    """
    rules: list[tuple[str, str, str, str]] = [("claims", "url", "url IS NOT NULL AND NOT starts_with(url, own)", "不在成员自己的网址下")]
    for col in formats.TEXT_COLUMNS + ("slug", "url", "topics", "start", "end"):
        rules.append(("markup", col, f"regexp_matches({_q(col)}, {_s(MARKUP)})", "有网页代码（< 标签或 javascript:）"))
    for m in METRICS:
        v = f"TRY_CAST({_q(m)} AS DOUBLE)"
        rules.append(("bad_figures", m, f"{v} < 0", "是负数"))
        rules.append(("bad_figures", m, f"{v} > {formats.MAX_FIGURE} OR isnan({v}) OR isinf({v})", "大得不合常理（超过十万亿）"))
    for col in ("slug", "url", "title", "organization", "org_type", "topics"):
        rules.append(("malformed", col, f"{_q(col)} IS NULL", "是空的"))
    rules += [
        ("malformed", "slug", f"NOT regexp_full_match(slug, {_s(formats.SLUG_PATTERN)})", "不是合格的网址名"),
        ("malformed", "url", f"NOT regexp_full_match(url, {_s(URL_SHAPE)})", "不是网址"),
        ("malformed", "org_type", f"org_type NOT IN ({', '.join(map(_s, formats.ORG_TYPE_CODES))})", "不是单位类型代码"),
        ("malformed", "topics", f"NOT regexp_full_match(topics, {_s(formats.TOPIC_PATTERN)})", "不是主题代码"),
        ("malformed", "topics", "len(list_distinct(string_split(topics, ';'))) <> len(string_split(topics, ';'))", "有重复的主题"),
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


def _row_label(row: int, slug: str | None) -> str:
    """A campaign as the member can find it in its files: by its slug (the rows' order may differ)."""
    return f"data/campaigns.csv 里 slug 为“{shown(slug)}”的活动" if slug else "data/campaigns.csv 里一场没有 slug 的活动"


def _coarse() -> list[tuple[str, str]]:
    """The rules of _rules folded into one condition per class: one cheap pass over every row."""
    rules = _rules()
    texts = ", ".join(f"coalesce({_q(c)}, '')" for c in formats.TEXT_COLUMNS + ("slug", "url", "topics", "start", "end"))
    numbers = ", ".join(f"TRY_CAST({_q(m)} AS DOUBLE)" for m in METRICS)
    malformed = " OR ".join(f"coalesce({cond}, false)" for kind, _, cond, _ in rules if kind == "malformed")
    return [("claims", rules[0][2]),
            ("markup", f"regexp_matches(concat_ws(chr(1), {texts}), {_s(MARKUP)})"),
            ("bad_figures", f"least({numbers}) < 0 OR greatest({numbers}) > {formats.MAX_FIGURE}"),
            ("malformed", malformed)]


def bad_row_sql() -> str:
    """For engine.load_rows: the index in _coarse() of the first class of rule a row breaks, or NULL.

    Worked out while the rows are read, so the rules cost no pass of their own."""
    return "CASE " + " ".join(f"WHEN coalesce({cond}, false) THEN {i}" for i, (_, cond) in enumerate(_coarse())) + " END"


def _detail(con: duckdb.DuckDBPyConnection, kind: str, copy: Copy, row: int) -> tuple[str, str, str | None, str | None]:
    """(column, what is wrong, slug, url) of the first rule of `kind` row `row` of a member's file breaks."""
    rules = [r for r in _rules() if r[0] == kind]
    conds = ", ".join(f"coalesce({cond}, false)" for _, _, cond, _ in rules)
    values = ", ".join(_q(col) for _, col, _, _ in rules)
    got = con.execute(f"SELECT slug, url, {conds}, {values} FROM {csv_source(con, [copy], 'detail_files')} "
                      "WHERE _row = ?", [row]).fetchone()
    slug, url, flags, shown_values = got[0], got[1], got[2:2 + len(rules)], got[2 + len(rules):]  # type: ignore[index]
    for (_, col, _, what), flag, value in zip(rules, flags, shown_values):
        if flag:
            return col, f"{what}：“{shown(value)}”", slug, url
    return "?", "不符合格式", slug, url


def _rule_problems(con: duckdb.DuckDBPyConnection, members: dict[str, Member], copies: dict[str, Copy]) -> dict[str, Quarantine]:
    classes = _coarse()
    found: dict[str, Quarantine] = {}
    result = con.execute("SELECT member, min(bad * 10000000000 + _row) FROM rows WHERE bad IS NOT NULL "
                         "GROUP BY member").fetchall()
    for member_id, code in result:
        if member_id not in copies:
            continue
        index, row = divmod(int(code), 10000000000)
        kind = classes[index][0]
        col, detail, slug, url = _detail(con, kind, copies[member_id], row)
        if kind == "claims":
            owner = next((o for o in members.values() if o.id != member_id and str(url).startswith(o.url)), None)
            detail = (f"写的是另一个成员“{owner.name}”的网址：“{shown(url)}”" if owner
                      else f"不在成员自己的网址 {members[member_id].url} 下：“{shown(url)}”")
        found[member_id] = Quarantine(kind, f"{_row_label(row, slug)}的 {col} {detail}")
    for member_id, slug, row in con.execute(
            "SELECT member, slug, min(_row) FROM rows GROUP BY member, slug HAVING count(*) > 1 ORDER BY member, 3").fetchall():
        if member_id in copies:
            found.setdefault(member_id, Quarantine("malformed", f"{_row_label(row, slug)}的 slug 与前面的活动重复（每场活动的网址名唯一）"))
    return found


def _private_problems(con: duckdb.DuckDBPyConnection, copies: list[Copy]) -> dict[str, Quarantine]:
    """Personal data in any text column, by the editors' own checker, one member's rows at a time.

    All of a member's rows go through find_private_data as one text, one column per line (its
    patterns never span a line): its whole-text gates make a clean member cost one scan. Read
    LOAD_BATCH files at a time, so the text held in memory stays small.
    """
    cols = formats.TEXT_COLUMNS
    fields = ", ".join(f"replace(coalesce({_q(c)}, ''), chr(10), ' ')" for c in cols)
    found: dict[str, Quarantine] = {}
    for start in range(0, len(copies), LOAD_BATCH):
        source = csv_source(con, copies[start:start + LOAD_BATCH], "private_files", numbered=False)
        by_member: dict[str, list[tuple[str, str]]] = {}
        for member, slug, text in con.execute(f"SELECT member, slug, concat_ws(chr(10), {fields}) FROM {source}").fetchall():
            by_member.setdefault(member, []).append((slug, text))
        for member, rows in by_member.items():
            findings = find_private_data("\n".join(text for _, text in rows))
            if findings:
                first = findings[0]
                index, column = divmod(first.line - 1, len(cols))
                found[member] = Quarantine("personal_data", f"{_row_label(0, rows[index][0])}的 {cols[column]} 有疑似个人信息"
                                           f"“{first.excerpt}”（身份证号、手机号、银行卡号、个人邮箱或姓名）")
    return found


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _same_total(mine: Any, given: Any) -> bool:
    if not isinstance(given, dict):
        return False
    value = given.get("value")
    if mine.value is None or value is None:
        same_value = mine.value is None and value is None
    else:
        same_value = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isclose(
            float(mine.value), float(value), rel_tol=1e-9, abs_tol=1e-6)
    return (same_value and mine.qualifier == given.get("qualifier") and mine.campaigns == given.get("campaigns")
            and mine.undisclosed == given.get("undisclosed"))


def _same_table(mine: dict, given: Any) -> str | None:
    """None when the totals agree, else the metric's label where they differ first."""
    if not isinstance(given, dict):
        return "全部"
    for metric in set(mine) | set(given):
        if metric not in METRICS or metric not in mine or not _same_total(mine[metric], given.get(metric)):
            return METRICS[metric].label if metric in METRICS else shown(metric)
    return None


def _stats_problems(con: duckdb.DuckDBPyConnection, stats: dict[str, dict], skip: Iterable[str]) -> dict[str, Quarantine]:
    """Each member's stats.json against what its rows add up to, group by group."""
    from xiaobao.portal.engine import member_stats

    skipped = set(skip)
    found: dict[str, Quarantine] = {}
    computed = member_stats(con, [m for m in stats if m not in skipped])
    for member_id, ours in computed.items():
        theirs = stats[member_id]
        if theirs.get("campaigns") != ours["campaigns"]:
            found[member_id] = Quarantine("malformed", f"data/stats.json 说有 {shown(theirs.get('campaigns'))} 场活动，"
                                          f"data/campaigns.csv 里是 {ours['campaigns']} 场")
            continue
        for key in STATS_KEYS:
            mine, given = ours[key], theirs.get(key)
            pairs = [("", mine, given)] if key == "overall" else [
                (k, g["totals"], _dict(_dict(given).get(k)).get("totals")) for k, g in mine.items()]
            if key != "overall" and isinstance(given, dict) and set(given) != set(mine):
                odd = sorted(set(given) ^ set(mine))[0]
                found[member_id] = Quarantine("malformed", f"data/stats.json 的 {key} 里“{shown(odd)}”一组与 data/campaigns.csv 对不上")
                break
            bad = next(((k, label) for k, a, b in pairs if (label := _same_table(a, b))), None)
            if bad is None and key != "overall":
                bad = next(((k, "活动数") for k, g in mine.items() if _dict(_dict(given).get(k)).get("campaigns") != g["campaigns"]), None)
            if bad:
                where = f"{key}（{shown(bad[0])}）" if bad[0] else key
                found[member_id] = Quarantine("malformed", f"data/stats.json 的 {where} 里“{bad[1]}”的合计，"
                                              "与 data/campaigns.csv 里各场活动加起来对不上")
                break
    return found


def row_problems(con: duckdb.DuckDBPyConnection, members: dict[str, Member], stats: dict[str, dict],
                 copies: dict[str, Copy]) -> dict[str, Quarantine]:
    """Members whose rows (loaded into table `rows` with bad_row_sql) break a rule: id -> the first problem.

    copies: the members to check (their new copies), by id."""
    found = _rule_problems(con, members, copies)
    found.update({k: v for k, v in _private_problems(con, [c for m, c in copies.items() if m not in found]).items()})
    found.update({k: v for k, v in _stats_problems(con, stats, found).items() if k not in found})
    return found
