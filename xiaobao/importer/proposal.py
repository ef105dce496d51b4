"""Campaign-level stats proposed from mentions, with the reasons for what was left out."""

from __future__ import annotations

from xiaobao.campaigns.vocab import METRICS
from xiaobao.importer.mentions import Mention


def _combined(qualifiers: list[str]) -> str:
    if any(q in ("more_than", "at_least") for q in qualifiers):
        return "more_than"
    if any(q in ("about", "nearly") for q in qualifiers):
        return "about"
    return "exact"


def _family(mention: Mention) -> str:
    """Counts that can be added: people with people (人, 名, 人次), copies with copies."""
    from xiaobao.importer.rules import unit_group

    group = unit_group(mention.unit) if mention.unit else "none"
    return {"institution": "outlet"}.get(group, group)  # 9家营业部 and 40个咨询台 are both places


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def propose(mentions: list[Mention], placeholders: list[Mention]) -> tuple[dict[str, dict], list[str]]:
    """A stated total (共计/累计/合计) wins over its parts; otherwise distinct parts are summed."""
    stats: dict[str, dict] = {}
    warnings: list[str] = []
    for metric in METRICS:
        found = [m for m in mentions if m.metric == metric]
        if not found:
            if any(p.metric == metric for p in placeholders):
                quote = next(p.quote for p in placeholders if p.metric == metric)
                stats[metric] = {"value": None, "qualifier": "undisclosed", "quote": quote}
                warnings.append(f"{metric}：原文只有占位符（如“{quote}”），写作 XX，请补上实际数字")
            continue
        totals = [m for m in found if m.total]
        if totals:
            best = max(totals, key=lambda m: (m.value, -m.start))
            stats[metric] = {"value": best.value, "qualifier": best.qualifier, "quote": best.quote}
            left = [m for m in found if m is not best]
            if left:
                quotes = "、".join(f"“{m.quote}”" for m in left)
                stats[metric]["note"] = f"采用合计数；{quotes}视为其中的部分或另一口径，未计入"
                warnings.append(f"{metric}：采用合计数“{best.quote}”，未计入 {quotes}（视为其中的部分或另一口径）")
        else:
            parts = [m for m in found if m.part]
            if parts and len(parts) < len(found):
                found = [m for m in found if not m.part]  # 其中进校园活动18场 is inside the 126场 before it
                quotes = "、".join(f"“{m.quote}”" for m in parts)
                warnings.append(f"{metric}：{quotes}是前面数字的一部分（“其中”），未再相加")
            family = _family(found[0])
            other = [m for m in found if _family(m) != family]
            if other:
                found = [m for m in found if _family(m) == family]  # 46篇 articles and 12万次 reads do not add up
                quotes = "、".join(f"“{m.quote}”" for m in other)
                warnings.append(f"{metric}：{quotes}的单位与“{found[0].quote}”不同，未相加")
            stats[metric] = {"value": _number(sum(m.value for m in found)), "qualifier": _combined([m.qualifier for m in found]),
                             "quote": found[0].quote}
            if len(found) > 1:
                quotes = "、".join(f"“{m.quote}”" for m in found)
                stats[metric]["note"] = f"没有合计数，由 {quotes} 相加"
                warnings.append(f"{metric}：没有合计数，把 {quotes} 相加；如果它们互相包含，请改成总数")
    others = [m for m in mentions if m.metric == "other"]
    if others:
        warnings.append("未归入任何指标（other），不计入统计：" + "、".join(f"“{m.quote}”" for m in others))
    return stats, warnings
