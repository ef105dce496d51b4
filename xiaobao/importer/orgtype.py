"""The kind of body a name names, read from its head noun.

Chinese names of bodies are head-final: 中国人民银行雅安市分行 is a branch (分行) of the People's
Bank, 镇宁县公安局双龙山派出所 a police station, 太平洋人寿江门中心支公司 a sub-office of an insurer.
So the type is read from the rightmost head that decides it; heads that only say "a part of"
(分行, 支行, 营业部, 分公司, 分局, 大队, 中心) pass the question to the head before them, and a legal
form (有限公司) to the trade word before it (财产保险股份有限公司 is an insurer). Keywords anywhere in
the name are only the fallback for a name with no known head, so a partner or a topic written
inside a long name (…金融知识宣传服务中心) does not decide.
"""

from __future__ import annotations

import re
from functools import lru_cache

# head -> type; None passes the decision to the head before it (the body it is part of).
HEADS: dict[str, str | None] = {
    # central bank and financial regulators
    "人民银行": "regulator", "人行": "regulator", "央行": "regulator", "金融监管总局": "regulator",
    "金融监督管理总局": "regulator", "监管局": "regulator", "证监会": "regulator", "银保监会": "regulator",
    "金融监督管理局": "regulator", "金融监管局": "regulator", "金融工作局": "regulator", "金融办": "regulator",
    "银保监局": "regulator", "银保监分局": "regulator", "银监局": "regulator", "银监分局": "regulator",
    "保监局": "regulator", "证监局": "regulator", "监管分局": "regulator", "监管支局": "regulator",
    "金融监管支局": "regulator", "处非办": "regulator", "金融稳定办": "regulator",
    # market regulation
    "市场监督管理局": "market_regulator", "市场监管局": "market_regulator", "市场监督管理所": "market_regulator",
    "市场监管所": "market_regulator", "市场所": "market_regulator", "市场监管分局": "market_regulator",
    "市场监督管理分局": "market_regulator", "工商局": "market_regulator",
    "工商行政管理局": "market_regulator", "工商所": "market_regulator", "质监局": "market_regulator",
    "质量技术监督局": "market_regulator", "食品药品监督管理局": "market_regulator", "食药监局": "market_regulator",
    "知识产权局": "market_regulator",
    # consumer associations
    "消费者协会": "consumer_association", "消协": "consumer_association", "消委会": "consumer_association",
    "消保委": "consumer_association", "消费者委员会": "consumer_association",
    "消费者权益保护委员会": "consumer_association", "消费者权益保护协会": "consumer_association",
    # banks
    "银行": "bank", "农商行": "bank", "农商银行": "bank", "村镇银行": "bank", "信用社": "bank", "农信社": "bank",
    "信用联社": "bank", "合作联社": "bank", "农信联社": "bank", "合行": "bank", "农合行": "bank",
    "工行": "bank", "农行": "bank", "建行": "bank", "中行": "bank", "交行": "bank", "招行": "bank", "邮储": "bank",
    "农发行": "bank", "国开行": "bank", "民生银行": "bank",
    # insurers, securities, payment
    "保险": "insurer", "人寿": "insurer", "财险": "insurer", "寿险": "insurer", "人保": "insurer", "国寿": "insurer",
    "太保": "insurer", "产险": "insurer",
    "证券": "securities", "期货": "securities", "基金": "securities", "证券交易所": "securities", "交易所": "securities",
    "上交所": "securities", "深交所": "securities", "北交所": "securities", "郑商所": "securities",
    "大商所": "securities", "上期所": "securities", "中金所": "securities", "广期所": "securities",
    "信用卡中心": "bank",
    "银联": "payment", "支付": "payment",
    # enterprises
    "移动": "enterprise", "联通": "enterprise", "电信": "enterprise", "邮政": "enterprise", "集团": "enterprise",
    "超市": "enterprise", "商场": "enterprise", "酒业": "enterprise",
    # a scenic area acting under its own name is run as a business (天池山景区)
    "景区": "enterprise", "风景区": "enterprise", "旅游区": "enterprise",
    # the units of state railways and of expressway operators are enterprises' units (a depot, a station)
    "机务段": "enterprise", "工务段": "enterprise", "电务段": "enterprise", "车务段": "enterprise",
    "供电段": "enterprise", "车辆段": "enterprise", "客运段": "enterprise", "货运段": "enterprise",
    "高铁站": "enterprise", "火车站": "enterprise", "客运站": "enterprise", "收费站": "enterprise",
    # offices named for what they administer (公路管理所, 水利管理处) are government offices
    "管理所": "other", "管理处": "other", "管理站": "other",
    # government, police, justice, communities: other bodies
    "公安局": "other", "公安分局": "other", "派出所": "other", "反诈中心": "other", "检察院": "other",
    "人民检察院": "other", "法院": "other", "人民法院": "other", "司法局": "other", "司法所": "other",
    "人民政府": "other", "政府": "other", "街道办事处": "other", "办事处": "other", "街道": "other", "镇": "other",
    "乡": "other", "社区": "other", "村": "other", "居委会": "other", "村委会": "other", "管委会": "other",
    "局": "other", "委员会": "other", "协会": "other", "同业公会": "other", "商会": "other", "总工会": "other",
    "工会": "other", "妇联": "other", "团委": "other", "科协": "other", "网信办": "other", "政法委": "other",
    "联络站": "other", "信用办": "other", "平安办": "other", "综治办": "other", "文明办": "other", "宣传部": "other",
    "工作部": "other", "公安处": "other", "党群服务站": "other", "社工站": "other", "学校": "other", "大学": "other", "学院": "other",
    "办公室": "other", "领导小组": "other", "警务室": "other", "警务站": "other", "实践站": "other", "实践所": "other",
    # the central bank's treasury (国库中心支库) is the People's Bank's
    "中心支库": "regulator", "支库": "regulator",
    # parts of a body: the body they belong to decides
    "分行": None, "支行": None, "中心支行": None, "营业部": None, "营业室": None, "分理处": None, "网点": None,
    "分公司": None, "支公司": None, "中心支公司": None, "营销服务部": None, "中支": None, "分局": None,
    "支局": None, "大队": None, "支队": None, "中队": None, "中心": None, "服务中心": None, "服务站": None,
    "所": None, "部": None, "监管所": None, "指挥中心": None, "投诉举报中心": None, "基地": None, "处": None, "科": None, "室": None, "站": None, "党支部": None, "支部": None,
}
# Heads that name a place acting as a body (东屯镇, 王哥庄街道): only at the end of a name.
PLACE_HEADS = ("镇", "乡", "村", "社区", "街道")
# Legal forms: the trade word before them decides (…财产保险股份有限公司 is an insurer).
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")
_TRADES = [(r"保险|人寿|财险|寿险|产险", "insurer"), (r"证券|期货|基金", "securities"), (r"银联|支付", "payment"),
           (r"银行|信用社|农商|联社", "bank")]
