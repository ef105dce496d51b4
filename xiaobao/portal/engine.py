"""Adding up every member's campaigns with DuckDB, straight from their CSV files.

DuckDB reads the cached campaigns.csv files itself, streaming, so a million rows are summed in
seconds within a fixed memory limit; Python sees only the totals and the few rows a page lists.
A total keeps the rules of xiaobao.site.aggregate exactly: only disclosed figures are added, the
sum of "余"/"以上" figures is a lower bound, any "约"/"近" figure makes it approximate, and
campaigns that wrote XX are counted apart, never as 0.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import duckdb

from xiaobao.campaigns.vocab import METRICS, QUALIFIERS
from xiaobao.portal.divisions import Division, resolve_region
from xiaobao.portal.formats import COLUMNS
from xiaobao.site.aggregate import Total
from xiaobao.site.facets import PROVINCES, UNKNOWN, slugify

DISCLOSED = tuple(q for q in QUALIFIERS if q != "undisclosed")
# A disclosed figure's weight in its total's qualifier: the total takes the largest (aggregate._Sum.total).
RANK = {"exact": 1, "at_least": 2, "more_than": 3, "about": 4, "nearly": 4}
RANKED = {1: "exact", 2: "at_least", 3: "more_than", 4: "about"}
PER_METRIC = 4  # columns totals_sql gives per metric
MEMORY_LIMIT = "1GB"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def totals_sql(prefix: str = "") -> str:
    """Four aggregate columns per metric over table `rows`: sum, disclosed, undisclosed, largest rank."""
    parts = []
    for m in METRICS:
        parts += [f"sum({prefix}{_q('v_' + m)})", f"count({prefix}{_q('v_' + m)})",
                  f"sum({prefix}{_q('u_' + m)})", f"max({prefix}{_q('r_' + m)})"]
    return ", ".join(parts)


def number(value: Decimal | float | int | None) -> int | float | None:
    """A sum as the open data writes it: whole numbers as integers."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return int(value) if float(value).is_integer() else value


def totals_from_row(row: Sequence[Any], start: int) -> dict[str, Total]:
    """The Totals in row[start:], as xiaobao.site.aggregate._Sum.total makes them."""
    out: dict[str, Total] = {}
    for i, m in enumerate(METRICS):
        value, disclosed, undisclosed, rank = row[start + i * PER_METRIC: start + (i + 1) * PER_METRIC]
        undisclosed = int(undisclosed or 0)
        if not disclosed and not undisclosed:
            continue  # no campaign in the group reports this metric
        if not disclosed:
            out[m] = Total(None, "undisclosed", 0, undisclosed)
            continue
        out[m] = Total(number(value), RANKED[rank], disclosed, undisclosed)
    return out


def combine_totals(tables: Iterable[dict[str, Total]]) -> dict[str, Total]:
    """Totals of totals (members' stats.json): the same rules, so the order of adding never matters."""
    acc: dict[str, list[Total]] = {}
    for table in tables:
        for m, t in table.items():
            acc.setdefault(m, []).append(t)
    out = {}
    for m in METRICS:
        parts = acc.get(m)
        if not parts:
            continue
        given = [t for t in parts if t.value is not None]
        undisclosed = sum(t.undisclosed for t in parts)
        if not given:
            out[m] = Total(None, "undisclosed", 0, undisclosed)
            continue
        qs = {t.qualifier for t in given}
        qualifier = "about" if "about" in qs else "more_than" if "more_than" in qs else "at_least" if "at_least" in qs else "exact"
        out[m] = Total(number(sum(Decimal(str(t.value)) for t in given)), qualifier,
                       sum(t.campaigns for t in given), undisclosed)
    return out


@dataclass
class Group:
    key: str
    campaigns: int
    totals: dict[str, Total]
    name: str = ""


@dataclass
class Aggregates:
    overall: Group
    by_member: dict[str, Group] = field(default_factory=dict)
    by_province: dict[str, Group] = field(default_factory=dict)  # key: facets.slugify(province) or unknown
    by_city: dict[str, dict[str, Group]] = field(default_factory=dict)  # province key -> city name -> group
    by_year: dict[str, Group] = field(default_factory=dict)
    by_topic: dict[str, Group] = field(default_factory=dict)
    by_org_type: dict[str, Group] = field(default_factory=dict)


