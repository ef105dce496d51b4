"""Every file under docs/ looked at before the build uses it: published, refused, skipped or a draft, and named.

One walk gives the build three things: problems in plain Chinese (naming the file, the field or
line, what is wrong and what is allowed), the files MkDocs must not copy (`withheld`), and the
pages marked `status: draft` (shown by `make site`, left out of `make build` like campaign drafts).
Nothing under docs/ is dropped without a message.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from xiaobao.campaigns.drafts import STATUS_ALLOWED, is_public, status_code
from xiaobao.campaigns.frontmatter import Document, FrontMatterError, parse
from xiaobao.campaigns.limits import nesting_problems
from xiaobao.campaigns.privacy import ALLOWLIST_FILE, AllowEntry, load_allowlist
from xiaobao.campaigns.problems import Problem, shown
from xiaobao.publish import personal
from xiaobao.publish.rawfiles import classify

MAX_PAGE_BYTES = 2 * 1024 * 1024  # the same limit as a campaign file
_ADDRESS_PART = re.compile(r"[A-Za-z0-9._-]+")


@dataclass
class Inventory:
    problems: list[Problem] = field(default_factory=list)
    withheld: set[str] = field(default_factory=set)  # src paths under docs/ that MkDocs must not copy
    drafts: set[str] = field(default_factory=set)  # pages with status: draft
    # Each page's front matter as read here, with the text it was read from: the build reuses it
    # instead of reading the page again (one reading, one set of YAML rules, per build).
    front: dict[str, tuple[str, Document | FrontMatterError]] = field(default_factory=dict)

    def withholds(self, src: str) -> bool:
        """Whether docs/<src> stays out of the site (a linked folder withholds everything under it)."""
        return src in self.withheld or any(src.startswith(f"{held}/") for held in self.withheld)


def _walk(docs: Path, inventory: Inventory) -> list[str]:
    """Regular files under docs/, as src paths; links, special files and hidden entries are named."""
    found = []
    for folder, dirs, files in os.walk(docs):
        rel = Path(folder).relative_to(docs).as_posix()
        prefix = "" if rel == "." else f"{rel}/"
        for name in sorted(dirs):
            if name.startswith("."):
                inventory.problems.append(Problem(f"docs/{prefix}{name}/", None, None,
                                                  "以点开头的文件夹不会发布，已跳过", "info"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(folder, d)))
        for name in sorted(files) + sorted(d for d in os.listdir(folder) if os.path.islink(os.path.join(folder, d))
                                           and os.path.isdir(os.path.join(folder, d))):
            src = f"{prefix}{name}"
            info = os.lstat(os.path.join(folder, name))
            if name.startswith("."):
                inventory.problems.append(Problem(f"docs/{src}", None, None, "以点开头的文件不会发布，已跳过", "info"))
            elif stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
                inventory.withheld.add(src)
                inventory.problems.append(Problem(f"docs/{src}", None, None,
                                                  "这是一个链接（快捷方式）或特殊文件，不是普通文件，不会发布。请把文件本身放在这里"))
            else:
                found.append(src)
    return found


def _twins(sources: list[str], inventory: Inventory) -> None:
    """Names that look the same but are written with different code points (NFC/NFD, full-width)."""
    seen: dict[str, str] = {}
    for src in sources:
        key = unicodedata.normalize("NFKC", src).casefold()
        if key in seen:
            inventory.withheld.add(src)
            inventory.problems.append(Problem(f"docs/{src}", None, "文件名", f"和 docs/{seen[key]} 看起来是同一个名字"
                                              "（只是字符的写法不同，例如从苹果电脑或网页复制来的名字）。两个文件会争同一个网址，"
                                              "请删掉其中一个，或给它改一个不同的名字"))
        else:
            seen[key] = src


def _address_problem(src: str, meta: dict) -> str | None:
    """A page's address comes from its folders and its file name (or slug:): letters, digits, - _ . only."""
    parts = src.split("/")
    if "slug" in meta:
        parts = parts[:-1]
    else:
        parts[-1] = parts[-1].rsplit(".", 1)[0]
    bad = next((part for part in parts if not _ADDRESS_PART.fullmatch(part)), None)
    if bad is None:
        return None
    return (f"网址来自文件夹名和文件名，“{shown(bad)}”里有汉字、空格或其他符号，网址和二维码文件会出错。"
            "请改用英文字母、数字和连字符（例如 contact.md、notes/），文件名也可以不改，在前置信息里写 slug: contact")


