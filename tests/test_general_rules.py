"""The importer's general mechanisms, each on short invented sentences (never on the labelled corpus):
who acted (the opening sentence's subject), where a body's name ends, its type from its head noun,
the campaign among those named, and which counts are figures at all."""

import pytest

from xiaobao.importer import docmeta, import_text, orgtype


def _org(text: str) -> str | None:
    found = docmeta.organization(text)
    return found.value if found else None


# --- who acted: the subject of the opening sentence ---------------------------------------------------

@pytest.mark.parametrize("text, author", [
    # a place's name holding a stop word (太和县: 和) does not cut the body's name in two
    ("为提升群众防骗意识，邮储银行太和县支行于9月10日开展宣传活动。", "邮储银行太和县支行"),
    ("3月15日，和平区市场监督管理局在步行街开展宣传。", "和平区市场监督管理局"),
    # its people between the body and the verb (民警, 工作人员)
    ("6月12日，镇宁自治县公安局双龙山派出所民警走进辖区学校开展禁毒宣传。", "镇宁自治县公安局双龙山派出所"),
    # any acting verb, not only a closed list
    ("12月4日，临河农商银行营业部借助国家宪法日契机开展反洗钱宣传。", "临河农商银行营业部"),
    # the first of several bodies acting together in the opening sentence, not a partner named later
    ("4月1日，甲县农业农村局、县财政局与中国人寿财产保险股份有限公司甲县支公司来到村里开展宣传。\n"
     "中国人寿财产保险股份有限公司甲县支公司工作人员深入田间地头讲解。", None),
    # 组织 X: X is set to work, not the author
    ("支行组织永安村镇银行、农业银行等金融机构开展宣传。按照要求，青阳县支行于3月9日组织辖区金融机构开展宣传。",
     "青阳县支行"),
    # a body acting on another's call reports; the bodies that launched the campaign do not
    ("9月以来，中国人民银行、国家金融监督管理总局联合组织开展了金融知识普及月活动。"
     "交通银行广东省分行按照活动要求于9月21日到小学开展宣传。", "交通银行广东省分行"),
    ("近日，青岛市崂山区王哥庄街道联合辖区派出所开展防范电信网络诈骗宣传。", "青岛市崂山区王哥庄街道"),
    ("3月15日上午，由泉州市消费者委员会主办、兴业银行泉州分行承办的宣传活动在中山路举行。", "泉州市消费者委员会"),
    # its people listed (民警、辅警) or its team named in quotes before the verb
    ("年终岁末，甲县公安局东关派出所民警、辅警走进辖区集贸市场开展宣传。", "甲县公安局东关派出所"),
    ("5月8日晚，乙市公安局城东派出所“小林说防骗”宣传队来到夜市摆摊宣传。", "乙市公安局城东派出所"),
    # a lone verb after an adverb acts (巧借)
    ("在权益日到来之际，芦溪县人民检察院巧借“赶集日”深入乡镇举办普法活动。", "芦溪县人民检察院"),
    # a town whose name begins with 月/年 is not the tail of a date
    ("为做好宣传，月山镇社工站积极响应号召开展宣传活动。", "月山镇社工站"),
    # a development zone is a place a body may be named after; colleges and tobacco bureaus are bodies
    ("日前，经开区市场监管分局在超市门前组织开展宣传活动。", "经开区市场监管分局"),
    ("为强化学生维权意识，经济管理学院组织开展主题教育系列活动。", "经济管理学院"),
    ("3月15日，婺源县烟草局联合县工商局开展宣传活动。", "婺源县烟草局"),
    # two lone verbs (听|完) before a name are cut off it
    ("村民张大爷听完戊县农商银行工作人员的讲解后说。", "戊县农商银行"),
    # a name cut at 和 whose first part opens the clause: a one-character brand, or words holding a place
    ("9月5日，恒和保险江西分公司九江中支来到学院举办宣传活动。", "恒和保险江西分公司九江中支"),
    ("3月7日，琼海市打击和处置非法集资工作领导小组办公室组织开展宣传活动。", "琼海市打击和处置非法集资工作领导小组办公室"),
    # ... but two bodies joined by 和 stay two
    ("3月7日，工行和农行九江分行联合开展宣传活动。", None),
    # an aside in brackets between the body and its verb
    ("为惠及农户，县农业保险工作领导小组（县财政局）组织相关成员单位开展宣传。", "县农业保险工作领导小组"),
    # a subtitle's subject: 主题 ——某支行开展…
    ("守护钱袋子 护好养老钱 ——农行九江浔阳支行开展金融知识进社区活动\n来源：农业银行九江分行\n近日，该行走进社区宣传。", "农行九江浔阳支行"),
])
def test_the_author_is_the_opening_sentences_subject(text, author):
    if author is None and "工行" in text:
        assert _org(text) != "工行和农行九江分行"
    elif author is None:  # the first listed body; the county prefix may be the place 甲县 or not
        assert _org(text) == "甲县农业农村局"
    else:
        assert _org(text) == author


