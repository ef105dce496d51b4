"""Files under docs/ that are not pages: which are published as they are, which are refused, which skipped.

MkDocs copies every such file into the site. An editor's .html or .svg would run its scripts on
our own address (and the CSP used to trust them), so only an allow-list goes out as it is:
images other than SVG (checked to be the image their name says), PDF and Office documents (after
the personal-data check of their text, xiaobao.publish.personal), and the project's own scripts
and stylesheets in their two folders. Everything else is refused or skipped, and named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

IMAGES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
          ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}
DOCUMENTS = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",)}
CODE = {"assets/js/": ".js", "assets/css/": ".css"}  # the project's own code, reviewed as code
PAGES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # MkDocs builds these (x.MD is named by hooks/steps/output.py)
# Left behind by editors and their tools: never published, always named.
_BACKUP = re.compile(r"(?:~|\.bak|\.orig|\.swp|\.swo|\.tmp|\.old)$|^~\$|^#.*#$|^\.~lock\.", re.I)
ACTIVE = {  # files a browser would run or render as part of our site
    ".html": "网页文件", ".htm": "网页文件", ".xhtml": "网页文件", ".shtml": "网页文件", ".svg": "矢量图",
    ".svgz": "矢量图", ".xml": "XML 文件", ".xsl": "XML 样式文件", ".js": "脚本文件", ".mjs": "脚本文件",
    ".css": "样式表", ".swf": "Flash 文件", ".wasm": "程序文件", ".php": "程序文件", ".map": "脚本映射文件",
}
ALLOWED_TEXT = ("页面 .md；图片 .png .jpg .jpeg .gif .webp；文档 .pdf .docx .xlsx .pptx"
                "（文档要先通过个人信息检查）")


@dataclass(frozen=True)
class Verdict:
    kind: str  # page, image, document, code, refused, skipped
    message: str = ""  # for refused and skipped: what is wrong and what to do, in Chinese
    severity: str = "error"


def _active_message(suffix: str, name: str) -> str:
    what = ACTIVE[suffix]
    if suffix in (".svg", ".svgz"):
        fix = "请另存为 PNG 或 JPG 图片再放进来"
    elif suffix in (".js", ".mjs", ".css"):
        fix = f"本站的脚本和样式表只放在 docs/{'assets/js/' if suffix != '.css' else 'assets/css/'}，由开发者审核后加入"
    else:
        fix = "内容请写成 .md 页面；要给读者下载，请转成 PDF"
    return f"{what}（{suffix}）不能放在 docs/ 里直接发布：它会在本站的网址下运行或显示，里面的脚本也会运行。{fix}"


def classify(src: str, head: bytes) -> Verdict:
    """What happens to docs/<src>; head is the file's first bytes (enough for a signature)."""
    path = PurePosixPath(src)
    name, suffix = path.name, path.suffix.lower()
    if _BACKUP.search(name):
        return Verdict("skipped", "这是编辑器或 Office 留下的备份（临时）文件，不会发布，已跳过。请删除它，免得和正式文件混淆",
                       "warning")
    if suffix in PAGES:
        return Verdict("page")
    for folder, code_suffix in CODE.items():
        if src.startswith(folder) and path.suffix == code_suffix and "/" not in src[len(folder):]:
            return Verdict("code")
    if suffix in ACTIVE:
        return Verdict("refused", _active_message(suffix, name))
    signatures = IMAGES.get(suffix) or DOCUMENTS.get(suffix)
    if signatures is None:
        what = f"这种文件（{suffix}）" if suffix else "没有扩展名的文件"
        return Verdict("refused", f"{what}不会发布。docs/ 里能发布的只有：{ALLOWED_TEXT}。请换成这些格式，或把它移出 docs/")
    if not head.startswith(signatures) or suffix == ".webp" and head[8:12] != b"WEBP":
        return Verdict("refused", f"文件名是 {suffix}，内容却不是这种文件（可能是改了扩展名的网页或别的文件），不能发布。"
                                  f"请用原来的软件重新另存为 {suffix}")
    return Verdict("image" if suffix in IMAGES else "document")
