"""Whole builds of a throw-away site: the pages, data files and error messages editors and readers get."""

import csv
import io
import json
import re
import textwrap

import pytest

from samples import CAMPAIGN
from sitebuild import build, make_tree

pytestmark = pytest.mark.build

def test_campaign_page_has_card_topics_and_source_text(good_site):
    html = good_site.page("campaigns/icbc-nantong-315")
    assert '<html lang="zh-CN"' in html
    assert "7,600 余份" in html and "约 3,900 人次" in html and "未披露" in html
    assert 'href="../../topics/credit-reporting/"' in html
    assert "总结原文" in html and "各网点设立咨询台" in html
    assert 'href="../../orgs/' in html and 'href="../../years/2024/"' in html


def test_campaign_pages_stay_out_of_navigation(good_site):
    home = (good_site.site / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S).group(0)
    assert "icbc-nantong-315" not in nav


def test_index_pages(good_site):
    listing = good_site.page("campaigns")
    assert listing.index("icbc-nantong-315") < listing.index("county-amr")  # dated first, newest first
    assert "工商银行南通分行" in good_site.page("years/2024")
    assert "某县市场监督管理局" in good_site.page("years/unknown")
    assert "工商银行南通分行" in good_site.page("org-types/bank")
    assert "江苏" in good_site.page("regions") and "地区未注明" in good_site.page("regions")
    topic = good_site.page("topics/credit-reporting")
    assert "相关宣传活动" in topic and "工商银行南通分行" in topic
    assert "某县市场监督管理局" in good_site.page("topics/food-safety")  # topic without an education page
    orgs = good_site.page("orgs")
    assert "工商银行南通分行" in orgs and "某县市场监督管理局" in orgs


def test_totals_say_they_are_approximate(good_site):
    stats = good_site.page("stats")
    assert "8,100 余份" in stats  # 7600余 + 500
    assert "实际不少于此数" in stats
    assert "另有 1 场活动未披露" in stats  # complaints XX
    home = (good_site.site / "index.html").read_text(encoding="utf-8")
    assert "8,100 余份" in home and "本站收录了 <strong>2</strong> 场宣传活动" in home


