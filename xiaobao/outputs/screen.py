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


INTERVALS = (10, 15, 20, 30, 60)
DEFAULT_INTERVAL = 15


def screen_address(screen_url: str, topics: list[str], interval: int = DEFAULT_INTERVAL, org: str = "",
                   offered: int = 0) -> str:
    """The /screen/ address for a branch, as the builder page's script makes it (tests compare the two).

    offered: how many topics the builder offers; choosing them all needs no topics= (a shorter address).
    """
    from urllib.parse import quote

    query = [f"topics={','.join(topics)}"] if topics and len(topics) != offered else []
    if interval != DEFAULT_INTERVAL:
        query.append(f"interval={interval}")
    if org.strip():
        query.append(f"org={quote(org.strip()[:40], safe='')}")
    return screen_url + ("?" + "&".join(query) if query else "")


def builder_html(topics: list[ScreenTopic], screen_url: str, preview_url: str) -> str:
    """The form of the screen builder page (大屏轮播): topics by Chinese name, branch name, interval.

    docs/assets/js/screen-builder.js fills in the address, its QR code and the live preview.
    Without JavaScript the page still says how to write the address by hand.
    """
    boxes = "".join(
        f'<li><label><input type="checkbox" name="topic" value="{escape(t.key)}" checked> '
        f'{escape(t.label)}<small>（{len(t.points)} 条要点）</small></label></li>'
        for t in topics
    )
    options = "".join(
        f'<option value="{n}"{" selected" if n == DEFAULT_INTERVAL else ""}>{n} 秒</option>' for n in INTERVALS
    )
    first = screen_address(screen_url, [t.key for t in topics], offered=len(topics))
    return f"""<div class="xb-builder" data-xb-builder data-xb-screen="{escape(screen_url)}" data-xb-preview="{escape(preview_url)}">
<form class="xb-builder__form">
<fieldset><legend>第一步：选择要播放的主题</legend>
<ul class="xb-builder__topics">{boxes}</ul></fieldset>
<p><label for="xb-builder-org">第二步：填写网点名称（显示在屏幕左上角，可以不填）</label>
<input id="xb-builder-org" name="org" type="text" maxlength="40" placeholder="例如：某某银行南通分行" autocomplete="organization"></p>
<p><label for="xb-builder-interval">第三步：每条要点显示多久</label>
<select id="xb-builder-interval" name="interval">{options}</select></p>
</form>
<h2 id="address">在电视上打开这个地址</h2>
<p class="xb-builder__url"><a id="xb-builder-url" href="{escape(first)}">{escape(first)}</a></p>
<p class="xb-builder__actions"><button type="button" class="xb-builder__copy" hidden>复制地址</button>
<span class="xb-builder__status" role="status" aria-live="polite"></span></p>
<figure class="xb-builder__qr"><div id="xb-builder-qr" role="img" aria-label="大屏地址的二维码"></div>
<figcaption>用手机扫这个二维码，可以检查地址；把地址输入电视的浏览器，再按“全屏”即可。</figcaption></figure>
<h2 id="preview">预览</h2>
<div class="xb-builder__preview"><iframe id="xb-builder-frame" title="大屏轮播预览" src="{escape(preview_url)}" loading="lazy"></iframe></div>
<noscript><p>这个设置页要用浏览器的 JavaScript。不能用时，可以照“适老化与传播”页的说明手写地址。</p></noscript>
</div>
"""
