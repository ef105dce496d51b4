"""Regions from the official list of China's administrative divisions (data/divisions.csv).

A region is only ever a real division: a name the report writes in full (云梦县, 成都市金牛区),
or the place in a branch's name (工商银行南通分行 → 南通). It is returned as the full path the
catalog uses (江苏省南通市, 湖北省孝感市云梦县). A place-like word that is no division (全市,
城区, a hidden xx县) gives no region and a note for the reviewer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "divisions.csv"
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "地区", "新区", "林区", "特区", "省", "市", "县", "区", "盟", "旗")
_NATIONALITIES = ("蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
                  "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
                  "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
                  "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各")
# 延边朝鲜族 → 延边, 恩施土家族苗族 → 恩施, 通道侗族 → 通道: only the names of nationalities are cut
_MINORITY = re.compile("(?:(?:" + "|".join(sorted(_NATIONALITIES, key=len, reverse=True)) + ")族)+$")
# Single-character and generic names that are real divisions somewhere but usually just words.
_GENERIC = {"城区", "郊区", "矿区", "新区", "东区", "西区", "南区", "北区", "中区", "市区", "县区", "新城区", "老城区"}
_SUFFIX_CHARS = "省市县区州旗盟"
_WORDS_AFTER = {"市场", "市民", "县城", "区域", "县域", "省份", "市值", "区块", "区间", "区别", "区分", "市面", "州际"}
# Division names whose stem is also an everyday word (县公安局会同县金融办: 会同 is "together
# with"): they count only after a parent's name or a place word.
_WORDLIKE = {"会同", "平安", "安定", "和平", "东方", "前进", "胜利", "向阳", "红旗", "新华", "长安", "太平", "永安",
             "安宁", "兴业", "华安", "阳光", "大安", "开放", "友好", "团结", "民主", "建设", "新兴", "永和", "长宁",
             "城关", "郊区", "矿区", "沙县", "和县", "通道", "江北", "江南", "河东", "河西", "城东", "城西", "城南", "城北"}
_BEFORE_PLACE = "在于赴到从至、，,。；：:（(“\"\n "


def chain_start(text: str, start: int, candidates: list["Division"]) -> int:
    """Where a chain of divisions written together begins: 广东省深圳市龙华区, 成都双流区 (parents
    in full or short form right before the name)."""
    begin = start
    for division in candidates:
        position = start
        for parent in sorted(_ancestors(division), key=lambda d: d.level, reverse=True):
            for form in (parent.name, short_name(parent.name)):
                if form and text[:position].endswith(form):
                    position -= len(form)
                    break
        begin = min(begin, position)
    return begin


def _two_char_ok(text: str, start: int, candidates: list[Division]) -> bool:
    """和县, 沙县: a two-character name counts only after a parent's name or a place word (在和县),
    never inside running words (城区和县城)."""
    if start == 0 or text[start - 1] in _BEFORE_PLACE:
        return True
    before = text[max(0, start - 6): start]
    return any(before.endswith((a.name, short_name(a.name))) for d in candidates for a in _ancestors(d))


@dataclass(frozen=True)
class Division:
    code: str
    name: str

    @property
    def level(self) -> int:
        """1 province, 2 prefecture, 3 county."""
        if self.code[2:] == "0" * 10:
            return 1
        if self.code[4:] == "0" * 8:
            return 2
        return 3


@dataclass(frozen=True)
class Region:
    value: str | None  # 江苏省南通市, or None
    quote: str  # the words it was read from
    note: str | None = None  # for the reviewer when nothing sure was found


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Division], dict[str, list[Division]], dict[str, list[Division]]]:
    """(code → division, full name → divisions, short name → divisions)."""
    by_code: dict[str, Division] = {}
    full: dict[str, list[Division]] = {}
    short: dict[str, list[Division]] = {}
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            division = Division(row["adcode"], row["name"])
            by_code[division.code] = division
            if division.level == 2 and by_code.get(division.code[:2] + "0" * 10, division).name == division.name:
                continue  # 北京市 the city is 北京市 the province
            full.setdefault(division.name, []).append(division)
            name = short_name(division.name)
            if name != division.name and len(name) >= 2:
                short.setdefault(name, []).append(division)
    return by_code, full, short


def short_name(name: str) -> str:
    """江苏省 → 江苏, 延边朝鲜族自治州 → 延边, 海安市 → 海安; 两字名 such as 鼓楼区 stay whole."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith(("自治", "维吾尔", "壮族", "回族")) or suffix == "自治区":
                stem = _MINORITY.sub("", stem) or stem
            return stem
    return name


def path(division: Division) -> str:
    """The full name down to the division: 江苏省南通市如东县; 北京市朝阳区."""
    by_code = _table()[0]
    parts = []
    for code in (division.code[:2] + "0" * 10, division.code[:4] + "0" * 8, division.code):
        found = by_code.get(code)
        if found and (not parts or parts[-1] != found.name) and int(code[2:] or 0) <= int(division.code[2:] or 0):
            parts.append(found.name)
    return "".join(dict.fromkeys(parts))


