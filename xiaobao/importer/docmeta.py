"""Metadata read where a report states it: the title line, the opening sentence, the source and
sign-off (落款) lines and the date line. Every guess keeps the words it came from.

Reports name their author as the subject of the opening sentence (工商银行浙江省分行积极…开展),
on a source line (来源：中国人民银行师宗县支行) or in the sign-off at the end; other bodies
appear as guides (在…的指导下), partners (联合…) or audiences, and are not the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = "\u4e00-\u9fff"
# How the names of the bodies that write these reports end, longest first where one contains another.
ORG_ENDS = [
    "领导小组办公室", "委员会办公室", "市场监督管理局", "工商行政管理局", "消费者权益保护委员会", "银保监分局", "金融监管局", "同业公会",
    "村镇银行", "农商银行", "银行业协会", "证券业协会", "保险行业协会", "消费者协会", "分公司", "营业部", "中心支行",
    "分局", "证监局", "保监局", "银保监局", "监管分局", "监管局", "工商局", "质监局", "消委会", "消保委", "金融办", "财政局",
    "街道办事处", "人民政府", "有限公司", "股份公司", "信用社", "信用联社", "农商行", "分行", "支行", "银行", "合行", "协会", "科协", "邮政", "公司", "镇",
]
_END = "|".join(ORG_ENDS)
# Words that cannot be inside a name: where they are, a name starts after them.
_STOP = ("的|积极|响应|开展|组织|联合|配合|按照|根据|落实|部署|指导|在|于|由|与|和|及|对|向|为|是|了|将|从|以|等|"
         "牵头|通过|推动|动员|深入|全面|近期|近日|今年|目前|活动|宣传|期间|当天|辖内|辖区|我市|我县|我行|来临|之际|"
         "携手|共同|认真|主动|紧扣|紧密|围绕|同时|此外|发挥|充分|提升|加强|维护|推进|做好|贯彻|促进|推动")
_NAME_CHAR = rf"(?:(?!{_STOP})[{_CJK}xX])"
_ORG = re.compile(rf"{_NAME_CHAR}{{0,14}}?(?:{_END})(?:{_NAME_CHAR}{{0,8}}?(?:{_END}))*")
_LEAD = re.compile(r"^(?:据|经|年|月|号|日(?!照))*")  # remnants of 根据, 今年, 3月15日 … before a name
_PRONOUNS = ("我", "本", "该", "各", "其", "此", "贵")
_SUBJECT_AFTER = re.compile(r"^(?:积极|认真|按照|根据|在|于|联合|组织|开展|以|结合|深入|全面|近期|近日|紧扣|紧密|除|召开|主动|特|"
                            r"将|启动|举办|举行|配合|围绕|坚持|充分|通过|切实|持续|精心|扎实|迅速|立足|聚焦|履行|为|按|从|共|携手|"
                            r"开启|发起|面向|走进|推出|利用|依托|针对|主办|牵头|承办)")
_NOT_AUTHOR_BEFORE = re.compile(r"(?:在|经|受|联合|配合|响应|按照|根据|落实|协同|会同|邀请|指导下|组织下|牵头下|与|和|及|、)$")
_SOURCE = re.compile(rf"(?:来源|作者|供稿|通讯员|报送单位|撰稿)\s*[:：]\s*([{_CJK}xX（）()]{{3,30}})")
_CAMPAIGN_ENDS = ("专项宣传教育活动|教育宣传活动|权益保护日|消费者权益日|权益日|宣传日|宣传月|宣传周|服务月|普及月|"
                  "万里行|进万家|百村行")
_CAMPAIGN_START = ("国际|全国|金融|消费者|防范|反假|普及|保险|投资者|个人|证券|公众|诚信|食品|质量|非法集资|存款保险|"
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


_STOP_WORDS = [w for w in _STOP.split("|") if len(w) > 1]


def _past_stop_word(text: str, start: int) -> int:
    """Where a name may start at the earliest: not inside a word such as 发挥 (发|挥区域性银行)."""
    for word in _STOP_WORDS:
        for k in range(1, len(word)):
            if text[max(0, start - k): start - k + len(word)] == word:
                return start - k + len(word)
    return start


def _names(sentence: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of every body named in one stretch of text."""
    found = []
    for match in _ORG.finditer(sentence):
        start = match.start() + _LEAD.match(match.group(0)).end()  # type: ignore[union-attr]
        start = _past_stop_word(sentence, start)
        name = sentence[start:match.end()]
        if len(name) >= 3 and not re.search(r"^[全各]|全[国省市县区行辖]|[百千万\d]|区县|哪些|什么|区域性|商业银行$|金融机构", name) and not name.startswith(_PRONOUNS):
            found.append((name, start, match.end()))
    return found


def _subjects(text: str) -> list[tuple[str, str]]:
    """(name, clause) of bodies written as the subject of a clause: name then an action word."""
    direct, listed = [], []
    for clause in re.split(r"[，,。；;！!？\n：:（）()]|(?<!\d)\?(?!\d)", text):
        for name, start, end in _names(clause):
            before, after = clause[:start], clause[end:]
            if _NOT_AUTHOR_BEFORE.search(before) or "指导下" in before:
                continue
            if _SUBJECT_AFTER.match(after):
                direct.append((name, clause))
                break
            if after.startswith("、") and re.search(r"联合|共同|开展|举行|举办|结合|主办", after):
                listed.append((name, clause))  # the first of several bodies acting together
                break
    return direct + listed


