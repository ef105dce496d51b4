"""Metadata read where a report states it: the title line, the opening sentence, the source and
sign-off (落款) lines and the date line. Every guess keeps the words it came from.

Reports name their author as the subject of the opening sentence (工商银行浙江省分行积极…开展),
on a source line (来源：中国人民银行师宗县支行) or in the sign-off at the end; other bodies
appear as guides (在…的指导下), partners (联合…) or audiences, and are not the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CJK = "\u4e00-\u9fff"
# How the names of the bodies that write these reports end, longest first where one contains another.
ORG_ENDS = [
    "领导小组办公室", "委员会办公室", "市场监督管理局", "工商行政管理局", "消费者权益保护委员会", "银保监分局", "金融监管局", "同业公会",
    "村镇银行", "农商银行", "银行业协会", "证券业协会", "保险行业协会", "消费者协会", "分公司", "营业部", "中心支行",
    "分局", "证监局", "保监局", "银保监局", "监管分局", "监管支局", "监管局", "工商局", "质监局", "消委会", "消保委", "金融办", "财政局",
    "公安局", "烟草局", "学院", "大学", "税务局", "商务局", "教育局", "民政局", "司法局", "烟草专卖局", "邮政管理局", "派出所", "反诈中心", "人民法院",
    "人民检察院", "检察院", "法院", "居委会", "村委会", "服务中心", "金融服务中心", "中心支公司", "支公司", "营销服务部",
    "农信社", "合作联社", "市场监督管理所", "市场监管所", "工商所", "金融工作局", "金融监督管理局", "金融监管总局",
    "市场监督管理局", "市场监管局", "商会", "党群服务站", "社工站", "服务站", "社区", "大队", "支队", "中队",
    "工作办公室", "市场所", "中支", "领导小组", "工行", "农行", "建行", "中行", "交行", "招行", "农业农村局", "人社局", "卫健局", "文旅局", "应急管理局", "民政局",
    "住建局", "交通运输局", "医保局", "总工会", "妇联", "团委", "网信办", "政法委", "联络站", "银联", "处非办",
    "街道办事处", "街道", "委员会",
    # offices named for their work (信用办, 平安办), party departments, railway police, card centres, exchanges by
    # their usual short names (郑商所, 上交所): the heads a report's own subject ends with
    "信用办", "平安办", "综治办", "文明办", "宣传部", "工作部", "公安处", "信用卡中心", "交易所",
    "上交所", "深交所", "北交所", "郑商所", "大商所", "上期所", "中金所", "广期所",
    # police posts, justice offices and unions below a bureau or a unit (某派出所某警务室, 某司法局某司法所, 某中心工会)
    "警务室", "警务站", "司法所", "工会",
    # a bank's card business speaking as a body (某银行信用卡), the central bank's treasury (中心支库), a community's
    # civilisation practice station (新时代文明实践站)
    "银行信用卡中心", "行信用卡中心", "银行信用卡", "行信用卡", "中心支库", "实践站", "实践所",
    "监管所", "12315指挥中心",
    # the units of state railways and highways, and offices named for what they administer: a closed set of
    # institutional heads (机务段 is a depot, 水利管理处 an office), never ordinary words (阶段, 手段, 路段)
    "机务段", "工务段", "电务段", "车务段", "供电段", "车辆段", "客运段", "货运段", "高铁站", "火车站", "客运站", "收费站",
    "管理处", "管理站", "管理所", "12315投诉举报中心", "教育基地", "示范基地",
    # the heads orgtype knows a body's kind by, in their short official forms (消协, 食药监局) and the units below a
    # bank or a post office: a body found by its type must be found as a name too
    "消协", "知识产权局", "食药监局", "质量技术监督局", "食品药品监督管理局", "证监会", "银保监会", "银监局", "银监分局",
    "金融稳定办", "农信联社", "农发行", "国开行", "营业室", "分理处", "支局", "投诉举报中心", "指挥中心",
    # a mobile operator by its city (洛阳移动): kept only after a place or 中国 (see _OPERATOR)
    # an insurer by its brand and line of business (金华平安产险, 某地人保财险)
    "产险", "财险", "寿险",
    "移动", "联通", "电信", "管委会", "人民政府", "有限公司", "股份公司", "信用社", "信用联社", "农商行", "分行", "支行", "银行", "合行", "协会", "科协", "邮政", "公司", "镇",
    # a residents' committee by its usual short name (某某居委), customs houses, scenic areas run as a business
    "居委", "海关", "景区", "风景区", "旅游区",
    # bureaus by the trade they administer, written after a city's short name (厦门盐务局) as after its full one
    "盐务局", "气象局", "统计局", "海事局", "林业局", "水利局", "审计局", "生态环境局", "自然资源局", "粮食局", "物价局",
    "城管局", "档案局", "文化局", "体育局", "农业局", "畜牧局", "科技局", "经信局", "发改局", "工信局", "退役军人事务局",
]
# Offices named by a short word for their work under a town, street or county (某街道农发办, 某镇信访办), and a
# county's or district's police by the short name it signs with (成都新都公安): only after a place.
_OFFICE_END = (r"(?:(?<=街道)|(?<=[乡镇县区]))[\u4e00-\u9fff]{2,3}?(?<![举主承协创开兴督查合筹包照代操置停试申缓速快帮领交转经首])办"
               r"(?![理法事公学好成案结])|公安(?![局机部分厅处所干])"  # 举办, 承办, 督办: verbs, no office
               # a town's or county's office named for its work (某镇平安建设办公室); a bank's 办公室 is a department
               r"|(?:(?<=街道)|(?<=[乡镇县区]))[\u4e00-\u9fff]{2,6}?办公室"
               # a county's or city's bureau or commission named for its whole remit, 和 included
               # (剑阁县人力资源和社会保障局, 住房和城乡建设局, 发展和改革委员会); 骗局, 格局, 布局 are no bureaus
               r"|(?<=[县区市旗])[\u4e00-\u9fff]{2,10}?(?<![骗格布结大当全赌饭困破变开残僵时])(?:局|委员会)(?![面势限部促])"
               # a village named after its town (某镇兴农村, 某乡张秀庄村): the village acting as a body; 广大农村 is no village
               r"|(?<=[镇乡])(?![广偏边各全所辖农])[\u4e00-\u9fff]{2,3}?(?<![乡各全辖个的在])村(?![民委级里内务干庄部]|组(?!织))"
               # a township by its name (渭桥乡): 城乡, 下乡, 家乡 and the like are words, no township
               r"|(?<=[\u4e00-\u9fff]{2})(?<![下城家故返回思同异水梦他老入进])乡(?![村亲情愁土音间里民下镇])")
_END = "|".join(ORG_ENDS) + "|" + _OFFICE_END
# Words that cannot be inside a name: where they are, a name starts after them.
_STOP = ("进(?!出口)|的|积极|响应|开展|组织|联合|配合|按照|根据|落实|部署|指导|在|于|由|与|和|及|对|向|为|是|了|将|从|以|等|到|走进|来到|前往|"
         "牵头|通过|推动|动员|深入|全面|近期|近日|今年|目前|活动|宣传|期间|当天|辖内|辖区|我市|我县|我行|来临|之际|"
         "携手|共同|认真|主动|紧扣|紧密|围绕|同时|此外|发挥|充分|提升|加强|维护|推进|做好|贯彻|促进|推动|利用|借助|依托")
_STOP_FIRST = "".join(sorted({w[0] for w in _STOP.split("|")}))
# A stop word is only looked for at a character that can begin one (the class test fails fast elsewhere).
_NAME_CHAR = rf"(?:(?!(?=[{_STOP_FIRST}])(?:{_STOP}))[{_CJK}xX])"
# The repeated tail is possessive (*+): nothing follows it, so a search finds the same names, and a line that
# fails (有限公司有限公司…) is not re-split every way (公司 | 有限公司) before giving up.
_ORG = re.compile(rf"{_NAME_CHAR}{{0,16}}?(?:{_END})(?:{_NAME_CHAR}{{0,8}}?(?:{_END}))*+")
_LEAD = re.compile(r"^(?:据|经(?!开区|济)|年|月|号|日(?!照))*")  # remnants of 根据, 今年, 3月15日 … before a name
_DATE_REMNANT = re.compile(r"^(?:年|月|号|日(?!照))")
_PRONOUNS = ("我", "本", "该", "各", "其", "此", "贵")
_NOT_A_NAME_AFTER = set("业卡间柜账")
_SERVICE = re.compile(r"(?:电话|网上|手机|自助|电子|掌上|直销|数字|智能|移动|社区|流动|线上)银行$")
_VAGUE = re.compile(r"^(?:部分|下属|所属|辖内|相关|多家|其他|其它|有关|上级|基层|全辖|省内|市内|县域|各家|多个|涉农)")
_SUBJECT_AFTER = re.compile(r"^(?:高度重视|依法|早(?=部署|谋划|安排|行动|准备|筹划)|提前|靠前|连续|扎根|着力|大力|广泛|多措并举|第一时间|积极|认真|按照|根据|在|于|联合|组织|开展|以|结合|深入|全面|近期|近日|紧扣|紧密|除|召开|主动|特|"
                            r"到(?!位)|走进|来到|前往|赴|进入|走入|携手|协同|会同|邀请|"
                            r"将|启动|举办|举行|配合|围绕|坚持|充分|通过|切实|持续|精心|扎实|迅速|立足|聚焦|履行|为|按|从|共|携手|"
                            r"开启|发起|面向|走进|推出|利用|依托|针对|主办|牵头|承办|进(?=社区|校园|学校|企业|乡村|农村|商圈|市场|集市|村|网点|机关|家庭|工地|园区))")
# Its people acting for it: 派出所民警走进…, 支行工作人员来到…, 分行一行赴… (the body is still the subject).
_MEMBERS = re.compile(r"^(?:的)?(?:□+)?(?:(?:全体|部分|相关|多名|\d+名)?(?:民警|辅警|干警|警官|工作人员|员工|干部职工|干部|职工|党员|志愿者|青年|"
                      r"执法人员|宣讲团|宣传队|宣讲队|小分队|服务队|志愿服务队|团队|一行|负责人|主要负责人|领导|班子成员|消保专员|"
                      r"客户经理|大堂经理|业务骨干|骨干|[\u4e00-\u9fff]{0,3}部门|党支部|党总支|党委|师生|学生|"
                      # its team named for what it does or who is in it (银发反诈宣传队, “向阳花”未检团队)
                      r"[\u4e00-\u9fff□]{1,8}?(?:宣传队|宣讲团|宣讲队|小分队|服务队|志愿队|团队)|"
                      r"(?:辖内|所属|下辖|全辖)?各(?:机构|支行|分支机构|营业网点|网点|部门|单位|所|站))[、和及与]?)*")  # 公安局经侦部门联合…  # 民警、辅警走进…; “晓丹反诈”宣传队来到…
_NOT_AUTHOR_BEFORE = re.compile(r"(?:在|经|受|联合|携手|联手|配合|响应|按照|根据|落实|协同|会同|邀请|指导下|组织下|牵头下|与|和|及|、|"
                                r"组织|动员|带领|督促|要求|指导|召集|号召|协调|贯彻|"  # 组织辖内各支行: whom it set to work
                                r"走进|深入|来到|到|进入|前往|赴|走访|进驻|入驻|向|为|给|对|"  # 走进X社区: where, not who
                                r"各地|各级|多地|全国各地|"
                                # (今天)是某乡赶集的日子: a predicate, not a subject (这是某协会连续…发布 is a subject); 深入我县某乡: where, as 深入某乡
                                r"(?:(?<![\u4e00-\u9fff])|(?<=[日天]))是|(?:深入|走进|来到|到|前往|赴|进入)(?:我|本)[县市区镇乡])$")  # 各地人民银行: every local branch, no one body
_SOURCE = re.compile(rf"(?:来源|作者|供稿|通讯员|报送单位|撰稿)\s*[:：]\s*([{_CJK}xX（）()]{{3,30}})")
_CAMPAIGN_ENDS = ("专项宣传教育活动|教育宣传活动|权益保护日|消费者权益日|消费者维权日|权益日|宣传日|宣传月|宣传周|服务月|普及月|"
                  "万里行|进万家|百村行")
_CAMPAIGN_START = ("国际|全国|国家|世界|中国|全民|药品|网络|金融|消费者|防范|反假|普及|保险|投资者|个人|证券|公众|诚信|食品|质量|非法集资|存款保险|"
                   "征信|反诈|打击|安全|知识")
_RUN = re.compile(rf"[{_CJK}]{{2,30}}?(?:{_CAMPAIGN_ENDS})")
_DATE_PREFIX = re.compile(r"(\d{1,2})\s*[.·・•?？]\s*(\d{1,2})\s*[”\"“'‘’]?\s*$")
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{3,40})[”\"]")


@dataclass(frozen=True)
class Found:
    value: str
    quote: str  # the words in the report it was read from


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def title_line(text: str) -> str | None:
    """The report's own title: a short first line that is not a sentence."""
    lines = _lines(text)
    if not lines:
        return None
    first = lines[0]
    if 6 <= len(first) <= 60 and not re.search(r"[。；;!！?？]$|[，,。].*[，,。]", first) and re.search(
            r"活动|总结|开展|宣传|举办|举行|工作|启动|行动", first) and not first.startswith(("为", "在", "根据", "按照")):
        return first
    return None