def test_a_verb_of_speech_does_not_make_a_subject():
    assert not docmeta._acts("表示，要加强宣传")
    assert docmeta._acts("成功开展宣传")
    assert docmeta._acts("借助契机")


# --- type from the head noun -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, kind", [
    ("中国人民银行雅安市分行", "regulator"),     # 分行 passes to 人民银行
    ("人行师宗县支行", "regulator"),
    ("工商银行广水支行", "bank"),
    ("石涧支行", "bank"),                        # a part with nothing before it: a bank's branch
    ("蒲城县兴镇支行", "bank"),                  # 镇 inside the name is a place, not the head
    ("中国移动河北肥乡分公司", "enterprise"),
    ("中国人民财产保险股份有限公司四川省分公司", "insurer"),  # a legal form: the trade word decides
    ("太平洋人寿江门中心支公司", "insurer"),
    ("华泰证券南京营业部", "securities"),
    ("中国银联浙江分公司", "payment"),
    ("许昌市市场监督管理局城乡一体化示范区分局", "market_regulator"),
    ("县市场监督管理局马湖市场所", "market_regulator"),
    ("丰县消费者协会", "consumer_association"),
    ("泉州市消费者委员会", "consumer_association"),
    ("珠海市银行业协会", "other"),               # an association of banks is no bank
    ("镇宁自治县公安局双龙山派出所", "other"),
    ("县农业保险工作领导小组", "other"),         # 保险 inside the name does not make an insurer
    ("某市人民政府金融工作办公室", "regulator"),  # a finance office is a regulator
    ("国家金融监督管理总局宁波监管局", "regulator"),
    ("县处置非法集资工作领导小组办公室", "regulator"),
    ("青岛市崂山区王哥庄街道", "other"),
    ("秦农银行大学城支行", "bank"),              # 大学 inside a district's name (大学城) is no head
    ("经开区市场监管分局", "market_regulator"),   # 市场监管分局 is market regulation, not 监管分局
    ("郑商所", "securities"),                    # exchanges by their short names
    ("光大银行信用卡中心", "bank"),
])
def test_type_from_the_head_noun(name, kind):
    found = orgtype.type_from_head(name)
    assert found and found[0] == kind


def test_a_name_without_a_known_head_is_left_to_keywords():
    assert orgtype.type_from_head("澧县") is None


def test_a_branch_given_as_an_example_is_not_the_author():
    text = "今年以来，我行开展宣传活动20场。\n其中，城东支行走进社区开展宣传。\n赣州银行南康支行\n2024年4月1日"
    assert _org(text) == "赣州银行南康支行"


def test_a_publisher_on_the_source_line_yields_to_the_opening_subject():
    text = "发布时间：2024-03-18 来源：肥东县人民政府\n3月15日，县市场监管局在广场开展宣传活动。"
    assert _org(text) == "县市场监管局"
    assert _org("来源：肥东县市场监管局\n3月15日，我局在广场开展宣传活动。") == "肥东县市场监管局"


def test_a_name_keeps_the_verbs_of_its_head():
    assert _org("本网讯 3月14日，市消费者权益保护委员会联合市市场监管局开展宣传。") == "市消费者权益保护委员会"


# --- the campaign among those named --------------------------------------------------------------------

def _campaign(text: str) -> str | None:
    [draft] = import_text(text, "x")
    return draft.campaign


