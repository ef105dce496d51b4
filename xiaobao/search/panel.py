"""What the no-result panel offers, from the one source of each: topics (vocab.py), hotlines (hotlines.py)."""

from __future__ import annotations

from collections.abc import Iterable

from xiaobao.campaigns.vocab import METRICS, TOPICS
from xiaobao.site.hotlines import DEFAULT, hotlines_for

TOPIC_URL = "topics/{key}/"


def query_sources(urls: Iterable[str]) -> tuple[tuple[str, ...], tuple[dict, ...], tuple[dict, ...]]:
    """(topic and metric names, the topics that have an education page, their hotlines)."""
    present = set(urls)
    names = tuple(t.label for t in TOPICS.values()) + tuple(m.label for m in METRICS.values())
    topics = tuple({"l": t.label, "u": TOPIC_URL.format(key=key), "d": t.description}
                   for key, t in TOPICS.items() if TOPIC_URL.format(key=key) in present)
    numbers: dict[str, dict] = {}
    for topic in [*(t["u"].split("/")[1] for t in topics)]:
        for line in hotlines_for(topic):
            numbers.setdefault(line.number, {"n": line.number, "l": line.label})
    for line in DEFAULT:
        numbers.setdefault(line.number, {"n": line.number, "l": line.label})
    return names, topics, tuple(numbers.values())
