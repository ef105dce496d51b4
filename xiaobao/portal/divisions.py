"""Regions as written (江苏省南通市如东县, 南通市, 上海市浦东新区) resolved to real divisions.

The divisions are the importer's official list (xiaobao/importer/gazetteer.py and its
data/divisions.csv, the Ministry of Civil Affairs' codes): the names a region writes in full are
found by the gazetteer, and the 12-digit codes give their province and prefecture-level city. A
part that names no division, or a namesake the text does not settle, stays unknown; nothing is
guessed. `resolve_region` is the one function the portal calls.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from xiaobao.importer import gazetteer
from xiaobao.site.facets import UNKNOWN, province, slugify

# short name (xiaobao.site.facets.PROVINCES, the key members' stats.json uses) -> full name
PROVINCE_NAMES = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "河北": "河北省", "山西": "山西省",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省",
    "福建": "福建省", "江西": "江西省", "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省",
    "广东": "广东省", "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
SHORT = {full: short for short, full in PROVINCE_NAMES.items()}


@dataclass(frozen=True)
class Division:
    province: str | None  # short name, as xiaobao.site.facets.province gives it
    province_name: str | None  # full name: 江苏省
    city: str | None  # full prefecture-level name: 南通市; for 北京 etc. the municipality itself

    @property
    def province_key(self) -> str:
        """The key members' stats.json uses for the province (by_region)."""
        return slugify(self.province) if self.province else UNKNOWN


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Division code -> official name, from the gazetteer's own file."""
    with gazetteer.DATA.open(encoding="utf-8") as handle:
        return {row["adcode"]: row["name"] for row in csv.DictReader(handle)}


def _level(code: str) -> int:
    """1 province, 2 prefecture, 3 county: the 12-digit code's trailing zeros."""
    return 1 if code[2:] == "0" * 10 else 2 if code[4:] == "0" * 8 else 3


def _deepest(region: str) -> str | None:
    """The code of the deepest division the region names; a namesake (朝阳区) counts only inside
    the division named before it (吉林省长春市朝阳区), or when it is the only one of its name."""
    chosen: str | None = None
    for _, _, candidates in gazetteer.full_names(region):
        codes = [d.code for d in candidates]
        if chosen:
            keep = 2 * _level(chosen)
            codes = [c for c in codes if c[:keep] == chosen[:keep]]
        if len(codes) == 1 and (chosen is None or _level(codes[0]) > _level(chosen)):
            chosen = codes[0]
    return chosen


@lru_cache(maxsize=65536)
def resolve_region(region: str | None) -> Division:
    """The province and prefecture-level city a region names; unknown parts stay None."""
    if not region or not region.strip():
        return Division(None, None, None)
    code = _deepest(region.strip())
    if code is None:  # no division written in full: the province the text starts with, if any
        short = province(region)
        return Division(short, PROVINCE_NAMES.get(short) if short else None, None)
    names = _names()
    full = names.get(code[:2] + "0" * 10)
    short = SHORT.get(full or "")
    city = names.get(code[:4] + "0" * 8) if code[2:4] != "00" else None
    if short in ("香港", "澳门"):
        city = full
    return Division(short, full, city)
