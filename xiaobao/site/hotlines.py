"""Which number a reader should call: the one table behind the home page, topic pages, print views and the screen.

Each number carries its remit (what it handles, in plain words) and the document that gives it
that remit, so an editor who doubts a line can check it, and a change in one place reaches every
page. After the 2023 reform of the financial regulators, two joint announcements of NFRA, PBOC and
CSRC set the financial remits: the first (2023-06-02) kept the three hotlines 12378, 12363 and 12386
with their service unchanged; the second (2024-06-28) says which regulator takes which complaints:
banks and insurers → NFRA (12378); non-bank payment institutions and credit reporting agencies →
PBOC (12363); securities, futures and funds → CSRC (12386). A remit rests on both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from xiaobao.site.sources import Source, chinese_date


@dataclass(frozen=True)
class Hotline:
    number: str
    label: str  # a few words: what to call it for (print footer, screen)
    remit: str = ""  # one plain sentence: what this number handles
    sources: tuple[Source, ...] = field(default=(), compare=False)
    callable: bool = True  # False for numbers that only send messages (12381)

    @property
    def tel(self) -> str:
        """The `tel:` address: digits only, so every phone dials it."""
        return "tel:" + re.sub(r"\D", "", self.number)


FINANCE_2023 = Source(
    title="《关于金融消费者反映事项办理工作安排的公告》",
    publisher="国家金融监督管理总局、中国人民银行、中国证券监督管理委员会",
    articles="三条热线保留；这是过渡安排，2024年的公告已作调整",
    issued=dt.date(2023, 6, 2),
)
FINANCE_2024 = Source(
    title="《关于金融消费者权益保护相关工作安排的公告》",
    publisher="国家金融监督管理总局、中国人民银行、中国证券监督管理委员会",
    issued=dt.date(2024, 6, 28),
)
FINANCE_REMITS = (FINANCE_2023, FINANCE_2024)  # the numbers (2023), then who takes what (2024)
SAMR_RULES = Source(
    title="《市场监督管理投诉举报处理办法》",
    publisher="国家市场监督管理总局",
    number="国家市场监督管理总局令第121号",
    issued=dt.date(2025, 12, 30),
    in_force=dt.date(2026, 4, 15),
    url="https://www.samr.gov.cn/zw/zfxxgk/fdzdgknr/fgs/art/2026/art_e4d03a20c0fd49769e408c7bf3791ff5.html",
)
CREDIT_REPAIR = Source(
    title="一次性信用修复政策",
    publisher="中国人民银行征信中心",
    issued=dt.date(2025, 12, 22),
    url="https://www.pbccrc.org.cn/xczl/xyxf/20251222/7c7abc6bf4984eebbc0d1fa23fcab368.html",
)
TOURISM_2021 = Source(
    title="12301、12318等文化和旅游热线2021年底前并入各地12345（文化和旅游部办公厅通知）",
    publisher="文化和旅游部办公厅",
)
SAMR = Hotline("12315", "市场监管投诉举报", "买东西、接受服务的消费纠纷：商品质量、食品安全、价格收费等", (SAMR_RULES,))
NFRA = Hotline("12378", "银行保险消费投诉", "银行、保险公司、信托公司、消费金融公司等的投诉", FINANCE_REMITS)
PBOC = Hotline("12363", "人民银行：征信、支付机构投诉", "征信机构、非银行支付机构（网上支付、收款码等）的投诉，工作日接听", FINANCE_REMITS)
CSRC = Hotline("12386", "证监会：股票基金期货投诉", "股票、基金、期货方面的投诉", FINANCE_REMITS)
TOURISM = Hotline("12345", "政务服务便民热线", "旅游纠纷（旅行社、景区、导游）：打当地的12345", (TOURISM_2021,))
POLICE = Hotline("110", "遇到诈骗立即报警", "已经被骗、发现违法犯罪，马上报警")
ANTI_FRAUD = Hotline("96110", "反诈专线来电请接听", "反诈预警劝阻专线：它打来要接听，也可以打过去咨询、举报")
CREDIT_CENTER = Hotline("400-810-8866", "人民银行征信中心客服", "查信用报告、对报告提异议、问一次性信用修复", (CREDIT_REPAIR,))
FUNDRAISING_POLICE = Hotline("110", "发现非法集资线索可报警", "发现非法集资线索、已经交了钱，马上报警")

HOTLINES: dict[str, tuple[Hotline, ...]] = {
    "consumer-law": (SAMR, NFRA),
    "anti-counterfeit": (NFRA, POLICE),
    "credit-reporting": (CREDIT_CENTER, PBOC, NFRA),
    "fraud-prevention": (POLICE, ANTI_FRAUD),
    "illegal-fundraising": (FUNDRAISING_POLICE,),  # 12378 takes complaints about licensed firms, not fundraising reports
    "financial-literacy": (NFRA, PBOC),
    "complaint-handling": (SAMR, NFRA, PBOC, CSRC),
    "information-security": (POLICE, SAMR, NFRA),
    "fee-transparency": (NFRA, SAMR),
    "insurance": (NFRA,),
    "food-safety": (SAMR,),
    "product-quality": (SAMR,),
}

# What a number handles, said for one topic's reader: the same remit and documents, in that page's words.
TOPIC_REMITS: dict[tuple[str, str], str] = {
    ("anti-counterfeit", "12378"): "银行不给兑换破损的钱、服务有问题，投诉这家银行",
    ("insurance", "12378"): "保险公司不理赔、退保有纠纷、销售时误导您，找保险公司解决不了就打这个电话",
    ("product-quality", "12315"): "买到假货、质量有问题，商家和平台不管，打这个电话或上全国12315平台投诉",
    ("food-safety", "12315"): "买到过期、变质、不合格的食品，饭店吃坏了肚子，打这个电话投诉举报",
    ("information-security", "110"): "信息被人冒用、钱被骗、卡被盗刷，马上报警",
    ("information-security", "12315"): "商家、网店、App泄露或乱收集您的个人信息",
    ("information-security", "12378"): "银行、保险公司泄露您的信息，或者给您乱发推销",
    ("fee-transparency", "12378"): "银行乱收费、信用卡年费和手续费有纠纷",
    ("fee-transparency", "12315"): "商家乱收费、自动续费乱扣钱、办卡充值后不退钱",
    ("financial-literacy", "12378"): "银行、保险公司的产品和服务有问题",
    ("financial-literacy", "12363"): "网上支付、收款码、征信方面的投诉，工作日接听",
}

# Where to turn when the right office has no single national number: a line without a link.
TOPIC_NOTES: dict[str, str] = {
    "anti-counterfeit": "人民币兑换、商店不收现金：向当地人民银行反映（人民银行管人民币）",
    "illegal-fundraising": "举报非法集资：也可以找当地政府的地方金融管理部门（金融办）",
}

DEFAULT: tuple[Hotline, ...] = (SAMR, NFRA)
HOME: tuple[Hotline, ...] = (SAMR, NFRA, PBOC, CSRC)  # "遇到问题，先打这些电话" on the home page
HOME_URGENT: tuple[Hotline, ...] = (POLICE, ANTI_FRAUD)
# The home page's list in a few words each: one line per number on a 390-pixel phone at 特大.
HOME_WORDS: dict[str, str] = {"12315": "买东西、吃饭", "12378": "银行、保险", "12363": "征信、网上支付",
                              "12386": "股票、基金"}
COMPLAINT_LINES: tuple[Hotline, ...] = (SAMR, NFRA, PBOC, CSRC)  # the complaint page's table
ALL_LINES: tuple[Hotline, ...] = (SAMR, NFRA, PBOC, CSRC, CREDIT_CENTER, TOURISM, POLICE, ANTI_FRAUD)  # docs/reach.md


def hotlines_for(topic: str) -> tuple[Hotline, ...]:
    """The numbers for a topic; the general consumer lines when the topic has none of its own."""
    return HOTLINES.get(topic, DEFAULT)


def tel_link(h: Hotline) -> str:
    """A tap-to-call Markdown link: plain Markdown, so the page sanitiser keeps it."""
    return f"[**{h.number}**]({h.tel})" if h.callable else f"**{h.number}**"


def hotline_table() -> str:
    """The topic → hotline table as Markdown, for docs/reach.md: the docs cannot drift from the data."""
    from xiaobao.campaigns.vocab import TOPICS

    rows = ["| 主题 | `topics` 里的写法 | 热线 |", "| --- | --- | --- |"]
    for key, topic in TOPICS.items():
        numbers = "；".join(f"{h.number}（{h.label}）" for h in hotlines_for(key))
        rows.append(f"| {topic.label} | `{key}` | {numbers} |")
    return "\n".join(rows) + "\n"


def _source_links(h: Hotline) -> str:
    parts = []
    for s in h.sources:
        day = s.in_force or s.issued
        when = f"（{chinese_date(day)}{'起施行' if s.in_force else '发布'}）" if day else ""
        title = (f"[{s.title}]({s.url})" if s.url else s.title) + (f"（{s.articles}）" if s.articles else "")
        parts.append(title + when)
    return "；".join(parts) or "—"


def remit_table(lines: tuple[Hotline, ...] = COMPLAINT_LINES, with_sources: bool = True) -> str:
    """Number, remit and the document behind the remit: the complaint page and reach.md show this."""
    head = "| 电话 | 管什么 |" + (" 依据 |" if with_sources else "")
    rule = "| --- | --- |" + (" --- |" if with_sources else "")
    rows = [head, rule]
    for h in lines:
        rows.append(f"| {tel_link(h)} | {h.remit} |" + (f" {_source_links(h)} |" if with_sources else ""))
    return "\n".join(rows) + "\n"


def remit_for(topic: str, h: Hotline) -> str:
    """The remit as the topic's page says it: its own words when it has them, else the number's."""
    return TOPIC_REMITS.get((topic, h.number), h.remit)


def topic_callout(topic: str) -> str:
    """The box near the top of a topic page: the numbers its reader needs, each a tap-to-call link."""
    lines = hotlines_for(topic)
    items = [f"    - {tel_link(h)}：{remit_for(topic, h)}" for h in lines]
    if topic in TOPIC_NOTES:
        items.append(f"    - {TOPIC_NOTES[topic]}")
    # A title of one line at 特大 on a phone, so the first number stays on the first screen.
    title = "有问题，打这个电话" if len(lines) == 1 else "有问题，打这些电话"
    return f'!!! tip xb-hotlines "{title}"\n\n' + "\n".join(items) + "\n\n    点一下号码，手机就会拨打。\n"


URGENT_LINE = "怀疑遇到诈骗，马上打"


def home_line() -> str:
    """The home page's first screen: the emergency line, then the complaint numbers, one a line.

    It stands above the topic cards (docs/index.md): on a phone at 特大 a reader must see where to
    call before anything else. Admonitions, because the page sanitiser keeps classes on <div> only.
    """
    police, anti_fraud = HOME_URGENT
    urgent = (f'!!! danger xb-urgent ""\n\n    **{URGENT_LINE}[{police.number}]({police.tel})**。'
              f"接到{tel_link(anti_fraud)}来电，一定要接听。\n")
    calm = "\n".join(f"    - {tel_link(h)} {HOME_WORDS.get(h.number, h.label)}" for h in HOME)
    return f'{urgent}\n!!! tip xb-hotlines xb-home-calls "有问题，先打这些电话"\n\n{calm}\n'


def all_numbers() -> list[str]:
    """Every number a reader may be told to call: the tap-to-call links are made for these."""
    lines = [h for group in HOTLINES.values() for h in group] + [*DEFAULT, *HOME, *HOME_URGENT, *ALL_LINES]
    return sorted({h.number for h in lines if h.callable})


def tel_href(number: str) -> str:
    """tel: address of a number as printed in text ("400-810-8866" -> "tel:4008108866"), like Hotline.tel."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
