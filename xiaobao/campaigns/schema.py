"""The campaign front-matter schema: every field, its type and what editors may write."""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from xiaobao.campaigns.drafts import PUBLISHED, STATUS_ALLOWED, status_code
from xiaobao.campaigns.dates import DateError, PartialDate, parse_date
from xiaobao.campaigns.evidence import KEYS as EVIDENCE_KEYS
from xiaobao.campaigns.evidence import EvidenceError, quote_in, quote_visible, read_figure
from xiaobao.campaigns.figures import Figure, FigureError
from xiaobao.campaigns.frontmatter import Document
from xiaobao.campaigns.problems import Problem, invisible_in, shown
from xiaobao.campaigns.review import Notes, read_notes
from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, TOPICS, allowed_words, metric_code, org_type_code, topic_code

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # use fullmatch: "$" would let "abc\n" through


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
        Field("org_type", True, "org_type", "单位类型：写下表中的中文名（如 银行）或英文代码（如 bank）"),
        Field("region", False, "text", "地区，按原文写，如 江苏省南通市；不知道写 null", 60),
        Field("campaign", False, "text", "活动名称，如 3·15 金融消费者权益日", 80),
        Field("start", False, "date", "开始日期：YYYY-MM-DD、YYYY-MM 或 YYYY；原文写 20xx 年就写 null"),
        Field("end", False, "date", "结束日期，格式同 start，不能早于 start"),
        Field("topics", True, "topics", "主题：一个或多个下表中的中文名或英文代码，如 [防范电信网络诈骗, 个人征信]"),
        Field("summary", True, "text", "一句话概述", 200),
        Field("slug", False, "slug", "网址名：小写英文字母、数字和连字符，如 icbc-nantong-315；不写就用文件名"),
        Field("co_organizers", False, "text-list", "联合举办单位，列表"),
        Field("source", False, "text", "原文出处", 300),
        Field("near_duplicate_of", False, "slug", "与另一篇总结几乎相同但确是两次活动时，写那一篇的网址名"),
        Field("redirects", False, "slug-list", "改过 slug 时，把旧的网址名列在这里，旧链接和二维码会自动跳到新页面"),
        Field("status", False, "status", "草稿写 draft（或 草稿），写完请审核人核对写 submitted（或 送审）：这两种只在预览里出现，不会发布。核对完写 published（或 已核对），或删掉这一行"),
        Field("review", False, "review", "导入程序拿不准的地方（doubts）和它读到的数字（figures），给审核人看，不会发布；导入时写好，核对时可以删掉已解决的"),
        Field("stats", False, "stats", "活动数字：每行写 指标: 数字，指标可写中文名或代码，如 宣传资料: 7600余；要写出处时写 materials: {value: 7600余, quote: 正文原句, note: 说明}"),
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
    status: str = PUBLISHED
    review: Notes = field(default_factory=Notes)
    slug_written: bool = True  # False: the slug came from the file name (or, for a draft, from the organisation)

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
    close = difflib.get_close_matches(word[:40], allowed, n=1)
    return f"是不是想写 {close[0]}？" if close else ""


SLUG_HELP = "只用小写英文字母、数字和连字符（不能以连字符开头或结尾），如 icbc-nantong-315"
SLUG_MAX = 80


def slug_problem(value: object) -> str | None:
    """Why value cannot be a URL name, or None. Shared by slug, redirects and near_duplicate_of."""
    if not isinstance(value, str):
        return f"应当是网址名，现在写成了{_kind(value)}。{SLUG_HELP}"
    invisible = invisible_in(value)
    if invisible:
        return f"网址名里有看不见的字符 {invisible}。{SLUG_HELP}"
    if len(value) > SLUG_MAX:
        return f"网址名太长（{len(value)} 个字符，最多 {SLUG_MAX}）"
    if not SLUG.fullmatch(value):
        return f"“{shown(value)}”不能做网址名。{SLUG_HELP}"
    return None


