"""Every file the build writes, declared once, and every output path with exactly one source.

MkDocs writes the pages and the files in its collection. Everything else the site holds is in
OUTPUTS: its path (or pattern), the step that writes it, when (with the pages, by the background
child, or after the pages) and its media type. The URL check reserves its folders, MkDocs is told
about the files pages link to before they exist (placeholders), `make publish` gives the feed its
media type, and the link check accepts a target only when a step wrote or declared it. A write to
a path nobody declared, or to a path already written, stops the build naming both writers.

MkDocs keys files by source path and overwrites silently; a campaign whose slug equals a docs/
page, two docs pages with one slug, `slug: index`, or a redirect named feed.xml each used to
cost a page without a word. Every path the build will write is claimed with the file it comes
from; a path claimed twice, or claimed as a file and as a folder, stops the build naming both.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xiaobao.outputs.dataschema import CAMPAIGNS_SCHEMA, DATAPACKAGE, STATS_SCHEMA

PAGE = "page"  # in MkDocs' file collection, written with the pages
BACKGROUND = "background"  # written by the background child (xiaobao.pipeline.background)
AFTER = "after"  # written once every page is written (on_post_build)


@dataclass(frozen=True)
class Output:
    path: str  # under the site root; "*" stands for one part of a path, "**" for any number of parts
    writer: str  # the step that writes it (hooks/steps/<module>.py: function)
    when: str  # PAGE, BACKGROUND or AFTER
    media_type: str | None  # None: the type of its extension (xiaobao.publish.mime.TYPES)
    what: str  # for editors' messages: 订阅源, 二维码文件 …
    reserve: str | None = None  # a folder (qr/) or file (feed.xml) of the site's own: no editor's page may use it
    placeholder: bool = False  # Markdown pages link to it: MkDocs must know it before the child writes it

    def matches(self, path: str) -> bool:
        return _match(self.path, path)


OUTPUTS: tuple[Output, ...] = (
    # Files in MkDocs' collection that a step adds or replaces (its pages are claimed separately).
    Output("admin/index.html", "assets.add_cms", PAGE, None, "编辑表单"),
    Output("admin/config.yml", "assets.add_cms", PAGE, None, "编辑表单的设置"),
    Output("admin/xiaobao-cms.js", "assets.add_cms", PAGE, None, "编辑表单的本站规则（xiaobao/outputs/cms.py）"),
    Output("admin/xiaobao-cms.css", "assets.add_cms", PAGE, None, "编辑表单的手机样式"),
    Output("admin/dist/*", "assets.add_cms", PAGE, None, "编辑表单的程序（vendor/decap-cms）"),
    Output("assets/js/qrcode.js", "assets.add_vendored", PAGE, None, "二维码程序（vendor/qrcode-generator）"),
    Output("assets/js/*.js", "assets.minify", PAGE, None, "本站脚本（压缩后）"),
    Output("assets/css/*.css", "assets.minify", PAGE, None, "本站样式表（压缩后）"),
    Output("assets/stylesheets/*.min.css", "assets.prune_theme_css", PAGE, None, "主题样式表（去掉不用的部分）"),
    # Beside the pages.
    Output("data/campaigns.json", "campaigns.add_pages", BACKGROUND, None, "开放数据", placeholder=True),
    Output("data/stats.json", "campaigns.add_pages", BACKGROUND, None, "开放数据", placeholder=True),
    Output("data/campaigns.csv", "campaigns.add_pages", BACKGROUND, None, "开放数据", placeholder=True),
    Output(CAMPAIGNS_SCHEMA, "campaigns.add_pages", BACKGROUND, None, "开放数据", placeholder=True),
    Output(STATS_SCHEMA, "campaigns.add_pages", BACKGROUND, None, "开放数据", placeholder=True),
    Output(DATAPACKAGE, "campaigns.add_pages", BACKGROUND, None, "开放数据", placeholder=True),
    # A portal's merged open data (xiaobao.portal): the files above and these two, written by DuckDB.
    Output("data/portal.json", "portal.write_data", AFTER, None, "门户的开放数据"),
    Output("data/provenance.csv", "portal.write_data", AFTER, None, "门户的数据来源表"),
    Output("search/**", "search.submit_index", BACKGROUND, None, "搜索索引", reserve="search/"),
    Output("qr/**.svg", "reach.submit_codes", BACKGROUND, None, "二维码文件", reserve="qr/"),
    Output("qr/index.html", "reach.write_late_files", AFTER, "text/html", "二维码下载页"),
    Output("feed.xml", "reach.write_late_files", AFTER, "application/atom+xml", "订阅源", reserve="feed.xml"),
    Output("screen/index.html", "reach.write_late_files", AFTER, "text/html", "大屏页面", reserve="screen/"),
    Output("s/index.html", "reach.write_late_files", AFTER, "text/html", "大屏短链接", reserve="s/"),
    Output("print/**/index.html", "reach.write_late_files", AFTER, "text/html", "打印版", reserve="print/"),
    # Generated pages outside the navigation (campaign pages, listings): each claimed in on_files.
    Output("**/index.html", "written.write_pages", PAGE, "text/html", "网页（活动页、列表页）"),
    # Old addresses an editor kept (redirects:, a changed slug): any path, each claimed by its page in on_files.
    Output("**/index.html", "reach.write_late_files", AFTER, "text/html", "跳转页"),
)

PLACEHOLDERS: tuple[str, ...] = tuple(o.path for o in OUTPUTS if o.placeholder)


def _match(pattern: str, path: str) -> bool:
    """Glob match where "*" stays within one part of the path and "**" spans any number of parts."""
    return _compiled(pattern).fullmatch(path) is not None


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    """Made once per pattern: every page the build writes is matched against the table."""
    return re.compile(_regex(pattern))


def _regex(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


def declared(path: str) -> Output | None:
    """The first output of the table a path belongs to, or None."""
    found = _TABLE.fullmatch(path)
    return OUTPUTS[int(found.lastgroup[1:])] if found is not None else None


# One pattern for the whole table, one group per output in table order: every page the build writes
# is matched once, not against each output in turn (1 CPU-s at 12,500 pages). A full match takes
# the first alternative that matches the whole path, so the first output of the table wins, as before.
# Anchored (\A…\Z): a search over a long line tries position 0 only, so the `.*` of `**` stays linear.
_TABLE = re.compile(r"\A(?:" + "|".join(f"(?P<o{n}>{_regex(o.path)})" for n, o in enumerate(OUTPUTS)) + r")\Z")


def media_types() -> dict[str, str]:
    """Fixed paths whose media type is not their extension's (feed.xml): the server names them."""
    return {o.path: o.media_type for o in OUTPUTS if o.media_type and "*" not in o.path
            and not (o.media_type == "text/html" and o.path.endswith(".html"))}


