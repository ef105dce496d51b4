"""Small standalone pages around the site: A4 print views, redirects for renamed slugs, the QR folder.

Standalone on purpose: a branch prints a leaflet with one click, an old link keeps working, and
none of them needs the theme.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape

from xiaobao.site.hotlines import Hotline, tel_href
from xiaobao.site.tel import link_numbers_html

KEY_POINTS = "记住这几点"

_SLUG = re.compile(r"(?<![a-z0-9/-])[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*/")

PRINT_CSS = """
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 1rem; color: #000; background: #fff;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", sans-serif; font-size: 1.25rem; line-height: 1.6; overflow-wrap: anywhere; }
a { color: #000; }
.bar { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: center; margin-bottom: 1rem; }
.bar button { font: inherit; padding: .5rem 1.5rem; border: 2px solid #000; border-radius: .4rem;
  background: #ffd54a; color: #000; cursor: pointer; }
.top { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start;
  border-bottom: 3px solid #000; padding-bottom: .8rem; }
.head { flex: 1 1 16rem; min-width: 0; }
.site { margin: 0; font-size: 1rem; }
h1 { font-size: 2rem; line-height: 1.3; margin: .2rem 0 .6rem; }
.intro { margin: 0; }
.qr { flex: none; width: 48mm; margin: 0; text-align: center; }
.qr svg { display: block; width: 48mm; height: 48mm; }
.qr figcaption { font-size: 1rem; line-height: 1.35; }
.qr .url { display: block; font-size: .95rem; overflow-wrap: anywhere; }
h2 { font-size: 1.5rem; margin: 1rem 0 .4rem; }
.points { margin: 0; padding-left: 2rem; }
.points li { margin: .3rem 0; font-size: 1.4rem; font-weight: 700; line-height: 1.45; }
.lines { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; }
.lines a { text-decoration: none; }
.lines b { font-size: 1.6rem; margin-right: .4rem; }
.foot { margin-top: 1rem; padding-top: .4rem; border-top: 1px solid #000; font-size: 1rem; }
.foot p { margin: .1rem 0; }
@media print {
  .bar { display: none; }
  body { padding: 0; max-width: none; font-size: 15pt; }
  h1 { font-size: 28pt; }
  h2 { font-size: 20pt; margin-top: 8mm; }
  .points li { font-size: 20pt; margin: 2.5mm 0; }
  .lines b { font-size: 24pt; }
  .qr, .qr svg { width: 55mm; }
  .qr svg { height: 55mm; }
  .qr figcaption, .qr .url, .site, .foot { font-size: 11pt; }
  .top, .points li, .lines { break-inside: avoid; }
}
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
    points: tuple[str, ...] = ()  # the "记住这几点" items, plain text (xiaobao.outputs.screen.key_points)
    intro: str = ""  # one or two sentences: the page's description


def print_path(page_url: str) -> str:
    """print/<last part of the page URL>/index.html: one short name per education page."""
    name = page_url.strip("/").split("/")[-1] or "index"
    return f"print/{name}/index.html"


def _first_paragraph(content_html: str) -> str:
    """The article's opening paragraph as text: the intro when the page has no description."""
    match = re.search(r"<p>(.*?)</p>", content_html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def render_leaflet(leaflet: Leaflet, site_name: str) -> str:
    """The A4 leaflet: title and QR code on top, the points to remember, the numbers to call.

    One page by design: a branch prints it for the counter; the whole article is one scan away.
    """
    lines = "".join(
        f'<li><a href="{escape(tel_href(h.number))}"><b>{escape(h.number)}</b></a>{escape(h.label)}</li>'
        for h in leaflet.hotlines
    )
    points = "".join(f"<li>{link_numbers_html(p)}</li>" for p in leaflet.points)
    intro = leaflet.intro or _first_paragraph(leaflet.content_html)
    reviewed = f"<p>内容审核日期：{escape(leaflet.reviewed)}</p>" if leaflet.reviewed else ""
    remember = f"<h2>{KEY_POINTS}</h2>\n<ol class=\"points\">{points}</ol>" if points else ""
    calls = f"<h2>有问题，打这些电话</h2>\n<ul class=\"lines\">{lines}</ul>" if lines else ""
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(leaflet.title)}（打印版） - {escape(site_name)}</title>
<link rel="canonical" href="{escape(leaflet.absolute_url)}">
<style>{PRINT_CSS}</style>
</head>
<body>
<header class="bar"><button type="button" data-xb-print hidden>打印</button>
<a href="../../{escape(leaflet.page_url)}">返回网页版</a><span>纸张：A4，一页</span></header>
<main>
<div class="top">
<div class="head"><p class="site">{escape(site_name)}</p>
<h1>{escape(leaflet.title)}</h1>
<p class="intro">{link_numbers_html(intro)}</p></div>
<figure class="qr">{leaflet.qr_svg}<figcaption>手机扫码看全文<span class="url">{escape(leaflet.absolute_url)}</span></figcaption></figure>
</div>
{remember}
{calls}
</main>
<footer class="foot"><p>来源：{escape(site_name)}</p>{reviewed}</footer>
<script src="../../assets/js/print.js"></script>
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
<meta name="viewport" content="width=device-width,initial-scale=1">
</head>
<body>
<main>
<h1>页面已搬家</h1>
<p>本页已搬到新地址：<a href="{escape(new_relative)}">{escape(title)}</a></p>
</main>
</body>
</html>
"""


# Sections of the QR sheet, by the first part of a page's address; pages of later listing pages are left out.
QR_SECTIONS = (
    ("首页和各个主题", ("index", "topics")),
    ("关于本站和网点工具", ("about", "reach", "screen-builder", "guide", "performance")),
    ("活动列表和数据", ("years", "regions", "org-types", "orgs", "stats", "data")),
    ("每一场宣传活动", ("campaigns",)),
)
OTHER_SECTION = "其他页面"


def qr_section(name: str) -> str | None:
    """The sheet section of a code file name (qr/<name>); None for page 2, 3 … of a listing."""
    path = name.removesuffix(".svg")
    if "/page/" in f"/{path}/":
        return None
    if path == "campaigns":
        return "活动列表和数据"  # the list of all campaigns; campaigns/<slug> is one campaign
    for title, prefixes in QR_SECTIONS:
        for prefix in prefixes:
            if path == prefix or path.startswith(prefix + "/"):
                if prefix == "topics" and path.count("/") > 1:
                    return "活动列表和数据"  # topics/<key>/campaigns: a listing, not an article
                return title
    return OTHER_SECTION


QR_SHEET_CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
  "WenQuanYi Micro Hei", sans-serif; font-size: 1.15rem; line-height: 1.6; max-width: 64rem; margin: 0 auto;
  padding: 1rem; color: #000; background: #fff; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 1.5rem 0 .6rem; border-bottom: 2px solid #000; }
.codes { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr)); }
.codes li { border: 1px solid #999; border-radius: .4rem; padding: .6rem; text-align: center; break-inside: avoid; }
.codes img { display: block; width: 40mm; max-width: 100%; height: auto; margin: 0 auto .3rem; }
.codes b { display: block; }
.codes small { display: block; font-size: 1rem; overflow-wrap: anywhere; color: #333; }
@media print {
  .no-print { display: none; }
  body { padding: 0; max-width: none; font-size: 11pt; }
  .codes { grid-template-columns: repeat(3, 1fr); gap: 4mm; }
  .codes small { font-size: 9pt; }
  h2 { break-after: avoid; }
}
"""


def render_qr_index(items: list[tuple[str, str, str]], site_name: str) -> str:
    """qr/index.html: a printable sheet of labelled codes, grouped by section.

    items: (title, absolute page URL, file name under qr/).
    """
    groups: dict[str, list[str]] = {title: [] for title, _ in QR_SECTIONS}
    for title, url, name in items:
        section = qr_section(name)
        if section is None:
            continue
        groups.setdefault(section, []).append(
            f'<li><a href="{escape(name)}" download><img src="{escape(name)}" alt="“{escape(title)}”的二维码" '
            f'width="160" height="160" loading="lazy"><b>{escape(title)}</b></a><small>{escape(url)}</small></li>'
        )
    sections = "".join(
        f'<section><h2>{escape(section)}（{len(rows)} 个）</h2><ul class="codes">{"".join(rows)}</ul></section>'
        for section, rows in groups.items() if rows
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>二维码 - {escape(site_name)}</title>
<style>{QR_SHEET_CSS}</style>
</head>
<body>
<main>
<h1>二维码</h1>
<p>每个页面一张二维码，手机扫码就能打开对应的网页。可以直接打印这一页，剪下来贴在柜台；点二维码可以下载 SVG 图片，放大印在海报、折页上也清楚。</p>
<p class="no-print"><a href="../">返回首页</a> · <a href="../screen-builder/">大屏轮播</a></p>
{sections}
</main>
</body>
</html>
"""
