"""A figure is classified by what it counts (issue 28, error classes 1–3).

Every sentence here was written for this test in the shape of the measured failures (the
reports themselves are not copied): the count's own noun and verb decide, not a keyword
somewhere else in the sentence.
"""

import pytest

from xiaobao.importer import import_text
from xiaobao.importer.mentions import extract


def figures(text: str) -> set[tuple[str, float, str]]:
    mentions, _ = extract(text)
    return {(m.metric, m.value, m.qualifier) for m in mentions}


def only(text: str):
    mentions, _ = extract(text)
    assert len(mentions) == 1, [(m.metric, m.value, m.quote) for m in mentions]
    return mentions[0]


@pytest.mark.parametrize("text, metric, value, qualifier", [
    # 1. the counted noun decides, not another noun earlier in the sentence
    ("支行邀请资深讲师走进证券营业部，为300多名投资者讲解防范非法集资知识。", "audience", 300, "more_than"),
    ("公司组织理财经理深入社区，向260余名老年居民讲解养老诈骗的常见套路。", "audience", 260, "more_than"),
    ("活动由青年员工担任讲解员，共吸引大学新生400余人参加。", "audience", 400, "more_than"),
    ("分行抽调业务骨干组成宣讲团，派出宣讲人员85名。", "staff", 85, "exact"),
    ("志愿者走进集市，现场服务群众1500人次。", "audience", 1500, "exact"),
    # households are people reached
    ("工作人员入户宣传，走访农户260户。", "audience", 260, "exact"),
    ("网格员逐户上门，累计入户宣传1200户次。", "audience", 1200, "exact"),
    ("执法人员检查食品经营户300户次。", "inspections", 300, "exact"),
    # reposts on 朋友圈 are media, not SMS; an SMS named with 微信 is SMS
    ("员工通过微信朋友圈转发宣传信息120条。", "media", 120, "exact"),
    ("通过微信、短信向客户推送风险提示5000条。", "sms", 5000, "exact"),
    ("向辖内客户发送提示短信2.3万条。", "sms", 23000, "exact"),
    # a list hides the verb: 解答 governs the whole list
    ("现场为群众解答金融知识、征信查询、反假币等问题800余次。", "consultations", 800, "more_than"),
    ("活动期间受理群众咨询、解答疑问共计350余次。", "consultations", 350, "more_than"),
    ("转发朋友圈宣传海报200余次。", "media", 200, "more_than"),
    # 3. numbers after an ASCII comma (web copies) and without a measure word
    ("活动现场,3000余名群众参与互动。", "audience", 3000, "more_than"),
    ("本次宣传,共发放宣传折页1500份。", "materials", 1500, "exact"),
    ("公众号推文访问量近2万。", "media", 20000, "nearly"),
    ("相关短视频播放量超过12万。", "media", 120000, "more_than"),
    # the object of 对…开展检查 is inspected; 笔 counts complaints when the noun says so
    ("市场监管所对辖内26家超市开展食品安全检查。", "inspections", 26, "exact"),
    ("活动期间，各网点共计受理客户投诉23笔，均已妥善处理。", "complaints", 23, "exact"),
    # web copies: digits with a Chinese multiplier, a plus sign
    ("现场发放宣传资料5千余份。", "materials", 5000, "more_than"),
    ("活动吸引3000+人参与。", "audience", 3000, "more_than"),
    # third round: answering people is consultations; police sent to a stall are staff; a volume in 人次 is media
    ("民警在集市现场解答村民群众200余人次。", "consultations", 200, "more_than"),
    ("派出所一共出动警力30余名，在广场设点宣传。", "staff", 30, "more_than"),
    ("每条短视频观看量超过5万人次。", "media", 50000, "more_than"),
    # the noun after the count (接受…人次咨询); a hotline total of 投诉举报咨询 is complaints
    ("工作人员现场接受600余人次咨询。", "consultations", 600, "more_than"),
    ("全年共受理投诉举报咨询1.2万件。", "complaints", 12000, "exact"),
    # a publicity point (宣传教育点) is an outlet
    ("今年以来，镇里挂牌了3个防范非法集资宣传教育点。", "outlets", 3, "exact"),
    # works counted with 部 are media; a verb inside the noun phrase does not hide its head
    ("该行今年制作3部原创宣教作品，在抖音播放。", "media", 3, "exact"),
    ("工作人员指导群众安装反诈App12余部。", "other", 12, "more_than"),
    # teams counted with 支 are other, not events
    ("镇里组建8支宣传小分队深入各村。", "other", 8, "exact"),
])
def test_the_counted_noun_decides(text, metric, value, qualifier):
    mention = only(text)
    assert (mention.metric, mention.value, mention.qualifier) == (metric, value, qualifier), mention.reason
    assert mention.quote in text and any(ch.isdigit() or ch in "一二三四五六七八九十百千万" for ch in mention.quote)


@pytest.mark.parametrize("text", [
    "工作人员向群众讲解2019年版20元人民币的防伪特征。",
    "现场展示第五套人民币50元纸币的水印和安全线。",
    "宣传围绕三个主题展开：防诈骗、防非法集资、保护个人信息。",
    "提醒老年人牢记三个不：不轻信、不透露、不转账。",
    "活动突出五个方面的重点，落实四项措施。",
    "预计全年共组织十期讲座，计划发放资料两万份。",  # plans, not results
    "老人说自己不小心收到了一张20元的假币。",  # one banknote
    "活动分为两个部分，突出六个特色。",  # parts and features of the activity, not results
    "工作人员提醒，如果秤上显示是0.2千克，就要当心缺斤短两。",  # a hypothetical
    "下半年宣传覆盖的群众将至少达到3000人。",  # the future
    "市场监管、公安两部门联合开展宣传。",  # 部门, not the measure word 部
    "工作人员对2015年版100元和新版50元,20元,10元,5元的防伪特征进行解析。",  # denominations listed
])
def test_face_values_plans_and_slogans_are_not_figures(text):
    assert figures(text) == set()


def test_amounts_in_yuan_are_still_figures_next_to_face_values():
    found = figures("为群众兑换20元人民币新钞，共兑换残损人民币3.5万元。")
    assert found == {("value_yuan", 35000, "exact")}


def test_every_figure_says_why_it_got_its_metric():
    mention = only("支行邀请资深讲师走进证券营业部，为300多名投资者讲解防范非法集资知识。")
    assert mention.reason == "按‘投资者’算作受众"
    assert mention.basis == "head"
    mention = only("现场为群众解答金融知识、征信查询、反假币等问题800余次。")
    assert mention.reason == "按动词‘解答’算作咨询" and mention.basis == "verb"
    [campaign] = import_text("甲银行开展宣传。为300多名投资者讲解防范非法集资知识。")
    assert campaign.as_json()["mentions"][0]["reason"] == "按‘投资者’算作受众"


def test_a_guess_from_elsewhere_in_the_sentence_is_marked_weak():
    mention = only("讲师团成员深入乡镇开展宣讲，覆盖面广，累计120人次。")
    assert mention.basis in ("sentence", "unit", "verb")
    assert "请核对" in mention.reason or mention.basis == "verb"
