"""Portal mode without MkDocs: members' open data fetched, checked, quarantined and added up.

Members are the files a real site publishes (tests/portal_members.py: the site's own writer over
the repository's campaigns), read from folders or over HTTP(S) from a server on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from portal_members import GROUPS, NAMES, edit_csv, member_files, portal_extra, url_of, write_member
from xiaobao.campaigns.catalog import load_catalog
from xiaobao.portal import steps
from xiaobao.portal.config import read_config
from xiaobao.portal.divisions import resolve_region
from xiaobao.portal.engine import combine_totals
from xiaobao.portal.fetch import package_digest
from xiaobao.portal.opendata import stats_data
from xiaobao.site.aggregate import Total, totals

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Each member's published data/ files, made once."""
    work = tmp_path_factory.mktemp("members-src")
    return {m: member_files(slugs, url_of(m), work) for m, slugs in GROUPS.items()}


def _members(tmp: Path, published: dict, **changed: dict[str, bytes]) -> dict[str, Path]:
    return {m: write_member(tmp / "sites" / m, changed.get(m, files)) for m, files in published.items()}


def _prepare(tmp: Path, members: dict, now: str = "2026-12-07T08:00:00Z", **settings) -> steps.Portal:
    portal = steps.prepare(portal_extra(members, tmp / "cache", **settings), tmp, now=now)
    return portal


def _table(raw: dict) -> dict[str, Total]:
    return {m: Total(t["value"], t["qualifier"], t["campaigns"], t["undisclosed"]) for m, t in raw.items()}


def _same(a: dict[str, Total], b: dict[str, Total]) -> None:
    assert set(a) == set(b)
    for metric in a:
        assert (a[metric].qualifier, a[metric].campaigns, a[metric].undisclosed) == \
               (b[metric].qualifier, b[metric].campaigns, b[metric].undisclosed), metric
        assert a[metric].value == pytest.approx(b[metric].value), metric


def test_totals_equal_the_sum_of_the_members_stats_json_flags_included(tmp_path, published):
    portal = _prepare(tmp_path, _members(tmp_path, published))
    try:
        assert not portal.quarantined
        mine = stats_data(portal.agg)
        stats = {m: json.loads(files["data/stats.json"]) for m, files in published.items()}
        assert mine["campaigns"] == sum(s["campaigns"] for s in stats.values()) == 10
        _same(_table(mine["overall"]), combine_totals(_table(s["overall"]) for s in stats.values()))
        for key in ("by_year", "by_topic", "by_org_type", "by_region"):  # every region here starts with its province
            groups = {g for s in stats.values() for g in s[key]}
            assert set(mine[key]) == groups, key
            for g in groups:
                parts = [s[key][g] for s in stats.values() if g in s[key]]
                assert mine[key][g]["campaigns"] == sum(p["campaigns"] for p in parts)
                _same(_table(mine[key][g]["totals"]), combine_totals(_table(p["totals"]) for p in parts))
        # and the same as the site's own aggregation over every campaign at once
        everything = load_catalog(REPO / "campaigns", REPO).campaigns
        _same(portal.agg.overall.totals, totals(everything))
        assert {t.qualifier for t in portal.agg.overall.totals.values()} >= {"about", "more_than", "undisclosed"}
        for member_id, files in published.items():
            _same(portal.agg.by_member[member_id].totals, _table(stats[member_id]["overall"]))
    finally:
        steps.close(portal)


def test_regions_resolve_to_province_and_city():
    assert (resolve_region("江苏省南通市如东县").province, resolve_region("江苏省南通市如东县").city) == ("江苏", "南通市")
    assert resolve_region("南通市").province == "江苏"  # the province from a listed city
    assert resolve_region("上海市浦东新区").city == "上海市"
    assert resolve_region("湖南省").city is None
    assert resolve_region("某某县").province is None and resolve_region(None).province is None
    assert resolve_region("甘肃省甘南藏族自治州合作市").city == "甘南藏族自治州"
    assert resolve_region("湖北省孝感市云梦县").city == "孝感市"  # any division of the official list
    assert resolve_region("吉林省长春市朝阳区").city == "长春市"  # a namesake settled by its city
    assert resolve_region("朝阳区").province is None  # Beijing's or Changchun's: not guessed


# ---------------------------------------------------------------- hostile members, one class each


