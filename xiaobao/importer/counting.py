"""What a figure counts: the noun phrase its measure word quantifies, then the verb governing it.

Two word orders carry a count in these reports:
- number, measure word, noun: 组织12名义务宣传员, 为300多名投资者讲解 (the noun after);
- noun (after its verb), number, measure word: 发放宣传折页7600余份, 解答……等问题800余次 (the noun before).
The head of that noun phrase decides (xiaobao.importer.lexicon); when it names nothing countable
(问题, 信息), the verb that governs it does (解答 → consultations). Keywords anywhere in the
sentence are a last resort, and the reason says so. Every reading carries its reason in words
an editor checks against the text ("按‘投资者’算作受众").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xiaobao.campaigns.vocab import METRICS
from xiaobao.importer import lexicon, rules, words

CLAUSE_END = "，,。；;！!？?：:\n（）()"
# Words linking a noun to its count (发放宣传折页共计|7600余份), longest first; 各 as in 队员各100名.
_LINKERS = tuple(sorted(("共计|累计|合计|总计|总共|一共|共有|共|计|高达|达到|达|超过|超|突破|逾|约|近|将近|接近|至少|不少于|"
                         "分别为|分别|各|为|是|有|的|已|都|均|总|人数为|数量为|总数为|余|多|等等|等").split("|"), key=len, reverse=True))


@dataclass(frozen=True)
class Reading:
    metric: str
    label: str   # the words naming what is counted (宣传折页, 投资者)
    reason: str  # for the reviewer: the words the metric was chosen from
    basis: str   # head | verb | person | sentence | unit: how sure the choice is


def metric_name(metric: str) -> str:
    return METRICS[metric].label if metric in METRICS else "其他（不计入统计）"


def _because(word: str, metric: str, how: str = "") -> str:
    return f"按{how}‘{word}’算作{metric_name(metric)}"


@lru_cache(maxsize=4096)
def noun_after(text: str, end: int) -> tuple[str, str]:
    """(noun phrase, first word) right after the measure word, up to the first verb or stop.

    The phrase is cut after its last known head (支行网点|广泛开展), since an unknown word
    after the head is more often the next verb than a longer noun. A list of nouns joined by 、
    (600多名外卖、快递小哥加入…) is one phrase: its items share the count and the predicate after them,
    and its last item carries the head."""
    phrase, first = _noun_after(text, end)
    item = re.match(r"[\u4e00-\u9fff]{1,4}(?=、)", text[end: end + 5])
    if item and len(phrase) in (0, len(item.group(0))) and not lexicon.head_metric(lexicon.strip_generic(item.group(0))) \
            and not any(w in lexicon.VERB_TABLE or len(w) == 1 and w in words._FUNCTION for w, _ in words.cut(item.group(0))):
        rest, _ = _noun_after(text, item.end() + end + 1)
        if rest and _names_people(rest):  # 外卖 is cut as a verb: an item of a list of people is a noun all the same
            return item.group(0) + "、" + rest, item.group(0)
    return phrase, first


def _noun_after(text: str, end: int) -> tuple[str, str]:
    window = text[end: end + 16]
    cut = re.search(f"[{re.escape(CLAUSE_END)}、]", window)
    window = window[: cut.start()] if cut else window
    if not window:
        return "", ""
    tokens = words.cut(window)
    phrase = []
    for word, tag in tokens:
        if tag == "?" and phrase and lexicon.head_metric("".join(phrase)):
            break  # 网点|设摊: an unknown word after a known head is more likely the next verb
        if tag in ("n", "?") and not (tag == "?" and not re.match(r"[\u4e00-\u9fffA-Za-z]", word)):
            phrase.append(word)
            continue
        break
    if _foreign_head(phrase, tokens):
        return "".join(phrase), tokens[0][0]  # 宣传|小队, 活动|区域: the last noun is the head, one we do not count by
    for k in range(len(phrase), 0, -1):
        if lexicon.head_metric(lexicon.strip_generic("".join(phrase[:k]))):
            phrase = phrase[:k]
            break
    else:
        modified = _modified_noun(tokens)  # no head before the first verb: the verb may modify the noun
        if modified:
            return modified, tokens[0][0]
    return "".join(phrase), tokens[0][0] if tokens else ""


# Nouns of place and time that stand for an adverb after a count (300余名群众现场咨询): never a compound's head.
_ADVERBIAL_NOUNS = frozenset(("现场", "当场", "当地", "当天", "当日", "同时", "期间", "线上", "线下", "全程", "集中", "上门"))


# Activities named by a verb used as a noun: before another noun they say what it is for (宣传小队, 活动区域,
# 咨询专班), they are not its head. Concrete nouns (网点, 支行) stay heads: what follows them is the next verb's adverb.
_ACTIVITY_NOUNS = ("宣传", "活动", "培训", "宣讲", "演练", "竞赛", "比赛", "直播", "咨询", "调解", "检查", "巡查", "排查")


def _foreign_head(phrase: list[str], tokens: list[tuple[str, str]]) -> bool:
    """Chinese noun compounds are head-final: in 宣传小队 or 活动区域 the known word is a modifier and the
    head is the noun after it. True when the phrase ends in a dictionary noun that names nothing we count,
    after an activity noun that does (so the count is read by its verb, or not at all, not by the modifier)."""
    if len(phrase) < 2:
        return False
    last = phrase[-1]
    tag = dict(tokens).get(last)
    if tag != "n" or len(last) < 2 or last in _ADVERBIAL_NOUNS or last in lexicon.HEAD_TABLE:
        return False
    whole = lexicon.strip_generic("".join(phrase))
    if lexicon.head_metric(whole) or whole != "".join(phrase):
        return False
    before = "".join(phrase[:-1])
    return before.endswith(_ACTIVITY_NOUNS) and bool(lexicon.head_metric(before))


# Characters that end nouns naming people (骑手, 快递员, 车主, 商户): a noun ending so is a complete head.
_PERSON_ENDS = "员者手工师生民众户客友主哥姐"


def _names_people(phrase: str) -> bool:
    found = lexicon.head_metric(lexicon.strip_generic(phrase))
    return bool(found and found[0] in ("audience", "staff", "enforcement_staff")) or phrase[-1] in _PERSON_ENDS


def _modified_noun(tokens: list[tuple[str, str]]) -> str | None:
    """3个|防范非法集资宣传教育点, 3部|原创宣教作品: a verb we do not count by, inside the noun phrase, before the
    head noun it modifies. The phrase is taken up to the last known head that ends it, within 12 characters."""
    phrase, best, has_verb = "", None, False
    for word, tag in tokens:
        if tag not in ("n", "?", "v") or not re.match(r"[\u4e00-\u9fffA-Za-z]", word):
            break
        if tag == "v":
            if word in lexicon.VERB_TABLE:
                break  # 发放, 开展: the next clause's verb, not a modifier
            if phrase and _names_people(phrase):
                return best or phrase  # 外卖骑手|加入…队伍: people written before a verb are its subject, not modified by it
            has_verb = True
        phrase += word
        if len(phrase) > 12:
            break
        found = lexicon.head_metric(phrase) if tag != "v" else None
        if found and has_verb and len(phrase) > len(found[1]):
            best = phrase
    return best


def _strip_linkers(pre: str) -> str:
    """发放宣传折页共计 → 发放宣传折页: the words linking a noun to its count, from the end (a loop, not a
    repeated pattern anchored at the end, which would rescan the text from every start)."""
    while True:
        pre = pre.rstrip(" \u00a0\u3000")  # 下载注册APP 10余个: web copies put a space before the number
        word = next((w for w in _LINKERS if pre.endswith(w)), None)
        if not word:
            return pre
        pre = pre[: -len(word)]


@lru_cache(maxsize=4096)
def noun_before(pre: str) -> tuple[str, str, int]:
    """(noun phrase ending the clause, the verb before it, the phrase's start) for 发放宣传折页|7600余份."""
    trimmed = _strip_linkers(pre)
    if not trimmed:
        return "", "", len(pre)
    quoted = re.search(r"[“\"「]([\u4e00-\u9fff]{2,10})[”\"」]$", trimmed)
    if quoted:  # 张贴“标重标签”23张: the quoted words are the noun counted, named as the text names them
        return quoted.group(1), "", quoted.start(1)
    tokens = words.cut(trimmed)
    phrase: list[str] = []
    i = len(tokens) - 1
    while i >= 0:
        word, tag = tokens[i]
        if tag in ("n", "?") and re.match(r"[\u4e00-\u9fffA-Za-z]", word):
            phrase.insert(0, word)
            i -= 1
            continue
        break
    noun = "".join(phrase)
    return noun, "", len(trimmed) - len(noun)


_READING_VERBS = ("观看", "阅读", "浏览", "点击", "收看", "收听", "点赞")


def governing_verb(pre: str, allowed: frozenset[str]) -> tuple[str, str] | None:
    """The nearest lexicon verb before the count within its clause (、 lists do not end a clause)."""
    for end in range(len(pre), 0, -1):
        for size in range(min(lexicon.LONGEST_VERB, end), 0, -1):
            word = pre[end - size: end]
            metric = lexicon.VERB_TABLE.get(word)
            if metric == "media" and "staff" in allowed and word not in _READING_VERBS:
                continue  # people are counted as media only as readers or viewers
            if metric and metric in allowed and not _inside_noun(pre, end - size, end):
                return metric, word
    return None


_PARTICLES = ("了", "过", "着", "共", "约", "近", "达", "计", "有", "的", "等", "已", "总", "累计", "共计", "合计", "总计")


def _unknown_verb_between(region: str, known: str) -> bool:
    """Is there a verb we do not know right before the count, closer than the known one?"""
    tail = region[region.rfind(known) + len(known):] if known in region else region
    if "的" in tail:
        tail = tail[tail.rfind("的") + 1:]  # 解答|群众提出的|问题: a verb inside a relative clause modifies the noun
    tokens = [w for w, t in words.cut(tail) if w not in _PARTICLES] if tail else []
    if not tokens:
        return False
    last = tokens[-1]
    return len(last) > 1 and words.tag(last) == "v" and last not in lexicon.VERB_TABLE and "、" not in tail


def _inside_noun(text: str, start: int, end: int) -> bool:
    """咨询 inside 咨询台, 宣传 inside 宣传员: a verb that is part of a longer noun is no verb."""
    for size in range(2, lexicon.LONGEST_HEAD + 1):
        for a in range(max(0, end - size), start + 1):
            b = a + size
            if b > end and b <= len(text) and text[a:b] in lexicon.HEAD_TABLE and text[a:b] not in lexicon.VERB_TABLE:
                return True
            if a < start and b >= end and text[a:b] in lexicon.HEAD_TABLE and text[a:b] not in lexicon.VERB_TABLE:
                return True
    return False


_VOLUMES = ("观看量", "阅读量", "播放量", "浏览量", "点击量", "访问量", "转发量", "曝光量", "点赞量")


def _classify_phrase(phrase: str, allowed: frozenset[str], clause: str, lead: str = "") -> tuple[str, str] | None:
    """(metric, head word) for a noun phrase, or None when its head names nothing we count.
    `lead` is the text right before the phrase (咨询 in 接待咨询|群众)."""
    if not phrase:
        return None
    phrase = lexicon.strip_generic(phrase)
    found = lexicon.head_metric(phrase)
    if found is None:
        return None
    metric, head = found
    if metric == "audience":
        rest = lead + phrase[: -len(head)]
        for word, role in lexicon.PERSON_ROLES.items():
            if (rest.endswith(word) or lead.endswith(word)) and role in allowed:
                return role, word + head  # 咨询群众 are people who came to ask: consultations
    if head in lexicon.CONTENT_HEADS or metric == "media" and head in ("信息", "消息"):
        medium = _medium(clause)
        if medium:
            return (medium[0], medium[1]) if medium[0] in allowed else None
    if metric not in allowed or (metric == "media" and "staff" in allowed and not head.endswith(_VOLUMES)):
        return None  # people are media only when a reading verb or volume says so (观看2.6万人次, 观看量75万人次)
    if metric == "consultations" and "complaints" in allowed and re.search(r"投诉|举报", phrase):
        return "complaints", "投诉"  # 受理投诉举报咨询32.56万件: the hotline's total is counted as complaints
    return metric, head


def _medium(clause: str) -> tuple[str, str] | None:
    """短信 or 朋友圈 written in the clause: the medium a piece of content went out by. SMS
    named together with WeChat counts as SMS (微信、短信, CONVENTIONS.md); otherwise the medium
    written nearest the content decides."""
    found = sorted(((clause.rfind(w), w, m) for w, m in lexicon.MEDIUM_WORDS.items() if w in clause), reverse=True)
    if not found:
        return None
    sms = [f for f in found if f[2] == "sms"]
    if sms and re.search(r"微信[、和及与]短信|短信[、和及与]微信", clause):
        return "sms", sms[0][1]
    return found[0][2], found[0][1]


def _person(phrase: str, allowed: frozenset[str]) -> tuple[str, str] | None:
    """An unknown noun that names people by its last character (新生, 商家?): 员 staff, 者/民/众/户 audience."""
    if not phrase or "audience" not in allowed:
        return None
    last = phrase[-1]
    if last == "员" and "staff" in allowed:
        return "staff", phrase
    if last in "者民众户客生童友属农工":
        return "audience", phrase
    return None


@dataclass(frozen=True)
class Previous:
    """The figure just before, for a count whose noun is left out (受理投诉462件，办结459件)."""
    metric: str
    label: str
    end: int
    unit: str = ""


def _elided(text: str, qstart: int, previous: Previous | None, allowed: frozenset[str], unit: str = "",
            locative: bool = False, where: str = "") -> Reading | None:
    """A count with neither noun nor its own verb's object repeats the previous figure's noun
    when it is in the same sentence and the measure word fits (zero anaphora). A count after a
    place or branch (安居支行11起) does so across sentences of the same paragraph when its measure
    word is the previous figure's (complaints broken down by branch)."""
    if previous is None or previous.metric not in allowed or previous.metric == "other":
        return None
    between = text[previous.end: qstart]
    same_sentence = len(between) <= 30 and not re.search(r"[。；;！!？?\n]", between)
    same_paragraph = (locative or not where) and unit and unit == previous.unit and len(between) <= 200 and "\n" not in between
    if not (same_sentence or same_paragraph):
        return None
    label = f"{where}{previous.label}" if where else previous.label  # 大英支行投诉: not the same thing as 投诉 elsewhere
    return Reading(previous.metric, label,
                   f"这个数没有写明是什么，承接前面的‘{previous.label}’算作{metric_name(previous.metric)}", "verb")


def read(text: str, qstart: int, end: int, unit: str, group: str, previous: Previous | None = None) -> Reading:
    """Decide what the count ending at `end` (with its qualifier from `qstart`) counts: the head noun and its verb
    (_read), then what the head does in this sentence (_in_context)."""
    return _in_context(_read(text, qstart, end, unit, group, previous), text, qstart, end, unit, group)


# Slogans are lines of text: counted by 条 they were played on screens or posted (播放宣传标语300条, CONVENTIONS.md:
# broadcasts and posts are media); hung or put up (悬挂标语5条, 标语2幅) they are displays.
_SLOGANS = ("标语", "口号", "宣传语", "宣传口号", "警示语")
_PUT_UP = re.compile(r"悬挂|张贴|挂|拉|布置|树立|竖立|摆放|制作|印制")
# A predicate after the people counted that says they were answered (为80余名群众解答疑问): they came to ask.
_ANSWERED = re.compile(r"(?:现场|当场|耐心|详细|细致|面对面|一对一|逐一|认真|及时)*(?:地)?"
                       r"(解答|答疑|释疑|解惑|答复|提供[^，,。；;]{0,6}咨询|进行[^，,。；;]{0,4}咨询)")


# Verbs of stopping a victim (成功劝阻近50名群众): the people counted were protected, not reached by publicity.
_STOPPED = re.compile(r"(劝阻|劝返|拦截|挽救|阻止|唤醒)[^，,。；;、]{0,4}$")  # 唤醒13名险些受骗的群众: woken from a swindle


# Verbs of inviting someone to speak or perform (邀请9位书法家): the people counted serve the campaign.
_INVITED = re.compile(r"(邀请|特邀|聘请|邀约)[^，,。；;、]{0,4}$")
# Verbs of choosing people for a team (筛选出53位长者, 选拔11名骨干): those chosen serve the campaign, whatever noun follows.
_SELECTED = re.compile(r"(筛选|选拔|挑选|招募|遴选|选聘)[^，,。；;、]{0,4}$")


# Leaflets counted on their own in the same sentence (发放宣传资料600余份，宣传品270余份): 宣传品 beside them are the
# giveaways, not more leaflets; alone (发放宣传品200余份, 宣传资料和宣传品1800余份) they are the materials handed out.
_LEAFLETS_COUNTED = re.compile(r"(?:资料|宣传单|折页|手册|宣传册|材料|传单)(?:共计|累计|共|达|约|近)?\s*\d")


def _in_context(reading: Reading, text: str, qstart: int, end: int, unit: str, group: str) -> Reading:
    allowed = lexicon.ALLOWED[group]
    label = reading.label
    if reading.metric == "materials" and label.endswith("宣传品") and "other" in allowed \
            and _LEAFLETS_COUNTED.search(_sentence(text, qstart, 120)):
        return Reading("other", label, "同一句里宣传资料另有数字，‘宣传品’是赠送的礼品，算作其他（不计入统计）", reading.basis)
    if reading.metric == "displays" and unit in ("条", "条次") and label.endswith(_SLOGANS) and "media" in allowed \
            and not _PUT_UP.search(_clause(text, qstart)):
        head = next(h for h in _SLOGANS if label.endswith(h))
        return Reading("media", label, f"按‘{head}’算作{metric_name('media')}（论条的标语是播放或发布的条数）", reading.basis)
    if reading.metric == "audience" and group == "person" and reading.basis in ("head", "person", "verb"):
        after, _ = noun_after(text, end)
        answered = _ANSWERED.match(text, end + len(after)) if after else None
        if answered and "consultations" in allowed:
            return Reading("consultations", label, f"‘{label}’后面是‘{answered.group(1)}’，"
                           f"按‘{answered.group(1)}’算作{metric_name('consultations')}", "verb")
    if reading.metric == "events" and label.endswith("宣传") and "media" in allowed:
        medium = _medium(label) or _medium(_clause(text, qstart))
        if medium and medium[0] == "media":  # 在短视频和直播平台宣传3万余次: publicity by a medium is posts, not events
            return Reading("media", label, _because(medium[1], "media"), reading.basis)
    if reading.metric == "audience" and group == "person":
        stopped = _STOPPED.search(_clause(text, qstart))
        if stopped and "other" in allowed:  # 劝阻近50名群众转账: people stopped from paying a swindler, not people taught
            return Reading("other", label, _because(stopped.group(1), "other", "动词"), "verb")
    if reading.metric == "audience" and group == "person" and "staff" in allowed:
        selected = _SELECTED.search(_clause(text, qstart))
        if selected:  # 从社区里筛选出53位有公益心的长者: recruited into the campaign's team
            return Reading("staff", label, _because(selected.group(1), "staff", "动词"), "verb")
    if reading.metric == "audience" and reading.basis in ("unit", "person", "sentence") and "staff" in allowed:
        invited = _INVITED.search(_clause(text, qstart))
        if invited:  # 邀请9位当地书法家: people invited to speak or perform work for the campaign
            return Reading("staff", label, _because(invited.group(1), "staff", "动词"), "verb")
    if reading.metric == "staff" and "enforcement_staff" in allowed:
        pre = _strip_linkers(_clause(text, qstart))
        if text.startswith(label, end):  # 12名执法检查人员: the phrase after the count
            phrase = label
        else:  # 执法检查宣传人员120余人次: the phrase before, with the words modifying it (no 和 or 、 between)
            phrase = re.search(r"[^和与及、]{0,6}$", pre[: len(pre) - len(label)] if pre.endswith(label) else "").group(0) + label
        if re.search(r"执法[^和与及、]*$", phrase):  # officers sent on an enforcement check, whatever else they did
            return Reading("enforcement_staff", label, _because("执法", "enforcement_staff"), reading.basis)
    return reading


def _read(text: str, qstart: int, end: int, unit: str, group: str, previous: Previous | None = None) -> Reading:
    allowed = lexicon.ALLOWED[group]
    if group in ("yuan", "weight"):
        return _fallback(text, qstart, unit, group, "")
    pre = _clause(text, qstart)
    clause = pre + text[end: end + 16]
    after, first = noun_after(text, end) if group != "bare" else ("", "")
    if group == "person" and after and after.startswith(first) and words.tag(first) == "v" and not _names_people(after):
        after = ""  # 等30余人|加入反诈志愿者队伍: people are counted; a verb-led phrase after them is their predicate
    before, _, at = noun_before(pre)
    region = pre[:at] if before and not after else pre
    verb = governing_verb(region, allowed)
    about = bool(before) and not after and lexicon.strip_generic(before).endswith(lexicon.CONTENT_HEADS)
    if verb and not about and _unknown_verb_between(region, verb[1]):
        verb = None  # 捐赠3千多个书包: the verb that governs the count is one we do not know; 为 further back is not it
    checked = verb
    if after and re.search(r"对[^，,。；]{0,8}$", pre):  # 对26家超市开展检查: the check comes after its object
        later = re.search(r"(检查|巡查|抽查|排查|督查|核查)", text[end: end + 20].split("。")[0])
        if later and "inspections" in allowed:
            checked = ("inspections", later.group(1))
    place = _place_checked(after or pre, checked)
    if place:
        return place
    if after:
        found = _classify_phrase(after, allowed, clause)
        if found:
            return Reading(found[0], after, _because(found[1], found[0]), "head")
        person = _person(lexicon.strip_generic(after), allowed)
        if person:
            return Reading(person[0], after, _because(person[1], person[0]), "person")
    joined = _joins(text, end + len(after)) if group == "person" else None
    who = after or before
    if joined and "staff" in allowed and not (_classify_phrase(who, allowed, clause) or ("",))[0] == "audience":
        return Reading("staff", who or unit, f"‘{who or unit}’{joined}，按‘{joined}’算作{metric_name('staff')}", "verb")
    asked = re.match(r"(?:的)?(?:咨询|问询|提问)", text[end: end + 3])
    if not after and asked and "consultations" in allowed:
        return Reading("consultations", asked.group(0), _because(asked.group(0), "consultations"), "head")  # 接受400余人次咨询
    if before and not after:
        found = _classify_phrase(before, allowed, clause, pre[max(0, at - 2): at])
        if found and found[0] == "audience":
            for shared in _shared_verbs(pre[:at])[:-1]:  # 解答、指导群众100余人次: every verb of the list has the object
                role = _classify_phrase(before, allowed, clause, shared)
                if role and role[0] != "audience":
                    found = role
                    break
        if found:
            return Reading(found[0], before, _because(found[1], found[0]), "head")
    if verb and before and not after and "的" in region[region.rfind(verb[1]):]:
        person = _person(lexicon.strip_generic(before), allowed)
        if person:  # 参与宣传的快递员共有80名: the verb is inside a relative clause (…的) on the noun, not governing the count
            return Reading(person[0], before, _because(person[1], person[0]), "person")
    if verb and verb[0] == "audience" and group == "institution":
        verb = None  # 覆盖全国511家: 家 counts bodies, and a verb alone does not make them people reached
    if verb and verb[0] == "media" and unit in ("人", "名", "位"):
        verb = ("audience", verb[1])  # 收听人数达4980人: a head count of listeners is the audience; views (人次) are media
    if verb:
        label = after or before or verb[1]
        if verb[0] == "consultations" and "complaints" in allowed and re.search(r"投诉|举报", pre[-10:]):
            return Reading("complaints", label, _because("投诉", "complaints"), "head")  # 受理投诉举报咨询32.56万件
        return Reading(verb[0], label, _because(verb[1], verb[0], "动词"), "verb")
    locative = bool(before) and not after and _is_place(before)
    if (not after and not before) or locative:
        elided = _elided(text, qstart, previous, allowed, unit, locative, before if locative else "")
        if elided:
            return elided
    if before and not after:
        person = _person(lexicon.strip_generic(before), allowed)
        if person:
            return Reading(person[0], before, _because(person[1], person[0]), "person")
    foreign = _foreign_compound(after or before)
    if foreign and "other" in allowed:
        return Reading("other", after or before, _because(foreign, "other"), "head")  # 活动区域6个: counted by 区域
    return _fallback(text, qstart, unit, group, after or before)


def _shared_verbs(lead: str) -> list[str]:
    """The verbs of a list joined by 、 right before an object (解答、指导|群众): they share the object and its
    count, so the object's role may come from any of them; [] when the words before are no such list."""
    found = re.search(r"(?:[\u4e00-\u9fff]{2}、)+[\u4e00-\u9fff]{2}$", lead)
    if not found:
        return []
    items = found.group(0).split("、")
    return items if all(words.tag(item) == "v" for item in items) else []


def _foreign_compound(phrase: str) -> str | None:
    """The head of 宣传小队 or 活动区域 (an activity noun modifying a noun we do not count by), else None: such a
    phrase is not read by the activity word in it, neither as its head nor as a keyword of the clause."""
    if not phrase:
        return None
    tokens = words.cut(lexicon.strip_generic(phrase))
    parts = [w for w, _ in tokens]
    return parts[-1] if _foreign_head(parts, tokens) else None


# Predicates that put the people counted on the campaign's side: they joined its team, formed it or served in it
# (120名外卖骑手加入反诈宣传队伍, 12名青年组成宣讲团, 5名律师担任讲师).
_JOINS = re.compile(r"(?:主动|自愿|积极|踊跃|纷纷|也)?(加入|组成|担任|充当|化身|组建)")


def _joins(text: str, at: int) -> str | None:
    found = _JOINS.match(text, at)
    return found.group(1) if found else None


def _is_place(phrase: str) -> bool:
    """安居支行, 总行营业部, 电话中心: a branch or office, where something was counted, not what."""
    found = lexicon.head_metric(lexicon.strip_generic(phrase))
    return bool(found and found[0] == "outlets" or re.search(r"(?:中心|部|处|科|室|机构)$", phrase))


def _place_checked(phrase: str, verb: tuple[str, str] | None) -> Reading | None:
    """检查门店300户次: a place or business counted under a checking verb is an inspection."""
    if not verb or verb[0] != "inspections" or not phrase:
        return None
    stripped = lexicon.strip_generic(phrase)
    if stripped.endswith(lexicon.PLACES) or lexicon.head_metric(stripped) in (("inspections", h) for h in lexicon.HEADS["inspections"]):
        return Reading("inspections", phrase, _because(verb[1], "inspections", "动词"), "verb")
    return None


def _clause(text: str, start: int, limit: int = 60, hops: int = 2) -> str:
    """The words before the count in its clause. A parenthetical annotates the noun written before
    it, so the clause reaches over it: 发放宣传资料（含折页、手册）1200余份 and 张贴海报（30张）
    are counted by 宣传资料 and 海报, not by the words inside the brackets or by nothing.
    At most `hops` parentheticals are passed (a run of brackets is no sentence)."""
    i = _clause_start(text, start, limit)
    lead = text[i:start]
    if i == 0 or hops == 0 or _strip_linkers(lead):
        return lead
    if text[i - 1] in "（(":  # the count opens the parenthetical: 海报（30张）
        return _clause(text, i - 1, limit, hops - 1)
    if text[i - 1] in "）)":  # the count follows one: 宣传资料（含折页、手册）1200余份
        opening = _opening_bracket(text, i - 1)
        if opening is not None:
            return _clause(text, opening, limit, hops - 1) + lead
    return lead


def _clause_start(text: str, start: int, limit: int) -> int:
    i = start
    while i > 0 and text[i - 1] not in CLAUSE_END and start - i < limit:
        i -= 1
    return i


def _opening_bracket(text: str, closing: int, limit: int = 30) -> int | None:
    """Where the parenthetical closed at `closing` opens, within one sentence and `limit` characters."""
    for k in range(closing - 1, max(-1, closing - limit - 1), -1):
        if text[k] in "（(":
            return k
        if text[k] in "（）()。；;！!？?\n":
            return None
    return None


def _sentence(text: str, start: int, limit: int = 80) -> str:
    i = start
    while i > 0 and text[i - 1] not in "。；;！!？?\n" and start - i < limit:
        i -= 1
    return text[i:start]


def _fallback(text: str, qstart: int, unit: str, group: str, label: str) -> Reading:
    """No noun or verb tells: the keyword tables over the clause, then (money, weight, people)
    over the sentence; the reason says the choice is weak. Money is always read this way."""
    if group == "bare":
        return Reading("other", label, "没有量词，也没有说明是什么，不计入统计", "unit")
    nouns, verbs, default = rules.TABLES[group]
    allowed = lexicon.ALLOWED[group]
    scopes = [_clause(text, qstart)]
    if group in rules.SENTENCE_GROUPS:
        scopes.append(_sentence(text, qstart))
    for scope in scopes:
        for table in (nouns, verbs):
            hit = _rightmost(table, scope, allowed)
            if hit:
                word, metric = hit
                if group in ("yuan", "weight"):
                    return Reading(metric, label or word, _because(word, metric), "head")
                return Reading(metric, label or word,
                               f"数字前后没有说明，按同句的‘{word}’算作{metric_name(metric)}，请核对", "sentence")
    return Reading(default, label or unit, f"只按量词‘{unit}’算作{metric_name(default)}，请核对", "unit")


def _rightmost(table: list[tuple[str, str]], text: str, allowed: frozenset[str]) -> tuple[str, str] | None:
    best = None
    for word, metric in table:
        if metric not in allowed:
            continue
        pos = text.rfind(word)
        if pos >= 0 and (best is None or (pos + len(word), len(word)) > best[0]):
            best = ((pos + len(word), len(word)), word, metric)
    return (best[1], best[2]) if best else None
