"""Every output path of the site has exactly one source.

MkDocs keys files by source path and overwrites silently; a campaign whose slug equals a docs/
page, two docs pages with one slug, `slug: index`, or a redirect named feed.xml each used to
cost a page without a word (or a FileExistsError after the site was written). The hooks list
every path they will write with the file it comes from; any path claimed twice, or claimed as a
file and as a folder, stops the build naming both sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A URL path as editors may write it in `redirects:`: lowercase words joined by hyphens, parts
# joined by single slashes. No dots (feed.xml), no "//", no control characters.
URL_PATH = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*/?")
PATH_HELP = "只用小写英文字母、数字和连字符，多级用一个 / 隔开，如 old-name 或 topics/old-name"


@dataclass(frozen=True)
class Claim:
    path: str  # under the site root, as written: campaigns/x/index.html, feed.xml
    source: str  # for the editor: campaigns/2024/x.md, docs/about.md 的 redirects, 网站自动生成的 feed.xml
    ours: bool = False  # written by the site itself under a reserved folder (print/x/ for an education page)


def url_of(path: str) -> str:
    """/campaigns/x/ for campaigns/x/index.html: what readers see in the address bar."""
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def page_path(src_uri: str) -> str:
    """Where MkDocs (use_directory_urls) writes a Markdown page: a/b.md -> a/b/index.html."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def conflicts(claims: Iterable[Claim], reserved: Iterable[Claim] = ()) -> list[str]:
    """Messages for every path claimed by two sources, or used both as a file and as a folder.

    `reserved` claims a folder (qr/) for the site's own files: nothing else may go under it.
    """
    owner: dict[str, Claim] = {}
    problems: list[str] = []
    for claim in claims:
        first = owner.get(claim.path)
        if first is None:
            owner[claim.path] = claim
        elif first.source != claim.source:
            problems.append(two_sources(first, claim))
    folders = list(reserved)
    for path, claim in sorted(owner.items()):
        parts = path.split("/")
        for n in range(1, len(parts)):
            parent = "/".join(parts[:n])
            if parent in owner:  # feed.xml is a file; feed.xml/index.html needs it to be a folder
                problems.append(two_sources(owner[parent], claim))
                break
        for folder in folders:
            if path.startswith(folder.path) and not claim.ours:
                problems.append(f"网址 {url_of(path)} 在 /{folder.path} 下面，这个文件夹留给{folder.source}。"
                                f"请把 {claim.source} 换个名字")
                break
    return problems


def two_sources(first: Claim, second: Claim) -> str:
    return (f"网址 {url_of(second.path)} 有两个来源：{first.source} 和 {second.source}。一个网址只能对应一个页面，"
            f"请改其中一个的 slug、redirects 或文件名")
