"""Title, organisation, region, campaign name, dates and topics, read from the summary text.

Heuristics only: every guess the importer is unsure about goes into the review list.
"""

from __future__ import annotations

import re
from collections import Counter

from xiaobao.campaigns.vocab import TOPICS

_ORG_SUFFIX = (
    r"(?:银行(?:(?!以及|和|与|及|的)[\u4e00-\u9fffxX]){0,6}?(?:分行|支行|营业部)|(?:(?!以及|和|与|及|的)[\u4e00-\u9fffxX]){0,6}?(?:分行|中心支行|支行)|银行|信用社|农商行|"
    r"有限公司|股份公司|保险公司|人寿|财险|证券公司|期货公司|支付公司|工商局|工商行政管理局|市场监督管理局|"
    r"市场监管局|质监局|消费者协会|消委会|消保委|银保监分局|银保监局|监管分局)"
)
_ORG = re.compile(rf"[\u4e00-\u9fffxX]{{2,12}}?{_ORG_SUFFIX}")
_LEAD_WORDS = re.compile(r"^(?:.*(?:由|经|在|为|据|根据|组织|牵头|配合|联合|与|和|及|对|向|是|了|的|我|将|从|共|等|以|按照|推动|促进|开展|动员|展现|体现|通过))")
ORG_TYPE_RULES: list[tuple[str, str]] = [
    (r"人民银行|人行|银保监|银监|证监|保监|金融监管|金融监督|金融稳定|金融办|金融工作局|地方金融", "regulator"),
    (r"消费者协会|消协|消委|消保委|消费者权益保护委员会", "consumer_association"),
    (r"协会|同业公会|商会|科协|镇$|街道|人民政府|公安|派出所|反诈中心|法院|检察院|税务|居委会|村委会", "other"),
    (r"保险|人寿|财险", "insurer"),
    (r"证券|期货", "securities"),
    (r"支付|银联", "payment"),
    (r"银行|分行|支行|信用社|农信社|农商行|信用联社|合作联社|农信联社|合行|工行|农行|建行|中行|交行|招行", "bank"),
    (r"工商|市场监督|市场监管|质监|食药监|食品药品监督|市场监管所", "market_regulator"),
    (r"公司|企业|集团|酒业|商场|超市|邮政", "enterprise"),
]
# A topic counts when the text says the activity covered it, items of a list included; the words
# are the subject's own, not a bare keyword met in passing (3·15消费者权益日 names a day, not the law).
TOPIC_RULES: dict[str, str] = {
    "consumer-law": r"消费者权益保护法|消保法|新消法|消法|权益保护条例|知情权|自主选择权|公平交易权|消费者的?基本权利|"
                    r"消费维权|维权知识|投资者保护|投资者权益|消费者权益保护(?:知识|工作|教育)|计量|"
                    r"保护消费者|消费者权益(?!日)",
    "anti-counterfeit": r"反假(?:货币|币)|假币|伪钞|残损|残缺污损|人民币(?:防伪|知识)|识别假|反假宣传|"
                        r"真假人民币|人民币(?:的)?(?:真假|鉴别|辨别|识别)|(?:鉴别|辨别|识别|辨认)[^，,。；]{0,4}人民币|"  # telling real notes from fake
                        r"拒收(?:人民币|现金)|支持现金支付|人民币(?:流通|现金)",  # the currency itself: refusing cash
    "credit-reporting": r"征信|信用报告|信用信息|信用记录",
    # 骗局 alone (集资骗局, 消费骗局) and fraud by sellers or insured people (消费欺诈, 保健食品欺诈, 欺诈骗保) are not the
    # telecom and network fraud this topic is about
    "fraud-prevention": r"诈骗(?!保|取医保)|(?<!保险|消费|价格|商业|食品)欺诈(?!骗保|消费)|反诈|电诈|防骗",
    "illegal-fundraising": r"非法集资|传销|集资诈骗|非法吸收公众存款|非法金融",
    "financial-literacy": r"存款保险|国债|银行卡(?:知识|安全|使用)|安全用卡|用卡安全|支付安全|移动支付|理财知识|金融基础知识|基础金融知识|"
                          r"金融服务基本知识|电子银行|手机银行|网上银行|贷款知识|金融知识普及月|金融知识进(?!行)|金融知识万里行",  # 金融知识进校园/进社区: a programme of it
    "complaint-handling": r"投诉处理|处理投诉|受理(?:消费)?投诉|消费投诉|举报投诉|投诉处置|纠纷(?:化解|解决)|举报(?:程序|途径|方式)|投诉管理|申诉举报|投诉举报|投诉事件|调解纠纷|调解消费纠纷|化解(?:矛盾|纠纷|投诉)|"
                          r"12315|12345|12363|12378|12331|12365|投诉渠道|投诉电话|投诉热线|维权途径|维权渠道|消费纠纷调解|"
                          r"申诉(?:平台|渠道|机制|途径)|维权的?(?:方式|途径|渠道|方法)",  # how to complain is taught
    "information-security": r"个人信息|信息安全|信息保护|信息泄露|客户隐私|账户安全|个人金融信息|密码|网络安全|断卡|身份信息",
    "fee-transparency": r"收费标准|服务收费|收费价格|收费金额|减费让利|明码标价",
    # 投保 alone is no topic (为群众投保意外险 as a gift); the insurance words must be about insurance
    "insurance": r"保险(?:产品|消费|理赔|条款|销售|欺诈|诈骗|业务|消费者|合同)|理赔|保单|投保人|(?<!代理)(?<!恶意)退保(?!黑产|骗局)|保险公众宣传日|骗保|医保基金",
    # 食品 in a list of what was covered counts; a body's name (食品药品监督管理局) does not, nor expired goods seized or destroyed (过期食品)
    "food-safety": r"(?<!过期)食品(?!药品监督|药品安全委员会|药品监管)|食安",
    # goods and drugs: 假冒伪劣 are counterfeit goods, not counterfeit money
    "product-quality": r"(?:商品|产品|工业品|农产品|消费品|生产)质量|质量(?:监管|监督|抽检|抽查|检测|检验|安全|违法|技术监督|体系|验收|控制)|"
                       r"不合格(?:商品|产品|品)|质量月|质监|假冒伪劣|伪劣|假劣|识假辨假|药品(?:安全|质量)|化妆品|医疗器械|特种设备|电梯安全|"
                       r"真假(?![币钞人硬纸])[\u4e00-\u9fff]{0,2}?(?:鉴别|识别)",  # 真假烟鉴别; 真假人民币 is money
}
_CAMPAIGN = re.compile(r"[“\"]([^“”\"\n]{3,30}?(?:权益日|宣传月|服务月|宣传周|万里行|进万家|主题宣传活动|宣传活动|主题活动|活动|百村行)[^“”\"\n]{0,4}?)[”\"“]")
_THEME = re.compile(r"主题为\s*[“\"]([^“”\"\n]{2,30})[”\"]")
_DATE = re.compile(r"(?:(?P<y>\d{4}|20[xX]{2})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")


