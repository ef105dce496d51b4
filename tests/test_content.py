"""The site's content: education pages and the ten seed campaigns stay well-formed and faithful.

These tests guard what editors change by hand: a topic page that loses its key points breaks the
branch screen, a campaign whose figure drifts from its quote misleads every total built on it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from xiaobao.campaigns.evidence import quote_in, read_figure
import yaml

from xiaobao.campaigns.figures import Figure


def _plain(raw: object, unit: str) -> Figure:
    """The number and its qualifier, without the evidence: what the hand checks compare."""
    figure = read_figure(raw, unit)
    return Figure(figure.value, figure.qualifier)
from xiaobao.campaigns.frontmatter import parse
from xiaobao.campaigns.schema import validate
from xiaobao.outputs.screen import key_points
from xiaobao.site.sources import read_sources, sources_markdown
from xiaobao.campaigns.vocab import METRICS, TOPICS

REPO = Path(__file__).resolve().parent.parent
TOPIC_DIR = REPO / "docs" / "topics"
CAMPAIGN_DIR = REPO / "campaigns"
HAN = re.compile(r"[\u4e00-\u9fff]")

# Each education page must contain the words readers search for (issue 2, Chinese search).
TOPIC_TERMS: dict[str, list[str]] = {
    "anti-counterfeit": ["反假货币", "反假币", "残缺污损人民币兑换办法"],
    "credit-reporting": ["征信", "信用报告", "异议"],
    "fraud-prevention": ["电信网络诈骗", "电信诈骗", "96110", "110", "老年"],
    "illegal-fundraising": ["非法集资", "老年", "第二十五条"],
    "consumer-law": ["消费者权益保护法", "新消法", "第五十五条", "老年"],
    "complaint-handling": ["投诉", "12315", "12378", "12363", "12386", "消费者权益保护法"],
}

# Seed summary number -> slug of its campaign file.
SEED_SLUGS: dict[int, str] = {
    1: "icbc-nantong-315",
    2: "boc-shanghai-315",
    3: "zhengxing-liquor-quality",
    4: "pboc-bengbu-county-baicun",
    5: "county-amr-food-safety",
    6: "xx-bank-branch-consumer-protection",
    7: "bosc-service-month",
    8: "pingnan-amr-315",
    9: "suining-bank-consumer-protection",
    10: "xx-bank-branch-consumer-protection-b",
}


def _split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    _, head, body = text.split("---", 2)
    return yaml.safe_load(head), body


def _section(body: str, heading: str) -> str:
    """The text under `## heading` up to the next level-2 heading."""
    match = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", body, re.M | re.S)
    assert match, f"missing section ## {heading}"
    return match.group(1)


# --- education pages -------------------------------------------------------------------------


@pytest.fixture(params=sorted(TOPIC_TERMS), ids=str)
def topic_page(request) -> tuple[str, dict, str]:
    key = request.param
    path = TOPIC_DIR / f"{key}.md"
    assert path.exists(), f"docs/topics/{key}.md is missing"
    meta, body = _split(path)
    return key, meta, body


def test_topic_front_matter(topic_page):
    key, meta, _ = topic_page
    assert meta["topic"] == key and key in TOPICS
    assert meta["title"] and HAN.search(meta["title"])
    assert meta["description"] and "\n" not in meta["description"].strip()
    reviewed = meta["reviewed"]
    reviewed = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(str(reviewed))
    assert dt.date(2020, 1, 1) < reviewed <= dt.date(2030, 1, 1)
    assert len(meta["sources"]) >= 1
    for source in meta["sources"]:
        assert source["title"] and source["publisher"], source
        assert not source.get("url") or source["url"].startswith("https://") or source["url"].startswith("http://")


def test_topic_key_points_fit_the_branch_screen(topic_page):
    """3 to 5 short bullets: the screen shows one at a time in very large type."""
    _, _, body = topic_page
    points = key_points(body)
    assert 3 <= len(points) <= 5, points
    assert all(len(p) <= 30 for p in points), [p for p in points if len(p) > 30]
    assert body.index("## 记住这几点") < body.index("\n## ", body.index("## 记住这几点") + 1)
    assert body.index("## 记住这几点") < len(body) // 3, "key points belong near the top"


def test_topic_sources_and_review_line(topic_page):
    """One list: the page's 资料来源 and review line are built from front matter, never written by hand."""
    _, meta, body = topic_page
    assert "## 资料来源" not in body and "最后核对" not in body
    found, problems = read_sources(meta["sources"])
    assert not problems and len(found) == len(meta["sources"])
    reviewed = meta["reviewed"]
    reviewed = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(str(reviewed))
    section = sources_markdown(found, reviewed)
    for source in meta["sources"]:
        book = re.search(r"《[^》]+》", source["title"])
        if book:
            assert book.group(0) in section, f"{book.group(0)} is in front matter but not in 资料来源"
    assert f"最后核对：{reviewed.year}年{reviewed.month}月{reviewed.day}日" in section