@pytest.mark.parametrize("text, name", [
    # a campaign's name holds no action: the run starts after the last verb
    ("3月15日，丰县市场监督管理局、丰县消费者协会联合开展国际消费者权益日宣传活动。", "国际消费者权益日"),
    ("甲公司微信公众号推出金融知识普及月专栏。", "金融知识普及月"),
    # 以…为契机 is the occasion taken; 是第N个… only says what the date is
    ("3.15是第40个“国际消费者权益日”，甲市银行业协会以“3.15”消费者权益保护教育宣传周活动为契机开展宣传。",
     "3.15消费者权益保护教育宣传周"),  # as written
    # the action before a quoted day counts for the name it starts, also when the quote is misprinted
    ("在3.15国际消费者权益日来临之际，甲支行全面启动2025年“3·15“金融消费者权益保护教育宣传活动。",
     "3·15金融消费者权益保护教育宣传活动"),
    # the fullest form the text quotes
    ("甲分公司全面开展“金融知识普及月 金融知识进万家 争做理性投资者”活动。后来，金融知识普及月期间又开展讲座；"
     "金融知识普及月结束。", "金融知识普及月 金融知识进万家 争做理性投资者"),
    # the text's own quoted name, past a theme (以“…”为主题的) and never the theme itself
    ("某行开展以“守护钱袋子”为主题的“金融夜市”宣传活动。", "金融夜市"),
    ("某支行以“普及金融知识 守住钱袋子”为主题开展宣传活动。", None),
    # a verb such as 开设 ends the run before the name, even when a start word (公众) comes before it
    ("甲行在微信公众号开设金融知识普及月专栏，推送知识10篇。", "金融知识普及月"),
    # 全国 written before a known campaign belongs to its name; a year before it does not
    ("为贯彻落实全国打击整治养老诈骗专项行动精神，甲社区开展宣传。", "全国打击整治养老诈骗专项行动"),
    ("近日，甲学院开展“2024金融知识校园行”宣传讲座。", "金融知识校园行"),
    # a quoted name followed by 主题宣传月: the month is part of it
    ("甲县市场监管局开展“诚信经营放心消费”主题宣传月活动。", "诚信经营放心消费主题宣传月"),
    # the activity's quoted name without 开展 before it: named in the title, acting, or twice as activity or team
    ("某农商银行：防骗小讲堂走进敬老院\n3月13日，某农商银行的工作人员将“防骗小讲堂”搬进了敬老院。", "防骗小讲堂"),
    ("6月19日，由某市消费者协会主办的“消费课堂进万户”走进东关社区，为居民讲解维权知识。", "消费课堂进万户"),
    ("9月8日晚，某派出所“老周说防骗”宣传队来到夜市。这是某派出所“老周说防骗”巡回宣传活动第四场。", "老周说防骗"),
    # a quoted word inside a phrase is no name, however often it recurs
    ("某行开展守住“钱袋子”宣传活动。某行再次开展守住“钱袋子”宣传活动。", None),
    # a wider gap between 开展 and the quote, but never across a list (与, 和)
    ("寒假前夕，某县市场监管局开展食品安全知识进校园“开学第一课”系列科普活动。", "开学第一课"),
    ("某社区开展国家网络安全与“扫黄打非”宣传活动。", None),
    # a day's number before an unquoted activity names the campaign; a known day inside it keeps its own name
    ("我行充分认识3·15保险业消费者权益保护宣传活动的意义，开展“金融知识”宣传活动。", "3·15保险业消费者权益保护宣传活动"),
    ("某局开展5·20世界计量日系列宣传活动。", "5·20世界计量日"),
    # third round: 维权日 is the day too; a day within a campaign (集中宣传日) and 国际 in the fuller mention belong to it
    ("在第43个“3·15国际消费者维权日”到来之际，某分局走进社区开展宣传。", "3·15国际消费者维权日"),
    ("6月15日，某县组织开展2024年防范非法集资宣传月集中宣传日活动。", "防范非法集资宣传月集中宣传日"),
    ("某区开展纪念“3·15消费者权益日”宣传\n3月15日，某区市场监督管理局开展“3·15国际消费者权益日”宣传咨询活动。",
     "3·15国际消费者权益日"),
    # the activity's own quoted name: after its body (的), acting, or as 本次“…”活动; a mistyped opening quote
    ("为落实工作要求，某农商银行“新春第一宣”于日前在社区展开。", "新春第一宣"),
    ("周末的社区广场上，某支行的“征信小课堂”支起了展台。", "征信小课堂"),
    ("近日，某支行在大集开展反诈宣传。本次“反诈宣传进集市”活动是该行的重要举措。", "反诈宣传进集市"),
    ("10月28日，某局走进社区开展”法治护航银龄，守护合法权益”专项活动。", "法治护航银龄，守护合法权益"),
    # the nation's sector written before a quoted day belongs to the day's name
    ("5月15日是第15个全国公安机关“5.15”打击和防范经济犯罪宣传日，某县公安局经侦大队在广场开展防范经济犯罪宣传日活动。",
     "全国公安机关5·15打击和防范经济犯罪宣传日"),
    # a quoted topic alone is no name (开展“反诈”宣传活动); a quoted programme goes on with where it goes (进市场进社区)
    ("近日，某支行走进商圈开展了“反诈”宣传活动。", None),
    ("近日，某区市场监管局在辖区开展“打击传销”进市场进社区宣传活动。", "打击传销进市场进社区"),
    ("近日，某社区开展“双百”宣传活动。", "双百"),
    ("守护食品安全 共筑健康未来\n近日，某县人民检察院在中心市场开展2021年“食品安全”宣传活动。", None),
    # … but a quoted topic followed by 主题…活动 names it, and a name built on a topic is a name
    ("近日，某支行走进校园，开展“反假货币”主题宣教活动。", "反假货币"),
    ("近日，某派出所开展“阿明反诈”宣传活动。", "阿明反诈"),
    # a day written bare as the occasion, when nothing else is named, before a partner's quoted activity
    ("今年“3·15”期间，某交易所深入开展投教宣传。此外，某交易所与协会推出“健步走+线上答题”活动。", "3·15"),
])
def test_campaign_by_structure(text, name):
    assert _campaign(text) == name


# --- which counts are figures ----------------------------------------------------------------------------

def _figures(text: str) -> set[tuple[str, float]]:
    from xiaobao.importer.mentions import extract

    return {(m.metric, m.value) for m in extract(text)[0]}


def test_a_change_over_time_is_no_figure_but_a_rate_is():
    assert _figures("受理投诉120件，同比下降15%。") == {("complaints", 120)}
    assert ("other", 99) in _figures("受理投诉120件，办结率99%。")


