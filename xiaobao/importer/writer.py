"""Campaign files: front matter in the catalog's format, each figure with its quote, review notes as data."""

from __future__ import annotations

import json
import re
from pathlib import Path

from xiaobao.campaigns.review import Notes, Reading, block_lines
from xiaobao.campaigns.vocab import METRICS
from xiaobao.importer.pipeline import ImportedCampaign
from xiaobao.importer.slugs import slug_from

ORDER = ["title", "organization", "org_type", "region", "campaign", "start", "end", "topics", "summary", "source"]


def figure_text(value: int | float | None, qualifier: str) -> int | str:
    """Written as editors write figures: 509, "7600余", "约1000", "近100", "至少50", "XX"."""
    if value is None:
        return "XX"
    number = str(int(value)) if float(value).is_integer() else str(value)
    forms = {"exact": None, "more_than": f"{number}余", "about": f"约{number}", "nearly": f"近{number}", "at_least": f"至少{number}"}
    form = forms.get(qualifier)
    return form if form else (int(value) if float(value).is_integer() else number)


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML scalar


def slug_for(campaign: ImportedCampaign, index: int, count: int) -> str:
    """Organisation and date in pinyin; the file name only when the organisation is unknown."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(campaign.source).stem.lower()).strip("-")
    base = slug_from(campaign.organization, campaign.start) or stem or f"summary-{campaign.digest}"
    return f"{base}-{index:02d}" if count > 1 else base


def _reason(mention) -> str | None:
    """Why the importer chose this metric, when it says (the importer's mentions may carry it)."""
    for name in ("reason", "why", "metric_reason"):
        value = getattr(mention, name, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def review_block(campaign: ImportedCampaign) -> list[str]:
    """status: draft and the review: block, as front-matter data (xiaobao.campaigns.review): the
    importer's doubts and, for every number it read, the metric, the value, the quote and why.
    Data, not comments: a save through the browser form keeps it. The reviewer changes status to
    published once the figures are checked; nothing in review: is ever published."""
    notes = Notes(tuple(note for note in campaign.warnings if note.strip()),
                  tuple(Reading(m.metric, str(figure_text(m.value, m.qualifier)), m.quote, _reason(m))
                        for m in campaign.mentions))
    return ["status: draft", *block_lines(notes)]


def render(campaign: ImportedCampaign, slug: str) -> str:
    """The whole file; deterministic for the same input."""
    meta = {
        "title": campaign.title,
        "organization": campaign.organization or "待填写",
        "org_type": campaign.org_type,
        "region": campaign.region,
        "campaign": campaign.campaign,
        "start": campaign.start,
        "end": campaign.end,
        "summary": campaign.summary,
        "source": f"{campaign.source}" + (f"（{campaign.heading}）" if campaign.heading else ""),
    }
    # No slug: line. While the file is a draft its address follows the organisation (corrected in
    # review or not); the reviewer writes the slug when publishing (xiaobao.campaigns.addresses).
    lines = ["---", *review_block(campaign)]
    for key in ORDER:
        if key == "topics":
            topics = campaign.topics or ["consumer-law"]
            lines.append("topics: [" + ", ".join(topics) + "]")
            continue
        lines.append(f"{key}: {_scalar(meta[key])}")
    stats = {k: v for k, v in campaign.stats.items() if k in METRICS}
    if stats:
        lines.append("stats:")
        for metric, fig in stats.items():
            value = _scalar(figure_text(fig["value"], fig["qualifier"]))
            if not fig.get("quote"):
                lines.append(f"  {metric}: {value}")
                continue
            lines += [f"  {metric}:", f"    value: {value}", f"    quote: {_scalar(fig['quote'])}"]
            if fig.get("note"):
                lines.append(f"    note: {_scalar(fig['note'])}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + campaign.text.strip() + "\n"


def target(out: Path, campaign: ImportedCampaign, slug: str) -> Path:
    year = campaign.start[:4] if campaign.start else "undated"
    return out / year / f"{slug}.md"


def taken_slugs(out: Path) -> set[str]:
    """Every slug already used under out: file names and slug: lines (a slug names one page site-wide)."""
    taken = set()
    for path in out.rglob("*.md"):
        taken.add(path.stem)
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        except OSError:
            continue
        taken.update(re.findall(r"^slug:\s*([a-z0-9-]+)\s*$", head, re.M))
    return taken


def free_slug(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def write_all(campaigns: list[ImportedCampaign], out: Path) -> tuple[list[Path], list[str]]:
    """Write one file per campaign and never overwrite one: a slug already taken gets -2, -3 …

    Returns (written files, messages about slugs that had to change).
    """
    written, renamed = [], []
    taken = taken_slugs(out)
    by_source: dict[str, list[ImportedCampaign]] = {}
    for c in campaigns:
        by_source.setdefault(c.source, []).append(c)
    for group in by_source.values():
        for i, campaign in enumerate(group, 1):
            wanted = slug_for(campaign, i, len(group))
            slug = free_slug(wanted, taken)
            path = target(out, campaign, slug)
            while path.exists():  # a file named otherwise than its slug
                slug = free_slug(slug, taken | {slug})
                path = target(out, campaign, slug)
            taken.add(slug)
            if slug != wanted:
                renamed.append(f"网址名 {wanted} 已被另一篇使用，这篇改用 {slug}（没有覆盖任何文件）")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(campaign, slug), encoding="utf-8")
            written.append(path)
    return written, renamed
