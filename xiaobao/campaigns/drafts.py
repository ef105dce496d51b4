"""Drafts: imported files wait for a person to check their figures before the public sees them.

`status: draft` keeps a campaign out of the public build and its open data; the preview
(`make site`) shows it with the review page. A published file may not keep the importer's
待核对 (to check) marks: they are the sign that nobody has checked it yet.
"""

from __future__ import annotations

from xiaobao.campaigns.problems import Problem

DRAFT, PUBLISHED = "draft", "published"
# What an editor may write for status; stored as the code.
STATUS_WORDS: dict[str, str] = {DRAFT: DRAFT, "草稿": DRAFT, "待核对": DRAFT, PUBLISHED: PUBLISHED, "已发布": PUBLISHED,
                                "发布": PUBLISHED, "已核对": PUBLISHED}
REVIEW_MARK = "待核对"
HOW_TO_PUBLISH = "核对完后，删掉文件开头从 # 待核对 到 status: draft 的那一整块"


def status_code(value: object) -> str | None:
    """draft or published for what an editor wrote (草稿, 已发布 …); None when it is neither."""
    return STATUS_WORDS.get(value.strip()) if isinstance(value, str) else None


def review_mark_problems(text: str, label: str, status: str) -> list[Problem]:
    """A published file that still carries 待核对 marks: one problem naming the first such line."""
    if status == DRAFT:
        return []
    lines = [n for n, line in enumerate(text.split("\n"), 1) if REVIEW_MARK in line and line.lstrip().startswith("#")]
    if not lines:
        return []
    more = f"（共 {len(lines)} 行）" if len(lines) > 1 else ""
    return [Problem(label, lines[0], "status",
                    f"文件还带着导入时的“待核对”注释{more}，说明还没有核对过，不能发布。"
                    f"请对照原文核对数字，然后删掉这些 # 注释行；还没核对完就写回 status: draft")]


def public(campaigns: list) -> list:
    """The campaigns the public may see: every one not marked draft."""
    return [c for c in campaigns if getattr(c, "status", PUBLISHED) != DRAFT]


def drafts(campaigns: list) -> list:
    return [c for c in campaigns if getattr(c, "status", PUBLISHED) == DRAFT]