def reserved() -> list[Claim]:
    """The folders and files the site keeps for its own outputs."""
    return [Claim(o.reserve, o.what) for o in OUTPUTS if o.reserve]


PATH_HELP = "只用小写英文字母、数字和连字符，多级用一个 / 隔开，如 old-name 或 topics/old-name"


@dataclass(frozen=True)
class Claim:
    path: str  # under the site root, as written: campaigns/x/index.html, feed.xml
    source: str  # for the editor: campaigns/2024/x.md, docs/about.md 的 redirects, 网站自动生成的 feed.xml
    ours: bool = False  # written by the site itself under a reserved folder (print/x/ for an education page)


def url_of(path: str) -> str:
    """/campaigns/x/ for campaigns/x/index.html: what readers see in the address bar."""
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def page_path(src_uri: str) -> str:
    """Where MkDocs (use_directory_urls) writes a Markdown page: a/b.md -> a/b/index.html."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def conflicts(claims: Iterable[Claim], reserved: Iterable[Claim] = ()) -> list[str]:
    """Messages for every path claimed by two sources, or used both as a file and as a folder.

    `reserved` claims a folder (qr/) for the site's own files: nothing else may go under it.
    """
    owner: dict[str, Claim] = {}
    problems: list[str] = []
    for claim in claims:
        first = owner.get(claim.path)
        if first is None:
            owner[claim.path] = claim
        elif first.source != claim.source:
            problems.append(two_sources(first, claim))
    folders = list(reserved)
    prefixes = tuple(folder.path for folder in folders)  # one C call per path in the common case (every page)
    for path, claim in sorted(owner.items()):
        cut = path.find("/")
        while cut >= 0:
            parent = path[:cut]
            if parent in owner:  # feed.xml is a file; feed.xml/index.html needs it to be a folder
                problems.append(two_sources(owner[parent], claim))
                break
            cut = path.find("/", cut + 1)
        if claim.ours or not path.startswith(prefixes):
            continue
        for folder in folders:
            if path.startswith(folder.path):
                problems.append(f"网址 {url_of(path)} 在 /{folder.path} 下面，这个文件夹留给{folder.source}。"
                                f"请把 {claim.source} 换个名字")
                break
    return problems


def two_sources(first: Claim, second: Claim) -> str:
    return (f"网址 {url_of(second.path)} 有两个来源：{first.source} 和 {second.source}。一个网址只能对应一个页面，"
            f"请改其中一个的 slug、redirects 或文件名")


class OutputError(RuntimeError):
    """A step wrote a path twice or a path the table does not declare: a programmer's mistake."""


