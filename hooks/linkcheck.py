"""Fail the build when a link inside the site leads nowhere (logic in xiaobao.build.linkcheck).

In a full build on two cores the pages are checked by a forked process that reads each page
file as soon as MkDocs has written it; otherwise (`mkdocs serve`, a dirty build) each page's
HTML is read here as it is rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from xiaobao.build.background import PARALLEL, ForkedCall
from xiaobao.build.linkcheck import Finished, LinkCollector, check_as_written
from xiaobao.campaigns.problems import Problem
from xiaobao.site.errorpage import error_page

log = get_plugin_logger("链接检查")
_run = {"whole": False, "serve": False}  # whole: a clean `mkdocs build`: every page is written afresh, in order
_state: dict[str, Any] = {}


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["whole"] = command == "build" and not dirty
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
    _state["follower"] = None


def _label(file: File) -> str:
    return file.dest_uri if file.generated_by else f"{file.dest_uri}（docs/{file.src_uri}）"


@event_priority(-300)  # after hooks/background.py forked its child (-200), which must not hold the pipe
def on_env(env: Environment, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    if _run["whole"] and PARALLEL:
        pages = [(f.dest_uri, _label(f)) for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        finished = Finished()
        _state["follower"] = (finished, ForkedCall(check_as_written, Path(config.site_dir), config.site_url, pages, finished))
    return env


@event_priority(-100)  # after every other hook has changed the HTML
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    if _state["follower"] is None:
        _state["links"].add(page.file.dest_uri, output, _label(page.file))
    return output


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    follower = _state.pop("follower", None)
    if follower is not None:
        finished, call = follower
        finished.set()
        problems = call.result()
    else:
        problems = _state["links"].problems()
    _state["shown"] = bool(problems) and _run["serve"]
    if problems and _run["serve"]:
        log.warning(f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，浏览器里每一页都会列出来：")
        for problem in problems[:200]:
            log.warning(f"  {problem}")
        _show_in_preview(Path(config.site_dir), problems)
        return
    if problems:
        lines = "\n".join(f"  {p}" for p in problems[:200])
        more = f"\n  ……另有 {len(problems) - 200} 处" if len(problems) > 200 else ""
        raise PluginError(f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，请改正：\n{lines}{more}")


def on_build_error(error: Exception, **kwargs) -> None:
    follower = _state.pop("follower", None)
    if follower is not None:
        follower[0].set()
        follower[1].cancel()