_STOP_WORDS = [w for w in _STOP.split("|") if len(w) > 1 and "(" not in w]
_STOP_BY_CHAR: dict[str, list[tuple[int, str]]] = {}
for _i, _w in enumerate(_STOP_WORDS):
    _STOP_BY_CHAR.setdefault(_w[0], []).append((_i, _w))
_LONGEST_STOP = max(len(w) for w in _STOP_WORDS)


def _past_stop_word(text: str, start: int) -> int:
    """Where a name may start at the earliest: not inside a word such as 发挥 (发|挥区域性银行).
    The first stop word in list order that straddles the start wins (indexed by first character:
    this runs for every name found)."""
    best = None
    for k in range(1, _LONGEST_STOP):
        if start - k < 0:
            break
        for index, word in _STOP_BY_CHAR.get(text[start - k], ()):
            if len(word) > k and text.startswith(word, start - k) and (best is None or index < best[0]):
                best = (index, start - k + len(word))
                break
    return best[1] if best else start


@lru_cache(maxsize=4096)
def _names(sentence: str) -> tuple[tuple[str, int, int], ...]:
    """(name, start, end) of every body named in one stretch of text (memoised: the same text
    is asked about by several readers)."""
    return tuple(_find_names(sentence))


# The stop words that occur inside division names (太和县, 于都县, 进贤县, 向阳区, 联合乡…), before a suffix.
_STOP_CHARS_IN_PLACES = set("和于向进为将从等合")
_STOP_IN_PLACE = re.compile(rf"(?:[和于向进为将从等]|联合)[{_CJK}]{{0,5}}?[省市县区州旗盟]")
_PLACE_MARK = "囗"  # a CJK character that is no stop word and no name's end


def _protect_places(sentence: str) -> str:
    """The sentence with every division written in full (太和县, 于都县, 和平区) blanked to a neutral
    character of the same length: a stop word inside a place's name (和, 于, 在) does not cut a
    body's name in two (邮储银行太和县支行). Positions are kept, so names are sliced from the original."""
    from xiaobao.importer import gazetteer

    places = gazetteer.full_names(sentence)
    if not places:
        return sentence
    chars = list(sentence)
    for name, start, _ in places:
        if re.search(_STOP, name):
            chars[start:start + len(name) - 1] = _PLACE_MARK * (len(name) - 1)  # the suffix (县) stays
    return "".join(chars)


def _joined_start(sentence: str, start: int) -> int | None:
    """Where a name cut at 和/与 really starts, when the words before the conjunction open the clause
    and are no body of their own: a one-character brand (鼎和保险), or words holding a division's name
    (儋州市打击和处置非法集资工作领导小组办公室). 工行和农行, 居民和社区 stay apart."""
    from xiaobao.importer import gazetteer

    if start < 2 or sentence[start - 1] not in "和与":
        return None
    j = start - 1
    while j > 0 and start - 1 - j < 10 and re.match(rf"[{_CJK}]", sentence[j - 1]):
        j -= 1
    prior = sentence[j:start - 1]
    opens = j == 0 or not re.match(rf"[{_CJK}]", sentence[j - 1]) or re.search(r"\d[日号]$", sentence[:j])
    if not opens or not prior or re.search(_STOP, prior) or prior.endswith(tuple(ORG_ENDS)):
        return None
    if len(prior) == 1:
        return j
    has_place = any(gazetteer.is_division(prior[a:b]) for a in range(len(prior)) for b in range(a + 2, len(prior) + 1))
    school = (re.search(r"大学|学院", prior) or len(prior) == 2 and not _is_place(prior)) \
        and re.fullmatch(rf"[{_CJK}]{{1,6}}?学院", sentence[start: start + len(sentence[start:].split("学院")[0]) + 2])
    return j if has_place or school else None  # 某大学经济与管理学院, 文化与传播学院: a school named for two fields


def _find_names(sentence: str) -> list[tuple[str, int, int]]:
    found = []
    masked = sentence
    matches = list(_ORG.finditer(sentence))
    if any(m.start() > 0 and sentence[m.start() - 1] in _STOP_CHARS_IN_PLACES
           and _STOP_IN_PLACE.search(sentence, max(0, m.start() - 6), m.start() + 6) for m in matches):
        masked = _protect_places(sentence)  # a name starts right after a stop word that may be inside a place
        matches = list(_ORG.finditer(masked))
    for match in matches:
        lead = _LEAD.match(match.group(0)).end()  # type: ignore[union-attr]
        if lead and _DATE_REMNANT.match(match.group(0)) and not re.search(r"[\d〇零一二三四五六七八九十今去前明本当同次该]$", sentence[:match.start()]):
            lead = 0  # 月城镇社工站 at a clause's start: a town's name, not the end of 3月
        start = match.start() + lead
        start = _past_stop_word(masked, start)
        name = sentence[start:match.end()]
        if re.match(r"(?:部署|办理|处置|处理)", sentence[match.end() - 1: match.end() + 1]):
            continue  # 工作部署, 宣传部署, 平安办理, 县公安处置: a word running on, not a department or office
        if sentence[match.end(): match.end() + 1] in _NOT_A_NAME_AFTER or _SERVICE.search(name) or _VAGUE.match(name):
            continue  # 上海银行业, 银行卡, 手机银行, 部分支行: an industry, a product, a channel or no one in particular
        operator = _OPERATOR.search(name)
        if operator and not (name[:operator.start()] == "中国" or _is_place(name[:operator.start()])) \
                or operator and re.match(r"网络|诈骗|支付|互联|业务|客户端|端", sentence[match.end():]):
            continue  # 防范电信网络诈骗, 推广移动支付: a word, not an operator
        if re.match(r"[家个所名位]", name) and start > 0 and re.match(r"[\d零〇一二两三四五六七八九十百千万]", sentence[start - 1]):
            continue  # 36家分公司: a count of branches, not one
        every = name.find("各", 2)
        if every > 0 and (name[:every].endswith(tuple(ORG_ENDS)) or re.search(r"[省市县区镇乡]$", name[:every])):
            name = name[:every]  # 某街道各城市社区, 某支行各网点: the parent speaking for all its units
            if len(name) >= 3 and _anchored(name):
                found.append((name, start, start + len(name)))
            continue
        joined = _joined_start(sentence, start)
        if joined is not None:
            start, name = joined, sentence[joined:match.end()]  # 鼎和保险…, 某市打击和处置非法集资…办公室
        else:
            trimmed = _trim(name)
            start += len(name) - len(trimmed)
            name = trimmed
        if len(name) >= 3 and not re.search(r"^各|全[国省市县区行辖镇乡体]|\d|[一二两三四五六七八九十几数上成][百千万]|[百千万](?:余|多|家|个|名)|区县|哪些|什么|区域性|^(?:[国城农]\S{0,3})?商业银行$|股份制|金融机构", name.replace("12315", "")) \
                and not name.startswith(_PRONOUNS) and _anchored(name):
            found.append((name, start, match.end()))
    return found


_OPERATOR = re.compile(r"(?:移动|联通|电信)$")


def _is_place(words: str) -> bool:
    from xiaobao.importer import gazetteer

    return gazetteer.is_division(words)


# National brands a body's name may start from instead of a place (招商银行, 泰康人寿, 中国银联).
BRANDS = ("中国", "国家", "人民银行", "人行", "工商银行", "工行", "农业银行", "农行", "建设银行", "建行", "交通银行", "交行",
          "中行", "邮储", "邮政", "招商", "招行", "浦发", "中信", "光大", "华夏", "民生", "广发", "平安", "兴业", "浙商",
          "渤海", "恒丰", "北京银行", "上海银行", "江苏银行", "南京银行", "宁波银行", "杭州银行", "徽商", "农发行",
          "国开行", "进出口银行", "人寿", "人保", "太平洋", "太平", "泰康", "新华", "阳光", "大地", "国寿", "太保",
          "中华联合", "众安", "华泰", "国泰君安", "海通", "银河", "申万", "东方财富", "中金", "银联", "移动", "联通",
          "电信", "上交所", "深交所", "北交所", "郑商所", "大商所", "上期所", "中金所", "广期所", "村镇银行", "农商", "农信", "信用社", "联社", "合行", "xx", "XX", "某")
_LEVEL = re.compile(r"^(?:省|市|县|区|镇|乡|街道|社区|村)")


def plausible_name(name: str | None) -> str | None:
    """A guessed name trimmed of words that cannot begin one, or None when it names no one."""
    if not name:
        return None
    trimmed = _trim(name)
    return trimmed if len(trimmed) >= 3 and _anchored(trimmed) else None


@lru_cache(maxsize=4096)
def _anchored(name: str) -> bool:
    """A body's name starts from a place (江苏银行海安支行, 县市场监管局), a brand or a hidden name;
    涉诈银行, 保险公司 and 要求各支行 name no one."""
    from xiaobao.importer import gazetteer

    if _LEVEL.match(name) or any(b in name for b in BRANDS) or re.search(r"(?:镇|乡|街道|社区|村|居委)", name):
        return True  # 东屯镇, 金花坪社区: towns and communities are below the division list
    if re.search(r"(?:支行|分行|营业部|分理处)$", name) and len(name) >= 4:
        return True  # 石涧支行: a branch named after its street or neighbourhood
    if re.search(_LOCAL_UNIT, name) and len(name) >= 5:
        return True  # 城南派出所, 霄云司法所: units below the county are named after a township or neighbourhood
    if re.search(r"(?:学院|大学)(?:分?团委|学生会|研究生会|党委|党总支)?$", name) and len(name) >= 4 or re.match(r"[\u4e00-\u9fff]{0,4}(?:经开区|开发区|高新区|新区|园区|经济区|试验区|示范区|保税区|自贸区|合作区)", name):
        return True  # 教育科学学院; 经开区市场监管分局: zones are places below or outside the division list
    if re.fullmatch(r"党委[\u4e00-\u9fff]{1,8}(?:工作部|宣传部)", name):
        return True  # 党委研究生工作部: a university's party department, named without a place
    if re.fullmatch(r"[\u4e00-\u9fff]{2,6}银行[\u4e00-\u9fff]{2,10}(?:中心|基地)", name):
        return True  # 长城华西银行金融教育示范基地: a bank's own unit, named after the bank
    if re.fullmatch(r"[\u4e00-\u9fff]{2,5}(?:景区|旅游区|风景区)", name):
        return True  # 天池山景区: a scenic area runs itself under its own name
    if re.match(r"[\u4e00-\u9fff]{2,5}(?:旅游区|风景区|风景名胜区|旅游度假区|度假区)(?=[\u4e00-\u9fff]{2})", name) and re.search(r"[局所办委会队站室]$", name):
        return True  # 某某旅游区市场监督管理局: a scenic area's offices are named after it, as a development zone's
    if re.match(r"[\u4e00-\u9fff]{0,3}(?:科学城|知识城|新城|生态城)", name) and re.search(r"局|所|办|委", name):
        return True  # 科学城市场监督管理局: a new town's offices are named after it
    for size in range(2, min(len(name), 9) + 1):
        for i in range(0, len(name) - size + 1):
            if gazetteer.is_division(name[i:i + size]):
                return True
    return False


# Units below a county, named after the township, neighbourhood or line they serve (below the division list).
_LOCAL_UNIT = (r"(?:派出所|司法所|监管所|监督管理所|管理所|市场所|工商所|财政所|供电所|警务室|警务站|机务段|工务段|电务段|车务段|供电段|车辆段|"
               r"客运段|高铁站|火车站|客运站|收费站|管理处|管理站)$")
_NAME_START_TAGS = ("v", "f", "m")


