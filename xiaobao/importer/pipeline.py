"""One summary in, one ImportedCampaign out: metadata, mentions, proposed stats, review notes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from xiaobao.campaigns.vocab import TOPICS
from xiaobao.importer import docmeta, gazetteer, metadata, tables
from xiaobao.importer.cleaning import clean
from xiaobao.importer.mentions import Mention, extract
from xiaobao.importer.proposal import propose
from xiaobao.importer.reading import Source, read_source, split_summaries


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
    meta_kind = None
    found = docmeta.organization(text, extra)
    if found:
        org, evidence["organization"] = found.value, found.quote
        fuller = docmeta.central_bank_branch(org, text)
        if fuller:
            org = fuller
            evidence["organization"] = f"{found.quote}（组织辖区金融机构的是人民银行的支行）"
    elif (unit := docmeta.roundup_unit(text, extra)) is not None:
        org = None  # 全市公安机关持续开展…, then unit by unit: a round-up has no single author; its units' kind is kept
        meta_kind = metadata.org_type(unit.value, text)
        evidence["org_type"] = f"{unit.quote[:40]}（多个单位的汇总报道，单位类型取自第一个单位）"
    elif docmeta.unnamed_self(text):
        org = None  # 我校联合某银行开展…: the author never gives its name; the bank written most often is a partner
    else:
        org = docmeta.plausible_name(metadata.organization(text))
        if org:
            evidence["organization"] = "正文里最常出现的单位名"
    if org:
        org = gazetteer.without_province(gazetteer.fullest_place(org, text))  # 湖北襄阳铁路公安处 → 襄阳铁路公安处, as the labels write it
        org = docmeta.official_name(org, text)  # 榆阳区检察院 → 榆阳区人民检察院; 自贡市富顺县… → 富顺县… when written so
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
    elif start is None or (written and re.search(r"20[xX]{2}", written)) or start[:4] < "2000":
        start = end = None  # 1987年9月, 中国消费者协会成立: history, not this report
    words = metadata.topic_words(text)
    if words:
        evidence["topics"] = "、".join(f"{TOPICS[key].label}←“{word}”" for key, word in words.items())
    return {"org": org, "kind": meta_kind, "name": name, "start": start, "end": end, "period": written, "evidence": evidence,
            "title": docmeta.title_line(text)}


def _evidence_notes(evidence: dict[str, str]) -> list[str]:
    return [f"{key}：取自原文“{quote[:60]}”" if key != "topics" else f"topics：原文提到 {quote}"
            for key, quote in evidence.items() if quote]


def _without_tables(text: str) -> str:
    """The text with table rows blanked (same length): their figures are read by tables.read."""
    return re.sub(r"(?m)^\|.*$", lambda m: " " * len(m.group(0)), text)


def _table_rows_in(text: str, table) -> list[str] | None:
    """The draft's own lines for a Word table in this part, or None when it is in another part."""
    lines = text.split("\n")
    normal = [re.sub(r"\s+", " ", line).strip() for line in lines]
    wanted = [re.sub(r"\s+", " ", line).strip() for line in table.lines]
    try:
        first = normal.index(wanted[0])
    except (ValueError, IndexError):
        return None
    found = []
    for want in wanted:
        found.append(lines[normal.index(want, first)] if want in normal[first:] else want)
    return found


def _figures(text: str, doc: Source | None) -> tuple[list[Mention], list[Mention], list[str]]:
    """Body figures, then each table's: new ones added, ones that repeat the body only noted."""
    mentions, placeholders = extract(_without_tables(text))
    notes = []
    for table in (doc.tables if doc else []):
        rows = _table_rows_in(text, table)
        if rows is None:
            continue
        found = tables.read(table.rows, rows, mentions)
        mentions += found.mentions
        if found.repeated:
            said = "、".join(f"{m.metric} {m.value}" for m in found.repeated[:8])
            first = " ".join(c for c in table.rows[0] if c)[:30]
            notes.append(f"表格“{first}”里的数字（{said}）正文已经写了，表格留在原处，没有重复计入" if found.repeats_body
                         else f"表格“{first}”里有 {len(found.repeated)} 个数字与正文相同（{said}），没有重复计入")
    mentions.sort(key=lambda m: m.start)
    return mentions, placeholders, notes


def build(text: str, source: str, heading: str | None = None, doc: Source | None = None) -> ImportedCampaign:
    extra = doc.extra if doc else []
    meta = _read_metadata(text, extra)
    org, name, start, end, period = meta["org"], meta["name"], meta["start"], meta["end"], meta["period"]
    signed_note = None
    if start is None:
        signed = docmeta.signature_date(text, extra)
        if signed:
            opening = docmeta.period(text, year=signed.value[:4])
            chosen = opening or signed
            start = end = chosen.value
            period = chosen.quote
            meta["evidence"]["start"] = chosen.quote if opening is None else f"{chosen.quote}（年份取自落款“{signed.quote}”）"
            signed_note = (f"start/end：正文开头没有写年份，年份取自落款或页眉页脚的“{signed.quote}”，请核对" if opening
                           else f"start/end：正文开头没有写日期，取落款或页眉页脚的日期“{signed.quote}”，请核对活动日期")
    kind = meta["kind"] or metadata.org_type(org, text)
    mentions, placeholders, table_notes = _figures(text, doc)
    stats, warnings = propose(mentions, placeholders)
    review = list(doc.warnings) if doc else []
    if signed_note:
        review.append(signed_note)
    review += table_notes
    if org is None and "汇总报道" in meta["evidence"].get("org_type", ""):
        review.append("organization：这是多个单位的汇总报道，没有单一的单位，留空；需要时请填写")
    elif org is None:
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


def import_text(raw: str, source: str = "", doc: Source | None = None) -> list[ImportedCampaign]:
    """Clean, split and import every summary in one document's text."""
    results = []
    for part in split_summaries(raw):
        text = clean(part.text)
        if text.strip():
            results.append(build(text, source, part.heading, doc))
    return results


def import_file(path: Path) -> list[ImportedCampaign]:
    doc = read_source(path)
    return import_text(doc.text, path.name, doc)
