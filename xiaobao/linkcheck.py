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
from pathlib import Path
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


def _links(text: str) -> list[tuple[str, str]]:
    """(tag, url) for every href/src in a page, entities decoded."""
    unescape = html.unescape  # an unmatched group is "" in findall, as is an empty value: same result
    return [(tag.lower(), unescape(dq or sq or bare).strip()) for tag, _attr, dq, sq, bare in _ATTR.findall(text)]


def _problem(label: str, url: str, why: str) -> str:
    return f"{label}: 链接 {url} {why}"


def site_files(site_dir: Path) -> frozenset[str]:
    """Every file under the site, as POSIX paths relative to it; one walk instead of a stat per link."""
    out = set()
    for folder, _dirs, names in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        out.update(prefix + n for n in names)
    return frozenset(out)


def _resolve(page_dir: str, path: str) -> str:
    """Site-relative target of a link written on a page in page_dir ('' is the root)."""
    joined = path.lstrip("/") if path.startswith("/") else (f"{page_dir}/{path}" if page_dir else path)
    target = posixpath.normpath(joined)
    return "" if target == "." else target


def _verdict(tag: str, url: str, page_dir: str, files: frozenset[str], site_prefix: str) -> tuple[str, str] | None:
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
        return url, "指向的页面或文件不存在"
    return None


_UNKNOWN = ("", "")  # not yet in the memo


def _page_independent(url: str, up: str) -> bool:
    """True when a link means the same on every page of this depth: ../../x/ from a depth-2 page.

    Page folders are plain names, so climbing exactly their depth always lands on the site root.
    """
    return url.startswith(up) or not url or url[0] in "#/" or ":" in url.split("/", 1)[0]


def check_urls(page_rel: str, links: list[tuple[str, str]], files: frozenset[str],
               site_prefix: str = "", label: str | None = None,
               memo: dict[tuple[str, str, str], tuple[str, str] | None] | None = None) -> list[str]:
    """Problems of one page; page_rel is where it is written (campaigns/x/index.html).

    memo (one per files/site_prefix): verdicts of links that mean the same on every page of a
    depth, such as the theme's ../../assets/… links, are worked out once for the whole site.
    """
    label = label or page_rel
    page_dir = posixpath.dirname(page_rel)
    up = "../" * (page_dir.count("/") + 1) if page_dir else ""
    problems = []
    for tag, url in links:
        key = (tag, url, up)
        found = memo.get(key, _UNKNOWN) if memo is not None else _UNKNOWN
        if found is _UNKNOWN:
            found = _verdict(tag, url, page_dir, files, site_prefix)
            if memo is not None and _page_independent(url, up):
                memo[key] = found
        if found is not None:
            problems.append(_problem(label, *found))
    return problems


def _prefix(site_url: str | None) -> str:
    if not site_url:
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


class LinkCollector:
    """For the build hook: pages' HTML is checked as it is rendered, targets once all are written."""

    def __init__(self, site_dir: Path, site_url: str | None = None) -> None:
        self.site_dir, self.prefix = Path(site_dir), _prefix(site_url)
        self.pages: list[tuple[str, str, list[tuple[str, str]]]] = []

    def add(self, dest_path: str, html_text: str, label: str | None = None) -> None:
        self.pages.append((dest_path.replace(os.sep, "/"), label or dest_path, _links(html_text)))

    def problems(self) -> list[str]:
        files = site_files(self.site_dir)
        out: list[str] = []
        memo: dict = {}
        for page, label, links in sorted(self.pages, key=lambda p: p[1]):
            out.extend(check_urls(page, links, files, self.prefix, label, memo))
        return out


def check_links(site_dir: Path, site_url: str | None = None) -> list[str]:
    """Broken internal links as 'page: 链接 url 指向的页面或文件不存在', sorted for repeatable output.

    site_url: absolute links starting with it (https://xiaobao.example.cn/…) count as internal.
    """
    site_dir = Path(site_dir)
    prefix = _prefix(site_url)
    files = site_files(site_dir)
    problems: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        problems.extend(check_urls(page.relative_to(site_dir).as_posix(), _links(text), files, prefix))
    return problems
