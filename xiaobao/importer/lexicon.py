"""What a counted thing is: head nouns, governing verbs and the metrics a measure word allows.

Chinese noun compounds are head-final (户外电子显示屏 is a 显示屏, 义务宣传员 a 宣传员), so a noun
phrase is classified by the longest entry here that it ends with. Verbs only speak when the
noun phrase says nothing (解答……等问题800余次: 问题 is no metric, 解答 is). The measure word
limits the choice: 名 counts people, never leaflets; 户 counts households or shops.
"""

from __future__ import annotations

# metric -> head nouns. Longest suffix match wins, so 执法人员 beats 人员 and 咨询台 beats 咨询.
HEADS: dict[str, list[str]] = {
    "audience": [
        "客户", "群众", "受众", "市民", "居民", "村民", "消费者", "投资者", "学生", "大学生", "中小学生", "师生",
        "听众", "观众", "老年人", "老人", "长者", "农民", "农民工", "游客", "人群", "民众", "农户", "住户", "家庭",
        "用户", "储户", "百姓", "老百姓", "网民", "网友", "家长", "儿童", "青少年", "少年", "幼儿", "新市民",
        "务工人员", "外来人员", "群体", "参与者", "参会者", "参赛者", "企业主", "个体户", "小微企业主", "读者",
        "职工群众", "社区居民", "客户群", "受众群", "客群", "金融消费者", "保险消费者", "持卡人", "商户", "妇女", "残疾人", "军人", "退役军人",
        "公众", "社会公众", "人民群众", "答题", "竞答", "参赛", "观众", "参训人员", "受训人员", "参会人员", "到场人员", "参与人员", "参加人员", "学员", "乘客", "旅客", "患者", "病人", "教职工", "员工家属", "受益人", "受益者",
        "户",
        "座位", "席位",  # 300多个座位座无虚席: the seats of a talk count its audience
    ],
    "staff": [
        "员工", "干部员工", "干部职工", "宣传员", "宣讲员", "讲解员", "工作人员", "志愿者", "青年志愿者", "专家", "讲师",
        "客户经理", "大堂经理", "理财经理", "柜员", "党员", "团员", "业务骨干", "骨干", "宣传队员", "行员", "专人",
        "金融辅导员", "辅导员", "联络员", "网格员", "专员", "消保专员", "讲师团成员", "宣讲团成员", "民警", "警官",
        "法官", "检察官", "律师", "业务人员", "宣传人员", "宣讲人员", "服务人员", "银行人员", "金融从业人员",
        "从业人员", "管理人员", "负责人", "行长", "经理", "干部", "教师", "老师", "青年员工", "消保员",
        "人力", "警力",  # manpower put in; police at a publicity stall are staff; enforcement_staff is for inspections (reports README)
    ],
    "enforcement_staff": ["执法人员", "执法检查人员", "执法力量", "稽查人员", "检查人员", "执法队员"],
    "consultations": ["咨询", "资询", "问询", "答疑", "解答", "现场咨询", "群众咨询", "咨询问题", "疑问", "咨询服务",
                      "法律建议", "法律意见", "法律咨询"],  # legal advice given to people who asked
    "complaints": ["投诉", "举报", "申诉", "诉求", "纠纷", "投诉举报", "消费纠纷", "投诉件", "来电", "来信", "来访", "调解",
                   "工单"],  # 12345 and platform work orders are complaints received
    "outlets": [
        "网点", "营业网点", "服务网点", "机构网点", "支行", "分行", "营业部", "营业厅", "营业室", "服务点", "服务站",
        "咨询台", "咨询点", "宣传点", "宣传台", "宣传站", "宣传咨询台", "宣传咨询点", "摊位", "展台", "站点", "便民点",
        "分支机构", "金融服务站", "助农取款点", "惠农服务点", "服务室", "宣传阵地", "宣教区", "宣传专区", "宣传区",
        "设点", "咨询服务台", "服务台", "检测台", "分公司", "支公司", "中心支公司", "中支", "营销服务部", "联络站", "联络点", "工作站", "维权站", "投诉站", "维权服务站", "监测点", "教育点", "宣传教育点", "专区", "教育专区", "投教专区", "投教基地", "教育基地", "驿站", "服务驿站",
        "会场", "分会场", "主会场", "互动区", "互动区域", "体验区", "展区",  # venues of the event (四大分会场)
    ],
    "events": [
        "活动", "讲座", "培训", "培训班", "会议", "宣讲", "宣讲会", "演练", "课", "课程", "公开课", "大讲堂", "讲堂",
        "展览", "沙龙", "集中宣传", "竞赛", "知识竞赛", "比赛", "座谈会", "茶话会", "直播", "专场", "场次", "班",
        "论坛", "晚会", "演出", "宣传会", "推介会", "见面会", "交流会", "课堂", "宣传", "主题日", "开放日",
    ],
    "materials": [
        "手册", "折页", "资料", "宣传资料", "宣传单", "单页", "读本", "年历", "挂历", "台历", "日历", "材料", "宣传册",
        "明白纸", "宣传品", "小册子", "传单", "宣传页", "漫画", "书籍", "图书", "口袋书", "卡片", "宣传卡", "画册",
        "告知书", "倡议书", "提示卡", "明白卡", "宣传折页", "知识手册", "光盘", "宣传光盘",
    ],
    "surveys": ["问卷", "调查表", "调查问卷", "测评表", "满意度调查", "答卷", "调查"],
    "displays": [
        "版面", "立牌", "展板", "横幅", "条幅", "显示屏", "电子屏", "LED屏", "LED", "宣传栏", "宣传牌", "海报", "标语", "展架",
        "易拉宝", "屏幕", "广告牌", "灯箱", "彩旗", "宣传横幅", "液晶屏", "电视屏", "公告栏", "板报", "黑板报",
        "宣传画", "挂图", "展牌", "宣传板", "广告屏", "电子显示屏", "宣传展板", "户外屏", "大屏",
    ],
    "media": [
        "报道", "新闻", "稿件", "文章", "推文", "微博", "消息", "警示", "视频", "短视频", "专栏", "节目", "简报",
        "专刊", "朋友圈", "动态", "帖子", "作品", "美篇", "信息", "宣传信息", "提示信息", "风险提示",
        "阅读量", "浏览量", "点击量", "播放量", "访问量", "转发量", "观看量", "广播", "公益广告", "广告", "宣传片",
        "专题片", "话题", "词条", "媒体宣传", "媒体宣传量", "媒体报道", "直播间", "短视频作品", "视频作品", "提示", "消费提示", "消费警示", "警示提示", "预警信息", "音频",
    ],
    "sms": ["短信", "彩信", "手机短信", "提示短信", "公益短信", "宣传短信", "警示短信"],
    "inspections": ["经营户", "经营主体", "市场主体", "经营单位", "检查", "巡查", "抽查", "排查"],
    "cases": ["案件", "违法案件", "案", "立案", "大案", "要案"],
    "goods_destroyed_kg": [],
    "other": [
        "部门", "单位", "社区", "村", "行政村", "学校", "企业", "机构", "乡镇", "街道", "银行", "金融机构", "商场",
        "超市", "车", "宣传车", "车辆", "药品", "香烟", "卷烟", "许可证", "商品", "批次", "样品", "品种", "主题",
        "方面", "环节", "重点", "项目", "微信群", "QQ群", "公众号", "合作单位", "小组", "队伍", "宣传队", "服务队",
        "门店", "市场", "集市", "商圈", "小分队", "分队", "宣传小分队", "突击队", "景区", "医院", "园区", "工地", "乡村", "家庭农场", "合作社", "协会",
        "礼品", "小礼品", "纪念品", "奖品", "环保袋", "购物袋", "手提袋", "帆布袋", "雨伞", "扇子", "围裙", "纸巾",
        "抽纸", "毛巾", "水杯", "杯子", "钥匙扣", "鼠标垫", "零钱包", "纸杯", "书包", "文具", "绘画作品", "画作",
        "书画作品", "作品", "手抄报", "伙伴", "成员单位", "种类", "类别", "平台", "账号", "渠道",
        "措施", "制度", "机制", "方案", "文件", "通知", "领域", "行业", "城市", "地区", "区县", "县", "市", "省",
        # labels and stickers on goods or phones (标重标签, 防诈贴纸): things marked, not publicity handed out
        "标签", "贴签", "贴纸", "标贴", "贴标", "标识",
        # festive crafts written or given at an event (福字, 春联, 福袋): gifts, not leaflets
        "福字", "春联", "对联", "福袋", "窗花", "慰问品", "年货",
        # entries a contest received (175篇征文): what others wrote, not what the campaign published
        "征文", "参赛作品", "投稿",
        # followers of an account and people a scheme protects: a state, not people the campaign reached
        "粉丝", "关注者", "关注用户", "订阅用户", "受保护",
        "假币", "伪币", "残损币", "残损人民币", "硬币", "纸币", "嫌疑人", "犯罪嫌疑人", "违法人员", "涉案人员", "团伙", "窝点", "账户", "银行卡", "电话卡", "手机卡",
    ],
}

