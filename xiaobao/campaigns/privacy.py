"""Personal data in campaign summaries: find it before it is published.

Summaries tell customers' stories ("客户李明反映……"). A public site must not carry a customer's
ID number, mobile number, bank card, private e-mail or full name. The checks are heuristics tuned
to be quiet on ordinary summaries:

* ID numbers: 18 digits (last may be X) with a valid GB 11643 checksum, a plausible region digit
  and birth date; 15-digit old numbers with a plausible birth date.
* Mobile numbers: 1[3-9] plus 9 digits (spaces or hyphens as 3-4-4 allowed), never part of a
  longer digit run. Hotlines (12315, 95588, 96110, 400-/800- numbers) and landlines never match.
* Bank cards: 13-19 digits (or groups of four) passing the Luhn check and not an ID number.
* E-mail: any address except institutional domains (gov.cn, org.cn, edu.cn, ac.cn, .gov, .edu,
  .int) and role mailboxes such as service@, kefu@, info@, tousu@.
* Names: a common surname plus one or two given-name characters right before 先生/女士/老人/
  阿姨/大爷/老先生/老太太 or right after 客户/储户/消费者/市民/居民/村民/群众/患者/投诉人 …. Surname only (张先生, 客户王某,
  欧阳女士) passes. Common words that begin with a surname (许多老人, 高龄老人, 客户陆续) pass.

Every check reads the text normalised first (normalize): NFKC, every Unicode space and dash,
no zero-width characters, +86/0086 dropped before a mobile number, ＠/（at）/[at] read as @.

Reviewed exceptions (a bank president named in a press quote, a test card on a poster) go into
privacy-allowlist.yml as {file, text, reason}: one file by its path, and at least six
characters of the text around the finding.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import yaml

from xiaobao.campaigns.problems import Problem

ALLOWLIST_FILE = "privacy-allowlist.yml"
MIN_ALLOW_TEXT = 6  # characters: "1" or "先生" would silence every finding
HOW_TO_ALLOW = "已核对无误（不是个人信息）可写入 privacy-allowlist.yml（写明 file、text、reason）"


@dataclass(frozen=True)
class Finding:
    line: int
    kind: str  # id_number, mobile, bank_card, email, full_name
    excerpt: str  # masked, safe to print in a build log
    message: str
    value: str = field(default="", repr=False, compare=False)  # as written; for the allow-list only
    context: str = field(default="", repr=False, compare=False)  # the whole line, ditto


@dataclass(frozen=True)
class AllowEntry:
    file: str
    text: str
    reason: str

    def allows(self, label: str, finding: Finding) -> bool:
        """One file, by its exact path, and a specific text that holds the finding (or is held by it)."""
        if self.file != label:
            return False
        text = normalize(self.text)
        if len(text) < MIN_ALLOW_TEXT or text not in (finding.context or finding.value):
            return False
        return text in finding.value or finding.value in text


# ---------------------------------------------------------------- numbers

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
PUBLIC_NUMBER = re.compile(r"^(?:12\d{3}|9[56]\d{3}|110|119|120|122|[48]00\d{7})$")


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _plausible_birth(y: int, m: int, d: int) -> bool:
    try:
        born = date(y, m, d)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def is_id_number(s: str) -> bool:
    s = s.upper()
    if re.fullmatch(r"[1-8]\d{16}[\dX]", s):
        birth = _plausible_birth(int(s[6:10]), int(s[10:12]), int(s[12:14]))
        return birth and id_check_char(s[:17]) == s[17]
    if re.fullmatch(r"[1-8]\d{14}", s):
        return _plausible_birth(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    return False


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def is_public_number(s: str) -> bool:
    """Hotlines and service numbers that may be printed: 12315, 95588, 96110, 400-820-8820."""
    return bool(PUBLIC_NUMBER.match(re.sub(r"[\s-]", "", s)))


def _mask_digits(s: str, keep_start: int, keep_end: int) -> str:
    digits = [i for i, ch in enumerate(s) if ch.isalnum()]
    hide = set(digits[keep_start:len(digits) - keep_end])
    return "".join("*" if i in hide else ch for i, ch in enumerate(s))


# A run of digits (ID numbers may end in X), optionally in groups split by single spaces/hyphens.
_NUMBER = re.compile(r"(?<![\dA-Za-z])\d+(?:[ -]\d+)*[Xx]?(?![\dA-Za-z])")
# Every finding has at least 11 digits in one written number (mobile 11, card 13+, ID 15+):
# lines without such a run, almost all of them, skip the per-number checks.
_LONG_NUMBER = re.compile(r"\d(?:[ -]?\d){10}")
MIN_DIGITS = 11
_SEPARATORS = re.compile(r"[ -]")
_MOBILE_PLAIN = re.compile(r"1[3-9]\d{9}")
_MOBILE_GROUPED = re.compile(r"^1[3-9]\d[ -]?\d{4}[ -]?\d{4}$")
_CARD_GROUPED = re.compile(r"^\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?$")


def _number_findings(token: str) -> list[tuple[str, str, str]]:
    """Classify one written number: [(kind, masked, label)]."""
    plain = _SEPARATORS.sub("", token)
    if is_public_number(token):
        return []
    if is_id_number(plain):  # 320602 19850315 1238 as well: the checksum makes a chance match rare
        return [("id_number", _mask_digits(plain, 4, 4), "身份证号码")]
    if _MOBILE_GROUPED.match(token) or _MOBILE_PLAIN.fullmatch(plain) and token == plain:
        return [("mobile", _mask_digits(token, 3, 4), "手机号码")]
    grouped_card = _CARD_GROUPED.match(token) is not None
    if plain.isdigit() and 13 <= len(plain) <= 19 and (grouped_card or token == plain) and luhn_ok(plain):
        return [("bank_card", _mask_digits(token, 4, 4), "银行卡号")]
    if "-" in token or " " in token:  # several numbers written next to each other: check each
        return [f for part in _SEPARATORS.split(token) if part != token for f in _number_findings(part)]
    return []


# ---------------------------------------------------------------- e-mail

_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
INSTITUTIONAL_SUFFIXES = ("gov.cn", "org.cn", "edu.cn", "ac.cn", "gov", "edu", "int", "mil.cn")
ROLE_MAILBOXES = {
    "service", "services", "kefu", "info", "contact", "support", "help", "office", "admin",
    "webmaster", "press", "news", "media", "tousu", "jubao", "xiaobao", "xfz", "xfzqy", "consumer",
    "complaint", "complaints", "hotline", "feedback", "public", "postmaster", "noreply", "no-reply",
}


def is_institutional_email(local: str, domain: str) -> bool:
    domain = domain.lower()
    if any(domain == s or domain.endswith("." + s) for s in INSTITUTIONAL_SUFFIXES):
        return True
    return local.lower() in ROLE_MAILBOXES or re.fullmatch(r"(?:95|96)\d{3}|12\d{3}", local) is not None


def _mask_email(local: str, domain: str) -> str:
    return f"{local[0]}***@{domain}"


# ---------------------------------------------------------------- names

SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉"
    "缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                     "长孙", "宇文", "司徒", "夏侯", "端木", "呼延", "澹台", "南宫", "西门", "独孤"}
# After 客户 the next characters are usually a verb or noun; only surnames that rarely start one.
SURNAMES_AFTER_PREFIX = set(
    "王李张刘陈杨黄赵吴周徐孙朱胡郭何林罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范贾夏韦付傅邹孟熊秦邱尹薛闫阎段雷侯陶黎贺顾毛郝龚邵钱严覃戴莫孔汤康施樊葛邢乔伍庞颜"
    "倪庄聂鲁岳翟殷詹耿焦俞柳祝阮柯纪梅童凌毕裴霍涂苗盛翁冉骆辛靳柴鲍喻祁蒲滕屈饶艾尤穆卓缪褚娄窦戚岑"
)
# Characters that end a name candidate: particles, measure words, "someone", titles.
NOT_GIVEN = set("某的了是在和与及或等位名个们些这那其他她它您你我也都就还又被把将向对给为让请帮说称表示讲老小家人户员")
COMMON_WORDS = {
    "许多", "高龄", "曾经", "陆续", "范围", "钱款", "钱财", "严格", "严重", "黄金", "马上", "周边", "周围", "周到", "周末", "程序",
    "张贴", "杜绝", "顾虑", "顾客", "顾及", "谢谢", "高度", "关系", "关注", "关于", "安全", "安装", "明白", "方便", "方面", "方式",
    "时间", "时候", "常用", "全面", "金融", "成功", "文明", "华侨", "万元", "解答", "管理", "单位", "车辆", "连续", "司法", "古稀",
    "吉祥", "路过", "游客", "景区", "党员", "宫殿", "应当", "应该", "边远", "师傅", "商户", "沙龙", "荣誉", "查询", "池州", "迟到",
    "余额", "于是", "向来", "任何", "任意", "田间", "石化", "白色", "江苏", "龙头", "史上", "孔雀", "温馨", "康复", "施工", "牛奶",
    "易于", "齐全", "申请", "欧洲", "兰州", "包括", "宁波", "尚未", "符合", "舒适", "单独", "季度", "成员", "曲线", "蓝色", "路上",
    "华夏", "农村", "农民", "农业", "时常", "卫生", "米面", "宗教", "桂林", "全部", "全体", "闵行", "师生", "商家", "刁难", "仲裁",
    "明确", "查看", "麻烦", "朱红", "胡乱", "林业", "罗列", "郑重", "宋体", "唐突", "韩国", "肖像", "董事", "余款", "叶子", "程度",
    "苏州", "丁点", "任务", "沈阳", "钟表", "陆地", "夏季", "夏天", "付款", "付费", "段落", "雷同", "陶瓷", "黎明", "贺喜", "毛病",
    "钱包", "严防", "戴口", "莫名", "乔迁", "庞大", "颜色", "庄重", "殷切", "焦虑", "焦点", "祝福", "祝贺", "纪律", "纪念", "童年",
    "凌晨", "毕业", "涂改", "苗头", "盛情", "辛苦", "尤其", "卓越", "王牌", "李子", "张开", "刘海", "陈列", "陈述", "杨柳", "黄色",
    "周全", "周期", "徐徐", "孙子", "孙女", "何时", "何处", "林立", "谢绝", "唐朝", "曾孙", "田地", "余下", "高兴", "高低", "许可",
    "许诺", "马路", "和睦", "和谐", "胡同", "何况", "范例", "范本", "金额", "金钱", "石头", "安心", "安排", "文化", "文字", "方法",
    "方向", "常见", "常识", "温暖", "齐心",
}
PREPOSITIONS = set("向对给为让请帮和与及跟同被把将由")
TITLES_AFTER = ("老先生", "老太太", "先生", "女士", "老人", "阿姨", "大爷", "大妈", "奶奶", "爷爷", "小姐")
# Words for members of the public that a name may follow: 客户李明, 市民王建国, 投诉人张某某.
PREFIXES_BEFORE = ("客户", "储户", "消费者", "老人", "持卡人", "投保人", "受害人", "当事人", "市民", "居民", "村民",
                   "群众", "患者", "投诉人", "举报人", "业主", "乘客", "网友", "老大爷", "老大娘", "报案人")
_HAN = r"[\u4e00-\u9fff]"
_TITLE = re.compile("|".join(TITLES_AFTER))  # longest first: 老先生 before 先生
_MAY_NAME = re.compile("|".join(TITLES_AFTER + PREFIXES_BEFORE))
_TRAILING_HAN = re.compile(rf"{_HAN}{{1,4}}$")
_TITLE_STARTS = frozenset(t[:2] for t in TITLES_AFTER)
# A necessary condition for any name finding, cheap enough to test on the whole text first: a
# surname (or a compound surname's first character) 2-4 characters before a title, or a likely
# surname and one more Han character right after 客户/储户/… . Most summaries mention 客户 and
# 老人 in every paragraph without naming anyone; they skip the detailed checks.
_SURNAME_FIRST = frozenset(SURNAMES | {c[0] for c in COMPOUND_SURNAMES})
_AFTER_PREFIX_FIRST = frozenset(SURNAMES_AFTER_PREFIX | {c[0] for c in COMPOUND_SURNAMES})
_PREFIX = re.compile("|".join(PREFIXES_BEFORE))


def _may_name(text: str) -> bool:
    for m in _TITLE.finditer(text):
        start = m.start()
        if not _SURNAME_FIRST.isdisjoint(text[max(0, start - 4):start - 1]):
            return True
    for m in _PREFIX.finditer(text):
        end = m.end()
        if text[end:end + 1] in _AFTER_PREFIX_FIRST and "\u4e00" <= text[end + 1:end + 2] <= "\u9fff":
            return True
    return False


_NAME_AFTER_PREFIX = re.compile(rf"(?:{'|'.join(PREFIXES_BEFORE)})({_HAN}{{2,3}})")


def _given_ok(chars: str) -> bool:
    return bool(chars) and not any(ch in NOT_GIVEN for ch in chars)


def _split_name(candidate: str, surnames: set[str]) -> str | None:
    """Return the full name at the end of candidate (surname + 1-2 given chars), if it is one."""
    for size in (4, 3, 2):
        if len(candidate) < size:
            continue
        tail = candidate[-size:]
        if tail[:2] in COMPOUND_SURNAMES and size >= 3 and _given_ok(tail[2:]):
            return tail
        if size <= 3 and tail[0] in surnames and _given_ok(tail[1:]) and tail[:2] not in COMMON_WORDS:
            # "向张先生": the character before the surname is a preposition; "张" alone is a surname.
            if size == 2 and tail[0] in PREPOSITIONS and tail[1] in surnames:
                continue
            return tail
    return None


def _name_findings(line: str) -> list[tuple[str, str]]:
    """[(full name as written, title or prefix)] for one line."""
    found: list[tuple[str, str]] = []
    for m in _TITLE.finditer(line):
        title, start = m.group(0), m.start()
        before = _TRAILING_HAN.search(line[max(0, start - 4):start])
        if not before:
            continue
        candidate = before.group(0)
        if candidate in COMPOUND_SURNAMES or len(candidate) == 1:
            continue
        name = _split_name(candidate, SURNAMES)
        if name and name not in COMPOUND_SURNAMES:
            found.append((name, title))
    for m in _NAME_AFTER_PREFIX.finditer(line):
        words, prefix = m.group(1), m.group(0)[: -len(m.group(1))]
        if words[:2] in COMPOUND_SURNAMES:
            if len(words) == 3 and _given_ok(words[2]):
                found.append((words, prefix))
        elif line[m.start(1) + 1:m.start(1) + 3] in _TITLE_STARTS:
            continue  # 客户刘先生: surname and title only
        elif any(name[:2] == words[:2] for name, _ in found):
            continue  # 客户张三丰先生: reported once, by the title
        elif words[0] in SURNAMES_AFTER_PREFIX and words[:2] not in COMMON_WORDS and _given_ok(words[1]):
            found.append((words[:2], prefix))  # surname + first given char is enough to report
    return found


def _mask_name(name: str) -> str:
    surname_len = 2 if name[:2] in COMPOUND_SURNAMES else 1
    return name[:surname_len] + "*" * (len(name) - surname_len)


# ---------------------------------------------------------------- normalising

# Written forms that hide a number or address from a plain pattern: full-width digits (NFKC),
# non-breaking and ideographic spaces, every dash, zero-width characters, ＠ and （at）.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_SPACES = {ord(c): " " for c in "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
           "\u2009\u200a\u202f\u205f\u3000"}
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2043\u02d7\u30fc"}
_FORM = {**_ZERO_WIDTH, **_SPACES, **_DASHES}
# (?<!\s): a match may begin only where a run of spaces begins, so a line of 100,000 spaces is read
# once, not once from every position in it (tests/test_regex_linear.py).
_AT = re.compile(r"(?<!\s)\s*[(\[【<]\s*(?:at|AT|At)\s*[)\]】>]\s*|(?<!\s)\s+(?:at|AT)\s+(?=[A-Za-z0-9-]+(?:\.|\s*[(\[]\s*dot))")
_DOT = re.compile(r"(?<!\s)\s*[(\[【<]\s*(?:dot|DOT)\s*[)\]】>]\s*")
_COUNTRY = re.compile(r"(?<![\dA-Za-z])[(]?(?:\+\s*|00)86[)]?[ -]*(?=1[3-9]\d)")
_GAPS = re.compile(r"(?<=\d)[ -]{2,}(?=\d)")


# Lines that may read differently once normalised: full-width digits, letters, +, -, . and @;
# unusual spaces, dashes and zero-width characters; +86/0086; wide gaps between digits; (at).
# Most lines of a summary hold none of them and are left as they are: normalising every line
# (NFKC, translate, four patterns) cost seven seconds at 10,000 campaigns.
_DASH_CHARS = "".join(sorted(map(chr, _DASHES)))
_ODD_CHARS = re.compile("[\uff0b\uff0d\uff0e\uff10-\uff19\uff20-\uff3a\uff41-\uff5a\ufe6b"
                        + "".join(map(re.escape, sorted(set(map(chr, _FORM)) - {"\t"} - set(_DASH_CHARS)))) + "]")
# A dash matters only between digits (138—0013—8000); 「——」 in prose does not.
_DASH = re.compile(f"[{re.escape(_DASH_CHARS)}]")
_DASH_NEAR = re.compile(f"[0-9\uff10-\uff19][^\\S\\n]*[{re.escape(_DASH_CHARS)}][^\\S\\n]*[0-9\uff10-\uff19]")
_AT_WORDS = ("(at", "（at", "[at", "【at", "［at", "〔at", "<at", "(AT", "（AT", "[AT", "【AT", " at ", " AT ", "dot", "DOT")
_NEWLINE = re.compile("\n")
_COUNTRY_NEAR = re.compile(r"(?:\+|00)\s*86")
_GAP_NEAR = re.compile(r"\d(?:[ -]{2,}|\t)\d")
_AT_NEAR = re.compile(r"[(（\[【<［〔]\s*(?:at|AT|At|dot|DOT)\b|\s(?:at|AT)\s")


def _odd_positions(text: str) -> list[int]:
    """Where normalising may change what the checks read. A character class first, then plain `in`
    tests before any pattern with alternatives: an alternation tried at every position of a long
    text costs more than the rest of the check."""
    found = [m.start() for m in _ODD_CHARS.finditer(text)]
    if _DASH.search(text):
        found += [m.start() for m in _DASH_NEAR.finditer(text)]
    if "86" in text:
        found += [m.start() for m in _COUNTRY_NEAR.finditer(text)]
    if "  " in text or "--" in text or "- " in text or " -" in text or "\t" in text:
        found += [m.start() for m in _GAP_NEAR.finditer(text)]
    if any(word in text for word in _AT_WORDS):
        found += [m.start() for m in _AT_NEAR.finditer(text)]
    return found


def _normalize_line(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).translate(_FORM)
    if "86" in line:
        line = _COUNTRY.sub("", line)
    if "  " in line or "--" in line or "- " in line or " -" in line:
        line = _GAPS.sub(lambda m: "-" if "-" in m.group() else " ", line)
    if "at" in line or "AT" in line or "At" in line:
        line = _DOT.sub(".", _AT.sub("@", line))
    return line


def normalize(text: str) -> str:
    """The text as the checks read it: one form for every way of writing the same digits.
    Only the lines that need it, each on its own, so a finding's line number is the editor's."""
    found = _odd_positions(text)
    if not found:
        return text
    ends = [m.start() for m in _NEWLINE.finditer(text)]
    odd = {bisect.bisect_left(ends, position) for position in found}
    lines = text.split("\n")
    return "\n".join(_normalize_line(line) if n in odd else line for n, line in enumerate(lines))


# ---------------------------------------------------------------- the check

def _message(label: str, masked: str, what_to_do: str, where: str = "总结") -> str:
    return f"疑似{label}“{masked}”。公开的{where}里不能有个人信息：{what_to_do}；{HOW_TO_ALLOW}"


def find_private_data(text: str, where: str = "总结") -> list[Finding]:
    """Every suspected piece of personal data, in reading order, with digits partly masked.
    where: what the text is, as the message names it (总结, 页面, 文件, 文件名)."""
    findings: list[Finding] = []
    text = normalize(text)
    # Whole-text gates: none of these patterns can span a line break, so a miss here is a miss on every line.
    numbers, emails, names = _LONG_NUMBER.search(text), "@" in text, _may_name(text)
    if not (numbers or emails or names):
        return findings
    for number, line in enumerate(text.splitlines(), start=1):
        for m in _NUMBER.finditer(line) if numbers and _LONG_NUMBER.search(line) else ():
            if len(m.group(0)) < MIN_DIGITS:
                continue
            for kind, masked, label in _number_findings(m.group(0)):
                fix = "请删去" + ("号码" if kind != "bank_card" else "卡号") + "，或只写“尾号" + re.sub(r"\D", "", m.group(0))[-4:] + "”"
                findings.append(Finding(number, kind, masked, _message(label, masked, fix, where), m.group(0), line))
        for m in _EMAIL.finditer(line) if emails and "@" in line else ():
            local, domain = m.group(1), m.group(2)
            if not is_institutional_email(local, domain):
                masked = _mask_email(local, domain)
                fix = "个人邮箱请删去；单位的公开邮箱可以保留"
                findings.append(Finding(number, "email", masked, _message("个人邮箱", masked, fix, where), m.group(0), line))
        for name, title in _name_findings(line) if names and _MAY_NAME.search(line) else ():
            masked = _mask_name(name)
            surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
            polite = title if title in TITLES_AFTER else "先生"
            shown = f"{masked}{title}" if title in TITLES_AFTER else f"{title}{masked}"
            fix = f"请删去，或改为“{surname}{polite}”这样只保留姓氏"
            findings.append(Finding(number, "full_name", shown, _message("姓名", shown, fix, where), name, line))
    return findings


def _field_at(text: str, line: int) -> str | None:
    """The front-matter key a line belongs to, or None for the body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            if line > i + 1:
                return None
            break
    key = None
    for raw in lines[1:line]:
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", raw)
        if m:
            key = m.group(1)
    return key


