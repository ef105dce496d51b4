"""Atomic output for `mkdocs build` (logic in xiaobao.pipeline.atomic).

The first hook to see the config points site_dir at a staging folder, so every page, the
background children (search index, QR codes, open data) and the late writers (feed, screen,
print views, redirects) write there; the last hook of on_post_build swaps it in once the
strict-mode count is clean too. `mkdocs serve` and dirty builds keep writing in place: a dirty
build reuses what the last build wrote.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from xiaobao.pipeline import atomic

_run = {"atomic": False}
_state: dict[str, Any] = {}


def on_startup(command: str, dirty: bool, **kwargs) -> None:
    _run["atomic"] = command in ("build", "gh-deploy") and not dirty


@event_priority(1000)  # before any hook reads config.site_dir
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    _state.clear()
    if _run["atomic"]:
        final = Path(config.site_dir)
        _state.update(final=final, staging=atomic.prepare(final))
        config.site_dir = str(_state["staging"])
    return config


def _strict_warnings() -> bool:
    """MkDocs counts strict-mode warnings after on_post_build and then aborts: look first."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


@event_priority(-1000)  # after every check, join and late write of the other hooks
def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    if "staging" not in _state:
        return
    staging, final = _state.pop("staging"), _state["final"]
    config.site_dir = str(final)
    if _strict_warnings():
        atomic.discard(staging)  # MkDocs aborts right after this hook
        return
    atomic.publish(staging, final)


def on_build_error(error: Exception, **kwargs) -> None:
    staging = _state.pop("staging", None)
    if staging is not None:
        atomic.discard(staging)
