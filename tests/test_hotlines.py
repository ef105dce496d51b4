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
