"""The Content-Security-Policy: scripts and styles only from the site itself, inline ones allowed by hash.

Material's base template and our pages carry small inline scripts; their SHA-256 hashes are computed
from the built pages, so the policy needs no 'unsafe-inline' and fits exactly what was published.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_SHOWN = 30  # characters of an element's text quoted in a message


@dataclass
class Inline:
    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class _Scanner(HTMLParser):
    """Reads a page as a browser does: attributes are attributes, text is text. The old regular
    expression over raw HTML read an escaped "onclick=" in a page's text as a handler."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []  # (script|style, attrs, body)
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, value) no hash can allow
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._body: list[str] = []
        self.text_after: dict[int, list[str]] = {}  # index in found -> the element's first words

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append((tag, name, value or ""))
                self.text_after[len(self.found) - 1] = []
        if tag in ("script", "style"):
            self._open, self._body = (tag, dict(attrs)), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._body.append(data)
        for words in self.text_after.values():
            if sum(map(len, words)) < _SHOWN:
                words.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self.blocks.append((tag, self._open[1], "".join(self._body)))
            self._open = None


def scan_page(html: str, name: str, into: Inline, source: str | None = None) -> None:
    """Add one page's inline scripts and style blocks; name what no hash can allow (on…= handlers,
    style=""), with the element and its text, and the editor's file the page is made from."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    for tag, attrs, body in scanner.blocks:
        if tag == "style":
            into.styles.add(sha256(body))
        elif attrs.get("src") is None and (attrs.get("type") or "").strip().lower() in _EXECUTABLE:
            into.scripts.add(sha256(body))
    where = f"{name}（由 {source} 生成）" if source else name
    for index, (tag, attribute, _) in enumerate(scanner.found):
        text = " ".join("".join(scanner.text_after.get(index, [])).split())[:_SHOWN]
        element = f"<{tag}>" + (f"（文字“{text}”）" if text else "")
        if attribute == "style":
            into.problems.append(f"{where}：{element}上有 style= 属性，内容安全策略不允许；请改用样式表")
        else:
            into.problems.append(f"{where}：{element}上有 {attribute}= 这样的内联事件，内容安全策略不允许；请改用脚本文件")


def scan_site(site: Path, pages: list[Path] | None = None, sources: dict[str, str] | None = None) -> Inline:
    """The policy's inline scripts and styles, from the pages the build generated (`pages`, default
    every .html under site); sources maps a page (relative to site) to the editor's file it came from."""
    found = Inline()
    for path in sorted(pages if pages is not None else site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        scan_page(path.read_text(encoding="utf-8", errors="replace"), rel, found, (sources or {}).get(rel))
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
