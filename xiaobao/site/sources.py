"""The documents an education page rests on: read from its `sources:` front matter, shown as one list.

The visible "资料来源" list is generated from the front matter, so the two cannot drift apart, and
every entry names the document precisely enough for a reader to check a claim in a minute: title,
issuing body, 文号 or order number, the date it took effect, and a link to that document's own page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Optional fields and what an editor writes there; the order is the order on the page.
FIELDS = {
    "title": "文件名称，例如 《中华人民共和国消费者权益保护法》",
    "publisher": "发布机关，例如 全国人民代表大会常务委员会",
    "number": "文号或令号，例如 国务院令第737号",
    "articles": "引用的条文，例如 第二十五条",
    "issued": "发布日期，例如 2024-06-28",
    "in_force": "施行日期，例如 2021-05-01",
    "url": "这份文件自己的网页地址（不是网站首页）",
}
REQUIRED = ("title", "publisher")
_HOME_FILES = {"index.html", "index.htm", "index.shtml", "index.jsp", "index.php", "default.htm", "default.html"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    number: str = ""
    articles: str = ""
    issued: dt.date | None = None
    in_force: dt.date | None = None
    url: str = ""


def is_bare_home_page(url: str) -> bool:
    """A site's front page proves nothing: the path must lead to the document itself."""
    parts = urlsplit(url.strip())
    path = parts.path.strip("/")
    return not path or path.lower() in _HOME_FILES


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def read_date(raw: object) -> dt.date | None:
    """YYYY-MM-DD, whether YAML gave text (our loader) or a date (MkDocs' loader)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        return None


def _url_problem(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s<>\"']", url):
        return f"url “{url}”不是完整的网址。请写 https:// 开头、中间没有空格的地址"
    if is_bare_home_page(url):
        return f"url “{url}”只是网站首页。请换成这份文件自己的网页地址，读者点开就能看到原文"
    return ""


def _entry(raw: object, where: str) -> tuple[Source | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{where}应当是“字段: 值”的一组，至少写 title 和 publisher"]
    problems = [f"{where}缺少 {key}（{FIELDS[key]}）" for key in REQUIRED if not str(raw.get(key) or "").strip()]
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        allowed = "、".join(FIELDS)
        problems.append(f"{where}有不认识的字段 {'、'.join(unknown)}。可以写的字段：{allowed}")
    dates: dict[str, dt.date | None] = {}
    for key in ("issued", "in_force"):
        value = raw.get(key)
        dates[key] = read_date(value) if value not in (None, "") else None
        if value not in (None, "") and dates[key] is None:
            problems.append(f"{where}的 {key} “{value}”不是日期。请写成 2021-05-01 这样的格式")
    url = str(raw.get("url") or "").strip()
    if url and (why := _url_problem(url)):
        problems.append(f"{where}（{raw.get('title')}）的 {why}")
    if problems:
        return None, problems
    text = {key: str(raw.get(key) or "").strip() for key in ("title", "publisher", "number", "articles")}
    return Source(**text, issued=dates["issued"], in_force=dates["in_force"], url=url), []


def read_sources(raw: object) -> tuple[list[Source], list[str]]:
    """Every entry checked; each problem names the entry (sources 第N条) and the field."""
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], ["sources 应当是一个列表：每条以“- title: ”开头"]
    sources: list[Source] = []
    problems: list[str] = []
    for number, item in enumerate(raw, 1):
        source, found = _entry(item, f"sources 第{number}条")
        problems += found
        if source:
            sources.append(source)
    return sources, problems


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def source_line(source: Source) -> str:
    """One Markdown list item: the title links to the document, the rest lets a reader find it offline."""
    title = _escape(source.title)
    if source.url:
        title = f"[{title}]({source.url.replace('(', '%28').replace(')', '%29')})"
    parts = [title + (f"（{_escape(source.articles)}）" if source.articles else ""), _escape(source.publisher)]
    if source.number:
        parts.append(_escape(source.number))
    if source.issued:
        parts.append(f"{chinese_date(source.issued)}发布")
    if source.in_force:
        parts.append(f"{chinese_date(source.in_force)}起施行")
    return "- " + "，".join(parts)


def missing_links_html(pages: list[tuple[str, str, list[Source]]]) -> str:
    """For the editors' section page: the sources still without a link to the document's own page,
    by page (url, title, sources), so that the gap stays in view until an editor fills it."""
    from html import escape

    rows = []
    for url, title, sources in pages:
        names = [s for s in sources if not s.url]
        if names:
            items = "".join(f"<li>{escape(s.title)}" + (f"（{escape(s.number)}）" if s.number else "") + "</li>"
                            for s in names)
            rows.append(f'<li><a href="{escape(url)}">{escape(title)}</a>：{len(names)} 条<ul>{items}</ul></li>')
    head = '<h2 id="xb-missing-links">资料来源还缺原文链接</h2>'
    if not rows:
        return head + "<p>每个页面的资料来源都有原文链接。</p>"
    return (head + "<p>下面这些资料来源还没有链接到文件自己的网页。找到官方网站上的原文页面后，"
            "请在页面开头 <code>sources:</code> 里给这一条加上 <code>url:</code>。</p><ul>" + "".join(rows) + "</ul>")


def fields_table() -> str:
    """The `sources:` fields as a Markdown list, for the editors' guide: the docs cannot drift from FIELDS.

    A list, not a table: on a 390-pixel phone a three-column table of examples would scroll sideways.
    """
    rows = [f"- `{key}`（{'必填' if key in REQUIRED else '可不写'}）：{what}" for key, what in FIELDS.items()]
    return "\n".join(rows) + "\n"


def sources_markdown(sources: list[Source], reviewed: dt.date | None) -> str:
    """The page's "资料来源" section and its review line, in Markdown; the id lets CSS underline its links."""
    lines = ["## 资料来源 {#xb-sources}", ""] + [source_line(s) for s in sources]
    if reviewed:
        lines += ["", f"最后核对：{chinese_date(reviewed)}"]
    return "\n".join(lines) + "\n"
