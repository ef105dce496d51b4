"""Organisation, campaign and topics read from the document's structure (issue 28, classes 4–6).

The texts are written for these tests in the shape of the failures measured on unseen reports.
"""

from xiaobao.importer import import_text


def one(text: str):
    [campaign] = import_text(text, "t.txt")
    return campaign


def test_news_dateline_is_read_past_and_its_source_used():
    c = one("本报讯（记者 王明 通讯员 李华）记者从中国人民银行如皋市支行获悉，近日，该行在城区广场开展了反假货币宣传。\n"
            "现场发放宣传折页2000余份。")
    assert c.organization == "中国人民银行如皋市支行"
    assert c.org_type == "regulator"


def test_partner_in_a_joint_list_is_not_the_author():
    c = one("3月14日，海门区市场监管局联合区消保委、区公安分局、邮储银行海门支行等单位，在中心广场开展“3·15”国际消费者权益日宣传。")
    assert c.organization == "海门区市场监管局"


def test_photo_caption_and_quoted_speech_do_not_name_the_author():
    c = one("图为建设银行东台支行工作人员为群众讲解反诈知识\n"
            "“多亏了农业银行的提醒，我的钱保住了。”一位老人说。\n"
            "为提升群众防范意识，东台市消费者协会于3月15日在商业街开展宣传活动。")
    assert c.organization == "东台市消费者协会"
    assert c.org_type == "consumer_association"


def test_we_the_bank_resolved_to_the_name_in_the_signature():
    c = one("为做好金融消费者权益保护工作，我行于3月在各网点开展宣传。我行如城支行、东陈支行等网点设置了咨询台。\n"
            "我行共发放资料3000份。\n江苏如皋农村商业银行\n2024年3月20日")
    assert c.organization == "江苏如皋农村商业银行"
    assert c.org_type == "bank"


def test_we_the_bank_resolved_to_the_name_stated_elsewhere_not_a_branch_example():
    c = one("为营造良好的金融环境，我行在全辖开展宣传。其中，开发区支行、城东支行等网点走进社区。\n"
            "张家港农商银行各网点还在厅堂播放视频。我行将持续开展金融知识普及。张家港农商银行将建立长效机制。")
    assert c.organization == "张家港农商银行"


def test_banking_industry_and_phone_banking_are_not_bodies():
    c = one("为推动上海银行业健康发展，我行在各网点开展宣传，指导客户使用手机银行和电话银行。\n"
            "活动由中国银行上海市分行组织。")
    assert c.organization != "上海银行" and c.organization not in ("手机银行", "电话银行")


def test_campaign_the_author_runs_not_the_one_it_answers_or_its_theme():
    c = one("为落实人民银行“金融知识进万家”活动安排，泰州银行高港支行于6月开展“防范非法集资宣传月”活动，"
            "以“守住钱袋子·护好幸福家”为主题，走进社区宣传防范非法集资知识。防范非法集资宣传月期间发放资料500份。")
    assert c.campaign == "防范非法集资宣传月"


def test_quoted_campaign_list_first_item_kept_whole():
    c = one("沭阳县支行于6月份组织开展了“普及金融知识 守住‘钱袋子’”、防范非法集资宣传月等宣传活动。")
    assert c.campaign == "普及金融知识 守住‘钱袋子’"


def test_topics_need_their_subject_not_a_bare_word():
    c = one("为提高活动质量和服务质量，某某银行在网点开展金融知识宣传，并为到场群众赠送投保意外险的名额。")
    assert "product-quality" not in c.topics and "insurance" not in c.topics
    c = one("市场监管局开展商品质量抽检，查处不合格产品，并向群众宣传保险理赔知识。")
    assert "product-quality" in c.topics and "insurance" in c.topics


def test_campaign_name_is_not_cut_and_an_occasion_is_no_theme():
    assert one("3月，某某银行开展“普及金融知识，守住钱袋子”主题宣传活动，走进社区。").campaign == "普及金融知识，守住钱袋子"
    assert one("某某支行以“3.15国际消费者权益日”为契机，在网点开展宣传。").campaign == "3.15国际消费者权益日"
    assert one("某某支行开展3?15金融消费者权益日宣传活动，发放资料200份。").campaign == "3·15金融消费者权益日"


def test_bodies_of_every_kind_are_names():
    assert one("近日，中国人寿如东县支公司在城区广场开展保险知识宣传。").organization == "中国人寿如东县支公司"
    assert one("今年以来，海安市市场监督管理所开展食品安全检查。").org_type == "market_regulator"
    c = one("县公安局联合县金融办开展打击治理电信网络诈骗宣传活动\n今年以来，县公安局会同县金融办深入开展反诈宣传。")
    assert c.organization == "县公安局" and c.region is None  # 会同 is "together with", not 会同县


def test_period_is_the_activity_not_the_page_date_or_history():
    c = one("彭塔镇反诈宣传不放松\n来源:某某 2024-12-16 12:06:05\n近期,霍邱县彭塔镇组织开展了防范电信网络诈骗宣传。")
    assert c.start == "2024"  # relative time: the dateline's year only
    c = one("某某支行开展征信宣传\n发布时间:2025-03-20 14:51:20\n3月15日,某某支行在网点开展征信宣传。")
    assert c.start == "2025-03-15"
    c = one("1983年,国际消费者联盟组织确立了“国际消费者权益日”。1987年9月,中国消费者协会加入。某某消协开展宣传。")
    assert c.start is None
