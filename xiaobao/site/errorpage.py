"""The page the preview shows instead of the site while campaign files have problems.

Under `make site` a problem does not stop the preview: every page becomes this one list, in
Chinese, of what to fix where. MkDocs' preview server adds its reload script before </body>, so
the page refreshes by itself when the editor saves a fix.
"""

from __future__ import annotations

from html import escape

from xiaobao.campaigns.problems import Problem

_STYLE = """
body{margin:0;font:18px/1.7 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
background:#fff8f6;color:#222}
main{max-width:52rem;margin:0 auto;padding:1.2rem 1rem 3rem}
h1{font-size:1.5rem;line-height:1.4;color:#b71c1c;margin:.4rem 0 .6rem}
p{margin:.5rem 0}
ol{padding:0;margin:1rem 0;list-style:none;counter-reset:n}
li{background:#fff;border:2px solid #e57373;border-radius:.6rem;padding:.8rem 1rem;margin:0 0 1rem;counter-increment:n}
li::before{content:"第 " counter(n) " 处";display:inline-block;background:#b71c1c;color:#fff;border-radius:.3rem;
padding:0 .5rem;font-size:.85rem;margin-bottom:.3rem}
.where{display:block;font-size:.95rem;color:#333}
.where b{color:#b71c1c}
.what{display:block;margin-top:.3rem}
.tips{background:#fff;border-left:.4rem solid #ef6c00;padding:.6rem 1rem;border-radius:.3rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f3e5e2;padding:0 .25rem;border-radius:.2rem;overflow-wrap:anywhere}
@media (prefers-color-scheme: dark){body{background:#1d1b1b;color:#eee}li,.tips{background:#2a2525}
.where{color:#ddd}code{background:#3a3030}}
"""


def _item(problem: Problem) -> str:
    where = [f"文件 <code>{escape(problem.file)}</code>"] if problem.file else []
    if problem.line:
        where.append(f"第 <b>{problem.line}</b> 行")
    if problem.field:
        where.append(f"字段 <code>{escape(problem.field)}</code>")
    return (f'<li><span class="where">{"，".join(where)}</span>'
            f'<span class="what">{escape(problem.message)}</span></li>')


def error_page(problems: list[Problem], guide_url: str = "/guide/", title: str = "", first: str | None = None) -> str:
    """A whole HTML document listing every problem; plain, readable on a phone, no outside files.

    first: the file whose own page this replaces; its problems come first and the heading names it."""
    if first:
        problems = sorted(problems, key=lambda p: p.file != first)
        own = sum(p.file == first for p in problems)
        title = title or f"你打开的这一篇（{first}）有 {own} 处要改" + (f"，别的文件还有 {len(problems) - own} 处" if len(problems) > own else "")
    items = "\n".join(_item(p) for p in problems)
    heading = escape(title or f"活动总结有 {len(problems)} 处要改")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>预览：有 {len(problems)} 处要改</title><style>{_STYLE}</style></head>
<body><main id="xiaobao-problems">
<h1>{heading}，改好之前网站不会更新</h1>
<p>下面每一条写明了文件、行号和字段。用编辑器打开那个文件，照提示改好，<b>保存</b>。
这一页会自己刷新；全部改好后，这里就会显示网站。</p>
<ol>
{items}
</ol>
<div class="tips"><p><b>常见的改法</b></p>
<p>冒号用英文冒号，后面空一格：<code>region: 江苏省南通市</code>。缩进用空格，不用 Tab。</p>
<p>值里有冒号或引号时，给整段加英文引号：<code>summary: "主题: 守住钱袋子"</code>。</p>
<p>主题、单位类型和指标可以写中文名（如 <code>防范电信网络诈骗</code>、<code>银行</code>、<code>宣传资料</code>），
也可以写英文代码；可写的都列在<a href="{escape(guide_url)}">编辑指南</a>里。</p></div>
</main></body></html>
"""
