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
from xiaobao.importer import rules

CN_NUM = "零〇一二两三四五六七八九十百千万亿"
_UNITS = "|".join(sorted((re.escape(u) for u in rules.UNITS), key=len, reverse=True))
PREFIXES = [("不少于", "at_least"), ("至少", "at_least"), ("将近", "nearly"), ("接近", "nearly"),
            ("近", "nearly"), ("超过", "more_than"), ("超", "more_than"), ("逾", "more_than"),
            ("大约", "about"), ("约", "about")]
SUFFIXES = {"余": "more_than", "多": "more_than", "以上": "more_than", "左右": "about"}
_NUMBER = re.compile(
    rf"(?<![\d.,:：·\-—~/{CN_NUM}xX×第每数几])"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_NUM}]+|(?P<ph>[xX×]{{1,4}}))"
    rf"(?P<mult>[万亿])?"
    rf"(?P<suf>余|多|以上|左右)?"
    rf"(?P<mult2>万)?"
    rf"[ \u00a0]?"  # 268 起: a space before the unit is still a figure
    rf"(?P<unit>{_UNITS})"
    rf"(?P<suf2>以上|左右)?"
)
_CLAUSE_END = "，,。；;！!？?：:、\n"
_SENTENCE_END = "。；;！!？?\n"
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

    def public(self) -> dict:
        data = asdict(self)
        del data["total"], data["start"]
        return data


def _qualifier(text: str, start: int, suf: str | None) -> tuple[str, int]:
    """Prefix before the number wins over a suffix after it (约1000余 → about)."""
    before = text[max(0, start - 3) : start]
    for word, qualifier in PREFIXES:
        if before.endswith(word) and not before.endswith(("最" + word, "附" + word)):
            return qualifier, start - len(word)
    return (SUFFIXES[suf] if suf else "exact"), start


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def _clause_before(text: str, start: int, stops: str, limit: int = 40) -> str:
    i = start
    while i > 0 and text[i - 1] not in stops and start - i < limit:
        i -= 1
    return text[i:start]


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
    chinese = not re.search(r"\d", num) and not match.group("ph")
    if chinese and num == "一" and not match.group("mult"):
        return True  # 一位老年客户, 一个网点: anecdotes and rules, not results
    if chinese and unit in rules.KIND_UNITS:
        return True
    if unit == "个" and text.startswith(rules.DURATION_AFTER, end):
        return True
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
    if after.startswith(("、", "和", "及", "或")) and re.match(r"[、和及或]\d+元", after) and "面" in text[end:end + 14]:
        return True  # 5元、10元面额
    return any(word in text[max(0, start - 4):start] for word in ("面额", "面值", "券别"))


def extract(text: str) -> tuple[list[Mention], list[Mention]]:
    """Return (mentions, placeholders) in text order; duplicates of the same thing dropped."""
    quoted = _quoted_spans(text)
    mentions: list[Mention] = []
    placeholders: list[Mention] = []
    seen: set[tuple] = set()
    for match in _NUMBER.finditer(text):
        if _skip(text, match, quoted):
            continue
        try:
            value = None if match.group("ph") else _value(match)
        except NumeralError:
            continue
        if value is None and not match.group("ph"):
            continue
        start, end = match.start(), match.end()
        qualifier, qstart = _qualifier(text, start, match.group("suf") or match.group("suf2"))
        pre = _clause_before(text, qstart, _CLAUSE_END)
        sentence = _clause_before(text, qstart, _SENTENCE_END, 80)
        post = _post_window(text, end)
        metric, label = classify(match.group("unit"), pre, post, sentence)
        if match.group("unit") in ("%", "％"):
            metric = "other"
        lead = _label_from(pre)[-8:] if not post or metric == "other" or not label.startswith(post[:1]) else ""
        lead = re.sub(r"^[\d\s.,]+[年月日号]?", "", lead)  # not from inside another number (2024 年)
        tail = label if label and post.startswith(label) else ""
        quote_start = qstart - len(lead) if lead and text[qstart - len(lead) : qstart] == lead else qstart
        quote = text[quote_start : end + len(tail)]
        total = bool(_TOTAL.search(pre[-8:]))
        mention = Mention(metric, label or match.group("unit"), value, qualifier, quote, total, start)
        if match.group("ph"):
            mention.qualifier = "undisclosed"
            placeholders.append(mention)
            continue
        key = (metric, value, qualifier, mention.label)
        if key in seen:
            continue
        seen.add(key)
        mentions.append(mention)
    return mentions, placeholders
