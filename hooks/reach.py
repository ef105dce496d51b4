"""Reach: QR codes, stable slugs and redirects, the feed, screen mode and print views, and markup
that every browser and screen reader can read (the theme's frame mended: xiaobao/site/theme_markup.py).

A thin shell over xiaobao.outputs.qr / qrfiles / feeds / screen / leaflets. What it reads from other
hooks comes through xiaobao.build.state.BUILD; when it runs, xiaobao/build/order.py.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from xiaobao.build.state import BUILD
from xiaobao.build.urls import PATH_HELP, Claim, conflicts
from xiaobao.campaigns.problems import shown, summarize
from xiaobao.campaigns.schema import slug_problem
from xiaobao.publish import address
from xiaobao.outputs import feeds, leaflets, qr, screen
from xiaobao.campaigns.frontmatter import FrontMatterError
from xiaobao.campaigns.frontmatter import parse as parse_front_matter
from xiaobao.site.hotlines import hotline_table, hotlines_for
from xiaobao.site.theme_markup import mend_theme_markup
from xiaobao.outputs.qrfiles import PageCode, write_qr_codes, write_qr_index
from xiaobao.site.audience import is_reader_page
from xiaobao.campaigns.vocab import TOPICS

log = get_plugin_logger("reach")
REVIEW_KEYS = ("last_reviewed", "reviewed", "review_date", "updated")
HOTLINES_MARKER = "<!-- xiaobao:hotlines -->"
SCREEN_BUILDER = "screen-builder.md"  # docs page that hosts the /screen/ address builder
_QR_CACHE: dict[tuple[str, bool], str] = {}  # pure function of the URL: safe across serve rebuilds
_state: dict[str, Any] = {}
_run: dict[str, Any] = {"dirty": False}  # how this process was started: kept across serve rebuilds


def _site_url(config: MkDocsConfig) -> str:
    return config.site_url or address.PLACEHOLDER  # hooks/address.py has put the public address back


def _qr(url: str, fast: bool) -> str:
    key = (url, fast)
    if key not in _QR_CACHE:
        _QR_CACHE[key] = qr.qr_svg(url, fast=fast)
    return _QR_CACHE[key]


def _reviewed(meta: dict) -> str:
    for key in REVIEW_KEYS:
        if meta.get(key):
            return str(meta[key])
    return ""


def _title(page: Page) -> str:
    """The page's title as text: page.title is HTML (escaped) for the theme, and these outputs escape it themselves."""
    return html.unescape(page.title or "")


def _is_education(page: Page) -> bool:
    return page.file.generated_by is None and page.file.src_uri.startswith("topics/")


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["dirty"] = dirty


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Per-build state; hook modules live for the whole `mkdocs serve` process."""
    _state.clear()
    _state.update(leaflets=[], screen={}, redirects=[], docs_redirects={}, education=[], moved={}, code_of={}, qr_index=[],
                  site_url=_site_url(config))
    return config


def _apply_slug(file: File, slug: object) -> None:
    """`slug:` in front matter fixes the URL, so moving or renaming the file changes nothing."""
    problem = slug_problem(slug)
    if problem:
        log.warning(f"docs/{file.src_uri}: slug: {problem}")
        return
    parent = posixpath.dirname(file.src_uri)
    before = file.url.strip("/")
    file.dest_uri = posixpath.join(parent, slug, "index.html")
    for cached in ("url", "abs_dest_path"):
        file.__dict__.pop(cached, None)
    if file.url.strip("/") != before and "/" in before:
        _state["moved"][file.src_uri] = before  # the file-name address may be printed somewhere: keep it working


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """Read the editors' own pages: slugs now (URLs must be fixed before links resolve), key points for /screen/."""
    for file in files.documentation_pages():
        if file.generated_by is not None:
            continue
        try:
            doc = parse_front_matter(file.content_string)
        except FrontMatterError:
            continue  # not our concern: pages without front matter or with broken YAML
        if "slug" in doc.meta:
            _apply_slug(file, doc.meta["slug"])
        _state["docs_redirects"][file.src_uri] = doc.meta.get("redirects")
        points = screen.key_points(doc.body) if file.src_uri.startswith("topics/") else []
        if points:
            key = str(doc.meta.get("topic") or posixpath.splitext(posixpath.basename(file.src_uri))[0])
            label = TOPICS[key].label if key in TOPICS else str(doc.meta.get("title") or key)
            _state["screen"][file.src_uri] = screen.ScreenTopic(key, label, "", points)
    problems = conflicts(_claims(files, config), RESERVED) + _misnamed(files)
    if problems:
        raise PluginError(summarize(problems, f"有 {len(problems)} 处网址问题，网站没有生成。请逐条改正："))
    return files