def organization(text: str) -> str | None:
    """The organisation written most often (first on ties): 工商银行南通分行, 上海银行."""
    names: list[str] = []
    central: list[str] = []
    for match in _ORG.finditer(text):
        name = _LEAD_WORDS.sub("", match.group(0))
        if len(name) < 3 or re.search(r"[全各百千万\d]|区县", name):
            continue
        (central if name.startswith(("中国人民银行", "人民银行")) else names).append(name)
    names = names or central
    if not names:
        return None
    own = _own_type(text)
    if own:
        names = [n for n in names if _type_of(n) == own]
        if not names:
            return central[0] if central else None  # better blank than another body's name
    counts = Counter(names)
    return max(counts, key=lambda n: (counts[n] + (2 if text.find(n) < 200 else 0), len(n), -text.find(n)))


_PRONOUNS = (("我行", "bank"), ("本行", "bank"), ("我支行", "bank"), ("我分行", "bank"), ("我局", "market_regulator"),
             ("我公司", "enterprise"), ("我会", "consumer_association"))


def _own_type(text: str) -> str | None:
    """The kind of body the author is, from how it refers to itself (我行, 我局, 我公司)."""
    counts: dict[str, int] = {}
    for word, key in _PRONOUNS:
        counts[key] = counts.get(key, 0) + text.count(word)  # 我行 and 我支行 both say bank
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