class Written:
    """Who wrote what in this build: MkDocs' files, the child's declared files and the late writes.

    `write` is the one way a step puts a file beside the pages after they are written; the link
    check asks `exists` (a file left from an earlier build in the same folder does not count).
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = Path(site_dir)
        self.by: dict[str, str] = {}  # path -> writer
        self.patterns: list[Output] = []  # background outputs whose names only the child knows (search/**)
        self._claimed: set[str] = set()  # AFTER paths a page claimed in on_files (print views, redirects)
        self._site = str(self.site_dir)
        self._folders: set[str] = set()  # folders made by this build's writes

    def record(self, path: str, writer: str) -> None:
        """A file some other writer puts there (MkDocs, the child): known, but not written here."""
        first = self.by.get(path)
        if first is not None and first != writer:
            raise OutputError(f"{path} 被写了两次：{first} 和 {writer}")
        self.by[path] = writer

    def claim(self, path: str) -> None:
        self._claimed.add(path)

    def expect(self, output: Output) -> None:
        """Files of a background output the child names itself (search/**)."""
        self.patterns.append(output)

    def write(self, path: str, text: str, writer: str) -> None:
        self.write_bytes(path, text.encode("utf-8"), writer)

    def write_bytes(self, path: str, data: bytes, writer: str) -> os.stat_result:
        """The file written as a new file renamed over the path: a path that is a hard link (a page
        reused from the previous site, xiaobao.pipeline.reuse) is replaced, never written through,
        and a reader of the preview never meets a missing or half-written page."""
        target = self._target(path, writer)
        temporary = f"{target}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
            info = os.fstat(handle.fileno())
        os.replace(temporary, target)
        return info

    def place(self, path: str, previous: str, entry: Any, writer: str) -> tuple[int, int, int] | None:
        """The previous site's file at path when it is entry's output (xiaobao.pipeline.reuse.place)."""
        from xiaobao.pipeline.reuse import place

        found = place(previous, self._target(path, writer, record=False), entry)
        if found is not None:
            self.record(path, writer)
        return found

    def _target(self, path: str, writer: str, record: bool = True) -> str:
        output = declared(path)
        if output is None or (output.path == "**/index.html" and path not in self._claimed):  # a page or a redirect
            raise OutputError(f"{writer} 写了 {path}，可是 xiaobao/pipeline/outputs.py 的 OUTPUTS 没有声明这个文件")
        if record:
            self.record(path, writer)
        target = os.path.join(self._site, path)  # strings, not Paths: this runs for every page
        folder = os.path.dirname(target)
        if folder not in self._folders:
            try:  # one call where the parent exists (a page's folder in a listed folder), as is usual
                os.mkdir(folder)
            except FileExistsError:
                if not os.path.isdir(folder):
                    raise
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def exists(self, rel: str) -> bool:
        if rel in self.by:
            return True
        return any(o.matches(rel) for o in self.patterns) and os.path.isfile(os.path.join(self.site_dir, rel))