RESERVED = [Claim("qr/", "二维码文件"), Claim("print/", "打印版"), Claim("search/", "搜索索引"),
            Claim("screen/", "大屏页面"), Claim("s/", "大屏短链接"), Claim("feed.xml", "订阅源")]


def _misnamed(files: Files) -> list[str]:
    """docs/x.MD is copied as a download, not built as a page: name it instead of losing the page."""
    return [f"docs/{f.src_uri}: 扩展名写成了“{posixpath.splitext(f.src_uri)[1]}”，不会生成网页。请改成小写 .md"
            for f in files if f.generated_by is None and not f.is_documentation_page()
            and posixpath.splitext(f.src_uri)[1].lower() in {".md", ".markdown"}]


def _source(file: File, config: MkDocsConfig) -> str:
    if file.generated_by is not None:
        return getattr(file, "xiaobao_source", None) or f"网站自动生成的 {file.src_uri}"
    if file.abs_src_path and Path(file.abs_src_path).is_relative_to(Path(config.docs_dir)):
        return f"docs/{file.src_uri}"
    return f"主题文件 {file.src_uri}"


def _claims(files: Files, config: MkDocsConfig) -> list[Claim]:
    """Every path the build will write, with where it comes from (xiaobao.build.urls)."""
    claims = [Claim(f.dest_uri, _source(f, config)) for f in files if not f.inclusion.is_excluded()]
    claims += [Claim(p, "网站自动生成的" + what, ours=True) for p, what in
               [("feed.xml", "订阅源"), ("screen/index.html", "大屏页面"), ("s/index.html", "大屏短链接"),
                ("qr/index.html", "二维码下载页")]]
    for c in BUILD.catalog.campaigns:
        claims += [Claim(f"campaigns/{old}/index.html", f"{c.path} 的 redirects") for old in c.redirects]
    by_src = {f.src_uri: f for f in files}
    for src, olds in _state["docs_redirects"].items():
        file = by_src[src]
        for old in [olds] if isinstance(olds, str) else olds if isinstance(olds, list) else []:
            target = leaflets.redirect_target(file.url, old)
            if target is None:
                raise PluginError(f"docs/{src}: redirects: “{shown(old)}”不能做旧网址。{PATH_HELP}")
            claims.append(Claim(target, f"docs/{src} 的 redirects"))
    for src, before in _state["moved"].items():
        claims.append(Claim(f"{before}/index.html", f"docs/{src} 改 slug 之前的旧网址"))
    for file in files.documentation_pages():
        if file.generated_by is None and file.src_uri.startswith("topics/"):
            claims.append(Claim(leaflets.print_path(file.url), f"docs/{file.src_uri} 的打印版", ours=True))
    return claims


def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:
    """docs/reach.md shows the hotline table from xiaobao/site/hotlines.py, the one source."""
    return markdown.replace(HOTLINES_MARKER, hotline_table()) if HOTLINES_MARKER in markdown else markdown


def _screen_topics() -> list[screen.ScreenTopic]:
    """The topics with key points, in vocabulary order: what /screen/ and its builder offer."""
    order = list(TOPICS)
    return sorted(_state["screen"].values(), key=lambda t: order.index(t.key) if t.key in order else len(order))


@event_priority(-50)  # after campaigns.py has appended the listing and recorded where (order.RULES, on_page_content)
def on_page_content(html: str, page: Page, **kwargs) -> str:
    """The screen builder gets its form (after the docs sanitiser: the form is ours, not an editor's);
    on paper an education page is a leaflet: its campaign listing (added by hooks/campaigns.py) stays on screen."""
    if page.file.src_uri == SCREEN_BUILDER:
        screen_url = qr.absolute_url(_state["site_url"], "screen/")
        short_url = qr.absolute_url(_state["site_url"], "s/")
        return html + screen.builder_html(_screen_topics(), screen_url, "../screen/", short_url)
    at = BUILD.listing_at.get(page.file.src_uri)
    if at is None or not _is_education(page):
        return html
    return f'{html[:at]}<div class="xb-no-print">{html[at:]}</div>'


def _remember_education(page: Page, url: str, svg: str) -> dict[str, Any]:
    """Collect what the print view, the screen and the feed need; return the print view's path."""
    meta = page.meta or {}
    topic = _state["screen"].get(page.file.src_uri)
    if topic is not None:
        topic.url, topic.qr_svg = url, svg
    reviewed = _reviewed(meta)
    _state["education"].append({"title": _title(page), "url": url, "updated": reviewed,
                                "summary": html.unescape(str(meta.get("description") or "")), "category": "科普文章"})
    content = (page.content or "")[:BUILD.listing_at.get(page.file.src_uri)]  # the listing stays off paper
    key = str(meta.get("topic") or "")
    lines = hotlines_for(key) if key else ()
    points = tuple(topic.points) if topic is not None else ()
    _state["leaflets"].append(leaflets.Leaflet(_title(page), page.url, url, content, svg, reviewed, lines,
                                               points, html.unescape(str(meta.get("description") or ""))))
    return {"print": leaflets.print_path(page.url).removesuffix("index.html"), "reviewed": reviewed,
            "hotlines": [{"number": h.number, "label": h.label} for h in lines]}


