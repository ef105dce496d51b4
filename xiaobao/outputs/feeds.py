"""An Atom feed of new campaigns and updated education pages, for readers and partner sites.

The feed's own <updated> is the newest entry date, not the build time: two builds of the same
input give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

ATOM = "http://www.w3.org/2005/Atom"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1970, 1, 1)
T = TypeVar("T")


def _clean(text: object) -> str:
    """XML 1.0 cannot carry control characters at all, escaped or not."""
    return _XML_ILLEGAL.sub("", str(text or ""))


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$", value.strip())
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            try:
                return dt.date(year, month or 1, day or 1)
            except ValueError:
                return None
    return None


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = _clean(text)
    return el


def _entry(feed: ET.Element, item: Mapping[str, Any], day: dt.date) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "title", item.get("title") or item["url"])
    _sub(entry, "id", item["url"])
    _sub(entry, "link", href=_clean(item["url"]), rel="alternate", type="text/html")
    _sub(entry, "updated", _stamp(day))
    if item.get("summary"):
        _sub(entry, "summary", item["summary"], type="text")
    if item.get("category"):
        _sub(entry, "category", term=_clean(item["category"]))


FEED_LIMIT = 100


def newest(items: Iterable[T], updated: Callable[[T], object], url: Callable[[T], str], limit: int = FEED_LIMIT) -> list[T]:
    """The items atom_feed would keep, in its order (newest date, then URL): no need to build the rest."""
    return heapq.nlargest(limit, items, key=lambda item: (_as_date(updated(item)) or _EPOCH, url(item)))


def atom_feed(
    title: str,
    site_url: str,
    feed_url: str,
    entries: Iterable[Mapping[str, Any]],
    *,
    subtitle: str = "",
    limit: int = FEED_LIMIT,
) -> str:
    """Render entries ({title, url, updated, summary[, category]}) newest first as Atom XML.

    An entry without a usable date sorts last and carries the feed's newest date, since Atom
    requires one; never the build time.
    """
    dated = [(_as_date(item.get("updated")), item) for item in entries]
    newest = max((d for d, _ in dated if d), default=_EPOCH)
    dated.sort(key=lambda pair: (pair[0] or _EPOCH, str(pair[1].get("url"))), reverse=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    _sub(feed, "title", title)
    if subtitle:
        _sub(feed, "subtitle", subtitle)
    _sub(feed, "id", site_url)
    _sub(feed, "link", href=_clean(site_url), rel="alternate", type="text/html")
    _sub(feed, "link", href=_clean(feed_url), rel="self", type="application/atom+xml")
    _sub(feed, "updated", _stamp(newest))
    author = _sub(feed, "author")
    _sub(author, "name", title)
    for day, item in dated[:limit]:
        _entry(feed, item, day or newest)
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"
