"""Screen mode data: key points come from the Markdown, hotlines from one table, all escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

from xiaobao.site.hotlines import HOTLINES, hotline_table, hotlines_for
from xiaobao.outputs.leaflets import print_path, redirect_target, render_redirect
from xiaobao.outputs.screen import ScreenTopic, key_points, render_screen
from xiaobao.campaigns.vocab import TOPICS

PAGE = """---
title: 防范电信网络诈骗
---
# 防范电信网络诈骗

## 记住这几点 {#remember}

- **不听**：陌生来电说“安全账户”，挂断。
- 不信：[公检法](../x.md)不会在电话里办案，
  也不会让你转账。
* 不转账：`验证码`不告诉任何人

说明文字不是要点。

## 遇到诈骗怎么办

- 这不是要点
"""


def test_key_points_under_heading_only() -> None:
    assert key_points(PAGE) == [
        "不听：陌生来电说“安全账户”，挂断。",
        "不信：公检法不会在电话里办案， 也不会让你转账。",
        "不转账：验证码不告诉任何人",
    ]


def test_no_heading_no_points() -> None:
    assert key_points("# 标题\n\n- 一条\n") == []


def test_every_topic_has_a_hotline() -> None:
    assert set(HOTLINES) == set(TOPICS)
    assert hotlines_for("no-such-topic")
    assert all(re.fullmatch(r"[0-9-]+", h.number) for hs in HOTLINES.values() for h in hs)


def test_screen_page_embeds_data_safely() -> None:
    topic = ScreenTopic("fraud-prevention", "防范电信网络诈骗", "https://a.cn/topics/fraud-prevention/",
                        ["</script><script>alert(1)</script>"], qr_svg="<svg></svg>")
    html = render_screen([topic], "消保", "https://a.cn/")
    assert "<script>alert(1)" not in html
    data = json.loads(re.search(r'id="xb-screen-data">(.*?)</script>', html, re.S).group(1))
    assert data["topics"][0]["points"] == ["</script><script>alert(1)</script>"]
    assert data["topics"][0]["hotlines"][0]["number"] == "110"
    assert 'data-topic="fraud-prevention"' in html
    assert not re.search(r"https?://(?!a\.cn/|www\.w3\.org/)\w", html)  # no other hosts


def test_redirect_targets() -> None:
    assert redirect_target("topics/fraud-prevention/", "anti-fraud") == "topics/anti-fraud/index.html"
    assert redirect_target("guide/", "old-guide") == "old-guide/index.html"
    assert redirect_target("topics/x/", "old/path/") == "old/path/index.html"
    for bad in ["../etc", "/abs/../x", "", "a b", "javascript:alert(1)"]:
        assert redirect_target("topics/x/", bad) is None, bad


def test_redirect_page() -> None:
    html = render_redirect("../fraud-prevention/", "https://a.cn/topics/fraud-prevention/", "防诈<骗>")
    assert 'content="0; url=../fraud-prevention/"' in html
    assert '<link rel="canonical" href="https://a.cn/topics/fraud-prevention/">' in html
    assert "防诈&lt;骗&gt;" in html


def test_print_path() -> None:
    assert print_path("topics/fraud-prevention/") == "print/fraud-prevention/index.html"


def test_hotline_table_lists_every_topic() -> None:
    table = hotline_table()
    assert all(f"`{key}`" in table for key in TOPICS)
    assert "| 防范电信网络诈骗 | `fraud-prevention` | 110（遇到诈骗立即报警）；96110" in table


def test_screen_data_carries_the_hotline_numbers_for_the_slides() -> None:
    """screen.js links numbers inside a tip from this list: the one list, not a copy in JavaScript."""
    from xiaobao.site.hotlines import all_numbers
    from xiaobao.site.tel import COUNTERS

    topic = ScreenTopic("fraud-prevention", "防范电信网络诈骗", "https://a.cn/t/", ["接到96110来电，一定要接听。"])
    html = render_screen([topic], "消保", "https://a.cn/")
    data = json.loads(re.search(r'id="xb-screen-data">(.*?)</script>', html, re.S).group(1))
    assert data["numbers"] == all_numbers() and "96110" in data["numbers"]
    assert data["counters"] == COUNTERS
    js = (Path(__file__).parent.parent / "docs" / "assets" / "js" / "screen.js").read_text("utf-8")
    assert "96110" not in js and "12315" not in js and ".innerHTML" not in js


def test_short_link_page_carries_the_scheme_and_the_way_back() -> None:
    from xiaobao.campaigns.vocab import TOPIC_CODE_ORDER
    from xiaobao.outputs.screen import INTERVALS, render_short_page
    from xiaobao.publish.csp import Inline, scan_page

    html = render_short_page("消保<b>", "https://a.cn/screen-builder/")
    data = json.loads(re.search(r'id="xb-short-data">(.*?)</script>', html, re.S).group(1))
    assert data == {"topics": list(TOPIC_CODE_ORDER), "intervals": list(INTERVALS)}
    assert '<a href="../screen-builder/">a.cn/screen-builder/</a>' in html  # the way back, readable on a TV
    assert "消保&lt;b&gt;" in html and '<script src="../assets/js/shortlink.js"></script>' in html
    found = Inline()
    scan_page(html, "s/index.html", found)
    assert not found.scripts and not found.problems  # nothing inline that the policy would have to allow
