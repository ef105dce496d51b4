"""Campaign files: front matter in the catalog's format, each figure with its quote, review notes as comments."""

from __future__ import annotations

import json
import re
from pathlib import Path

from xiaobao.campaigns.vocab import METRICS
from xiaobao.importer.pipeline import ImportedCampaign

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
    stem = re.sub(r"[^a-z0-9]+", "-", Path(campaign.source).stem.lower()).strip("-")
    base = stem or f"summary-{campaign.digest}"
    return f"{base}-{index:02d}" if count > 1 else base


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
    lines = ["---"]
    notes = campaign.warnings or ["没有需要特别核对的地方"]
    lines.append("# 待核对（导入程序自动生成，核对后可删除这些 # 行）：")
    lines += [f"# - {note}" for note in notes]
    for mention in campaign.mentions:
        lines.append(f"# 原文数字：{mention.metric} {mention.value}（{mention.qualifier}）←“{mention.quote}”")
    lines.append(f"slug: {slug}")
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


def write_all(campaigns: list[ImportedCampaign], out: Path, force: bool = False) -> tuple[list[Path], list[str]]:
    """Write one file per campaign; never overwrite without force. Returns (written, refused messages)."""
    written, refused = [], []
    by_source: dict[str, list[ImportedCampaign]] = {}
    for c in campaigns:
        by_source.setdefault(c.source, []).append(c)
    for group in by_source.values():
        for i, campaign in enumerate(group, 1):
            slug = slug_for(campaign, i, len(group))
            path = target(out, campaign, slug)
            if path.exists() and not force:
                refused.append(f"{path} 已存在，未覆盖（要覆盖请加 --force）")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(campaign, slug), encoding="utf-8")
            written.append(path)
    return written, refused