def _hostile(tmp_path, published, member: str, files: dict[str, bytes], kind: str, **settings) -> steps.Portal:
    portal = _prepare(tmp_path, _members(tmp_path, published, **{member: files}), **settings)
    bad = {s.member.id: s for s in portal.quarantined}
    assert set(bad) == {member}, [s.message for s in portal.quarantined]
    status = bad[member]
    assert status.quarantine.kind == kind, status.message
    assert NAMES[member] in status.message and url_of(member) in status.message
    assert not status.usable and status.state == "missing"  # no earlier good copy
    others = [m for m in published if m != member]
    assert set(portal.agg.by_member) == set(others)  # the portal still adds up the others
    assert portal.agg.overall.campaigns == sum(json.loads(published[m]["data/stats.json"])["campaigns"] for m in others)
    pages = {p.src_uri: p for p in steps.pages(portal)}
    assert NAMES[member] in pages["members/index.md"].html and "已隔离" in pages["members/index.md"].html
    steps.close(portal)
    return portal


def _set(row: dict, column: str, value: str) -> None:
    row[column] = value


def test_script_in_a_title_is_quarantined(tmp_path, published):
    slugs = []

    def change(rows):
        rows[1]["title"] = "抽检<script>alert(1)</script>"
        slugs.append(rows[1]["slug"])
    portal = _hostile(tmp_path, published, "amr", edit_csv(published["amr"], change), "markup")
    detail = portal.statuses[1].quarantine.detail
    assert "title" in detail and "<script>" in detail and f"“{slugs[0]}”" in detail  # names the campaign that has it


def test_markup_in_a_quote_is_quarantined(tmp_path, published):
    def change(rows):
        rows[0]["materials_quote"] = '<img src=x onerror="fetch(1)">'
    _hostile(tmp_path, published, "banks", edit_csv(published["banks"], change), "markup")


def test_personal_data_is_quarantined_without_showing_it(tmp_path, published):
    files = edit_csv(published["pboc"], lambda rows: _set(rows[0], "campaign", "咨询请拨 13812345678 张伟"))
    portal = _hostile(tmp_path, published, "pboc", files, "personal_data")
    message = portal.statuses[2].message
    assert "13812345678" not in message and "个人信息" in message


def test_negative_figure_is_quarantined(tmp_path, published):
    def change(rows):
        rows[0]["events"], rows[0]["events_qualifier"] = "-5", "exact"
    portal = _hostile(tmp_path, published, "banks", edit_csv(published["banks"], change), "bad_figures")
    assert "负数" in portal.statuses[0].quarantine.detail


def test_absurd_figure_is_quarantined(tmp_path, published):
    def change(rows):
        rows[0]["audience"], rows[0]["audience_qualifier"] = "9e15", "exact"
    portal = _hostile(tmp_path, published, "banks", edit_csv(published["banks"], change), "bad_figures")
    assert "不合常理" in portal.statuses[0].quarantine.detail


def test_a_member_claiming_another_members_pages_is_quarantined(tmp_path, published):
    def change(rows):
        rows[0]["url"] = url_of("banks") + "campaigns/icbc-nantong-315/"
    portal = _hostile(tmp_path, published, "amr", edit_csv(published["amr"], change), "claims")
    assert NAMES["banks"] in portal.statuses[1].quarantine.detail  # names whose address it used


def test_malformed_csv_is_quarantined(tmp_path, published):
    files = dict(published["amr"])
    files["data/campaigns.csv"] = files["data/campaigns.csv"] + b'x,y,"unterminated\r\n'
    _hostile(tmp_path, published, "amr", files, "malformed")


@pytest.mark.parametrize("rel, change", [
    ("data/campaigns.csv", lambda data: data.replace("县".encode(), b"\xff\xfe", 1)),  # not UTF-8: DuckDB would fail inside
    ("data/campaigns.csv", lambda data: data.replace("县".encode(), b"\x00", 1)),
    ("data/stats.json", lambda data: data.replace(b'"by_year": {', b'"by_year": {"1999": [1], ', 1)),
    ("data/datapackage.json", lambda data: b"[1, 2]"),
    ("data/campaigns.csv", lambda data: data.split(b"\r\n", 1)[0] + b"\r\n" + b"x," * 5000 + b"\r\n"),
])
def test_malformed_files_are_quarantined(tmp_path, published, rel, change):
    files = {**published["amr"], rel: change(published["amr"][rel])}
    _hostile(tmp_path, published, "amr", files, "malformed")