def _not_a_start(word: str, tag: str) -> bool:
    """A verb, adverb or number word (展示, 充分发挥) cannot begin a name; a lone character can
    (赤山镇 cut as 赤|山镇), unless it is a function word (在, 向)."""
    from xiaobao.importer import words

    if len(word) == 1:
        return word in words._FUNCTION or tag == "m" and word not in "年月日号"  # 月城镇: a town, not a date's end
    return tag in _NAME_START_TAGS


# Head nouns of a unit named for its work (公路养护中心, 便民服务站, 综合执法队): the verb before them is part of the name.
_UNIT_HEADS = frozenset(("中心", "站", "所", "局", "处", "办", "室", "队", "委员会", "办公室", "协会"))


# A county's or city's bureau or commission named for its whole remit (人力资源和社会保障局, 发展和改革委员会).
# A leading group's office is named for its task the same way (某新区打击传销工作领导小组办公室).
_REMIT = re.compile(r"(?<=[县区市旗])[\u4e00-\u9fff]{2,10}?(?:局|委员会|领导小组办公室|领导小组|工作办公室)$")


def _is_place_prefix(prefix: str) -> bool:
    from xiaobao.importer import gazetteer

    if re.search(r"(?:经开区|开发区|高新区|新区|园区|经济区|试验区|示范区|保税区|自贸区|合作区)$", prefix):
        return True  # 北海经济开发区|市场监管和综合执法局: a zone's bureaus are named for their remit as a county's are
    return any(gazetteer.is_division(prefix[a:]) for a in range(max(0, len(prefix) - 9), len(prefix) - 1))


# A verb with its aspect mark (接过, 送了, 带着) is a verb whatever the dictionary tags it: no name holds one.
_ASPECT_VERB = re.compile(r"[\u4e00-\u9fff][过了着]")


@lru_cache(maxsize=4096)
def _trim(name: str) -> str:
    """展示市中分局 → 市中分局, 上午郑州…局 → 郑州…局: words that cannot begin a name are cut off."""
    from xiaobao.importer import gazetteer, words

    from xiaobao.importer import orgtype

    tokens = words.cut(name)
    head = max((len(e) for e in ORG_ENDS + list(orgtype.HEADS) if name.endswith(e)), default=0)  # 消费者权益保护协会 whole
    remit = _REMIT.search(name)
    if remit and _is_place_prefix(name[:remit.start()]):
        head = max(head, len(remit.group(0)))  # 人力资源和社会保障局: a bureau's remit, 和 and verbs included, is its head
    ends = [sum(len(w) for w, _ in tokens[:k + 1]) for k in range(len(tokens))]
    inner = [k for k, (w, t) in enumerate(tokens[:-1]) if k > 0 and ends[k] <= len(name) - head
             and (w in ("到", "在", "向", "赴", "和", "与", "及") or _ASPECT_VERB.fullmatch(w)
                  or t == "v" and (len(w) > 1 or tokens[k - 1][1] == "v")
                  and tokens[k + 1][0] not in _UNIT_HEADS)]  # 养护中心, 服务站: a verb naming a unit's work stays
    # 保护 inside 消费者权益保护委员会 stays; 听|完 (two lone verbs) is a verb too
    if inner:
        tokens = tokens[inner[-1] + 1:]  # 小分队到灵芝社区: a name has no verb inside it
    places = {start for _, start, _ in gazetteer.full_names("".join(w for w, _ in tokens))}
    offsets = [sum(len(w) for w, _ in tokens[:k]) for k in range(len(tokens))]
    i = 0
    while i < len(tokens) - 1 and offsets[i] not in places and (_not_a_start(*tokens[i]) or tokens[i][0] in ("上午", "下午", "晚上", "当天", "日前")
                                   or len(tokens[i][0]) > 1 and re.fullmatch(_STOP, tokens[i][0])) \
            and not gazetteer.is_division(tokens[i][0]) and not any(tokens[i][0].startswith(b) for b in BRANDS):
        i += 1
    return "".join(w for w, _ in tokens[i:])


# Verbs that report or own rather than act: a body before them is quoted or described, not the actor.
_NOT_ACTION = {"表示", "介绍", "指出", "称", "说", "认为", "强调", "获悉", "了解", "提醒", "提示", "建议", "要求", "发布",
               "印发", "下发", "出台", "成立", "位于", "隶属", "负责", "主管", "是", "有", "作为", "属于", "称为", "简称"}


def _acts(after: str) -> bool:
    """Does the clause go on with an action (开展, 借助…契机, 成功举办)? The known subject words
    first; else the next word, past at most two adverbs (成功, 共同), is a verb that acts."""
    if _SUBJECT_AFTER.match(after):
        return True
    from xiaobao.importer import words

    tokens = words.cut(after[:8]) if after else []
    for k, (word, tag) in enumerate(tokens[:3]):
        if tag == "v":
            if (len(word) > 1 or k > 0) and word not in _NOT_ACTION:
                return True  # 开展; 巧|借: a lone verb after an adverb
            break
        if not (tag == "f" and k < 2):  # 成功举办, 巧借
            break
    return bool(_MANNER_THEN_ACTION.match(after))


# A subject, a short adverbial of manner and then the main verb (某派出所多举措开展…, 某支行精心组织开展…): the
# adverbial is no verb of its own; a list of bodies (、和与及) or a report verb in between is another reading.
_MANNER_THEN_ACTION = re.compile(r"^[^，,。；;、和与及表称说获]{1,5}?(?:开展|举办|举行|组织|启动|走进|深入)")


_EXAMPLE = re.compile(r"^\s*(?:其中|例如|比如|如|像)[，,：:]?")
_SELF_SUBJECT = re.compile(r"(?:^|[，,。；;\n])(?:[^，,。；;\n]{0,12}[，,])?(?:我|本)(?:行|支行|分行|局|会|公司|委|所)"
                           r"(?:积极|认真|高度|始终|持续|坚持|紧扣|围绕|按照|根据|联合|组织|开展|在|于|通过|结合|以)")


# (我县多部门联合开展…: the departments acted, and the first one named in the text is the author)
_UNNAMED_SELF = re.compile(r"我(?:校|院|镇|乡|村|市|县|区|街道|社区|单位)(?!多部门|各部门|相关部门|多家|各单位|多单位|多个部门)[\u4e00-\u9fff]{0,4}?"
                           r"(?:积极|联合|携手|组织|开展|举办|邀请|在|于|以|通过|结合|围绕)")


# 我校学生处联合…, 我院团委组织…: the author names its own office though not itself.
_SELF_UNIT = re.compile(r"我(?:校|院)(?P<unit>[\u4e00-\u9fff]{1,4}?(?:处|团委|工作部|宣传部|中心))"
                        r"(?:积极|联合|携手|组织|开展|举办|邀请|在|于|以|通过|结合|围绕)")


def unnamed_self(text: str) -> bool:
    """Does the opening speak as 我校/我镇/我市 (a school, a town, a government) acting? Such an author is left
    unnamed rather than replaced by the bank or office it worked with."""
    return bool(_UNNAMED_SELF.search(text[:400]))


def _self_first(head: str, clause: str) -> bool:
    """Does the author call itself 我行/本局 as the subject of a sentence before the first sentence
    with a named subject? Then that named body is one it talks about, not the author."""
    at = head.find(clause)
    first = _SELF_SUBJECT.search(head)
    if at < 0 or not first:
        return False
    sentence_start = max(head.rfind(c, 0, at) for c in "。；;！!？?\n")
    return first.start() <= sentence_start


def _subjects(text: str) -> list[tuple[str, str]]:
    """(name, clause) of bodies written as the subject of a clause: name then an action word.
    An earlier sentence's subject comes first (the opening sentence says who acted; later ones
    tell what its partners did); within a sentence a direct subject before a listed one."""
    found = []
    for sentence in re.split(r"[。；;！!？\n]|(?<!\d)\?(?!\d)", text):
        found += _sentence_subjects(sentence)
    responders = [f for f in found if _RESPONDS.search(f[1][f[1].find(f[0]) + len(f[0]):][:8])]
    return responders + [f for f in found if f not in responders]


# A body that acts on another's call (按照…要求, 响应…号召) is the one reporting; the bodies that
# launched the campaign are usually named in the sentence before it.
_RESPONDS = re.compile(r"^(?:积极|认真|主动|迅速|严格)?(?:按照|响应|根据|落实|贯彻|依据|遵照|按)")


_WHERE_AFTER = re.compile(r"(?:门前|门口|前(?!往|来|去|期|夕)|旁边|旁|附近|大厅|广场)")
_ASIDE = re.compile(r"[（(][^（）()\n]{1,20}[）)](?=[\u4e00-\u9fff])")


def _sentence_subjects(text: str) -> list[tuple[str, str]]:
    direct, listed = [], []
    if _EXAMPLE.match(text):
        return []  # 其中，城东支行走进社区: one of its branches given as an example
    masked = _ASIDE.sub(lambda m: "□" * len(m.group(0)), text)  # 领导小组（县财政局）组织…: an aside, not a clause's end
    for span in re.finditer(r"[^，,：:（）()]+", masked):
        clause = text[span.start(): span.end()]
        for name, start, end in _names(span.group(0)):
            before, after = clause[:start], span.group(0)[end:]
            if _NOT_AUTHOR_BEFORE.search(before) or "指导下" in before or _WHERE_AFTER.match(after):
                continue  # 在某信用社前开展…: the body is where it took place
            if _acts(_MEMBERS.sub("", after, count=1)):
                direct.append((name, clause))
                break
            if re.search(r"(?:参加|参与|出席)(?:了)?(?:此次|本次|这次)?(?:活动|仪式|启动仪式)?$", clause.rstrip()):
                continue  # 县市场监管局、县公安局…百余人参加此次活动: guests and participants, not the organiser
            if after.startswith("与") and not before.strip(" \t□") and re.search(r"共同|联合|携手|开展|举行|举办|走进|增设", after):
                listed.append((name, clause))  # 某镇政府与县市场监管局共同举办…: the first of two acting together
                break
            if after.startswith("、") and (re.search(r"联合|共同|开展|举行|举办|结合|主办", after)
                                         or not before.strip() or re.fullmatch(r"\s*(?:当天|同日|当日|近日|日前|[\d月日上下午]+)\s*", before)):
                listed.append((name, clause))  # the first of several bodies acting together, at the clause's start
                break
    return direct + listed


def _place_subject(text: str) -> Found | None:
    """澧县开展…, 深圳市龙华区组织…: a place that acts is the organisation (a government, type other)."""
    from xiaobao.importer import gazetteer

    for clause in re.split(r"[，,。；;！!？?\n：:（）()]", text):
        for name, start, candidates in gazetteer.full_names(clause):
            end = start + len(name)
            begin = gazetteer.chain_start(clause, start, candidates)  # 广东省深圳市|龙华区, 成都|双流区
            before, after = clause[:begin], clause[end:]
            if _NOT_AUTHOR_BEFORE.search(before) or re.search(r"[\u4e00-\u9fff]$", before) and not re.search(
                    r"(?:日|月|以来|近日|近期|今年|日前|上午|下午)$", before):
                continue
            if _SUBJECT_AFTER.match(after) or _PLACE_EVENT.match(after) and all(c.level > 1 for c in candidates):
                return Found(clause[begin:end], clause)
    return None


# 澧县2021年“3.15国际消费者权益日”假冒伪劣商品集中销毁行动启动仪式在体育馆举行: the county's own event took place
# (a province's event is its departments', never the province acting)
_PLACE_EVENT = re.compile(r"^(?:\d{4}年)?[“\"]?[^，,。；\n]{2,40}?(?:活动|行动|仪式|宣传周|宣传月|宣传日)[”\"]?"
                          r"(?:在[^，,。；\n]{1,15})?(?:隆重|正式|顺利)?(?:举行|开幕|启动|举办)")


# Bodies that publish other bodies' news on their sites: on a source line they are the publisher,
# and the opening sentence's subject is the author (来源：肥东县人民政府 above 县市场监管局开展…).
_PUBLISHER = re.compile(r"(?:人民政府|政府办公室|融媒体中心|宣传部|新闻中心|报社|电视台|广播电视台|网信办|"
                        r"地方志办公室|史志办公室|地方志办|史志办)$")  # a district's yearbook office prints other bodies' records


# Official full and short forms of the same head (市场监督管理局 = 市场监管局, 人民检察院 = 检察院): one body, two spellings.
_OFFICIAL_SHORT = (("监督管理", "监管"), ("人民检察院", "检察院"), ("人民法院", "法院"), ("中国人民银行", "人行"),
                   ("人民银行", "人行"), ("消费者权益保护委员会", "消保委"), ("消费者委员会", "消委会"), ("消费者协会", "消协"),
                   ("烟草专卖局", "烟草局"), ("中国邮政储蓄银行", "邮储银行"))


