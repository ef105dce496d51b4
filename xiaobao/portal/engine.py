"""Adding up every member's campaigns with DuckDB, straight from their CSV files.

DuckDB reads the cached campaigns.csv files itself, streaming, so a million rows are summed in
seconds within a fixed memory limit; Python sees only the totals and the few rows a page lists.
A total keeps the rules of xiaobao.site.aggregate exactly: only disclosed figures are added, the
sum of "余"/"以上" figures is a lower bound, any "约"/"近" figure makes it approximate, and
campaigns that wrote XX are counted apart, never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import duckdb

from xiaobao.campaigns.vocab import METRICS, QUALIFIERS
from xiaobao.portal.divisions import Division, resolve_region
from xiaobao.portal.formats import COLUMNS
from xiaobao.site.aggregate import Total
from xiaobao.site.facets import UNKNOWN

DISCLOSED = tuple(q for q in QUALIFIERS if q != "undisclosed")
VALUE = "DECIMAL(38,6)"  # exact sums: no float rounding however many rows are added
PER_METRIC = 6  # columns totals_sql gives per metric
MEMORY_LIMIT = "1GB"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def totals_sql(prefix: str = "") -> str:
    """Six aggregate columns per metric (sum, disclosed, undisclosed, rough, more_than, at_least)."""
    disclosed = ", ".join(f"'{q}'" for q in DISCLOSED)
    parts = []
    for m in METRICS:
        v, q = f"{prefix}{_q(m)}", f"{prefix}{_q(m + '_qualifier')}"
        parts += [f"sum(TRY_CAST({v} AS {VALUE})) FILTER (WHERE {q} IN ({disclosed}))",
                  f"count(*) FILTER (WHERE {q} IN ({disclosed}))",
                  f"count(*) FILTER (WHERE {q} = 'undisclosed')",
                  f"coalesce(bool_or({q} IN ('about', 'nearly')), false)",
                  f"coalesce(bool_or({q} = 'more_than'), false)",
                  f"coalesce(bool_or({q} = 'at_least'), false)"]
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
        value, disclosed, undisclosed, rough, more, least = row[start + i * PER_METRIC: start + (i + 1) * PER_METRIC]
        if not disclosed and not undisclosed:
            continue  # no campaign in the group reports this metric
        if not disclosed:
            out[m] = Total(None, "undisclosed", 0, undisclosed)
            continue
        qualifier = "about" if rough else "more_than" if more else "at_least" if least else "exact"
        out[m] = Total(number(value), qualifier, disclosed, undisclosed)
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


def connect(temp_dir: Path | None = None, memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with bounded memory: past the limit it spills to temp_dir."""
    con = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": memory_limit,
                                             "preserve_insertion_order": True})
    if temp_dir is not None:
        temp_dir.mkdir(parents=True, exist_ok=True)
        con.execute(f"SET temp_directory = '{str(temp_dir).replace(chr(39), chr(39) * 2)}'")
    return con


def _path_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def register_rows(con: duckdb.DuckDBPyConnection, members: list[tuple[str, Path]]) -> None:
    """View `rows`: every member's campaigns.csv (member id, then the format's columns), and table
    `regions` (each distinct region resolved to a division). members: (id, csv path), in order."""
    con.execute("CREATE OR REPLACE TABLE member_files (member VARCHAR, file VARCHAR, ord INTEGER)")
    con.executemany("INSERT INTO member_files VALUES (?, ?, ?)", [(m, str(p), i) for i, (m, p) in enumerate(members)])
    cols = ", ".join(f"r.{_q(c)}" for c in COLUMNS)
    if members:
        source = (f"read_csv({_path_list([p for _, p in members])}, header=true, all_varchar=true, delim=',', "
                  "quote='\"', escape='\"', strict_mode=true, union_by_name=true, filename='_file', sample_size=-1)")
    else:
        source = "(SELECT " + ", ".join(f"NULL::VARCHAR AS {_q(c)}" for c in COLUMNS) + ", NULL::VARCHAR AS _file WHERE false)"
    con.execute(f"CREATE OR REPLACE VIEW raw_rows AS SELECT f.member, f.ord AS member_ord, {cols} "
                f"FROM {source} r JOIN member_files f ON f.file = r._file")
    regions = [r[0] for r in con.execute("SELECT DISTINCT region FROM raw_rows WHERE region IS NOT NULL").fetchall()]
    con.execute("CREATE OR REPLACE TABLE regions (region VARCHAR, province VARCHAR, province_key VARCHAR, city VARCHAR)")
    resolved = [(r, d.province, d.province_key, d.city) for r in regions for d in [resolve_region(r)]]
    if resolved:
        con.executemany("INSERT INTO regions VALUES (?, ?, ?, ?)", resolved)
    con.execute(f"""CREATE OR REPLACE VIEW rows AS
        SELECT r.*, coalesce(g.province_key, '{UNKNOWN}') AS province_key, g.province AS province_name, g.city AS city,
               coalesce(substr(coalesce(r.start, r."end"), 1, 4), '{UNKNOWN}') AS year,
               {_latest('coalesce(r."end", r.start)')} AS latest
        FROM raw_rows r LEFT JOIN regions g ON g.region = r.region""")


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
        FROM rows GROUP BY {sets}""").fetchall()
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
            FROM (SELECT *, unnest(string_split(topics, ';')) AS topic FROM rows) r GROUP BY topic""").fetchall():
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
    return f"CASE WHEN regexp_matches({c}, '^''[=+\\-@]') THEN substr({c}, 2) ELSE {c} END"


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
    """Each member's newest `limit` campaigns, newest first (the member's own order)."""
    out: dict[str, list[Row]] = {}
    query = f"""SELECT {_listed_cols()} FROM (
        SELECT *, row_number() OVER (PARTITION BY member ORDER BY {ORDER}) AS rn FROM rows) WHERE rn <= ?
        ORDER BY member_ord, rn"""
    for values in con.execute(query, [limit]).fetchall():
        row = _row(values)
        out.setdefault(row.member, []).append(row)
    return out


def newest(con: duckdb.DuckDBPyConnection, limit: int, where: str = "true", params: list | None = None) -> list[Row]:
    query = f"SELECT {_listed_cols()} FROM rows WHERE {where} ORDER BY {ORDER}, member_ord LIMIT ?"
    return [_row(v) for v in con.execute(query, [*(params or []), limit]).fetchall()]


def each_row(con: duckdb.DuckDBPyConnection, columns: str, batch: int = 20000) -> Iterable[tuple]:
    """Every row's selected columns, a batch at a time: the whole result is never in Python at once."""
    cursor = con.cursor()
    cursor.execute(f"SELECT {columns} FROM rows ORDER BY member_ord")
    while chunk := cursor.fetchmany(batch):
        yield from chunk


def search_columns() -> str:
    """What portal search reads per campaign: where it links, and the words of title, organisation,
    region, campaign name, topics and the summary's sentences behind the figures (the quotes)."""
    quotes = ", ".join(_unsafe(f"{m}_quote") for m in METRICS)
    return (f"member, url, {_unsafe('title')}, {_unsafe('organization')}, {_unsafe('region')}, "
            f"{_unsafe('campaign')}, topics, concat_ws(' ', {quotes})")


Resolver = Callable[[str], Division]