def test_stats_that_do_not_add_up_are_quarantined(tmp_path, published):
    stats = json.loads(published["amr"]["data/stats.json"])
    first = next(iter(stats["overall"]))
    stats["overall"][first]["campaigns"] += 1
    files = {**published["amr"], "data/stats.json": json.dumps(stats).encode()}
    portal = _hostile(tmp_path, published, "amr", files, "malformed")
    assert "stats.json" in portal.statuses[1].quarantine.detail


def test_unknown_major_version_is_refused_with_a_message(tmp_path, published):
    package = json.loads(published["pboc"]["data/datapackage.json"])
    package["version"] = "3.0.0"
    files = {**published["pboc"], "data/datapackage.json": json.dumps(package).encode()}
    portal = _hostile(tmp_path, published, "pboc", files, "unknown_version")
    assert "3.0.0" in portal.statuses[2].message and "只认识 2.x" in portal.statuses[2].message


def test_too_large_file_is_refused(tmp_path, published):
    files = {**published["amr"], "data/stats.json": published["amr"]["data/stats.json"] + b" " * (2 * 1024 * 1024)}
    portal = _hostile(tmp_path, published, "amr", files, "too_large", max_mb=1)
    assert "1 MB" in portal.statuses[1].message


def test_unreachable_member(tmp_path, published):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    members = {**_members(tmp_path, published), "gone": f"http://127.0.0.1:{port}/"}
    portal = _prepare(tmp_path, members, timeout=5)
    try:
        assert [s.member.id for s in portal.quarantined] == ["gone"]
        assert portal.quarantined[0].quarantine.kind == "unreachable"
        assert "连不上" in portal.quarantined[0].message and f"127.0.0.1:{port}" in portal.quarantined[0].message
        assert portal.agg.overall.campaigns == 10
    finally:
        steps.close(portal)


def test_a_folder_without_published_data_is_quarantined_without_the_servers_path(tmp_path, published):
    """The message reaches the public members page: it names the setting, not the portal machine's folders."""
    empty = tmp_path / "sites" / "empty"
    empty.mkdir(parents=True)
    portal = _prepare(tmp_path, {**_members(tmp_path, published), "empty": empty})
    try:
        (status,) = portal.quarantined
        assert status.member.id == "empty" and status.quarantine.kind == "unreachable"
        assert "folder" in status.message and str(tmp_path) not in status.message
        page = {p.src_uri: p for p in steps.pages(portal)}["members/index.md"].html
        assert "连不上" in page and str(tmp_path) not in page
    finally:
        steps.close(portal)


# ---------------------------------------------------------------- over HTTP and HTTPS


class _Member(http.server.SimpleHTTPRequestHandler):
    """A member's web server: ETag and Last-Modified, 304 when they match; optionally slow."""

    delay = 0.0
    seen: list[dict] = []

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        type(self).seen.append({"path": self.path, "etag": self.headers.get("If-None-Match"),
                                "since": self.headers.get("If-Modified-Since")})
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        etag = f'"{hash(data) & 0xffffffff:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Mon, 07 Dec 2026 06:00:00 GMT")
        self.end_headers()
        for start in range(0, len(data), 512):
            if self.delay:
                time.sleep(self.delay)
            try:
                self.wfile.write(data[start:start + 512])
            except OSError:
                return


def _serve(folder: Path, handler: type, context: ssl.SSLContext | None = None) -> tuple[socketserver.TCPServer, int]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def test_conditional_requests_and_cache_between_builds(tmp_path, published):
    handler = type("Counting", (_Member,), {"seen": []})
    folder = write_member(tmp_path / "remote", published["banks"])
    server, port = _serve(folder, handler)
    try:
        url = f"http://127.0.0.1:{port}/"
        files = member_files(GROUPS["banks"], url, tmp_path)
        write_member(folder, files)
        first = _prepare(tmp_path, {"banks": url})
        assert not first.quarantined and first.agg.overall.campaigns == 3
        steps.close(first)
        assert all(r["etag"] is None for r in handler.seen) and len(handler.seen) == 3
        handler.seen.clear()
        second = _prepare(tmp_path, {"banks": url}, now="2026-12-08T08:00:00Z")
        assert not second.quarantined and second.agg.overall.campaigns == 3
        assert len(handler.seen) == 3 and all(r["etag"] and r["since"] for r in handler.seen)  # asked "changed since?"
        assert second.statuses[0].fetched_at == "2026-12-08T08:00:00Z"
        steps.close(second)
    finally:
        server.shutdown()
        server.server_close()