def _short_form(name: str) -> str:
    for full, short in _OFFICIAL_SHORT:
        name = name.replace(full, short)
    # an operator's city company and its usual short name: 中国移动三明分公司 = 三明移动; the police likewise:
    # 兰州市公安局 = 兰州公安 (the division's suffix left out before the short name)
    name = re.sub(r"^中国(移动|联通|电信)([\u4e00-\u9fff]{2,6}?)(?:分)?公司$", r"\2\1", name)
    name = re.sub(r"公安(?:分)?局$", "公安", name)  # 长清公安分局 signs as 长清公安
    return re.sub(r"(?<=[\u4e00-\u9fff]{2})[市县区](?=(?:公安|移动|联通|电信)$)", "", name)


def _official_full(name: str, text: str) -> str:
    """The fullest spelling of the same body the text writes (榆阳区检察院 → 榆阳区人民检察院): the conventions
    want a body's fullest name anywhere in the text, and official short forms name the same body."""
    short = _short_form(name)
    spelled = [o for o, _, _ in _names(text) if len(o) > len(name) and _short_form(o) == short]
    return max(spelled, key=len) if spelled else name


def official_name(name: str, text: str) -> str:
    """The name the conventions want: its fullest official spelling in the text, from its county on."""
    return _without_parent(_official_full(name, text), text)


def _without_parent(name: str, text: str) -> str:
    """自贡市富顺县市场监管局 when the text also writes 富顺县市场监管局: the body named from its own county-level
    division on. The conventions drop a leading province; the labels drop a county's city or prefecture the same way
    when the text itself names the body without it (a name the text only writes with its parent keeps it). A city's
    districts are parts of the city and keep its name (成都市金牛区市场监管局). A unit below a street office or town
    that the text also names alone is named alone (某街道某社区工作站 → 某社区工作站); a place acting keeps its chain
    (某街道某社区), and a unit named only by its level (市场监督管理所) keeps its parent."""
    from xiaobao.importer import gazetteer

    for place, start, candidates in gazetteer.full_names(name):
        if start == 0 or not any(c.level == 3 for c in candidates) or place.endswith("区"):
            continue  # a city's district is part of the city (成都市金牛区); a county stands on its own
        prefix, rest = name[:start], name[start:]
        if not (gazetteer.is_division(prefix) or gazetteer.is_division(prefix.rstrip("州盟"))
                or gazetteer.is_division(gazetteer.without_province(prefix) or prefix)):
            continue
        if (len(rest) > len(place) or rest.endswith("市")) and text.count(rest) > text.count(name):  # a county-level city alone
            return rest
    for parent in re.finditer(r"(?:街道办事处|街道|镇|乡)(?=[\u4e00-\u9fff]{2,})", name):
        rest = name[parent.end():]  # 某街道某社区新时代文明实践站 → 某社区新时代文明实践站, the unit as the text names it
        if len(rest) >= 4 and rest.endswith(tuple(ORG_ENDS)) and not rest.endswith(("社区", "村", "镇", "乡", "街道")) \
                and not _LEVEL.match(rest) and _anchored(rest) and text.count(rest) > text.count(name):
            return rest
    return name


def _part_of(name: str, subjects: list[tuple[str, str]]) -> Found | None:
    """The opening sentence's subject when it is the headline's body named in full down to the unit that
    acted (县市场监管局 → 县市场监督管理局马湖市场所, 邮储银行 → 邮储银行乐山市市中区支行)."""
    if not subjects:
        return None
    subject, clause = subjects[0]
    if len(subject) > len(name) and _short_form(subject).startswith(_short_form(name)) \
            and re.search(r"(?:支行|分行|营业部|营业室|所|分局|支公司|中支|分公司)$", subject):
        return Found(subject, clause)  # a unit of its own; a department (经侦大队) or team speaks for the body
    if len(subject) >= len(name) + 2 and subject.startswith(name) and _bare_place(name) \
            and not re.search(r"[、，,]", clause[:clause.find(subject) + len(subject) + 1]):
        return Found(subject, clause)  # 小汉镇 in the headline, 小汉镇人民政府 acting in the opening sentence
    return None


def _bare_place(name: str) -> bool:
    """A headline names the actor by its place alone (小汉镇开展…, 郑州市…) where the text names the body of that
    place in full: the place is only the short form of the body that acts."""
    return _is_place(name) or bool(re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:镇|乡|街道)", name))


# How a report's lead sentence opens (为…, 近日, 3月15日): below a page's headlines and photo captions.
_LEAD_LINE = re.compile(r"^(?:为(?![图题])|在[^，,。]{2,30}(?:之际|期间|来临|到来)|近日|日前|近期|今年以来|\d{1,2}月\d{1,2}日)[^\n]{30,}")


def _fuller(name: str, others: list[str]) -> str:
    """The full form of a shortened name written elsewhere (人行师宗县支行 → 中国人民银行师宗县支行)."""
    spelled = [o for o in others if len(o) > len(name) and _short_form(o) == _short_form(name)]
    if spelled:
        return max(spelled, key=len)  # 中屏市场监管所 → 中屏市场监督管理所: the full spelling the text also uses
    from xiaobao.importer import gazetteer

    brand = re.match(r".+?(?:银行|农商行|信用社|保险|公司)", _short_form(name))
    if brand and re.search(r"(?:支行|分行|营业部|支公司|分公司)$", name):
        rest = _short_form(name)[brand.end():]  # 邮储银行|福清支行 written in full as 中国邮政储蓄银行福州福清支行: its city put in
        cities = [o for o in others if len(o) > len(name) and _short_form(o).startswith(brand.group(0))
                  and _short_form(o).endswith(rest) and gazetteer.is_division(_short_form(o)[brand.end(): -len(rest)] or "-")]
        if cities:
            return max(cities, key=len)

    tail = name if _LEVEL.match(name) else name[-5:]  # 市消委会 is never 麻章区消委会: a level-initial name whole
    places = [p for p, _, _ in gazetteer.full_names(name)]  # 山东省市场监管局 is never 淄博市博山区市场监管局
    lead = name[: len(name) - len(tail)]  # 中国银行|江苏省分行 is never 中国人民银行江苏省分行: the brand before the tail stays whole
    longer = [o for o in others if o != name and o.endswith(tail) and len(o) > len(name) and all(p in o for p in places)
              and lead in o[: len(o) - len(tail)]]
    return max(longer, key=len) if longer else name


def _unbracketed(name: str) -> str:
    """(来源：某镇人民政府): the source line's closing bracket is no part of the name."""
    while name and name[-1] in "）)" and name.count(name[-1]) > name.count("（" if name[-1] == "）" else "("):
        name = name[:-1]
    return name


def _fuller_level(name: str, text: str) -> str:
    """区市场监管局 on a source line is the 鼓楼区市场监管局 the body names in full: a name that begins with its
    level (区, 县, 市) alone takes the one longer name in the text that ends with it whole."""
    if not _LEVEL.match(name):
        return name
    longer = {n for n, _, _ in _names(text[:3000]) if n.endswith(name) and len(n) > len(name)}
    return longer.pop() if len(longer) == 1 else name


_CAPTION = re.compile(r"^\s*(?:图为|图片为|图：|图:|图\d|▲|△|（图|\(图|摄影|图片来源)|(?:记者|通讯员)\s*\S{2,4}\s*摄\s*[)）]?\s*$")
_DATELINE = re.compile(r"^(?:本(?:报|网|台|刊|站)(?:讯|消息)|讯|[\u4e00-\u9fff]{2,12}(?:网|报|台|客户端)(?:[\u4e00-\u9fff]{0,6})?(?:\d{1,2}月\d{1,2}日)?(?:电|讯))"
                       r"\s*(?:[（(][^）)\n]{0,40}[）)])?\s*[:：]?\s*")
_REPORTER_FROM = re.compile(r"记者(?:近日|日前|今天|昨天)?从(?P<body>[^，,。；\n]{4,40}?)(?:获悉|了解到|得知)[，,：:]?")


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """Blank out spans (quotations, document titles) keeping every other position."""
    return pattern.sub(lambda m: "□" * len(m.group(0)), text)


_QUOTATION = re.compile(r"“[^“”\n]{0,120}”|「[^「」\n]{0,120}」|《[^《》\n]{0,80}》")


def _body_lines(text: str) -> list[str]:
    """Lines without photo captions; the news dateline (本报讯（记者 …）, X网3月15日电) cut off."""
    lines = []
    for line in _lines(text):
        if _CAPTION.search(line):
            continue
        lines.append(_DATELINE.sub("", line, count=1))
    return lines


def dateline_source(text: str) -> Found | None:
    """记者从中国人民银行南通市中心支行获悉: the body a news report got its facts from."""
    match = _REPORTER_FROM.search(text[:600])
    if match:
        names = _names(match.group("body"))
        if names:
            return Found(names[-1][0], match.group(0))
    return None


_OWN = {"行": "bank", "支行": "bank", "分行": "bank", "局": "regulator_or_market", "会": "association", "公司": "enterprise",
        "委": "association", "所": "other"}
# 本院, 我院 (a court, a procuratorate, a school); 该段 and 我段 (a railway depot) only as the subject that acts (该段时间 is a time)
_OWN_WORDS = re.compile(r"(?:我|本|该)(支行|分行|行(?!业)|局|会|公司|委|所|院)|(?:我|该)(段)(?=在|积极|开展|组织|联合|以|持续|深入|通过|结合|按照|根据|为|于)")


def own_word(text: str) -> str | None:
    """How the author calls itself (我行, 本局, 该会), when it does."""
    found = ["".join(m) for m in _OWN_WORDS.findall(text)]
    return max(set(found), key=found.count) if found else None


def _fits(name: str, word: str) -> bool:
    """我行 is a bank (行, 支行, 分行, 合行, 银行), 我局 a 局, 我会 a 协会/委员会."""
    if word in ("行", "支行", "分行"):
        return bool(re.search(r"行$|营业部$|社$|联社$", name))
    if word == "局":
        return name.endswith("局")
    if word == "会":
        return bool(re.search(r"会$|委$|消委$|消保委$", name))
    if word == "公司":
        return "公司" in name
    if word in ("院", "段"):
        return name.endswith(word)
    return True


def resolve_own(text: str, extra: list[str] | None = None) -> Found | None:
    """我行/我局/我会 resolved to the full name the report states elsewhere: in its header,
    footer or signature first, else the name of that kind written most often (not a sub-branch
    given as an example: 如东支行等网点)."""
    word = own_word(text)
    if not word:
        return None
    for line in (extra or []) + [line for line in _lines(text)[-4:] if len(line) <= 40]:  # header, footer, sign-off
        for name, _, _ in _names(line):
            if _fits(name, word):
                return Found(name, line)
    masked = "\n".join(_body_lines(text[:4000]))  # names in its own documents' titles count (我行《遂宁银行…规则》)
    above_branches = bool(re.search(r"全行|全辖|辖内|各支行|分支行|下辖", text))
    counts: dict[str, float] = {}
    for name, start, end in _names(masked):
        if not _fits(name, word):
            continue
        before, after = masked[max(0, start - 3): start], masked[end: end + 2]
        weight = 0.3 if re.search(r"(?:如|例如|其中|像|、|和|及|与)$", before) or after.startswith(("等", "、", "和", "及")) else 1.0
        if above_branches and re.search(r"(?:支行|营业部|营业室|网点|分理处)$", name):
            weight *= 0.3  # the author speaks for all its branches: a branch is an example
        if start < 300:
            weight += 0.5
        counts[name] = counts.get(name, 0) + weight
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], len(n)))
    return Found(best, f"原文自称“{'我' + word}”，全称取自“{best}”")


_PBOC_ROLE = re.compile(r"组织(?:辖区|辖内|全县|全市|全区|县域|本地)[^。；\n]{0,16}(?:金融机构|银行)")


def central_bank_branch(name: str, text: str) -> str | None:
    """xx县支行 that organises the area's banks is the central bank's branch: 人民银行xx县支行.

    Only the People's Bank's county and city branches organise 辖区金融机构; a commercial
    bank's branch is always written with its bank's name."""
    if re.search(r"银行|人行|农商|信用|保险|证券|邮政|合行", name) or not re.fullmatch(r"[\u4e00-\u9fffxX]{1,10}(?:中心)?支行", name):
        return None
    if _PBOC_ROLE.search(text) or re.search(r"人民银行[^。]{0,30}(?:下发|印发|要求|部署)", text[:800]) and "辖区" in text[:800]:
        return "人民银行" + name
    return None