def _fuller(name: str, others: list[str]) -> str:
    """The full form of a shortened name written elsewhere (人行师宗县支行 → 中国人民银行师宗县支行)."""
    tail = name[-5:]
    longer = [o for o in others if o != name and o.endswith(tail) and len(o) > len(name)]
    return max(longer, key=len) if longer else name


def organization(text: str) -> Found | None:
    """The author: title-line subject, source line, opening-sentence subject, sign-off; in that order."""
    text = re.sub(r"[（(]以下简称[^）)]{0,30}[）)]", "", text)
    lines = _lines(text)
    head = "\n".join(lines[:4])[:600]
    sources = [Found(m.group(1), m.group(0)) for m in _SOURCE.finditer("\n".join(lines[:4] + lines[-3:]))
               if _names(m.group(1)) and _names(m.group(1))[0][0] == m.group(1)]
    all_names = [n for n, _, _ in _names(text[:1500])] + [s.value for s in sources]
    title = title_line(text)
    if title:
        names = _names(title)
        if names and names[0][1] == 0 and not (sources and len(sources[0].value) > len(names[0][0])):
            return Found(_fuller(names[0][0], all_names), title)  # a source line naming it in full wins
    if sources:
        return sources[0]
    subjects = _subjects(head)
    if subjects:
        name, clause = subjects[0]
        return Found(_fuller(name, all_names), clause)
    for line in reversed(lines[-3:]):  # sign-off: a short line holding only a name (and a date)
        names = _names(line)
        if names and len(line) <= 40 and names[0][1] == 0:
            return Found(names[0][0], line)
    return None


def _campaign_name(run: str, text: str, start: int) -> str | None:
    """A campaign written as a run of words: cut to where a campaign name starts; add its 3·15."""
    cut = re.search(_CAMPAIGN_START, run)
    if not cut:
        return None
    name = run[cut.start():]
    prefix = _DATE_PREFIX.search(text[max(0, start + cut.start() - 12): start + cut.start()])
    if prefix:
        name = f"{prefix.group(1)}·{prefix.group(2)}{name}"
    return name


def campaigns(text: str) -> list[tuple[str, int]]:
    """(campaign name, position) for every campaign the text names."""
    found: list[tuple[str, int]] = []
    for match in _QUOTED.finditer(text):
        inner = match.group(1)
        if re.search(_CAMPAIGN_ENDS, inner) and not re.search(r"[，,。；;！!]", inner):
            name = inner
            prefix = _DATE_PREFIX.search(text[max(0, match.start() - 12): match.start()])
            if prefix and not re.match(r"\d", inner):
                name = f"{prefix.group(1)}·{prefix.group(2)}{inner}"
            found.append((name, match.start()))
    covered = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    for match in _RUN.finditer(text):
        if any(a <= match.start() < b and re.search(_CAMPAIGN_ENDS, text[a:b]) and not re.search(r"[，,]", text[a:b])
               for a, b in covered):
            continue
        name = _campaign_name(match.group(0), text, match.start())
        if name:
            found.append((name, match.start()))
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,80}》", text)]
    return sorted((f for f in found if not any(a < f[1] < b for a, b in titles)), key=lambda f: f[1])  # not in 《document titles》


def campaign(text: str, org: Found | None) -> Found | None:
    """The campaign the author ran: in the opening, the one written nearest its name."""
    head = text[:400]  # the opening: later mentions are other campaigns the author took part in
    named = campaigns(head)
    if not named:
        return None
    anchor = head.find(org.value) if org and org.value in head else -1
    if anchor < 0:
        name, pos = named[0]
    else:
        stop = re.search(r"[。！!？\n]|(?<!\d)\?(?!\d)", head[anchor:])  # 3?15 is a mangled 3·15
        end = anchor + (stop.start() if stop else len(head))
        after = [f for f in named if anchor < f[1] < end]
        before = [f for f in named if f[1] < anchor]
        name, pos = after[0] if after else before[-1] if before else named[0]
    return Found(name, head[max(0, pos - 10): pos + len(name) + 10].replace("\n", " "))


_YMD = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_YM = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月")
_MD = re.compile(r"(?<![\d年.])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?![讯电])")  # not a news dateline (6月11日讯)
_Y = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*年")
_DATELINE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")


def period(text: str) -> Found | None:
    """When it started, to the precision the report gives: the first dated day of the opening."""
    head = text[:500]
    full = _YMD.search(head)
    month_day = _MD.search(head)
    if full and (not month_day or full.start() <= month_day.start() + 6):
        return Found(f"{full.group(1)}-{int(full.group(2)):02d}-{int(full.group(3)):02d}", full.group(0))
    year = _Y.search(head)
    dateline = _DATELINE.search(head)
    if month_day:
        month = int(month_day.group(1))
        y = year.group(1) if year else (dateline.group(1) if dateline and int(dateline.group(2)) >= month else None)
        if y and 1 <= month <= 12:
            return Found(f"{y}-{month:02d}-{int(month_day.group(2)):02d}", month_day.group(0))
        return None
    year_month = _YM.search(head)
    if year_month:
        return Found(f"{year_month.group(1)}-{int(year_month.group(2)):02d}", year_month.group(0))
    if year:
        return Found(year.group(1), year.group(0))
    return None
