"""The review page of the preview: every draft, each figure beside the words it came from.

Only `make site` builds it. For each draft (or file sent for review) it shows where the page will
live once published, the importer's doubts and what it read for each figure with its reason (the
`review:` block of the front matter, or the `# 待核对` comment lines of files imported before that
block existed), a warning where a figure's value is not the number of its quote, and the summary
text with each quote marked so the editor checks the number against the original sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from xiaobao.campaigns.drafts import HOW_TO_PUBLISH, HOW_TO_PUBLISH_OLD, STATUS_LABELS, SUBMITTED
from xiaobao.campaigns.figures import FigureError, format_figure, parse_figure
from xiaobao.campaigns.quotecheck import mismatch, mismatch_message
from xiaobao.campaigns.review import Notes, Reading, from_comments
from xiaobao.campaigns.schema import Campaign
from xiaobao.campaigns.vocab import METRICS, QUALIFIERS

REVIEW_SRC = "review.md"


@dataclass(frozen=True)
class Evidence:
    metric: str
    value: str
    qualifier: str
    quote: str
    reason: str | None = None


def _evidence(reading: Reading) -> Evidence:
    try:
        qualifier = parse_figure(reading.value).qualifier
    except FigureError:
        qualifier = ""
    return Evidence(reading.metric, reading.value, qualifier, reading.quote, reading.reason)


def notes_of(c: Campaign, text: str) -> Notes:
    """The file's review notes: the front-matter block, else old-style # 待核对 comment lines."""
    return c.review if c.review else from_comments(text)


def read_marks(text: str) -> tuple[list[str], list[Evidence]]:
    """(the importer's doubts, the quote behind each number) from an old-style file's 待核对 lines."""
    notes = from_comments(text)
    return list(notes.doubts), [_evidence(r) for r in notes.figures]


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
        if figure and figure.quote:
            anchor = f"q-{key}-{len(quotes)}"
            quotes.append((figure.quote, anchor))
            links.append(f'<a href="#{anchor}">“{escape(figure.quote)}”</a><span class="xb-review-read">文件里写的原文摘句</span>')
        for e in (e for e in evidence if e.metric == metric):
            if figure and e.quote == figure.quote:
                links[-1:] = [links[-1].replace("文件里写的原文摘句", f"导入时读作 {escape(e.value)}")]
            else:
                anchor = f"q-{key}-{len(quotes)}"
                quotes.append((e.quote, anchor))
                links.append(f'<a href="#{anchor}">“{escape(e.quote)}”</a>'
                             f'<span class="xb-review-read">读作 {escape(e.value)}（{escape(QUALIFIERS.get(e.qualifier, e.qualifier))}）</span>')
            if e.reason:
                links[-1] += f'<span class="xb-review-why">为什么算“{escape(info.label if info else metric)}”：{escape(e.reason)}</span>'
        written = mismatch(figure) if figure else None
        warn = (f'<p class="xb-review-mismatch" role="note"><b>数字和原文对不上：</b>{escape(mismatch_message(figure, written))}</p>'
                if written else "")
        label = f"{escape(info.label)} <code>{metric}</code>" if info else f"未归类 <code>{escape(metric)}</code>"
        rows.append(f'<tr{" class=xb-review-bad" if written else ""}><td data-label="指标">{label}</td>'
                    f'<td data-label="数值"><b>{shown}</b></td><td data-label="限定">{escape(qualifier)}</td>'
                    f'<td data-label="原文">{"<br>".join(links) or "（没有原文依据，请核对）"}{warn}</td></tr>')
    table = ('<table class="xb-review-figures"><thead><tr><th>指标</th><th>数值</th><th>限定</th><th>原文（点一下跳到正文里的位置）</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>") if rows else "<p>没有数字。</p>"
    return table, quotes


def _address(c: Campaign, site_url: str) -> str:
    url = escape(site_url.rstrip("/") + "/" + c.url if site_url else "/" + c.url)
    if c.slug_written:
        return f'<p class="xb-review-address">发布后的网址：<code>{url}</code>（网址名 <code>{escape(c.slug)}</code> 已写在文件里，不会再变）</p>'
    return (f'<p class="xb-review-address">发布后的网址：<code>{url}</code></p>'
            f'<p class="xb-review-address-how">网址名 <code>{escape(c.slug)}</code> 是按单位名“{escape(c.organization)}”和日期生成的，'
            f"核对时改了单位名，这里会跟着变。发布时请把它写进“网址名”（slug），以后就固定不变。</p>")


def _draft_section(c: Campaign, text: str, key: str, site_url: str) -> str:
    notes = notes_of(c, text)
    table, quotes = _figure_rows(c, [_evidence(r) for r in notes.figures], key)
    doubts = "".join(f"<li>{escape(n)}</li>" for n in notes.doubts) or "<li>导入程序没有留下疑问。</li>"
    state = STATUS_LABELS.get(c.status, c.status)
    how = HOW_TO_PUBLISH_OLD if notes.old_style else HOW_TO_PUBLISH
    old = ('<p class="xb-review-mismatch" role="note"><b>旧式备注：</b>这一篇的备注还是 # 待核对 注释，'
           "用表单保存时会丢掉。请先请运维人员运行一次 <code>python scripts/migrate_review.py</code>，"
           "把它们转成 review: 一块；或者直接用编辑器改文件。</p>") if notes.old_style else ""
    return f"""<section class="xb-review-draft" id="draft-{key}">
<h2>{escape(c.title)}</h2>
<p class="xb-review-file">状态：<b class="xb-review-state{' xb-review-state--submitted' if c.status == SUBMITTED else ''}">{escape(state)}</b> ·
文件：<code>{escape(c.path)}</code> · 单位：{escape(c.organization)} ·
<a href="../{escape(c.url)}">看这一篇的页面</a></p>
{_address(c, site_url)}{old}
<h3>数字与原文</h3>
<div class="xb-review-table">{table}</div>
<h3>导入程序拿不准的地方</h3><ul>{doubts}</ul>
<details open><summary>总结原文（黄色是数字的出处）</summary><div class="xb-review-text">{_highlighted(c.body, quotes)}</div></details>
<p class="xb-review-how"><b>核对完怎么办：</b>{escape(how)}，保存。这一篇就会从本页消失，并在下次发布时上线。</p>
</section>"""


def review_html(drafts: list[Campaign], root: Path, site_url: str = "") -> str:
    if not drafts:
        return "<p>现在没有待核对的草稿。用 <code>make import</code> 导入的总结和表单里新建的总结会先出现在这里。</p>"
    sections = []
    for n, c in enumerate(drafts):
        try:
            text = (root / c.path).read_text(encoding="utf-8-sig")
        except OSError:
            text = ""
        sections.append(_draft_section(c, text, str(n), site_url))
    submitted = sum(c.status == SUBMITTED for c in drafts)
    index = "".join(f'<li><a href="#draft-{n}">{escape(c.title)}</a>{"（已送审）" if c.status == SUBMITTED else ""}</li>'
                    for n, c in enumerate(drafts))
    return (f"<p>共 {len(drafts)} 篇没有发布{f'，其中 {submitted} 篇已送审' if submitted else ''}。它们只在本机预览里出现，"
            f"不会发布，也不进开放数据。请对照原文核对每个数字。</p>" + (f"<ol>{index}</ol>" if len(drafts) > 1 else "")
            + "\n".join(sections))