def organization(text: str, extra: list[str] | None = None) -> Found | None:
    """The author: title-line subject, source line, opening-sentence subject, news source,
    Word header/footer and sign-off, the full name behind 我行/我局; in that order.

    Quotations, document titles (《…》) and photo captions are read past: a body named there
    is quoted, not the author."""
    found = _found_organization(text, extra)
    if found and _roundup(text, found):
        return None  # 全市公安机关持续开展…。雁江分局…。高新分局…: a round-up of many units' work, no single author
    if found:
        found = _venue_unit(found, text)
    if found and "□" in found.quote:
        unmasked = "\n".join(_body_lines(re.sub(r"[（(]以下简称[^）)]{0,30}[）)]", "", text)))
        at = _mask(unmasked, _QUOTATION).find(found.quote)
        if at >= 0:
            found = Found(found.value, unmasked[at: at + len(found.quote)])  # the reviewer sees the words as written
    return found


# The opening of a round-up: many units of one kind acting (全市公安机关持续开展…, 各基层司法所会同…, 各地人民银行联合…,
# 全区邮政系统组织开展…), before the units are taken one by one.
_COLLECTIVE = re.compile(r"(?:^|[，,。；;])(?:全市|全省|全区|全州|全盟|各地|各级|各基层|全国各地)[\u4e00-\u9fff]{0,8}?"
                         r"(?:公安机关|司法所|人民银行|系统|单位|部门|机构|市场监管部门|检察机关|法院)"
                         r"(?:持续|积极|会同|联合|组织|开展|纷纷|陆续|围绕|结合|深入|广泛|集中)")


def _found_organization(text: str, extra: list[str] | None = None) -> Found | None:
    return _organization(text, extra) or _kicker(text) or _self_place(text)


def roundup_unit(text: str, extra: list[str] | None = None) -> Found | None:
    """The first unit of a round-up report (see _roundup), whose kind is the kind of all its units; None otherwise."""
    found = _found_organization(text, extra)
    return found if found and _roundup(text, found) else None


def _roundup(text: str, found: Found) -> bool:
    """Does the opening say that many units of a kind acted, before the author found is named acting? Then the
    one found is only the first unit of a round-up."""
    body = "\n".join(_lines(text)[:6])[:800]
    collective = _COLLECTIVE.search(body)
    at = body.find(found.quote[:20]) if found.quote else -1
    return bool(collective) and (at < 0 or collective.start() < at) and found.value not in body[:collective.start()]


# 活动在某银行某支行顺利举办, 启动仪式在某市市场监督管理局举行: the body whose premises hold the event.
_VENUE = re.compile(r"(?:活动|仪式|大会|讲座|宣讲会)[“”\"]?\s*(?:于[^，,。；\n]{1,12})?在(?P<where>[^，,。；\n]{4,30}?)"
                    r"(?:顺利|隆重|正式|成功)?(?:举办|举行|启动|开幕|开讲)")


def _venue_unit(found: Found, text: str) -> Found:
    """The author found as a whole (镇江农商银行, 我行) or by its place alone (秦皇岛市) while the opening says the
    event was held at one of its units or at the body itself (在镇江农商银行北固湾支行举办, 在秦皇岛市市场监督管理局举行):
    that unit, named in full, hosted it."""
    match = _VENUE.search("\n".join(_lines(text)[:4])[:600])
    if not match:
        return found
    names = _names(match.group("where"))
    if not names or names[0][1] != 0:
        return found
    venue = names[0][0]
    if len(venue) > len(found.value) and venue.startswith(found.value) and venue.endswith(tuple(ORG_ENDS)) \
            and (_bare_place(found.value) or re.search(r"(?:支行|分行|营业部|分公司|支公司|所|分局)$", venue)):
        return Found(venue, match.group(0))
    return found


# 我市开展… on the page of 某市人民政府网站: the city itself is the author, named by its government's site.
_GOVERNMENT_SITE = re.compile(r"([\u4e00-\u9fff]{2,12}?[市县区旗])人民政府")


def _self_place(text: str) -> Found | None:
    """我市/我县/我区 acting, with the page's own government named on its header lines: the place."""
    from xiaobao.importer import gazetteer

    me = re.search(r"我(市|县|区|旗)(?:积极|联合|组织|开展|举办|举行|启动|在|于)", "\n".join(_lines(text)[:4])[:400])
    if not me:
        return None
    for line in _lines(text)[:4]:
        site = _GOVERNMENT_SITE.search(line)
        if not site:
            continue
        chain = site.group(1)
        for k in range(len(chain) - 2, -1, -1):  # 哈尔滨市尚志市 → 尚志市: the division the government is of
            if chain[k:].endswith(me.group(1)) and gazetteer.is_division(chain[k:]) and k == 0 or \
                    chain[k:].endswith(me.group(1)) and gazetteer.is_division(chain[k:]) and gazetteer.is_division(chain[:k]):
                return Found(chain[k:], f"{line}（原文自称“我{me.group(1)}”）")
    return None


# A headline opening with a unit named after a short place (新青分局开展…): the place is spelled as a division in the text.
_SHORT_PLACE_UNIT = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(分局|支局|派出所|市场监管所|司法所|工商所|中心|支行)(?=开展|举办|举行|启动|组织)")


def _title_unit_of_place(title: str, text: str) -> tuple[tuple[str, int, int], ...]:
    """新青分局 in the headline, 新青区 in the body: a unit named after a place below or outside the division list
    (a merged district, a town), anchored by the text's own spelling of that place."""
    match = _SHORT_PLACE_UNIT.match(title)
    if not match or re.search(_STOP, match.group(1)) or not re.search(re.escape(match.group(1)) + r"[区县市旗镇乡]", text):
        return ()
    return ((match.group(0), 0, match.end()),)


# A news headline's kicker names the place the story is about (九龙坡：…, 彭塔镇：…).
_KICKER = re.compile(r"^([\u4e00-\u9fff]{2,8})\s*[:：]")


def _kicker(text: str) -> Found | None:
    """九龙坡：网红景点游园会… when nothing in the body names who acted: the headline's kicker, a division or a
    town, is the government that did, in the fullest spelling the text writes (九龙坡区)."""
    from xiaobao.importer import gazetteer

    lines = _lines(text)
    match = _KICKER.match(lines[0]) if lines else None
    if not match:
        return None
    place = match.group(1)
    if not (gazetteer.is_division(place) or re.fullmatch(r"[\u4e00-\u9fff]{2,6}(?:镇|乡|街道)", place)):
        return None
    spelled = re.search(rf"{re.escape(place)}[省市县区旗]", text)
    if spelled and gazetteer.is_division(spelled.group(0)) and not place.endswith(("省", "市", "县", "区", "旗")):
        place = spelled.group(0)
    return Found(place, lines[0])


def _organization(text: str, extra: list[str] | None = None) -> Found | None:
    text = re.sub(r"[（(]以下简称[^）)]{0,30}[）)]", "", text)
    raw_lines = _lines(text)
    original = text
    text = _mask("\n".join(_body_lines(text)), _QUOTATION)
    lines = _lines(text)
    head = "\n".join(lines[:4])[:600]
    sources, credits = [], []  # a line of its own (来源：…); a reprint credit closing the text in brackets ((来源:…))
    for m in _SOURCE.finditer("\n".join(lines[:4] + lines[-3:])):
        name = _unbracketed(m.group(1))
        if _names(name) and _names(name)[0][0] == name:
            bracketed = name != m.group(1) and m.string[max(0, m.start() - 1): m.start()] in "（("
            (credits if bracketed else sources).append(Found(_fuller_level(name, text), m.group(0)))
    all_names = ([n for n, _, _ in _names(text[:1500])] + [n for n, _, _ in _names(original[:2500])]
                 + [n for n, _, _ in _names(original[-400:])] + [s.value for s in sources])  # opening, titles, sign-off
    title = title_line(text)
    if title:
        names = _names(title) or _title_unit_of_place(title, text)
        if not (names and names[0][1] == 0):  # 主题 ——农行某支行开展…: the subtitle's subject
            names = [n for part in re.split(r"\s*(?:—+|-{2,}|[|｜:：])\s*|[ \t\u3000]+", title)[1:]
                     for n in _names(part)[:1] if n[1] == 0 and _acts(_MEMBERS.sub("", part[n[2]:], count=1))][:1]
        if names and not (sources and len(sources[0].value) > len(names[0][0])):
            part = _part_of(names[0][0], _subjects(head[len(title):] if head.startswith(title) else head))
            if part:
                return part  # 邮储银行 in the headline, 邮储银行某支行 acting in the opening sentence
            return Found(_fuller(names[0][0], all_names), title)  # a source line naming it in full wins
    hosted = _host(head)
    if hosted and not sources:
        return hosted  # 本次活动由某协会主办，某局承办: the host, not the bodies that ran it for it or guided it
    subjects = _subjects(head)
    publisher = sources[0] if sources and _PUBLISHER.search(sources[0].value) else None
    if sources and not publisher:
        if subjects and _branch_of(subjects[0][0], sources[0].value):
            return Found(_fuller(subjects[0][0], all_names), subjects[0][1])  # the sub-branch that acted
        return sources[0]
    if publisher and not subjects:
        return _unsourced(text, head, title, original, raw_lines, lines, all_names, extra) or publisher
    if publisher and _PUBLISHER.search(subjects[0][0]):
        return publisher  # 来源：某区人民政府 above 某区人民政府召开…: the government's own story
    if credits and not subjects:
        return credits[0]  # (来源:某市市场监管局) after a body's own story is the parent that reposted it
    return _unsourced(text, head, title, original, raw_lines, lines, all_names, extra, subjects)


_FIRST_PERSON = re.compile(r"(?:我|本)(支行|分行|行(?!业)|局|会|公司|委|所|院)")  # 本行业 is a trade, not a bank


def _speaking_partner(name: str, clause: str, text: str) -> Found | None:
    """某局联合某检察院开展…。我院干警讲解…: the partner named beside the subject that speaks of itself as 我院
    (我局, 我行) is the author reporting the joint activity; the subject is the body it worked with."""
    words = _FIRST_PERSON.findall(_mask(text, _QUOTATION))  # “我会注意的”: a person speaking, not a body
    if not words:
        return None
    word = max(set(words), key=words.count)
    if _fits(name, word):
        return None
    rest = clause[clause.find(name) + len(name):]
    partners = [n for n, _, _ in _names(rest) if _fits(n, word) and n.endswith(tuple(ORG_ENDS))]
    if len(partners) != 1:
        return None
    return Found(partners[0], f"{clause}（原文自称“我{word}”）")


def _unsourced(text: str, head: str, title: str | None, original: str, raw_lines: list[str], lines: list[str],
               all_names: list[str], extra: list[str] | None, subjects: list[tuple[str, str]] | None = None) -> Found | None:
    """The author read from the body of the report when no source line names it (a page's publisher, a city's
    government or propaganda department, names only where it is published): a place acting, a Word header,
    我行 as the subject, the opening subject, a news source, a lead line, the sign-off."""
    subjects = subjects or []
    body = head[len(title):] if title and head.startswith(title) else head
    place = _place_subject(body)
    if place and subjects and 0 <= body.find(place.quote) < body.find(subjects[0][1]):
        return place  # 莲湖区在广场举办…。莲湖区市场监管局、…参加了活动: the place acted first; the bodies took part
    for line in extra or []:  # Word header or footer naming the body
        names = _names(line)
        if names and len(line) <= 40 and names[0][1] <= 2:
            return Found(names[0][0], f"页眉页脚：{line}")
    if subjects and _self_first(head, subjects[0][1]):
        own = resolve_own(original, extra)
        if own:
            return own  # 今年以来，我行…: the author speaks of itself before any body is named as acting
    unit = _SELF_UNIT.search(head)
    if unit and (not subjects or unit.start() < head.find(subjects[0][1])):
        return Found(unit.group("unit"), unit.group(0))  # 我校学生处联合某银行…: the school's office that acted
    if subjects:
        name, clause = subjects[0]
        me = _UNNAMED_SELF.search(head)
        if me and me.start() < head.find(clause):
            return None  # 我校携手某银行…。某银行工作人员讲解…: the author (我校) is never named
        return _speaking_partner(name, clause, original) or Found(_fuller(name, all_names), clause)
    place = _place_subject(head)
    if place:
        return place
    news = dateline_source("\n".join(raw_lines[:6]))
    if news:
        return news
    lead = next((line for line in lines[4:12] if _LEAD_LINE.match(line)), None)
    if lead and _subjects(lead):  # a newspaper page: date, page, headlines and captions before the lead
        name, clause = _subjects(lead)[0]
        return Found(_fuller(name, all_names), clause)
    for line in reversed(lines[-3:]):  # sign-off: a short line naming it
        names = _names(line)
        if names and len(line) <= 40 and names[0][1] <= 2:
            return Found(names[0][0], line)
    return resolve_own(original, extra)


