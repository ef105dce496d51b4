"""Links inside the built site: every internal href and src must reach a file that was written.

Run over the output directory after a build. A regular expression rather than an HTML parser:
at tens of thousands of pages parsing dominates, and attributes in MkDocs output are regular.
External links (http, https, mailto, tel) are not fetched; the site must not depend on them.
"""

from __future__ import annotations

import html
import marshal
import os
import posixpath
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

_ATTR = re.compile(
    # The same tags as a|link|img|script|source|iframe|audio|video|embed|area, written as a tree with
    # a first-letter look-ahead: most "<" (div, span, li, p) are rejected at once.
    r"""<(?=[alisveALISVE])(?P<tag>a(?:rea|udio)?|link|i(?:mg|frame)|s(?:cript|ource)|video|embed)\b"""
    # No part may cross a "<": every scan ends at the next tag, so a page full of unclosed "<a" is read
    # in linear time (issue 26 item 10). Generated HTML escapes "<" inside attribute values.
    r"""[^<>]*?\s(?P<attr>href|src)\s*=\s*"""
    r"""(?:"(?P<dq>[^"<]*)"|'(?P<sq>[^'<]*)'|(?P<bare>[^\s<>"']+))""",
    re.I | re.S,
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
FORBIDDEN_SCHEMES = {"javascript", "vbscript", "data", "file"}


def _problem(label: str, url: str, why: str) -> str:
    return f"{label}: 链接 {url} {why}"


class SiteFiles:
    """`"a/b.css" in files`: is there a file at that path under the site? Found once per target.

    `exists` answers for one path: a stat under the site by default (a lazy stat per distinct
    target instead of walking the whole site: a large site holds tens of thousands of files and
    pages link to a few thousand of them), or what the build knows it wrote.
    """

    def __init__(self, site_dir: Path, exists: Callable[[str], bool] | None = None) -> None:
        self.site_dir = str(site_dir)
        self._exists = exists or (lambda rel: os.path.isfile(os.path.join(self.site_dir, rel)))
        self._known: dict[str, bool] = {}

    def __contains__(self, rel: object) -> bool:
        if not isinstance(rel, str):
            return False
        if rel not in self._known:
            self._known[rel] = bool(rel) and self._exists(rel)
        return self._known[rel]


def _resolve(page_dir: str, path: str) -> str:
    """Site-relative target of a link written on a page in page_dir ('' is the root)."""
    joined = path.lstrip("/") if path.startswith("/") else (f"{page_dir}/{path}" if page_dir else path)
    target = posixpath.normpath(joined)
    return "" if target == "." else target


MISSING = "指向的页面或文件不存在"


def _verdict(tag: str, url: str, page_dir: str, files: SiteFiles, site_prefix: str) -> tuple[str, str] | None:
    """(url as shown, what is wrong) for one link, or None when it is fine."""
    if not url or url[0] == "#":
        return None
    if site_prefix and url.startswith(site_prefix):
        url = "/" + url[len(site_prefix):]
    if ":" in url.split("/", 1)[0]:
        scheme = _SCHEME.match(url)
        name = scheme.group(0)[:-1].lower() if scheme else ""
        if name in FORBIDDEN_SCHEMES and not (name == "data" and tag != "a"):
            return url[:60], f"用了 {name}: 地址，网站里不允许"
        return None
    if url.startswith("//"):
        return None  # another host; the third-party request test covers these
    path = url.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None  # "?q=…" on the same page
    target = _resolve(page_dir, unquote(path) if "%" in path else path)
    if target == ".." or target.startswith("../"):
        return url, "指到了网站目录以外"
    if target not in files and (f"{target}/index.html" if target else "index.html") not in files:
        return url, MISSING
    return None


def _page_independent(url: str, up: str) -> bool:
    """True when a link means the same on every page of this depth: ../../x/ from a depth-2 page.

    Page folders are plain names, so climbing exactly their depth always lands on the site root.
    """
    return url.startswith(up) or not url or url[0] in "#/" or ":" in url.split("/", 1)[0]


def _up(page_dir: str) -> str:
    return "../" * (page_dir.count("/") + 1) if page_dir else ""


def _prefix(site_url: str | None) -> str:
    if not site_url:
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


class LinkCollector:
    """For the build hook: pages' HTML is read as it is rendered, targets checked once all are written.

    A link that means the same on every page of a depth (the theme's ../../assets/…, a listing's
    ../../orgs/x/) is kept once, under the first page that has it: on a large site the same few
    hundred links repeat millions of times. The others wait in an unnamed temporary file, one
    record per page, not in memory: as tuples of strings they were about 4 KB a campaign (400 MB
    at 100,000), while the check needs them only once, at the end, in reading order.
    """

    def __init__(self, site_dir: Path, site_url: str | None = None) -> None:
        self.site_dir, self.prefix = Path(site_dir), _prefix(site_url)
        self._spill = tempfile.TemporaryFile(prefix="xiaobao-links-")
        self._shared: dict[str, set[str]] = {}  # depth prefix -> matches already kept, as add() joins them
        self.last: tuple | None = ()  # the matches of the page added last (kept with a reused page's output)

    def add(self, dest_path: str, html_text: str, label: str | None = None, found: tuple | None = None) -> None:
        """found: the page's matches as `last` held them after an earlier add (a reused page's, replayed):
        each match's groups joined by "<"."""
        page = dest_path.replace(os.sep, "/")
        label = label or page
        up = _up(posixpath.dirname(page))
        shared = self._shared.setdefault(up, set())
        if found is None:
            # One string per match, its five groups joined by "<", which none of them can hold (_ATTR):
            # the shared set keeps these strings, and a reused page's replay joins nothing again.
            found = tuple(dict.fromkeys(map("<".join, _ATTR.findall(html_text))))
        self.last = found
        kept = []
        for seen in found:
            if seen in shared:
                continue
            tag, _attr, dq, sq, bare = seen.split("<")  # an unmatched group is "", as is an empty value: same result
            url = html.unescape(dq or sq or bare).strip()
            if _page_independent(url, up):
                shared.add(seen)
            kept.append((tag.lower(), url))
        if kept:
            record = marshal.dumps((label, page, kept))
            self._spill.write(len(record).to_bytes(4, "little") + record)

    @property
    def links(self) -> Iterator[tuple[str, str, str, str]]:
        """(label, page, tag, url) of every kept link, in reading order, read back from the file."""
        spill = self._spill
        spill.flush()
        end = spill.seek(0, os.SEEK_END)
        spill.seek(0)
        try:
            while spill.tell() < end:
                size = int.from_bytes(spill.read(4), "little")
                label, page, found = marshal.loads(spill.read(size))
                for tag, url in found:
                    yield label, page, tag, url
        finally:
            spill.seek(0, os.SEEK_END)

    def problems(self, exists: Callable[[str], bool] | None = None) -> list[str]:
        """Every broken link, by page label and then in reading order; call once all is written.

        exists: whether the build wrote a path (by default: whether a file is there)."""
        files = SiteFiles(self.site_dir, exists)
        out = []
        for seq, (label, page, tag, url) in enumerate(self.links):
            found = _verdict(tag, url, posixpath.dirname(page), files, self.prefix)
            if found is not None:
                out.append((label, seq, _problem(label, *found)))
        return [text for _label, _seq, text in sorted(out)]


def check_links(site_dir: Path, site_url: str | None = None) -> list[str]:
    """Broken internal links as 'page: 链接 url 指向的页面或文件不存在', sorted for repeatable output.

    site_url: absolute links starting with it (https://xiaobao.example.cn/…) count as internal.
    """
    site_dir = Path(site_dir)
    collector = LinkCollector(site_dir, site_url)
    for page in sorted(site_dir.rglob("*.html")):
        collector.add(page.relative_to(site_dir).as_posix(), page.read_text(encoding="utf-8", errors="replace"))
    return collector.problems()
