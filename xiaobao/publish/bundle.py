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


def copied_pages(site: Path, docs: Path | None) -> set[str]:
    """HTML files in the site that are files of docs/ copied as they are, not pages the build made."""
    if docs is None or not docs.is_dir():
        return set()
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.suffix.lower() in (".html", ".htm", ".xhtml")
            and (site / p.relative_to(docs)).exists()}


def page_sources(repo: Path) -> dict[str, str]:
    """Built page (relative to the site) -> the editor's file it is made from, for messages."""
    from xiaobao.campaigns.catalog import load_catalog
    from xiaobao.campaigns.frontmatter import FrontMatterError, parse

    sources = {f"{c.url.strip('/')}/index.html": c.path for c in load_catalog(repo / "campaigns", repo).campaigns}
    docs = repo / "docs"
    for path in docs.rglob("*.md"):
        src = path.relative_to(docs).as_posix()
        folder, stem = src.rpartition("/")[0], path.stem
        try:
            slug = parse(path.read_text(encoding="utf-8-sig")).meta.get("slug")
        except (FrontMatterError, UnicodeDecodeError, OSError):
            slug = None
        name = str(slug) if isinstance(slug, str) else "" if stem in ("index", "README") else stem
        sources["/".join(part for part in (folder, name, "index.html") if part)] = f"docs/{src}"
    return sources


def finish(out: Path, site_url: str, root: str = DEFAULT_ROOT, workers: int | None = None,
           docs: Path | None = None) -> Report:
    """Turn OUT/site (a strict publishing build) into the deployable directory.

    The policy is computed from the pages the build generated only: an HTML file copied from docs/
    as it is (the build refuses them; this is the second lock) stops publishing instead of having its
    inline scripts allowed by hash.
    """
    site = out / "site"
    problems = unknown_types(site)
    copied = copied_pages(site, docs)
    problems += [f"{rel}：这是 docs/ 里的网页文件被原样复制进了网站，发布停止了。请删除 docs/{rel}，把内容写成 .md 页面"
                 for rel in sorted(copied)]
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).as_posix() not in copied]
    inline = csp.scan_site(site, pages)
    if inline.problems and docs is not None:  # name the editors' files the pages come from
        inline = csp.scan_site(site, pages, page_sources(docs.parent))
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
