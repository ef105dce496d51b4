"""The campaign front-matter schema: every field, its type and what editors may write."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from xiaobao.campaigns.dates import DateError, PartialDate, parse_date
from xiaobao.campaigns.evidence import EvidenceError, quote_in, read_figure
from xiaobao.campaigns.figures import Figure, FigureError
from xiaobao.campaigns.frontmatter import Document
from xiaobao.campaigns.problems import Problem
from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    key: str
    required: bool
    kind: str  # text, date, slug, topics, stats, text-list
    help: str
    max_length: int | None = None


# The one list of allowed keys; the editors' guide is generated from it.
FIELDS: dict[str, Field] = {
    f.key: f
    for f in [
        Field("title", True, "text", "标题，读者看到的活动名称", 100),
        Field("organization", True, "text", "组织单位，如 工商银行南通分行", 80),
        Field("org_type", True, "org_type", "单位类型，只能写下表中的英文代码"),
        Field("region", False, "text", "地区，按原文写，如 江苏省南通市；不知道写 null", 60),
        Field("campaign", False, "text", "活动名称，如 3·15 金融消费者权益日", 80),
        Field("start", False, "date", "开始日期：YYYY-MM-DD、YYYY-MM 或 YYYY；原文写 20xx 年就写 null"),
        Field("end", False, "date", "结束日期，格式同 start，不能早于 start"),
        Field("topics", True, "topics", "主题，一个或多个下表中的英文代码"),
        Field("summary", True, "text", "一句话概述", 200),
        Field("slug", False, "slug", "网址名：小写英文字母、数字和连字符，如 icbc-nantong-315；不写就用文件名"),
        Field("co_organizers", False, "text-list", "联合举办单位，列表"),
        Field("source", False, "text", "原文出处", 300),
        Field("near_duplicate_of", False, "slug", "与另一篇总结几乎相同但确是两次活动时，写那一篇的网址名"),
        Field("redirects", False, "slug-list", "改过 slug 时，把旧的网址名列在这里，旧链接和二维码会自动跳到新页面"),
        Field("stats", False, "stats", "活动数字：指标代码: 数字，如 materials: 7600余；要写出处时写 materials: {value: 7600余, quote: 正文原句, note: 说明}"),
    ]
}


@dataclass
class Campaign:
    slug: str
    path: str  # as editors see it: campaigns/2024/x.md
    title: str
    organization: str
    org_type: str
    topics: list[str]
    summary: str
    region: str | None = None
    campaign: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    co_organizers: list[str] = field(default_factory=list)
    source: str | None = None
    near_duplicate_of: str | None = None
    redirects: list[str] = field(default_factory=list)
    stats: dict[str, Figure] = field(default_factory=dict)
    body: str = ""
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return (self.start or self.end).year if (self.start or self.end) else None

    @property
    def url(self) -> str:
        return f"campaigns/{self.slug}/"

    def sort_key(self) -> tuple:
        """Newest first; undated last; slug breaks ties so order is repeatable."""
        date = self.end or self.start
        return (date is None, -(date.latest().toordinal()) if date else 0, self.slug)


def _suggest(word: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(word, allowed, n=1)
    return f"是不是想写 {close[0]}？" if close else ""


class _Checker:
    """Collects every problem of one file instead of stopping at the first."""

    def __init__(self, doc: Document, file: str) -> None:
        self.doc, self.file, self.problems = doc, file, []

    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.doc.lines.get(key), key, message))

    def text(self, key: str, spec: Field) -> str | None:
        value = self.doc.meta.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key in {"title", "campaign"}:
            value = str(value)
        if not isinstance(value, str):
            self.add(key, f"应当是一段文字，现在是{_kind(value)}。如有冒号等符号，请给整段加引号")
            return None
        value = value.strip()
        if spec.max_length and len(value) > spec.max_length:
            self.add(key, f"太长了（{len(value)} 个字），最多 {spec.max_length} 个字")
        if "\n" in value and key != "source":
            self.add(key, "只能写一行")
        return value or None

    def date(self, key: str) -> PartialDate | None:
        try:
            return parse_date(self.doc.meta.get(key))
        except DateError as err:
            self.add(key, str(err))
            return None

    def slug(self, key: str) -> str | None:
        value = self.doc.meta.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not SLUG.match(value):
            self.add(key, f"“{value}”不能做网址名。只用小写英文字母、数字和连字符，如 icbc-nantong-315")
            return None
        return value

    def org_type(self, key: str) -> str | None:
        value = self.doc.meta.get(key)
        if value is None:
            return None
        if value not in ORG_TYPES:
            allowed = "、".join(f"{k}（{v}）" for k, v in ORG_TYPES.items())
            self.add(key, f"“{value}”不是单位类型。{_suggest(str(value), list(ORG_TYPES))}可写：{allowed}")
            return None
        return value

    def topics(self, key: str) -> list[str]:
        value = self.doc.meta.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value] if "," not in value else [v.strip() for v in value.split(",")]
            self.add(key, "应当写成列表，例如 topics: [credit-reporting, fraud-prevention]")
            return []
        if not isinstance(value, list):
            self.add(key, f"应当是列表，现在是{_kind(value)}")
            return []
        topics: list[str] = []
        for item in value:
            if item not in TOPICS:
                self.add(key, f"“{item}”不是主题。{_suggest(str(item), list(TOPICS))}可写：{'、'.join(TOPICS)}")
            elif item in topics:
                self.add(key, f"“{item}”写了两次")
            else:
                topics.append(item)
        if not value:
            self.add(key, "至少写一个主题")
        return topics

    def slug_list(self, key: str) -> list[str]:
        value = self.doc.meta.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.add(key, "应当是旧网址名的列表，例如 [old-slug]")
            return []
        good = []
        for item in value:
            if isinstance(item, str) and SLUG.match(item):
                good.append(item)
            else:
                self.add(key, f"“{item}”不能做网址名。只用小写英文字母、数字和连字符")
        return good

    def text_list(self, key: str) -> list[str]:
        value = self.doc.meta.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(key, "应当是单位名称的列表，例如 [中国人民银行南通市中心支行]")
            return []
        return [v.strip() for v in value if v.strip()]

    def stats(self, key: str) -> dict[str, Figure]:
        value = self.doc.meta.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(key, f"应当每行写一个“指标: 数字”，现在写成了{_kind(value)}。例如换行后写 “  materials: 7600余”")
            return {}
        stats: dict[str, Figure] = {}
        for metric, raw in value.items():
            path = f"{key}.{metric}"
            if metric not in METRICS:
                self.add(path, f"“{metric}”不是指标。{_suggest(str(metric), list(METRICS))}可写：{'、'.join(METRICS)}")
                continue
            try:
                figure = read_figure(raw, METRICS[metric].unit)
            except EvidenceError as err:
                self.add(f"{path}.{err.part}" if err.part else path, str(err))
                continue
            except FigureError as err:
                self.add(path, str(err))
                continue
            if figure.quote and not quote_in(figure.quote, self.doc.body):
                self.add(f"{path}.quote", f"原文摘句“{figure.quote}”在总结正文里找不到。请从正文原样复制那句话")
                continue
            stats[metric] = figure
        return stats


def _kind(value: Any) -> str:
    return {list: "列表", dict: "字段表", bool: "是/否", int: "数字", float: "数字"}.get(type(value), "文字")


def validate(doc: Document, file: str, default_slug: str) -> tuple[Campaign | None, list[Problem]]:
    """Check one campaign file; a Campaign comes back only when nothing is wrong."""
    check = _Checker(doc, file)
    for key in doc.meta:
        if key not in FIELDS:
            allowed = "、".join(FIELDS)
            check.add(str(key), f"没有这个字段。{_suggest(str(key), list(FIELDS))}可用的字段：{allowed}")
    for spec in FIELDS.values():
        if spec.required and doc.meta.get(spec.key) in (None, "", []):
            check.problems.append(Problem(file, None, spec.key, f"缺少必填字段 {spec.key}（{spec.help}）"))
    readers: dict[str, Callable[[str, Field], Any]] = {
        "text": check.text,
        "date": lambda k, s: check.date(k),
        "slug": lambda k, s: check.slug(k),
        "org_type": lambda k, s: check.org_type(k),
        "topics": lambda k, s: check.topics(k),
        "text-list": lambda k, s: check.text_list(k),
        "slug-list": lambda k, s: check.slug_list(k),
        "stats": lambda k, s: check.stats(k),
    }
    values = {key: readers[spec.kind](key, spec) for key, spec in FIELDS.items()}
    start, end = values["start"], values["end"]
    if start and end and end.latest() < start.earliest():
        check.add("end", f"结束日期 {end} 早于开始日期 {start}")
    slug = values["slug"] or default_slug
    if not values["slug"] and not SLUG.match(default_slug):
        check.problems.append(Problem(file, None, "slug", "文件名不能做网址名：请加 slug 字段，只用小写英文字母、数字和连字符"))
    if check.problems:
        return None, check.problems
    values.update(slug=slug, path=file, body=doc.body, lines=doc.lines)
    values["co_organizers"] = values["co_organizers"] or []
    return Campaign(**values), []