def test_cases_that_merely_happened_are_no_result():
    assert _figures("据统计，全市共发生电信诈骗案件120起。") == set()
    assert _figures("立案查处案件3起。") == {("cases", 3)}


def test_pieces_counted_with_ze_are_media():
    assert _figures("发布消费提示5则。") == {("media", 5)}


def test_the_generic_measure_word_ge_counts_questions_too():
    assert _figures("现场解答群众疑问50余个。") == {("consultations", 50)}


def test_an_award_counts_nothing_done():
    assert _figures("市分行和2家县支行、4名员工荣获先进集体和先进个人称号。") == set()
    assert _figures("2家县支行走进社区开展宣传。") == {("outlets", 2)}


def test_the_future_and_a_plan_for_several_clauses_are_no_result():
    assert _figures("今后，全市20家快递企业、3000名快递员将配合开展宣传。") == set()
    assert _figures("力求新增示范单位800家，发展调处企业200家。") == set()
    assert _figures("全市20家快递企业参加宣传。") == {("other", 20)}


def test_a_distributive_word_does_not_hide_the_counted_people():
    assert _figures("各支行组建宣讲小队，队员各50名。") == {("staff", 50)}


def test_head_count_after_renshu_in_chinese_numerals():
    assert _figures("覆盖受众人数两万余人。") == {("audience", 20000)}
    assert _figures("数千名群众参加。") == set()  # 数千 is vague, no figure


def test_media_publicity_volume_is_media():
    assert _figures("传统媒体宣传量2000次。") == {("media", 2000)}


# --- patterns rewritten to run in linear time keep their meaning --------------------------------------------

def test_site_sentences_are_dropped_and_the_authors_kept():
    from xiaobao.importer.cleaning import _without_boilerplate

    assert _without_boilerplate("活动效果良好。下面是小编整理的总结，欢迎分享！我行将继续宣传。") == "活动效果良好。我行将继续宣传。"
    assert _without_boilerplate("没有网站的话。") == "没有网站的话。"


def test_a_number_cell_reads_as_before():
    from xiaobao.importer.tables import _NUMBER_CELL

    assert _NUMBER_CELL.match(" 约 1,200 万 余 份 ").groups() == ("1,200", "万", "余", "份")
    assert _NUMBER_CELL.match("3500").groups() == ("3500", None, None, "")
    assert _NUMBER_CELL.match("宣传3500份") is None


def test_linking_words_are_stripped_from_the_end():
    from xiaobao.importer.counting import _strip_linkers

    assert _strip_linkers("发放宣传折页共计") == "发放宣传折页"
    assert _strip_linkers("受众人数为") == "受众"
    assert _strip_linkers("接待群众累计达") == "接待群众"


def test_a_verb_before_a_name_is_cut_off_even_when_tagged_a_noun():
    assert docmeta.plausible_name("利用九江市市场监督管理局") == "九江市市场监督管理局"


def test_a_financial_knowledge_programme_is_financial_literacy():
    from xiaobao.importer import metadata

    assert "financial-literacy" in metadata.topics("某支行开展金融知识进社区活动。")
    assert "financial-literacy" not in metadata.topics("某支行开展金融知识宣传后进行了总结。")


def test_the_pages_original_headline_repeats_figures():
    assert _figures("原标题：全市500名快递员来报到\n全市快递员参加宣传。") == set()


def test_an_unnamed_school_or_town_is_not_replaced_by_its_partner():
    from xiaobao.importer import import_text

    [draft] = import_text("近日，我校携手某市农商银行，于报告厅开展金融知识讲座。某市农商银行工作人员讲解了防骗知识。", "t")
    assert draft.organization is None
    [draft] = import_text("近日，某市农商银行走进社区开展金融知识讲座。某市农商银行工作人员讲解了防骗知识。", "t")
    assert draft.organization == "某市农商银行"


def test_a_body_after_xieshou_is_a_partner():
    assert _org("3月5日，芦溪县市场监管局携手萍乡农商银行芦溪支行开展宣传活动。") == "芦溪县市场监管局"
    assert _org("3月5日，校学生会携手萍乡农商银行芦溪支行开展宣传活动。") is None


def test_complaint_handling_in_its_usual_words():
    from xiaobao.importer import metadata

    for text in ("当天现场受理消费投诉5宗。", "宣传举报投诉程序。", "设置消费投诉处置服务台。", "开展纠纷化解服务。"):
        assert "complaint-handling" in metadata.topics(text), text
    assert "complaint-handling" not in metadata.topics("宣传反诈知识。")


def test_product_quality_covers_lifts_and_telling_real_goods_from_fake():
    from xiaobao.importer import metadata

    for text in ("开展电梯安全宣传周活动。", "提供真假烟鉴别服务。", "开展真假产品识别有奖问答。"):
        assert "product-quality" in metadata.topics(text), text
    assert "product-quality" not in metadata.topics("讲解真假人民币识别方法。")


# --- who acted: conventions added in the third round (invented sentences) ---------------------------------