# Words newer than jieba's dictionary (2020) or tagged wrongly there, read as nouns next to a number.
EXTRA_NOUNS = ("微信", "反诈", "电诈", "防诈", "反电诈", "抖音", "快手", "视频号", "公众号", "小程序", "二维码", "直播",
               "短视频", "网格员", "养老诈骗", "断卡", "刷单", "跑分", "知识", "小知识", "金融知识", "防骗", "反洗钱",
               "征信", "存款保险", "非法集资", "电信诈骗", "网络诈骗", "朋友圈", "微信群", "警民联系群")

# Heads that say nothing about what is counted: strip them and look again (受众对象 → 受众).
GENERIC_HEADS = ("对象", "人数", "数量", "总数", "总量", "次数", "人次", "规模", "数", "总计", "合计", "累计", "共计", "等")

# Heads that name content, not a medium: the medium written inside the phrase decides
# (短信提示信息 is an SMS, 朋友圈宣传信息 a post); without one they stay media.
CONTENT_HEADS = ("信息", "消息", "提示", "内容", "宣传信息", "提示信息", "风险提示", "知识")
MEDIUM_WORDS = {"短信": "sms", "彩信": "sms", "朋友圈": "media", "公众号": "media", "微博": "media",
                "抖音": "media", "视频号": "media", "快手": "media", "网站": "media", "微信群": "media", "微信": "media",
                "联系群": "media", "工作群": "media", "业主群": "media", "APP": "media", "客户端": "media",
                "短视频": "media", "直播平台": "media", "短视频平台": "media", "新媒体": "media", "网络平台": "media"}

