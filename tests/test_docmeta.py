"""Metadata read from where a report states it, scored on public reports labelled by hand."""

import json
from pathlib import Path

from xiaobao.importer import import_text
from xiaobao.importer.metascore import MetaScore
from xiaobao.importer.slugs import slug_from

LABELS = Path(__file__).parent / "fixtures" / "metadata" / "labels.json"


def test_labelled_reports_meet_the_aims():
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    assert len(labels) >= 30 and all(label["url"].startswith("http") for label in labels)
    score = MetaScore()
    for label in labels:
        [campaign] = import_text(label["text"], label["id"])
        score.add(label, campaign.as_json())
    ratios = score.ratios()
    assert ratios["organization"] >= 0.9 and ratios["campaign"] >= 0.8, score.misses
    assert ratios["org_type"] >= 0.85 and ratios["topics_jaccard"] >= 0.7, score.misses


def test_author_not_guide_or_partner_and_every_guess_has_its_quote():
    text = ("在珠海银保监分局的指导下,珠海市银行业协会主办,联合本市20家银行机构共同开展的“金融知识万里行”活动"
            "于2023年6月18日举办。\n活动现场发放宣传资料300余份。")
    [c] = import_text(text, "x.docx")
    assert c.organization == "珠海市银行业协会" and c.org_type == "other"
    assert c.campaign == "金融知识万里行" and c.start == "2023-06-18"
    assert c.evidence["organization"] == "珠海市银行业协会主办"
    assert any(w.startswith("campaign：取自原文") for w in c.warnings)


def test_title_is_the_reports_own_title_line():
    [c] = import_text("中国银行大邑支行开展2023年反假货币宣传月活动\n为深入推进反假货币宣传工作,我行开展了宣传。", "a.docx")
    assert c.title == "中国银行大邑支行开展2023年反假货币宣传月活动"
    assert c.campaign == "反假货币宣传月" and c.start == "2023"


def test_slug_is_organisation_and_date_in_pinyin():
    assert slug_from("中国银行大邑支行", "2023-09-15") == "zhongguoyinhang-dayi-zhihang-2023-09-15"
    assert slug_from("中国工商银行南通分行", "2024") == "gongshangyinhang-nantong-fenhang-2024"
    assert slug_from(None, "2024") is None
