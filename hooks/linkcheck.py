"""Fail the build when a link inside the site leads nowhere (logic in xiaobao.build.linkcheck).

Each page's HTML is read as it is rendered; the targets are checked once every file is written.
When each handler runs relative to other hooks: xiaobao/build/order.py.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from xiaobao.build.linkcheck import LinkCollector
from xiaobao.campaigns.problems import summarize

_state: dict[str, LinkCollector] = {}


def on_pre_build(config: MkDocsConfig, **kwargs) -> None:
    _state["links"] = LinkCollector(config.site_dir, config.site_url)


@event_priority(-100)  # last: check the HTML as written, after any handler that changes it
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    label = page.file.dest_uri if page.file.generated_by else f"{page.file.dest_uri}（docs/{page.file.src_uri}）"
    _state["links"].add(page.file.dest_uri, output, label)
    return output


@event_priority(-100)  # last: every file is written by then (order.RULES, on_post_build)
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    problems = _state["links"].problems()
    if problems:
        raise PluginError(summarize([str(p) for p in problems], f"网站里有 {len(problems)} 个链接指向不存在的页面或文件，请改正：",
                                    ["坏链接"] * len(problems)))
