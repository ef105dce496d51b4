"""Small standalone pages around the site: A4 print views, redirects for renamed slugs, the QR folder.

Standalone on purpose: a branch prints a leaflet with one click, an old link keeps working, and
none of them needs the theme.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape

from xiaobao.site.hotlines import Hotline

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*/")  # as xiaobao.build.urls.URL_PATH

# A script element, not onclick="": the Content-Security-Policy allows inline scripts by hash, never handlers.
PRINT_SCRIPT = 'document.getElementById("xb-print-now").addEventListener("click",function(){window.print()})'
PRINT_CSS = """
@page { size: A4; margin: 14mm 16mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 1rem; color: #000; background: #fff;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", sans-serif; font-size: 1.25rem; line-height: 1.7; }
h1 { font-size: 2rem; line-height: 1.3; margin: 0 0 .8rem; }
h2 { font-size: 1.5rem; margin: 1.2rem 0 .4rem; border-bottom: 2px solid #000; }
h3 { font-size: 1.3rem; }
a { color: #000; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.admonition, details { border-left: 4px solid #000; padding: .2rem .8rem; margin: .8rem 0; }
.admonition-title, summary { font-weight: 700; }
.headerlink, .xb-no-print { display: none; }
.bar { display: flex; gap: 1rem; align-items: center; margin-bottom: 1rem; }
.bar button { font: inherit; padding: .5rem 1.5rem; border: 2px solid #000; border-radius: .4rem;
  background: #ffd54a; color: #000; cursor: pointer; }
.foot { display: flex; gap: 1.2rem; align-items: center; border-top: 2px solid #000;
  margin-top: 1.5rem; padding-top: .8rem; break-inside: avoid; font-size: 1.05rem; }
.foot svg { width: 34mm; height: 34mm; flex: none; }
.foot p { margin: .15rem 0; overflow-wrap: anywhere; }
@media print { .bar { display: none; } body { padding: 0; max-width: none; font-size: 14pt; } }
"""


@dataclass
class Leaflet:
    title: str
    page_url: str  # site-relative, e.g. "topics/fraud-prevention/"
    absolute_url: str
    content_html: str  # the page's rendered Markdown, as MkDocs produced it
    qr_svg: str
    reviewed: str = ""
    hotlines: tuple[Hotline, ...] = ()


def print_path(page_url: str) -> str:
    """print/<last part of the page URL>/index.html: one short name per education page."""
    name = page_url.strip("/").split("/")[-1] or "index"
    return f"print/{name}/index.html"


def render_leaflet(leaflet: Leaflet, site_name: str) -> str:
    """The A4 print view; <base> makes the page's own relative links work from print/<name>/."""
    base = "../../" + leaflet.page_url
    lines = "".join(
        f"<p>咨询投诉热线：<b>{escape(h.number)}</b>（{escape(h.label)}）</p>" for h in leaflet.hotlines
    )
    reviewed = f"<p>内容审核日期：{escape(leaflet.reviewed)}</p>" if leaflet.reviewed else ""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(leaflet.title)}（打印版） - {escape(site_name)}</title>
<base href="{escape(base)}">
<link rel="canonical" href="{escape(leaflet.absolute_url)}">
<style>{PRINT_CSS}</style>
</head>
<body>
<div class="bar"><button type="button" id="xb-print-now">打印</button>
<a href="./">返回网页版</a><span>纸张：A4</span></div>
<article>{leaflet.content_html}</article>
<div class="foot">{leaflet.qr_svg}<div>
<p><b>扫码看网页版</b>：{escape(leaflet.absolute_url)}</p>
<p>来源：{escape(site_name)}</p>{reviewed}{lines}
</div></div>
<script>{PRINT_SCRIPT}</script>
</body>
</html>
"""


def redirect_target(page_url: str, old: str) -> str | None:
    """Where an old slug lived: next to the page (`old-name`) or a site path (`a/b/`). None if unsafe."""
    if not isinstance(old, str):
        return None
    old = old.strip("/")
    if not old or not _SLUG.fullmatch(old + "/"):
        return None
    if "/" not in old:
        parent = posixpath.dirname(page_url.strip("/"))
        old = posixpath.join(parent, old) if parent else old
    return f"{old}/index.html"


def render_redirect(new_relative: str, new_absolute: str, title: str) -> str:
    """A tiny page that sends readers and search engines on to the new address."""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(title)}（页面已搬家）</title>
<link rel="canonical" href="{escape(new_absolute)}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={escape(new_relative)}">
</head>
<body>
<p>本页已搬到新地址：<a href="{escape(new_relative)}">{escape(title)}</a></p>
</body>
</html>
"""


def render_qr_index(items: list[tuple[str, str, str]], site_name: str) -> str:
    """qr/index.html: a plain list of every page with its code to download.

    items: (title, absolute page URL, file name under qr/).
    """
    rows = "".join(
        f'<li><a href="{escape(name)}" download>{escape(title)}</a> <small>{escape(url)}</small></li>'
        for title, url, name in items
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>二维码下载 - {escape(site_name)}</title>
<style>body{{font-family:sans-serif;font-size:1.15rem;line-height:1.7;max-width:60rem;margin:0 auto;padding:1rem}}
small{{color:#555;word-break:break-all}}</style>
</head>
<body>
<h1>二维码下载</h1>
<p>每个页面一张 SVG 二维码，扫码打开对应网页。点击页面名称下载，可直接用于海报、折页和网点屏幕。</p>
<p><a href="../">返回首页</a></p>
<ul>{rows}</ul>
</body>
</html>
"""
