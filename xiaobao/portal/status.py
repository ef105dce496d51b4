"""Each member's state after a build: in use, quarantined with its last good copy (stale), or missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from xiaobao.portal.checks import KINDS, Quarantine
from xiaobao.portal.config import Member


BEIJING = dt.timezone(dt.timedelta(hours=8))


def beijing(stamp: str | None) -> str:
    """A stored UTC time as readers in China read it: "北京时间 2026-12-07 18:13"."""
    try:
        when = dt.datetime.fromisoformat((stamp or "").replace("Z", "+00:00"))
    except ValueError:
        return (stamp or "")[:16].replace("T", " ") or "—"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return "北京时间 " + when.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


@dataclass
class MemberStatus:
    member: Member
    quarantine: Quarantine | None = None
    since: str | None = None  # failing since (UTC, ISO 8601)
    copy: Path | None = None  # the good copy in use (its folder holds data/…)
    fetched_at: str | None = None  # when that copy was fetched
    digest: str | None = None
    format_version: str | None = None
    campaigns: int = 0

    @property
    def usable(self) -> bool:
        return self.copy is not None

    @property
    def stale(self) -> bool:
        return self.quarantine is not None and self.copy is not None

    @property
    def state(self) -> str:
        return "ok" if not self.quarantine else "stale" if self.copy else "missing"

    @property
    def quarantine_label(self) -> str:
        return KINDS.get(self.quarantine.kind, self.quarantine.kind) if self.quarantine else ""

    @property
    def message(self) -> str:
        """The operator's and readers' message: the member, the problem, what the portal did."""
        if not self.quarantine:
            return ""
        when = beijing(self.since)
        kept = (f"门户暂时用{beijing(self.fetched_at)}取得的上一份数据（已过时）"
                if self.copy and self.fetched_at else "门户里暂时没有这个成员的数据，合计不含它")
        return f"{self.member.label}已隔离（{self.quarantine_label}，自{when} 起）：{self.quarantine.detail}。{kept}。"