def canonical_text(value: str) -> str:
    """One spelling for what looks the same: NFC folds CJK compatibility ideographs (U+FA08 行 ->
    U+884C 行) and composed/decomposed accents, so one organisation is never listed twice."""
    return unicodedata.normalize("NFC", value)


def text_problem(value: str) -> str | None:
    """Control, bidi and zero-width characters: invisible on the page, or they reorder what readers see."""
    invisible = invisible_in(value, "\t\n")  # a line break gets its own message: 只能写一行
    if invisible:
        return f"里有看不见的字符 {invisible}，多半是从网页或聊天软件复制带进来的。请删去后重新输入这几个字"
    return None


class _Checker:
    """Collects every problem of one file instead of stopping at the first.

    One method per field kind; each accepts whatever YAML produced (any type, any nesting) and
    either returns the typed value or adds a problem. None of them raises.
    """

    def __init__(self, doc: Document, file: str) -> None:
        self.doc, self.file, self.problems = doc, file, []

    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.doc.lines.get(key), key, message))

    def text(self, key: str, spec: Field) -> str | None:
        value = self.doc.meta.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key in {"title", "campaign"}:
            if isinstance(value, float) and not math.isfinite(value):
                self.add(key, f"应当是一段文字，现在是{_kind(value)}")
                return None
            value = str(value)
        if not isinstance(value, str):
            self.add(key, f"应当是一段文字，现在是{_kind(value)}。如有冒号等符号，请给整段加引号")
            return None
        value = canonical_text(value.strip())
        problem = text_problem(value)
        if problem:
            self.add(key, problem)
            return None
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
        problem = slug_problem(value)
        if problem:
            self.add(key, problem)
            return None
        return value

    def review(self, key: str) -> Notes:
        notes, problems = read_notes(self.doc.meta.get(key))
        for where, message in problems:
            self.problems.append(Problem(self.file, self.doc.lines.get(key), where, message))
        return notes

    def status(self, key: str) -> str:
        value = self.doc.meta.get(key)
        if value is None:
            return PUBLISHED
        code = status_code(value)
        if code is None:
            self.add(key, f"“{shown(value)}”不是状态。{STATUS_ALLOWED}")
            return PUBLISHED
        return code

    def org_type(self, key: str) -> str | None:
        value = self.doc.meta.get(key)
        if value is None:
            return None
        code = org_type_code(value)
        if code is None:
            known = list(ORG_TYPES) + list(ORG_TYPES.values())
            what = f"“{shown(value)}”" if isinstance(value, str) else f"写成了{_kind(value)}，"
            hint = _suggest(value, known) if isinstance(value, str) else ""
            self.add(key, f"{what}不是单位类型。{hint}可写中文名或代码：{allowed_words(ORG_TYPES)}")
            return None
        return code

    def topics(self, key: str) -> list[str]:
        value = self.doc.meta.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            self.add(key, "应当写成列表，例如 topics: [个人征信, 防范电信网络诈骗]")
            return []
        if not isinstance(value, list):
            self.add(key, f"应当是列表，现在是{_kind(value)}")
            return []
        topics: list[str] = []
        names = {t.key: t.label for t in TOPICS.values()}
        for item in value:
            code = topic_code(item)
            if not isinstance(item, str):
                self.add(key, f"列表里的每一项应当是一个主题，现在有一项是{_kind(item)}。可写中文名或代码：{allowed_words(names)}")
            elif code is None:
                known = list(TOPICS) + list(names.values())
                self.add(key, f"“{shown(item)}”不是主题。{_suggest(item, known)}可写中文名或代码：{allowed_words(names)}")
            elif code in topics:
                self.add(key, f"“{item}”写了两次")
            else:
                topics.append(code)
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
            self.add(key, f"应当是旧网址名的列表，例如 [old-slug]，现在是{_kind(value)}")
            return []
        good = []
        for item in value:
            problem = slug_problem(item)
            if problem:
                self.add(key, problem)
            else:
                good.append(item)
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
        for item in value:
            problem = text_problem(item)
            if problem:
                self.add(key, problem)
                return []
        return [canonical_text(v.strip()) for v in value if v.strip()]

    def stats(self, key: str) -> dict[str, Figure]:
        value = self.doc.meta.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(key, f"应当每行写一个“指标: 数字”，现在写成了{_kind(value)}。例如换行后写 “  materials: 7600余”")
            return {}
        stats: dict[str, Figure] = {}
        for written, raw in value.items():
            path = f"{key}.{shown(written)}"
            metric = metric_code(written)
            if metric is None:
                names = {m.key: m.label for m in METRICS.values()}
                known = list(METRICS) + list(names.values())
                self.add(path, f"“{shown(written)}”不是指标。{_suggest(str(written), known)}可写中文名或代码：{allowed_words(names)}")
                continue
            if metric in stats:
                self.add(path, f"指标 {METRICS[metric].label}（{metric}）写了两次")
                continue
            if isinstance(raw, str) and text_problem(raw):
                self.add(path, f"数字{text_problem(raw)}")
                continue
            try:
                figure = read_figure(raw, METRICS[metric].unit)
            except EvidenceError as err:
                self.add(f"{path}.{err.part}" if err.part else path, str(err))
                continue
            except FigureError as err:
                self.add(path, str(err))
                continue
            part, bad = next(((k, text_problem(t)) for k, t in (("quote", figure.quote), ("note", figure.note))
                              if t and text_problem(t)), (None, None))
            if bad:
                self.add(f"{path}.{part}", f"{EVIDENCE_KEYS[part]}{bad}")
                continue
            if figure.quote and not quote_in(figure.quote, self.doc.body):
                self.add(f"{path}.quote", f"原文摘句“{figure.quote}”在总结正文里找不到。请从正文原样复制那句话")
                continue
            if figure.quote and not quote_visible(figure.quote, self.doc.body):
                self.add(f"{path}.quote", f"原文摘句“{figure.quote}”只出现在读者看不到的地方（网页代码、注释或链接的说明里）。"
                                          "请从读者能看到的正文里复制那句话")
                continue
            stats[metric] = figure
        return stats


