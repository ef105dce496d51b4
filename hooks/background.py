"""The one background child: started at on_env, joined at on_post_build (xiaobao.pipeline.background).

Other hooks submit work to BUILD.background; when each handler runs is in xiaobao/pipeline/order.py.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from xiaobao.pipeline.background import Batch
from xiaobao.pipeline.state import BUILD

_run = {"serve": False}  # kept across serve rebuilds: MkDocs loads a hook module once per process


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["serve"] = command == "serve"


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    BUILD.background.cancel()  # a serve rebuild may begin while the last child still runs
    BUILD.background = Batch()
    return config


def _failed(error: RuntimeError) -> PluginError:
    return PluginError(f"后台任务失败（{error}），网站没有生成完整。详见上方的错误输出")


@event_priority(-100)  # last: the child is forked once, with everything submitted (order.RULES, on_env)
def on_env(env: Environment, config: MkDocsConfig, **kwargs) -> Environment:
    try:
        BUILD.background.start(joined=not _run["serve"])
    except RuntimeError as error:  # under serve the linked tasks run here
        raise _failed(error) from error
    return env


@event_priority(100)  # first: the link check needs the child's files (order.RULES, on_post_build)
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    """Join the child; under `mkdocs serve` let it finish on its own, so the edited page shows at once."""
    if _run["serve"]:
        return
    try:
        BUILD.background.wait()
    except RuntimeError as error:
        raise _failed(error) from error


def on_build_error(error: Exception, **kwargs) -> None:
    BUILD.background.cancel()