# What a part defaults to when nothing before it decides (石涧支行 is a bank's branch).
_PART_DEFAULTS = {"分行": "bank", "支行": "bank", "中心支行": "bank", "营业部": "bank", "营业室": "bank",
                  "分理处": "bank", "网点": "bank", "中支": "insurer", "中心支公司": "insurer", "支公司": "insurer",
                  "营销服务部": "insurer", "分公司": "enterprise"}
# Words that make an office a financial regulator (县政府金融工作办公室, 处置非法集资工作领导小组办公室).
_FINANCE_OFFICE = re.compile(r"金融|非法集资|处非|防非")
# Heads for a unit that government offices and companies alike have: the body above decides when it is a company.
_UNIT_OF_ANY = ("管理所", "管理处", "管理站")
_HEAD = re.compile("|".join(sorted(map(re.escape, list(HEADS) + list(LEGAL_FORMS)), key=len, reverse=True)))


@lru_cache(maxsize=2048)
def type_from_head(name: str) -> tuple[str, str] | None:
    """(type, head word) read from the name's heads, right to left; None when no head is known."""
    heads = [(m.start(), m.group(0)) for m in _HEAD.finditer(name)]
    default: tuple[str, str] | None = None
    for k, (start, head) in enumerate(reversed(heads)):
        if k > 0 and head in PLACE_HEADS:
            continue  # 兴镇支行, 肥乡分公司, 城乡…分局: a place inside a name is where, not what
        if k > 0 and head in ("大学", "学院", "学校") and re.match(r"城|路|街|大道|桥|广场", name[start + len(head):]):
            continue  # 大学城支行, 学院路支行: a head word inside a street or district's name
        if head in LEGAL_FORMS:
            modifier = name[:start]
            for pattern, kind in _TRADES:
                if re.search(pattern, modifier):
                    return kind, modifier[-4:] + head
            return default or ("enterprise", head)
        if head in _UNIT_OF_ANY and re.search(r"公司|集团", name[:start]):
            continue  # 某交投运营公司某管理所: a company's unit, the company decides
        kind = HEADS[head]
        if head == "局" and re.search(r"市场监管|市场监督管理|工商|质监|食药监", name[max(0, start - 12): start]):
            return "market_regulator", name[max(0, start - 12): start + 1]  # 某开发区市场监管和综合执法局: its remit says
        if kind in ("other",) and head in ("办公室", "领导小组", "委员会") and _FINANCE_OFFICE.search(name[:start]):
            return "regulator", name[max(0, start - 6): start + len(head)]
        if kind is not None:
            return kind, head
        if default is None and head in _PART_DEFAULTS:
            default = (_PART_DEFAULTS[head], head)
    return default


def reason(name: str) -> str:
    """For the reviewer: which head word the type was read from."""
    found = type_from_head(name)
    return f"按名称中的‘{found[1]}’定类型" if found else ""
