import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from xiaobao.campaigns.catalog import read_campaign
from xiaobao.importer import import_file, import_text
from xiaobao.importer.cleaning import clean
from xiaobao.importer.reading import decode, split_summaries
from xiaobao.importer.writer import figure_text, write_all

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEED = ROOT.parent / "shared" / "seed"
GOLD = ROOT.parent / "shared" / "eval" / "seed_gold.json"
SAMPLE = (FIXTURES / "t08_county_315.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_decode_detects_the_encodings_editors_use(encoding):
    assert decode(SAMPLE.encode(encoding)) == SAMPLE


def test_docx_is_read(tmp_path):
    import docx

    document = docx.Document()
    for paragraph in SAMPLE.split("\n"):
        document.add_paragraph(paragraph)
    path = tmp_path / "summary.docx"
    document.save(str(path))
    [campaign] = import_file(path)
    assert ("materials", 5000, "more_than") in [(m.metric, m.value, m.qualifier) for m in campaign.mentions]


def test_split_on_repeated_numbered_title_only():
    text = "总结合集\n\n某某工作总结1\n甲。\n案例1:\n乙。\n某某工作总结2\n丙。"
    parts = split_summaries(text)
    assert [p.heading for p in parts] == ["某某工作总结1", "某某工作总结2"]
    assert "案例1" in parts[0].text
    assert len(split_summaries("案例1:\n甲\n")) == 1


def test_clean_removes_web_debris():
    text = "2024-10-30 工作总结\n  下面是小编整理的总结，欢迎大家分享。\n 金融机构应履行的`责任，取得了良好的.活动效果，维护消费者的'权益。3.15活动\n• 相关推荐\n广告"
    assert clean(text) == "金融机构应履行的责任，取得了良好的活动效果，维护消费者的权益。3.15活动"


@pytest.mark.parametrize(
    "value, qualifier, written",
    [(509, "exact", 509), (7600, "more_than", "7600余"), (1000, "about", "约1000"), (100, "nearly", "近100"), (None, "undisclosed", "XX")],
)
def test_figure_text(value, qualifier, written):
    assert figure_text(value, qualifier) == written


def test_stated_total_wins_and_left_out_parts_are_named():
    [c] = import_text("全年共受理投诉102起，其中电话投诉81起，来信投诉21起。")
    assert c.stats["complaints"] == {"value": 102, "qualifier": "exact", "quote": "全年共受理投诉102起",
                                    "note": "采用合计数；“其中电话投诉81起”、“来信投诉21起”视为其中的部分或另一口径，未计入"}
    assert any("81起" in w and "未计入" in w for w in c.warnings)


def test_parts_are_summed_with_combined_qualifier():
    [c] = import_text("甲支行发放宣传资料300余份。乙支行发放宣传资料200份。")
    assert c.stats["materials"] == {"value": 500, "qualifier": "more_than", "quote": "支行发放宣传资料300余份",
                                   "note": "没有合计数，由 “支行发放宣传资料300余份”、“支行发放宣传资料200份” 相加"}


def test_placeholder_only_metric_is_undisclosed():
    [c] = import_text((FIXTURES / "t09_placeholders.txt").read_text(encoding="utf-8"))
    assert c.stats["enforcement_staff"] == {"value": None, "qualifier": "undisclosed", "quote": "共出动执法人员XX人次"}
    assert (c.stats["materials"]["value"], c.stats["materials"]["qualifier"]) == (2000, "more_than")
    assert "共出动执法人员XX人次" in c.as_json()["placeholders"]


def test_written_files_pass_the_catalog_and_are_not_overwritten(tmp_path):
    campaigns = [c for f in sorted(FIXTURES.glob("t*.txt")) for c in import_file(f)]
    written, refused = write_all(campaigns, tmp_path)
    assert len(written) == 10 and not refused
    for path in written:
        campaign, problems = read_campaign(path, path.name)
        assert not [p for p in problems if "near" not in str(p)], problems
        assert campaign is not None
    first = {p: p.read_text(encoding="utf-8") for p in written}
    written2, renamed = write_all(campaigns, tmp_path)
    assert len(written2) == 10 and len(renamed) == 10 and not set(written2) & set(written)
    assert {p: p.read_text(encoding="utf-8") for p in written} == first  # nothing overwritten
    other = tmp_path / "again"
    written3, _ = write_all(campaigns, other)
    assert [p.read_text(encoding="utf-8") for p in written3] == list(first.values())  # deterministic


def test_t02_file_carries_stats_and_review_notes(tmp_path):
    [c] = import_file(FIXTURES / "t02_market_regulator.txt")
    [path], _ = write_all([c], tmp_path)
    text = path.read_text(encoding="utf-8")
    assert path.parent.name == "2022"
    assert "  fines_yuan:\n    value: 192795\n    quote: " in text and '  materials:\n    value: "24000余"\n    quote: ' in text
    assert "# 待核对" not in text  # comments a form save would drop: the notes are data now
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["status"] == "draft" and "slug" not in meta  # the address follows the organisation until review
    assert meta["review"]["figures"] and all({"metric", "value", "quote"} <= set(f) for f in meta["review"]["figures"])
    assert any(f["metric"] == "fines_yuan" and f["value"] == "192795" for f in meta["review"]["figures"])


def test_fixture_figures_precision_and_recall():
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    predicted = gold = matched = 0
    for name, labels in expected.items():
        [c] = import_file(FIXTURES / name)
        unused = [tuple(x) for x in labels]
        for m in c.mentions:
            assert m.quote in c.text and m.quote
            hit = next((g for g in unused if g[:2] == (m.metric, m.value)), None)
            if hit:
                unused.remove(hit)
                matched += 1
        predicted += len(c.mentions)
        gold += len(labels)
    assert matched / predicted >= 0.9 and matched / gold >= 0.9


def test_cli_json_structure():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_summary.py"), "--json",
                          str(FIXTURES / "t10_bank_brief.txt")], capture_output=True, text=True, check=True)
    [c] = json.loads(out.stdout)["campaigns"]
    assert list(c) == ["title", "organization", "org_type", "region", "campaign", "start", "end", "topics",
                       "stats", "mentions", "placeholders", "warnings"]
    assert list(c["mentions"][0]) == ["metric", "label", "value", "qualifier", "quote", "reason"]
    assert all(m["reason"].startswith(("按", "数字前后", "只按")) for m in c["mentions"])
    assert c["stats"]["outlets"] == {"value": 5, "qualifier": "exact", "quote": "5个网点"}


