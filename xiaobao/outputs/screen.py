"""Branch-screen mode: the key points of the education pages, one at a time, on a bank's TV.

Everything the screen needs (points, hotlines, QR codes) is embedded in one HTML file, so it
keeps running when the branch network drops after the page has loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from importlib import resources

from xiaobao.site.hotlines import hotlines_for

KEY_POINTS_HEADING = "记住这几点"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_INLINE = re.compile(r"(\*\*|__|\*|_|`|~~)(.+?)\1")
_ATTR_LIST = re.compile(r"\s*\{[:.#][^}]*\}\s*$")
_TAG = re.compile(r"<[^>]+>")


@dataclass
class ScreenTopic:
    key: str
    label: str
    url: str
    points: list[str]
    qr_svg: str = ""
    hotlines: list[dict[str, str]] = field(default_factory=list)


def plain(text: str) -> str:
    """Markdown inline markup off: a TV shows words, not asterisks."""
    text = _LINK.sub(r"\1", text)
    text = _ATTR_LIST.sub("", text)
    for _ in range(2):
        text = _INLINE.sub(r"\2", text)
    text = _TAG.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def key_points(markdown: str, heading: str = KEY_POINTS_HEADING) -> list[str]:
    """The bullets under the `## 记住这几点` heading, up to the next heading of any level."""
    points: list[str] = []
    inside = False
    fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence:
            continue
        head = _HEADING.match(line)
        if head:
            if inside:
                break
            inside = plain(head.group(2)) == heading
            continue
        if not inside:
            continue
        stripped = line.strip()
        indented = line[:1] in (" ", "\t")
        item = _ITEM.match(stripped)
        if item and not indented:
            points.append(item.group(1))
        elif points and stripped and indented:
            points[-1] += " " + stripped  # a wrapped line or a sub-item belongs to its point
    return [p for p in (plain(p) for p in points) if p]


def screen_payload(topics: list[ScreenTopic]) -> dict:
    """The JSON the page's script reads; QR SVGs stay in the HTML, not in this data."""
    return {
        "topics": [
            {"key": t.key, "label": t.label, "url": t.url, "points": t.points,
             "hotlines": t.hotlines or [{"number": h.number, "label": h.label} for h in hotlines_for(t.key)]}
            for t in topics
        ]
    }


def _json_for_script(data: dict) -> str:
    """JSON safe inside <script>: no "</script>" or "<!--" can close or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_screen(topics: list[ScreenTopic], site_name: str, home_url: str) -> str:
    """The whole standalone /screen/ page."""
    template = resources.files("xiaobao.site").joinpath("templates/screen.html").read_text("utf-8")
    qrs = "".join(
        f'<div class="qr" data-topic="{escape(t.key)}" hidden>{t.qr_svg}</div>' for t in topics
    )
    return (
        template.replace("{{SITE_NAME}}", escape(site_name))
        .replace("{{HOME_URL}}", escape(home_url))
        .replace("{{QR_CODES}}", qrs)
        .replace("{{DATA}}", _json_for_script(screen_payload(topics)))
    )