# DuckDB's "in_clause" rewrite turns each `x IN ('a', 'b', …)` into a hash join against a list of constants.
# Loading rows checks and types every metric's qualifier so (checks.py, typed_columns): 55 joins in each
# batch's INSERT, about 1 s of CPU even for ten rows; evaluated as comparisons, 0.06 s, the same rows.
# A portal of 100 members × 200 campaigns: prepare 2.6 s of CPU instead of 4.3 (median of two, alternated).
NOT_OPTIMISED = "in_clause"


def connect(db_file: Path, memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """A fresh DuckDB database in the cache: tables live on disk, at most memory_limit in memory."""
    for stale in (db_file, db_file.with_name(db_file.name + ".wal")):
        stale.unlink(missing_ok=True)
    temp = db_file.with_name(db_file.name + ".tmp")
    temp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_file), config={"threads": 2, "memory_limit": memory_limit,
                                               "preserve_insertion_order": True, "temp_directory": str(temp),
                                               "disabled_optimizers": NOT_OPTIMISED})
    con.execute(f"CREATE TABLE rows AS {_rows_select(csv_source(con, [], 'no_files'), 'NULL')}")
    return con


def _literal(value: str | int | None) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[str | int | None, ...]]) -> None:
    """rows into table in one statement, as SQL literals.

    Not executemany: DuckDB's Python client converts each parameter on its own and tries to import
    pandas, NumPy, Arrow … for each (failed imports are not remembered, so every one walks
    sys.path again): ten failed imports a row, the top cost of our own in a portal build
    (scripts/bench_portal_steps.py). Only the portal's own values come here (member ids, places,
    cache paths, checked addresses); text with a NUL, which a literal cannot hold, goes the slow way."""
    if not rows:
        return
    if any(isinstance(v, str) and "\x00" in v for row in rows for v in row):
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
        return
    for start in range(0, len(rows), INSERT_BATCH):
        values = ", ".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in rows[start:start + INSERT_BATCH])
        con.execute(f"INSERT INTO {table} VALUES {values}")


INSERT_BATCH = 1000  # rows in one INSERT statement


def _path_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


CACHED_COPY = r"([a-z0-9-]+)[/\\](?:good|new)[/\\]data[/\\]campaigns\.csv$"  # fetch.py's layout: <cache>/<id>/good/…
PERIOD = 'coalesce(r."end", r.start)'  # a campaign's date for ordering: its end, else its start
LOAD_BATCH = 50  # files read in one statement: ~50,000 rows held at once
Copy = tuple[str, int, Path, str]  # member id, its place in mkdocs.yml, its campaigns.csv, its own pages' prefix
LISTED_TEXT = ("slug", "url", "title", "organization", "org_type", "region", "campaign", "start", "end", "topics")


def csv_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="", errors="replace") as f:
        return next(csv.reader([f.readline(1 << 16)]), [])


