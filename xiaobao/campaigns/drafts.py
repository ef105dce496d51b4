"""Drafts: a campaign waits for a person to check its figures before the public sees it.

Three states, written in `status:` and changed in the browser form by whoever holds the role:

    draft      草稿: still being written or imported; only the preview shows it
    submitted  送审: the editor is done; the reviewer checks it on the review page (/review/)
    published  已核对，可以发布 (or no status line): part of the public site and the open data

The importer's doubts and what it read for each figure are kept as data in the file's front
matter (the `review:` block, xiaobao.campaigns.review), so saving through the form keeps them.
Files imported before that carry the same notes as `# 待核对` comment lines: they are still read,
and a published file may not keep them (they are the sign nobody has checked it yet).
"""

from __future__ import annotations

from xiaobao.campaigns.problems import Problem

DRAFT, SUBMITTED, PUBLISHED = "draft", "submitted", "published"
NOT_PUBLIC = {DRAFT, SUBMITTED}
# What an editor may write for status; stored as the code. The form offers these three, in Chinese.
STATUS_LABELS: dict[str, str] = {DRAFT: "草稿（还在写，不会发布）", SUBMITTED: "送审（写完了，请审核人核对）",
                                 PUBLISHED: "已核对，可以发布"}
STATUS_WORDS: dict[str, str] = {DRAFT: DRAFT, "草稿": DRAFT, "待核对": DRAFT, SUBMITTED: SUBMITTED, "送审": SUBMITTED,
                                "待审核": SUBMITTED, "审核中": SUBMITTED, PUBLISHED: PUBLISHED, "已发布": PUBLISHED,
                                "发布": PUBLISHED, "已核对": PUBLISHED, "已核对，可以发布": PUBLISHED,
                                **{label: code for code, label in STATUS_LABELS.items()}}
# What a message says may be written (the Chinese words and the form's labels are accepted too).
STATUS_ALLOWED = "只能写 draft（草稿，不发布）、submitted（送审，不发布）或 published（已核对，发布），也可以删掉这一行表示发布"
REVIEW_MARK = "待核对"
HOW_TO_PUBLISH = ("核对完后，在表单里把“状态”改成“已核对，可以发布”（直接改文件的，把 status 改成 published），"
                  "并在“网址名”写上本页给出的网址名")
HOW_TO_PUBLISH_OLD = "核对完后，删掉文件开头从 # 待核对 到 status: draft 的那一整块"


def status_code(value: object) -> str | None:
    """draft, submitted or published for what an editor wrote (草稿, 送审, 已发布 …); None when it is none."""
    return STATUS_WORDS.get(value.strip()) if isinstance(value, str) else None


def is_public(status: str) -> bool:
    return status not in NOT_PUBLIC


def review_mark_problems(text: str, label: str, status: str) -> list[Problem]:
    """A published file that still carries old-style 待核对 comments: one problem naming the first such line."""
    if not is_public(status):
        return []
    lines = [n for n, line in enumerate(text.split("\n"), 1) if REVIEW_MARK in line and line.lstrip().startswith("#")]
    if not lines:
        return []
    more = f"（共 {len(lines)} 行）" if len(lines) > 1 else ""
    return [Problem(label, lines[0], "status",
                    f"文件还带着导入时的“待核对”注释{more}，说明还没有核对过，不能发布。"
                    f"请对照原文核对数字，然后删掉这些 # 注释行；还没核对完就写回 status: draft")]


def public(campaigns: list) -> list:
    """The campaigns the public may see: every one neither a draft nor waiting for review."""
    return [c for c in campaigns if is_public(getattr(c, "status", PUBLISHED))]


def drafts(campaigns: list) -> list:
    """Drafts and files sent for review: what the preview's review page lists."""
    return [c for c in campaigns if not is_public(getattr(c, "status", PUBLISHED))]