def test_open_data_files(good_site):
    data = json.loads((good_site.site / "data/campaigns.json").read_text(encoding="utf-8"))
    slugs = [c["slug"] for c in data["campaigns"]]
    assert slugs == ["icbc-nantong-315", "county-amr"]
    assert data["campaigns"][0]["stats"]["materials"] == {"value": 7600, "qualifier": "more_than", "quote": None, "note": None}
    assert data["campaigns"][0]["url"].endswith("/campaigns/icbc-nantong-315/")
    stats = json.loads((good_site.site / "data/stats.json").read_text(encoding="utf-8"))
    assert stats["overall"]["materials"] == {"value": 8100, "qualifier": "more_than", "campaigns": 2, "undisclosed": 0}
    assert stats["overall"]["complaints"] == {"value": 120, "qualifier": "exact", "campaigns": 1, "undisclosed": 1}
    raw = (good_site.site / "data/campaigns.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["organization"] == "工商银行南通分行"


def test_editors_guide_is_generated_from_the_schema(good_site):
    from xiaobao.campaigns.schema import FIELDS
    from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS

    guide = good_site.page("guide")
    for key in [*FIELDS, *METRICS, *TOPICS, *ORG_TYPES]:
        assert f"<code>{key}</code>" in guide, key


def test_broken_campaign_fails_with_editor_message_and_no_site(tmp_path):
    bad = CAMPAIGN.replace("materials: 7600余", "materials: 七千六").replace("org_type: bank", "org_type: banks")
    root = make_tree(tmp_path, {"campaigns/2024/nantong-315.md": bad, "campaigns/2024/other.md": "---\ntitle: [\n---\n正文\n"})
    result = build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "活动总结有 3 处问题，网站没有生成" in result.output
    assert "campaigns/2024/nantong-315.md: stats.materials（第 15 行）：“七千六”读法不唯一" in result.output
    assert "campaigns/2024/nantong-315.md: org_type（第 4 行）：“banks”不是单位类型。是不是想写 bank？" in result.output
    assert "campaigns/2024/other.md（第 3 行）：前置信息的 YAML 格式有误" in result.output
    assert not (root / "site").exists()


def test_near_duplicates_fail_a_strict_build_before_anything_is_written(tmp_path):
    """Near-duplicate bodies are checked with the rest of the catalog; under --strict they stop the build."""
    copy = CAMPAIGN.replace("slug: icbc-nantong-315\nredirects: [nantong-2024]\n", "slug: icbc-copy\n")
    root = make_tree(tmp_path, {"campaigns/2024/a.md": CAMPAIGN, "campaigns/2024/b.md": copy})
    result = build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert ("活动总结有 1 处问题，网站没有生成。请逐条改正：\n  campaigns/2024/b.md：正文与 campaigns/2024/a.md 有 100% 相同，"
            "可能是同一篇总结。若确是两次活动，请在其中一篇写 near_duplicate_of: icbc-nantong-315；否则删去一篇") in result.output
    assert not (root / "site").exists() or not any((root / "site").iterdir())
    (root / "campaigns/2024/b.md").write_text(textwrap.dedent(copy.replace("slug: icbc-copy", "slug: icbc-copy\nnear_duplicate_of: icbc-nantong-315")).lstrip("\n"), encoding="utf-8")
    assert build(root).returncode == 0


def test_old_campaign_slug_redirects_to_the_new_page(good_site):
    old = (good_site.site / "campaigns/nantong-2024/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in old and "icbc-nantong-315" in old


def test_later_listing_pages_stay_out_of_search(standards_site):
    """Page 2… of a listing repeats page 1's title and holds only rows: noindex for every search.
    The standards site holds more campaigns than one listing page shows (tests/checkers.py)."""
    import json

    second = (standards_site / "campaigns/page/2/index.html").read_text(encoding="utf-8")
    first = (standards_site / "campaigns/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, follow">' in second and 'name="robots"' not in first
    indexed = {json.loads(p.read_text(encoding="utf-8"))["u"] for p in (standards_site / "search").rglob("b/*/*.json")}
    assert "campaigns/" in indexed and not any("/page/" in url for url in indexed)


def test_editors_pages_are_out_of_the_readers_menu_and_search(good_site):
    home = good_site.page("")
    assert 'href="guide/"' not in home and 'href="performance/"' not in home  # not in the readers' menu
    assert "编辑与运维" in good_site.page("editors") and 'href="../guide/"' in good_site.page("editors")
    assert 'href="../performance/"' in good_site.page("editors")
    assert "make import" in good_site.page("guide")  # /guide/ keeps its address
    index = "".join(p.read_text(encoding="utf-8") for p in (good_site.site / "search").rglob("*.json"))
    assert "about/" in index and "guide/" not in index and "performance/" not in index and "editors/" not in index
    assert not (good_site.site / "review").exists()  # the review page is for the preview only


def test_editors_page_lists_every_source_still_without_a_link(good_site):
    """Issue 13: sources without a link to the document's own page stay in view until filled."""
    from xiaobao.site.audience import front_matter
    from xiaobao.site.sources import read_sources

    page = good_site.page("editors")
    section = page.split('id="xb-missing-links"', 1)[1]
    unlinked, linked = [], []
    for path in sorted((good_site.site.parent / "docs" / "topics").glob("*.md")):
        sources, _ = read_sources(front_matter(path).get("sources"))
        unlinked += [s.title for s in sources if not s.url]
        linked += [s.title for s in sources if s.url]
    assert unlinked, "the repository's pages should have unlinked sources (else nothing is tested)"
    for title in unlinked:
        assert title.replace("“", "&ldquo;") in section or title in section, title
    for title in set(linked) - set(unlinked):
        assert title not in section, title
