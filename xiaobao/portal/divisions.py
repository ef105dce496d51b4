"""Regions as written (江苏省南通市如东县, 南通市, 上海市浦东新区) resolved to real divisions.

A SMALL PINNED LIST, not a gazetteer: every province-level division, and the prefecture-level
cities of the provinces our sample and synthetic data use plus each provincial capital (GB/T 2260,
names as of 2024). A city not listed here counts under its province with the city unknown; it is
never guessed. `resolve_region` is the one function the portal calls: when the importer's gazetteer
(xiaobao/importer/) lands, it replaces the body of this function and the list goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from xiaobao.site.facets import PROVINCES, UNKNOWN, slugify

# short name -> full name of each province-level division (facets.PROVINCES keeps the short names)
PROVINCE_NAMES = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "河北": "河北省", "山西": "山西省",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省",
    "福建": "福建省", "江西": "江西省", "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省",
    "广东": "广东省", "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
MUNICIPALITIES = {"北京", "天津", "上海", "重庆", "香港", "澳门"}  # the city level is the division itself

_CITIES = {
    "江苏": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    "浙江": "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水",
    "安徽": "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城",
    "福建": "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德",
    "河南": "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店",
    "湖南": "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州",
    "广东": "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
    "四川": "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 "
            "阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州",
    "甘肃": "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州 甘南藏族自治州",
    "河北": "石家庄", "山西": "太原", "辽宁": "沈阳 大连", "吉林": "长春", "黑龙江": "哈尔滨", "江西": "南昌",
    "山东": "济南 青岛", "湖北": "武汉", "海南": "海口 三亚", "贵州": "贵阳", "云南": "昆明", "陕西": "西安",
    "青海": "西宁", "台湾": "台北", "内蒙古": "呼和浩特", "广西": "南宁", "西藏": "拉萨", "宁夏": "银川",
    "新疆": "乌鲁木齐",
}


@dataclass(frozen=True)
class Division:
    province: str | None  # short name, as xiaobao.site.facets.province gives it
    province_name: str | None  # full name: 江苏省
    city: str | None  # full prefecture-level name: 南通市; for 北京 etc. the municipality itself

    @property
    def province_key(self) -> str:
        """The key members' stats.json uses for the province (by_region)."""
        return slugify(self.province) if self.province else UNKNOWN


def _full_city(name: str) -> str:
    return name if name.endswith(("州", "盟")) and len(name) > 4 else f"{name}市"


@lru_cache(maxsize=1)
def _city_index() -> dict[str, tuple[str, str]]:
    """Every way a listed city is written (南通, 南通市) -> (province, full name)."""
    index: dict[str, tuple[str, str]] = {}
    for province, names in _CITIES.items():
        for short in names.split():
            full = _full_city(short)
            index[full] = index[short] = (province, full)
    return index


def _strip_province(region: str) -> tuple[str | None, str]:
    for short in sorted(PROVINCES, key=len, reverse=True):
        for written in (PROVINCE_NAMES.get(short, short), short):
            if region.startswith(written):
                return short, region[len(written):]
    return None, region


def _city_in(rest: str, province: str | None) -> tuple[str, str] | None:
    index = _city_index()
    for length in range(min(len(rest), 10), 1, -1):
        found = index.get(rest[:length])
        if found and (province is None or found[0] == province):
            return found
    return None


@lru_cache(maxsize=65536)
def resolve_region(region: str | None) -> Division:
    """The province and prefecture-level city a region names; unknown parts stay None."""
    if not region or not region.strip():
        return Division(None, None, None)
    province, rest = _strip_province(region.strip())
    if province in MUNICIPALITIES:
        return Division(province, PROVINCE_NAMES[province], PROVINCE_NAMES[province])
    found = _city_in(rest.strip(), province)
    if found:
        province = found[0]
        return Division(province, PROVINCE_NAMES[province], found[1])
    if province:
        return Division(province, PROVINCE_NAMES[province], None)
    return Division(None, None, None)
