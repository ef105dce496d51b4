"""Which number a reader should call, per topic: one source for the screen mode and print views."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hotline:
    number: str
    label: str


PBOC = Hotline("12363", "人民银行金融消费咨询投诉")
NFRA = Hotline("12378", "银行保险消费投诉")
SAMR = Hotline("12315", "市场监管投诉举报")
POLICE = Hotline("110", "遇到诈骗立即报警")
ANTI_FRAUD = Hotline("96110", "反诈专线来电请接听")
CREDIT_CENTER = Hotline("400-810-8866", "人民银行征信中心客服")

HOTLINES: dict[str, tuple[Hotline, ...]] = {
    "consumer-law": (SAMR, PBOC),
    "anti-counterfeit": (PBOC,),
    "credit-reporting": (PBOC, CREDIT_CENTER),
    "fraud-prevention": (POLICE, ANTI_FRAUD),
    "illegal-fundraising": (Hotline("110", "发现非法集资线索可报警"),),
    "financial-literacy": (PBOC,),
    "complaint-handling": (SAMR, NFRA),
    "information-security": (PBOC, POLICE),
    "fee-transparency": (NFRA, PBOC),
    "insurance": (NFRA,),
    "food-safety": (SAMR,),
    "product-quality": (SAMR,),
}

DEFAULT: tuple[Hotline, ...] = (SAMR, PBOC)


def hotlines_for(topic: str) -> tuple[Hotline, ...]:
    """The numbers for a topic; the general consumer lines when the topic has none of its own."""
    return HOTLINES.get(topic, DEFAULT)


def hotline_table() -> str:
    """The topic → hotline table as Markdown, for docs/reach.md: the docs cannot drift from the data."""
    from xiaobao.campaigns.vocab import TOPICS

    rows = ["| 主题 | `topics` 里的写法 | 热线 |", "| --- | --- | --- |"]
    for key, topic in TOPICS.items():
        numbers = "；".join(f"{h.number}（{h.label}）" for h in hotlines_for(key))
        rows.append(f"| {topic.label} | `{key}` | {numbers} |")
    return "\n".join(rows) + "\n"


def all_numbers() -> list[str]:
    """Every number a reader may be told to call: the tap-to-call links are made for these."""
    numbers = {h.number for lines in HOTLINES.values() for h in lines} | {h.number for h in DEFAULT}
    return sorted(numbers)


def tel_href(number: str) -> str:
    """tel: address of a hotline as printed ("400-810-8866" -> "tel:4008108866")."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
