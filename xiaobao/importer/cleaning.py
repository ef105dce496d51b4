"""Web-copy debris: stray marks inside words, site boilerplate, "相关推荐" footers."""

from __future__ import annotations

import re

_CJK = r"\u4e00-\u9fff"
# A backtick, apostrophe or full stop wedged between two Chinese characters (的`责任, 良好的.活动).
_STRAY = re.compile(rf"(?<=[{_CJK}，,“”])[`'.]+(?=[{_CJK}])|`")
_FOOTER = re.compile(r"^\s*(?:[•·\-*]\s*)?(相关推荐|相关文章|推荐阅读|猜你喜欢|热门推荐|上一篇|下一篇|本文标签)")
# Sentences written by the site, not the author.
# (Found as a word, then its sentence dropped: a pattern spanning the sentence would rescan it from every start.)
_BOILERPLATE = re.compile(
    r"小编|欢迎大家分享|欢迎继续访问|欢迎阅读|仅供参考|希望对你有所帮助|希望对大家有所帮助|"
    r"下面是小编|下面的是分享|更多内容请|点击查看|本文来源|转载请注明|版权所有"
)
_SENTENCE = re.compile(r"[^。！!？?\n]+[。！!？?]?|[。！!？?]")
_DATE_LINE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*[\u4e00-\u9fff]{0,8}\s*$")


def _without_boilerplate(line: str) -> str:
    """The line without the sentences the site wrote (小编…, 转载请注明…)."""
    if not _BOILERPLATE.search(line):
        return line
    return "".join(s for s in _SENTENCE.findall(line) if not _BOILERPLATE.search(s))


def clean(text: str) -> str:
    """Return the summary text as the author wrote it: paragraphs separated by blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    text = text.replace("巿", "市")  # U+5DFF, a look-alike typed for 市 (县巿场监管局)
    kept: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _FOOTER.match(line):
            if i >= len(lines) // 2:
                break  # a footer: what follows is the site's list of other articles
            continue
        if _DATE_LINE.match(line):
            continue
        line = _without_boilerplate(line)
        line = _STRAY.sub("", line)
        line = re.sub(r"[ \t]+", " ", line).strip()
        if line:
            kept.append(line)
    out = ""
    for i, line in enumerate(kept):
        if i:
            out += "\n" if line.startswith("|") and kept[i - 1].startswith("|") else "\n\n"
        out += line
    return out  # rows of a table stay together: a Markdown table