# Counted with a small number these name kinds or parts of a plan (三个主题, 五个方面, 四项措施),
# never results: not figures at all.
ABSTRACT_HEADS = ("主题", "方面", "环节", "重点", "原则", "目标", "要求", "步骤", "阶段", "层面", "板块", "模块",
                  "专题", "领域", "特点", "优势", "措施", "举措", "机制", "制度", "主线", "途径", "形式", "方式",
                  "维度", "理念", "意识", "能力", "抓手", "思路", "任务", "工程", "行动", "体系", "结合", "字",
                  "部分", "特色", "亮点", "数据")

# A person noun after one of these words names people who came to ask or complain (咨询群众).
PERSON_ROLES = {"咨询": "consultations", "问询": "consultations", "来访": "consultations", "解答": "consultations",
                "答疑": "consultations",
                "投诉": "complaints", "举报": "complaints", "申诉": "complaints"}

# Papers a body files, checks or issues: not publicity handed out (审核资质材料230份).
DOCUMENTS = ("函", "提示函", "风险提示函", "督办函", "警示函", "通报", "资质材料", "申报材料", "申请材料", "证明材料", "档案材料", "台账资料", "档案资料", "证照资料", "资质资料",
             "报告", "意见书", "整改意见书", "通知书", "责令改正通知书", "合同", "协议", "责任书", "承诺书", "文书",
             "台账", "证照", "档案", "证明", "发票", "凭证", "票据")

# Nouns that name a place or a business: counted as inspections when the verb is a check.
PLACES = ("商户", "门店", "商场", "超市", "市场", "企业", "单位", "药店", "餐馆", "饭店", "网吧", "加油站", "集市")

