"""Importer rules that follow from how Chinese summaries are written, not from one report (issue 28).

Each sentence was written for this test; none is copied from the labelled corpus."""

import pytest

from xiaobao.importer import import_text, words
from xiaobao.importer.mentions import extract


def readings(text: str) -> list[tuple[str, float, str]]:
    mentions, _ = extract(text)
    return [(m.metric, m.value, m.label) for m in mentions]


@pytest.mark.parametrize("text, expected", [
    # 员 and 者 are bound suffixes: with the word before them they name people the dictionary lacks
    ("组织快递员20余名参与宣传。", [("staff", 20, "快递员")]),
    ("现场为受骗者30余名提供帮助。", [("audience", 30, "受骗者")]),
])
def test_agent_suffixes_make_a_person_noun(text, expected):
    assert readings(text) == expected


def test_agent_suffix_joins_the_word_before_it():
    assert ("快递员", "n") in words.cut("组织快递员")


@pytest.mark.parametrize("text, expected", [
    # a count inside brackets quantifies the noun before them
    ("张贴海报（30张）。", [("displays", 30, "海报")]),
    ("发放反假币宣传手册（200份）、张贴海报（30张）。", [("materials", 200, None), ("displays", 30, "海报")]),
    # a count after an aside is read by the noun before the aside, not by the aside or the measure word alone
    ("发放宣传资料（含折页、手册）1200余份。", [("materials", 1200, "宣传资料")]),
    ("接待群众咨询（含现场及电话）300余人次。", [("consultations", 300, "群众咨询")]),
])
def test_a_parenthetical_annotates_the_noun_before_it(text, expected):
    got = readings(text)
    assert [(m, v) for m, v, _ in got] == [(m, v) for m, v, _ in expected]
    assert all(want is None or label == want for (_, _, label), (_, _, want) in zip(got, expected))


def test_a_parenthetical_reasoning_is_not_a_guess_from_the_unit():
    [mention], _ = extract("发放宣传资料（含折页、手册）1200余份。")
    assert mention.basis == "head" and "宣传资料" in mention.reason


@pytest.mark.parametrize("text, organization, org_type", [
    # railway depots and stations, and offices named for what they administer, are bodies acting
    ("近日，郑州机务段组织开展防范电信网络诈骗宣传活动，发放资料200份。", "郑州机务段", "enterprise"),
    ("近日，禹州高铁站在候车室开展反诈宣传活动。", "禹州高铁站", "enterprise"),
    ("近日，县水利管理处在集市开展宣传活动。", "县水利管理处", "other"),
])
def test_institutional_heads_name_the_actor(text, organization, org_type):
    [c] = import_text(text, "x.docx")
    assert (c.organization, c.org_type) == (organization, org_type)


def test_a_word_ending_like_a_unit_is_no_body():
    [c] = import_text("在这一阶段，志愿者在路段上开展了宣传。", "x.docx")
    assert c.organization is None


@pytest.mark.parametrize("text, metric, label", [
    # an activity noun before another noun is a modifier; the noun after it is the head
    ("组建5支宣传小队深入村组。", "other", "宣传小队"),
    ("现场设置3个活动区域。", "outlets", "活动区域"),  # read by its verb, not as 3 events
])
def test_an_activity_noun_before_a_noun_modifies_it(text, metric, label):
    [(got_metric, _, got_label)] = readings(text)
    assert (got_metric, got_label) == (metric, label)


@pytest.mark.parametrize("text, metric", [
    ("全市115个网点统一张贴海报。", "outlets"),  # a concrete head stays the head; 统一 is the next verb's adverb
    ("吸引300余名群众现场咨询。", "consultations"),  # 现场 stands for an adverb, it heads nothing
    ("开展12场金融知识讲座。", "events"),
])
def test_concrete_heads_and_adverbial_nouns_keep_their_reading(text, metric):
    assert readings(text)[0][0] == metric


@pytest.mark.parametrize("text, metric, label", [
    # the predicate after people counted tells their role: who joins or forms the team works for the campaign
    ("全市120名外卖骑手加入反诈宣传队伍。", "staff", "外卖骑手"),
    ("共有30名快递小哥加入宣传志愿服务队。", "staff", "快递小哥"),
    # people reached stay the audience, whatever they join
    ("吸引200余名群众参与。", "audience", "群众"),
    ("200余名群众加入反诈群。", "audience", "群众"),
])
def test_people_who_join_the_team_are_staff(text, metric, label):
    [(got_metric, _, got_label)] = readings(text)
    assert (got_metric, got_label) == (metric, label)


