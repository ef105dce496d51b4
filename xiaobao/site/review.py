"""The review page of the preview: every draft, each figure beside the words it came from.

Only `make site` builds it. It reads the importer's 待核对 comment lines back from each draft
file (YAML drops comments, so the file is read again: drafts are few), and marks each quote
in the summary text so the editor checks the number against the original sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from xiaobao.campaigns.drafts import HOW_TO_PUBLISH
from xiaobao.campaigns.figures import format_figure
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS, QUALIFIERS

REVIEW_SRC = "review.md"
_NOTE = re.compile(r"^#\s*待核对：(?P<note>.+)$")
_QUOTE = re.compile(r"^原文数字\s+(?P<metric>\S+)\s+(?P<value>\S+)（(?P<qualifier>\w+)）←“(?P<quote>.*)”$")


@dataclass(frozen=True)
class Evidence:
    metric: str
    value: str
    qualifier: str
    quote: str


def read_marks(text: str) -> tuple[list[str], list[Evidence]]:
    """(the importer's doubts, the quote behind each number) from a file's 待核对 lines."""
    notes: list[str] = []
    evidence: list[Evidence] = []
    for line in text.split("\n")[:400]:
        match = _NOTE.match(line.strip())
        if not match:
            continue
        note = match["note"].strip()
        quote = _QUOTE.match(note)
        if quote:
            evidence.append(Evidence(quote["metric"], quote["value"], quote["qualifier"], quote["quote"]))
        else:
            notes.append(note)
    return notes, evidence


def _highlighted(body: str, quotes: list[tuple[str, str]]) -> str:
    """The body as escaped paragraphs, each quote (with its anchor id) inside <mark>."""
    spans: list[tuple[int, int, str]] = []
    for quote, anchor in quotes:
        start = body.find(quote) if quote else -1
        while start >= 0 and any(a < start + len(quote) and start < b for a, b, _ in spans):
            start = body.find(quote, start + 1)
        if start >= 0:
            spans.append((start, start + len(quote), anchor))
    out, at = [], 0
    for start, end, anchor in sorted(spans):
        out.append(escape(body[at:start]))
        out.append(f'<mark id="{anchor}">{escape(body[start:end])}</mark>')
        at = end
    out.append(escape(body[at:]))
    paragraphs = [p.strip() for p in "".join(out).split("\n\n") if p.strip()]
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def _figure_rows(c: Campaign, evidence: list[Evidence], key: str) -> tuple[str, list[tuple[str, str]]]:
    rows, quotes = [], []
    metrics = list(dict.fromkeys([*c.stats, *(e.metric for e in evidence)]))
    for metric in metrics:
        info = METRICS.get(metric)
        figure = c.stats.get(metric)
        shown = escape(format_figure(figure, info.unit)) if figure and info else "（未写入 stats）"
        qualifier = QUALIFIERS.get(figure.qualifier, figure.qualifier) if figure else ""
        links = []
        for e in (e for e in evidence if e.metric == metric):
            anchor = f"q-{key}-{len(quotes)}"
            quotes.append((e.quote, anchor))
            links.append(f'<a href="#{anchor}">“{escape(e.quote)}”</a>'
                         f'<span class="xb-review-read">读作 {escape(e.value)}（{escape(QUALIFIERS.get(e.qualifier, e.qualifier))}）</span>')
        label = f"{escape(info.label)} <code>{metric}</code>" if info else f"未归类 <code>{escape(metric)}</code>"
        rows.append(f'<tr><td data-label="指标">{label}</td><td data-label="数值"><b>{shown}</b></td>'
                    f'<td data-label="限定">{escape(qualifier)}</td>'
                    f'<td data-label="原文">{"<br>".join(links) or "（没有原文依据，请核对）"}</td></tr>')
    table = ('<table class="xb-review-figures"><thead><tr><th>指标</th><th>数值</th><th>限定</th><th>原文（点一下跳到正文里的位置）</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>") if rows else "<p>没有数字。</p>"
    return table, quotes


def _draft_section(c: Campaign, text: str, key: str) -> str:
    notes, evidence = read_marks(text)
    table, quotes = _figure_rows(c, evidence, key)
    doubts = "".join(f"<li>{escape(n)}</li>" for n in notes) or "<li>导入程序没有留下疑问。</li>"
    return f"""<section class="xb-review-draft" id="draft-{key}">
<h2>{escape(c.title)}</h2>
<p class="xb-review-file">文件：<code>{escape(c.path)}</code> · 单位：{escape(c.organization)} ·
<a href="../{escape(c.url)}">看这一篇的页面</a></p>
<h3>数字与原文</h3>
<div class="xb-review-table">{table}</div>
<h3>导入程序拿不准的地方</h3><ul>{doubts}</ul>
<details open><summary>总结原文（黄色是数字的出处）</summary><div class="xb-review-text">{_highlighted(c.body, quotes)}</div></details>
<p class="xb-review-how"><b>核对完怎么办：</b>{escape(HOW_TO_PUBLISH)}，保存。这一篇就会从本页消失，并在下次发布时上线。</p>
</section>"""


def review_html(drafts: list[Campaign], root: Path) -> str:
    if not drafts:
        return "<p>现在没有待核对的草稿。用 <code>make import</code> 导入的总结会先出现在这里。</p>"
    sections = []
    for n, c in enumerate(drafts):
        try:
            text = (root / c.path).read_text(encoding="utf-8-sig")
        except OSError:
            text = ""
        sections.append(_draft_section(c, text, str(n)))
    index = "".join(f'<li><a href="#draft-{n}">{escape(c.title)}</a></li>' for n, c in enumerate(drafts))
    return (f"<p>共 {len(drafts)} 篇草稿，只在本机预览里出现，不会发布，也不进开放数据。"
            f"请对照原文核对每个数字。</p>" + (f"<ol>{index}</ol>" if len(drafts) > 1 else "") + "\n".join(sections))
