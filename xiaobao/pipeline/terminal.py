"""MkDocs' own terminal lines in Chinese, for editors running `make site`.

A filter on MkDocs' stream handler rewrites the messages an editor sees in a normal session and
the level names before them. Messages it does not know pass through unchanged: a translation
must never hide a problem.
"""

from __future__ import annotations

import logging
import re

LEVELS = {"INFO": "提示", "WARNING": "注意", "ERROR": "错误", "DEBUG": "调试", "CRITICAL": "严重"}

# (pattern, Chinese, new level or None). Patterns match MkDocs 1.6's wording.
MESSAGES: list[tuple[re.Pattern[str], str, int | None]] = [(re.compile(p), c, lvl) for p, c, lvl in [
    (r"^Building documentation\.\.\.$", "正在生成网站……", None),
    (r"^Cleaning site directory$", "清空输出文件夹", None),
    (r"^A 'dirty' build is being performed", "预览只重新生成改过的页面，保存文件后几秒内就能看到", logging.INFO),
    (r"^Building documentation to directory: (.*)$", r"网站生成到文件夹：\1", None),
    (r"^The directory contains stale files\..*$", "输出文件夹里有旧文件，可运行 make clean 清掉", None),
    (r"^Documentation built in ([\d.]+) seconds$", r"网站已生成，用时 \1 秒", None),
    (r"^Serving on (\S+) and opening it in a browser$", r"预览地址：\1（已在浏览器打开）", None),
    (r"^Serving on (\S+)$", r"预览地址：\1 ——在浏览器打开；改了文件保存后，页面会自己刷新。按 Ctrl+C 停止", None),
    (r"^Watching paths for changes: (.*)$", r"正在留意这些文件夹里的改动：\1", None),
    (r"^Detected file changes$", "发现文件有改动", None),
    (r"^Reloading browsers$", "刷新浏览器里的页面", None),
    (r"^Browser connected: (\S+)$", r"浏览器已打开：\1", None),
    (r"^Shutting down\.\.\.$", "预览已停止", None),
    (r"^Doc file '(.+?)' contains a link '(.+?)', but the target '(.+?)' is not found among documentation files\.",
     r"页面 \1 里的链接 \2 指向的文件 \3 不存在。请检查链接的写法", None),
    (r"^Doc file '(.+?)' contains a link '(.+?)', but the target is not found among documentation files\.",
     r"页面 \1 里的链接 \2 指向的文件不存在。请检查链接的写法", None),
    (r"^Doc file '(.+?)' contains a link '(.+?)', but the doc '(.+?)' does not contain an anchor '(.+?)'\.",
     r"页面 \1 里的链接 \2 指向 \3 中不存在的小标题 \4", None),
]]


_CLOCK = re.compile(r"^(\[\d\d:\d\d:\d\d\] )?")


def translate(message: str) -> tuple[str, int | None] | None:
    """The Chinese for one of MkDocs' messages (and the level it should have), or None."""
    clock = _CLOCK.match(message).group(0)  # type: ignore[union-attr]  # the preview server stamps its lines
    text = message[len(clock):]
    for pattern, chinese, level in MESSAGES:
        if pattern.search(text):
            return clock + (pattern.sub(chinese, text.split("\n")[0], count=1) if "\\" in chinese else chinese), level
    return None


class ChineseLog(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        found = translate(record.getMessage())
        if found:
            record.msg, record.args = found[0], ()
            if found[1] is not None:
                record.levelno, record.levelname = found[1], logging.getLevelName(found[1])
        record.levelname = LEVELS.get(record.levelname, record.levelname)
        return True


def install(logger_name: str = "mkdocs") -> None:
    """Add the filter to the logger's handlers once (MkDocs' CLI adds its stream handler there)."""
    for handler in logging.getLogger(logger_name).handlers:
        if isinstance(handler, logging.StreamHandler) and not any(isinstance(f, ChineseLog) for f in handler.filters):
            handler.addFilter(ChineseLog())
