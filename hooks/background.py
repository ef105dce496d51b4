"""One background process per build for the work other hooks submit at on_env (xiaobao.background)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from xiaobao import background

_run = {"serve": False}  # kept across serve rebuilds: MkDocs loads a hook module once per process


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["serve"] = command == "serve"


@event_priority(100)  # before any hook can submit work for this build
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    background.batch.cancel()  # a serve rebuild may begin while the last child still runs
    background.batch = background.Batch()
    background.batch.joined = not _run["serve"]
    return config


@event_priority(-200)  # after hooks/search.py and hooks/reach.py have submitted theirs (-100)
def on_env(env: Environment, config: MkDocsConfig, **kwargs) -> Environment:
    background.batch.start()
    return env


@event_priority(100)  # before other hooks list or check the files the tasks write
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Join the child; under `mkdocs serve` let it finish on its own, so the edited page shows at once."""
    if _run["serve"]:
        return  # the next rebuild's on_config replaces it; a failure prints its traceback meanwhile
    try:
        background.batch.wait()
    except RuntimeError as error:
        raise PluginError(f"后台任务失败（{error}），网站没有生成完整。详见上方的错误输出") from error


def on_build_error(error: Exception, **kwargs) -> None:
    background.batch.cancel()
