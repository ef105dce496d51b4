"""The portal's settings as an operator writes them in mkdocs.yml under `extra: portal:`.

    extra:
      portal:
        members:
          - name: 南通市分行                 # shown to readers
            id: nantong                      # optional: the member's address on the portal (members/nantong/)
            url: https://xiaobao.nantong.cn/ # the member's public site: its pages and data/ live there
            folder: ../nantong/site          # optional: read data/ from this folder instead of fetching
            sha256: 3b1f…                    # optional: the data package the operator checked (pin)
        timeout: 20                          # optional: seconds per member
        max_mb: 200                          # optional: largest file accepted from a member
        listing: 100                         # optional: newest campaigns listed per member
        search: 50                           # optional: newest campaigns per member in the search

Every mistake is a message naming the field, what is wrong and what is allowed.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from xiaobao.campaigns.problems import shown
from xiaobao.site.facets import slugify

WHERE = "mkdocs.yml 的 extra.portal"
MEMBER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
NAME_MAX = 40
DEFAULTS = {"timeout": 20.0, "max_mb": 200, "listing": 100, "search": 50}


@dataclass(frozen=True)
class Member:
    id: str  # ASCII, the member's page on the portal: members/<id>/
    name: str
    url: str  # public base address, ends with "/"
    folder: Path | None = None  # read the published files from here instead of fetching
    sha256: str | None = None  # pin: package_digest of the copy the operator checked

    @property
    def label(self) -> str:
        """How messages name the member: its name and address."""
        return f"成员“{self.name}”（{self.url}）"


@dataclass(frozen=True)
class PortalConfig:
    members: tuple[Member, ...]
    cache: Path
    timeout: float = DEFAULTS["timeout"]
    max_bytes: int = DEFAULTS["max_mb"] * 1024 * 1024
    listing: int = DEFAULTS["listing"]
    search: int = DEFAULTS["search"]
    ca_file: Path | None = None  # an extra certificate authority (an internal one, or a test's)
    problems: tuple[str, ...] = field(default=())


def is_portal(extra: object) -> bool:
    """A project is a portal when mkdocs.yml has `extra: portal:`."""
    try:
        return "portal" in extra  # type: ignore[operator]  # a dict, or MkDocs' config object
    except TypeError:
        return False


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(url: object) -> str | None:
    """Members are read over HTTPS; plain http only on this machine (a demo, a test)."""
    if not isinstance(url, str) or not url.strip():
        return "没有填写。请写成员网站的网址，例如 https://xiaobao.nantong.cn/"
    parts = urlsplit(url.strip())
    if not parts.hostname or parts.scheme not in ("https", "http"):
        return f"“{shown(url)}”不是完整的网址。请以 https:// 开头，例如 https://xiaobao.nantong.cn/"
    if parts.scheme == "http" and not _loopback(parts.hostname):
        return f"“{shown(url)}”用的是 http://。成员的数据只通过 https:// 读取，请改成 https://"
    if parts.query or parts.fragment or parts.username or parts.password:
        return f"“{shown(url)}”带有 ?、# 或用户名。请只写网站的地址，例如 https://xiaobao.nantong.cn/"
    return None


def _base(url: str) -> str:
    url = url.strip()
    return url if url.endswith("/") else url + "/"


def _member(raw: object, index: int, root: Path, problems: list[str]) -> Member | None:
    where = f"{WHERE}.members 第 {index} 项"
    if not isinstance(raw, dict):
        problems.append(f"{where}：应当是 name、url 等几个字段，现在写成了“{shown(raw)}”")
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX or re.search(r"[<>&\"'\x00-\x1f]", name):
        problems.append(f"{where}：name（成员名称）“{shown(name)}”不合适。请写 1 到 {NAME_MAX} 个字的单位名称，不要带 < > & 引号")
        return None
    where = f"{where}（{name}）"
    bad = url_problem(raw.get("url"))
    if bad:
        problems.append(f"{where}：url {bad}")
        return None
    member_id = raw.get("id", slugify(name.strip()))
    if not isinstance(member_id, str) or not MEMBER_ID.match(member_id):
        problems.append(f"{where}：id “{shown(member_id)}”只能用小写字母、数字和连字符，最多 40 个字符")
        return None
    pin = raw.get("sha256")
    if pin is not None and (not isinstance(pin, str) or not SHA256.match(pin.strip().lower())):
        problems.append(f"{where}：sha256 “{shown(pin)}”不是 64 位的十六进制指纹。请从门户的“数据来源”表里复制")
        return None
    folder = raw.get("folder")
    if folder is not None and (not isinstance(folder, str) or not folder.strip()):
        problems.append(f"{where}：folder “{shown(folder)}”应当是一个文件夹的路径")
        return None
    unknown = sorted(set(raw) - {"name", "id", "url", "folder", "sha256"})
    if unknown:
        problems.append(f"{where}：不认识的字段 {', '.join(map(shown, unknown))}。可以写的字段：name、id、url、folder、sha256")
    return Member(member_id, name.strip(), _base(raw["url"]), root / folder if folder else None,
                  pin.strip().lower() if pin else None)


def _number(raw: dict, key: str, low: float, high: float, problems: list[str]) -> float:
    value = raw.get(key, DEFAULTS[key])
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        problems.append(f"{WHERE}.{key}：“{shown(value)}”不合适，应当是 {low:g} 到 {high:g} 之间的数字")
        return DEFAULTS[key]
    return value


def read_config(extra: Any, root: Path) -> PortalConfig:
    """The portal settings; problems name the field. A member with a problem is left out."""
    raw = extra.get("portal") if hasattr(extra, "get") else None
    problems: list[str] = []
    if not isinstance(raw, dict):
        raw = {}
        problems.append(f"{WHERE}：应当写成 portal: 下面一行 members:，列出成员网站")
    members_raw = raw.get("members")
    if not isinstance(members_raw, list) or not members_raw:
        problems.append(f"{WHERE}.members：没有列出成员网站。每个成员写 name 和 url")
        members_raw = []
    members: list[Member] = []
    for index, item in enumerate(members_raw, start=1):
        member = _member(item, index, root, problems)
        if member is None:
            continue
        clash = next((m for m in members if m.id == member.id or m.url.startswith(member.url) or member.url.startswith(m.url)), None)
        if clash:
            what = "id 与" if clash.id == member.id else "url 与" if clash.url == member.url else "url 和"
            problems.append(f"{WHERE}.members 第 {index} 项（{member.name}）：{what}“{clash.name}”的相同或套在一起。"
                            "每个成员的 id 要不同，url 也不能一个在另一个下面（门户靠网址分辨活动是哪个成员的）")
            continue
        members.append(member)
    timeout = _number(raw, "timeout", 1, 600, problems)
    max_mb = _number(raw, "max_mb", 1, 4096, problems)
    listing = int(_number(raw, "listing", 1, 1000, problems))
    search = int(_number(raw, "search", 0, 100000, problems))
    cache = root / str(raw.get("cache") or ".cache/portal")
    ca = raw.get("ca_file")
    return PortalConfig(tuple(members), cache, float(timeout), int(max_mb * 1024 * 1024), listing, search,
                        root / ca if isinstance(ca, str) and ca else None, tuple(problems))