def csv_source(con: duckdb.DuckDBPyConnection, copies: list[Copy], name: str, rejects: bool = False,
               numbered: bool = True) -> str:
    """SQL reading the members' campaigns.csv files (copies in the cache) straight from disk: member,
    member_ord, _row, own, then every column of the format as text.

    numbered: _row is the campaign's place in its member's list, newest first (Campaign.sort_key:
    the order a member's own file has); this holds a member's rows in memory and joins `name`
    (member, ord, file, own) for member_ord and own. Without it the rows stream in the order of the
    files and of their lines, the member's id taken from the copy's path, the other columns NULL.
    Files are read together, a group per header (a newer minor version may add columns); with
    rejects, lines that are not CSV rows of the right width go to `name`_rejects (rejected_lines).
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (member VARCHAR, ord INTEGER, file VARCHAR, own VARCHAR, grp INTEGER)")
    groups: dict[tuple[str, ...], list[Copy]] = {}
    for copy in copies:
        groups.setdefault(tuple(csv_header(copy[2])), []).append(copy)
    listed = [(m, o, str(p), own, g) for g, group in enumerate(groups.values()) for m, o, p, own in group]
    if listed:
        insert_rows(con, name, listed)
    cols = ", ".join(f"r.{_q(c)} AS {_q(c)}" for c in COLUMNS)
    parts = []
    for g, group in enumerate(groups.values()):
        options = (f", store_rejects=true, rejects_table='{name}_rejects_{g}', rejects_scan='{name}_scans_{g}'"
                   if rejects else "")
        read = (f"read_csv({_path_list([c[2] for c in group])}, header=true, all_varchar=true, delim=',', "
                f"quote='\"', escape='\"', strict_mode=true, filename='_file'{options}) r")
        if numbered:
            order = f"{_latest(PERIOD)} DESC NULLS LAST, r.slug"
            parts.append(f"SELECT f.member, f.ord AS member_ord, row_number() OVER (PARTITION BY f.member ORDER BY {order}) AS _row, "
                         f"f.own, {cols} FROM {read} JOIN {name} f ON f.file = r._file")
        else:
            member = f"regexp_extract(r._file, '{CACHED_COPY}', 1)"
            parts.append(f"SELECT {member} AS member, NULL::INTEGER AS member_ord, NULL::BIGINT AS _row, NULL::VARCHAR AS own, "
                         f"{cols} FROM {read}")
    if not parts:
        return "(SELECT " + ", ".join(["NULL::VARCHAR AS member", "NULL::INTEGER AS member_ord", "NULL::BIGINT AS _row",
                                        "NULL::VARCHAR AS own"] + [f"NULL::VARCHAR AS {_q(c)}" for c in COLUMNS]) + " WHERE false)"
    return "(" + " UNION ALL ".join(parts) + ")"


def rejected_lines(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, tuple[int, str]]:
    """Members with lines csv_source(rejects=True) could not read: id -> (first line, why)."""
    groups = con.execute(f"SELECT DISTINCT grp FROM {name}").fetchall()
    out: dict[str, tuple[int, str]] = {}
    for (g,) in groups:
        for member, line, message in con.execute(
                f"SELECT f.member, min(e.line), first(e.error_message) FROM {name}_rejects_{g} e "
                f"JOIN {name}_scans_{g} s USING (scan_id, file_id) JOIN {name} f ON f.file = s.file_path GROUP BY f.member").fetchall():
            out[member] = (int(line), str(message))
    return out


def load_rows(con: duckdb.DuckDBPyConnection, copies: list[Copy], bad: str = "NULL") -> dict[str, tuple[int, str]]:
    """Append the members' campaigns to table `rows`: what listings show, the figures as numbers
    (typed_columns), and `bad`, an SQL expression naming the first class of rule a row breaks
    (checks.py). Returns the members whose files are not well-formed CSV; their rows are dropped.

    The files are read LOAD_BATCH at a time (numbering rows holds a batch in memory); if DuckDB
    cannot read one of a batch at all, each is read alone, so one broken file never keeps the others out."""
    if not copies:
        return {}
    rejected: dict[str, tuple[int, str]] = {}
    for start in range(0, len(copies), LOAD_BATCH):
        batch = copies[start:start + LOAD_BATCH]
        try:
            rejected.update(_load(con, batch, bad))
            continue
        except duckdb.Error:
            if len(batch) == 1:
                raise
        for copy in batch:
            try:
                rejected.update(_load(con, [copy], bad))
            except duckdb.Error as err:
                rejected[copy[0]] = (0, str(err).splitlines()[0])
    return rejected


def _load(con: duckdb.DuckDBPyConnection, copies: list[Copy], bad: str) -> dict[str, tuple[int, str]]:
    con.execute(f"INSERT INTO rows {_rows_select(csv_source(con, copies, 'load_files', rejects=True), bad)}")
    rejected = rejected_lines(con, "load_files")
    drop_members(con, list(rejected))
    return rejected


def _rows_select(source: str, bad: str) -> str:
    listed = ", ".join(f"r.{_q(c)}" for c in LISTED_TEXT)
    headline = ", ".join(f"r.{_q(m)}, r.{_q(m + '_qualifier')}" for m in HEADLINE)
    return (f"SELECT r.member, r.member_ord, r._row, {listed}, {headline}, {typed_columns()}, "
            f"CAST({bad} AS TINYINT) AS bad FROM {source} r")


def drop_members(con: duckdb.DuckDBPyConnection, members: list[str]) -> None:
    if members:
        con.execute(f"DELETE FROM rows WHERE member IN ({', '.join('?' * len(members))})", members)


def _stats_region() -> str:
    """The region key of a member's own stats.json (xiaobao.site.facets: the first province the text starts with)."""
    cases = " ".join(f"WHEN starts_with(r.region, '{p}') THEN '{slugify(p)}'" for p in PROVINCES)
    return f"CASE {cases} ELSE '{UNKNOWN}' END"


