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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from xiaobao.build.background import PARALLEL, ForkedCall
from xiaobao.campaigns.problems import summarize
from xiaobao.build.linkcheck import Finished, LinkCollector, check_as_written

_run = {"whole": False}  # a clean `mkdocs build`: every page is written afresh, in order
_state: dict[str, Any] = {}


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["whole"] = command == "build" and not dirty


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
    if problems:
        raise PluginError(summarize([str(p) for p in problems], f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，请改正：",
                                    ["坏链接"] * len(problems)))


def on_build_error(error: Exception, **kwargs) -> None:
    follower = _state.pop("follower", None)
    if follower is not None:
        follower[0].set()
        follower[1].cancel()
