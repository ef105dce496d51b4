"""Reading the labelled report corpus: tests/fixtures/reports/<split>/labels.json and one <id>.txt per report.

Nine splits: dev (tune on it), test (sealed, gathered before any tuning), test2 (sealed, gathered after the
first tuning round on dev), test3, test4, test5, test6, test7 and test8 (sealed, gathered during the second, third,
fourth, fifth, sixth and seventh tuning rounds); test3 to test8 were never seen by anyone tuning when they were gathered. The site
hash decides dev or the sealed side; which sealed split a report joins depends only on when it was gathered."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SPLITS = ("dev", "test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")
SEALED = ("test", "test2", "test3", "test4", "test5", "test6", "test7", "test8")  # summaries only in `make eval`; misses only with --unseal-test
# what split_of says for a report in each split
HASH_SIDE = {"dev": "dev", "test": "test", "test2": "test", "test3": "test", "test4": "test", "test5": "test", "test6": "test",
             "test7": "test", "test8": "test"}
ROUND_ONE_LAST_ID = 137  # R001–R137 were gathered before any tuning; R138 on after the first tuning round
ROUND_TWO_LAST_ID = 251  # R138–R251: second round (dev, test2); R252 on: third round (test3 only)
ROUND_THREE_LAST_ID = 301  # R252–R301: third round (test3); R302 on: fourth round (test4 only)
ROUND_FOUR_LAST_ID = 352  # R302–R352: fourth round (test4); R353 on: fifth round (test5 only)
ROUND_FIVE_LAST_ID = 383  # R353–R383: fifth round (test5); R384 on: sixth round (test6 only)
ROUND_SIX_LAST_ID = 430  # R384–R430: sixth round (test6); R431 on: seventh round (test7 only)
ROUND_SEVEN_LAST_ID = 477  # R431–R477: seventh round (test7); R478 on: eighth round (test8 only)
SPLIT_SALT = "xiaobao-issue28-split-v1"  # fixed before any report was gathered; never change it
TEST_SHARE = 0.4
_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "ac", "mil"}


def site_of(url: str) -> str:
    """The publishing site a report counts under: the registrable domain of its host, so m.x.cn and
    www.x.cn are one site (gov.cn, com.cn and the like count one level deeper: scjg.tj.gov.cn → tj.gov.cn)."""
    parts = (urlsplit(url).hostname or "").lower().split(".")
    if len(parts) >= 3 and parts[-1] == "cn" and parts[-2] in _SECOND_LEVEL:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def split_of(url: str) -> str:
    """dev or test, decided once by the site alone: a site's reports never straddle the two splits."""
    digest = hashlib.sha256(f"{SPLIT_SALT}|{site_of(url)}".encode()).hexdigest()
    return "test" if int(digest[:8], 16) / 2**32 < TEST_SHARE else "dev"


def split_for_new_report(url: str, number: int) -> str:
    """Where report R<number> went when it was gathered: dev, or the sealed split open at that time when its site
    hashes to the sealed side. Closed sealed splits keep their contents fixed, so they stay comparable."""
    if split_of(url) == "dev":
        return "dev"
    if number <= ROUND_ONE_LAST_ID:
        return "test"
    if number <= ROUND_TWO_LAST_ID:
        return "test2"
    if number <= ROUND_THREE_LAST_ID:
        return "test3"
    if number <= ROUND_FOUR_LAST_ID:
        return "test4"
    if number <= ROUND_FIVE_LAST_ID:
        return "test5"
    if number <= ROUND_SIX_LAST_ID:
        return "test6"
    return "test7" if number <= ROUND_SEVEN_LAST_ID else "test8"


@dataclass(frozen=True)
class Report:
    label: dict
    text: str


def load_split(root: Path, split: str) -> list[Report]:
    """The reports of one split in id order; a label whose quote is not in its text is an error, not a skip."""
    folder = root / split
    reports = []
    for label in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
        text = (folder / f"{label['id']}.txt").read_text(encoding="utf-8")
        for quote in [s["quote"] for s in label["stats"]] + label.get("placeholders", []) + label.get("vague", []):
            if quote not in text:
                raise ValueError(f"{split}/{label['id']}: quote not in text: {quote}")
        reports.append(Report(label, text))
    return reports
