"""Fail the build when a link inside the site leads nowhere (logic in xiaobao.linkcheck).

Reading the links of 10,000 rendered pages costs seconds. In a full build each page's path is
streamed to the background child (xiaobao.background), which reads the written file while MkDocs
renders the next pages; under `mkdocs serve` the few rebuilt pages are read here.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from xiaobao import background
from xiaobao.linkcheck import LinkCollector, read_written_pages

_state: dict[str, Any] = {}


def on_pre_build(config: MkDocsConfig, **kwargs) -> None:
    _state["links"] = LinkCollector(config.site_dir, config.site_url)
    _state["stream"] = None


@event_priority(-100)  # before hooks/background.py starts the child (-200)
def on_env(env: Environment, config: MkDocsConfig, **kwargs) -> Environment:
    if background.batch.joined and background.CAN_FORK:
        _state["stream"] = background.batch.stream("链接检查", partial(read_written_pages, config.site_dir, config.site_url))
    return env


@event_priority(-100)  # after every other hook has changed the HTML
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    label = page.file.dest_uri if page.file.generated_by else f"{page.file.dest_uri}（docs/{page.file.src_uri}）"
    if _state["stream"] is not None:
        _state["stream"].send((page.file.dest_uri, label))
    else:
        _state["links"].add(page.file.dest_uri, output, label)
    return output


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Runs after hooks/background.py has joined the child (priority 100): the stream's links are in."""
    links: LinkCollector = _state["links"]
    if _state["stream"] is not None:
        links.links = _state["stream"].result
    problems = links.problems()
    if problems:
        lines = "\n".join(f"  {p}" for p in problems[:200])
        more = f"\n  ……另有 {len(problems) - 200} 处" if len(problems) > 200 else ""
        raise PluginError(f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，请改正：\n{lines}{more}")
