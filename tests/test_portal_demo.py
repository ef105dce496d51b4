"""make portal-demo: three real member sites and a portal over them, built with `mkdocs build --strict`.

The portal's totals must equal the sum of the members' own stats.json, approximation flags
included; every link from a portal listing to a campaign must reach that campaign's page on its
member's site; the portal's search must hold every member's campaigns, linking to their pages.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from portaldemo import portal_demo
from xiaobao.portal.engine import combine_totals
from xiaobao.site.aggregate import Total

pytestmark = pytest.mark.build
MEMBERS = ("banks", "amr", "pboc")
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def demo() -> tuple[Path, int]:
    return portal_demo()


def _table(raw: dict) -> dict[str, Total]:
    return {m: Total(t["value"], t["qualifier"], t["campaigns"], t["undisclosed"]) for m, t in raw.items()}


def _as_dict(table: dict[str, Total]) -> dict:
    return {m: t.as_dict() for m, t in table.items()}


def test_portal_totals_equal_the_members_stats_json_flags_included(demo):
    out, _ = demo
    portal = json.loads((out / "portal/data/stats.json").read_text(encoding="utf-8"))
    members = [json.loads((out / "sites" / m / "data/stats.json").read_text(encoding="utf-8")) for m in MEMBERS]
    assert portal["campaigns"] == sum(m["campaigns"] for m in members) > 20
    assert portal["overall"] == _as_dict(combine_totals(_table(m["overall"]) for m in members))
    qualifiers = {t["qualifier"] for t in portal["overall"].values()}
    assert {"about", "more_than"} <= qualifiers  # approximations stay approximations
    for key in ("by_year", "by_topic", "by_org_type", "by_region"):
        for group, got in portal[key].items():
            parts = [m[key][group] for m in members if group in m[key]]
            assert got["campaigns"] == sum(p["campaigns"] for p in parts), (key, group)
            assert got["totals"] == _as_dict(combine_totals(_table(p["totals"]) for p in parts)), (key, group)
    by_member = json.loads((out / "portal/data/portal.json").read_text(encoding="utf-8"))["by_member"]
    for member_id, stats in zip(MEMBERS, members):
        assert by_member[member_id]["totals"] == stats["overall"]


def _page_for(out: Path, port: int, url: str) -> Path | None:
    """The member page a portal link points to, in the demo folder, or None if it is not a member page."""
    prefix = f"http://127.0.0.1:{port}/sites/"
    if not url.startswith(prefix):
        return None
    return out / "sites" / url[len(prefix):].split("#")[0] / "index.html"


def test_every_listing_link_reaches_a_member_campaign_page(demo):
    out, port = demo
    seen: dict[str, int] = {}
    pages = [p for p in (out / "portal").rglob("index.html") if not p.is_relative_to(out / "portal/print")]
    for page in pages:
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            url = unescape(href)
            target = _page_for(out, port, url)
            if target is None or "/campaigns/" not in url:
                continue
            assert target.is_file(), f"{page.relative_to(out)} links to {url}, which the member site does not have"
            member = url.split("/sites/")[1].split("/")[0]
            seen[member] = seen.get(member, 0) + 1
    assert set(seen) == set(MEMBERS)
    listing = (out / "portal/members/amr/index.html").read_text(encoding="utf-8")
    stats = json.loads((out / "sites/amr/data/stats.json").read_text(encoding="utf-8"))
    assert listing.count('class="xb-campaign-title"') == stats["campaigns"]  # every campaign of a small member listed


def test_portal_search_holds_every_members_campaigns(demo):
    out, port = demo
    urls = [json.loads(p.read_text(encoding="utf-8"))["u"] for p in (out / "portal/search").rglob("b/*/*.json")]
    for member in MEMBERS:
        campaigns = json.loads((out / "sites" / member / "data/stats.json").read_text(encoding="utf-8"))["campaigns"]
        found = [u for u in urls if u.startswith(f"http://127.0.0.1:{port}/sites/{member}/campaigns/")]
        assert len(set(found)) == campaigns, member
        assert all(_page_for(out, port, u).is_file() for u in found)


def test_provenance_names_each_member_with_its_fingerprint(demo):
    out, port = demo
    lines = (out / "portal/data/provenance.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + len(MEMBERS)
    for member, line in zip(MEMBERS, lines[1:]):
        cells = line.split(",")
        assert cells[0] == member and cells[2] == f"http://127.0.0.1:{port}/sites/{member}/"
        assert re.fullmatch(r"[0-9a-f]{64}", cells[3]) and cells[5] == "2.0.0" and cells[6] == "ok"
        assert cells[7] == "" and cells[9] == ""  # no failure, no problem: empty, not an apostrophe


def test_feed_lists_the_newest_campaigns_with_their_member_pages(demo):
    out, port = demo
    feed = (out / "portal/feed.xml").read_text(encoding="utf-8")
    links = re.findall(r'<link href="([^"]+)"', feed)
    member_links = [u for u in links if "/sites/" in u]
    assert len({u.split("/sites/")[1].split("/")[0] for u in member_links}) >= 2
    assert all(_page_for(out, port, u).is_file() for u in member_links)


def test_a_mistake_in_the_portal_settings_stops_the_build_with_a_message(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from portal_demo import portal_project
    from sitebuild import build

    portal_project(tmp_path / "portal", "https://portal.example.cn/", [("a", "甲", "http://a.example.cn/", "")])
    result = build(tmp_path / "portal", quiet=False)
    assert result.returncode != 0
    assert "第 1 项（甲）：url" in result.output and "https://" in result.output
    assert "Traceback" not in result.output


def test_branch_outputs_qr_codes_leaflets_and_the_screen(demo):
    """What branches print and show works on a portal too: a QR code per member page, leaflets of the
    education pages without the members' campaign listing, the TV screen with the topics."""
    out, port = demo
    portal = out / "portal"
    assert all((portal / f"qr/members/{m}.svg").is_file() for m in MEMBERS)
    topic = (portal / "topics/fraud-prevention/index.html").read_text(encoding="utf-8")
    leaflet = (portal / "print/fraud-prevention/index.html").read_text(encoding="utf-8")
    member_link = f'href="http://127.0.0.1:{port}/sites/'
    assert member_link in topic and member_link not in leaflet  # the members' campaigns stay off paper
    assert "防范电信网络诈骗" in (portal / "screen/index.html").read_text(encoding="utf-8")
