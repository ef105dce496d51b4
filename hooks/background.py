"""Background processes for the work other hooks submit (xiaobao.build.background).

`early` starts at on_nav, for work that needs only the file list: it runs while MkDocs reads the
Markdown of every page. `batch` starts at on_env, once every page is read. Both are joined before
the files they write are checked.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from xiaobao.build import background

_run = {"serve": False}  # kept across serve rebuilds: MkDocs loads a hook module once per process


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["serve"] = command == "serve"


def _cancel() -> None:
    background.early.cancel()
    background.batch.cancel()


@event_priority(100)  # before any hook can submit work for this build
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    _cancel()  # a serve rebuild may begin while the last children still run
    background.early, background.batch = background.Batch(), background.Batch()
    return config


@event_priority(-200)  # after hooks/reach.py has submitted the QR codes (-100)
def on_nav(nav: Any, config: MkDocsConfig, **kwargs) -> Any:
    background.early.start()
    return nav


@event_priority(-200)  # after hooks/search.py has submitted the index (-100)
def on_env(env: Environment, config: MkDocsConfig, **kwargs) -> Environment:
    background.batch.start()
    return env


@event_priority(100)  # before other hooks list or check the files the tasks write
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Join the children; under `mkdocs serve` let the on_env one finish on its own, so the edited
    page shows at once (the early one has no work there: codes are written in place)."""
    try:
        if not _run["serve"]:
            background.batch.wait()
        background.early.wait()  # after: each wait unfreezes the collector for both
    except RuntimeError as error:
        raise PluginError(f"后台任务失败（{error}），网站没有生成完整。详见上方的错误输出") from error


def on_build_error(error: Exception, **kwargs) -> None:
    _cancel()