def _is_fast(page: Page) -> bool:
    return page.file.generated_by is not None  # thousands of generated pages: skip the mask search


def on_nav(nav: Any, config: MkDocsConfig, files: Files, **kwargs) -> Any:
    """Codes need only URLs, final now (slugs applied in on_files): the background child writes them."""
    site_url = _site_url(config)
    urls = [("" if f.url in (".", "./") else f.url, f) for f in files.documentation_pages()]  # as Page.url has it
    codes = [PageCode(qr.qr_filename(url), qr.absolute_url(site_url, url), f.generated_by is not None) for url, f in urls]
    _state["code_of"] = {code.url: code for code in codes}
    # A dirty rebuild keeps the codes already written: only new pages need one.
    BUILD.background.submit("二维码", write_qr_codes, Path(config.site_dir), codes, _run["dirty"], linked=True)
    return nav


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **kwargs) -> dict:
    """Give the template this page's QR code, absolute URL and print view (overrides/main.html).

    Runs for every page, thousands of them: the common case does no more than it must.
    """
    url = qr.absolute_url(_state["site_url"], page.url)
    file = page.file
    code = _state["code_of"].get(url) or PageCode(qr.qr_filename(page.url), url, file.generated_by is not None)
    if is_reader_page(page.meta):  # the QR sheet lists readers' pages only
        _state["qr_index"].append((_title(page) or config.site_name, url, code.name))
    reach = context["reach"] = {"url": url, "qr": f"qr/{code.name}", "print": None, "reviewed": "", "hotlines": []}
    if _is_education(page):
        reach.update(_remember_education(page, url, _qr(url, _is_fast(page))))
    olds = (page.meta or {}).get("redirects") or []
    olds = [olds] if isinstance(olds, str) else list(olds)
    if file.generated_by is None:
        olds.append(_state["moved"].get(file.src_uri))
    if olds:
        _state["redirects"].extend((page, old) for old in olds if old)
    return context


def _write(site: Path, rel: str, text: str) -> None:
    (site / rel).parent.mkdir(parents=True, exist_ok=True)
    (site / rel).write_text(text, encoding="utf-8")


def _campaign_entries(config: MkDocsConfig) -> list[dict]:
    """Feed entries of the newest campaigns only: the feed keeps feeds.FEED_LIMIT entries in all."""
    site_url = _site_url(config)
    newest = feeds.newest(BUILD.catalog.campaigns, _updated, lambda c: c.url)
    return [{"title": c.title, "url": qr.absolute_url(site_url, c.url), "summary": c.summary, "category": "宣传活动",
             "updated": _updated(c)} for c in newest]


def _updated(c: Any) -> Any:
    return (c.end or c.start).earliest() if (c.end or c.start) else None


def _write_redirects(site: Path, config: MkDocsConfig) -> None:
    for page, old in _state["redirects"]:
        target = leaflets.redirect_target(page.url, old)
        if target is None or (site / target).exists():
            why = "和现有页面重名" if target else "只能用小写字母、数字、连字符和 /"
            log.warning(f"docs/{page.file.src_uri}: redirects: “{old}”{why}，没有生成跳转页")
            continue
        depth = target.count("/")
        _write(site, target, leaflets.render_redirect("../" * depth + page.url, qr.absolute_url(_site_url(config), page.url),
                                                      _title(page)))


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Write the files that are not theme pages: feed.xml, screen/, s/ (its short links), print/, redirects, qr/index.html."""
    site, site_url, name = Path(config.site_dir), _site_url(config), config.site_name
    write_qr_index(site, _state["qr_index"], name)
    entries = _state["education"] + _campaign_entries(config)
    _write(site, "feed.xml", feeds.atom_feed(name, site_url, qr.absolute_url(site_url, "feed.xml"), entries,
                                             subtitle="新收录的宣传活动和更新的科普文章"))
    _write(site, "screen/index.html", screen.render_screen([t for t in _screen_topics() if t.url], name, site_url))
    _write(site, "s/index.html", screen.render_short_page(name, qr.absolute_url(site_url, "screen-builder/")))
    for leaflet in _state["leaflets"]:
        _write(site, leaflets.print_path(leaflet.page_url), leaflets.render_leaflet(leaflet, name))
    _write_redirects(site, config)


def on_post_page(output: str, page: Page, **kwargs) -> str:
    return mend_theme_markup(output)


def on_post_template(output_content: str, template_name: str, **kwargs) -> str:
    """404.html is rendered from the theme as a static template, not as a page."""
    return mend_theme_markup(output_content)
