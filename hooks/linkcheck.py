"""Fail the build when a link inside the site leads nowhere (logic in xiaobao.pipeline.linkcheck).

Each page's HTML is read as it is rendered; the targets are checked once every file is written.
When each handler runs relative to other hooks: xiaobao/pipeline/order.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.pipeline.linkcheck import LinkCollector
from xiaobao.campaigns.problems import Problem, summarize
from xiaobao.site.errorpage import error_page

log = get_plugin_logger("链接检查")
_run = {"serve": False}
_state: dict[str, Any] = {}


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["serve"] = command == "serve"


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    """After a preview that showed broken links, every page is written again (a dirty rebuild
    would leave the problem page in place of pages that did not change)."""
    if _state.get("shown"):
        for file in files:
            file.is_modified = lambda: True  # type: ignore[method-assign]
    return files


def _show_in_preview(site_dir: Path, problems: list[str]) -> None:
    """The preview keeps serving: every written page becomes the list of broken links."""
    listed = []
    for text in problems:  # "guide/index.html（docs/guide.md）: 链接 … 指向的页面或文件不存在"
        where, _, what = text.partition(": ")
        listed.append(Problem(where, None, None, what) if what else Problem("", None, None, text))
    page = error_page(listed, title=f"网站里有 {len(problems)} 个链接指向不存在的页面或文件")
    for path in site_dir.rglob("*.html"):
        path.write_text(page, encoding="utf-8")


def on_pre_build(config: MkDocsConfig, **kwargs) -> None:
    _state["links"] = LinkCollector(config.site_dir, config.site_url)


@event_priority(-100)  # last: check the HTML as written, after any handler that changes it
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    label = page.file.dest_uri if page.file.generated_by else f"{page.file.dest_uri}（docs/{page.file.src_uri}）"
    _state["links"].add(page.file.dest_uri, output, label)
    return output


@event_priority(-100)  # last: every file is written by then (order.RULES, on_post_build)
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    problems = [str(p) for p in _state["links"].problems()]
    _state["shown"] = bool(problems) and _run["serve"]
    if problems and _run["serve"]:
        log.warning(f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，浏览器里每一页都会列出来：")
        for problem in problems[:50]:
            log.warning(f"  {problem}")
        _show_in_preview(Path(config.site_dir), problems)
        return
    if problems:
        raise PluginError(summarize(problems, f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，请改正：",
                                    ["坏链接"] * len(problems)))