def is_division(name: str) -> bool:
    _, full, short = _table()
    return name in full or name in short


def division_at(text: str, start: int) -> str | None:
    """The longest division written in full (三台县, 七台河市) that begins at start, if any: a
    numeral there is part of a place's name, not a count."""
    _, full, _ = _table()
    for size in range(min(12, len(text) - start), 1, -1):
        name = text[start: start + size]
        if name[-1] in _SUFFIX_CHARS and name in full:
            return name
    return None


def fullest_place(name: str, text: str) -> str:
    """河北沧县 in a headline is the 河北省沧州市沧县 the body writes in full: a place acting as the organisation
    takes the longest chain of divisions the text writes down to the same division."""
    target = [d for _, _, c in full_names(name) for d in c] or _table()[2].get(name, [])
    if not target or not any(name.endswith((d.name, short_name(d.name))) for d in target):
        return name
    best = name
    for written, start, candidates in full_names(text[:3000]):
        if not set(candidates) & set(target):
            continue
        chain = text[chain_start(text, start, candidates): start + len(written)]
        if len(chain) > len(best):
            best = chain
    return best


def without_province(name: str) -> str:
    """湖北襄阳铁路公安处 → 襄阳铁路公安处, 黑龙江省富锦市市场监督管理局 → 富锦市市场监督管理局: a body's name
    keeps no leading province when a city or county of that province follows (the labelling convention);
    山东省市场监管局, a provincial body, keeps it, and so does a bank whose registered name holds its province
    (江苏如皋农村商业银行, 湖北荆州农商银行)."""
    if re.search(r"(?:银行|农商行|信用社|联社|合行)$", name):
        return name
    return _after_province(name)


def _after_province(name: str) -> str:
    """The name past a leading province that a city or county of it follows (湖北荆州… → 荆州…)."""
    _, full, short = _table()
    for size in range(min(len(name) - 2, 9), 1, -1):
        provinces = [d for d in full.get(name[:size], []) + short.get(name[:size], []) if d.level == 1]
        if not provinces:
            continue
        rest = name[size:]
        for length in range(min(len(rest), 8), 1, -1):
            head = rest[:length]
            if rest[length: length + 2] in _WORDS_AFTER or head in _GENERIC or short_name(head) in _WORDLIKE:
                continue
            if any(d.level > 1 and d.code[:2] == p.code[:2] for d in full.get(head, []) + short.get(head, [])
                   for p in provinces):
                return rest
        return name
    return name


def _ancestors(division: Division) -> list[Division]:
    by_code = _table()[0]
    codes = {division.code[:2] + "0" * 10, division.code[:4] + "0" * 8} - {division.code}
    return [by_code[c] for c in codes if c in by_code]


@lru_cache(maxsize=4096)
def full_names(text: str) -> tuple[tuple[str, int, list[Division]], ...]:
    """(name, position, candidates) of every division written in full, longest at each end."""
    _, full, _ = _table()
    found = []
    for i, char in enumerate(text):
        if char not in _SUFFIX_CHARS:
            continue
        if text[i: i + 2] in _WORDS_AFTER:
            continue  # 县城, 市场, 区域: the suffix is part of a common word
        for size in range(min(12, i + 1), 1, -1):
            name = text[i + 1 - size: i + 1]
            start = i + 1 - size
            if name in full and name not in _GENERIC:
                if (size == 2 or short_name(name) in _WORDLIKE) and not _two_char_ok(text, start, full[name]):
                    break
                found.append((name, start, full[name]))
                break
    # drop names inside a longer one found at a later end (南通市 inside 江苏省南通市 stays: no overlap)
    return tuple(f for f in found if not any(o is not f and o[1] <= f[1] and f[1] + len(f[0]) <= o[1] + len(o[0]) and len(o[0]) > len(f[0]) for o in found))


_BRANCH_PLACE = re.compile(r"(?:银行|人行|农商行|信用社|保险|人寿|财险|证券|公司|邮储|邮政|联社)(?:股份有限公司)?"
                           r"(?P<place>[\u4e00-\u9fff]{2,9}?)(?:市)?(?:中心支行|分行|支行|营业部|分公司|支公司|监管分局|分局|中心)")


def _branch_place(org: str) -> str | None:
    """工商银行南通分行 → 南通; 人民银行蚌埠市中心支行 → 蚌埠市: the place a branch is named after."""
    match = _BRANCH_PLACE.search(org)
    return match.group("place") if match else None


_BRAND_AFTER = re.compile(r"^(?:银行|保险|证券|人寿|财险|期货|基金|信托|消费金融|理财)")