@pytest.mark.parametrize("text, author", [
    # an adverbial before the verb (高度重视, 靠前, 连续) still makes the body the subject
    ("近年来，临澧县市场监督管理局高度重视消费维权工作，组织开展宣传。", "临澧县市场监督管理局"),
    ("节前，桐城农商银行城东支行靠前谋划，走进社区开展宣传。", "桐城农商银行城东支行"),
    # its department acting for it (经侦部门联合…)
    ("5月15日，信阳市公安局经侦部门联合市税务局等单位在广场举办宣传活动。", "信阳市公安局"),
    # offices named for their work, party departments, railway police, card centres, exchanges by their short names
    ("6月14日，安庆市信用办会同市人行组织开展信用记录关爱日宣传活动。", "安庆市信用办"),
    ("9月16日，芜湖市委宣传部（市委网信办）联合团市委等部门在广场启动网络安全宣传周。", "芜湖市委宣传部"),
    ("国庆期间，湖北襄阳铁路公安处组织民警深入车站开展反诈宣传。", "湖北襄阳铁路公安处"),
    ("为提升持卡人防骗意识，光大银行信用卡中心积极开展宣传教育活动。", "光大银行信用卡中心"),
    ("3·15期间，郑商所从投资者教育和从业者培训两方面着手开展宣传。", "郑商所"),
    # 贯彻 X 的精神: X is the one followed, not the actor
    ("兴业银行信用卡中心深入贯彻国家金融监督管理总局福建监管局指导精神，开展宣传。", "兴业银行信用卡中心"),
    # the parent speaking for all its units (某街道各社区)
    ("近日，沂水县许家湖镇各村开展入户宣传活动。", "沂水县许家湖镇"),
    # a market station (监管所), a 12315 centre, a bank's education base, a new town's bureau, an operator by its city
    ("9月23日，秦安县市场监督管理局兴国监管所在中学开展食品安全宣传。", "秦安县市场监督管理局兴国监管所"),
    ("3月5日上午，焦作市市场监管局12315指挥中心走进社区开展宣传活动。", "焦作市市场监管局12315指挥中心"),
    ("为守护老年人财产安全，成都农商银行金融教育示范基地联合民政局开展主题活动。", "成都农商银行金融教育示范基地"),
    ("为提升能力，恒信银行金融教育基地、总行营业部联合开展主题活动。", "恒信银行金融教育基地"),
    ("10月28日，中新知识城市场监督管理局走进社区开展专项活动。", "中新知识城市场监督管理局"),
    ("当前，开封移动积极履行社会责任，持续加大反诈宣传力度。", "开封移动"),
    # ... but 电信/移动 in a word is no operator
    ("近日，银行工作人员向群众讲解防范电信网络诈骗知识。", None),
    # the headline's body named in the opening sentence down to the unit that acted (a station, a branch) …
    ("县市场监管局：开展普法宣传进商户活动\n3月14日，县市场监督管理局杨林市场所深入辖区开展宣传。", "县市场监督管理局杨林市场所"),
    ("邮储银行在广场开园盛典开展金融知识宣传活动\n1月1日，邮储银行眉山市东坡区支行在广场设立宣传专区。", "邮储银行眉山市东坡区支行"),
    # … but not its department or team, which speak for it
    ("市公安局开展打击和防范经济犯罪宣传日主题宣传活动\n5月15日，市公安局经侦大队联合刑侦大队开展宣传。", "市公安局"),
    # bodies listed as taking part are not the organiser; a county's own event took place
    ("3月15日上午，临澧县2021年“3·15”假冒伪劣商品集中销毁行动启动仪式在体育馆举行。县市场监管局、县公安局等百余人参加此次活动。",
     "临澧县"),
    # a school speaking of itself names the office that acted (我校学生处); 我校 alone stays unnamed
    ("5月24日下午，我校学生处联合中国银行漳州分行开展“金融知识进校园”讲座。中国银行漳州分行经理讲解了防骗知识。", "学生处"),
    ("5月24日下午，我校联合中国银行漳州分行开展讲座。中国银行漳州分行经理讲解了防骗知识。", None),
    # the full spelling the text also uses (监督管理 for 监管)
    ("近日，富民县市场监督管理局东村市场监管所走进集市开展宣传。下一步，富民县市场监督管理局东村市场监督管理所将继续宣传。",
     "富民县市场监督管理局东村市场监督管理所"),
    # a level-initial short name (市消委会) is never filled out as another level's body named after 联合
    ("3月15日，市消费者委员会、市市场监管局联合坡头区消费者委员会在广场举办宣传活动。", "市消费者委员会"),
    # a university's party department is named without a place; who hosts (主办) over who runs it (承办)
    ("为提升学生防骗能力，由党委学生工作部主办，经济管理学院承办的权益日系列活动顺利开展。", "党委学生工作部"),
    # a newspaper page: date, page, headline (我市…) and photo captions above the lead sentence that names the actor
    ("2023年10月12日\n第04版：综合新闻\n汇聚金融力量 共创美好生活\n我市深入开展金融消费者权益保护教育宣传月活动\n"
     "分局副局长（左一）等人在广场大屏幕前考察宣传效果。\n"
     "为切实提升社会公众金融素养，近日，国家金融监督管理总局商丘监管分局组织辖内银行保险机构扎实开展宣传月活动。", "国家金融监督管理总局商丘监管分局"),
    # a place that acted before the bodies listed as taking part
    ("3月15日，莲湖区在广场举办宣传活动。莲湖区市场监管局、区委网信办和企业100余人参加了活动。", "莲湖区"),
])
def test_the_author_by_third_round_conventions(text, author):
    assert _org(text) == author


