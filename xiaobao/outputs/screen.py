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

from xiaobao.campaigns.vocab import TOPIC_CODE_ORDER
from xiaobao.outputs import shortlink
from xiaobao.site.hotlines import all_numbers, hotlines_for
from xiaobao.site.tel import COUNTERS

KEY_POINTS_HEADING = "记住这几点"
# Every pattern here reads editors' lines and is linear: no two quantifiers can match the same
# characters, and a run of one delimiter ("[[[[", "<<<<") cannot make each position scan to the end
# (tests/test_regex_linear.py feeds 100,000-character lines to each). Headings and attribute lists
# are taken apart with string methods: a heading with thousands of spaces used to hang the build.
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_INLINE = re.compile(r"(\*\*|__|\*|_|`|~~)(.+?)\1")
_TAG = re.compile(r"<[^<>]+>")
_SPACES = re.compile(r"\s+")


@dataclass
class ScreenTopic:
    key: str
    label: str
    url: str
    points: list[str]
    qr_svg: str = ""
    hotlines: list[dict[str, str]] = field(default_factory=list)


def _without_attr_list(text: str) -> str:
    """`text {: .class }` -> `text`: the attribute list at the end, if any."""
    text = text.rstrip()
    start = text.rfind("{")
    if text.endswith("}") and start >= 0 and text[start + 1:start + 2] in (":", ".", "#") and "}" not in text[start:-1]:
        return text[:start].rstrip()
    return text


def heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text (closing #s and attribute list off), or None."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or not line[level:level + 1].isspace():
        return None
    text = line[level:].strip()
    trimmed = text.rstrip("#")
    if trimmed != text and (not trimmed or trimmed[-1].isspace()):
        text = trimmed.rstrip()  # closing #s, as Markdown reads them: after a space
    start = text.rfind("{")
    if text.endswith("}") and start >= 0 and "}" not in text[start:-1]:
        text = text[:start].rstrip()
    return level, text


def plain(text: str) -> str:
    """Markdown inline markup off: a TV shows words, not asterisks."""
    text = _LINK.sub(r"\1", text)
    text = _without_attr_list(text)
    for _ in range(2):
        text = _INLINE.sub(r"\2", text)
    text = _TAG.sub("", text)
    return _SPACES.sub(" ", text).strip()


def key_points(markdown: str, title: str = KEY_POINTS_HEADING) -> list[str]:
    """The bullets under the `## 记住这几点` heading, up to the next heading of any level."""
    points: list[str] = []
    inside = False
    fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence:
            continue
        head = heading(line)
        if head:
            if inside:
                break
            inside = plain(head[1]) == title
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
    """The JSON the page's script reads; QR SVGs stay in the HTML, not in this data.

    numbers and counters: the hotlines a slide's text links to tel:, and the counting words after
    which a number is a count ("110份"), the same as the Markdown pages' (xiaobao/site/tel.py).
    """
    return {
        "topics": [
            {"key": t.key, "label": t.label, "url": t.url, "points": t.points,
             "hotlines": t.hotlines or [{"number": h.number, "label": h.label} for h in hotlines_for(t.key)]}
            for t in topics
        ],
        "numbers": all_numbers(),
        "counters": COUNTERS,
    }


def _json_for_script(data: dict) -> str:
    """JSON safe inside <script>: no "</script>" or "<!--" can close or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


def fill(template: str, values: dict[str, str]) -> str:
    """Every {{NAME}} slot of the template filled in one pass: a value is never read for slots, so a
    site_name holding "{{DATA}}" stays those eight characters (chained str.replace expanded it)."""
    return _SLOT.sub(lambda m: values[m.group(1)] if m.group(1) in values else m.group(0), template)


def render_screen(topics: list[ScreenTopic], site_name: str, home_url: str) -> str:
    """The whole standalone /screen/ page."""
    template = resources.files("xiaobao.site").joinpath("templates/screen.html").read_text("utf-8")
    qrs = "".join(
        f'<div class="qr" data-topic="{escape(t.key)}" hidden>{t.qr_svg}</div>' for t in topics
    )
    return fill(template, {"SITE_NAME": escape(site_name), "HOME_URL": escape(home_url), "QR_CODES": qrs,
                           "DATA": _json_for_script(screen_payload(topics))})


URI_COMPONENT_SAFE = "!'()*"  # what JavaScript's encodeURIComponent leaves as it is, besides what quote() does
INTERVALS = (10, 15, 20, 30, 60)  # append-only: a short link holds the index (xiaobao/outputs/shortlink.py)
DEFAULT_INTERVAL = 15
SHORT_LINKS = shortlink.Scheme(TOPIC_CODE_ORDER, INTERVALS)


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
        query.append(f"org={quote(org.strip()[:40], safe=URI_COMPONENT_SAFE)}")
    return screen_url + ("?" + "&".join(query) if query else "")


def short_address(short_url: str, settings: shortlink.Settings) -> str:
    """The short link a TV's browser is given (/s/?code), as the builder page's script makes it."""
    return f"{short_url}?{shortlink.encode(settings, SHORT_LINKS)}"


def short_target(screen_url: str, code: str) -> str:
    """Where /s/?code goes: the /screen/ address of its settings (ShortLinkError if it stands for none)."""
    got = shortlink.decode(code, SHORT_LINKS)
    return screen_address(screen_url, list(got.topics), got.interval, got.org)


def builder_html(topics: list[ScreenTopic], screen_url: str, preview_url: str, short_url: str = "") -> str:
    """The form of the screen builder page (大屏轮播): topics by Chinese name, branch name, interval.

    docs/assets/js/screen-builder.js fills in the short link, the address, its QR code and the live
    preview. Without JavaScript the page still says how to write the address by hand.
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
    head, _, tail = escape(re.sub(r"^https?://", "", short_url)).rstrip("/").rpartition("/")
    host_html = head.replace("/", "/<wbr>") + "/<wbr>" + tail + "/?"  # a narrow phone may break after a "/", not before "?"
    scheme = _json_for_script(shortlink.scheme_data(SHORT_LINKS))
    return f"""<div class="xb-builder" data-xb-builder data-xb-screen="{escape(screen_url)}" data-xb-preview="{escape(preview_url)}" data-xb-short="{escape(short_url)}">
<script type="application/json" id="xb-short-scheme">{scheme}</script>
<form class="xb-builder__form">
<fieldset><legend>第一步：选择要播放的主题</legend>
<ul class="xb-builder__topics">{boxes}</ul></fieldset>
<p><label for="xb-builder-org">第二步：填写网点名称（显示在屏幕左上角，可以不填）</label>
<input id="xb-builder-org" name="org" type="text" maxlength="40" placeholder="例如：某某银行南通分行" autocomplete="organization"></p>
<p><label for="xb-builder-interval">第三步：每条要点显示多久</label>
<select id="xb-builder-interval" name="interval">{options}</select></p>
</form>
<h2 id="address">在电视上打开</h2>
<div class="xb-builder__short" hidden><p class="xb-builder__short-label">在电视浏览器里输入：</p>
<p class="xb-builder__short-link"><a id="xb-builder-short" href="{escape(short_url)}"><span class="xb-builder__host">{host_html}</span><code class="xb-builder__code" id="xb-builder-code"></code></a></p>
<p class="xb-builder__short-length" id="xb-builder-length"></p>
<p class="xb-builder__short-help">照着输入就行，中间的空隙不用输入。字母都是小写；里面不会有字母 <code>o</code>、<code>i</code>、<code>l</code>，看着像 <code>0</code>、<code>1</code> 的都是数字。</p></div>
<p class="xb-builder__url-label">完整地址（和短链接打开的是同一个页面）：</p>
<p class="xb-builder__url"><a id="xb-builder-url" href="{escape(first)}">{escape(first)}</a></p>
<p class="xb-builder__actions"><button type="button" class="xb-builder__copy" hidden>复制地址</button>
<span class="xb-builder__status" role="status" aria-live="polite"></span></p>
<figure class="xb-builder__qr"><div id="xb-builder-qr" role="img" aria-label="大屏地址的二维码"></div>
<figcaption>用手机扫这个二维码，可以先看看大屏的样子。在电视浏览器里输入上面的短链接，打开后再按“全屏”即可。</figcaption></figure>
<h2 id="preview">预览</h2>
<div class="xb-builder__preview"><iframe id="xb-builder-frame" title="大屏轮播预览" src="{escape(preview_url)}" loading="lazy"></iframe></div>
<noscript><p>这个设置页要用浏览器的 JavaScript。不能用时，可以照“适老化与传播”页的说明手写地址。</p></noscript>
</div>
"""


def render_short_page(site_name: str, builder_url: str, builder_href: str = "../screen-builder/") -> str:
    """The standalone /s/ page: its script (docs/assets/js/shortlink.js) turns the code into the /screen/ address.

    What the TV shows when the script cannot run or the code is wrong is plain Chinese with the way back.
    """
    template = resources.files("xiaobao.site").joinpath("templates/short.html").read_text("utf-8")
    return fill(template, {"SITE_NAME": escape(site_name), "BUILDER_HREF": escape(builder_href),
                           "BUILDER_URL": escape(re.sub(r"^https?://", "", builder_url)),
                           "DATA": _json_for_script(shortlink.scheme_data(SHORT_LINKS))})