def check_campaign_text(path_label: str, text: str, allowlist: Iterable[AllowEntry] | None = None,
                        where: str = "总结") -> list[Problem]:
    """Problems for the campaign loader (and every other published text with front matter, where says
    what it is): one per finding that no allow-list entry covers, on its line and field."""
    entries = list(allowlist or [])
    problems = []
    for f in find_private_data(text, where):
        if any(e.allows(path_label, f) for e in entries):
            continue
        problems.append(Problem(path_label, f.line, _field_at(text, f.line), f.message))
    return problems


def check_file_name(path_label: str, allowlist: Iterable[AllowEntry] | None = None) -> list[Problem]:
    """A file's name becomes an address (a campaign's slug, a download's URL): no personal data in it."""
    entries = list(allowlist or [])
    name = path_label.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    problems = []
    for f in find_private_data(stem.replace("_", " "), "文件名"):
        if any(e.allows(path_label, f) for e in entries):
            continue
        message = f.message.split("：", 1)[0] + "：文件名会成为网址或下载地址，请给文件改名，去掉这部分；" + HOW_TO_ALLOW
        problems.append(Problem(path_label, None, "文件名", message))
    return problems


# ---------------------------------------------------------------- allow-list

def parse_allowlist(text: str, label: str = ALLOWLIST_FILE) -> tuple[list[AllowEntry], list[Problem]]:
    """Read the allow-list; a broken entry is a problem for the editor, never a traceback."""
    try:
        data: Any = yaml.safe_load(text) if text.strip() else []
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [], [Problem(label, mark.line + 1 if mark else None, None, "YAML 格式有误，请检查引号和缩进")]
    if data is None:
        data = []
    if not isinstance(data, list):
        return [], [Problem(label, 1, None, "应当是列表，每项写 file、text、reason 三个字段")]
    entries, problems = [], []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item.get(k).strip()
                                                 for k in ("file", "text", "reason")):
            problems.append(Problem(label, None, f"第 {n} 项", "每项都要写 file（文件路径）、text（原文）、reason（为什么可以公开）"))
            continue
        extra = set(item) - {"file", "text", "reason"}
        if extra:
            problems.append(Problem(label, None, f"第 {n} 项", f"没有这个字段：{'、'.join(sorted(map(str, extra)))}。只能写 file、text、reason"))
            continue
        file, text = item["file"].strip(), item["text"].strip()
        if any(c in file for c in "*?[]") or file.endswith("/"):
            problems.append(Problem(label, None, f"第 {n} 项", f"file 要写一个文件的完整路径，如 campaigns/2024/icbc-nantong-315.md，"
                                                            f"不能用 * 等通配符，现在是“{file}”"))
            continue
        if len(normalize(text)) < MIN_ALLOW_TEXT:
            problems.append(Problem(label, None, f"第 {n} 项", f"text 太短（“{text}”）。请抄下原文中包含这个姓名或号码的一段，"
                                                            f"至少 {MIN_ALLOW_TEXT} 个字"))
            continue
        entries.append(AllowEntry(file, text, item["reason"].strip()))
    return entries, problems


def load_allowlist(path: Path) -> tuple[list[AllowEntry], list[Problem]]:
    if not path.exists():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(path.name, None, None, "文件不是 UTF-8 编码，请另存为 UTF-8")]
    return parse_allowlist(text, path.name)
