"""Where a draft will live: its address is derived from the organisation and date until it is reviewed.

The importer cannot be sure of the organisation (a header it misread, a branch name in the signature),
so it writes no `slug:` into a draft. While a file is a draft or sent for review and has no slug of
its own, its address is the organisation and date in pinyin, derived again at every build, so a
corrected organisation corrects the address too; the review page shows it. When the file is
published the address is fixed: the reviewer writes that slug into the file, and it no longer changes
when someone edits the organisation later (QR codes are already printed by then).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from xiaobao.campaigns.drafts import is_public
from xiaobao.campaigns.problems import Problem

# The form names a new file draft.md, draft-1.md … until a slug is written (xiaobao/outputs/cms.py).
PLACEHOLDER_STEM = re.compile(r"draft(?:-\d+)?")


def derived_slug(organization: str | None, start: object) -> str | None:
    """organisation-in-pinyin-YYYY-MM for an organisation name; None when there is none."""
    from xiaobao.importer.slugs import slug_from  # pypinyin and jieba load only when a draft needs them

    return slug_from(organization, str(start) if start else None)


def _free(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def assign_draft_slugs(campaigns: list) -> None:
    """Drafts without a written slug take the derived one (with -2, -3 when taken by another file)."""
    taken = {c.slug for c in campaigns if c.slug_written or is_public(c.status)}
    taken |= {r for c in campaigns for r in c.redirects}
    for c in sorted(campaigns, key=lambda c: c.path):
        if c.slug_written or is_public(c.status):
            continue
        base = derived_slug(c.organization, c.start) or c.slug
        c.slug = _free(base, taken)
        taken.add(c.slug)


def unfixed_slug_problems(campaigns: list) -> list[Problem]:
    """A published file whose address was only derived (an imported or form-made draft) must have it
    written down, so later edits cannot move the page away from its printed QR codes."""
    problems = []
    for c in campaigns:
        if c.slug_written or not is_public(c.status):
            continue  # the common case first: no path parsed for each of 100,000 campaigns
        if not (c.review or PLACEHOLDER_STEM.fullmatch(PurePosixPath(c.path).stem)):
            continue
        suggestion = derived_slug(c.organization, c.start) or c.slug
        problems.append(Problem(c.path, c.lines.get("status"), "slug",
                                f"这一篇要发布了，请先把网址名定下来：写上 slug: {suggestion}（按单位名和日期生成，"
                                f"也可以换成别的小写英文字母、数字和连字符）。定下来以后，再改单位名网址也不会变，"
                                f"已经印出去的二维码不会失效"))
    return problems
