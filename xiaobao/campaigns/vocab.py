"""The vocabularies of the campaign format: one source of truth for code, docs and messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    description: str


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    description: str


METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        Metric("outlets", "网点", "家", "参加活动的营业网点、服务点、咨询台"),
        Metric("events", "活动", "场", "举办的宣传活动、讲座、场次"),
        Metric("staff", "参与员工", "人次", "参加宣传的员工、志愿者、宣传员"),
        Metric("materials", "宣传资料", "份", "发放的折页、手册、资料"),
        Metric("audience", "受众", "人次", "接待、覆盖、参与的群众"),
        Metric("consultations", "咨询", "人次", "现场或电话解答的咨询"),
        Metric("complaints", "投诉", "件", "受理的投诉、举报、申诉、调解"),
        Metric("sms", "短信", "条", "发送的短信"),
        Metric("surveys", "问卷", "份", "收回的调查问卷"),
        Metric("displays", "展板与屏幕", "块", "展板、横幅、电子屏"),
        Metric("media", "媒体与新媒体发布", "次", "报道、文章、推送、广播"),
        Metric("enforcement_staff", "执法人员", "人次", "出动的执法人员"),
        Metric("inspections", "检查经营主体", "户次", "检查的经营户"),
        Metric("cases", "查处案件", "件", "立案查处的案件"),
        Metric("goods_destroyed_kg", "销毁商品", "公斤", "销毁的假冒伪劣商品重量"),
        Metric("value_yuan", "货值", "元", "涉案货值或兑换、调剂的金额"),
        Metric("fines_yuan", "罚没", "元", "罚没款"),
        Metric("recovered_yuan", "挽回损失", "元", "为消费者挽回的经济损失"),
    ]
}

TOPICS: dict[str, Topic] = {
    t.key: t
    for t in [
        Topic("consumer-law", "消费者权益保护法", "消费者和金融消费者的权利"),
        Topic("anti-counterfeit", "反假货币", "识别假币、兑换残损人民币"),
        Topic("credit-reporting", "个人征信", "信用报告的查询、异议和保护"),
        Topic("fraud-prevention", "防范电信网络诈骗", "识别和防范电信网络诈骗"),
        Topic("illegal-fundraising", "防范非法集资", "识别和远离非法集资"),
        Topic("financial-literacy", "金融知识普及", "银行卡、理财、支付等基础知识"),
        Topic("complaint-handling", "投诉维权", "投诉渠道与纠纷调解"),
        Topic("information-security", "个人信息安全", "保护个人信息和账户安全"),
        Topic("fee-transparency", "服务收费", "银行服务价格公示与减费让利"),
        Topic("insurance", "保险知识", "保险产品与理赔"),
        Topic("food-safety", "食品安全", "流通领域食品安全"),
        Topic("product-quality", "商品质量", "假冒伪劣商品与质量监管"),
    ]
}

# Append only. Bit k of a branch screen's short link (/s/?…, xiaobao/outputs/shortlink.py) means the
# k-th topic here, so a link typed into a TV keeps its meaning for as long as the site exists: add a
# new topic at the end, never reorder, never delete (a retired topic keeps its place).
TOPIC_CODE_ORDER: tuple[str, ...] = (
    "consumer-law", "anti-counterfeit", "credit-reporting", "fraud-prevention", "illegal-fundraising",
    "financial-literacy", "complaint-handling", "information-security", "fee-transparency", "insurance",
    "food-safety", "product-quality",
)

ORG_TYPES: dict[str, str] = {
    "bank": "银行",
    "insurer": "保险公司",
    "securities": "证券期货机构",
    "payment": "支付机构",
    "regulator": "金融监管部门",
    "market_regulator": "市场监管部门",
    "consumer_association": "消费者协会",
    "enterprise": "企业",
    "other": "其他",
}

QUALIFIERS: dict[str, str] = {
    "exact": "确数",
    "more_than": "多于",
    "about": "约",
    "nearly": "接近",
    "at_least": "至少",
    "undisclosed": "未披露",
}


# Editors may write the Chinese name instead of the code; a few everyday short forms too.
# Whatever they write is stored as the code, so pages and open data never see the difference.
TOPIC_ALIASES: dict[str, str] = {
    "消保法": "consumer-law", "反假": "anti-counterfeit", "征信": "credit-reporting",
    "反诈": "fraud-prevention", "防范电信诈骗": "fraud-prevention", "电信网络诈骗": "fraud-prevention",
    "非法集资": "illegal-fundraising", "金融知识": "financial-literacy", "投诉": "complaint-handling",
    "个人信息保护": "information-security",
}
ORG_TYPE_ALIASES: dict[str, str] = {"保险机构": "insurer", "证券公司": "securities", "监管部门": "regulator",
                                    "市场监管局": "market_regulator", "消协": "consumer_association"}
METRIC_ALIASES: dict[str, str] = {"营业网点": "outlets", "宣传活动": "events", "员工": "staff", "资料": "materials",
                                  "群众": "audience", "展板": "displays", "媒体": "media", "罚没款": "fines_yuan"}


def _lookup(codes: dict[str, str], aliases: dict[str, str], value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if text in codes.values() else codes.get(text) or aliases.get(text)


def topic_code(value: object) -> str | None:
    """The topic code for a code or Chinese name (防范电信网络诈骗 → fraud-prevention); None if unknown."""
    return _lookup({t.label: t.key for t in TOPICS.values()}, TOPIC_ALIASES, value)


def org_type_code(value: object) -> str | None:
    """The organisation-type code for a code or Chinese name (银行 → bank); None if unknown."""
    return _lookup({label: key for key, label in ORG_TYPES.items()}, ORG_TYPE_ALIASES, value)


def metric_code(value: object) -> str | None:
    """The metric code for a code or Chinese name (宣传资料 → materials); None if unknown."""
    return _lookup({m.label: m.key for m in METRICS.values()}, METRIC_ALIASES, value)


def allowed_words(codes_to_names: dict[str, str]) -> str:
    """How a message lists what may be written: 银行（bank）、保险公司（insurer）…"""
    return "、".join(f"{name}（{code}）" for code, name in codes_to_names.items())