def _page(docs: Path, src: str, allowlist: tuple[AllowEntry, ...], inventory: Inventory) -> None:
    label = f"docs/{src}"
    path = docs / src
    if path.stat().st_size > MAX_PAGE_BYTES:
        inventory.withheld.add(src)
        inventory.problems.append(Problem(label, None, None, "页面文件超过 2 MB 上限，没有发布。请把图片和附件另外存放，只保留文字"))
        return
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        inventory.withheld.add(src)
        inventory.problems.append(Problem(label, None, None, "文件不是 UTF-8 编码（可能是 GBK/GB18030），没有发布。请在编辑器里选“UTF-8”另存"))
        return
    inventory.problems += personal.page_problems(label, text, allowlist)
    if deep := nesting_problems(text, label):
        inventory.withheld.add(src)  # never rendered: Python-Markdown would recurse until it crashes
        inventory.problems += deep
    try:
        doc = parse(text)
        meta, lines = doc.meta, doc.lines
        inventory.front[src] = (text, doc)
    except FrontMatterError as err:
        meta, lines = {}, {}  # a page without front matter, or broken YAML (hooks/steps/docs.py names it)
        inventory.front[src] = (text, err)
    if problem := _address_problem(src, meta):
        inventory.problems.append(Problem(label, None, "文件名", problem))
    if "status" in meta:
        code = status_code(meta["status"])
        if code is None:
            inventory.problems.append(Problem(label, lines.get("status"), "status",
                                              f"“{shown(meta['status'])}”不是页面状态。{STATUS_ALLOWED}"))
        elif not is_public(code):  # draft, or submitted (送审): not published either way
            inventory.drafts.add(src)
            inventory.problems.append(Problem(label, lines.get("status"), "status",
                                              "这一页是草稿（status: draft）：make site 的预览里能看到，发布（make build）时不会出现。"
                                              "核对完后删掉 status 这一行", "info"))


def docs_inventory(root: Path, docs: Path, allowlist: Iterable[AllowEntry] | None = None,
                   cache: dict[tuple, list[Problem]] | None = None) -> Inventory:
    """Walk docs/ (and synonyms.yml beside it): what is published, refused, skipped, drafted; never raises.
    allowlist: privacy-allowlist.yml's entries, read from root when not given (the catalog names its problems).
    cache: the PDF and Office files' findings, kept by the caller from one build to the next."""
    allowlist = tuple(allowlist if allowlist is not None else load_allowlist(root / ALLOWLIST_FILE)[0])
    inventory = Inventory()
    if not docs.is_dir():
        return inventory
    sources = _walk(docs, inventory)
    _twins(sources, inventory)
    for src in sources:
        if src in inventory.withheld:
            continue
        label = f"docs/{src}"
        try:
            with open(docs / src, "rb") as handle:
                head = handle.read(16)
        except OSError:
            inventory.withheld.add(src)
            inventory.problems.append(Problem(label, None, None, "这个文件读不了（可能刚被删除或没有读取权限），没有发布"))
            continue
        verdict = classify(src, head)
        if verdict.kind in ("refused", "skipped"):
            inventory.withheld.add(src)
            inventory.problems.append(Problem(label, None, None, verdict.message, verdict.severity))
            continue
        inventory.problems += personal.name_problems(label, allowlist)
        if verdict.kind == "page":
            _page(docs, src, allowlist, inventory)
        elif verdict.kind == "document":
            found = personal.document_problems(label, docs / src, allowlist, cache)
            if found:
                inventory.withheld.add(src)
                inventory.problems += found
    inventory.problems += personal.synonyms_problems(root, allowlist)
    inventory.problems.sort()
    return inventory


DRAFT_NOTE = ('!!! warning "草稿：只在本机预览里出现，不会发布"\n\n'
              "    这一页的前置信息写了 status: draft。核对完后删掉 status 这一行，它就会发布。\n\n")


def with_draft_note(markdown: str, src: str, inventory: Inventory) -> str:
    """A draft docs page in the preview opens with the same warning campaign drafts carry."""
    return DRAFT_NOTE + markdown if src in inventory.drafts else markdown
