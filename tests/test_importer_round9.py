"""Error classes fixed in round nine (issue 28): sentences written for this test in the shape of the misses
counted on the read splits; no report's text is copied."""

import pytest

from xiaobao.importer import import_text
from xiaobao.importer.mentions import extract


def org(text: str) -> tuple[str | None, str]:
    [c] = import_text(text, "x.txt")
    return c.organization, c.org_type


@pytest.mark.parametrize("text, name", [
    # a village after its town, a township, a residents' committee by its short name
    ("为提升村民防骗意识,6月5日东台市三仓镇新民村组织网格员开展反诈宣传活动。", "东台市三仓镇新民村"),
    ("在全民国家安全教育日到来之际,桥头乡组织开展集中宣传活动。", "桥头乡"),
    ("为引导居民远离非法集资,万福花园居委组织开展宣传活动。", "万福花园居委"),
    # customs, a scenic area, a school's youth league committee, a zone's bureau named for its remit
    ("近日,满洲里海关开展进口食品安全宣传活动,发放宣传册300余份。", "满洲里海关"),
    ("为提升游客防范意识,云台山景区于5月开展了防范非法集资宣传活动。", "云台山景区"),
    ("值此3·15到来之际,物理学院分团委于3月14日在广场开展大学生维权宣传活动。", "物理学院分团委"),
    ("3月15日,临港经济开发区市场监管和综合执法局联合区消防大队开展宣传活动。", "临港经济开发区市场监管和综合执法局"),
    # a body after 依法, a body's team acting for it, a trade bureau after a city's short name
    ("近日,某市人民检察院依法能动履职,深入开展普法宣传活动。", None),
    ("温州市公安局鹿城分局南门派出所的反诈宣传队也走进了社区,讲解防骗知识。", "温州市公安局鹿城分局南门派出所"),
    ("在国际消费者权益日来临之际,泉州盐务局领导高度重视,主动承担宣传工作。", "泉州盐务局"),
])
def test_bodies_named_as_reports_name_them(text, name):
    found, _ = org(text)
    if name is None:
        assert found and found.endswith("人民检察院")
    else:
        assert found == name


def test_a_predicate_after_shi_names_no_author():
    found, _ = org("9月20日,是某市某区三里乡赶集的日子。某某农商银行宣讲小分队深入该乡集市开展反假币宣传。")
    assert found == "某某农商银行" or found is None or "三里乡" not in found


def test_headline_kicker_place_when_the_body_names_no_one():
    found, kind = org("沙坪坝:社区游园会里学反诈\n近日,沙坪坝区的一处公园里,一场“反诈游园会”吸引居民排起长队。")
    assert found == "沙坪坝区" and kind == "other"


def test_event_at_the_authors_own_sub_branch():
    text = ("为传递社会关怀,近日“暖心汤圆”活动在扬州农商银行文昌支行顺利举办。\n"
            "作为社区“暖心商户”,扬州农商银行始终将新业态群体服务纳入重点。我行工作人员讲解了反诈知识。")
    assert org(text)[0] == "扬州农商银行文昌支行"


def test_a_round_up_of_many_units_has_no_single_author_but_keeps_their_kind():
    text = ("为守护老年人的养老钱,全市公安机关持续开展养老诈骗宣传活动。\n东区分局\n"
            "近日,东区分局刑侦大队联合城关派出所走进社区开展宣传。\n西区分局\n8月11日,西区分局开展防骗宣传。")
    found, kind = org(text)
    assert found is None and kind == "other"


def test_provincial_source_line_keeps_the_city_sub_branch_that_acted():
    text = ("10月11日,中国银行洛阳涧西支行组织辖内网点走进社区,为老年人开展金融教育宣传活动。\n"
            "工作人员发放宣传折页。\n内容来源:中国银行河南省分行")
    assert org(text)[0] == "中国银行洛阳涧西支行"


def test_a_fuller_spelling_keeps_the_brand():
    text = ("9月8日,由中国银行江苏省分行打造的金融市集登陆南京。活动期间,国家金融监管总局江苏监管局、"
            "中国人民银行江苏省分行相关领导莅临指导。中国银行江苏省分行设置十个主题展位。")
    found, kind = org(text)
    assert found == "中国银行江苏省分行" and kind == "bank"


def figures(text: str) -> set[tuple[str, float, str]]:
    mentions, _ = extract(text)
    return {(m.metric, m.value, m.qualifier) for m in mentions}


