"""The public address (site_url): what every QR code, feed entry and canonical link points at.

`mkdocs serve` replaces site_url with its own http://127.0.0.1:8000/. A leaflet printed from the
preview must still send readers to the real site, so the address is read again from mkdocs.yml.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from xiaobao.campaigns.problems import shown

PLACEHOLDER = "https://xiaobao.example.cn/"
PUBLISH_ENV = "XIAOBAO_PUBLISH"  # set by `make build` and scripts/publish.py; read in xiaobao.pipeline.settings
SITE_URL_ENV = "XIAOBAO_SITE_URL"  # when set, replaces site_url from mkdocs.yml (CI variables); read in xiaobao.pipeline.settings
_PLACEHOLDER_HOST = re.compile(r"(^|\.)(example\.(cn|com|org|net)|localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0)$")


# The whole address, matched at once: no part of it is left to a lenient parser (urlsplit drops
# newlines and lets `;`, spaces and braces into a host). Host labels are checked one by one below.
_FORM = re.compile(r"(https?)://([^/:?#]+)(?::([0-9]{1,5}))?(/[A-Za-z0-9._~/-]*)?")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
ALLOWED = ("网址只能是 https://主机名/ 或 http://主机名/ 的形式：主机名由字母、数字、点和连字符组成（也可以是中文域名），"
           "后面可以有 :端口 和由字母、数字、- _ . ~ / 组成的路径，不能有空格、换行、引号、分号、括号、? # 等符号")


class AddressError(ValueError):
    """A public address that is not of the allowed form; the message is plain Chinese."""


@dataclass(frozen=True)
class PublicAddress:
    """A checked public address: the only form of site_url that reaches a page or a server configuration."""

    scheme: str
    host: str  # ASCII: lower case, an IDN in its xn-- form
    port: int | None
    path: str  # starts and ends with /

    @property
    def url(self) -> str:
        port = f":{self.port}" if self.port else ""
        return f"{self.scheme}://{self.host}{port}{self.path}"

    @property
    def https(self) -> bool:
        return self.scheme == "https"


def _ascii_host(host: str) -> str:
    """The host in ASCII (IDNA), or AddressError: letters, digits, hyphens in dot-separated labels."""
    host = unicodedata.normalize("NFC", host).lower()
    if not host or len(host) > 253:
        raise AddressError("主机名是空的或太长")
    labels = []
    for label in host.split("."):
        if not label.isascii():
            if not all(ch.isalnum() or ch == "-" for ch in label):
                raise AddressError(f"主机名里的“{shown(label)}”有不能用的字符")
            try:
                label = label.encode("idna").decode("ascii")
            except UnicodeError:
                raise AddressError(f"“{shown(label)}”不是有效的中文域名") from None
        if not _LABEL.fullmatch(label):
            raise AddressError(f"主机名里的“{shown(label) or '（空）'}”不对：每一段只能有字母、数字和连字符，不能以连字符开头或结尾")
        labels.append(label)
    return ".".join(labels)


def parse(text: object) -> PublicAddress:
    """Check a public address against the allowed form; AddressError says what is wrong, in Chinese."""
    if not isinstance(text, str) or not text.strip():
        raise AddressError("没有填写网址")
    match = _FORM.fullmatch(text.strip())
    if not match:
        raise AddressError(ALLOWED)
    scheme, host, port, path = match.groups()
    if port is not None and not 1 <= int(port) <= 65535:
        raise AddressError(f"端口 {port} 不对：只能是 1 到 65535")
    if scheme == "https" and port is not None and int(port) == 80:
        # The generated server configuration listens on 80 for the redirect from http to https.
        raise AddressError("https 网址不能用 80 端口：80 端口留给从 http 跳转到 https。请去掉“:80”，或换一个端口")
    path = path or "/"
    if "//" in path or any(part in (".", "..") for part in path.split("/")):
        raise AddressError("网址的路径里不能有 // 、/./ 或 /../")
    return PublicAddress(scheme, _ascii_host(host), int(port) if port else None, path if path.endswith("/") else path + "/")


def form_problem(site_url: object) -> str | None:
    """Why the address is not of the allowed form (None when it is): checked in the preview too."""
    try:
        parse(site_url)
    except AddressError as err:
        return str(err)
    return None


def configured_site_url(config_file: str | os.PathLike | None, from_env: str | None = None) -> str | None:
    """The public address: from_env (XIAOBAO_SITE_URL, read by the caller), else site_url as written
    in mkdocs.yml (before `mkdocs serve` replaced it)."""
    if from_env:
        return from_env
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


def problem(site_url: str | None, config_file: str | os.PathLike | None = None,
            from_env: str | None = None) -> str | None:
    """Why this address cannot be published, in plain Chinese; None when it can. from_env is the
    XIAOBAO_SITE_URL value the caller read (xiaobao.pipeline.settings): the message then names the
    variable instead of the mkdocs.yml line. This module reads no environment itself."""
    where = Path(config_file).name if config_file else "mkdocs.yml"
    line = line_of(config_file)
    at = f"{where} 第 {line} 行" if line else where
    if from_env and site_url == from_env:
        at = f"环境变量 {SITE_URL_ENV}（它代替 {where} 里的 site_url）"
    fix = ("请把这一行的网址换成本站的正式网址，例如 site_url: https://xiaobao.你的单位.cn/ ，"
           f"或者在发布时用环境变量 {SITE_URL_ENV} 给出，再发布。预览（make site）可以不改。")
    if not site_url:
        return f"{at}：没有填写 site_url（本站的正式网址）。二维码、订阅和分享链接都要用它。{fix}"
    try:
        parts = parse(site_url)
    except AddressError as err:
        return f"{at}：site_url “{shown(site_url)}”不是可以发布的网址。{err}。{fix}"
    if _PLACEHOLDER_HOST.search(parts.host):
        return (f"{at}：site_url 还是示例网址 “{site_url}”。用它发布，传单和网点屏幕上的二维码会把读者带到"
                f"不存在的网站。{fix}")
    return None


def canonical(site_url: str | None, config_file: str | os.PathLike | None = None,
              from_env: str | None = None) -> tuple[str, str | None]:
    """(address every page and file may use, warning): the checked form of site_url, or the
    placeholder and a message naming the line (or the variable, see problem) when site_url is not of the allowed form."""
    if form_problem(site_url) is None:
        return parse(site_url).url, None
    return PLACEHOLDER, (f"{problem(site_url, config_file, from_env)} 在改好之前，预览里的二维码和链接用示例网址 {PLACEHOLDER}")


_MARKUP = re.compile(r"[<>{}\x00-\x1f\x7f]")


def site_name_problem(site_name: object, config_file: str | os.PathLike | None = None) -> str | None:
    """site_name is printed on every page, some of them by the theme's own templates without escaping:
    markup and template braces are refused (our own templates escape it as well)."""
    if not isinstance(site_name, str) or not site_name.strip():
        return None  # MkDocs itself requires it
    bad = _MARKUP.search(site_name)
    if bad is None:
        return None
    line = line_of(config_file, "site_name")
    where = f"{Path(config_file).name if config_file else 'mkdocs.yml'}" + (f" 第 {line} 行" if line else "")
    return (f"{where}：site_name（网站名称）“{shown(site_name)}”里有“{shown(bad.group())}”。网站名称会印在每一页上，"
            "不能有 < > { } 和看不见的控制字符。请只写文字，例如 site_name: 消保 · 消费者权益教育")
