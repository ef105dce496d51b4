"""Figures in a summary: every counted number with its metric, label, qualifier and exact quote.

A number counts only when a unit (classifier) follows it: that excludes years, dates,
hotlines (12315, 95588), times and document numbers. Ordinals (第八条), numbers inside
quotation marks or book titles (slogans such as “三进”, 《…五年规划》), the numeral 一
(anecdotes: 一位老年客户) and kinds of things (三项宣传) are skipped too.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from xiaobao.campaigns.numerals import NumeralError, to_number
from xiaobao.importer import counting, gazetteer, lexicon, rules, words

CN_NUM = "零〇一二两三四五六七八九十百千万亿"
_UNITS = "|".join(sorted((re.escape(u) for u in rules.UNITS), key=len, reverse=True))
PREFIXES = [("不少于", "at_least"), ("至少", "at_least"), ("将近", "nearly"), ("接近", "nearly"),
            ("近", "nearly"), ("超过", "more_than"), ("突破", "more_than"), ("超", "more_than"), ("逾", "more_than"),
            ("破", "more_than"),
            ("大约", "about"), ("约", "about")]
SUFFIXES = {"余": "more_than", "多": "more_than", "以上": "more_than", "左右": "about", "+": "more_than", "＋": "more_than"}
_NUMBER = re.compile(
    rf"(?<![\d.:：·\-~/{CN_NUM}xX×第每几])(?<!(?<!—)—)(?<!\d,)(?<!(?<![人次])数(?=[{CN_NUM}]))"  # 数千名 is vague; 人数400 is not  # 活动现场,3000余名: an ASCII comma ends a clause
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_NUM}]+|(?P<ph>[xX×]{{1,4}}))"
    rf"(?P<mult>万亿|千万|百万|[万亿千])?"  # 1.2万, 5千余份 (digits with a Chinese multiplier), 7万亿元
    rf"(?:[ \u00a0]?(?P<suf>余|多|以上|左右|\+|＋))?"  # 3000+人 in web copies; 60 余名 (a space, as before a unit)
    rf"(?P<mult2>万)?"
    rf"[ \u00a0]?"  # 268 起: a space before the unit is still a figure
    rf"(?P<unit>{_UNITS})"
    rf"(?P<suf2>以上|左右)?"
)
_CLAUSE_END = "，,。；;！!？?：:、\n"
_SENTENCE_END = "。；;！!？?\n"
# 预计共组织十期, 计划发放: a plan word before the verb of the count (计划统计科 is a department)
_PLAN = re.compile(r"(?:预计|计划|拟|力争|力求|争取|目标是|目标为|预期)(?:将|要|于|在|共|再|还|全年|年内|到年底){0,3}"
                   r"(?:组织|开展|举办|发放|完成|实现|覆盖|达到|建成|新增|培训|走访|举行|投放|印制|设立|设置|接待|服务)[^，,。；;]{0,12}$")
# A sentence about the future (今后，全市33家企业将…) or a plan stated once for several clauses
# (力求新增示范单位1300家，发展调处企业500家): targets, not results.
_FUTURE = re.compile(r"^\s*(?:今后|下一步|未来|接下来|下阶段|明年)|力求|力争|争取|预计|目标是|目标为"
                     r"|如果|假如|倘若|将(?:至少|超过)?(?:达到|覆盖|惠及)")  # 如果显示是0.2千克, 将至少达到3000人: not results
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{0,2}(?:乡|镇|村|街道|社区|屯|寨|湾)(?![\u4e00-\u9fff]{0,1}(?:活动|宣传))")
# Before a percentage: a change over time (同比下降15%), which describes; it counts nothing done.
# Rates (办结率99.4%) are figures (CONVENTIONS.md: percentages are kept, metric other).
_TREND = re.compile(r"同比|环比|增长|下降|上升|提高|降低|减少|增加|增幅|降幅|回落")
# After the counted noun: a future predicate (七个基层监管所会在后续赶集日发放资料): the count is the subject of a plan.
_WILL = re.compile(r"(?:也|还|都|均)?(?:将会|将要|将|会|拟|计划|准备)(?:在|于)?(?:后续|今后|近期|下一步|下阶段|年内|明年|未来|陆续)")
# Before a count: a layout (将辖区划分为131个网格, 分成10个小组): how something is divided, not what was done.
_PARTITION = re.compile(r"(?:划分为|划分成|划为|分为|分成)$")
# Before a count of cases: they happened (发生, 发案), they were not dealt with by the campaign.
# Before a percentage: a share of a population (占全村总人口近25%), background rather than anything done; or a rate
# (受检率达100%, 损失率超过20%) that a sentence sets as a goal or a condition (确保…, 如果…且…): a rule, not a result
# (CONVENTIONS.md). A rate achieved (办结率99.4%) stays a figure.
_SHARE = re.compile(r"占[^，,。；;]{0,12}人口[^，,。；;]{0,4}$")
_RATE = re.compile(r"率(?:均|已|也|都)?(?:达到|达|为|是|超过|超|高达|保持|不低于|不少于|约|近|接近|在)?\s*(?:约|近|超过)?$")
_GOAL_OR_CONDITION = re.compile(r"确保|保证|力争|要求|如果|假如|若|一旦|只要|凡")
_OCCURRED = re.compile(r"(?:发生|发案|发现|出现)[^，,。；;]{0,12}$")
_PART = re.compile(r"(?:其中|包括|内含|含)")  # at the start of the count's own clause
# After the count in its clause: an award (3家支行、3名员工荣获先进集体), which honours; it counts nothing done.
_AWARD = re.compile(r"[^，,。；;！!？?\n]{0,24}?(?:荣获|获评|被评为|被授予|荣膺|获得[^，,。；;]{0,12}(?:表彰|称号|荣誉))")
_ANECDOTE = re.compile(r"[一这该此](?:名|位|个)[^，,。；]{0,6}(?:客户|老人|市民|群众|村民|居民|女士|先生|阿姨|大爷|老年|大妈|学生)|"
                       r"某(?:客户|老人|市民|女士|先生)|[王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐][某女先阿大]")
_TOTAL = re.compile(r"(共计|累计|合计|总计|总共|一共|共有|共)")
_VERB_CUT = re.compile(r"(开展|设立|设置|进行|参与|参加|组织|发放|举办|共同|联合|分别|滚动|播放|兼职|均|都|已|在|对|向|为|到|赴|作|于|的|和|与|及|，|,|。|、|；|：|\(|（|\)|）|\s)")
_QUOTES = re.compile(r"《[^《》\n]{0,80}》|[“”\"「」‘’][^“”\"「」‘’\n]{0,30}[“”\"「」‘’]")


@dataclass
class Mention:
    metric: str
    label: str
    value: int | float | None
    qualifier: str
    quote: str
    total: bool = False
    start: int = 0
    reason: str = ""  # why this metric: "按‘投资者’算作受众" (shown to the reviewer)
    basis: str = ""  # head | verb | person | sentence | unit: the last two are weak guesses
    part: bool = False  # introduced by 其中/包括: a part of a figure stated before it
    unit: str = ""  # the measure word (份, 人次, 篇); "" when the text has none

    def public(self) -> dict:
        data = asdict(self)
        del data["total"], data["start"], data["basis"], data["part"], data["unit"]
        return data


def _qualifier(text: str, start: int, suf: str | None) -> tuple[str, int]:
    """Prefix before the number wins over a suffix after it (约1000余 → about)."""
    before = text[max(0, start - 3) : start]
    if before.endswith("上") and text[start:start + 1] in ("百", "千", "万"):
        return "more_than", start - 1  # 上百位市民: over a hundred
    for word, qualifier in PREFIXES:
        if before.endswith(word) and not before.endswith(("最" + word, "附" + word)):
            return qualifier, start - len(word)
    return (SUFFIXES[suf] if suf else "exact"), start


# Words spoken in quotation marks (“你的身份证涉嫌诈骗……需要缴纳30万保证金”): what a swindler or a victim said.
_SPEECH = re.compile(r"“([^“”\n]{10,200})”")


def _spoken(words: str) -> bool:
    """Someone addressed (你, 我), or sentences with their commas: speech, not a name or a slogan's line."""
    if any(c in words for c in "你您我咱"):
        return True
    parts = re.split(r"[，,]", words)
    return len(parts) > 1 and len(parts[0]) >= 4 and len(parts[1]) >= 4


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Short quoted names and slogans, and whole quoted speeches: numbers there are no results."""
    spans = [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    return spans + [(m.start(), m.end()) for m in _SPEECH.finditer(text) if _spoken(m.group(1))]


# A purpose clause (为确保80余所中小学的11万余名学生平安开学): whom the campaign is for, not what it did.
_PURPOSE = re.compile(r"(?:为了?|旨在)(?:确保|保障|保证|保护|守护|维护)")
# Idioms with a count inside: 三位一体, 正反两面 (a two-sided sheet).
_IDIOM = re.compile(r"[一二两三四五六七八九十]位一体|正反两面|两面三刀")


def _clause_before(text: str, start: int, stops: str, limit: int = 40) -> str:
    i = start
    while i > 0 and text[i - 1] not in stops and start - i < limit:
        i -= 1
    return text[i:start]


def _clause_after(text: str, end: int, limit: int = 20) -> str:
    """The words after a count up to the end of its clause (教20余名老人|安装国家反诈中心APP)."""
    return re.split(r"[，,。；;！!？?\n]", text[end: end + limit])[0]


def _post_window(text: str, end: int) -> str:
    window = text[end : end + 14]
    cut = _VERB_CUT.search(window)
    return window[: cut.start()] if cut else window


def _find(keywords: list[tuple[str, str]], text: str) -> tuple[int, int, str, str] | None:
    """The keyword ending closest to the end of text (longer wins ties): (end, length, word, metric)."""
    best = None
    for word, metric in keywords:
        pos = text.rfind(word)
        if pos >= 0:
            key = (pos + len(word), len(word), word, metric)
            if best is None or key[:2] > best[:2]:
                best = key
    return best


def _post_noun(keywords: list[tuple[str, str]], post: str) -> tuple[str, str | None]:
    """A noun right after the classifier (115个网点, 300多块户外电子显示屏): label and metric."""
    hits = sorted(
        (post.find(w), -len(w), w, m) for w, m in keywords if 0 <= post.find(w) <= 4
    )
    if not hits:
        return "", None
    pos, neg, word, metric = hits[0]
    end = pos - neg
    for p, n, w, _ in hits[1:]:
        if p <= end:
            end = max(end, p - n)
    return post[:end], metric


def classify(unit: str, pre: str, post: str, sentence: str) -> tuple[str, str]:
    """Return (metric, label). The unit picks the table; the post-noun, then the clause decide."""
    nouns, verbs, default = rules.TABLES[rules.unit_group(unit)]
    label, metric = _post_noun(nouns, post)
    if metric:
        return metric, label
    for table in (nouns, verbs):
        hit = _find(table, pre)
        if hit:
            return hit[3], _label_from(pre)
    for table in (nouns, verbs) if rules.unit_group(unit) in rules.SENTENCE_GROUPS else ():
        hit = _find(table, sentence)
        if hit:
            return hit[3], _label_from(pre) or hit[2]
    return default, _label_from(pre) or post


def _label_from(pre: str) -> str:
    pre = re.sub(r"(共计|累计|合计|总计|总共|一共|共有|高达|达到|达|共|有|超过|超|约|近|将近|逾|至少|不少于)+$", "", pre)
    return pre[-12:]


def _value(match: re.Match[str]) -> int | float | None:
    num = match.group("num")
    mult = match.group("mult") or match.group("mult2") or ""
    value = to_number(num + mult)
    if value is None:
        return None
    factor = rules.WEIGHT_UNITS.get(match.group("unit"), 1)
    value = value * factor
    return int(value) if float(value).is_integer() else value


def _skip(text: str, match: re.Match[str], quoted: list[tuple[int, int]]) -> bool:
    num, unit = match.group("num"), match.group("unit")
    start, end = match.start(), match.end()
    if any(a < start < b for a, b in quoted):
        return True
    if any(m.start() <= start < m.end() for m in _IDIOM.finditer(text, max(0, start - 2), end + 4)):
        return True
    if _PURPOSE.match(_clause_before(text, start, "，,。；;\n", 60).lstrip()):
        return True
    chinese = not re.search(r"\d", num) and not match.group("ph")
    if chinese and num == "一" and not match.group("mult"):
        head = lexicon.head_metric(counting.noun_before(_clause_before(text, start, _CLAUSE_END, 20))[0])
        if unit in ("个", "处", "场", "次") and head and head[0] in ("outlets", "events") \
                and re.match(r"[，,。；;、\n]|$", text[end:end + 1]):
            return False  # 设置宣传咨询点一个: the count written after its noun, closing the clause, is a result
        return True  # 一位老年客户, 一个网点: anecdotes and rules, not results
    if chinese and unit == "位" and len(num) == 1 and num in "两二三四五六七八九":
        after = counting.noun_after(text, end)[0]
        if not (after and lexicon.head_metric(lexicon.strip_generic(after))):
            return True  # 两位主播, 三位成员: a few people of the story, no known role (两位专家 is staff)
    if chinese and unit in rules.KIND_UNITS:
        return True
    if unit == "个" and text.startswith(rules.DURATION_AFTER, end):
        return True
    if unit == "部" and re.match(r"[门分署长委队室位件落级]", text[end:end + 1]):
        return True  # 两部门联合, 3部分: not the measure word 部
    if unit == "人" and text.startswith(("口", "员", "民", "群", "士", "们", "家", "物", "格", "身", "寿"), end):
        return True  # 30万人口, 人员, 人民: 人 begins a word (population, staff), it is not the measure word
    if unit == "元" and not match.group("mult") and _denomination(text, start, end):
        return True
    if chinese and len(num) == 1 and num in "百千万亿" and not (match.group("suf") or match.group("suf2")):
        # Bare 百/千/万 (百家网点, 进万家): a figure only when a counted noun follows.
        if _qualifier(text, start, None)[0] == "exact":
            nouns = rules.TABLES[rules.unit_group(unit)][0]
            return _post_noun(nouns, _post_window(text, end))[1] in (None, "other")
    return False


def _denomination(text: str, start: int, end: int) -> bool:
    """10元以下小面额, 5元、10元面额, 面值100元: a kind of banknote, not an amount of money."""
    after = text[end:end + 6]
    if after.startswith(rules.DENOMINATION_AFTER):
        return True
    if after.startswith(("、", "和", "及", "或")) and re.match(r"[、和及或]\d+元", after) \
            and re.search(r"面|纸币|硬币|钞", text[end:end + 14]):
        return True  # 5元、10元面额, 掏出20元、10元纸币: notes of each kind, not an amount
    return any(word in text[max(0, start - 4):start] for word in ("面额", "面值", "券别"))


def _abstract_count(text: str, match: re.Match[str], after: str, first: str) -> bool:
    """三个主题, 五个方面, 三个不, “三个一”: parts of a plan or a slogan, not results.

    A small count with 个/项 whose noun is abstract, or that is followed by no noun at all
    (不, 一, 坚持), names kinds of things."""
    if match.group("unit") not in ("个", "项", "大", "方面", "组") or match.group("ph"):
        return False
    value = _safe_value(match)
    if value is None or value > 12:
        return False
    if after and lexicon.strip_generic(after).endswith(lexicon.ABSTRACT_HEADS):
        return True
    if re.search(r"\d", match.group("num")):
        return False  # 11个反电诈示范小组 is counted; slogans are written in words (三个不要, 六个一律)
    return bool(first) and not after and words.tag(first) in ("v", "f", "m")


# Goods named beside a count of kinds (40余种过期食品, 宣传品3种): kinds of item are counted (CONVENTIONS.md).
_GOODS = re.compile(r"品|货|器械|器具|材料|资料|手册|折页|读本|礼品")
# A body's own sections (反垄断等9个股室, 12个内设机构): how it is organised, not what the campaign did or reached.
_SECTIONS = re.compile(r"[\u4e00-\u9fff]{0,3}(?:股室|科室|处室|部室|内设机构|职能科室|业务科室)")


def _kinds_of_nothing(text: str, match: re.Match[str]) -> bool:
    """电诈手段等12类, 5类影响征信的行为, 网络购物等9类: a count of kinds names a list of topics (not labelled:
    CONVENTIONS.md, lists of types) unless goods are named beside it (销毁40余种过期食品, 1154种产品参展)."""
    if match.group("unit") not in rules.KIND_UNITS:
        return False
    after = re.split(r"[，,。；;！!？?\n]", text[match.end(): match.end() + 12])[0]
    before = re.split(r"[，,。；;！!？?\n]", text[max(0, match.start() - 12): match.start()])[-1]
    return not (_GOODS.search(after) or _GOODS.search(before))


_PLACE_VALUE = set("十百千万亿")


def _numeral_in_a_word(text: str, match: re.Match[str]) -> bool:
    """A Chinese numeral counts only as a word of its own followed by its measure word. Not when the words
    from it on make one longer dictionary word (四面八方, 三五成群, 一心一意: idioms), and not when it reads digit by
    digit (五一, 三八, 三五: festivals, codes, "three or five"): Chinese writes a count with its place values (五十一)."""
    num = match.group("num")
    if re.search(r"[\dxX×]", num):
        return False
    digits = num.replace("两", "二")
    if digits in ("零", "〇"):
        return True  # 零件, 零部件, 零点: a lone 零 before a measure word is part of a word (no report counts none so)
    if len(digits) >= 2 and not _PLACE_VALUE & set(digits) and not match.group("mult"):
        return True
    start, end = match.start("num"), match.end()
    first = words.cut(text[start: end + 6])[0][0]
    return len(first) > end - start and not re.fullmatch(rf"[{CN_NUM}]+", first)


def _safe_value(match: re.Match[str]) -> int | float | None:
    try:
        return _value(match)
    except NumeralError:
        return None


_DENOMINATIONS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100}


_DENOMINATION_LIST = re.compile(r"(?:(?<![\d.])(?:100|50|20|10|5|1)元[^\d，,、和及。；\n]{0,4}[、,，和及]\s*){2,}(?:100|50|20|10|5|1)元(?!\d)")


def _in_denomination_list(text: str, start: int, end: int) -> bool:
    """Three or more banknote values in a row (100元、50元、20元): the kinds of note shown, not amounts."""
    window_start = max(0, start - 40)
    return any(m.start() + window_start <= start and end <= m.end() + window_start
               for m in _DENOMINATION_LIST.finditer(text[window_start: end + 40]))


def _face_value(text: str, match: re.Match[str]) -> bool:
    """2019年版20元人民币, 第五套人民币50元: a banknote, not an amount of money."""
    if match.group("unit") != "元" or match.group("mult") or match.group("mult2"):
        return False
    if _safe_value(match) not in _DENOMINATIONS:
        return False
    after = text[match.end(): match.end() + 4]
    before = text[max(0, match.start() - 6): match.start()]
    if re.search(r"[一两\d]张$", before) or _in_denomination_list(text, match.start(), match.end()):
        return True  # 收到一张20元, 100元和新版50元,20元,10元: one banknote, or denominations listed
    return after.startswith(("人民币", "纸币", "硬币", "钞", "券", "面")) or bool(re.search(r"(版|套|新版|旧版|人民币|面值|面额)$", before))


# A count with no measure word after a noun that is itself a measure (访问量近2万, 参与人数达3000).
_BARE_NOUNS = ("阅读量", "浏览量", "点击量", "播放量", "访问量", "转发量", "观看量", "曝光量", "点赞量", "阅读数",
               "浏览次数", "点击次数", "观看人数", "参与人数", "受众人数", "覆盖人数", "服务人数", "受益人数", "人数",
               "咨询")  # 接受群众咨询100多: only with 余/多 or a prefix (咨询12315 is a hotline)
_BARE = re.compile(
    rf"(?P<noun>{'|'.join(_BARE_NOUNS)})(?:共计|累计|合计|总计|共|已|均)?(?P<pre>达到|达|超过|超|突破|破|逾|近|约|将近|接近|为|至|有)?"
    rf"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]*[万亿]|[一二两三四五六七八九十百千]+)(?P<mult>[万亿])?(?P<suf>余|多)?(?P<mult2>万)?"
    rf"(?![\d.万亿余多]|{_UNITS}|[年月日号岁])"  # 人数400余人 is read with its measure word, not here
)


def _bare_mentions(text: str, taken: set[int]) -> list[tuple[int, int, int | float, str | None, str]]:
    """(start, end, value, suffix, noun) for 访问量近2万: counts written without a measure word."""
    found = []
    for match in _BARE.finditer(text):
        start = match.start("num")
        if start in taken:
            continue
        num = match.group("num")
        num = "一" + num if num in ("万", "亿", "千", "百") else num  # 破万 = more than 10,000
        try:
            value = to_number(num + (match.group("mult") or match.group("mult2") or ""))
        except NumeralError:
            continue
        if value is None or value < 10:
            continue
        if match.group("noun") == "咨询" and not (match.group("suf") or match.group("pre")):
            continue
        found.append((start, match.end(), int(value) if float(value).is_integer() else value, match.group("suf"),
                      match.group("noun")))
    return found


# Tens of thousands of people written without a measure word (覆盖约150万学生, 送到20余万师生身边): 万 or 亿 makes
# the number a count, and a noun naming people right after it says of what.
_PEOPLE_NUMBER = re.compile(r"(?<![\d.,:：·\-—~/xX×第])(?P<num>\d+(?:\.\d+)?)(?P<suf>余|多)?(?P<mult>万|亿)(?P<suf2>余|多)?"
                            r"(?=[\u4e00-\u9fff])")


def _bare_people(text: str, taken: set[int], quoted: list[tuple[int, int]]) -> list[tuple[int, int, int | float, str, str]]:
    """(start, end, value, qualifier suffix, noun) for counts of people written with 万 and no measure word."""
    found = []
    for match in _PEOPLE_NUMBER.finditer(text):
        start, end = match.start(), match.end()
        if start in taken or any(a < start < b for a, b in quoted) or re.match(rf"{_UNITS}|[年月日号岁]", text[end:]):
            continue
        after, _ = counting.noun_after(text, end)
        head = lexicon.head_metric(lexicon.strip_generic(after)) if after else None
        if not head or head[0] not in ("audience", "staff"):
            continue
        try:
            value = to_number(match.group("num") + match.group("mult"))
        except NumeralError:
            continue
        if value is None:
            continue
        clause = _clause_before(text, start, _CLAUSE_END, 20)
        if _PLAN.search(clause) or _FUTURE.search(_clause_before(text, start, _SENTENCE_END + ")）", 60)) \
                or _PURPOSE.match(_clause_before(text, start, "，,。；;\n", 60).lstrip()):
            continue
        found.append((start, end, int(value) if float(value).is_integer() else value,
                      match.group("suf") or match.group("suf2") or "", after))
    return found


def _quote(text: str, qstart: int, end: int, reading: counting.Reading) -> str:
    """The exact words: the counted noun before (发放宣传折页7600余份) or after (12名义务宣传员),
    cut at whole words within its clause (公众号 is never cut to 众号)."""
    after, _ = counting.noun_after(text, end)
    if after and reading.label == after:
        return text[qstart: end + len(after)]
    pre = _clause_before(text, qstart, _CLAUSE_END, 20)
    lead = ""
    for word, _tag in reversed(words.cut(pre)):
        if len(lead) >= 8 or len(lead) + len(word) > 14:
            break
        lead = word + lead
    lead = re.sub(r"^[\d\s.,]+[年月日号]?", "", lead)  # not from inside another number (2024 年)
    return text[qstart - len(lead): end]


def extract(text: str) -> tuple[list[Mention], list[Mention]]:
    """Return (mentions, placeholders) in text order; duplicates of the same thing dropped."""
    quoted = _quoted_spans(text)
    mentions: list[Mention] = []
    placeholders: list[Mention] = []
    seen: set[tuple] = set()
    starts: set[int] = set()
    previous: counting.Previous | None = None
    for match in _NUMBER.finditer(text):
        if _skip(text, match, quoted) or _face_value(text, match):
            continue
        try:
            value = None if match.group("ph") else _value(match)
        except NumeralError:
            continue
        if value is None and not match.group("ph"):
            continue
        start, end = match.start(), match.end()
        unit = match.group("unit")
        after, first = counting.noun_after(text, end)
        if _abstract_count(text, match, after, first) or _kinds_of_nothing(text, match):
            continue
        if unit in ("个", "家", "处") and _SECTIONS.match(text, end):
            continue  # 9个股室: the body's own sections
        if unit == "大" and (lexicon.head_metric(after) or ("",))[0] != "outlets":
            continue  # 三大运营商, 五大方面: 大 counts venues (四大分会场), nothing else
        if _PLAN.search(_clause_before(text, start, _CLAUSE_END, 20)) or _FUTURE.search(_clause_before(text, start, _SENTENCE_END + ")）", 60)):
            continue  # 预计共组织十期, 计划发放: a plan, not a result (CONVENTIONS.md)
        if _PLACE_NAME.match(text, end) and not re.search(r"\d", match.group("num")) and not lexicon.head_metric(text[end:end + 3][:3]) \
                and not any(text.startswith(w, end) for w in lexicon.HEAD_TABLE if len(w) > 1 and w[-1] in "乡镇村道区屯寨湾"):
            continue  # 三家馆乡, 八台镇: a numeral inside a place name
        if not re.search(r"\d", match.group("num")) and gazetteer.division_at(text, start):
            continue  # 三台县, 七台河市, 四会市: a county or city whose name begins with a numeral
        if _numeral_in_a_word(text, match):
            continue  # 四面八方, 三五成群, 五一: Chinese numerals that are no count
        if match.group("num") == "二" and match.group("unit") == "次" and not re.match(r"[，,。；;、]|$", text[end:end + 1]):
            continue  # 二次诈骗, 二次宣传: "secondary", not a count
        if text.startswith(("原标题", "原题"), text.rfind("\n", 0, start) + 1):
            continue  # 原标题：…全市1.1万名…: the page's headline repeats a figure of the text (or a plan)
        if after and (_WILL.match(text, end + len(after)) or _WILL.match(text, end + len(after) + 1)
                      and re.match(r"[\u4e00-\u9fff]", text[end + len(after): end + len(after) + 1])) or _PARTITION.search(_clause_before(text, start, _CLAUSE_END, 20)):
            continue  # 七个监管所会在后续赶集日发放…, 划分为131个网格: what a plan or a layout holds, not a result
        if _AWARD.match(text, end):
            continue  # 3家县支行荣获先进集体: an award, not what the campaign did
        if unit in ("%", "％") and _TREND.search(_clause_before(text, start, _CLAUSE_END, 12)):
            continue  # 同比下降15%: a change, not a count of what was done
        if unit in ("%", "％") and (_SHARE.search(_clause_before(text, start, _CLAUSE_END, 24)) or (
                _RATE.search(_clause_before(text, start, _CLAUSE_END, 24))
                and _GOAL_OR_CONDITION.search(_clause_before(text, start, _SENTENCE_END, 200)))):
            continue  # 占全村总人口近25%, 确保…受检率达100%: background or a rule, not a result
        starts.add(start)
        qualifier, qstart = _qualifier(text, start, match.group("suf") or match.group("suf2"))
        pre = _clause_before(text, qstart, counting.CLAUSE_END, 60)
        group = rules.unit_group(unit)
        reading = counting.read(text, qstart, end, unit, group, previous)
        metric = "other" if unit in ("%", "％") else reading.metric
        quote = _quote(text, qstart, end, reading)
        total = bool(_TOTAL.search(pre[-8:]))
        sentence = _clause_before(text, qstart, _SENTENCE_END, 80)
        if metric in ("cases", "complaints") and _OCCURRED.search(pre):
            continue  # 全市共发生电信诈骗案件120起: the background the campaign answers, not its result
        if metric == "cases" and re.search(r"协查|协助调查|查询", pre[-16:]):
            metric = "other"  # 协查案件7000余件: cases others investigate and it helped with are not cases it dealt with
        app = re.search(r"APP|App|app|客户端|下载|安装|注册", pre[-24:] + _clause_after(text, end)) if metric == "audience" else None
        if app:
            metric = "other"  # 推广注册“国家反诈中心”APP…30000余人次: app installs promoted are other (reports README)
        if group == "person" and re.match(r"(?:涉嫌|涉案|犯罪嫌疑|违法犯罪)", text[end:end + 4]):
            continue  # 对2名涉嫌电信网络犯罪的未成年人作出…决定: people in a case, not people the campaign reached
        if group == "yuan" and reading.basis == "unit" and _ANECDOTE.search(sentence + text[end:end + 20]):
            continue  # 一位老人欲向“安全账户”转账5万元: an anecdote's sum, not a result
        label = reading.label or unit
        reason = (reading.reason if metric == reading.metric else "百分比不计入统计" if unit in ("%", "％")
                  else "协查的案件是别人办的案件，不计入统计" if metric == "other" and reading.metric == "cases"
                  else f"按‘{app.group(0) if app else '安装'}’算作其他（不计入统计）：推广安装、注册应用的人次不计入统计")
        clause = _clause_before(text, qstart, counting.CLAUSE_END, 40)
        lead_clause = _clause_before(text, qstart - len(clause) - 1, counting.CLAUSE_END, 6) if qstart - len(clause) > 0 else ""
        part = bool(_PART.match(clause) or lead_clause in ("其中", "包括")) and not total
        mention = Mention(metric, label, value, qualifier, quote, total, start, reason, reading.basis, part=part, unit=unit)
        previous = counting.Previous(metric, label, end, unit) if metric != "other" else previous
        if match.group("ph"):
            mention.qualifier = "undisclosed"
            placeholders.append(mention)
            continue
        key = (metric, value, qualifier, mention.label)
        if key in seen:
            continue
        seen.add(key)
        mentions.append(mention)
    for start, end, value, suffix, noun in _bare_mentions(text, starts):
        if any(a < start < b for a, b in quoted):
            continue
        qualifier, qstart = _qualifier(text, start, suffix)
        reading = counting.read(text, qstart, end, "", "bare")
        metric = lexicon.head_metric(lexicon.strip_generic(noun) or noun)
        if noun.endswith(("量", "次数")) or noun.startswith(("阅读", "浏览", "点击", "播放", "访问", "观看")):
            reading = counting.Reading("media", noun, f"按‘{noun}’算作{counting.metric_name('media')}（原文没有量词）", "head")
        elif noun == "人数":
            before = counting.noun_before(_clause_before(text, text.rfind(noun, 0, start), counting.CLAUSE_END, 20))[0]
            role = lexicon.head_metric(before) if before else None
            metric_name = role[0] if role and role[0] in ("staff", "audience", "consultations") else "audience"
            reading = counting.Reading(metric_name, before + noun, f"按‘{before + noun}’算作{counting.metric_name(metric_name)}（原文没有量词）", "head")
        elif metric and metric[0] not in lexicon.ALLOWED["bare"]:
            pass
        elif metric and metric[0] == "consultations":
            reading = counting.Reading("consultations", noun, f"按‘{noun}’算作{counting.metric_name('consultations')}（原文没有量词）", "head")
        else:
            reading = counting.Reading("audience", noun, f"按‘{noun}’算作{counting.metric_name('audience')}（原文没有量词）", "head")
        begin = start - (start - qstart) - len(noun)
        quote = text[max(0, text.rfind(noun, 0, start)): end]
        mention = Mention(reading.metric, noun, value, qualifier, quote, False, start, reading.reason, reading.basis,
                          unit="次" if reading.metric == "media" else "人")
        key = (mention.metric, value, qualifier, noun)
        if key not in seen:
            seen.add(key)
            mentions.append(mention)
    for start, end, value, suffix, noun in _bare_people(text, starts, quoted):
        qualifier, qstart = _qualifier(text, start, suffix or None)
        reading = counting.read(text, qstart, end, "人", "person")
        quote = text[qstart: end + len(noun)]
        mention = Mention(reading.metric, reading.label or noun, value, qualifier, quote, False, start,
                          f"{reading.reason}（原文没有量词）", reading.basis, unit="")
        key = (mention.metric, value, qualifier, mention.label)
        if key not in seen:
            seen.add(key)
            mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return _without_restatements(mentions, text), placeholders


def _without_restatements(mentions: list[Mention], text: str) -> list[Mention]:
    """A count read by its measure word alone (义乌600多名, 银川等10家) that another figure of the report states with
    the same value, qualifier and measure word is the same thing said again (a headline, a summary sentence):
    CONVENTIONS.md labels it once, and the other figure says what it counts. A count whose noun follows in quotation
    marks (首批10家“放心消费承诺单位”) names its own thing and stays."""
    kept = []
    for mention in mentions:
        after = text.find(mention.unit, mention.start) + len(mention.unit)
        named = text[after: after + 1] in "“\"「《"
        if mention.basis == "unit" and mention.unit and not named and any(
                o is not mention and (o.basis != "unit" or o.start < mention.start) and o.value == mention.value
                and o.qualifier == mention.qualifier and o.unit == mention.unit for o in mentions):
            continue
        kept.append(mention)
    return kept
