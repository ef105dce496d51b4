"""Drafts stay out of the public build; the preview shows problems in the browser and lists drafts."""

import json
import time

import pytest

from samples import CAMPAIGN, DRAFT
from sitebuild import build, get, make_tree, serving

pytestmark = pytest.mark.build


def test_draft_stays_out_of_the_public_build_and_open_data(good_site):
    """good_site holds DRAFT beside the published files (tests/conftest.py)."""
    result = good_site
    assert (result.site / "campaigns/icbc-nantong-315/index.html").exists()
    assert not (result.site / "campaigns/draft-bank-315").exists()
    assert not (result.site / "review").exists()
    for path in result.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml", ".txt"}:
            assert "draft-bank-315" not in path.read_text(encoding="utf-8", errors="replace"), path
    data = json.loads((result.site / "data/campaigns.json").read_text(encoding="utf-8"))
    assert "draft-bank-315" not in json.dumps(data)


def test_published_file_with_review_marks_fails_the_build(tmp_path):
    published = DRAFT.replace("status: draft\n", "")
    root = make_tree(tmp_path, {"campaigns/2024/draft-bank-315.md": published})
    result = build(root)
    assert result.returncode != 0
    assert "campaigns/2024/draft-bank-315.md: status（第 2 行）：文件还带着导入时的“待核对”注释（共 3 行）" in result.output


def test_preview_shows_problems_reloads_after_fix_and_lists_drafts(tmp_path):
    root = make_tree(tmp_path, {"campaigns/2024/icbc-nantong-315.md": CAMPAIGN, "campaigns/2024/draft-bank-315.md": DRAFT})
    path = root / "campaigns/2024/icbc-nantong-315.md"
    path.write_text(CAMPAIGN.lstrip().replace("org_type: bank", "org_type：bank").replace("region: ", "region:"), encoding="utf-8")
    with serving(root, "", expect="处要改", seconds=120) as url:
        page = get(url)
        assert "campaigns/2024/icbc-nantong-315.md" in page and "中文冒号" in page and "少了一个空格" in page
        assert "livereload" in page  # the preview server's reload script: the page refreshes itself
        assert "处要改" in get(url + "campaigns/draft-bank-315/")  # every page, not just the home page
        path.write_text(CAMPAIGN.lstrip().replace("org_type: bank", "org_type: 银行"), encoding="utf-8")
        deadline = time.time() + 60
        while "处要改" in get(url):
            assert time.time() < deadline, (root / "serve.log").read_text()
            time.sleep(0.3)
        assert "工商银行南通分行" in get(url + "campaigns/icbc-nantong-315/")
        review = get(url + "review/")
        assert "草稿银行的宣传" in review and "campaigns/2024/draft-bank-315.md" in review
        assert '<mark id="q-0-0">各网点设立咨询台</mark>' in review
        assert "没有找到活动名称" in review
        assert "工商银行南通分行“3·15”宣传" not in review  # published files are not drafts
        assert "草稿：还没有核对" in get(url + "campaigns/draft-bank-315/")
    log = (root / "serve.log").read_text(encoding="utf-8")
    assert "dirty" not in log and "Building documentation" not in log and "Serving on" not in log, log


def test_preview_shows_broken_links_and_recovers(tmp_path):
    root = make_tree(tmp_path, {"campaigns/2024/icbc-nantong-315.md": CAMPAIGN})
    about = root / "docs/about.md"
    good = about.read_text(encoding="utf-8")
    about.write_text(good + "\n见[旧页面](no-such-page.md)。\n", encoding="utf-8")
    with serving(root, "", expect="改好之前网站不会更新", seconds=120) as url:
        page = get(url + "topics/credit-reporting/")
        assert "about/index.html（docs/about.md）" in page and "no-such-page" in page
        about.write_text(good, encoding="utf-8")
        deadline = time.time() + 60
        while "改好之前网站不会更新" in get(url + "topics/credit-reporting/"):
            assert time.time() < deadline, (root / "serve.log").read_text()
            time.sleep(0.3)
        assert "信用报告" in get(url + "topics/credit-reporting/")