def test_slow_member_times_out_and_others_build(tmp_path, published):
    handler = type("Slow", (_Member,), {"seen": [], "delay": 2.0})  # ~200 s to send the three files
    folder = write_member(tmp_path / "remote", published["pboc"])
    server, port = _serve(folder, handler)
    try:
        members = {**_members(tmp_path, {m: f for m, f in published.items() if m != "pboc"}), "pboc": f"http://127.0.0.1:{port}/"}
        start = time.monotonic()
        portal = _prepare(tmp_path, members, timeout=2)
        assert time.monotonic() - start < 60  # the 2 s timeout, not the transfer, ended it
        assert [(s.member.id, s.quarantine.kind) for s in portal.quarantined] == [("pboc", "slow")]
        assert "太慢" in portal.quarantined[0].message
        assert portal.agg.overall.campaigns == 6
        steps.close(portal)
    finally:
        server.shutdown()
        server.server_close()


def _certificate(tmp: Path) -> tuple[Path, Path]:
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def test_https_member_with_the_operators_certificate_authority(tmp_path, published):
    cert, key = _certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    handler = type("Tls", (_Member,), {"seen": []})
    folder = tmp_path / "remote"
    server, port = _serve(folder, handler, context)
    try:
        url = f"https://127.0.0.1:{port}/"
        write_member(folder, member_files(GROUPS["amr"], url, tmp_path))
        untrusted = _prepare(tmp_path, {"amr": url}, timeout=10)  # the machine's CAs do not know this certificate
        assert untrusted.quarantined[0].quarantine.kind == "unreachable" and "证书" in untrusted.quarantined[0].message
        steps.close(untrusted)
        trusted = _prepare(tmp_path, {"amr": url}, timeout=10, ca_file=str(cert))
        assert not trusted.quarantined and trusted.agg.overall.campaigns == 3
        steps.close(trusted)
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- between builds


def test_member_updated_between_builds_is_picked_up(tmp_path, published, tmp_path_factory):
    members = _members(tmp_path, published)
    first = _prepare(tmp_path, members)
    assert first.agg.by_member["amr"].campaigns == 3
    steps.close(first)
    fewer = member_files(GROUPS["amr"][:2], url_of("amr"), tmp_path_factory.mktemp("src"))
    write_member(members["amr"], fewer)
    second = _prepare(tmp_path, members, now="2026-12-08T08:00:00Z")
    assert not second.quarantined
    assert second.agg.by_member["amr"].campaigns == 2 and second.agg.overall.campaigns == 9
    steps.close(second)


def test_pinned_member_whose_data_changed_is_refused_and_its_pinned_copy_kept(tmp_path, published, tmp_path_factory):
    members = _members(tmp_path, published)
    pin = package_digest(members["amr"])
    extra = portal_extra(members, tmp_path / "cache")
    extra["portal"]["members"][1]["sha256"] = pin
    first = steps.prepare(extra, tmp_path, now="2026-12-07T08:00:00Z")
    assert not first.quarantined and first.statuses[1].digest == pin
    steps.close(first)
    write_member(members["amr"], member_files(GROUPS["amr"][:2], url_of("amr"), tmp_path_factory.mktemp("src")))
    second = steps.prepare(extra, tmp_path, now="2026-12-08T08:00:00Z")
    status = second.statuses[1]
    assert status.quarantine.kind == "pin_changed" and status.stale and status.state == "stale"
    assert "指纹" in status.message and "北京时间 2026-12-07 16:00" in status.message and NAMES["amr"] in status.message
    assert second.agg.by_member["amr"].campaigns == 3  # the pinned copy, not the changed one
    assert second.agg.overall.campaigns == 10
    steps.close(second)
    third = steps.prepare(extra, tmp_path, now="2026-12-09T08:00:00Z")
    assert third.statuses[1].since == "2026-12-08T08:00:00Z"  # missing since the first failure, not since now
    steps.close(third)


def test_broken_member_keeps_its_last_good_copy_marked_stale(tmp_path, published):
    members = _members(tmp_path, published)
    steps.close(_prepare(tmp_path, members))
    (members["banks"] / "data/stats.json").write_text("{not json", encoding="utf-8")
    portal = _prepare(tmp_path, members, now="2026-12-08T08:00:00Z")
    status = portal.statuses[0]
    assert status.stale and status.quarantine.kind == "malformed" and status.fetched_at == "2026-12-07T08:00:00Z"
    assert "上一份数据（已过时）" in status.message
    assert portal.agg.overall.campaigns == 10
    page = {p.src_uri: p for p in steps.pages(portal)}["members/banks/index.md"].html
    assert "已过时" in page and "北京时间 2026-12-07 16:00" in page
    steps.close(portal)


