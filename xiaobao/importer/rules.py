"""Which metric a counted number belongs to: driven by its unit (classifier) and nearby nouns/verbs.

Each unit group lists (keyword, metric) pairs. Nouns are tried before verbs; among
nouns the one written closest to the number wins (接受群众咨询270人次 → 咨询).
"""

from __future__ import annotations

# Units (classifiers) the importer treats as counts. Longest first in the regex.
UNITS = [
    "人次", "户次", "家次", "场次", "条次", "公斤", "千克", "kg", "KG", "%", "％",
    "元", "吨", "斤", "份", "册", "本", "张", "套", "封", "人", "名", "位", "家", "个", "场", "期",
    "堂", "站", "次", "条", "块", "幅", "面", "篇", "起", "件", "宗", "例", "户", "箱", "辆", "种", "类",
    "组", "批", "瓶", "盒", "袋", "台", "所", "处", "支", "轮", "座", "笔", "则", "部",
    "副", "艘",  # 横幅1副, 春联300副 (a pair or a set); 宣传船30艘
    "大",  # 四大分会场: counted only when a venue follows (mentions.extract); 五大方面 names kinds
]

PERSON_UNITS = {"人次", "人", "名", "位"}
OUTLET_UNITS = {"家", "个", "处", "家次", "大"}
MATERIAL_UNITS = {"份", "册", "本", "张", "套", "封"}
EVENT_UNITS = {"场", "场次", "期", "堂", "轮", "站"}  # 巡回宣传四站
CASE_UNITS = {"起", "件", "宗", "例"}
DISPLAY_UNITS = {"块", "幅", "面", "副"}
WEIGHT_UNITS = {"公斤": 1, "千克": 1, "kg": 1, "KG": 1, "吨": 1000, "斤": 0.5}
# Counted with a Chinese numeral these name kinds of things (三项宣传, 五种形式), not results.
KIND_UNITS = {"种", "类"}
# A sum of 元 followed by these names a banknote (10元以下小面额, 5元面额), not an amount.
DENOMINATION_AFTER = ("以下", "及以下", "面额", "面值", "纸币", "硬币", "券", "零钞", "小面额", "人民币纸币")
# A 个 followed by these is a duration, not a count.
DURATION_AFTER = ("小时", "月", "工作日", "季度", "星期", "百分点", "年度", "周", "多小时", "多月", "余小时", "余月",
                  "半小时", "半月", "多星期", "多季度", "时段", "时间段", "班次")  # 早中晚三个时段: times of day

STAFF = ["员工", "宣传员", "宣讲员", "工作人员", "志愿者", "专家", "人员", "行员", "干部", "职工", "兼职",
         "业务骨干", "骨干", "客户经理", "大堂经理", "柜员", "讲师", "专人", "党员", "青年", "团员", "宣传队员"]
AUDIENCE = ["客户", "群众", "受众", "市民", "居民", "村民", "消费者", "学生", "听众", "观众", "老年人", "老人",
            "师生", "农民", "游客", "人群", "民众", "农户", "商户", "人员参与"]
AUDIENCE_VERBS = ["接待", "覆盖", "参与", "参加", "受益", "惠及", "辐射", "吸引", "服务"]
OUTLETS = ["网点", "支行", "分行", "营业部", "营业厅", "营业室", "服务点", "服务站", "咨询台", "咨询点", "宣传点",
           "宣传台", "宣传站", "设点", "分支机构", "摊位", "展台", "服务网点", "站点", "便民点", "宣传咨询台", "宣传咨询点"]
MEDIA = ["发布", "报道", "推送", "播放", "刊登", "转发", "刊发", "播出", "发表", "广播", "转载", "阅读", "浏览",
         "点击", "推文", "文章", "微博", "稿件", "新闻", "专栏", "消息", "信息", "警示", "视频"]
SMS = ["短信", "彩信"]
COMPLAINTS = ["投诉", "举报", "申诉", "调解", "纠纷", "诉求"]
CASES = ["案件", "查处", "立案", "结案", "办案", "案"]
CONSULT = ["咨询", "答疑", "解答", "问询"]
EVENTS = ["活动", "讲座", "培训", "会议", "宣讲", "演练", "课", "展览", "沙龙", "集中宣传"]
DISPLAYS = ["展板", "横幅", "条幅", "显示屏", "电子屏", "LED", "宣传栏", "宣传牌", "海报", "标语", "展架",
            "易拉宝", "屏幕", "广告牌", "灯箱", "彩旗"]
MATERIALS = ["手册", "折页", "资料", "宣传单", "单页", "读本", "年历", "挂历", "台历", "材料", "宣传册", "明白纸"]
SURVEYS = ["问卷", "调查表", "调查问卷", "测评表"]
INSPECT = ["检查", "巡查", "经营户", "经营主体", "商户", "门店", "市场主体"]
OTHER_NOUNS = ["部门", "单位", "社区", "村", "学校", "企业", "机构", "乡镇", "街道", "银行", "金融机构",
               "商场", "超市", "车", "药品", "香烟", "许可证"]


