"""The Content-Security-Policy: scripts and styles only from the site itself, inline ones allowed by hash.

Material's base template and our pages carry small inline scripts; their SHA-256 hashes are computed
from the built pages, so the policy needs no 'unsafe-inline' and fits exactly what was published.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_HANDLER = re.compile(r"""<[a-z][^>]*?\s(on[a-z]+)\s*=""", re.I)
_STYLE_ATTR = re.compile(r"""<[a-z][^>]*?\sstyle\s*=""", re.I)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


@dataclass
class Inline:
    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _without_scripts(html: str) -> str:
    return _SCRIPT.sub("", html)


def scan_page(html: str, name: str, into: Inline) -> None:
    """Add one page's inline scripts and style blocks; note what no hash can allow (handlers, style="")."""
    for match in _SCRIPT.finditer(html):
        attrs, body = match.groups()
        kind = (_TYPE.search(attrs).group(1).lower() if _TYPE.search(attrs) else "")
        if "src=" not in attrs.lower() and kind in _EXECUTABLE:
            into.scripts.add(sha256(body))
    for body in _STYLE.findall(html):
        into.styles.add(sha256(body))
    rest = _without_scripts(html)
    if handler := _HANDLER.search(rest):
        into.problems.append(f"{name}：页面里有 {handler.group(1)}= 这样的内联事件，内容安全策略不允许；请改用脚本文件")
    if _STYLE_ATTR.search(rest):
        into.problems.append(f"{name}：页面里有 style= 属性，内容安全策略不允许；请改用样式表")


def scan_site(site: Path) -> Inline:
    found = Inline()
    for path in sorted(site.rglob("*.html")):
        scan_page(path.read_text(encoding="utf-8", errors="replace"), str(path.relative_to(site)), found)
    return found


def policy(inline: Inline) -> str:
    """One policy for the whole site: the server sends it with every response."""
    scripts = " ".join(["'self'", *sorted(inline.scripts)])
    styles = " ".join(["'self'", *sorted(inline.styles)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {styles}",
        "img-src 'self' data:",  # Material's stylesheet draws icons from data: URLs
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",  # only our own screen builder frames a page (its live preview of /screen/)
    ])
