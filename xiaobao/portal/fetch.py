"""Bringing a member's published data files into the portal's cache, over HTTPS or from a folder.

Each member has a folder in the cache: `new/` holds this build's copy until it is checked, `good/`
the last copy that passed (checks.py), and `state.json` what is known between builds: the ETag
and Last-Modified of the good copy's files (conditional requests: an unchanged file is not sent
again), when the good copy was fetched and since when the member is failing. Nothing is fetched
when a reader opens a page: the portal's pages and data are made from the cache at build time.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import shutil
import socket
import ssl
import stat
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from xiaobao.portal.config import Member, PortalConfig

FILES = ("data/datapackage.json", "data/campaigns.csv", "data/stats.json")
CHUNK = 64 * 1024
USER_AGENT = "xiaobao-portal/1"


class FetchError(Exception):
    """Why a member's files could not be brought in; `kind` names the quarantine class."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class FileInfo:
    etag: str | None = None
    last_modified: str | None = None
    stamp: str | None = None  # a folder member's file: size and mtime when copied
    sha256: str | None = None


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def package_digest(folder: Path) -> str:
    """The pin of a copy: sha256 of `sha256sum` output over the three files, in FILES order.

    The same as `sha256sum data/datapackage.json data/campaigns.csv data/stats.json | sha256sum`
    run in the member's published folder, so an operator can check a pin by hand.
    """
    lines = "".join(f"{file_digest(folder / rel)}  {rel}\n" for rel in FILES)
    return hashlib.sha256(lines.encode()).hexdigest()


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Redirects stay on the member's own host and scheme: a member cannot send the portal to read
    another host (another member, an address inside the operator's network)."""

    def __init__(self, origin: tuple[str, str | None, int | None]) -> None:
        self.origin = origin

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        parts = urlsplit(urljoin(req.full_url, newurl))
        if (parts.scheme, parts.hostname, parts.port) != self.origin:
            raise FetchError("unreachable", f"把请求转到了另一个网站（{parts.scheme}://{parts.hostname}），门户不跟随")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(member: Member, config: PortalConfig) -> urllib.request.OpenerDirector:
    parts = urlsplit(member.url)
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    return urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                       _SameOrigin((parts.scheme, parts.hostname, parts.port)),
                                       urllib.request.ProxyHandler({}))


def _read_limited(stream, out: Path, limit: int, deadline: float, rel: str) -> None:
    """Copy stream to out; too large or too slow (a server sending a byte a second) is refused."""
    size = 0
    with open(out, "wb") as f:
        while True:
            if time.monotonic() > deadline:
                raise FetchError("slow", f"{rel} 在规定时间内没有传完（太慢）")
            block = stream.read(CHUNK)
            if not block:
                return
            size += len(block)
            if size > limit:
                raise FetchError("too_large", f"{rel} 超过 {limit // (1024 * 1024)} MB 上限")
            f.write(block)


def _fetch_url(opener, url: str, rel: str, out: Path, known: FileInfo | None, limit: int, deadline: float) -> FileInfo | None:
    """The file at url into out; None when the server says it has not changed (304)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    if known and known.etag:
        request.add_header("If-None-Match", known.etag)
    if known and known.last_modified:
        request.add_header("If-Modified-Since", known.last_modified)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("slow", f"{rel} 没来得及读取（前面的文件已用完规定时间）")
    try:
        with opener.open(request, timeout=remaining) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchError("too_large", f"{rel} 有 {int(length) / 1024 / 1024:.0f} MB，超过 {limit // (1024 * 1024)} MB 上限")
            _read_limited(response, out, limit, deadline, rel)
            return FileInfo(response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as err:
        if err.code == 304 and known:
            return None
        raise FetchError("unreachable", f"{rel} 读取失败：网站回答 HTTP {err.code}") from None
    except FetchError:
        raise
    except (socket.timeout, TimeoutError):
        raise FetchError("slow", f"{rel} 在 {int(deadline - time.monotonic() + 0.5) if deadline > time.monotonic() else 0} 秒内没有回应（太慢）") from None
    except ssl.SSLError as err:
        raise FetchError("unreachable", f"{rel} 的 HTTPS 证书或加密连接有问题，门户不信任这个网站（{err.reason or err}）") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as err:
        reason = getattr(err, "reason", err)
        if isinstance(reason, ssl.SSLError):
            raise FetchError("unreachable", f"{rel} 的 HTTPS 证书或加密连接有问题，门户不信任这个网站（{reason.reason or reason}）") from None
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError("slow", f"{rel} 在规定时间内没有回应（太慢）") from None
        raise FetchError("unreachable", f"{rel} 读取失败，连不上这个网站（{reason}）") from None


def _copy_local(src: Path, out: Path, rel: str, limit: int, known: FileInfo | None) -> FileInfo | None:
    """A folder member's file; None when it has not changed since the good copy was taken."""
    try:
        info = os.lstat(src)
    except OSError:
        raise FetchError("unreachable", f"找不到 {rel}（mkdocs.yml 里这个成员的 folder 文件夹里没有它发布的数据）") from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise FetchError("malformed", f"{rel} 不是普通文件（可能是链接）。门户只读普通文件")
    if info.st_size > limit:
        raise FetchError("too_large", f"{rel} 有 {info.st_size / 1024 / 1024:.0f} MB，超过 {limit // (1024 * 1024)} MB 上限")
    stamp = f"{info.st_size}:{info.st_mtime_ns}"
    if known and known.stamp == stamp:
        return None
    with open(src, "rb") as f:
        _read_limited(f, out, limit, float("inf"), rel)
    return FileInfo(stamp=stamp)


@dataclass
class Fetched:
    folder: Path  # new/ with all of FILES
    files: dict[str, FileInfo]
    unchanged: bool  # every file as in the good copy


def _link_or_copy(src: Path, dst: Path) -> None:
    """A hard link where the file system allows (a million rows need not be copied each build)."""
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def member_dir(config: PortalConfig, member: Member) -> Path:
    return config.cache / member.id


def read_state(folder: Path) -> dict:
    try:
        state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def write_state(folder: Path, state: dict) -> None:
    tmp = folder / "state.json.tmp"
    tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / "state.json")


def fetch_member(config: PortalConfig, member: Member) -> Fetched:
    """Every file of FILES into the member's new/ folder; raises FetchError naming what failed."""
    home = member_dir(config, member)
    new, good = home / "new", home / "good"
    shutil.rmtree(new, ignore_errors=True)
    (new / "data").mkdir(parents=True)
    state = read_state(home)
    known_files = {rel: FileInfo(**v) for rel, v in (state.get("files") or {}).items()
                   if isinstance(v, dict) and set(v) <= set(FileInfo.__dataclass_fields__)}
    has_good = all((good / rel).is_file() for rel in FILES) and state.get("url") == member.url
    deadline = time.monotonic() + config.timeout
    opener = None if member.folder else _opener(member, config)
    infos: dict[str, FileInfo] = {}
    unchanged = has_good
    for rel in FILES:
        known = known_files.get(rel) if has_good else None
        out = new / rel
        if member.folder:
            got = _copy_local(member.folder / rel, out, rel, config.max_bytes, known)
        else:
            got = _fetch_url(opener, urljoin(member.url, rel), rel, out, known, config.max_bytes, deadline)
        if got is None:  # unchanged: the good copy's file is this file
            _link_or_copy(good / rel, out)
            got = known  # type: ignore[assignment]
        else:
            unchanged = False
        infos[rel] = got  # type: ignore[assignment]
    return Fetched(new, infos, unchanged)