def pairs(metric: str, words: list[str]) -> list[tuple[str, str]]:
    return [(w, metric) for w in words]


# unit group -> (noun keywords, verb keywords, default metric)
TABLES: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]], str]] = {
    "person": (
        pairs("enforcement_staff", ["执法人员", "执法"]) + pairs("consultations", CONSULT)
        + pairs("complaints", COMPLAINTS) + pairs("staff", STAFF),
        pairs("audience", AUDIENCE) + pairs("audience", AUDIENCE_VERBS),
        "audience",
    ),
    "outlet": (
        pairs("outlets", OUTLETS) + pairs("displays", DISPLAYS) + pairs("events", ["活动", "讲座"])
        + pairs("inspections", INSPECT) + pairs("cases", ["案件"]) + pairs("other", OTHER_NOUNS),
        [],
        "other",
    ),
    "material": (
        pairs("surveys", SURVEYS) + pairs("displays", ["海报", "标语"]) + pairs("materials", MATERIALS)
        + pairs("other", ["报告", "意见书", "资质", "合同", "协议", "档案", "证照", "许可证", "通知书", "责任书", "承诺书"]),
        [],
        "materials",
    ),
    "event": (pairs("media", ["简报", "专刊", "专栏", "节目", "推送", "编发", "刊发", "发布", "公众号"]), [], "events"),
    "times": (
        pairs("sms", SMS) + pairs("consultations", CONSULT) + pairs("complaints", COMPLAINTS)
        + pairs("inspections", ["检查", "巡查"]) + pairs("events", EVENTS) + pairs("media", MEDIA),
        [],
        "events",
    ),
    "strip": (pairs("sms", SMS + ["微信"]) + pairs("displays", DISPLAYS) + pairs("media", ["微博", "推文", "文章", "报道", "信息", "警示", "提示", "消息"]), [], "other"),
    "case": (pairs("cases", CASES) + pairs("complaints", COMPLAINTS), [], "other"),  # 台秤20余件: items, not complaints
    "display": (pairs("displays", DISPLAYS) + pairs("other", ["春联", "对联"]), [], "displays"),
    "article": ([], [], "media"),
    "household": (pairs("inspections", INSPECT), [], "other"),
    "yuan": (
        pairs("value_yuan", ["货值", "涉案金额", "案值", "兑换", "调剂", "止付", "冻结", "拦截", "赔偿", "理赔", "赔付"])  # 没收…货值2.3万元 is a value, not a fine
        + pairs("fines_yuan", ["罚没", "罚款", "罚金", "没收"])
        # recovered_yuan only for 挽回 (CONVENTIONS.md): frozen fraud money, payouts and damages are value_yuan
        + pairs("recovered_yuan", ["挽回"]),
        [],
        "value_yuan",
    ),
    "weight": (pairs("goods_destroyed_kg", ["销毁"]), [], "other"),
    "other": ([], [], "other"),
    "kind": ([], [], "other"),
    "transaction": (pairs("complaints", COMPLAINTS) + pairs("cases", ["案件"]), [], "other"),
    "work": (pairs("media", ["作品", "视频", "宣传片", "微电影", "专题片", "动漫", "漫画"]), [], "other"),
    "institution": (
        pairs("outlets", OUTLETS) + pairs("inspections", INSPECT) + pairs("other", OTHER_NOUNS), [], "other"),
}


def unit_group(unit: str) -> str:
    if unit in PERSON_UNITS:
        return "person"
    if unit in ("家", "家次"):
        return "institution"  # 家 counts banks, shops and branches, never events or leaflets
    if unit in OUTLET_UNITS:
        return "outlet"
    if unit in MATERIAL_UNITS:
        return "material"
    if unit in EVENT_UNITS:
        return "event"
    if unit in ("次", "条次"):
        return "times"  # 标语500余条次: plays on a screen are media (CONVENTIONS.md)
    if unit == "条":
        return "strip"
    if unit in CASE_UNITS:
        return "case"
    if unit in DISPLAY_UNITS:
        return "display"
    if unit in ("篇", "则"):
        return "article"  # 发布消费提示5则: pieces of published content
    if unit in {"户", "户次"}:
        return "household"
    if unit == "元":
        return "yuan"
    if unit in WEIGHT_UNITS:
        return "weight"
    if unit in KIND_UNITS:
        return "kind"  # 宣传材料8种 counts kinds of material, not copies
    if unit == "笔":
        return "transaction"  # 受理投诉23笔, 办理业务2300笔
    if unit == "部":
        return "work"  # 3部原创宣教作品 (media), 安装反诈App12部 (other)
    return "other"


# Groups whose metric may be decided by a word elsewhere in the sentence (另有2人兼职协助, 销毁…60公斤).
SENTENCE_GROUPS = {"person", "weight", "yuan", "case"}