@pytest.mark.parametrize("text, organization", [
    # a headline names the actor by its place; the opening sentence names the body of that place that acted
    ("小汉镇开展宣传\n3月15日，小汉镇人民政府在集市开展消费维权宣传活动。", "小汉镇人民政府"),
    # a short official head (消协) is a name's end as the type table knows it
    ("郑州市消费者权益保护日活动举行\n3月15日，郑州市消协在二七广场开展活动。", "郑州市消协"),
    # the place itself acting stays the place; a doubled character is a typo, not a body
    ("刘集镇开展反诈宣传\n今年以来，刘集镇加大反诈骗宣传力度。", "刘集镇"),
    ("中山镇开展宣传\n近期，中山镇镇充分发挥基层组织力量，开展了宣传。", "中山镇"),
])
def test_headline_place_and_the_body_of_that_place(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


@pytest.mark.parametrize("text, organization", [
    # units below a county are named after a township or neighbourhood that no division list holds
    ("民警进村宣传防诈骗\n4月2日，城南派出所深入村组开展宣传。", "城南派出所"),
    # a body's party committee and a school's students act for it
    ("为切实提升旅客防骗意识，郑州机务段党委组织青年志愿者在车站开展宣传。", "郑州机务段"),
    ("近日，湖北大学商学院学生志愿者走进社区开展金融知识宣传。", "湖北大学商学院"),
])
def test_local_units_and_the_people_acting_for_a_body(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


def test_a_bare_unit_word_is_still_no_name():
    [c] = import_text("近日，派出所民警走进社区开展宣传。", "x.docx")
    assert c.organization is None


def test_a_next_step_sentence_names_no_topic():
    from xiaobao.importer.metadata import topics

    text = "近日，县市场监管局在集市开展消费维权宣传。下一步，该局将持续强化产品质量监管。"
    assert "product-quality" not in topics(text) and "consumer-law" in topics(text)
    assert "product-quality" in topics("近日，县市场监管局在集市开展产品质量宣传。")


@pytest.mark.parametrize("text", ["（" * 20000 + "30张", "发放资料" + "（）" * 5000 + "30份", "员者" * 5000 + "3名"])
def test_runs_of_brackets_and_suffixes_neither_crash_nor_stall(text):
    mentions, _ = extract(text)
    assert len(mentions) <= 1


@pytest.mark.parametrize("text, campaign", [
    # national months and days that recur every year are known campaigns, named as the occasion
    ("县市场监管局开展安全用药月宣传\n9月10日，县市场监管局在广场开展2024年全国安全用药月宣传活动。", "全国安全用药月"),
    # a quoted day, week or month named in the title is the campaign, even beside another known one
    ("开发区分局开展“全国特种设备安全日”进社区活动\n为深入开展好“安全生产月”活动，宣传好“全国特种设备安全日”"
     "系列活动，6月27日，开发区分局在社区开展“全国特种设备安全日”宣传活动。", "全国特种设备安全日"),
])
def test_recurring_days_weeks_and_months(text, campaign):
    [c] = import_text(text, "x.docx")
    assert c.campaign == campaign


@pytest.mark.parametrize("text, metric", [
    # people counted by the measure word alone, then their predicate: joining the team makes them staff
    ("吸引快递员、外卖骑手等30余人加入反诈志愿者队伍。", "staff"),
    # an activity noun modifying a noun before the count is no keyword for the clause either
    ("全市共划分活动区域6个。", "other"),
    ("组建宣传小队5支，深入村组宣传。", "other"),
    # a verb inside the noun phrase before its head is still read as a modifier when no people are counted
    ("设立3个防范非法集资宣传教育点。", "outlets"),
])
def test_people_and_their_predicate_and_compounds_before_the_count(text, metric):
    assert readings(text)[0][0] == metric


@pytest.mark.parametrize("text, metric", [
    # a verb inside a relative clause (…的) on the counted noun does not govern the count
    ("参与宣传的快递员共有80名。", "staff"),
    ("参与活动的群众达300人。", "audience"),
    ("共计投入人力120人次。", "staff"),
])
def test_relative_clauses_and_manpower(text, metric):
    assert readings(text)[0][0] == metric


def test_a_list_closed_by_deng_is_read_by_its_last_item():
    # 等 closes a list of what is counted: the last item is the counted noun, not nothing
    assert readings("走访商户、居民等300余户。") == [("audience", 300, "居民")]


@pytest.mark.parametrize("text, organization", [
    # a county's bureau or commission named for its whole remit keeps its 和 (an official name, not two bodies)
    ("近日，剑阁县人力资源和社会保障局在县城广场开展根治欠薪宣传活动。", "剑阁县人力资源和社会保障局"),
    ("近日，剑阁县住房和城乡建设局在县城广场开展宣传活动。", "剑阁县住房和城乡建设局"),
    ("近日，剑阁县发展和改革委员会开展宣传活动。", "剑阁县发展和改革委员会"),
    # two bodies joined by 与 stay two; a swindle (骗局) is no bureau
    ("近日，剑阁县公安局与县市场监管局联合开展宣传活动。", "剑阁县公安局"),
    ("近日，剑阁县在全县范围内开展揭露骗局宣传活动。", "剑阁县"),
])
def test_bureaus_named_for_their_remit(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


def test_a_school_named_for_two_fields_keeps_its_conjunction():
    [c] = import_text("近日，西南财经大学经济与管理学院开展宣传活动。", "x.docx")
    assert c.organization == "西南财经大学经济与管理学院"


def test_a_head_the_type_table_knows_is_never_cut():
    [c] = import_text("近日，广元市金融消费者权益保护协会开展宣传活动。", "x.docx")
    assert (c.organization, c.org_type) == ("广元市金融消费者权益保护协会", "consumer_association")


@pytest.mark.parametrize("text, expected", [
    # a county or city whose name begins with a numeral (a real division, written in full) counts nothing
    ("三台县市场监督管理局开展宣传，发放资料200份。", [("materials", 200)]),
    ("在七台河市发放宣传资料三千份。", [("materials", 3000)]),
    ("四会市开展宣传活动。", []),
    # a numeral before a place that is not one division's name is still read
    ("走访三个县的网点。", [("other", 3)]),
])
def test_a_numeral_that_begins_a_place_name_is_no_count(text, expected):
    assert [(m, v) for m, v, _ in readings(text)] == expected


@pytest.mark.parametrize("text, organization", [
    # a division written in full is never trimmed, though the segmenter cuts it (达|日|县) and its first
    # character is a function word
    ("近日，达日县市场监督管理局以计量为切入点开展宣传活动。", "达日县市场监督管理局"),
    ("近日，为民县市场监管局开展宣传活动。", None),  # not a division: 为 is still cut off, and 民县… names no one
])
def test_a_division_in_full_is_never_trimmed(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


@pytest.mark.parametrize("text, organization", [
    # subject, a short adverbial of manner, then the main verb: the adverbial is no verb of its own
    ("本报讯 连日来，宁海县公安局城关派出所多举措开展反诈宣传。", "宁海县公安局城关派出所"),
    ("近日，工商银行宁海支行多渠道举办金融知识讲座。", "工商银行宁海支行"),
    # a body that only reports or is listed is still no subject
    ("近日，宁海县公安局表示将开展反诈宣传。", None),
])
def test_an_adverbial_of_manner_before_the_main_verb(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


@pytest.mark.parametrize("text, expected", [
    # a list of nouns after a count (A、B) is one phrase: the last item is its head, the predicate after it
    # applies to all (加入 makes them staff); 外卖 is cut as a verb but is an item of the list
    ("组织600多名外卖、快递小哥加入宣传队伍。", [("staff", 600, "外卖、快递小哥")]),
    # a count followed by 、 and a new clause is no list
    ("设置咨询台3个、发放资料200份。", [("outlets", 3, "咨询台"), ("materials", 200, "资料")]),
])
def test_a_list_of_nouns_after_a_count_shares_its_head(text, expected):
    assert readings(text) == expected


def test_a_space_before_the_approximation_suffix():
    # web copies put a space after the digits, before 余/多 as before a measure word
    assert readings("组织60 余名志愿者参会。") == [("staff", 60, "志愿者")]


_FILLER = "活动现场气氛热烈，群众纷纷点赞，工作人员耐心细致，取得了良好的社会效果。" * 8  # past the opening


@pytest.mark.parametrize("tail, topic, expected", [
    # named once, past the opening, in passing: a standard the town set, a spokesman's aside
    ("按照无非法集资场所的标准评选示范村。", "illegal-fundraising", False),
    ("负责人表示，9月是金融知识普及月。", "financial-literacy", False),
    # named once, past the opening, but the clause says the activity told people about it, listed it or counted it
    ("工作人员提醒居民远离非法集资。", "illegal-fundraising", True),
    ("现场受理消费投诉5宗。", "complaint-handling", True),
    ("此次金融知识进校园活动密切了银校合作。", "financial-literacy", True),
])
def test_a_topic_met_once_in_passing_is_not_covered(tail, topic, expected):
    from xiaobao.importer import metadata

    text = "近日，某县某支行在广场开展宣传活动。" + _FILLER + tail
    assert (topic in metadata.topic_words(text)) is expected


def test_a_topic_in_the_opening_or_named_twice_is_covered():
    from xiaobao.importer import metadata

    assert "illegal-fundraising" in metadata.topic_words("近日，某支行开展防范非法集资宣传。" + _FILLER)
    assert "illegal-fundraising" in metadata.topic_words("近日，某支行开展宣传。" + _FILLER + "无非法集资场所。无非法集资人员。")


@pytest.mark.parametrize("text, organization", [
    # 由A指导，B主办，C承办: the host is the author, not the guide or the body that ran it for the host
    ("近日，宣传活动已全面推开，由人民银行某市分行、某市市场监督管理局指导，某市金融消费权益保护协会主办，"
     "某杂志承办。", "某市金融消费权益保护协会"),
    ("3月15日，宣传活动在某县广场举行。本次活动由某省消费者协会主办，某县市场监督管理局、某县消费者协会承办，"
     "以放心消费为主题。", "某省消费者协会"),
    # 参与由…主办的活动: another body's event that the author joined
    ("近日，邮储银行某县支行积极参与由当地公安局联合主办的宣传活动。", "邮储银行某县支行"),
])
def test_the_host_of_an_event_is_its_author(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


def test_a_known_campaign_inside_a_quotation_is_named_as_quoted():
    # the known name 守住钱袋子 is the start of the name the report quotes: the fullest mention, whole
    [c] = import_text("近日，某县农商银行开展“守住钱袋子,护好幸福家”防范非法集资宣传教育活动，发放资料200份。", "x.docx")
    assert c.campaign == "守住钱袋子,护好幸福家"


def test_a_count_restated_without_its_noun_is_labelled_once():
    # the headline restates the body's count by its measure word alone: one figure, read by its noun
    text = "某市600多名外卖、快递小哥有了新身份\n近日，派出所组织600多名外卖、快递小哥加入反诈宣传队伍。"
    assert [(m, v) for m, v, _ in readings(text)] == [("staff", 600)]


def test_a_count_whose_noun_is_quoted_is_not_a_restatement():
    text = "评选出首批10家“放心消费承诺单位”。会上表彰了工作成效突出的10家单位。"
    assert [(m, v) for m, v, _ in readings(text)] == [("other", 10), ("other", 10)]


def test_a_space_between_the_noun_and_its_count():
    # web copies put a space before the number as after it: the noun before is still the one counted
    assert readings("发放宣传资料 200份。") == [("materials", 200, "宣传资料")]
@pytest.mark.parametrize("text, expected", [
    # a Chinese numeral is a count only as a word of its own: not inside an idiom, not read digit by digit
    ("吸引了来自四面八方的群众。", []),
    ("五一支行开展宣传。", []),
    ("开展三场讲座，组织十五名志愿者。", [("events", 3), ("staff", 15)]),
])
def test_a_chinese_numeral_inside_a_word_is_no_count(text, expected):
    assert [(m, v) for m, v, _ in readings(text)] == expected


def test_verbs_listed_with_a_stroke_share_their_object():
    # 解答、指导群众: both verbs take 群众, and 解答 makes them consultations
    assert [(m, v) for m, v, _ in readings("现场解答、指导群众100余人次。")] == [("consultations", 100)]


def test_the_ordinal_of_a_recurring_day_is_no_part_of_its_name():
    [c] = import_text("在第四个全民国家安全教育日到来之际，某县公安局开展宣传活动。", "x.docx")
    assert c.campaign == "全民国家安全教育日"


@pytest.mark.parametrize("text, expected", [
    # slogans counted by 条 are lines played or posted (media); hung up they stay displays
    ("活动期间在电子屏滚动播放宣传标语300余条。", [("media", 300)]),
    ("在门口悬挂宣传标语5条。", [("displays", 5)]),
    # labels, stickers and festive crafts are things, not leaflets or boards
    ("抽查商品标重标签200余个。", [("other", 200)]),
    ("现场书写福字80张、春联60副。", [("other", 80), ("other", 60)]),
    ("悬挂横幅2副。", [("displays", 2)]),
    # followers and people a scheme protects are a state, not people the campaign reached
    ("公众号关注粉丝数达1.2万人。", [("other", 12000)]),
    # people answered are consultations, whatever noun names them
    ("志愿者现场为80余名群众解答疑问。", [("consultations", 80)]),
    ("为300多名投资者讲解。", [("audience", 300)]),
    # officers on an enforcement check are enforcement staff, even when they also did publicity
    ("出动执法检查宣传人员120余人次。", [("enforcement_staff", 120)]),
    ("组织宣传人员20名开展执法宣传。", [("staff", 20)]),
])
def test_what_the_head_does_in_its_sentence(text, expected):
    assert [(m, v) for m, v, _ in readings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a count of kinds names a list of topics unless goods are named beside it
    ("讲解刷单返利、虚假贷款等12类高发电诈手段。", []),
    ("讲解了5类影响征信的行为。", []),
    ("集中销毁40余种过期食品。", [("other", 40)]),
    # a body's own sections, a population: not what the campaign did
    ("局内反垄断等9个股室参与。", []),
    ("全县30万人口。", []),
    # 万 with a noun naming people is a count without a measure word
    ("活动覆盖约150万学生。", [("audience", 1500000)]),
    ("把反诈知识送到20余万师生身边。", [("audience", 200000)]),
    ("计划覆盖100万群众。", []),
    ("共打造宣传船30艘。", [("other", 30)]),
])
def test_counts_of_kinds_sections_and_people_without_a_measure_word(text, expected):
    assert [(m, v) for m, v, _ in readings(text)] == expected


def test_a_reason_names_the_word_a_metric_came_from():
    mentions, _ = extract("志愿者现场为80余名群众解答疑问，播放宣传标语30条。")
    assert [m.reason for m in mentions] == ["‘群众’后面是‘解答’，按‘解答’算作咨询",
                                             "按‘标语’算作媒体与新媒体发布（论条的标语是播放或发布的条数）"]


@pytest.mark.parametrize("text, expected", [
    # people stopped from paying a swindler were protected, not taught
    ("民警成功劝阻近50名群众向骗子转账。", [("other", 50)]),
    # people helped to install an app are app installs, whether the app is named before or after them
    ("手把手教20余名老人安装反诈APP。", [("other", 20)]),
    ("为律师提供法律建议10余人次。", [("consultations", 10)]),
    # publicity counted on a medium is posts, not events
    ("在短视频平台宣传3万余次。", [("media", 30000)]),
    ("开展集中宣传3次。", [("events", 3)]),
    # a share of a population and a rate set as a goal or a condition describe; a rate achieved is kept
    ("全村60岁以上老人占全村总人口近25%。", []),
    ("确保计量器具受检率达100%。", []),
    ("受理投诉20件，办结率达100%。", [("complaints", 20), ("other", 100)]),
])
def test_people_protected_apps_media_and_rates(text, expected):
    assert [(m, v) for m, v, _ in readings(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # people invited to speak or perform serve the campaign; people invited to attend are its audience
    ("活动邀请9位当地书法家。", [("staff", 9)]),
    ("邀请100余名群众参加活动。", [("audience", 100)]),
    # a few people introduced in the story (两位主播) are no count of results; digits are
    ("两位主播围绕非法集资讲解。", []),
    ("组织12位讲师开展宣讲。", [("staff", 12)]),
])
def test_people_invited_and_people_in_the_story(text, expected):
    assert [(m, v) for m, v, _ in readings(text)] == expected


def test_a_few_people_with_a_known_role_are_counted():
    assert [(m, v) for m, v, _ in readings("邀请两位专家现场答疑。")] == [("staff", 2)]


@pytest.mark.parametrize("text, expected", [
    # people or bodies that will act later are the subject of a plan, not a result
    ("该局的七个基层监管所会在后续赶集日发放宣传资料。", []),
    ("30名志愿者将于近期开展宣传。", []),
    ("发放资料300份，将在后续继续开展。", [("materials", 300)]),
    # a layout (划分为131个网格) says how something is divided
    ("将辖区划分为131个网格。", []),
])
def test_plans_after_the_count_and_layouts(text, expected):
    assert [(m, v) for m, v, _ in readings(text)] == expected


_FRAUD = "某支行开展防范电信网络诈骗宣传。" + "工作人员讲解电信诈骗案例。" * 5  # a report plainly about telecom fraud


@pytest.mark.parametrize("aside, topic, expected", [
    # named once in a report about another topic: advice on how to avoid it, a law handed out beside it
    ("工作人员提醒群众不透露个人信息。", "information-security", False),
    ("现场还向群众宣传了《中华人民共和国食品安全法》。", "food-safety", False),
    # an item of a list of what was covered stays a topic of its own
    ("工作人员还讲解了反洗钱、个人信息保护等知识。", "information-security", True),
    ("同时普及防范非法集资和反假币知识。", "illegal-fundraising", True),
])
def test_a_topic_named_once_beside_the_main_topic_counts_only_as_a_list_item(aside, topic, expected):
    from xiaobao.importer import metadata

    text = "近日，某县开展宣传活动。\n" + _FRAUD + _FILLER + aside
    assert "fraud-prevention" in metadata.topic_words(text)
    assert (topic in metadata.topic_words(text)) is expected


@pytest.mark.parametrize("text, organization", [
    # units below a county named after a village or market town, known by their level alone (市场监督管理所, 管理所)
    ("3月15日，王集市场监督管理所在集市开展宣传活动。", "王集市场监督管理所"),
    ("近日，某交投公司王家畈管理所开展安全宣传。", "某交投公司王家畈管理所"),
    # a verb with its aspect mark is no part of a name: the people before it received, the bank gave
    ("当天，200余位环卫工人接过广发银行武汉分行工作人员递来的爱心包。", "广发银行武汉分行"),
    # a province's bureau acting is not filled out to a city's bureau of the same kind named after it
    ("近日，山东省市场监管局、山东省消费者协会联合淄博市市场监管局、淄博市博山区市场监管局在大集开展宣传。",
     "山东省市场监管局"),
])
def test_who_acted_is_read_whole(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


def test_a_national_campaign_keeps_its_national_mark_across_a_quote():
    [c] = import_text("2023年全国“质量月”期间，某县市场监管局在广场开展宣传活动。", "x.docx")
    assert c.campaign == "全国质量月"


def test_a_quoted_team_name_is_no_activity_name():
    [c] = import_text("2月3日，某县公路管理所“峡江高山兰”志愿服务队走进横冲村，开展反诈宣传。", "x.docx")
    assert c.organization == "某县公路管理所"
    assert c.campaign != "峡江高山兰"


@pytest.mark.parametrize("text, organization", [
    # a zone's bureau is named after the zone (经济区, like 开发区); a town's office after the town and its work
    ("日前，宣传周活动启动。期间，临空经济区市场监管分局将通过进企业、进校园等形式宣传。", "临空经济区市场监管分局"),
    ("近日，某县枣园镇平安建设办公室创新宣教形式，联合司法所开展宣传。", "某县枣园镇平安建设办公室"),
    # a school named for two fields, alone
    ("4月16日，文化与传播学院精心组织开展了反诈宣传活动。", "文化与传播学院"),
])
def test_bodies_named_after_a_zone_a_town_office_or_two_fields(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


def test_the_headline_subject_after_a_lead_phrase_beats_the_publishers_source_line():
    text = ("润物细无声 某银行福州分行开展形式多样的金融知识宣传活动\n来源：某省银行业协会\n"
            "按照协会统一部署，某银行福州分行自6月起开展宣传。")
    [c] = import_text(text, "x.docx")
    assert c.organization == "某银行福州分行"


@pytest.mark.parametrize("text, organization", [
    # a railway depot speaks of itself as 该段: resolved to its name, written once where it is no subject
    ("10月27日，重庆机务段车间副司机参加完学习后说道。连日来，该段在全段开展防范电信网络诈骗宣传。", "重庆机务段"),
    # an insurer by its brand and line of business
    ("近日，金华平安产险组织志愿者走进村里开展防灾减灾宣传。", "金华平安产险"),
])
def test_a_depot_speaking_of_itself_and_an_insurer_by_its_line(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


def test_the_year_after_a_campaigns_name_is_its_edition():
    [c] = import_text("近日，某县市场监管局开展“春雷行动2019”宣传活动。", "x.docx")
    assert c.campaign == "春雷行动"


@pytest.mark.parametrize("text, name", [
    # the quoted name before a long description of the activity it names
    ("3月10日，某市公安局联合开展“人人参与、共筑平安”寄递行业防范电信网络诈骗犯罪宣传活动启动仪式。", "人人参与、共筑平安"),
    # the quoted name of a series that took place somewhere
    ("2月26日下午，开学第一课之防骗“1+6+N”系列活动，在某区育才小学正式启动。", "1+6+N"),
])
def test_a_quoted_activity_name_before_its_description(text, name):
    [c] = import_text(text, "x.docx")
    assert c.campaign == name


@pytest.mark.parametrize("text", [
    # a body named as the place where it happened (在某信用社前开展) is not who acted
    "近日，我镇在人员流动比较密集的砂田信用社前开展了防范非法集资宣传活动。",
    # every local branch of a bank is no one body
    "为提升公众防假能力，各地人民银行联合有关成员单位开展了形式多样的反假货币宣传活动。",
])
def test_a_place_of_action_or_every_local_branch_is_no_author(text):
    [c] = import_text(text, "x.docx")
    assert c.organization is None


def test_a_publishers_source_line_gives_way_to_the_sign_off():
    text = ("金融知识宣传进社区\n来源：中共广州市委宣传部\n近日，一场金融知识宣传活动在某社区热闹开展。"
            "活动现场，工作人员讲解了防诈骗知识。\n广发银行广州分行")
    [c] = import_text(text, "x.docx")
    assert c.organization == "广发银行广州分行"


@pytest.mark.parametrize("text, organization", [
    # the partner that speaks of itself (我院, 我局) reports the joint activity
    ("3月15日，天河区市场监督管理局联合天河区人民检察院在广场开展宣传活动。活动中，我院干警向群众讲解了公益诉讼知识。",
     "天河区人民检察院"),
    # the subject that speaks of itself stays; a person quoted saying 我会 (I will) is no body
    ("近日，某县农商银行联合某县公安局在广场开展反诈宣传活动。我行员工向群众讲解了知识。", "某县农商银行"),
    ("3月15日，天河区市场监督管理局联合天河区消费者协会在广场开展宣传活动。市民说：“我会注意的。”", "天河区市场监督管理局"),
])
def test_the_partner_that_says_we_is_the_author(text, organization):
    [c] = import_text(text, "x.docx")
    assert c.organization == organization


def test_a_dated_day_is_named_by_its_national_form_when_the_text_writes_it():
    text = ("某县公安局开展“5·15”打击和防范经济犯罪宣传日活动\n"
            "5月15日是第五个全国公安机关打击和防范经济犯罪宣传日，某县公安局在广场开展宣传活动。")
    [c] = import_text(text, "x.docx")
    assert c.campaign == "全国公安机关打击和防范经济犯罪宣传日"


def test_a_sub_branch_that_acted_beats_its_branch_on_the_source_line():
    text = ("金融知识进校园\n来源：农业银行宁德分行\n"
            "近日，农行宁德蕉城支行走进校园开展普及金融知识宣传活动。")
    [c] = import_text(text, "x.docx")
    assert c.organization == "农行宁德蕉城支行"


def test_this_trade_is_no_bank_speaking_of_itself():
    from xiaobao.importer import docmeta

    assert docmeta.own_word("近日，本行业协会组织会员单位开展宣传。") is None
    assert docmeta.own_word("近日，本行组织员工开展宣传。") == "行"