def test_a_source_line_names_the_body_in_full_and_a_closing_credit_is_the_parent():
    # 区市场监管局 on the source line is the 鼓楼区市场监管局 of the opening sentence
    assert _org("鼓楼区举办宣传活动\n来源:区市场监管局\n3月15日，鼓楼区市场监管局、区消委会联合举办宣传活动。") == "鼓楼区市场监管局"
    # a source line in brackets closing the text: the body only when no subject acted
    assert _org("9月24日，集贸市场迎来一场宣传。活动现场气氛热烈。\n(来源:安陆市雷公镇人民政府)") == "安陆市雷公镇人民政府"
    assert _org("3月，富锦市市场监督管理局开展优化消费环境月活动。\n(来源:黑龙江省佳木斯市市场监管局)") == "富锦市市场监督管理局"


@pytest.mark.parametrize("name, text, expected", [
    ("湖北襄阳铁路公安处", "", "襄阳铁路公安处"),           # a province before a city of its own is dropped
    ("黑龙江省富锦市市场监督管理局", "", "富锦市市场监督管理局"),
    ("山东省市场监管局", "", "山东省市场监管局"),            # a provincial body keeps it (市场 is no city)
    ("江苏如皋农村商业银行", "", "江苏如皋农村商业银行"),    # a bank's registered name keeps its province
    ("河北沧县", "6月15日，河北省沧州市沧县组织开展宣传月活动。", "沧州市沧县"),  # the fullest chain, province dropped
])
def test_a_body_is_named_as_labelled_without_province_and_places_in_full(name, text, expected):
    from xiaobao.importer import gazetteer

    assert gazetteer.without_province(gazetteer.fullest_place(name, text)) == expected


def test_new_name_ends_do_not_cut_words_that_run_on():
    # 工作部 and 宣传部 end names, 平安办 too, but not inside 工作部署, 宣传部署, 平安办理
    assert [n for n, _, _ in docmeta._names("根据省联社工作部署，县农商银行开展宣传。")] == ["县农商银行"]
    assert docmeta._names("按照市委宣传部署开展活动。") == ()
    assert docmeta._names("来平安办理信用卡的客户很多。") == ()
    assert docmeta._names("线索已移交县公安处置。") == ()


# --- round 4: authors named by any institutional head noun, and the form of their names -------------------

@pytest.mark.parametrize("text, author", [
    # a scenic area's offices are named after it, as a development zone's are
    ("甲乙旅游区市场监管局开展宣传活动\n3月13日，甲乙旅游区市场监督管理局联合多部门开展集中宣传。", "甲乙旅游区市场监督管理局"),
    # police posts, justice offices and unions below a bureau or a unit are authors of their own
    ("近日，魏都公安分局丙丁派出所戊己警务室积极开展警银联动。", "魏都公安分局丙丁派出所戊己警务室"),
    ("连日来，金乡县司法局庚辛司法所联合多部门开展了法治宣传活动。", "金乡县司法局庚辛司法所"),
    # a verb naming a unit's work (养护中心) is part of the unit's name, not the place a name starts
    ("9月27日下午，双清公路建设养护中心工会组织开展反诈宣传活动。", "双清公路建设养护中心工会"),
])
def test_an_author_is_any_body_ending_in_an_institutional_head(text, author):
    assert _org(text) == author


@pytest.mark.parametrize("name, text, expected", [
    # official short and full forms name one body; the conventions want the fullest the text writes
    ("丰县检察院", "丰县检察院开展宣传\n5月10日，丰县人民检察院第一检察部走进社区。", "丰县人民检察院"),
    ("三明市市场监管局", "三明市市场监督管理局在广场举办宣传活动。三明市市场监管局局长出席。", "三明市市场监督管理局"),
    # a county's body named without its city when the text also writes it so
    ("自贡市富顺县市场监管局", "自贡市富顺县市场监管局牵头开展宣传。富顺县市场监管局还通过短视频宣传。", "富顺县市场监管局"),
    # ... but only then: a name the text writes with its city alone keeps it
    ("自贡市富顺县市场监管局", "自贡市富顺县市场监管局牵头开展宣传。", "自贡市富顺县市场监管局"),
    # a city's district is part of the city and keeps its name
    ("成都市金牛区市场监管局", "成都市金牛区市场监管局开展宣传。金牛区市场监管局联合法院设咨询台。", "成都市金牛区市场监管局"),
])
def test_a_body_takes_its_fullest_official_form_from_its_county_on(name, text, expected):
    assert docmeta.official_name(name, text) == expected


