"""Links inside the built site: every internal href and src must reach a file that was written.

Run over the output directory after a build. A regular expression rather than an HTML parser:
at tens of thousands of pages parsing dominates, and attributes in MkDocs output are regular.
External links (http, https, mailto, tel) are not fetched; the site must not depend on them.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import select
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

_ATTR = re.compile(
    # The same tags as a|link|img|script|source|iframe|audio|video|embed|area, written as a tree with
    # a first-letter look-ahead: most "<" (div, span, li, p) are rejected at once.
    r"""<(?=[alisveALISVE])(?P<tag>a(?:rea|udio)?|link|i(?:mg|frame)|s(?:cript|ource)|video|embed)\b"""
    r"""[^>]*?\s(?P<attr>href|src)\s*=\s*"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>"']+))""",
    re.I | re.S,
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "sms", "geo"}
FORBIDDEN_SCHEMES = {"javascript", "vbscript", "data", "file"}


def _problem(label: str, url: str, why: str) -> str:
    return f"{label}: 链接 {url} {why}"


class SiteFiles:
    """`"a/b.css" in files`: is there a file at that path under the site? Found once per target.

    A lazy stat per distinct target instead of walking the whole site: at 10,000 campaigns the
    site holds tens of thousands of files and pages link to a few thousand of them. Only files
    found are remembered: while the site is being written, a missing one may come later.
    """

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = str(site_dir)
        self._known: dict[str, bool] = {}

    def __contains__(self, rel: object) -> bool:
        if not isinstance(rel, str):
            return False
        if rel in self._known:
            return True
        found = bool(rel) and os.path.isfile(os.path.join(self.site_dir, rel))
        if found:
            self._known[rel] = True
        return found


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
    ../../orgs/x/) is kept once, under the first page that has it: at 10,000 pages the same few
    hundred links repeat millions of times.
    """

    def __init__(self, site_dir: Path, site_url: str | None = None) -> None:
        self.site_dir, self.prefix = Path(site_dir), _prefix(site_url)
        self.links: list[tuple[str, str, str, str]] = []  # (label, page, tag, url) in reading order
        self._shared: dict[str, set[tuple[str, ...]]] = {}  # depth prefix -> raw matches already kept
        self._files = SiteFiles(self.site_dir)
        self._settled = 0  # links before this index are checked
        self._pending: list[int] = []  # links whose target was missing when checked
        self._found: list[tuple[str, int, str]] = []  # (label, index, problem) found so far

    def add(self, dest_path: str, html_text: str, label: str | None = None) -> None:
        page = dest_path.replace(os.sep, "/")
        label = label or page
        up = _up(posixpath.dirname(page))
        shared = self._shared.setdefault(up, set())
        for raw in dict.fromkeys(_ATTR.findall(html_text)):
            if raw in shared:
                continue
            tag, _attr, dq, sq, bare = raw  # an unmatched group is "", as is an empty value: same result
            url = html.unescape(dq or sq or bare).strip()
            if _page_independent(url, up):
                shared.add(raw)
            self.links.append((label, page, tag.lower(), url))

    def settle(self) -> None:
        """Check the links read so far; those whose target is missing wait for problems().

        Called while the site is still being written, so that little is left for the end.
        """
        for seq in range(self._settled, len(self.links)):
            label, page, tag, url = self.links[seq]
            found = _verdict(tag, url, posixpath.dirname(page), self._files, self.prefix)
            if found is None:
                continue
            if found[1] == MISSING:
                self._pending.append(seq)
            else:
                self._found.append((label, seq, _problem(label, *found)))
        self._settled = len(self.links)

    def problems(self) -> list[str]:
        """Every broken link, by page label and then in reading order; call once all is written."""
        self.settle()
        out = list(self._found)
        for seq in self._pending:
            label, page, tag, url = self.links[seq]
            found = _verdict(tag, url, posixpath.dirname(page), self._files, self.prefix)
            if found is not None:
                out.append((label, seq, _problem(label, *found)))
        return [text for _label, _seq, text in sorted(out)]


class Finished:
    """A flag set by this process and awaited by a process it forks: a byte down a pipe.

    The end is closed with it; that also happens when this process dies, so a waiting process
    whose parent is gone does not wait for ever.
    """

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        self._owner = os.getpid()

    def set(self) -> None:
        if self._write is not None:
            os.write(self._write, b"1")
            os.close(self._write)
            self._write = None

    def wait(self, seconds: float) -> bool:
        """True once set; otherwise False after `seconds`. In a forked process, first drops the
        writing end it inherited (an end left open there would keep the pipe open)."""
        if self._write is not None and os.getpid() != self._owner:
            os.close(self._write)
            self._write = None
        return bool(select.select([self._read], [], [], seconds)[0])


def follow_pages(site_dir: Path, pages: list[tuple[str, str]], finished: Finished,
                 poll: float = 0.05) -> Iterator[tuple[str, str, str, bool]]:
    """(page path, its HTML, its label, whether the writer is behind) for pages as they are written.

    pages: (path under site_dir, label) in the order the writer writes them. A page is read once
    the next one exists (the writer closes a file before starting the next) or once `finished`
    is set; a page never written is skipped.
    """
    done = False
    for n, (dest, label) in enumerate(pages):
        following = os.path.join(site_dir, pages[n + 1][0]) if n + 1 < len(pages) else None
        waited = False
        while not done and not (following and os.path.exists(following)):
            done, waited = finished.wait(poll), True
        try:
            with open(os.path.join(site_dir, dest), encoding="utf-8", errors="replace") as f:
                text = f.read()
        except FileNotFoundError:
            continue
        yield dest, text, label, waited


def check_as_written(site_dir: Path, site_url: str | None, pages: list[tuple[str, str]],
                     finished: Finished) -> list[str]:
    """check_links for a site being written by another process: links are read and checked
    while the writer works, so what is left when `finished` is set is the last pages' share."""
    collector = LinkCollector(site_dir, site_url)
    for dest, text, label, waited in follow_pages(site_dir, pages, finished):
        if waited:
            collector.settle()  # idle time: check targets now rather than at the end
        collector.add(dest, text, label)
    return collector.problems()


def check_links(site_dir: Path, site_url: str | None = None) -> list[str]:
    """Broken internal links as 'page: 链接 url 指向的页面或文件不存在', sorted for repeatable output.

    site_url: absolute links starting with it (https://xiaobao.example.cn/…) count as internal.
    """
    site_dir = Path(site_dir)
    collector = LinkCollector(site_dir, site_url)
    for page in sorted(site_dir.rglob("*.html")):
        collector.add(page.relative_to(site_dir).as_posix(), page.read_text(encoding="utf-8", errors="replace"))
    return collector.problems()
