"""One summary in, one ImportedCampaign out: metadata, mentions, proposed stats, review notes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from xiaobao.campaigns.vocab import TOPICS
from xiaobao.importer import docmeta, gazetteer, metadata
from xiaobao.importer.cleaning import clean
from xiaobao.importer.mentions import Mention, extract
from xiaobao.importer.proposal import propose
from xiaobao.importer.reading import read_path, split_summaries


@dataclass
class ImportedCampaign:
    title: str
    organization: str | None
    org_type: str
    region: str | None
    campaign: str | None
    start: str | None
    end: str | None
    topics: list[str]
    summary: str
    text: str
    source: str
    heading: str | None
    mentions: list[Mention] = field(default_factory=list)
    placeholders: list[Mention] = field(default_factory=list)
    stats: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    period: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> the words it was read from

    def as_json(self) -> dict:
        """Exactly the structure tools build on (issue 3)."""
        return {
            "title": self.title,
            "organization": self.organization,
            "org_type": self.org_type,
            "region": self.region,
            "campaign": self.campaign,
            "start": self.start,
            "end": self.end,
            "topics": self.topics,
            "stats": self.stats,
            "mentions": [m.public() for m in self.mentions],
            "placeholders": [p.quote for p in self.placeholders],
            "warnings": self.warnings,
        }

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:8]


def _title(org: str | None, campaign: str | None) -> str:
    who = org or "某单位"
    if campaign:
        name = campaign if campaign.endswith(("活动", "行")) else f"{campaign}活动"
        return f"{who}{name}总结"[:100]
    return f"{who}消费者权益保护工作总结"[:100]


def _read_metadata(text: str, extra: list[str] | None = None) -> dict:
    """Organisation, campaign and period where the report states them (docmeta), else the older
    whole-text guesses (metadata); each with the words it came from."""
    evidence: dict[str, str] = {}
    found = docmeta.organization(text, extra)
    if found:
        org, evidence["organization"] = found.value, found.quote
        fuller = docmeta.central_bank_branch(org, text)
        if fuller:
            org = fuller
            evidence["organization"] = f"{found.quote}（组织辖区金融机构的是人民银行的支行）"
    else:
        org = metadata.organization(text)
        if org:
            evidence["organization"] = "正文里最常出现的单位名"
    name_found = docmeta.campaign(text, found, docmeta.title_line(text))
    name = name_found.value if name_found else None  # a campaign named only late in the text is another one
    if name_found:
        evidence["campaign"] = name_found.quote
    start, end, written = metadata.dates(text)
    when = docmeta.period(text)
    if when:
        evidence["start"] = when.quote
        end = end if start == when.value and end else when.value
        start, written = when.value, when.quote
    elif start is None or (written and re.search(r"20[xX]{2}", written)):
        start = end = None
    words = metadata.topic_words(text)
    if words:
        evidence["topics"] = "、".join(f"{TOPICS[key].label}←“{word}”" for key, word in words.items())
    return {"org": org, "name": name, "start": start, "end": end, "period": written, "evidence": evidence,
            "title": docmeta.title_line(text)}


def _evidence_notes(evidence: dict[str, str]) -> list[str]:
    return [f"{key}：取自原文“{quote[:60]}”" if key != "topics" else f"topics：原文提到 {quote}"
            for key, quote in evidence.items() if quote]


def build(text: str, source: str, heading: str | None = None) -> ImportedCampaign:
    meta = _read_metadata(text)
    org, name, start, end, period = meta["org"], meta["name"], meta["start"], meta["end"], meta["period"]
    kind = metadata.org_type(org, text)
    mentions, placeholders = extract(text)
    stats, warnings = propose(mentions, placeholders)
    review = []
    if org is None:
        review.append("organization：原文没有找到单位名称，请填写")
    elif re.search(r"[xX]{2}", org):
        review.append(f"organization：原文单位名称被隐去（“{org}”），请核对")
    if start is None:
        review.append(f"start/end：原文日期为“{period}”，年份不明，留空" if period else "start/end：原文没有写日期，留空")
    if name is None:
        review.append("campaign：没有找到活动名称，留空")
    if kind == "other":
        review.append("org_type：无法判断单位类型，暂写 other")
    place = gazetteer.region(org, text)
    if place.note:
        review.append(place.note)
    if place.value:
        meta["evidence"]["region"] = place.quote
    return ImportedCampaign(
        title=(meta["title"] or _title(org, name))[:100], organization=org, org_type=kind,
        region=place.value, campaign=name, start=start, end=end,
        topics=metadata.topics(text), summary=metadata.summary_line(text), text=text,
        source=source, heading=heading, mentions=mentions, placeholders=placeholders,
        stats=stats, warnings=review + _evidence_notes(meta["evidence"]) + warnings, period=period,
        evidence=meta["evidence"],
    )


def import_text(raw: str, source: str = "") -> list[ImportedCampaign]:
    """Clean, split and import every summary in one document's text."""
    results = []
    for part in split_summaries(raw):
        text = clean(part.text)
        if text.strip():
            results.append(build(text, source, part.heading))
    return results


def import_file(path: Path) -> list[ImportedCampaign]:
    return import_text(read_path(path), path.name)