@pytest.mark.skipif(not GOLD.exists(), reason="shared seed labels not present")
def test_seed_meets_the_quality_bar():
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_import import score

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    campaigns = [c for f in sorted(SEED.glob("*.txt")) for c in import_file(f)]
    assert len(campaigns) == len(gold) == 10
    predicted = sum(len(c.mentions) for c in campaigns)
    labelled = sum(len(g["stats"]) for g in gold)
    matched = sum(score([m.public() for m in c.mentions], g["stats"])[0] for c, g in zip(campaigns, gold))
    assert matched / predicted >= 0.95 and matched / labelled >= 0.95


def test_denominations_are_not_amounts_and_goods_value_is_not_a_fine():
    [c] = import_text("为群众调剂10元以下小面额人民币3.5万元，办理5元、10元面额零钞兑换。没收假冒商品货值2.3万元，罚款1.2万元。")
    found = {(m.metric, m.value) for m in c.mentions}
    assert ("value_yuan", 10) not in found and ("value_yuan", 5) not in found
    assert ("value_yuan", 35000) in found and ("value_yuan", 23000) in found and ("fines_yuan", 12000) in found


def test_a_space_before_the_unit_is_still_a_figure():
    [c] = import_text("2024 年全年受理投诉268 起，发放资料1200 份。")
    assert {(m.metric, m.value) for m in c.mentions} == {("complaints", 268), ("materials", 1200)}
    assert all(not m.quote[0].isdigit() or m.quote.startswith(("268", "1200")) for m in c.mentions)


def test_review_page_says_why_each_imported_figure_got_its_metric(tmp_path):
    """From report to review page: every figure the importer wrote carries the words its metric was chosen
    from, and the preview's review page shows them in plain Chinese beside the figure."""
    from xiaobao.campaigns.catalog import load_catalog
    from xiaobao.site.review import review_html

    text = ("3月15日，工商银行南通分行在文峰广场开展“3·15”金融消费者权益保护宣传活动。\n"
            "活动中，宣讲员为300多名投资者讲解防范非法集资知识，现场解答居民群众120余人次，发放宣传折页1500份。")
    [campaign] = import_text(text, "nantong.txt")
    written, _ = write_all([campaign], tmp_path / "campaigns")
    meta = yaml.safe_load(written[0].read_text(encoding="utf-8").split("---\n")[1])
    reasons = {f["metric"]: f.get("reason") for f in meta["review"]["figures"]}
    assert reasons == {"audience": "按‘投资者’算作受众", "consultations": "按‘解答群众’算作咨询",
                       "materials": "按‘宣传折页’算作宣传资料"}, reasons
    catalog = load_catalog(tmp_path / "campaigns", tmp_path)
    page = review_html(catalog.campaigns, tmp_path, "")
    assert "为什么算“受众”：按‘投资者’算作受众" in page
    assert "为什么算“咨询”：按‘解答群众’算作咨询" in page