# metric -> verbs that govern what is counted (解答 问题, 转发 朋友圈, 检查 门店).
VERBS: dict[str, list[str]] = {
    "consultations": ["解答", "答疑", "咨询", "资询", "接受咨询", "受理咨询", "回答", "解惑", "释疑", "答复"],
    "complaints": ["受理", "处理", "调解", "化解", "接到", "接收", "收到", "办理投诉", "处置"],
    "media": ["转发", "推送", "发布", "刊发", "刊登", "播放", "播出", "报道", "转载", "发表", "编发", "投放", "分享",
              "阅读", "浏览", "点击", "观看", "点赞", "滚动播放", "宣传报道", "收看", "收听", "刊播", "展播", "轮播", "滚动"],
    "sms": ["群发"],
    "materials": ["发放", "派发", "分发", "赠送", "印制", "印发", "散发", "发出", "递送"],
    "displays": ["悬挂", "张贴", "摆放", "布放", "展示", "树立", "竖立"],
    "events": ["开展", "举办", "举行", "召开", "组织开展", "策划"],
    "inspections": ["检查", "巡查", "排查", "抽查", "督查", "核查", "监督检查", "执法检查"],
    "cases": ["查处", "立案", "结案", "查办", "侦破", "破获", "移送"],  # 办结 closes complaints too
    "enforcement_staff": ["出动"],
    "staff": ["抽调", "选派", "派出", "动员", "安排"],
    "audience": ["接待", "覆盖", "惠及", "受益", "辐射", "吸引", "服务", "走访", "帮助", "引导", "指导",
                 "培训", "为", "向", "给", "帮", "触达", "入户", "深入", "讲解", "参与", "参加", "到场", "走进"],
    "outlets": ["设立", "设置", "设", "设摊", "摆摊"],
}

# Measure-word groups (rules.unit_group) -> the metrics such a count can be.
ALLOWED: dict[str, frozenset[str]] = {
    # media only by a reading verb: 观看2.6万人次, 阅读人数3万人 (reads are media, CONVENTIONS.md)
    "person": frozenset({"staff", "audience", "consultations", "complaints", "enforcement_staff", "other", "media"}),
    "outlet": frozenset({"outlets", "events", "displays", "inspections", "cases", "complaints", "other", "media",
                         "audience", "surveys", "materials", "consultations"}),  # 个 is generic: 解答疑问50余个
    "institution": frozenset({"outlets", "inspections", "audience", "other"}),
    "material": frozenset({"materials", "surveys", "displays", "other", "complaints", "media"}),
    "event": frozenset({"events", "media", "other"}),
    "times": frozenset({"events", "consultations", "complaints", "inspections", "media", "sms", "other"}),
    "strip": frozenset({"sms", "media", "displays", "complaints", "consultations", "other"}),
    "case": frozenset({"cases", "complaints", "consultations", "other"}),
    "display": frozenset({"displays", "other"}),
    "article": frozenset({"media", "other"}),  # 175篇征文: essays sent in are no publicity
    "household": frozenset({"audience", "inspections", "other"}),
    "yuan": frozenset({"value_yuan", "fines_yuan", "recovered_yuan"}),
    "weight": frozenset({"goods_destroyed_kg", "other"}),
    "other": frozenset({"other", "displays", "outlets", "events"}),  # 台, 辆, 箱 never count leaflets
    "kind": frozenset({"other"}),
    "transaction": frozenset({"complaints", "cases", "consultations", "other"}),
    "work": frozenset({"media", "other"}),
    "bare": frozenset({"media", "audience", "materials", "consultations", "complaints"}),
}


def _suffix_table() -> dict[str, str]:
    table: dict[str, str] = {word: "other" for word in DOCUMENTS}
    for metric, words in HEADS.items():
        for word in words:
            table.setdefault(word, metric)
    return table


HEAD_TABLE = _suffix_table()
VERB_TABLE = {word: metric for metric, words in VERBS.items() for word in words}
LONGEST_HEAD = max(len(w) for w in HEAD_TABLE)
LONGEST_VERB = max(len(w) for w in VERB_TABLE)


def head_metric(phrase: str) -> tuple[str, str] | None:
    """(metric, head word) of the longest lexicon entry the phrase ends with."""
    for size in range(min(LONGEST_HEAD, len(phrase)), 0, -1):
        word = phrase[-size:]
        if word in HEAD_TABLE:
            return HEAD_TABLE[word], word
    return None


def strip_generic(phrase: str) -> str:
    """受众对象 → 受众, 参与人数 → 参与: the words before a head that counts nothing."""
    changed = True
    while changed and phrase:
        changed = False
        for word in GENERIC_HEADS:
            if phrase.endswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[: -len(word)], True
    return phrase
