"""What the portal knows of the members' open-data format (xiaobao.outputs.opendata, dataschema).

The same definitions the members' sites write their files from: a member built by this tool at
the same major version always fits. A higher minor version only adds fields and words (docs/data.md),
so it is read for the columns the portal knows; another major version is refused.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from xiaobao.campaigns.vocab import METRICS, ORG_TYPES, QUALIFIERS, TOPICS
from xiaobao.outputs.dataschema import FORMAT_VERSION, PARTIAL_DATE, SLUG_CORE, stats_schema
from xiaobao.outputs.opendata import CAMPAIGN_FIELDS, FIGURE_COLUMNS

KNOWN_MAJOR = int(FORMAT_VERSION.split(".")[0])
KNOWN_MINOR = int(FORMAT_VERSION.split(".")[1])
VERSION = re.compile(r"^(\d{1,4})\.(\d{1,4})\.(\d{1,4})$")
COLUMNS: tuple[str, ...] = tuple(CAMPAIGN_FIELDS) + tuple(f"{m}{s}" for m in METRICS for s in FIGURE_COLUMNS)
TEXT_COLUMNS: tuple[str, ...] = ("title", "organization", "region", "campaign") + tuple(
    f"{m}{s}" for m in METRICS for s in ("_quote", "_note"))
MAX_FIGURE = 10**13  # as xiaobao.campaigns.figures refuses an editor's figure above it
SLUG_PATTERN = f"^{SLUG_CORE}$"
DATE_PATTERN = PARTIAL_DATE
TOPIC_PATTERN = "^(" + "|".join(map(re.escape, TOPICS)) + ")(;(" + "|".join(map(re.escape, TOPICS)) + "))*$"
NUMBER_PATTERN = r"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"
ORG_TYPE_CODES = tuple(ORG_TYPES)
QUALIFIER_CODES = tuple(QUALIFIERS)


def parse_version(text: object) -> tuple[int, int, int] | None:
    match = VERSION.match(text) if isinstance(text, str) else None
    return tuple(int(g) for g in match.groups()) if match else None  # type: ignore[return-value]


@lru_cache(maxsize=2)
def stats_validator(newer_minor: bool) -> Draft202012Validator:
    """stats.json's published schema, taking any 2.x version; a newer minor may add fields."""
    schema: dict[str, Any] = copy.deepcopy(stats_schema())
    schema["properties"]["format_version"] = {"type": "string", "pattern": rf"^{KNOWN_MAJOR}\.[0-9]+\.[0-9]+$"}
    if newer_minor:
        schema["additionalProperties"] = True
        for key in ("by_region", "by_topic", "by_org_type"):
            schema["properties"][key].pop("propertyNames", None)
        schema["$defs"]["totals"]["additionalProperties"] = True
    return Draft202012Validator(schema)
