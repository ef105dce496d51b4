"""One table of hotlines: every number has a remit, regulators' remits cite a document, links dial."""

from __future__ import annotations

import re

from xiaobao.site.hotlines import (ALL_LINES, COMPLAINT_LINES, HOME, HOTLINES, home_line, hotlines_for,
                                   remit_table, tel_link, topic_callout)
from xiaobao.site.sources import is_bare_home_page

REGULATORS = {"12315", "12378", "12363", "12386", "400-810-8866"}


def test_every_line_says_what_it_handles_and_regulators_cite_a_document():
    lines = {h for hs in HOTLINES.values() for h in hs} | set(ALL_LINES)
    for h in lines:
        assert h.remit and h.label, h.number
        assert re.fullmatch(r"tel:\d+", h.tel), h.tel
        if h.number in REGULATORS:
            assert h.sources, f"{h.number}: no document for its remit"
        for s in h.sources:
            assert not s.url or not is_bare_home_page(s.url), s.url


def test_remits_follow_the_2024_announcement():
    """Banks and insurers → 12378; credit reporting and payment institutions → 12363; securities → 12386."""
    by_number = {h.number: h for h in ALL_LINES}
    assert "银行" in by_number["12378"].remit and "保险" in by_number["12378"].remit
    assert "征信" in by_number["12363"].remit and "支付" in by_number["12363"].remit
    assert "非银行支付机构" in by_number["12363"].remit
    assert "股票" in by_number["12386"].remit
    assert [h.number for h in COMPLAINT_LINES] == ["12315", "12378", "12363", "12386"]
    assert [h.number for h in hotlines_for("complaint-handling")] == ["12315", "12378", "12363", "12386"]
    assert "12378" in [h.number for h in hotlines_for("consumer-law")]
    assert "12363" not in [h.number for h in hotlines_for("consumer-law")]


def test_financial_remits_rest_on_both_joint_announcements():
    """2023-06-02 kept the three numbers' service; 2024-06-28 says who takes which complaints."""
    by_number = {h.number: h for h in ALL_LINES}
    for number in ("12378", "12363", "12386"):
        cited = {(s.title, s.issued.isoformat()) for s in by_number[number].sources if s.issued}
        assert ("《关于金融消费者反映事项办理工作安排的公告》", "2023-06-02") in cited, number
        assert ("《关于金融消费者权益保护相关工作安排的公告》", "2024-06-28") in cited, number


def test_remit_table_says_the_2023_announcement_was_transitional():
    """Cited as the present remit without a word, the 2023 arrangement reads as still in force (review row 45)."""
    table = remit_table()
    for row in table.splitlines()[2:]:
        if "反映事项办理工作安排" in row:
            assert "过渡安排" in row and "2024年的公告已作调整" in row, row


def test_complaint_page_lists_every_document_its_remit_table_cites():
    """The complaint page shows the remits without their documents, so its 资料来源 must list each one."""
    from pathlib import Path

    from xiaobao.site.audience import front_matter
    from xiaobao.site.sources import read_sources

    page = Path(__file__).resolve().parent.parent / "docs" / "topics" / "complaint-handling.md"
    listed, problems = read_sources(front_matter(page).get("sources"))
    assert not problems
    for h in COMPLAINT_LINES:
        for cited in h.sources:
            assert any(s.title.startswith(cited.title) and s.issued == cited.issued for s in listed), \
                f"{h.number}: {cited.title} is not in the page's sources"


def test_rendered_forms_are_tap_to_call():
    assert tel_link(hotlines_for("credit-reporting")[0]) == "[**400-810-8866**](tel:4008108866)"
    callout = topic_callout("fraud-prevention")
    assert callout.startswith('!!! tip xb-hotlines "有问题，打这些电话') and "(tel:110)" in callout and "(tel:96110)" in callout
    table = remit_table()
    assert all(f"(tel:{h.number})" in table for h in COMPLAINT_LINES)
    assert all(f"(tel:{h.number})" in home_line() for h in HOME)


def test_home_page_takes_its_numbers_from_the_table():
    """One source of truth: docs/index.md holds the marker, not a hand-written list of numbers."""
    from pathlib import Path

    index = (Path(__file__).resolve().parent.parent / "docs" / "index.md").read_text(encoding="utf-8")
    assert "<!-- xiaobao:home-hotlines -->" in index
    assert not any(h.number in index for h in HOME)


def test_12315_does_not_claim_tourism_and_12345_does_with_its_notice():
    """Review 2026-12, row 58: tourism disputes go to the local 12345, not 12315."""
    by_number = {h.number: h for h in ALL_LINES}
    assert "旅游" not in by_number["12315"].remit
    assert "旅游" in by_number["12345"].remit and by_number["12345"].sources


def test_fundraising_box_sends_reports_to_police_and_local_office_not_12378():
    """Review 2026-12, row 40: 12378 takes complaints about licensed firms, not fundraising reports."""
    callout = topic_callout("illegal-fundraising")
    assert "12378" not in callout and "(tel:110)" in callout and "地方金融管理部门" in callout


def test_currency_box_names_the_local_pboc():
    """Review 2026-12, rows 13 and 15: the PBOC enforces exchange and cash acceptance."""
    callout = topic_callout("anti-counterfeit")
    assert "当地人民银行" in callout and "(tel:12378)" in callout


def test_every_topic_has_a_box_with_a_number_a_phone_can_dial():
    from xiaobao.campaigns.vocab import TOPICS

    for key in TOPICS:
        assert re.search(r"\]\(tel:\d+\)", topic_callout(key)), key


def test_home_opens_with_the_emergency_line_then_the_complaint_numbers():
    line = home_line()
    urgent, calm = line.split("xb-home-calls", 1)
    assert "怀疑遇到诈骗，马上打[110](tel:110)" in urgent and "(tel:96110)" in urgent
    assert [n for n in re.findall(r"\(tel:(\d+)\)", calm)] == [h.number for h in HOME]


def test_topic_wording_keeps_the_number_and_its_documents():
    """A topic's own words for a remit may not point at a number the topic does not show."""
    from xiaobao.site.hotlines import TOPIC_REMITS

    for (topic, number) in TOPIC_REMITS:
        assert number in [h.number for h in hotlines_for(topic)], (topic, number)


def test_home_page_lists_hotlines_before_topic_cards():
    from pathlib import Path

    index = (Path(__file__).resolve().parent.parent / "docs" / "index.md").read_text(encoding="utf-8")
    assert index.index("<!-- xiaobao:home-hotlines -->") < index.index("<!-- xiaobao:home -->")