def test_topic_text_is_plain_and_local(topic_page):
    """No raw HTML and no pictures from elsewhere: the site loads nothing from other hosts."""
    _, _, body = topic_page
    without_autolinks = re.sub(r"<https?://[^>\s]+>", "", body)
    assert not re.search(r"</?[a-zA-Z][^>]*>", without_autolinks)
    assert "![" not in body
    # The credit bureau's query site is named as text, never linked or loaded.
    assert "](https://ipcrs" not in body and "<https://ipcrs" not in body


def test_topic_length_and_search_terms(topic_page):
    key, _, body = topic_page
    han = len(HAN.findall(body))
    assert 600 <= han <= 1500, f"{key}: {han} Chinese characters"
    for term in TOPIC_TERMS[key]:
        assert term in body, f"{key}: search term {term} missing"


def test_topic_facts_we_verified():
    """Figures a careless edit could change; each one checked against the law or notice cited."""
    text = {k: (TOPIC_DIR / f"{k}.md").read_text(encoding="utf-8") for k in TOPIC_TERMS}
    assert "两次免费获取本人信用报告" in text["credit-reporting"] and "第十七条" in text["credit-reporting"]
    assert "是5年" in text["credit-reporting"] and "第十六条" in text["credit-reporting"]
    assert "ipcrs.pbccrc.org.cn" in text["credit-reporting"]  # named as text (see test above)
    assert "20日内" in text["credit-reporting"] and "第二十五条" in text["credit-reporting"]
    assert "2022年12月1日起施行" in text["fraud-prevention"]
    assert "2021年5月1日起施行" in text["illegal-fundraising"] and "国务院令第737号" in text["illegal-fundraising"]
    assert "由集资参与人自行承担" in text["illegal-fundraising"]
    assert "2014年3月15日起施行" in text["consumer-law"] and "不足五百元的，按五百元赔" in text["consumer-law"]
    assert "七日内" in text["consumer-law"] and "第二十五条" in text["consumer-law"]
    # Appraisal: within 3 working days of 收缴, free, result in 15 working days (令〔2019〕第3号).
    assert "3个工作日内" in text["anti-counterfeit"] and "15个工作日内" in text["anti-counterfeit"]
    # The 2003 exchange rules were replaced by 令〔2026〕第2号: no thresholds quoted from the old text.
    assert "第四条" not in text["anti-counterfeit"] and "〔2026〕第2号" in text["anti-counterfeit"]
    # Complaints about a bank go to NFRA since the 2024 joint announcement, not to 12363.
    assert "12378" in text["anti-counterfeit"] and "12363" not in text["anti-counterfeit"]
    # The one-time credit repair: its three conditions, and that it has ended.
    for fact in ("2020年1月1日到2025年12月31日", "不超过1万元", "2026年3月31日前", "已经结束"):
        assert fact in text["credit-reporting"], fact
    assert "第二十六条" in text["credit-reporting"] and "400-810-8866" in text["credit-reporting"]
    # The 7 working days of 消法 Art. 46 are for telling you how it will be handled, not for finishing.
    assert "7个工作日内告诉您怎么处理" in text["complaint-handling"].replace("\n", "")
    assert "15日内" in text["complaint-handling"] and "再延长30日" in text["complaint-handling"]
    assert "实施条例" in text["consumer-law"] and "实体店" in text["consumer-law"]
    assert "打开包装" in text["consumer-law"] and "七日内把钱退给您" in text["consumer-law"]
    assert "银行的客服电话" in text["fraud-prevention"] and "12381" in text["fraud-prevention"]
    assert "牵头部门" not in text["illegal-fundraising"] and "金融许可证" in text["illegal-fundraising"]


def test_about_page():
    meta, body = _split(REPO / "docs" / "about.md")
    assert meta["title"] == "关于本站"
    assert "不统计访客" in body and "不会从其他网站加载" in body


# --- campaigns -------------------------------------------------------------------------------


def _campaign_files() -> dict[str, Path]:
    return {p.stem: p for p in CAMPAIGN_DIR.glob("*/*.md")}


def test_all_ten_seed_campaigns_exist_once():
    files = _campaign_files()
    for number, slug in SEED_SLUGS.items():
        assert slug in files, f"summary {number}: campaigns/*/{slug}.md missing"
        meta, _ = _split(files[slug])
        assert f"消费者权益保护工作总结{number}）" in meta["source"]


@pytest.mark.parametrize("slug", sorted(SEED_SLUGS.values()))
def test_seed_campaign_is_valid(slug):
    path = _campaign_files()[slug]
    rel = path.relative_to(REPO).as_posix()
    campaign, problems = validate(parse(path.read_text(encoding="utf-8")), rel, slug)
    assert not problems, [str(p) for p in problems]
    assert campaign is not None and campaign.slug == slug
    # Every year in the seed is written "20xx": no date may be invented.
    assert campaign.start is None and campaign.end is None
    assert path.parent.name == "undated"
    for metric, figure in campaign.stats.items():
        assert metric in METRICS
        assert figure.value is None or figure.value > 0