# 由A、B指导，C、D主办，E承办: an event's roles as Chinese reports state them. The host (主办) is the author; guides
# (指导) and the bodies that ran it for the host (承办, 协办) are not. Only where 由 opens the clause (本次活动由…):
# 参与由…主办的活动 is another body's event that the author joined.
_HOST_ROLES = re.compile(r"(?:^|[，,。；;\n]|活动)由(?:[^。；;，,\n]{2,60}?指导[，,、]\s*)?(?P<hosts>[^。；;，,\n]{2,80}?)(?:联合|共同)?主办")


# The big banks' usual short names: 农业银行宁德分行 and 农行宁德蕉城支行 are one bank.
_BANK_SHORT = (("中国农业银行", "农行"), ("农业银行", "农行"), ("中国工商银行", "工行"), ("工商银行", "工行"),
               ("中国建设银行", "建行"), ("建设银行", "建行"), ("交通银行", "交行"), ("招商银行", "招行"),
               ("中国邮政储蓄银行", "邮储银行"), ("邮政储蓄银行", "邮储银行"), ("中国银行", "中行"))
_SUB_BRANCH = re.compile(r"(?:支行|营业部|营业室|分理处)$")


def _bank_short(name: str) -> str:
    for full, short in _BANK_SHORT:
        if name.startswith(full):
            return short + name[len(full):]
    return name


def _branch_of(unit: str, parent: str) -> bool:
    """农行宁德蕉城支行 under 来源：农业银行宁德分行: a sub-branch of the branch on the source line, which acted
    (the branch published its sub-branch's story)."""
    unit, parent = _bank_short(unit), _bank_short(parent)
    top = re.match(r"(.{1,8}?(?:银行|行))(.{2,6}?)(?:市)?(?:分行|中心支行)$", parent)
    provincial = bool(top and re.fullmatch(_PROVINCE, top.group(2)))  # a province's branch names its sub-branches by city
    return bool(top and _SUB_BRANCH.search(unit) and unit.startswith(top.group(1)) and (top.group(2) in unit or provincial)
                and len(unit) > len(parent) - 2)


_PROVINCE = (r"(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|"
             r"云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆)(?:省|市|自治区)?")


def _host(head: str) -> Found | None:
    match = _HOST_ROLES.search(head)
    if not match:
        return None
    if match.group("hosts").startswith(("我", "本")):
        return None  # 由我院和某局联合主办: the author hosts and speaks of itself; read on as before
    names = _names(match.group("hosts"))
    return Found(names[0][0], match.group(0).lstrip("，,。；;\n")) if names else None


# Words that end the run of text before a campaign's name: actions and the bodies' joining words.
_RUN_BREAK = re.compile(r"开展|举办|举行|组织|联合|启动|推出|发起|开启|走进|参加|参与|配合|响应|落实|围绕|结合|借助|利用|通过|迎接|庆祝|纪念|"
                        r"开设|设立|开辟|推送|发布|聚焦|紧扣|依托|抓住|把握|贯彻|"
                        r"之际|期间|来临|以|在|于|的|是")


def _campaign_name(run: str, text: str, start: int) -> str | None:
    """A campaign written as a run of words: cut to where a campaign name starts; add its 3·15."""
    if re.search(r"关于|通知|意见|方案", run):
        return None  # 总局关于开展…宣传活动: a document's title, not a campaign
    verb = None
    for verb in _RUN_BREAK.finditer(run):
        pass
    if verb:  # 消协联合开展国际消费者权益日: a campaign's name holds no action; it starts after the last one
        start += verb.end()
        run = run[verb.end():]
    cut = re.search(_CAMPAIGN_START, run)
    if not cut:
        if _DATE_PREFIX.search(text[max(0, start - 12): start]) and len(run) <= 10:
            cut = re.match("", run)  # “3·15”教育宣传周: the day's number starts the name
        else:
            return None
    name = run[cut.start():]
    prefix = _DATE_PREFIX.search(text[max(0, start + cut.start() - 12): start + cut.start()])
    if prefix:
        name = f"{prefix.group(1)}·{prefix.group(2)}{name}"
    return name


# A quoted name of a day, week or month (“全国特种设备安全日”, “安全生产月”): recurring campaigns are named so.
_RECURRING = re.compile(r"(?:全国|国际|世界|中国|全民)?[\u4e00-\u9fff]{2,12}?(?:安全|宣传|教育|服务|保护|普及|科普|权益|关爱|生产|用药|禁毒|消防|减灾|读书)(?:日|周|月)")


# A day written unquoted as the occasion (在打击和防范经济犯罪日来临之际): a recurring day named as such.
_DAY_OCCASION = re.compile(r"(?:在|值|正值|恰逢|迎来|适逢)([\u4e00-\u9fff]{4,16}日)(?:来临|到来)之际")


def campaigns(text: str) -> list[tuple[str, int]]:
    """(campaign name, position) for every campaign the text names."""
    found: list[tuple[str, int]] = []
    for match in _QUOTED.finditer(text):
        inner = match.group(1)
        if (re.search(_CAMPAIGN_ENDS, inner) or _RECURRING.fullmatch(inner)) and not re.search(r"[，,。；;！!]", inner):
            name = inner
            prefix = _DATE_PREFIX.search(text[max(0, match.start() - 12): match.start()])
            if prefix and not re.match(r"\d", inner):
                name = f"{prefix.group(1)}·{prefix.group(2)}{inner}"
            found.append((name, match.start()))
        elif re.fullmatch(r"进[\u4e00-\u9fff]{1,4}", inner):
            topic = _programme_topic(text, match.start())
            if topic:  # 通江县防范金融风险“进乡镇”宣传教育活动: the programme is named by its topic and where it goes
                found.append((topic + inner, match.start() - len(topic)))
    covered = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    for match in _RUN.finditer(text):
        if any(a <= match.start() < b and re.search(_CAMPAIGN_ENDS, text[a:b]) and not re.search(r"[，,]", text[a:b])
               for a, b in covered):
            continue
        name = _campaign_name(match.group(0), text, match.start())
        if name:
            found.append((name, match.start()))
    for match in _DAY_OCCASION.finditer(text):
        if not any(p <= match.start(1) < p + len(n) for n, p in found):
            found.append((match.group(1), match.start(1)))  # 在打击和防范经济犯罪日来临之际: the day is the occasion
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,80}》", text)]
    return sorted((f for f in found if not any(a < f[1] < b for a, b in titles)), key=lambda f: f[1])  # not in 《document titles》


def _programme_topic(text: str, at: int) -> str | None:
    """The topic written right before a quoted “进乡镇”, after the body or place that runs it (通江县|防范金融风险)."""
    run = re.search(r"[\u4e00-\u9fff]{2,20}$", text[max(0, at - 20): at])
    if not run:
        return None
    words = run.group(0)
    cut = 0
    for name, _, end in _names(words):
        cut = max(cut, end)
    from xiaobao.importer import gazetteer

    for place, start, _ in gazetteer.full_names(words):
        cut = max(cut, start + len(place))
    topic = words[cut:]
    return topic if 2 <= len(topic) <= 8 and not re.search(_STOP, topic) else None


# Campaigns that run every year under these names (PBOC, NFRA, CSRC, SAMR, consumer associations).
KNOWN_CAMPAIGNS = (
    "国际消费者权益日", "金融消费者权益日", "普及金融知识万里行", "金融知识万里行", "金融知识进万家", "金融知识普及月",
    "金融教育宣传周", "金融教育宣传月", "防范非法集资宣传月", "防范非法集资集中宣传月", "反假货币宣传月",
    "全国保险公众宣传日", "保险公众宣传日", "全国投资者保护宣传日", "守住钱袋子", "守住‘钱袋子’",
    "国家网络安全宣传周", "全民国家安全教育日", "食品安全宣传周", "质量月", "诚信兴商宣传月", "消费者权益保护教育宣传周",
    "金融消费权益保护教育宣传周", "反洗钱宣传月", "征信宣传月", "金融知识伴你行", "金融知识进校园",
    "打击整治养老诈骗专项行动", "打击和防范经济犯罪宣传日", "网络安全宣传周", "药品安全宣传周", "信用记录关爱日", "国家宪法日",
    "金惠工程", "星海计划", "知识产权宣传周", "中国品牌日", "世界计量日",
    # national months, weeks and days that recur every year under these names (State Council, SAMR, NMPA, the
    # Ministry of Emergency Management, the Ministry of Justice, CNIPA), named as the occasion of local activities
    "安全生产月", "安全用药月", "世界知识产权日", "民法典宣传月", "宪法宣传周", "全民禁毒宣传月", "国际禁毒日",
    "防灾减灾日", "全国科普日", "消防宣传月", "世界消费者权益日", "存款保险宣传月", "个人信息保护宣传周",
)
_MISQUOTED_DAY = re.compile(r"(“\d{1,2}\s*[·.．•・]\s*\d{1,2})“")
_MISQUOTED_OPEN = re.compile(r"(?<=开展|举办|举行|启动|组织)”(?=[^“”\n]{2,30}”)")  # 开展”…”活动: the opening quote mistyped
_OCCASION_AFTER = re.compile(r"[”\"]?(?:活动)?为(?:契机|载体|抓手)")
_DATE_IS = re.compile(r"(?:是|为)(?:第[\d一二三四五六七八九十]{1,4}个)?[“\"]?$")
_OWN_ACTION = re.compile(r"(?:开展|举办|举行|启动|组织|推出|发起|推动|深入开展|组织开展|积极开展|开展了|举办了|启动了)\s*(?:了|第\S{1,3}届|\d{4}年)?\s*[“\"]?$")
_OTHERS_ACTION = re.compile(r"(?:配合|响应|参加|参与|按照|根据|落实|关于|印发|转发|根据|依据|结合|借助|借|围绕|以)\S{0,12}$")
_QUOTE_THEN_ACTIVITY = re.compile(r"[“\"]((?:[^“”\"\n]|‘[^’\n]*’){2,40})[”\"]([\u4e00-\u9fff&＆]{0,12}?)(?:系列|主题|专项|集中)?(?:宣传教育|宣传|宣教|教育)?(?:活动|行动)")
_QUOTED_LIST_ITEM = re.compile(r"[“\"]((?:[^“”\"\n]|‘[^’\n]*’){2,40})[”\"](?=、|和|及)")


# A day's number then its activity, unquoted: 3·15银行业消费者权益保护宣传活动 (the day names the campaign).
_DAY_RUN = re.compile(r"(?<![\d.])(\d{1,2})\s*[.·・•]\s*(\d{1,2})(?![\d.])\s*([\u4e00-\u9fff]{2,20}?(?:宣传教育活动|宣传活动|教育活动|主题活动))")
_QUOTE_SPAN = re.compile(r"[“\"](?:[^“”\"\n]|‘[^’\n]*’){1,40}[”\"]")
_THEME_BEFORE = re.compile(r"(?:主题为|主题是|围绕|口号|标语)\s*$")
_THEME_AFTER = re.compile(r"(?:为主题|的主题|为口号|为活动主题|为宣传主题|为年主题)")


def _is_theme(text: str, start: int, end: int) -> bool:
    """以“守住钱袋子·护好幸福家”为主题, 主题为“…”: a theme; 以“3·15”为契机 is the occasion, a campaign."""
    return bool(_THEME_BEFORE.search(text[max(0, start - 4): start]) or _THEME_AFTER.match(text[end:]))


def _core(name: str) -> str:
    """反假货币宣传月 → 反假货币: the words that say what a campaign is about."""
    core = re.sub(rf"(?:{_CAMPAIGN_ENDS}|主题|宣传|活动|教育|集中|专项|系列)+$", "", re.sub(r"^[\d·.]+", "", name))
    return core if len(core) >= 2 else name


