"""The public address (site_url): what every QR code, feed entry and canonical link points at.

`mkdocs serve` replaces site_url with its own http://127.0.0.1:8000/. A leaflet printed from the
preview must still send readers to the real site, so the address is read again from mkdocs.yml.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

PLACEHOLDER = "https://xiaobao.example.cn/"
PUBLISH_ENV = "XIAOBAO_PUBLISH"  # set by `make build` and scripts/publish.py
SITE_URL_ENV = "XIAOBAO_SITE_URL"  # when set, replaces site_url from mkdocs.yml (CI variables)
_PLACEHOLDER_HOST = re.compile(r"(^|\.)(example\.(cn|com|org|net)|localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0)$")


def publishing() -> bool:
    """Whether this build goes online: then the placeholder address is an error."""
    return os.environ.get(PUBLISH_ENV, "") not in ("", "0")


def from_environment() -> str | None:
    """The public address given by the environment (a CI variable), if any."""
    return os.environ.get(SITE_URL_ENV, "").strip() or None


def configured_site_url(config_file: str | os.PathLike | None) -> str | None:
    """The public address: XIAOBAO_SITE_URL, else site_url as written in mkdocs.yml (before `mkdocs serve` replaced it)."""
    if from_environment():
        return from_environment()
    if not config_file:
        return None
    from mkdocs.utils.yaml import yaml_load  # the engine's loader knows its own tags; imported late, kept local

    with open(config_file, encoding="utf-8") as f:
        value = (yaml_load(f) or {}).get("site_url")
    return value if isinstance(value, str) and value.strip() else None


def preview_url(dev_addr: tuple[str, int], site_url: str | None) -> bool:
    """Whether site_url is the address `mkdocs serve` gave the preview (http://host:port/path)."""
    host, port = dev_addr
    host = f"[{host}]" if ":" in host else host
    return bool(site_url) and str(site_url).startswith(f"http://{host}:{port}/")


def line_of(config_file: str | os.PathLike | None, key: str = "site_url") -> int | None:
    """The line in mkdocs.yml where the key is set, for the editor's message."""
    if not config_file or not Path(config_file).is_file():
        return None
    for number, line in enumerate(Path(config_file).read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def problem(site_url: str | None, config_file: str | os.PathLike | None = None) -> str | None:
    """Why this address cannot be published, in plain Chinese; None when it can."""
    where = Path(config_file).name if config_file else "mkdocs.yml"
    line = line_of(config_file)
    at = f"{where} 第 {line} 行" if line else where
    fix = ("请把这一行的网址换成本站的正式网址，例如 site_url: https://xiaobao.你的单位.cn/ ，"
           f"或者在发布时用环境变量 {SITE_URL_ENV} 给出，再发布。预览（make site）可以不改。")
    if not site_url:
        return f"{at}：没有填写 site_url（本站的正式网址）。二维码、订阅和分享链接都要用它。{fix}"
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{at}：site_url “{site_url}”不是完整的网址，应以 https:// 开头。{fix}"
    if _PLACEHOLDER_HOST.search(parts.hostname):
        return (f"{at}：site_url 还是示例网址 “{site_url}”。用它发布，传单和网点屏幕上的二维码会把读者带到"
                f"不存在的网站。{fix}")
    return None