@pytest.mark.parametrize("slug", sorted(SEED_SLUGS.values()))
def test_seed_campaign_figures_parse_and_cite_their_quote(slug):
    """Every seed figure carries its evidence as data: a quote found in the body (and no comment left)."""
    text = _campaign_files()[slug].read_text(encoding="utf-8")
    meta, body = _split(_campaign_files()[slug])
    for metric, raw in (meta.get("stats") or {}).items():
        figure = read_figure(raw, METRICS[metric].unit)
        assert figure.quote and quote_in(figure.quote, body), f"{slug}: stats.{metric} has no quote from the body"
    stats_block = text.split("\nstats:", 1)[-1].split("\n---", 1)[0]
    assert not re.search(r"^  [a-z_]+:.*  # ", stats_block, re.M), f"{slug}: a figure evidence is still a comment"


@pytest.mark.parametrize("slug", sorted(SEED_SLUGS.values()))
def test_seed_campaign_body_is_clean(slug):
    _, body = _split(_campaign_files()[slug])
    for debris in ("`", "应届毕业生", "相关推荐", "下面是小编", "欢迎继续访问"):
        assert debris not in body, f"{slug}: web-copy debris {debris!r}"
    assert re.search(r"[\u4e00-\u9fff]'[\u4e00-\u9fff]", body) is None


def test_near_duplicate_pair_is_acknowledged():
    first, _ = _split(_campaign_files()[SEED_SLUGS[6]])
    second, _ = _split(_campaign_files()[SEED_SLUGS[10]])
    assert "near_duplicate_of" not in first
    assert second["near_duplicate_of"] == SEED_SLUGS[6]


def test_placeholders_stay_undisclosed():
    """Summary 5 hides its figures as XX: they must never count as 0 or as a number."""
    meta, _ = _split(_campaign_files()[SEED_SLUGS[5]])
    stats = {k: _plain(v, METRICS[k].unit) for k, v in meta["stats"].items()}
    assert stats.pop("media") == Figure(2, "exact")  # 及时发布消费警示2次: the one real figure
    assert stats and all(not f.disclosed for f in stats.values())


# Three campaigns checked figure by figure: (metric, expected figure, quotes it rests on, why).
CHECKED: dict[str, list[tuple[str, Figure, list[str], str]]] = {
    SEED_SLUGS[1]: [
        ("materials", Figure(7600, "more_than"), ["宣传折页7600余份", "知识介绍资料60余份"],
         "7600余 is the whole period's total; the 60余 handed out at one event is inside it, not added"),
        ("staff", Figure(509, "exact"), ["参与员工509人次", "12名义务宣传员"],
         "509 counts all staff; the 12 volunteers are part of it, PBOC's two experts are not bank staff"),
        ("outlets", Figure(115, "exact"), ["115个网点", "行政中心四个网点"], "the four outlets are among the 115"),
        ("audience", Figure(3900, "more_than"), ["受众对象3900余人"], "single figure"),
    ],
    SEED_SLUGS[7]: [
        ("materials", Figure(100000, "more_than"), ["宣传资料十万余份", "发放各类资料5000多份"],
         "month total wins over the focus day's 5000多"),
        ("audience", Figure(100000, "exact"), ["受众客户群达到十万人次", "接待客户6000余人"],
         "month total wins over the focus day's 6000余"),
        ("staff", Figure(1000, "about"), ["参与员工数约1000余人"], "约…余: the prefix 约 wins"),
        ("events", Figure(200, "more_than"), ["超过200次"], "single figure"),
    ],
    SEED_SLUGS[9]: [
        ("complaints", Figure(102, "exact"), ["总计受理投诉事件102起", "转投诉81起", "总行营业部45起"],
         "the stated 总计 wins; 81/17/4 and 45/11/… are breakdowns of the same 102"),
        ("media", Figure(19, "exact"), ["发布消保信息4次", "发布消保信息累计15次"],
         "website 4 and social media 15 are distinct channels: summed"),
        ("materials", Figure(30000, "exact"), ["3万册"], "single figure"),
    ],
}


@pytest.mark.parametrize("slug", sorted(CHECKED))
def test_checked_campaign_figures(slug):
    meta, body = _split(_campaign_files()[slug])
    flat_body = re.sub(r"\s+", "", body)
    for metric, expected, quotes, why in CHECKED[slug]:
        assert _plain(meta["stats"][metric], METRICS[metric].unit) == expected, f"{slug} {metric}: {why}"
        for quote in quotes:
            assert quote in flat_body, f"{slug}: quote {quote!r} not in the summary text"