@pytest.mark.parametrize("text, author", [
    # the body speaking for all its units (辖内各机构) or through its party branch (党支部) is still the subject
    ("5月15日，邮储银行毕节市分行辖内各机构积极开展宣传活动，当地公安局民警到场讲解。", "邮储银行毕节市分行"),
    ("在聊城市阳谷县，阳谷移动分公司党支部组织开展了多种形式的反诈宣传。", "阳谷移动分公司"),
    # a bank's card business and the central bank's treasury speak as bodies
    ("一直以来，兴业银行信用卡将保护消费者合法权益作为出发点。", "兴业银行信用卡"),
    ("3月9日上午，湘西州中心支库联合湘西州邮储银行在村里开展“国债下乡”宣传活动。", "湘西州中心支库"),
    # a unit below a street office that the text also names alone is named alone
    ("4月13日上午，宝华街街道甲乙社区新时代文明实践站联合齐鲁银行天桥支行开展反诈宣讲活动。\n"
     "下一步，甲乙社区新时代文明实践站将继续开展宣传。", "甲乙社区新时代文明实践站"),
    # 我县多部门联合: the departments acted, the first named is the author
    ("我县多部门联合开展宣传活动\n3月15日，县消费者权益保护委员会、县市场监管局联合相关部门开展宣传活动。", "县消费者权益保护委员会"),
])
def test_the_author_by_fourth_round_principles(text, author):
    from xiaobao.importer.pipeline import _read_metadata

    assert _read_metadata(text)["org"] == author


def test_an_operators_city_company_and_its_short_name_are_one_body():
    text = "近年来，中国移动三明公司毫不松懈。三明移动始终紧绷反诈之弦，开展宣传。"
    assert docmeta.official_name("三明移动", text) == "中国移动三明公司"
    assert orgtype.type_from_head("湘西州中心支库")[0] == "regulator"


# --- round 4: what a count counts, and which counts are no results ------------------------------------------

def _figures(text: str) -> set[tuple[str, int | float]]:
    from xiaobao.importer import mentions

    return {(m.metric, m.value) for m in mentions.extract(text)[0]}


@pytest.mark.parametrize("text, expected", [
    # what a swindler says in quotation marks, and a victim's story, are no results
    ("“你近期有大灾，需要5000元‘请神’才能免除灾祸”……骗子盯上了老人。", set()),
    ("这位老人刚接到一个电话，说儿子住院了，急需家里转1万元交手术费。", set()),
    # a purpose clause says whom the campaign is for, not what it did
    ("为确保30余所学校的2万余名学生平安开学，县公安局开展宣传，发放资料500份。", {("materials", 500)}),
    # idioms and times of day are no counts
    ("形成三位一体的格局，早中晚三个时段循环播放，发放正反两面印刷的试卷。", set()),
    # work orders are complaints; a head count of listeners is the audience (views in 人次 stay media)
    ("办理852件平台工单。", {("complaints", 852)}),
    ("广播覆盖10个自然村，收听人数达4980人。", {("other", 10), ("audience", 4980)}),
    ("视频观看2.6万人次。", {("media", 26000)}),
    # cases it helped others investigate are not cases it dealt with; 家 reached by a verb are bodies, not people
    ("协查涉诈案件7000余件，累计覆盖全国511家。", {("other", 7000), ("other", 511)}),
    # reposted content is media even when a verb names its topic (防范…知识)
    ("转发网上防范养老诈骗知识1000余条。", {("media", 1000)}),
    # the seats of a talk count its audience
    ("礼堂里300多个座位座无虚席。", {("audience", 300)}),
])
def test_which_counts_are_results_and_what_they_count(text, expected):
    assert _figures(text) == expected


# --- round 4: the campaign a report names for its own activity ---------------------------------------------

def _campaign(text: str) -> str | None:
    from xiaobao.importer.pipeline import _read_metadata

    return _read_metadata(text)["name"]


@pytest.mark.parametrize("text, expected", [
    # a day written unquoted as the occasion
    ("5月15日，在打击和防范经济犯罪日来临之际，某银行甲市分行辖内各机构积极开展宣传。", "打击和防范经济犯罪日"),
    # one event of its own, named in quotes after 一场/一堂
    ("一场“打假大冒险”在县烟草专卖局仓库火热开启。", "打假大冒险"),
    ("六一前夕，某银行乙市分行将一堂别开生面的“童趣理财小课”带给小朋友。", "童趣理财小课"),
    # 开展“…”暨…, 开办“…”, the activity hosted (主办的“…”), the activity a body held (某检察院“…”活动中)
    ("某街道综治办联合司法所走进社区开展“邻里夜谈”暨防诈骗宣传。", "邻里夜谈"),
    ("人行丙县支行依托农商行在辖区开办“乡村夜课”，由银行员工晚上入村宣讲。", "乡村夜课"),
    ("由人民银行丁市分行主办、某街道承办的“存保十年 守护万家——存款保险乡村行”活动在此启幕。", "存保十年 守护万家——存款保险乡村行"),
    ("9月26日，在丹阳市检察院“检察官进网格”活动中，村民对检察官说道。", "检察官进网格"),
    # a recurring day quoted with its ordinal and the year's theme: the day is the campaign
    ("由市市场监管局主办的“第22个世界计量日——测量守护健康”主题宣传活动在广场举行。", "世界计量日"),
    # a slogan before a programme's name stays part of it
    ("开展“权利·责任·风险—金融消费者权益保护百村行”活动。", "权利·责任·风险—金融消费者权益保护百村行"),
    # a quoted topic is no name, whatever describes the activity after it
    ("组织职工下沉社区开展“反电诈”宣传志愿者活动。", None),
])
def test_the_campaign_by_fourth_round_principles(text, expected):
    assert _campaign(text) == expected


