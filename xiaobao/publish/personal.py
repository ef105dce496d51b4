"""One personal-data check over everything the build publishes besides campaign text.

Campaign files are checked by the catalog (xiaobao.campaigns.catalog). The same detector
(xiaobao.campaigns.privacy) and the same allow-list read here: editors' docs pages (body and every
front-matter field, topic pages' sources: too), synonyms.yml (shipped to every reader in the search
dictionary), file names (a name becomes an address), and the text inside PDF and Office files
published as downloads.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from xiaobao.campaigns.privacy import AllowEntry, check_campaign_text, check_file_name, find_private_data
from xiaobao.campaigns.problems import Problem
from xiaobao.publish.doctext import DocTextError, document_text

SYNONYMS = "synonyms.yml"


def page_problems(label: str, text: str, allowlist: Iterable[AllowEntry]) -> list[Problem]:
    """A docs page: every line, front matter included, with the field a finding is in."""
    return check_campaign_text(label, text, tuple(allowlist), where="页面")


def name_problems(label: str, allowlist: Iterable[AllowEntry]) -> list[Problem]:
    return check_file_name(label, tuple(allowlist))


def synonyms_problems(root: Path, allowlist: Iterable[AllowEntry]) -> list[Problem]:
    """synonyms.yml goes to every reader's browser with the search dictionary."""
    path = root / SYNONYMS
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # missing or unreadable: the search build names it
    return check_campaign_text(SYNONYMS, text, tuple(allowlist), where="搜索同义词表")


def document_problems(label: str, path: Path, allowlist: Iterable[AllowEntry],
                      cache: dict[tuple, list[Problem]] | None = None) -> list[Problem]:
    """A PDF or Office file published as a download: its whole text, metadata and hidden revisions too.
    cache: (path, mtime, size, allow-list) -> problems, kept by the caller across `make site`
    rebuilds (the build's Session), so an unchanged file is not read again."""
    entries = tuple(allowlist)
    info = os.stat(path)
    key = (str(path), info.st_mtime_ns, info.st_size, entries)
    if cache is None:
        return _document_problems(label, path, entries)
    if key not in cache:
        cache[key] = _document_problems(label, path, entries)
    return cache[key]


def _document_problems(label: str, path: Path, entries: tuple[AllowEntry, ...]) -> list[Problem]:
    try:
        text = document_text(path)
    except DocTextError as err:
        return [Problem(label, None, None, f"{err}。这个文件没有发布：读不出文字就无法检查里面有没有个人信息")]
    problems = []
    for finding in find_private_data(text, "文件"):
        if any(entry.allows(label, finding) for entry in entries):
            continue
        problems.append(Problem(label, None, "文件里的文字", f"{finding.message}（改好后重新导出这个文件）"))
    return problems
