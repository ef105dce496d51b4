"""Scoring an importer's drafts against the hand labels of tests/fixtures/reports (dev and sealed test).

Kept apart from xiaobao/importer on purpose: the rules being measured must not also define the measure.
Figures follow ../shared/eval/CONVENTIONS.md (a guess matches a label when metric and value are equal, each
label used once); metadata follows tests/fixtures/metadata/README.md, plus region: is a non-empty region a
real division, and is it the labelled one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xiaobao.evaluation.divisions import drop_province, is_division, same_region

_DOTS = re.compile(r"(?<=\d)\s*[.·・•?？．]\s*(?=\d)")
_IGNORED = re.compile(r"[\s“”\"'‘’「」『』《》]")


def normal_name(text: str | None) -> str:
    """Quotes, spaces and the way 3·15 is written (3.15, 3•15, 3・15, 3. 15) do not count."""
    if not text:
        return ""
    return _IGNORED.sub("", _DOTS.sub("·", text))


def same_body(guess: str | None, label: str | None) -> bool:
    """Organisation names compare after normal_name and without a leading province (see drop_province)."""
    return drop_province(normal_name(guess)) == drop_province(normal_name(label))


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def match_figures(predicted: list[dict], gold: list[dict]) -> tuple[int, int]:
    """(matched, qualifier agreements): a guess matches an unused label with the same metric and value."""
    unused = list(gold)
    matched = agree = 0
    for mention in predicted:
        for g in unused:
            if g["metric"] == mention["metric"] and g["value"] == mention["value"]:
                unused.remove(g)
                matched += 1
                agree += g["qualifier"] == mention["qualifier"]
                break
    return matched, agree


def figure_misses(predicted: list[dict], gold: list[dict]) -> list[str]:
    """Human-readable false alarms, misses and qualifier disagreements, for tuning on the dev split only."""
    unused, lines = list(gold), []
    for m in predicted:
        hit = next((g for g in unused if g["metric"] == m["metric"] and g["value"] == m["value"]), None)
        if hit is None:
            lines.append(f"false alarm: {m['metric']} {m['value']} {m.get('quote', '')}")
            continue
        unused.remove(hit)
        if hit["qualifier"] != m["qualifier"]:
            lines.append(f"qualifier {m['qualifier']} != {hit['qualifier']}: {m.get('quote', '')}")
    lines += [f"missed: {g['metric']} {g['value']} {g['quote']}" for g in unused]
    return lines


def _ratio(a: float, b: float) -> float:
    return a / b if b else 1.0


@dataclass
class ReportScore:
    """Running totals over one labelled split; add() one (label, draft) pair at a time."""

    n: int = 0
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    qualifiers_agreed: int = 0
    organization: int = 0
    org_type: int = 0
    campaign: int = 0
    period: int = 0
    topics: float = 0.0
    regions_given: int = 0
    regions_valid: int = 0
    regions_same: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, label: dict, draft: dict) -> None:
        """`draft` is ImportedCampaign.as_json(); `label` one entry of a split's labels.json."""
        self.n += 1
        predicted = draft.get("mentions") or []
        matched, agreed = match_figures(predicted, label["stats"])
        self.predicted += len(predicted)
        self.gold += len(label["stats"])
        self.matched += matched
        self.qualifiers_agreed += agreed
        rid = label["id"]
        self.misses += [f"{rid} {line}" for line in figure_misses(predicted, label["stats"])]
        checks = {
            "organization": (same_body(draft.get("organization"), label["organization"]),
                             draft.get("organization"), label["organization"]),
            "org_type": (draft.get("org_type") == label["org_type"], draft.get("org_type"), label["org_type"]),
            "campaign": (normal_name(draft.get("campaign")) == normal_name(label["campaign"]),
                         draft.get("campaign"), label["campaign"]),
            "period": ((draft.get("start") or None) == label["period"], draft.get("start"), label["period"]),
        }
        for key, (ok, got, want) in checks.items():
            setattr(self, key, getattr(self, key) + ok)
            if not ok:
                self.misses.append(f"{rid} {key}: {got!r} != {want!r}")
        self.topics += jaccard(draft.get("topics") or [], label["topics"])
        region = draft.get("region") or None
        if region:
            self.regions_given += 1
            if is_division(region):
                self.regions_valid += 1
            else:
                self.misses.append(f"{rid} region not a real division: {region!r}")
        if same_region(region, label["region"]):
            self.regions_same += 1
        elif region and is_division(region):
            self.misses.append(f"{rid} region: {region!r} != {label['region']!r}")

    def ratios(self) -> dict[str, float]:
        n = self.n or 1
        return {
            "figures_precision": _ratio(self.matched, self.predicted),
            "figures_recall": _ratio(self.matched, self.gold),
            "qualifiers": _ratio(self.qualifiers_agreed, self.matched),
            "organization": self.organization / n,
            "org_type": self.org_type / n,
            "campaign": self.campaign / n,
            "topics_jaccard": self.topics / n,
            "period": self.period / n,
            "region_valid": _ratio(self.regions_valid, self.regions_given),
            "region_same": self.regions_same / n,
        }