_KINDS = {list: "列表", dict: "字段表", bool: "true 或 false（是/否）", int: "数字", float: "数字", type(None): "空值"}


def _kind(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "非数字（NaN 或无穷大）"
    return _KINDS.get(type(value), "文字" if isinstance(value, str) else "无法识别的值")


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def validate(doc: Document, file: str, default_slug: str) -> tuple[Campaign | None, list[Problem]]:
    """Check one campaign file; a Campaign comes back only when nothing is wrong."""
    check = _Checker(doc, file)
    for key in doc.meta:
        if not isinstance(key, str) or key not in FIELDS:
            allowed = "、".join(FIELDS)
            check.add(shown(key), f"没有这个字段。{_suggest(str(key), list(FIELDS))}可用的字段：{allowed}")
    for spec in FIELDS.values():
        if spec.required and _is_empty(doc.meta.get(spec.key)):
            check.problems.append(Problem(file, None, spec.key, f"缺少必填字段 {spec.key}（{spec.help}）"))
    readers: dict[str, Callable[[str, Field], Any]] = {
        "text": check.text,
        "date": lambda k, s: check.date(k),
        "slug": lambda k, s: check.slug(k),
        "org_type": lambda k, s: check.org_type(k),
        "status": lambda k, s: check.status(k),
        "review": lambda k, s: check.review(k),
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
    if not values["slug"] and not SLUG.fullmatch(default_slug):
        check.problems.append(Problem(file, None, "slug", "文件名不能做网址名：请加 slug 字段，只用小写英文字母、数字和连字符"))
    if check.problems:
        return None, check.problems
    values.update(slug=slug, path=file, body=doc.body, lines=doc.lines, slug_written=bool(values["slug"]))
    values["co_organizers"] = values["co_organizers"] or []
    return Campaign(**values), []