def _initial_place(org: str) -> list[Division]:
    """醴陵沪农商村镇银行 → 醴陵, 上海保监局 → 上海, 漳平邮政 → 漳平: a name that starts with a place.

    A county-level name directly before 银行/保险/证券 is a national brand (兴业银行, 平安银行,
    华安证券), not a place; city banks are named after prefecture-level cities (上海银行)."""
    _, full, short = _table()
    for size in range(min(8, len(org) - 1), 1, -1):
        head = org[:size]
        candidates = full.get(head) or short.get(head) or []
        if not candidates:
            continue
        rest = org[size:]
        if _STREET_AFTER.match(rest):
            return []
        if _BRAND_AFTER.match(rest):
            candidates = [c for c in candidates if c.level <= 2]
        return candidates
    return []


def _choose(candidates: list[Division], context: str) -> Division | None:
    """One division among namesakes: the one whose province or city the text also names."""
    if len(candidates) == 1:
        return candidates[0]
    supported = [d for d in candidates if any((a.name in context or short_name(a.name) in context)
                                              and short_name(a.name) != short_name(d.name) for a in _ancestors(d))]
    if len(supported) == 1:
        return supported[0]
    if len({d.code[:4] for d in candidates}) == 1:
        return min(candidates, key=lambda d: d.level)  # 荆州: the city, not its own district 荆州区
    return None


def region(org: str | None, text: str) -> Region:
    """The region a report is about: where the activity took place, else where the organisation
    sits. The organisation's name gives a division; a deeper one inside it that the opening
    names (淄博市 → 沂源县, 张家界 → 永定区) is where it happened."""
    found = _organisation_region(org, text)
    if found.value is None:
        return found
    division = _by_path(found.value)
    if division is not None and division.level < 3:
        head = text[:600]
        inside = [d for name, start, candidates in full_names(head) for d in candidates
                  if d.code.startswith(division.code[: 2 * division.level]) and d.level > division.level
                  and _choose(candidates, (org or "") + text[:2000]) is d
                  and not _BODY_AFTER.match(head[start + len(name):])]  # 联合路北区消费者协会: a partner's name
        if inside:
            deepest = max(inside, key=lambda d: d.level)
            return Region(path(deepest), deepest.name)
    return found


def _by_path(value: str) -> Division | None:
    _, full, _ = _table()
    for size in range(min(len(value), 12), 1, -1):
        for division in full.get(value[-size:], []):
            if path(division) == value:
                return division
    return None


_ZONE = re.compile(r"(?:实验区|开发区|经开区|高新区|工业园区|产业园区|园区|保税区|试验区|示范区)")


def _organisation_region(org: str | None, text: str) -> Region:
    _, full, short = _table()
    context = (org or "") + text[:2000]
    head = text[:600]
    rejected = None
    if org:
        zone = _ZONE.search(org)
        if zone and not any(zone.start() < start + len(name) <= zone.end() for name, start, _ in full_names(org)):
            return Region(None, org, f"region：“{org[:zone.end()]}”不在行政区划表里（开发区、园区等），留空，请核对")
        place = _branch_place(org)
        names = full_names(org)
        if names:
            best = _most_specific(names, context)
            if best:
                return Region(path(best), org)
        if place and not _STREET_AFTER.match(org[org.find(place) + len(place):]):
            key = place if place in full else (place + "市" if place + "市" in full else place)
            candidates = full.get(key) or short.get(place) or []
            chosen = _choose([c for c in candidates if c.level <= 3], context)
            if chosen:
                return Region(path(chosen), org)
            if re.search(r"[xX×＊*]|某", place) or not candidates:
                rejected = place
            elif candidates:
                return Region(None, org, f"region：原文“{place}”对应几个同名地区，留空，请填写")
        initial = _choose(_initial_place(_after_province(org)), context)  # 湖北荆州农商银行: 荆州, not 湖北
        if initial:
            return Region(path(initial), org)
    names = full_names(head)
    if names:
        best = _most_specific(names[:3], context)
        if best:
            return Region(path(best), names[0][0])
    masked = re.search(r"(?:[xX×＊*]{1,4}|某某?)(?:省|市|县|区)", (org or "") + head) or re.search(r"某某", org or "")
    if masked:
        return Region(None, masked.group(0), f"region：原文地名被隐去（“{masked.group(0)}”），留空，请填写")
    if rejected:
        return Region(None, rejected, f"region：“{rejected}”不是行政区划名称，留空，请填写")
    return Region(None, "", None)


_BODY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:支行|分行|协会|消协|消委会|消保委|局|委员会|中心|公司|营业部|派出所|法院|检察院|政府)")
_STREET_AFTER = re.compile(r"(?:路|街|大道|大街|巷|道)")  # 商都路办事处 is on a road, not in 商都县


def _most_specific(names: list[tuple[str, int, list[Division]]], context: str) -> Division | None:
    """The deepest division among those named that the others do not contradict."""
    chosen = [d for d in (_choose(c, context) for _, _, c in names) if d]
    if not chosen:
        return None
    deepest = max(chosen, key=lambda d: d.level)
    # a county whose province/city is named elsewhere as another province is a namesake: keep the city
    provinces = {d.code[:2] for d in chosen}
    if len(provinces) > 1:
        first = chosen[0]
        same = [d for d in chosen if d.code[:2] == first.code[:2]]
        return max(same, key=lambda d: d.level)
    return deepest
