"""The public address: QR codes, the feed and canonical links use site_url from mkdocs.yml, never the preview host.

Logic in xiaobao.publish.address. First in mkdocs.yml's hooks and at the highest priority, so every other
hook reads config.site_url after it is put back.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from xiaobao.publish import address

log = get_plugin_logger("address")
_run = {"serve": False}  # kept across serve rebuilds: on_startup runs once per process


def on_startup(command: str, **kwargs) -> None:
    _run["serve"] = command == "serve"


@event_priority(100)  # the public address is settled before reach and the background child read it (order.RULES, on_config)
def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    preview = _run["serve"] or address.preview_url(config.dev_addr, config.site_url)
    if preview:
        config.site_url = address.configured_site_url(config.config_file_path) or address.PLACEHOLDER
    elif address.from_environment():
        config.site_url = address.from_environment()  # XIAOBAO_SITE_URL, set in CI, wins over mkdocs.yml
    if message := address.site_name_problem(config.site_name, config.config_file_path):
        raise PluginError(message)
    if not preview and address.publishing() and (message := address.problem(config.site_url, config.config_file_path)):
        raise PluginError(message)  # MkDocs prints "Error: …" and exits 1, without a traceback
    config.site_url, warning = address.canonical(config.site_url, config.config_file_path)  # only the checked form is used
    if warning:
        log.warning(warning)
    config.extra["xiaobao_preview"] = {"public_url": config.site_url,
                                       "placeholder": address.problem(config.site_url) is not None} if preview else None
    return config
