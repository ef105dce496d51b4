"""Is a region string a real administrative division? Checked against a pinned table of division names.

The evaluation keeps its own table (divisions.tsv, province to county level) instead of asking the importer's
gazetteer, so that the importer cannot grade its own answers. A region passes when it reads as a chain of
real names, each inside the one before: 江苏省南通市, 南通市, 南通, 乐山市市中区, 恭城瑶族自治县, 恭城.
Townships and villages are below the table's level and do not pass; neither do development zones (经开区).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("divisions.tsv")

ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 高山"
).split()
_ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted((g + "族" for g in ETHNIC_GROUPS), key=len, reverse=True)) + ")+$")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "地区", "盟", "县", "区", "旗", "林区", "特区")


def everyday_names(name: str) -> set[str]:
    """The forms a text may use for a division: the official name, its short form, and for autonomous
    counties, prefectures and banners the plain 县/州/旗 form (酉阳土家族苗族自治县 → 酉阳县)."""
    forms = {name}
    short = short_name(name)
    if short:
        forms.add(short)
        for suffix, plain in (("自治县", "县"), ("自治州", "州"), ("自治旗", "旗")):
            if name.endswith(suffix):
                forms.add(short + plain)
    return forms


def short_name(name: str) -> str | None:
    """The everyday short form of a division name (广西壮族自治区 → 广西, 恭城瑶族自治县 → 恭城), or None
    when stripping would leave a single character (城区, 郊区) that names nothing on its own."""
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") or suffix == "特别行政区":
                stem = _ETHNIC_TAIL.sub("", stem) or stem
            if suffix == "自治区" and stem.endswith("维吾尔"):
                stem = stem[: -len("维吾尔")]
            return stem if len(stem) >= 2 else None
    return None


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    """Every full and short name → the set of 6-digit codes it can stand for."""
    index: dict[str, set[str]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name = line.split("\t")
        for form in everyday_names(name):
            index.setdefault(form, set()).add(code)
    return {name: frozenset(codes) for name, codes in index.items()}


def _inside(child: str, parent: str) -> bool:
    """Is the division `child` within (or equal to) `parent`, judged by the code prefix?"""
    if parent.endswith("0000"):
        return child[:2] == parent[:2]
    if parent.endswith("00"):
        return child[:4] == parent[:4]
    return child == parent


def resolve(region: str | None) -> frozenset[str]:
    """The codes the most specific part of `region` can denote, given the parts before it; empty when the
    string is not a chain of real division names."""
    if not region:
        return frozenset()
    text = re.sub(r"\s+", "", region)
    index = _index()
    longest = max(len(name) for name in index)

    @lru_cache(maxsize=None)
    def codes_from(pos: int, parent: str | None) -> frozenset[str]:
        found: set[str] = set()
        for end in range(min(len(text), pos + longest), pos, -1):
            for code in index.get(text[pos:end], ()):
                if parent is not None and (code == parent or not _inside(code, parent)):
                    continue
                found |= {code} if end == len(text) else codes_from(end, code)
        return frozenset(found)

    return codes_from(0, None)


def is_division(region: str | None) -> bool:
    """True when `region` names a real province-, city- or county-level division (or a nested chain)."""
    return bool(resolve(region))


def same_region(guess: str | None, label: str | None) -> bool:
    """Do two region strings point at the same division? 荆州 = 荆州市; 龙华区 = 深圳市龙华区 (the longer form
    pins down which 龙华区); 深圳市 ≠ 深圳市龙华区 (less specific is not the same place)."""
    if not guess or not label:
        return not guess and not label
    a, b = resolve(guess), resolve(label)
    if a and b:
        return bool(a & b)
    return re.sub(r"\s+", "", guess) == re.sub(r"\s+", "", label)


def drop_province(name: str) -> str:
    """黑龙江省富锦市市场监督管理局 → 富锦市市场监督管理局, 河南上蔡县公安局 → 上蔡县公安局: a leading province
    is dropped only when a city or county name follows, so 山东省市场监管局 (a provincial body) keeps it."""
    index = _index()
    for end in range(2, min(len(name), 9)):
        head = name[:end]
        if any(code.endswith("0000") for code in index.get(head, ())):
            rest = name[end:]
            for stop in range(min(len(rest), 12), 1, -1):
                if any(not code.endswith("0000") for code in index.get(rest[:stop], ())) and \
                        rest[:stop].endswith(("市", "县", "区", "州", "盟", "旗")):
                    return rest
    return name