@pytest.mark.parametrize("text, expected", [
    ("现场张贴“防伪标签”40张。", {("other", 40, "exact")}),
    ("共发放宣传材料200余份,解答居民提出的问题30余个。", {("materials", 200, "more_than"), ("consultations", 30, "more_than")}),
    ("派出所从小区里挑选出 20 位热心的退休党员,组成宣传队。", {("staff", 20, "exact")}),
    ("今年以来,民警成功唤醒 8 名险些被骗的群众。", {("other", 8, "exact")}),
    ("共发放宣传资料900余份,宣传品300余份。", {("materials", 900, "more_than"), ("other", 300, "more_than")}),
    ("现场共发放宣传品150余份。", {("materials", 150, "more_than")}),
    ("录制宣传光盘60余张,收到征文45篇,赠送新春慰问品500余套。",
     {("materials", 60, "more_than"), ("other", 45, "exact"), ("other", 500, "more_than")}),
    ("展板前群众驻足——3000余份资料、600余人次咨询,见证了活动的热度。",
     {("materials", 3000, "more_than"), ("consultations", 600, "more_than")}),
    ("设置宣传咨询点一个,发放宣传单800份。", {("outlets", 1, "exact"), ("materials", 800, "exact")}),
    ("活动中接受群众咨询100多,发放资料500份。", {("consultations", 100, "more_than"), ("materials", 500, "exact")}),
    ("为上百位市民提供了咨询。", {("consultations", 100, "more_than")}),
])
def test_figures_counted_by_what_they_count(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "老人掏出钱包里的50元、20元纸币,请工作人员帮忙辨别。",
    "检察院依法对3名涉嫌帮助信息网络犯罪的学生作出不起诉决定。",
    "三组数据显示,宣传取得了实效。",
])
def test_no_figure_in_notes_suspects_or_data(text):
    assert figures(text) == set()


def test_each_new_reading_shows_its_reason():
    [m] = extract("共发放宣传资料900余份,宣传品300余份。")[0][1:]
    assert "宣传品" in m.reason and "其他" in m.reason


@pytest.mark.parametrize("text, name", [
    ("以“3·15”为契机,某银行某分行联合社区开展反假知识宣传活动。", "3·15"),
    ("3月15日,市农业农村局在农创园举办了“2021年放心农资进乡村活动”。", "放心农资进乡村活动"),
    ("5月15日是全国公安机关第15个打击和防范经济犯罪宣传日,某区公安分局开展集中宣传活动。",
     "全国公安机关打击和防范经济犯罪宣传日"),
    ("1月20日,平昌县防范金融风险“进社区”宣传教育活动在江口社区举办。", "防范金融风险进社区"),
])
def test_campaign_as_the_report_names_it(text, name):
    [c] = import_text(text, "x.txt")
    assert c.campaign == name


def test_headline_unit_named_after_a_place_the_body_spells_as_a_division():
    text = "友好分局开展食品安全宣传周活动\n为做好我区食品安全宣传周工作,友好分局联合友好区工商局开展了宣传活动。"
    assert org(text)[0] == "友好分局"
    assert org("保险公司开展宣传活动\n某保险公司开展了宣传。")[0] != "保险公司"


def test_round_up_says_why_the_organisation_is_empty():
    text = ("为守护老年人的养老钱,全市公安机关持续开展养老诈骗宣传活动。\n东区分局\n"
            "近日,东区分局刑侦大队联合城关派出所走进社区开展宣传。\n西区分局\n8月11日,西区分局开展防骗宣传。")
    [c] = import_text(text, "x.txt")
    assert any("汇总报道" in w for w in c.warnings)


def test_refusing_cash_is_the_currency_topic_and_expired_food_no_food_topic():
    [c] = import_text("某银行某支行开展整治拒收人民币宣传活动\n近日,该行走进商户,宣传拒收人民币的危害,维护人民币流通秩序。", "x")
    assert "anti-counterfeit" in c.topics
    [c] = import_text("某县市场监管局开展集中销毁活动\n当天,执法人员集中销毁了过期食品等物品。", "x")
    assert "food-safety" not in c.topics


def test_a_lone_ling_before_a_measure_word_is_part_of_a_word():
    """零件 read as "0 件" filed a figure of 0 (test8's R488, read after the round): a lone 零 is no count."""
    assert [m.value for m in extract("孩子们小心翼翼地拼接零件，完成了作品。")[0]] == []
    assert [m.value for m in extract("共发放宣传资料一千零五十份。")[0]] == [1050]
