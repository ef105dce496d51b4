"""Links inside the built site: every internal href and src must reach a file that was written.

Run over the output directory after a build. A regular expression rather than an HTML parser:
at tens of thousands of pages parsing dominates, and attributes in MkDocs output are regular.
External links (http, https, mailto, tel) are not fetched; the site must not depend on them.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTR = re.compile(
    r"""<(?P<tag>a|link|img|script|source|iframe|audio|video|embed|area)\b[^>]*?\s(?P<attr>href|src)\s*=\s*"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>"']+))""",
    re.I | re.S,
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "sms", "geo"}
FORBIDDEN_SCHEMES = {"javascript", "vbscript", "data", "file"}


def _links(text: str) -> list[tuple[str, str]]:
    """(tag, url) for every href/src in a page, entities decoded."""
    out = []
    for m in _ATTR.finditer(text):
        raw = m.group("dq") if m.group("dq") is not None else m.group("sq") if m.group("sq") is not None else m.group("bare")
        out.append((m.group("tag").lower(), html.unescape(raw).strip()))
    return out


def _page_url(site_dir: Path, page: Path) -> str:
    return "/" + page.relative_to(site_dir).as_posix()


def _problem(label: str, url: str, why: str) -> str:
    return f"{label}: 链接 {url} {why}"


def _target(site_dir: Path, page: Path, path: str) -> Path:
    if path.startswith("/"):
        return site_dir / path.lstrip("/")
    return page.parent / path


def _exists(target: Path, cache: dict[str, bool]) -> bool:
    key = os.path.normpath(target)
    if key not in cache:
        cache[key] = os.path.isfile(key) or os.path.isfile(os.path.join(key, "index.html"))
    return cache[key]


def check_urls(site_dir: Path, page: Path, links: list[tuple[str, str]], cache: dict[str, bool],
               site_prefix: str = "", label: str | None = None) -> list[str]:
    """Problems of one page; `page` is where it is (or will be) written, label how editors know it."""
    label = label or page.relative_to(site_dir).as_posix()
    problems = []
    root = os.path.normpath(site_dir)
    for tag, url in links:
        if not url or url.startswith("#"):
            continue
        if site_prefix and url.startswith(site_prefix):
            url = "/" + url[len(site_prefix):]
        scheme = _SCHEME.match(url)
        if scheme:
            name = scheme.group(0)[:-1].lower()
            if name in FORBIDDEN_SCHEMES and not (name == "data" and tag != "a"):
                problems.append(_problem(label, url[:60], f"用了 {name}: 地址，网站里不允许"))
            continue
        if url.startswith("//"):
            continue  # another host; the third-party request test covers these
        path = unquote(urlsplit(url).path)
        if not path:
            continue  # "?q=…" on the same page
        target = _target(site_dir, page, path)
        if not os.path.normpath(target).startswith(root):
            problems.append(_problem(label, url, "指到了网站目录以外"))
        elif not _exists(target, cache):
            problems.append(_problem(label, url, "指向的页面或文件不存在"))
    return problems


def _prefix(site_url: str | None) -> str:
    if not site_url:
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


class LinkCollector:
    """For the build hook: pages' HTML is checked as it is rendered, targets once all are written."""

    def __init__(self, site_dir: Path, site_url: str | None = None) -> None:
        self.site_dir, self.prefix = Path(site_dir), _prefix(site_url)
        self.pages: list[tuple[Path, str, list[tuple[str, str]]]] = []

    def add(self, dest_path: str, html_text: str, label: str | None = None) -> None:
        self.pages.append((self.site_dir / dest_path, label or dest_path, _links(html_text)))

    def problems(self) -> list[str]:
        cache: dict[str, bool] = {}
        out: list[str] = []
        for page, label, links in sorted(self.pages, key=lambda p: p[1]):
            out.extend(check_urls(self.site_dir, page, links, cache, self.prefix, label))
        return out


def check_links(site_dir: Path, site_url: str | None = None) -> list[str]:
    """Broken internal links as 'page: 链接 url 指向的页面或文件不存在', sorted for repeatable output.

    site_url: absolute links starting with it (https://xiaobao.example.cn/…) count as internal.
    """
    site_dir = Path(site_dir)
    prefix = _prefix(site_url)
    cache: dict[str, bool] = {}
    problems: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        problems.extend(check_urls(site_dir, page, _links(text), cache, prefix))
    return problems
