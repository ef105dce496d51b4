"""A figure's quote is found, and highlighted, only in the text readers see (issue 26, item 12)."""

from __future__ import annotations

import pytest

from xiaobao.campaigns.evidence import quote_visible, visible_text
from xiaobao.campaigns.frontmatter import parse
from xiaobao.campaigns.schema import validate
from xiaobao.site.evidence import with_evidence

HEAD = """---
title: 南通分行“3·15”宣传
organization: 工商银行南通分行
org_type: bank
topics: [consumer-law]
summary: 发放宣传折页。
stats:
{stats}
---

"""


def _campaign(stats: str, body: str):
    campaign, problems = validate(parse(HEAD.format(stats=stats) + body + "\n"), "campaigns/2024/x.md", "x")
    return campaign, [str(p) for p in problems]


HIDDEN = ("campaigns/2024/x.md: stats.materials.quote（第 8 行）：原文摘句“宣传折页7600余份”只出现在读者看不到的地方"
          "（网页代码、注释或链接的说明里）。请从读者能看到的正文里复制那句话")
MISSING = "campaigns/2024/x.md: stats.materials.quote（第 8 行）：原文摘句“宣传折页7600余份”在总结正文里找不到。请从正文原样复制那句话"


@pytest.mark.parametrize("body, message", [
    ("我行开展宣传。<script>var s = '宣传折页7600余份';</script>", HIDDEN),
    ("我行开展[宣传][1]。\n\n[1]: https://xb.bank.cn/ \"宣传折页7600余份\"", HIDDEN),
    ("我行开展宣传。\n{: title=\"宣传折页7600余份\" }", HIDDEN),
    ("我行开展宣传。<!-- 宣传折页7600余份 -->", MISSING),  # tags are never words: not even in the raw check
    ("我行开展宣传。<span title=\"宣传折页7600余份\">活动</span>", MISSING),
])
def test_a_quote_only_in_hidden_text_is_refused(body, message):
    campaign, problems = _campaign("  materials: {value: 7600余, quote: 宣传折页7600余份}", body)
    assert campaign is None
    assert problems == [message]


@pytest.mark.parametrize("body", ["我行发放宣传折页7600余份。", "我行发放<b>宣传折页</b>7600余份。",
                                  "我行发放**宣传折页**7600余份。", "我行发放宣传折页\n7600余份。", "我行发放宣传折页7600余份 & 海报。"])
def test_a_quote_readers_see_is_accepted(body):
    campaign, problems = _campaign("  materials: {value: 7600余, quote: 宣传折页7600余份}", body)
    assert problems == [] and campaign is not None
    assert quote_visible("宣传折页7600余份", body)


def test_visible_text_drops_what_the_page_never_shows():
    assert "乙" not in visible_text("甲<script>乙</script>丙") and "甲" in visible_text("甲<script>乙</script>丙")
    assert visible_text("没有标记的正文") == "没有标记的正文"  # nothing that could hide words: not rendered at all


def test_a_quote_is_never_highlighted_inside_another_figures_note():
    """The audience quote also appears in the materials note, which is inserted before it: only the
    summary's own sentence is marked."""
    stats = ("  materials: {value: 7600余, quote: 宣传折页7600余份, note: 另有受众对象3900余人另计}\n"
             "  audience: {value: 3900余, quote: 受众对象3900余人}")
    campaign, problems = _campaign(stats, "各网点共发放宣传折页7600余份。受众对象3900余人。")
    assert problems == []
    html = with_evidence("<p>各网点共发放宣传折页7600余份。受众对象3900余人。</p>", campaign)
    note = html.split('class="xb-evidence-note"', 1)[1].split("</span>", 1)[0]
    assert "<mark" not in note and "另有受众对象3900余人另计" in note
    assert html.count('<mark class="xb-evidence"') == 2
    assert html.index('id="ev-audience"') > html.index("受众对象3900余人另计")  # the sentence after the note, not inside it