def _candidates(text: str) -> list[tuple[str, int, bool]]:
    """(name, position, quoted) for every campaign the text names: quoted names, names followed by
    活动 (“星海计划&金惠工程”金融知识伴你行活动), runs ending in a campaign word, known campaigns."""
    found = [(name, pos, True) for name, pos in campaigns(text)]
    for match in _QUOTE_THEN_ACTIVITY.finditer(text):
        inner, tail = match.group(1), match.group(2)
        if re.search(r"[。；;！!、]", inner) or re.search(_CAMPAIGN_ENDS, inner) or re.search(r"[为的以之]|主题", tail):
            continue  # a theme (以“…”为主题), not a name
        if not (any(k in tail for k in KNOWN_CAMPAIGNS) if tail else any(k in inner for k in KNOWN_CAMPAIGNS)):
            continue  # “星海计划&金惠工程”金融知识伴你行活动; “普及金融知识，守住钱袋子”主题活动
        if tail and re.search(r"[，,]", inner):
            continue  # “守住钱袋子,护好幸福家”防范非法集资宣传活动: a slogan before a topic
        found.append((inner + tail, match.start(), True))
    for match in _QUOTED_LIST_ITEM.finditer(text):
        inner = match.group(1)
        if any(k in inner for k in KNOWN_CAMPAIGNS) and not re.search(r"[，,。；;！!]", inner):
            found.append((inner, match.start(), True))
    for match in _DAY_RUN.finditer(text):
        if 1 <= int(match.group(1)) <= 12 and 1 <= int(match.group(2)) <= 31 and not _RUN_BREAK.search(match.group(3)) \
                and not re.search(_CAMPAIGN_ENDS, match.group(3)) and not any(k in match.group(3) for k in KNOWN_CAMPAIGNS):
            found.append((f"{match.group(1)}·{match.group(2)}{match.group(3)}", match.start(), False))
    themes = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text) if _is_theme(text, m.start(), m.end())]
    found = [f for f in found if not any(a <= f[1] < b for a, b in themes)]
    for known in KNOWN_CAMPAIGNS:
        for match in re.finditer(re.escape(known), text):
            if any(a <= match.start() < b for a, b in themes):
                continue  # 以“守住钱袋子·护好幸福家”为主题: a theme quoting a campaign's words
            if not any(p <= match.start() < p + len(n) + 2 or match.start() <= p < match.start() + len(known)
                       for n, p, _ in found):
                prefix = _DATE_PREFIX.search(text[max(0, match.start() - 12): match.start()])
                if prefix and not re.match(r"\d", known):
                    found.append((f"{prefix.group(1)}·{prefix.group(2)}{known}", match.start(), False))  # 5.20世界计量日
                    continue
                span = next((m for m in _QUOTE_SPAN.finditer(text) if m.start() < match.start() < m.end()), None)
                if span and not re.search(r"[。；;！!]", span.group(0)):
                    found.append((span.group(0)[1:-1], match.start(), False))  # “守住钱袋子,护好幸福家”: the name as quoted, whole
                    continue
                found.append((known, match.start(), False))
    return sorted(found, key=lambda f: f[1])


# “春雷行动2019”: the year after a campaign's name is its edition, as a year before it is (see _YEAR_LEAD)
_YEAR_TAIL = re.compile(r"(?<=[\u4e00-\u9fff]{4})\s*(?:20\d{2}|19\d{2})\s*年?度?$")


def campaign(text: str, org: Found | None, title: str | None = None) -> Found | None:
    """The campaign the summary is about (see _campaign), without the year of this edition."""
    found = _campaign(text, org, title)
    if found and _YEAR_TAIL.search(found.value):
        return Found(_YEAR_TAIL.sub("", found.value), found.quote)
    return found


def _campaign(text: str, org: Found | None, title: str | None = None) -> Found | None:
    """The campaign the summary is about, among all it names.

    Scored: named in the title, run by the author (开展/举办 right before it, near its name),
    quoted, named again later; a campaign the author only answers or follows (配合/响应/按照 …
    the document of another body) counts less. Ties go to the earliest."""
    text = _MISQUOTED_DAY.sub(r"\1”", text)  # web copies write “3·15“: the day is quoted all the same
    text = _MISQUOTED_OPEN.sub("“", text)
    head = text[:600]
    named = _candidates(head)
    if not named:
        return occasion_day(text) or own_quoted(text) or quoted_activity(text, title)  # a recurring day first
    anchor = head.find(org.value) if org and org.value in head else -1
    whole = re.sub(r"[\s“”\"‘’]", "", text)
    best = None
    for order, (name, pos, quoted) in enumerate(named):
        before = _DATE_PREFIX.sub("", head[max(0, pos - 22): pos])[-14:]  # the words before its “3·15”
        score = 0.0
        if title and name in title:
            score += 3
        if _OWN_ACTION.search(before):
            score += 2
        elif _OCCASION_AFTER.match(head[pos + len(name): pos + len(name) + 8]):
            score += 1  # 以“3.15”消费者权益保护教育宣传周活动为契机: the occasion it took
        elif _OTHERS_ACTION.search(before):
            score -= 1.5
        if _DATE_IS.search(before):
            score -= 2  # 3·15是第40个“国际消费者权益日”: what a date is, said in passing
        if quoted:
            score += 1
        if anchor >= 0 and not re.search(r"[。！!？?\n]", head[min(anchor, pos): max(anchor, pos)]):
            score += 1  # in the author's own sentence
        score += min(whole.count(re.sub(r"[\s“”\"‘’]", "", _core(name))) - 1, 3) * 0.5  # what the report goes on about
        score += len(name) / 100  # the fuller of two spellings
        if re.search(r"(?:日|周|月|万里行|进万家|专项行动)$", name):
            score += 1.5  # a recurring day, week or month is the occasion; 金融知识进校园 is a programme within it
        key = (score, -order)
        if best is None or key > best[0]:
            best = (key, name, pos)
    _, name, pos = best
    plain = re.sub(r"[“”\"‘’\s]", "", title or "")
    if not re.search(r"(?:日|周|月|万里行|进万家|专项行动)$", name) and plain and re.sub(r"[“”\"‘’\s·]", "", name) not in plain.replace("·", ""):
        own = _OWN_QUOTED.search(title or "")  # the title names its own activity (开展“青春财能”金融知识宣传活动); a programme
        if own and not re.match(r"\d", own.group(1)) and not _topic_word(own.group(1)) \
                and not _is_theme(title or "", own.start(1) - 1, own.end(1) + 1):
            return Found(_YEAR_LEAD.sub("", own.group(1)) or own.group(1), own.group(0))  # mentioned later loses to it
    name = _YEAR_LEAD.sub("", _fullest(_day_of_theme(name), text))  # “2025金融知识校园行”: the campaign runs every year
    if re.search(r"[日周月]$", name):
        name = _ORDINAL.sub("", name)  # 第四个全民国家安全教育日: the day recurs; its ordinal is no part of its name, as its year is not
    return Found(name, head[max(0, pos - 10): pos + len(name) + 10].replace("\n", " "))


_ORDINAL = re.compile(r"^第[\d一二三四五六七八九十百]{1,4}[个届次期]")


def _day_of_theme(name: str) -> str:
    """“第22个世界计量日——测量守护健康”: the recurring day is the campaign; its ordinal and the year's theme after
    the dash are not (a name whose parts are no recurring day stays whole: “存保十年——存款保险知识乡村行”)."""
    parts = [p for p in re.split(r"\s*(?:—+|－+|-{2,})\s*", name) if p]
    for part in parts:
        bare = _ORDINAL.sub("", part)
        if len(parts) > 1 and any(k in bare for k in KNOWN_CAMPAIGNS) and re.search(r"[日周月]$", bare):
            return bare  # (权利·责任·风险—金融消费者权益保护百村行: a slogan before a programme's name stays)
    return name


_INTERNATIONAL = re.compile(r"国际|全国")


def _fullest(name: str, text: str) -> str:
    """The campaign as written at its fullest mention (打击和防范经济犯罪宣传日 in the title,
    全国公安机关打击和防范经济犯罪宣传日 in the text)."""
    plain = _INTERNATIONAL.sub("", name)
    undated = re.sub(r"^\d{1,2}·\d{1,2}", "", name)  # “5·15”打击和防范经济犯罪宣传日 is 全国公安机关打击和防范经济犯罪宣传日
    longer = [n for n, _ in campaigns(text[:1500]) if len(name) < len(n) <= len(name) + 8
              and (n.endswith(name) or _INTERNATIONAL.sub("", n) == plain
                   or undated != name and n.startswith("全国") and n.endswith(undated))]
    if longer:
        name = max(longer, key=len)  # 3·15国际消费者权益日 in the text, 3·15消费者权益日 in the headline
    day = re.search(re.escape(name) + r"([\u4e00-\u9fff]{2,8}?(?:宣传日|保护日|主题日))", text[:1500])
    if day and not re.search(r"[和与及、]", day.group(1)):
        return name + day.group(1)  # 防范非法集资宣传月集中宣传日, 国家网络安全宣传周个人信息保护日: the day within it
    day = re.match(r"(\d{1,2})·(\d{1,2})(.+)", name)
    if day:  # 全国公安机关“5.15”打击和防范经济犯罪宣传日: the nation's sector before the quoted day
        sector = re.search(r"(全国[\u4e00-\u9fff]{0,6}?)[“\"]?" + day.group(1) + r"\s*[.·・•]\s*" + day.group(2)
                           + r"[”\"]?" + re.escape(day.group(3)), text[:1500])
        if sector:
            return f"{sector.group(1)}{name}"
    if longer:
        return name
    if not name.startswith("全国") and re.search("全国[“\"]?" + re.escape(name), text[:1500]):
        return "全国" + name  # 全国打击整治养老诈骗专项行动, 全国“质量月”: the national campaign as the text names it
    sector = re.search(r"(全国[\u4e00-\u9fff]{2,6}?)第[\d一二三四五六七八九十]{1,4}个[“\"]?" + re.escape(name), text[:1500])
    if sector and re.search(r"[日周月]$", name):
        return sector.group(1) + name  # 全国公安机关第14个打击和防范经济犯罪宣传日: the sector's day, its ordinal dropped
    quoted = [m.group(1) for m in _QUOTED.finditer(text[:600]) if m.group(1).startswith(name) and m.group(1) != name
              and not _is_theme(text, m.start(), m.end()) and not re.search(r"[，,。；;！!]", m.group(1))]
    return quoted[0] if quoted else name  # “金融知识普及月 金融知识进万家 争做理性投资者”: the campaign as the text names it


_ACTIVITY_QUOTE = re.compile(r"[“\"]((?:[^“”\"\n，,。；;！!？?]|‘[^’\n]*’){2,30})[”\"]")
# “平安伴成长”高校秋季开学安全防范宣传系列活动在某校正式启动: the quoted name of an activity that took place
_QUOTE_EVENT_HELD = re.compile(r"[^，,。；“”\n]{0,20}?活动[，,]?\s*(?:在|于)[^，,。；“”\n]{1,25}?(?:正式|隆重|顺利)?(?:启动|举行|开幕|举办|开讲)")
_QUOTE_ACTS = re.compile(r"(?:走进|走入|进入|来到|开进|亮相|开讲|启动|举行|开播)")
# 本次“反诈宣传进集市”活动; 某支行“新春第一宣”于日前在社区展开, 某支行的“征信小课堂”支起了展台: the name the
# report gives its own activity, by 本次 before it or its body's name right before it and an action after it.
_THIS_ONE = re.compile(r"(?:本次|此次|这次|该次)$")
_OWNER_BEFORE = re.compile(rf"(?:{'|'.join(e for e in ORG_ENDS if len(e) > 1)})的?$")
_NAME_THEN_ACTS = re.compile(r"(?:于|在|已|正式|再次|又|持续)?[^，,。；\n]{0,12}?(?:展开|开展|举行|启动|支起|开讲|开课|开播|亮相|走进|进)")
_TEAM_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:队|团|小组)")  # 某所“峡江高山兰”志愿服务队走进…: the team's name, no activity's
_QUOTE_THEN_TEAM = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:活动|行动|宣传队|宣讲团|宣讲队|服务队)")


# Quotes that name one event of its own: 一场“打假大冒险”, 一堂别开生面的“童趣金融知识课”; the activity hosted
# (某行主办、某处承办的“…”), a programme it runs (开办“金融夜校”), the activity a body held (在某检察院“…”活动中).
_ONE_EVENT = re.compile(r"一(?:场|堂|期|次|节)(?:[^，,。；“”\n]{0,8}的)?$")
_HOSTED = re.compile(r"(?:主办|承办|协办|举办)的$")
_RUNS = re.compile(r"(?:开办|开设|创办)(?:了)?$")
_DURING = re.compile(r"(?:系列|主题|专项)?(?:宣传)?活动(?:中|期间|现场|上)")


def _name_lead(text: str, at: int) -> bool:
    """Does a quote at `at` open a name rather than sit inside a phrase (守住“钱袋子”, 宣传“断卡”)? After
    a mark, an action word (开展了“…”) or a body's name (派出所“…”宣传队)."""
    lead = text[at - 1: at] if at else ""
    return not re.match(r"[\u4e00-\u9fff]", lead) or lead in "了展办行织出启划的年届" or text[:at].endswith(tuple(ORG_ENDS))


