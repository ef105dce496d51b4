"""The deployable directory: the built site, its precompressed twins, and the server configuration.

    OUT/site/            the pages, with .gz and .br beside each text file
    OUT/nginx/           xiaobao.conf (virtual host), xiaobao-site.conf (inside a server), xiaobao-http.conf (map)
    OUT/caddy/           Caddyfile (the whole server), xiaobao-site.caddy (inside a site block)
    OUT/csp.txt          the Content-Security-Policy the server sends, for reviewers
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xiaobao.publish import caddy, csp, nginx
from xiaobao.publish.address import AddressError
from xiaobao.publish.confsyntax import ConfigValueError
from xiaobao.publish.compress import Sizes, precompress
from xiaobao.publish.mime import unknown_types

DEFAULT_ROOT = "/srv/xiaobao/current"  # docs/operators.md: releases/<name>/ with a `current` link to one


class PublishError(Exception):
    """Something in the built site that must be fixed before it goes online; the message is plain Chinese."""


@dataclass(frozen=True)
class Report:
    sizes: Sizes
    policy: str
    inline_scripts: int


def write_server_config(out: Path, site_url: str, policy: str, root: str = DEFAULT_ROOT) -> None:
    conf = out / "nginx"
    conf.mkdir(parents=True, exist_ok=True)
    site = nginx.Site(site_url, f"{root.rstrip('/')}/site", policy)
    (conf / "xiaobao-site.conf").write_text(nginx.site_conf(site), encoding="utf-8")
    (conf / "xiaobao-http.conf").write_text(nginx.http_conf(), encoding="utf-8")
    (conf / "xiaobao.conf").write_text(nginx.vhost_conf(site, f"{root.rstrip('/')}/nginx"), encoding="utf-8")
    conf = out / "caddy"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "xiaobao-site.caddy").write_text(caddy.site_conf(site), encoding="utf-8")
    (conf / "Caddyfile").write_text(caddy.caddyfile(site, f"{root.rstrip('/')}/caddy"), encoding="utf-8")


def finish(out: Path, site_url: str, root: str = DEFAULT_ROOT, workers: int | None = None) -> Report:
    """Turn OUT/site (a strict publishing build) into the deployable directory."""
    site = out / "site"
    problems = unknown_types(site)
    inline = csp.scan_site(site)
    problems += inline.problems
    if problems:
        raise PublishError("\n".join(problems))
    policy = csp.policy(inline)
    (out / "csp.txt").write_text(policy + "\n", encoding="utf-8")
    try:
        write_server_config(out, site_url, policy, root)
    except AddressError as err:
        raise PublishError(f"site_url（本站的正式网址）不能写进服务器配置：{err}") from None
    except ConfigValueError:
        raise PublishError(f"--root “{root}”不能写进服务器配置：请写服务器上的绝对路径，只用字母、数字和 - _ . / ，"
                           f"例如 {DEFAULT_ROOT}") from None
    return Report(precompress(site, workers), policy, len(inline.scripts))
