"""Regions come from the official list of divisions, never from the characters before 市/县/区."""

import csv
import json
from pathlib import Path

import pytest

from xiaobao.importer import gazetteer, import_file, import_text

ROOT = Path(__file__).resolve().parent.parent


def test_the_pinned_list_has_every_level_and_valid_codes():
    with gazetteer.DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 3000
    assert all(len(r["adcode"]) == 12 and r["adcode"].isdigit() and r["name"] for r in rows)
    levels = {gazetteer.Division(r["adcode"], r["name"]).level for r in rows}
    assert levels == {1, 2, 3}
    assert gazetteer.is_division("海安市") and gazetteer.is_division("云梦县") and not gazetteer.is_division("全市")


@pytest.mark.parametrize("org, text, region", [
    ("工商银行南通分行", "", "江苏省南通市"),
    ("中国人民银行蚌埠市中心支行", "", "安徽省蚌埠市"),
    ("成都市金牛区市场监管局", "", "四川省成都市金牛区"),
    ("云梦县市场监管局", "", "湖北省孝感市云梦县"),
    ("中国银行上海市分行", "", "上海市"),
    ("某某消费者协会", "3月15日，在屏南县中心广场开展宣传。", "福建省宁德市屏南县"),
    # namesakes: 朝阳区 is in Beijing and in Changchun; the text names which
    ("朝阳区消费者协会", "北京市朝阳区消协在社区开展宣传。", "北京市朝阳区"),
])
def test_region_is_the_full_path_of_a_real_division(org, text, region):
    assert gazetteer.region(org, text).value == region


@pytest.mark.parametrize("org, text, flagged", [
    ("xx县支行", "我支行组织辖区金融机构开展宣传。", "xx县"),
    ("中国银行南京西路支行", "支行在网点门口设摊宣传。", "南京西路"),
])
def test_a_place_that_is_no_division_is_left_empty_and_flagged(org, text, flagged):
    found = gazetteer.region(org, text)
    assert found.value is None and flagged in found.note


@pytest.mark.parametrize("org, region", [
    ("醴陵沪农商村镇银行", "湖南省株洲市醴陵市"), ("上海保监局", "上海市"), ("宁夏证监局", "宁夏回族自治区"),
    ("遂宁银行", "四川省遂宁市"), ("兴业银行", None), ("平安银行", None), ("华安证券", None),
])
def test_a_name_that_starts_with_a_place_but_not_a_national_brand(org, region):
    assert gazetteer.region(org, "").value == region


def test_words_before_shi_xian_qu_are_not_places():
    for text in ("全市各网点开展宣传，城区和县城同步进行。", "我县组织开展了宣传，走进社区、开发区。", "新市民金融服务宣传"):
        assert gazetteer.region(None, text).value is None


def test_ambiguous_namesake_without_context_is_not_guessed():
    found = gazetteer.region("鼓楼区消费者协会", "协会在广场开展宣传。")
    assert found.value is None


def test_imported_regions_are_real_divisions_and_flagged_in_the_review():
    campaigns = [c for f in sorted((ROOT / "tests" / "fixtures" / "import").glob("t*.txt")) for c in import_file(f)]
    labels = json.loads((ROOT / "tests" / "fixtures" / "metadata" / "labels.json").read_text(encoding="utf-8"))
    campaigns += [c for label in labels for c in import_text(label["text"], label["id"])]
    regions = [c.region for c in campaigns if c.region]
    assert len(regions) >= 20
    names = {d.name for ds in gazetteer._table()[1].values() for d in ds}
    for region in regions:
        assert any(region.endswith(name) for name in names), region
    [masked] = import_text("xx县支行开展宣传。\n\n发放资料300份。")
    assert masked.region is None and any(w.startswith("region：") for w in masked.warnings)


def test_the_place_of_the_activity_inside_the_organisations_division():
    text = "淄博市市场监督管理局主办的消费教育大讲堂走进沂源县西沙沟社区。淄博市消保委联合张店区消费者协会参加。"
    assert gazetteer.region("淄博市市场监督管理局", text).value == "山东省淄博市沂源县"  # not 张店区, a partner's name


def test_roads_zones_and_nationalities():
    assert gazetteer.region("商都路办事处福禄街社区", "社区开展宣传。").value is None  # a road, not 商都县
    zone = gazetteer.region("郑州航空港实验区市场监督管理局", "开展宣传。")
    assert zone.value is None and "开发区" in zone.note
    assert gazetteer.short_name("通道侗族自治县") == "通道"
    assert gazetteer.region("通道农村商业银行", "我行开展宣传。").value == "湖南省怀化市通道侗族自治县"


def test_a_city_and_its_own_district_of_the_same_name_give_the_city():
    # 荆州 is 荆州市 and 荆州市荆州区: the short form in a bank's name is the city
    assert gazetteer.region("荆州农商银行", "该行在社区开展宣传。").value == "湖北省荆州市"


def test_a_bank_named_with_its_province_sits_in_the_city_after_it():
    assert gazetteer.region("湖北荆州农商银行", "该行在社区开展宣传。").value == "湖北省荆州市"