def quoted_activity(text: str, title: str | None = None) -> Found | None:
    """The quoted name of the report's own activity written without 开展 before it: quoted in the text and
    named in the title (将“金融知识微课堂”搬进养老院 under 金融知识微课堂走进养老院), acting itself
    (“消费教育大讲堂”走进社区), or named twice as an activity or its team (“晓丹反诈”宣传队 …
    “晓丹反诈”巡回宣传活动). Themes (以“…”为主题) never count."""
    head = text[:1500]
    quotes = [m for m in _ACTIVITY_QUOTE.finditer(head) if not _is_theme(head, m.start(), m.end()) and not _topic_word(m.group(1))]
    first = (_lines(text) or [""])[0]
    if not title and len(first) <= 60 and not re.search(r"[。；;！!？?]", first):
        title = first  # a headline without the words title_line asks for (…：防骗小讲堂走进敬老院)
    plain_title = re.sub(r"[“”\"‘’\s]", "", title or "")
    for m in quotes:
        if plain_title and len(m.group(1)) >= 4 and m.group(1) in plain_title:
            return Found(m.group(1), m.group(0))
    for m in quotes:
        if _QUOTE_ACTS.match(head, m.end()) and _name_lead(head, m.start()):
            return Found(m.group(1), head[m.start(): m.end() + 2])
    for m in quotes:
        held = _QUOTE_EVENT_HELD.match(head, m.end())
        if held and len(m.group(1)) >= 3 and not _is_theme(head, m.start(), m.end()):
            return Found(m.group(1), head[m.start(): held.end()])
    for m in quotes:
        before = head[max(0, m.start() - 16): m.start()]
        if len(m.group(1)) >= 4 and (_ONE_EVENT.search(before) or _HOSTED.search(before) or _RUNS.search(before)
                                     or _OWNER_BEFORE.search(before) and _DURING.match(head, m.end())):
            return Found(m.group(1), head[max(0, m.start() - 6): m.end() + 4])
    for m in quotes:
        if len(m.group(1)) >= 4 and (_THIS_ONE.search(head[max(0, m.start() - 3): m.start()])
                                     and re.match(r"(?:宣传|主题)?活动", head[m.end():])
                                     or _OWNER_BEFORE.search(head[max(0, m.start() - 12): m.start()])
                                     and _NAME_THEN_ACTS.match(head, m.end()) and not _TEAM_AFTER.match(head, m.end())):
            return Found(m.group(1), head[max(0, m.start() - 8): m.end() + 4])
    counts: dict[str, int] = {}
    for m in quotes:
        if len(m.group(1)) >= 4 and _QUOTE_THEN_TEAM.match(head, m.end()) and _name_lead(head, m.start()):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    repeated = [name for name, n in counts.items() if n >= 2]
    if repeated:
        name = repeated[0]
        return Found(name, f"“{name}”")
    return None


_OCCASION_DAY = re.compile(r"[“\"](\d{1,2})\s*[.·・•]\s*(\d{1,2})[”\"](?:期间|之际|来临之际|到来之际|前后|当天|活动期间|为契机)")


def occasion_day(text: str) -> Found | None:
    """今年“3·15”期间, 郑商所…: a day written bare as the occasion, when the text names no campaign or activity."""
    match = _OCCASION_DAY.search(text[:600])
    if match and 1 <= int(match.group(1)) <= 12 and 1 <= int(match.group(2)) <= 31:
        return Found(f"{match.group(1)}·{match.group(2)}", match.group(0))
    return None


_YEAR_LEAD = re.compile(r"^(?:20\d{2}|19\d{2})\s*年?(?:度)?")
_OWN_QUOTED = re.compile(r"(?:开展|举办|举行|启动|组织|推出|开启|策划|参与|响应|参加)(?:了)?"
                         r"(?:以[“\"][^“”\"\n]{1,30}[”\"]为(?:主题|口号)的?)?[^，。；“”、与和及\n]{0,10}?"  # past a theme: 以“…”为主题的“金融夜市”
                         r"[“\"]((?:[^“”\"\n]|‘[^’\n]*’){2,30})[”\"]([^，。；“”\n]{0,16}?)"
                         r"(?:(?:系列|主题|专项|集中)?(?:宣传教育|宣传|宣教|教育|消费教育|普法)?(?:活动|行动|讲座|竞赛|号召)|(?<=”)暨)")


def _topic_word(name: str) -> bool:
    """反诈, 食品安全, 防范非法集资: the words of a topic alone (a quoted topic is no activity's name)."""
    from xiaobao.importer.metadata import TOPIC_RULES

    rest = name
    for pattern in TOPIC_RULES.values():
        rest = re.sub(pattern, "", rest)
    # 反诈, 食品安全: nothing but a topic's words; 晓丹反诈, 征信小课堂, 平安早市 are names built on one
    return rest != name and not re.sub(r"安全|知识|宣传|防范|打击|专项|教育|[反防]", "", rest)


def _manner(name: str) -> bool:
    """面对面, 走出去: a short quoted phrase of verbs and adverbials says how the work was done; a coined name
    (双百, 金融夜校) holds a noun or a number."""
    from xiaobao.importer import words

    tokens = words.cut(name)
    return len(name) <= 3 and bool(tokens) and all(tag in ("v", "f") for _, tag in tokens)


def own_quoted(text: str) -> Found | None:
    """开展“双百”宣传活动, 开展“法治赶大集 送法迎新春”宣传活动: the quoted name a text gives its own
    activity, used when it names no recurring campaign (a theme, 以“…”为主题, is none)."""
    for match in _OWN_QUOTED.finditer(text[:800]):
        if _is_theme(text, match.start(1) - 1, match.end(1) + 1) or re.search(r"创建|评选|评比|申报|争创", match.group(2)):
            continue  # 开展“无传销社区”创建活动: a title to earn, not the activity's name
        lead = text[match.start(1) - 2: match.start(1) - 1]
        if len(match.group(1)) <= 3 and re.match(r"[\u4e00-\u9fff]", lead) and lead not in "了展办行动织出启划与应加年届期的":
            continue  # 守住“钱袋子”集中宣传: a quoted word inside a phrase, not a name
        name = _YEAR_LEAD.sub("", match.group(1)) or match.group(1)
        if _manner(name):
            continue  # 开展“面对面”宣讲, “走出去”宣传: how it worked, not what the activity is called
        if _topic_word(name) and not text.startswith("主题", match.end(1) + 1) \
                and not re.fullmatch(r"(?:进[\u4e00-\u9fff]{1,3}){1,4}", match.group(2)):
            continue  # 开展“反诈”宣传活动, “反电诈”宣传志愿者活动: a topic in quotes, not a name
        if re.fullmatch(r"(?:进[\u4e00-\u9fff]{1,3}){1,4}", match.group(2)) and not re.search(r"[日周月]$", name):
            return Found(name + match.group(2), match.group(0))  # “打击传销”进市场进社区: the programme as named
        tail = re.sub(r"活动$", "", match.group(2) + text[match.end(2): match.end()])
        if re.search(rf"(?:{_CAMPAIGN_ENDS})$", tail) and not re.search(r"[，,、]", tail):
            name += tail  # 开展“打击传销规范直销”主题宣传月活动: the month is part of its name
        return Found(name, match.group(0))
    whole = _OWN_QUOTED_WHOLE.search(text[:800])
    if whole and not _is_theme(text, whole.start(1) - 1, whole.end(1) + 1):
        return Found(_YEAR_LEAD.sub("", whole.group(1)) or whole.group(1), whole.group(0))  # 举办了“2019年放心农资下乡进村活动”
    return None


# The whole activity quoted, its 活动 inside the quotes (举办了“放心农资下乡进村活动”).
_OWN_QUOTED_WHOLE = re.compile(r"(?:开展|举办|举行|启动|组织)(?:了)?[“\"]([^“”\"\n，,。；]{4,30}?(?:活动|行动))[”\"]")


_YMD = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_YM = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月")
_MD = re.compile(r"(?<![\d年.])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?![讯电])")  # not a news dateline (6月11日讯)
_Y = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*年")
_DATELINE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")


_M = re.compile(r"(?<![\d年.月/\-])(\d{1,2})\s*月(?:份)?(?=以来|初|上旬|中旬|下旬|底|期间|间|中|，|,|起)")


def period(text: str, year: str | None = None) -> Found | None:
    """When it started, to the precision the report gives: the first day the opening names, else
    its earliest month (9月以来, not 3月12日 of an example further on). `year` (from the signature)
    completes a month written without one."""
    head, published = _without_publication_date(text[:500])
    found_year = _Y.search(head)
    dateline = _DATELINE.search(head) or published
    if found_year and int(found_year.group(1)) < 2000:
        found_year = None  # 1983年国际消费者联盟…: history, not this report
    dates: list[tuple[int, int, str, str]] = []  # (position, -precision, value, quote)
    for m in _YMD.finditer(head):
        if int(m.group(1)) < 2000:
            continue
        dates.append((m.start(), -3, f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", m.group(0)))
    for m in _YM.finditer(head):
        if 1 <= int(m.group(2)) <= 12 and int(m.group(1)) >= 2000:
            dates.append((m.start(), -2, f"{m.group(1)}-{int(m.group(2)):02d}", m.group(0)))
    for pattern, precision in ((_MD, -3), (_M, -2)):
        for m in pattern.finditer(head):
            month = int(m.group(1))
            if not 1 <= month <= 12 or any(d[0] <= m.start() < d[0] + len(d[3]) for d in dates):
                continue
            y = found_year.group(1) if found_year else (dateline.group(1) if dateline and int(dateline.group(2)) >= month else year)
            if not y:
                continue
            value = f"{y}-{month:02d}" + (f"-{int(m.group(2)):02d}" if precision == -3 else "")
            dates.append((m.start(), precision, value, m.group(0)))
    days = [d for d in dates if d[1] == -3 and d[0] < 300]  # the day the opening names
    if days:
        best = min(days)
        return Found(best[2], best[3])
    if dates:
        first = min(dates)
        close = [d for d in dates if d[0] - first[0] <= 6]
        best = min(close, key=lambda d: (d[1], d[0]))
        return Found(best[2], best[3])
    if _MD.search(head) or _M.search(head):
        return None  # a month without a year: unknown, not invented
    if published and (_RELATIVE.search(head) or not found_year):
        return Found(published.group(1), published.group(0))  # 近期… under a 2024-12-16 dateline: 2024
    if found_year:
        return Found(found_year.group(1), found_year.group(0))
    return None


# A page's publication date: with a clock time, after 发布时间/来源, or a newspaper's (日期 第5版).
_PUBLISHED = re.compile(r"(?:(?:发布时间|发布日期|发表时间|时间|日期)[:：]?\s*)?(?<!\d)(20\d{2})[-./年](\d{1,2})[-./月](\d{1,2})日?"
                        r"(?=\s*\d{1,2}:\d{2}|\s*第\s*\S{1,3}\s*版)|(?:发布时间|发布日期|发表时间)[:：]?\s*(20\d{2})[-./年](\d{1,2})[-./月](\d{1,2})")
_RELATIVE = re.compile(r"近日|近期|日前|今年以来|近年来|连日来|期间|近段时间|这几天")


def _without_publication_date(head: str) -> tuple[str, re.Match[str] | None]:
    """The opening with the page's publication date blanked (it says when the page went up, not
    when the activity happened), and that date for its year."""
    match = _PUBLISHED.search(head)
    if not match:
        return head, None
    groups = [g for g in match.groups() if g]
    fake = re.match(r"(20\d{2})-(\d{1,2})-(\d{1,2})", f"{groups[0]}-{groups[1]}-{groups[2]}")
    return head[:match.start()] + " " * (match.end() - match.start()) + head[match.end():], fake


_ANY_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?|[-./](\d{1,2})[-./](\d{1,2})(?!\d))")


def signature_date(text: str, extra: list[str] | None = None) -> Found | None:
    """The date under the signature or in a Word header/footer (2024年3月20日), when the
    opening gives none: when the summary was written, so at least its year and month."""
    lines = [line for line in _lines(text)[-4:] if len(line) <= 40] + list(extra or [])
    for line in reversed(lines):
        match = _ANY_DATE.search(line)
        if not match:
            continue
        year = match.group(1)
        month = match.group(2) or match.group(4)
        day = match.group(3) or match.group(5)
        if not month or not 1 <= int(month) <= 12:
            continue
        value = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")
        return Found(value, match.group(0))
    return None
