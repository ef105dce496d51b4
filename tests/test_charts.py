"""Charts: accessible, escaped, proportional, stable bytes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from xiaobao.site.charts import bar_chart

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [("2023年", 120.0, "120 场"), ("2024年", 480.0, "≥ 480 场"), ("未知年份", 0.0, "未披露")]


def _svg(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))


def test_chart_has_text_alternative_and_table() -> None:
    html = bar_chart("按年份：活动场次", ROWS)
    svg = _svg(html)
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == ids[0]
    desc = svg.find(f"{SVG}desc")
    assert desc.get("id") == ids[1]
    assert "2024年：≥ 480 场" in desc.text and "未知年份：未披露" in desc.text
    assert html.count("<tr>") == 4  # header + three rows
    assert '<th scope="row">2023年</th><td>120 场</td>' in html


def test_bars_are_proportional_to_the_largest() -> None:
    svg = _svg(bar_chart("t", ROWS))
    bars = [r.get("width") for r in svg.iter(f"{SVG}rect") if r.get("class") == "xb-chart__bar"]
    assert bars == ["25.0%", "100.0%", "0.0%"]


def test_colours_come_from_css() -> None:
    html = bar_chart("t", ROWS)
    assert "fill=" not in html and "#" not in re.sub(r'id="[^"]*"|aria-labelledby="[^"]*"', "", html)


def test_labels_are_escaped() -> None:
    html = bar_chart('<script>alert(1)</script>', [('<img src=x onerror=alert(1)>', 1.0, "&")])
    assert "<script>" not in html and "<img" not in html
    _svg(html)  # still well-formed XML


def test_same_input_same_bytes_and_distinct_ids() -> None:
    assert bar_chart("a", ROWS) == bar_chart("a", ROWS)
    ids = {re.search(r'id="(xb-chart-[0-9a-f]+)"', bar_chart(t, ROWS)).group(1) for t in "abc"}
    assert len(ids) == 3


def test_templates_do_not_escape_it_twice() -> None:
    from jinja2 import Environment
    html = Environment(autoescape=True).from_string("{{ c }}").render(c=bar_chart("t<", ROWS))
    assert html.startswith('<figure class="xb-chart"') and "t&lt;" in html and "&amp;lt;" not in html


def test_empty_chart_says_so() -> None:
    assert "暂无数据" in bar_chart("空", [])