def typed_columns() -> str:
    """Figures as numbers with their qualifier's rank, the year (aggregate: start, else end), the last
    day of the period (the newest first), the province key a member's own stats.json uses."""
    disclosed = ", ".join(f"'{q}'" for q in DISCLOSED)
    parts = [f"coalesce(substr(coalesce(r.start, r.\"end\"), 1, 4), '{UNKNOWN}') AS year",
             f"{_latest(PERIOD)} AS latest", f"{_stats_region()} AS stats_region"]
    rank = " ".join(f"WHEN '{k}' THEN {r}" for k, r in RANK.items())
    for m in METRICS:
        v, q = "r." + _q(m), "r." + _q(m + "_qualifier")
        parts += [f"CASE WHEN {q} IN ({disclosed}) THEN TRY_CAST({v} AS DOUBLE) END AS {_q('v_' + m)}",
                  f"CAST(CASE {q} {rank} END AS TINYINT) AS {_q('r_' + m)}",
                  f"CAST({q} = 'undisclosed' AS TINYINT) AS {_q('u_' + m)}"]
    return ", ".join(parts)


def finish_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Table `regions` (each distinct region written, resolved to a division once: divisions.py) and
    view `listed`: `rows` with the division."""
    con.execute("CREATE OR REPLACE TABLE regions (region VARCHAR, province_key VARCHAR, city VARCHAR)")
    found = [r[0] for r in con.execute("SELECT DISTINCT region FROM rows WHERE region IS NOT NULL").fetchall()]
    resolved = [(r, d.province_key, d.city) for r in found for d in [resolve_region(r)]]
    if resolved:
        con.executemany("INSERT INTO regions VALUES (?, ?, ?)", resolved)
    con.execute(f"""CREATE OR REPLACE VIEW listed AS SELECT r.*, coalesce(g.province_key, '{UNKNOWN}') AS province_key,
                    g.city AS city FROM rows r LEFT JOIN regions g ON g.region = r.region""")


def member_stats(con: duckdb.DuckDBPyConnection, members: list[str]) -> dict[str, dict]:
    """Each member's stats.json as its own site would write it from the rows in `raw`."""
    if not members:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE wanted (member VARCHAR)")
    insert_rows(con, "wanted", [(m,) for m in members])
    out: dict[str, dict] = {m: {"campaigns": 0, "overall": {}, "by_year": {}, "by_topic": {}, "by_org_type": {}, "by_region": {}}
                            for m in members}
    query = f"""SELECT GROUPING(year, org_type, stats_region) AS g, member, year, org_type, stats_region, count(*), {totals_sql()}
        FROM rows WHERE member IN (SELECT member FROM wanted)
        GROUP BY GROUPING SETS ((member), (member, year), (member, org_type), (member, stats_region))"""
    for row in con.execute(query).fetchall():
        g, member, y, org_type, reg, n = row[:6]
        totals = totals_from_row(row, 6)
        if g == 0b111:
            out[member]["campaigns"], out[member]["overall"] = n, totals
        else:
            key, table = (y, "by_year") if g == 0b011 else (org_type, "by_org_type") if g == 0b101 else (reg, "by_region")
            out[member][table][key] = {"campaigns": n, "totals": totals}
    for row in con.execute(f"""SELECT member, topic, count(*), {totals_sql()} FROM
            (SELECT *, unnest(string_split(topics, ';')) AS topic FROM rows WHERE member IN (SELECT member FROM wanted))
            GROUP BY member, topic""").fetchall():
        out[row[0]]["by_topic"][row[1]] = {"campaigns": row[2], "totals": totals_from_row(row, 3)}
    return out


def _latest(expr: str) -> str:
    """The last day a partial date can mean (Campaign.sort_key's order: newest first)."""
    return (f"CASE WHEN {expr} IS NULL THEN NULL WHEN length({expr}) = 4 THEN {expr} || '-12-31' "
            f"WHEN length({expr}) = 7 THEN strftime(last_day(strptime({expr} || '-01', '%Y-%m-%d')), '%Y-%m-%d') "
            f"ELSE {expr} END")


