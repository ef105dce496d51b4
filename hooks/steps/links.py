"""Fail the build when a link inside the site leads nowhere (logic in xiaobao.pipeline.linkcheck).

Each page's HTML is read as it is written; the targets are checked once every file is, against
what the build wrote or declared (build.written), not against whatever lies in the folder.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from xiaobao.campaigns.problems import Problem, summarize
from xiaobao.pipeline.linkcheck import LinkCollector
from xiaobao.pipeline.state import Build, Session
from xiaobao.site.errorpage import error_page

log = get_plugin_logger("链接检查")


def begin(build: Build) -> None:
    build.links = LinkCollector(build.site_dir, build.settings.site_url)


def collect(build: Build, output: str, page: Page) -> None:
    file = page.file
    label = file.dest_uri if file.generated_by else f"{file.dest_uri}（docs/{file.src_uri}）"
    build.links.add(file.dest_uri, output, label)


def _show_in_preview(site_dir: Path, problems: list[str]) -> None:
    """The preview keeps serving: every written page becomes the list of broken links."""
    listed = []
    for text in problems:  # "guide/index.html（docs/guide.md）: 链接 … 指向的页面或文件不存在"
        where, _, what = text.partition(": ")
        listed.append(Problem(where, None, None, what) if what else Problem("", None, None, text))
    page = error_page(listed, title=f"网站里有 {len(problems)} 个链接指向不存在的页面或文件")
    for path in site_dir.rglob("*.html"):
        path.write_text(page, encoding="utf-8")


def check(build: Build, session: Session) -> None:
    """Every link checked once everything is written; the preview lists broken ones instead of stopping."""
    problems = [str(p) for p in build.links.problems(build.written.exists)]
    serve = build.settings.serve
    session.links_shown = bool(problems) and serve  # the next build writes every page again
    if problems and serve:
        log.warning(f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，浏览器里每一页都会列出来：")
        for problem in problems[:50]:
            log.warning(f"  {problem}")
        _show_in_preview(build.site_dir, problems)
        return
    if problems:
        raise PluginError(summarize(problems, f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，请改正：",
                                    ["坏链接"] * len(problems)))
