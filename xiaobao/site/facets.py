"""The ways readers browse campaigns: by year, topic, organisation type, organisation, region."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from pypinyin import lazy_pinyin

from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import ORG_TYPES, TOPICS

PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()
UNKNOWN = "unknown"


@lru_cache(maxsize=None)
def slugify(name: str) -> str:
    """A stable ASCII slug from a Chinese name: pinyin, plus a short hash so names never collide."""
    words = [re.sub(r"[^a-z0-9]+", "", w.lower()) for w in lazy_pinyin(name)]
    base = "-".join(w for w in words if w)[:48].strip("-") or "x"
    return f"{base}-{hashlib.sha1(name.encode()).hexdigest()[:4]}"


def province(region: str | None) -> str | None:
    """The province-level part of a region as written (江苏省南通市 -> 江苏)."""
    if not region:
        return None
    for name in PROVINCES:
        if region.startswith(name):
            return name
    return None


@dataclass(frozen=True)
class Facet:
    key: str  # url segment: years, topics, org-types, orgs, regions
    title: str  # 按年份
    keys: Callable[[Campaign], Iterable[str]]
    name: Callable[[str], str]


def _year(c: Campaign) -> list[str]:
    return [str(c.year) if c.year else UNKNOWN]


def _region(c: Campaign) -> list[str]:
    p = province(c.region)
    return [slugify(p) if p else UNKNOWN]


def _org(c: Campaign) -> list[str]:
    return [slugify(c.organization)]


@lru_cache(maxsize=None)
def _region_names() -> dict[str, str]:
    return {slugify(p): p for p in PROVINCES}


FACETS: dict[str, Facet] = {
    f.key: f
    for f in [
        Facet("years", "按年份", _year, lambda k: "年份未注明" if k == UNKNOWN else f"{k}年"),
        Facet("topics", "按主题", lambda c: c.topics, lambda k: TOPICS[k].label),
        Facet("org-types", "按单位类型", lambda c: [c.org_type], lambda k: ORG_TYPES[k]),
        Facet("orgs", "按单位", _org, lambda k: k),  # replaced by the organisation's own name
        Facet("regions", "按地区", _region, lambda k: "地区未注明" if k == UNKNOWN else _region_names().get(k, k)),
    ]
}


def facet_name(facet: str, key: str, members: list[Campaign]) -> str:
    if facet == "orgs":
        return members[0].organization
    return FACETS[facet].name(key)