def _type_of(name: str) -> str:
    """From the name's head noun (xiaobao.importer.orgtype); keywords only when no head is known."""
    from xiaobao.importer import orgtype

    found = orgtype.type_from_head(name)
    if found:
        return found[0]
    for pattern, key in ORG_TYPE_RULES:
        if re.search(pattern, name):
            return key
    return "other"


def org_type(org: str | None, text: str) -> str:
    if org:
        return _type_of(org)
    return _own_type(text) or "other"


def campaign(text: str) -> str | None:
    theme = _THEME.search(text)
    match = _CAMPAIGN.search(text)
    if match:
        return match.group(1).strip()
    return theme.group(1).strip() if theme else None


def dates(text: str) -> tuple[str | None, str | None, str | None]:
    """(start, end, as written). Years written 20xx stay unknown: never invented."""
    head = text[: max(200, len(text) * 2 // 3)][:1500]  # the signature date at the end is not the period
    match = _DATE.search(head)
    year = re.search(r"(?<![\d])(\d{4})年", head[:300])
    if year and 1990 < int(year.group(1)) < 2100 and (not match or not match.group("y")):
        return year.group(1), year.group(1), year.group(0)
    if not match:
        return None, None, None
    y = match.group("y")
    if not y or not y.isdigit():
        return None, None, match.group(0)
    month = int(match.group("m"))
    day = match.group("d")
    start = f"{y}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    tail = re.match(r"\s*[—\-~至到]\s*(?:(\d{1,2})月)?(\d{1,2})[日号]", text[match.end() :])
    end = start
    if tail and day:
        end_month = int(tail.group(1) or month)
        end = f"{y}-{end_month:02d}-{int(tail.group(2)):02d}"
    return start, end, match.group(0)


def topics(text: str) -> list[str]:
    return list(topic_words(text))


# A sentence about what comes next (下一步，…将持续强化产品质量监管) says what the body plans, not what the activity covered.
# (The blank before it is bounded: an unbounded one restarts at every line of a run of blank lines.)
_NEXT_STEP = re.compile(r"(?:^|(?<=[。！!？?\n]))[ \t\u3000]{0,8}(?:下一步|今后|下阶段|接下来|未来)[^。！!？?\n]*")


def covered_text(text: str) -> str:
    """The text a topic may be read from: what was done, not what the body plans to do next."""
    return _NEXT_STEP.sub("", text)


# How far the opening reaches: the headline and lead sentence say what the activity was about.
_OPENING = 300
# Words of telling, teaching and warning (讲解, 提醒, 警惕 …) near a topic word: the activity told people about it.
_TOLD = re.compile(r"宣传|讲解|普及|介绍|知识|防范|提示|解读|讲授|科普|教育|提醒|警示|宣讲|常识|技巧|识别|风险|案例|围绕|聚焦|主题|"
                   r"教|呼吁|鼓励|引导|告知|学习|牢记|警惕|远离|谨防|保护|保密|增强|树立|提升|了解|掌握|咨询|拨打|维护")
_CLAUSE_MARKS = "，。,；;\n"


def _covers(text: str, match: re.Match[str], reach: int = 20) -> bool:
    """Does the clause around a topic word say the activity dealt with it? Near a word of telling or warning,
    as an item of a list (、和及与等), in a clause that counts what was done (受理消费投诉5宗), or inside this
    activity's own name (此次金融知识进校园活动). Otherwise the word is met in passing (a standard, a plan, a
    quoted question, a spokesman's remark)."""
    start, end = match.span()
    a = max(text.rfind(c, 0, start) for c in _CLAUSE_MARKS) + 1
    b = min([k for k in (text.find(c, end) for c in _CLAUSE_MARKS) if k >= 0] or [len(text)])
    clause = text[a:start] + "□" + text[end:b]
    near = text[max(a, start - reach): start] + text[end: min(b, end + reach)]
    return bool(_TOLD.search(near) or re.search(r"[、和及与]$", text[max(0, start - 1): start])
                or re.match(r"[、和及与等]", text[end: end + 1])
                or re.search(r"(?<![\d.])\d+(?:\.\d+)?[万亿]?[余多]?(?![年月日号时点])[\u4e00-\u9fff]", clause)
                or re.search(r"(?:此次|本次|这次)[^□]{0,4}□", clause))


def topic_words(text: str) -> dict[str, str]:
    """{topic: the word in the text that names it}, for the review notes. A topic counts when the opening names it,
    when the text names it more than once, or when the one clause naming it says the activity dealt with it
    (CONVENTIONS: not for a word met in passing). In a report that is plainly about another topic, a word named once
    counts only as an item of a list of what was covered (see _aside)."""
    found = {}
    text = covered_text(text)
    matched: dict[str, list[re.Match[str]]] = {}
    for key, pattern in TOPIC_RULES.items():
        matches = list(re.finditer(pattern, text)) if key in TOPICS else []
        if not matches:
            continue
        matched[key] = matches
        if len(matches) >= 2 or matches[0].start() < _OPENING:
            found[key] = matches[0].group(0)
            continue
        told = next((m for m in matches if _covers(text, m)), None)
        if told:
            found[key] = told.group(0)
    most = max((len(m) for m in matched.values()), default=0)
    return {key: word for key, word in found.items() if not _aside(text, matched[key], most)}


# A report is plainly about one topic when its words come back this often, and this many times as often as another's.
_MAIN_TOPIC_MENTIONS = 5
_MAIN_TOPIC_RATIO = 5
# 和 inside 中华人民共和国 joins nothing
_ITEM_BOUND = re.compile(r"[、，,。；;：:\n及与等]|(?<!共)和")
_LIST_JOINS = "、和及与"
# Advice is no topic of its own: 不透露个人信息, 个人信息莫泄露 are how to avoid the fraud the report is about.
_ADVICE = re.compile(r"不|莫|勿|别|切忌|禁止|谨防|警惕")


def _listed(text: str, match: re.Match[str]) -> bool:
    """Is the word an item of a list of what was covered (反电诈、反洗钱、个人信息保护等; 防范非法集资和反电诈知识):
    a short stretch between list marks, not a piece of advice?"""
    start, end = match.span()
    before = [m for m in _ITEM_BOUND.finditer(text, max(0, start - 12), start)]
    after = _ITEM_BOUND.search(text, end, end + 12)
    left = before[-1].group(0) if before else ""
    right = text[after.start(): after.start() + 1] if after else ""
    item = text[before[-1].end() if before else max(0, start - 12): after.start() if after else end + 12]
    return len(item) <= 10 and not _ADVICE.search(item) and (left in _LIST_JOINS or right in _LIST_JOINS + "等")


def _aside(text: str, matches: list[re.Match[str]], most: int) -> bool:
    """A topic named once, outside the title line and outside any list of what was covered, in a report whose main topic
    comes back many times (提醒群众不透露个人信息 in a report on telecom fraud; 《食品安全法》 beside the consumer
    law it handed out): an aside of the main topic, not a topic of its own."""
    if len(matches) != 1 or most < _MAIN_TOPIC_MENTIONS or most < _MAIN_TOPIC_RATIO * len(matches):
        return False
    first_line = text.find("\n")
    return not (0 <= matches[0].start() < first_line) and not _listed(text, matches[0])


def summary_line(text: str) -> str:
    """The first sentence that says what was done, for the one-line summary."""
    for sentence in re.split(r"(?<=[。！!])|\n+", text):  # a heading line without a full stop is no sentence's start
        sentence = re.sub(r"\s+", "", sentence)
        if len(sentence) >= 15 and not re.match(r"^[一二三四五六七八九十]+[、.]|^\|", sentence):
            return sentence[:120] + ("…" if len(sentence) > 120 else "")
    return re.sub(r"\s+", "", text)[:120]