def aggregate(con: duckdb.DuckDBPyConnection) -> Aggregates:
    """Every total the portal shows, in two passes over the rows (one for topics, which fan out)."""
    sets = "GROUPING SETS ((), (member), (province_key), (province_key, city), (year), (org_type))"
    result = con.execute(f"""SELECT GROUPING(member, province_key, city, year, org_type) AS g,
               member, province_key, city, year, org_type, count(*) AS n, {totals_sql()}
        FROM listed GROUP BY {sets}""").fetchall()
    agg = Aggregates(Group("", 0, {}))
    for row in result:
        g, member, province, city, year, org_type, n = row[:7]
        group = Group("", n, totals_from_row(row, 7))
        # GROUPING bits, highest first: member, province_key, city, year, org_type (1 = rolled up)
        if g == 0b11111:
            agg.overall = group
        elif g == 0b01111:
            group.key = member
            agg.by_member[member] = group
        elif g == 0b10111:
            group.key = province
            agg.by_province[province] = group
        elif g == 0b10011:
            group.key = city or ""
            agg.by_city.setdefault(province, {})[city or ""] = group
        elif g == 0b11101:
            group.key = year
            agg.by_year[year] = group
        elif g == 0b11110:
            group.key = org_type
            agg.by_org_type[org_type] = group
    for row in con.execute(f"""SELECT topic, count(*), {totals_sql('r.')}
            FROM (SELECT *, unnest(string_split(topics, ';')) AS topic FROM listed) r GROUP BY topic""").fetchall():
        agg.by_topic[row[0]] = Group(row[0], row[1], totals_from_row(row, 2))
    for table in (agg.by_member, agg.by_province, agg.by_year, agg.by_topic, agg.by_org_type):
        ordered = dict(sorted(table.items()))
        table.clear()
        table.update(ordered)
    return agg


HEADLINE = ("events", "materials", "audience", "outlets")
LISTED = ("member", "slug", "url", "title", "organization", "org_type", "region", "start", "end", "topics")


def _unsafe(col: str) -> str:
    """The text as written, without the apostrophe a CSV writer puts before = + - @ (opendata._csv_safe)."""
    c = _q(col)
    return f"CASE WHEN left({c}, 1) = '''' AND substr({c}, 2, 1) IN ('=', '+', '-', '@') THEN substr({c}, 2) ELSE {c} END"


def _listed_cols() -> str:
    plain = [_unsafe(c) if c in ("title", "organization", "region") else _q(c) for c in LISTED]
    figures = [f"{_q(m)}, {_q(m + '_qualifier')}" for m in HEADLINE]
    return ", ".join(plain + figures)


@dataclass(frozen=True)
class Row:
    """One campaign as a listing shows it; url is the member's own page for it."""
    member: str
    slug: str
    url: str
    title: str
    organization: str
    org_type: str
    region: str | None
    start: str | None
    end: str | None
    topics: tuple[str, ...]
    figures: tuple[tuple[str, str | None, str], ...]  # (metric, value text, qualifier) of HEADLINE metrics given


def _row(values: Sequence[Any]) -> Row:
    base = list(values[:len(LISTED)])
    figs = []
    for i, m in enumerate(HEADLINE):
        value, qualifier = values[len(LISTED) + 2 * i: len(LISTED) + 2 * i + 2]
        if qualifier:
            figs.append((m, value, qualifier))
    base[9] = tuple((base[9] or "").split(";"))
    return Row(*base, figures=tuple(figs))  # type: ignore[arg-type]


ORDER = "latest DESC NULLS LAST, slug"


def newest_per_member(con: duckdb.DuckDBPyConnection, limit: int) -> dict[str, list[Row]]:
    """Each member's first `limit` campaigns: a member's campaigns.csv lists the newest first."""
    out: dict[str, list[Row]] = {}
    query = f"SELECT {_listed_cols()} FROM listed WHERE _row <= ? ORDER BY member_ord, _row"
    for values in con.execute(query, [limit]).fetchall():
        row = _row(values)
        out.setdefault(row.member, []).append(row)
    return out


def newest_per_topic(con: duckdb.DuckDBPyConnection, limit: int) -> dict[str, list[Row]]:
    """Each topic's newest `limit` campaigns across members."""
    from xiaobao.campaigns.vocab import TOPICS

    return {t: rows for t in TOPICS if (rows := newest(con, limit, "contains(';' || topics || ';', ?)", [f";{t};"]))}


def newest(con: duckdb.DuckDBPyConnection, limit: int, where: str = "true", params: list | None = None) -> list[Row]:
    query = f"SELECT {_listed_cols()} FROM listed WHERE {where} ORDER BY {ORDER}, member_ord LIMIT ?"
    return [_row(v) for v in con.execute(query, [*(params or []), limit]).fetchall()]


def search_columns() -> str:
    """What portal search reads per campaign: where it links, and the words of title, organisation,
    region, campaign name, topics and the summary's sentences behind the figures (the quotes)."""
    quotes = ", ".join(_unsafe(f"{m}_quote") for m in METRICS)
    return (f"member, url, {_unsafe('title')}, {_unsafe('organization')}, {_unsafe('region')}, "
            f"{_unsafe('campaign')}, topics, concat_ws(' ', {quotes})")


Resolver = Callable[[str], Division]