def test_the_titles_own_quoted_name_wins_over_a_programme_mentioned_later():
    text = ("某银行戊市分行开展“青春‘财’能”金融知识宣传活动\n9月，该行走进大学举办宣传活动。"
            "他呼吁同学们以此次金融知识进校园活动为契机，主动学习金融常识。")
    assert _campaign(text) == "青春‘财’能"


@pytest.mark.parametrize("text, expected", [
    # quoted sentences (a pitch, a call) are speech even without 你/我: their numbers are no results
    ("“养生口服液，8000元一支，三支一个疗程可以清除毒素”……骗子专盯老人。", set()),
    # 万亿 is one multiplier
    ("累计协助止付冻结涉案金额超7万亿元。", {("value_yuan", 7 * 10**12)}),
    # 大 counts venues (四大分会场), never kinds or the big operators
    ("除主会场外，四大分会场同样人气高涨。", {("outlets", 4)}),
    ("围绕五大方面开展宣传，三大运营商参与。", set()),
])
def test_speech_trillions_and_venues(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, author", [
    # an office named by a short word for its work under a street office or town
    ("3月15日，汪溪街道农发办以“3·15”为契机，联合多部门开展农资打假宣传。", "汪溪街道农发办"),
    # a district's police by the short name it signs with; 公安机关 is no body's name
    ("成都新都公安借助“赶场日”人流量大的特点开展反诈宣传。", "成都新都公安"),
    ("县公安机关开展宣传活动。", None),
    # 举办, 承办 after a town are verbs, not an office
    ("3月15日，城关镇人民政府与县市场监管局在广场共同举办宣传活动。", "城关镇人民政府"),
])
def test_short_office_and_police_names(text, author):
    assert _org(text) == author


def test_a_police_short_name_takes_the_bureaus_full_name_in_the_text():
    text = "兰州公安开展宣传。兰州市公安局组织民警走进社区。"
    assert docmeta.official_name("兰州公安", text) == "兰州市公安局"


@pytest.mark.parametrize("text, present, absent", [
    # telling real notes from fake is anti-counterfeit work
    ("工作人员详细向大家介绍了真假人民币的鉴别，发放快速鉴别人民币的单页。", {"anti-counterfeit"}, set()),
    # 依法维权 and 维权意识 are said of any victim: not the consumer-protection law
    ("民警提醒群众增强维权意识，遇到诈骗要依法维权。", {"fraud-prevention"}, {"consumer-law"}),
    # 骗局 alone, sellers' and insured people's fraud, and 洗钱 are not telecom fraud
    ("揭露非法集资骗局，远离集资陷阱。", {"illegal-fundraising"}, {"fraud-prevention"}),
    ("讲解保健食品欺诈的主要类型。", set(), {"fraud-prevention"}),
    ("在广场举办“打击欺诈骗保 维护基金安全”宣传活动。", {"insurance"}, {"fraud-prevention"}),
    ("开展反洗钱宣传，讲解洗钱的危害。", set(), {"fraud-prevention"}),
    # the telecom fraud words still count
    ("开展防范电信网络诈骗宣传，讲解反诈知识。", {"fraud-prevention"}, set()),
])
def test_topics_by_what_the_activity_covered(text, present, absent):
    from xiaobao.importer import metadata

    found = set(metadata.topics(text))
    assert present <= found and not (absent & found)


def test_app_installs_promoted_are_other_and_say_why():
    from xiaobao.importer import mentions

    [m] = mentions.extract("推广注册“国家反诈中心”APP和核实下载情况30000余人次。")[0]
    assert (m.metric, m.value) == ("other", 30000) and "应用" in m.reason


@pytest.mark.parametrize("text, expected", [
    # a short quoted phrase of verbs and adverbials says how the work was done, not what it is called
    ("组织工作人员开展“面对面”宣讲活动，讲解常见诈骗手段。", None),
    ("该支行组织员工走进企业开展“走出去”宣传活动。", None),
    # a coined name holds a noun or a number
    ("县市场监管局开展“双百”宣传活动。", "双百"),
])
def test_a_manner_in_quotes_is_no_campaign(text, expected):
    assert _campaign(text) == expected
