"""Scoring the importer's metadata against hand labels (tests/fixtures/metadata/labels.json)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DOTS = re.compile(r"(?<=\d)\s*[.·・•?？]\s*(?=\d)")


def normal(text: str | None) -> str:
    """Quotes, spaces and the dot in 3·15 written any way compare equal."""
    if not text:
        return ""
    text = _DOTS.sub("·", text)
    return re.sub(r"[\s“”\"'‘’「」《》]", "", text)


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


@dataclass
class MetaScore:
    n: int = 0
    organization: int = 0
    campaign: int = 0
    org_type: int = 0
    period: int = 0
    topics: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, label: dict, guess: dict) -> None:
        self.n += 1
        checks = {
            "organization": normal(guess.get("organization")) == normal(label["organization"]),
            "campaign": normal(guess.get("campaign")) == normal(label["campaign"]),
            "org_type": guess.get("org_type") == label["org_type"],
            "period": (guess.get("start") or None) == label["period"],
        }
        for key, ok in checks.items():
            setattr(self, key, getattr(self, key) + ok)
            if not ok:
                want = label["period"] if key == "period" else label[key]
                got = guess.get("start") if key == "period" else guess.get(key)
                self.misses.append(f"{label['id']} {key}: {got!r} != {want!r}")
        self.topics += jaccard(guess.get("topics") or [], label["topics"])

    def ratios(self) -> dict[str, float]:
        n = self.n or 1
        return {"organization": self.organization / n, "campaign": self.campaign / n, "org_type": self.org_type / n,
                "topics_jaccard": self.topics / n, "period": self.period / n}