# ---------------------------------------------------------------- settings and open data


def test_settings_mistakes_name_the_field(tmp_path):
    config = read_config({"portal": {"members": [{"name": "甲", "url": "http://evil.example.cn/"},
                                                 {"name": "乙", "url": "https://b.example.cn/", "sha256": "abc"},
                                                 {"name": "丙", "url": "https://c.example.cn/", "colour": 1},
                                                 {"name": "丁", "url": "https://c.example.cn/ding/"}],
                                     "timeout": -1}}, tmp_path)
    text = "\n".join(config.problems)
    assert "第 1 项（甲）：url" in text and "https://" in text
    assert "第 2 项（乙）：sha256" in text
    assert "第 3 项（丙）：不认识的字段 colour" in text
    assert "第 4 项（丁）：url 和“丙”" in text  # one member's address inside another's
    assert "extra.portal.timeout" in text
    with pytest.raises(steps.ConfigError):
        steps.prepare({"portal": {"members": []}}, tmp_path)


def test_merged_open_data_is_a_valid_data_package_with_a_member_column(tmp_path, published):
    portal = _prepare(tmp_path, _members(tmp_path, published))
    site = tmp_path / "site"
    steps.write_data(portal, site, "https://portal.example.cn/")
    steps.close(portal)
    csv_text = (site / "data/campaigns.csv").read_text(encoding="utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("member,slug,url,") and len(lines) == 11
    assert sum(1 for line in lines[1:] if line.startswith("amr,")) == 3
    merged = json.loads((site / "data/campaigns.json").read_text(encoding="utf-8"))
    assert len(merged["campaigns"]) == 10 and {c["member"] for c in merged["campaigns"]} == set(GROUPS)
    for member_id, files in published.items():  # each record as the member's own campaigns.json has it, plus member
        own = json.loads(files["data/campaigns.json"])["campaigns"]
        mine = [{k: v for k, v in c.items() if k != "member"} for c in merged["campaigns"] if c["member"] == member_id]
        assert mine == own, member_id
    provenance = (site / "data/provenance.csv").read_text(encoding="utf-8-sig").splitlines()
    assert provenance[0] == "member,name,url,sha256,fetched_at,format_version,state,since,campaigns,problem"
    assert len(provenance) == 4 and all(",ok," in line and ",2.0.0," in line for line in provenance[1:])
    import jsonschema
    jsonschema.validate(merged, json.loads((site / "data/campaigns.schema.json").read_text(encoding="utf-8")))
    jsonschema.validate(json.loads((site / "data/stats.json").read_text(encoding="utf-8")),
                        json.loads((site / "data/stats.schema.json").read_text(encoding="utf-8")))
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_a_member_that_turns_hostile_after_a_good_build_is_checked_again(tmp_path, published):
    members = _members(tmp_path, published)
    steps.close(_prepare(tmp_path, members))
    unchanged = _prepare(tmp_path, members, now="2026-12-08T08:00:00Z")  # the same copies: known good
    assert not unchanged.quarantined and unchanged.agg.overall.campaigns == 10
    steps.close(unchanged)
    hostile = edit_csv(published["pboc"], lambda rows: _set(rows[0], "organization", "<b onmouseover=alert(1)>某行</b>"))
    write_member(members["pboc"], hostile)
    portal = _prepare(tmp_path, members, now="2026-12-09T08:00:00Z")
    assert [(s.member.id, s.quarantine.kind, s.stale) for s in portal.quarantined] == [("pboc", "markup", True)]
    assert portal.agg.by_member["pboc"].campaigns == 4  # the good copy of 2026-12-08
    steps.close(portal)


def test_engine_inserts_its_own_values_as_literals_quotes_and_all():
    """engine.insert_rows writes SQL literals (executemany was the build's top cost of our own): a quote
    in a cache path or an address stays text, a NUL (no literal can hold one) goes as a parameter."""
    import duckdb

    from xiaobao.portal.engine import insert_rows

    con = duckdb.connect()
    con.execute("CREATE TABLE t (a VARCHAR, b INTEGER, c VARCHAR)")
    rows = [("m'1", 1, "/cache/o'brien/good/data/campaigns.csv"), ("m2", 2, None), ("x'); DROP TABLE t; --", 3, "")]
    insert_rows(con, "t", rows)
    insert_rows(con, "t", [("nul\x00", 4, "z")])
    assert con.execute("SELECT a, b, c FROM t ORDER BY b").fetchall() == [*rows, ("nul\x00", 4, "z")]
