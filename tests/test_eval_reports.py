"""The report corpus (tests/fixtures/reports: dev, sealed test, test2 to test8) and the scorer `make eval` runs."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, QUALIFIERS, TOPICS
from xiaobao.evaluation.corpus import HASH_SIDE, SEALED, SPLITS, load_split, site_of, split_for_new_report, split_of
from xiaobao.evaluation.divisions import drop_province, is_division, same_region
from xiaobao.evaluation.reportscore import ReportScore, match_figures, normal_name

REPORTS = Path(__file__).parent / "fixtures" / "reports"
SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture(scope="module")
def corpus() -> dict[str, list]:
    return {split: load_split(REPORTS, split) for split in SPLITS}


def test_corpus_size_and_sealed_splits(corpus):
    labels = [r.label for split in SPLITS for r in corpus[split]]
    assert len(labels) >= 280 and len(corpus["test"]) >= 45 and len(corpus["test2"]) >= 45
    assert len(corpus["test3"]) >= 40 and len(corpus["test4"]) >= 50 and len(corpus["test5"]) >= 30
    assert len(corpus["test6"]) >= 20 and len(corpus["test7"]) >= 40 and len(corpus["test8"]) >= 40
    sites = {split: {r.label["site"] for r in corpus[split]} for split in SPLITS}
    sealed = set().union(*(sites[split] for split in SEALED))
    assert len(sites["dev"] | sealed) >= 100
    assert not sites["dev"] & sealed, "a site in dev and a sealed split leaks the sealed set"
    assert len({label["url"] for label in labels}) == len(labels)
    assert len({label["id"] for label in labels}) == len(labels)
    texts = [r.text for split in SPLITS for r in corpus[split]]
    assert len({text[:40] for text in texts}) == len(texts), "a report copied on two sites counts once"


def test_split_is_the_recorded_rule(corpus):
    for split in SPLITS:
        for report in corpus[split]:
            assert site_of(report.label["url"]) == report.label["site"]
            assert split_of(report.label["url"]) == HASH_SIDE[split], report.label["id"]


def test_each_sealed_split_was_gathered_in_its_own_round_and_closed_after_it(corpus):
    number = lambda report: int(report.label["id"][1:])  # noqa: E731
    assert max(number(r) for r in corpus["test"]) < min(number(r) for r in corpus["test2"])
    assert max(number(r) for r in corpus["test2"]) < min(number(r) for r in corpus["test3"])
    assert max(number(r) for r in corpus["test3"]) < min(number(r) for r in corpus["test4"])
    assert max(number(r) for r in corpus["test4"]) < min(number(r) for r in corpus["test5"])
    assert max(number(r) for r in corpus["test5"]) < min(number(r) for r in corpus["test6"])
    assert max(number(r) for r in corpus["test6"]) < min(number(r) for r in corpus["test7"])
    assert max(number(r) for r in corpus["test7"]) < min(number(r) for r in corpus["test8"])
    first_test3 = min(number(r) for r in corpus["test3"])
    assert not [r for r in corpus["dev"] if number(r) > first_test3], "the rounds after the second added nothing to dev"
    for split in SPLITS:
        for report in corpus[split]:
            assert split_for_new_report(report.label["url"], number(report)) == split, report.label["id"]


@pytest.mark.parametrize("late", ["test4", "test5", "test6", "test7", "test8"])
def test_late_round_reports_are_new_to_the_corpus(corpus, late):
    """test4 to test8 were gathered while the importer was tuned on the other splits: none of their pages, and no
    stretch of their texts (opening, a snippet near the start, ending), is in another split, so no tuner has seen it."""
    others = [r for split in SPLITS if split != late for r in corpus[split]]
    urls = {r.label["url"].rstrip("/") for r in others}
    for report in corpus[late]:
        assert report.label["url"].rstrip("/") not in urls, report.label["id"]
        body = report.text.strip()
        for probe in (body[:40], body[60:100], body[-30:]):
            assert len(probe) < 20 or not any(probe in r.text for r in others), (report.label["id"], probe)


@pytest.mark.parametrize("late", ["test7", "test8"])
def test_late_rounds_share_no_stretch_of_text_with_any_other_report(corpus, late):
    """test7 and test8 were checked more strictly than the openings above: a 25-character stretch every 150 characters
    of each report is in no report of another split and in no other report of its own split (copies count once)."""
    others = [r for split in SPLITS if split != late for r in corpus[split]]
    for report in corpus[late]:
        body = report.text.strip()
        rest = others + [r for r in corpus[late] if r is not report]
        for start in range(0, len(body), 150):
            probe = body[start:start + 25]
            assert len(probe) < 20 or not any(probe in r.text for r in rest), (report.label["id"], probe)


@pytest.mark.parametrize("late", ["test5", "test6", "test7", "test8"])
def test_late_round_reports_are_not_the_metadata_or_import_fixtures(corpus, late):
    """test5's to test8's texts share no opening with the metadata labels (either file) or the invented import fixtures."""
    fixtures = Path(__file__).parent / "fixtures"
    known = [item["text"] for name in ("labels.json", "heldout.json")
             for item in json.loads((fixtures / "metadata" / name).read_text(encoding="utf-8"))]
    known += [path.read_text(encoding="utf-8") for path in sorted((fixtures / "import").glob("*.txt"))]
    for report in corpus[late]:
        head = report.text.strip()[:40]
        assert not any(head in text or text.strip()[:40] in report.text for text in known), report.label["id"]


def test_dev_only_never_reads_a_sealed_split(monkeypatch, capsys, tmp_path):
    sys.path.insert(0, str(SCRIPTS))
    import eval_import

    read = []

    def fake(root, split, keep=lambda label: True):
        read.append(split)
        return ReportScore()

    for split in SPLITS:
        (tmp_path / split).mkdir()
        (tmp_path / split / "labels.json").write_text("[]", encoding="utf-8")
    monkeypatch.setattr(eval_import, "score_reports", fake)
    eval_import.main(["--dev-only", "-v", "--reports", str(tmp_path)])
    out = capsys.readouterr().out
    assert read == ["dev"] and not any(split in out for split in ("test4", "test5", "test6", "test7", "test8"))
    eval_import._reports(tmp_path, verbose=False, unseal_test=False)
    assert read[1:] == list(SPLITS) and {"test4", "test5", "test6", "test7", "test8"} <= set(SEALED)


def test_eval_prints_sealed_misses_only_when_unsealed(monkeypatch, capsys, tmp_path):
    sys.path.insert(0, str(SCRIPTS))
    import eval_import

    for split in SPLITS:
        (tmp_path / split).mkdir()
        (tmp_path / split / "labels.json").write_text("[]", encoding="utf-8")

    def fake(root, split):
        score = ReportScore()
        score.n, score.misses = 1, [f"MISS-{split}"]
        return score

    monkeypatch.setattr(eval_import, "score_reports", fake)
    eval_import._reports(tmp_path, verbose=True, unseal_test=False)
    out = capsys.readouterr().out
    assert all(f"{split} (1)" in out for split in SPLITS) and "MISS-dev" in out
    assert not any(f"MISS-{split}" in out for split in SEALED)
    eval_import._reports(tmp_path, verbose=True, unseal_test=True)
    out = capsys.readouterr().out
    assert all(f"MISS-{split}" in out for split in SPLITS)


def test_labels_use_the_vocabularies_and_real_regions(corpus):
    for split in SPLITS:
        for report in corpus[split]:
            label = report.label
            assert label["org_type"] in ORG_TYPES and set(label["topics"]) <= set(TOPICS)
            assert label["organization"] is None or label["organization"] in report.text
            assert label["region"] is None or is_division(label["region"]), (label["id"], label["region"])
            for stat in label["stats"]:
                assert stat["metric"] in METRICS or stat["metric"] == "other"
                assert stat["qualifier"] in QUALIFIERS and stat["quote"] in report.text


def test_reports_are_not_the_metadata_fixtures(corpus):
    fixtures = Path(__file__).parent / "fixtures" / "metadata"
    known = [item for name in ("labels.json", "heldout.json")
             for item in json.loads((fixtures / name).read_text(encoding="utf-8"))]
    for split in SPLITS:
        for report in corpus[split]:
            assert all(k["url"] != report.label["url"] and k["text"][:40] not in report.text for k in known)


def test_real_divisions_and_same_place():
    for real in ("江苏省南通市", "南通", "乐山市市中区", "恭城瑶族自治县", "恭城", "酉阳县", "广西", "深圳市龙华区"):
        assert is_division(real), real
    for unreal in ("经开区", "东屯镇", "南通市海淀区", "全县", "做到夜市", "", None):
        assert not is_division(unreal), unreal
    assert same_region("荆州市", "荆州") and same_region("龙华区", "深圳市龙华区") and same_region(None, None)
    assert not same_region("深圳市", "深圳市龙华区") and not same_region("海口市龙华区", "深圳市龙华区")
    assert drop_province("黑龙江省富锦市市场监督管理局") == "富锦市市场监督管理局"
    assert drop_province("河南上蔡县公安局小岳寺派出所") == "上蔡县公安局小岳寺派出所"
    assert drop_province("山东省市场监管局") == "山东省市场监管局"
    assert drop_province("北京银行南京分行") == "北京银行南京分行"


def test_each_label_is_matched_once_and_qualifiers_counted_on_matches():
    gold = [{"metric": "materials", "value": 500, "qualifier": "more_than"},
            {"metric": "materials", "value": 500, "qualifier": "exact"}]
    guesses = [{"metric": "materials", "value": 500, "qualifier": "more_than"}] * 3
    assert match_figures(guesses, gold) == (2, 1)
    assert match_figures([{"metric": "staff", "value": 500, "qualifier": "exact"}], gold) == (0, 0)


def test_report_score_counts_what_the_issue_asks():
    label = {"id": "X1", "organization": "黑龙江省富锦市市场监督管理局", "org_type": "market_regulator",
             "campaign": "“3·15”国际消费者权益日", "topics": ["consumer-law", "food-safety"], "period": "2025-03-15",
             "region": "富锦市", "stats": [{"metric": "materials", "value": 200, "qualifier": "more_than",
                                             "quote": "200余份"}]}
    draft = {"organization": "富锦市市场监督管理局", "org_type": "market_regulator",
             "campaign": "3.15国际消费者权益日", "topics": ["consumer-law"], "start": "2025-03-15",
             "region": "经开区", "mentions": [{"metric": "materials", "value": 200, "qualifier": "exact"},
                                             {"metric": "events", "value": 3, "qualifier": "exact"}]}
    score = ReportScore()
    score.add(label, draft)
    r = score.ratios()
    assert (r["figures_precision"], r["figures_recall"], r["qualifiers"]) == (0.5, 1.0, 0.0)
    assert r["organization"] == r["org_type"] == r["campaign"] == r["period"] == 1.0
    assert r["topics_jaccard"] == 0.5 and r["region_valid"] == 0.0 and r["region_same"] == 0.0
    assert any("经开区" in miss for miss in score.misses)
    assert normal_name("3. 15国际消费者权益日") == normal_name("“3•15”国际消费者权益日")


def test_sites_are_counted_by_registrable_domain():
    assert site_of("http://oldgej.srcbcz.com/news/x") == site_of("http://chip.srcbcz.com/y") == "srcbcz.com"
    assert site_of("https://scjg.tj.gov.cn/a") == "tj.gov.cn"
    assert Counter(split_of(f"http://{h}/") for h in ("a.cn", "a.cn", "a.cn")).most_common(1)[0][1] == 3
