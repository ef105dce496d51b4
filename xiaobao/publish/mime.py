"""The media type of every file type the build writes, and which of them are worth compressing.

The server configuration lists exactly these (nginx `types {}`), so a new kind of file cannot slip out
as application/octet-stream or be sniffed: publishing stops and names it instead.
"""

from __future__ import annotations

from pathlib import Path

from xiaobao.pipeline.outputs import media_types

# extension -> (media type, compress?)
TYPES: dict[str, tuple[str, bool]] = {
    "html": ("text/html", True),
    "css": ("text/css", True),
    "js": ("text/javascript", True),
    "map": ("application/json", True),
    "json": ("application/json", True),
    "xml": ("application/xml", True),
    "csv": ("text/csv", True),
    "txt": ("text/plain", True),
    "svg": ("image/svg+xml", True),
    "bin": ("application/octet-stream", True),  # search index shards: compress well
    "wasm": ("application/wasm", True),  # the editors' form (admin/, Decap CMS)
    "yml": ("text/yaml", True),  # admin/config.yml
    "yaml": ("text/yaml", True),
    "png": ("image/png", False),
    "jpg": ("image/jpeg", False),
    "jpeg": ("image/jpeg", False),
    "gif": ("image/gif", False),
    "webp": ("image/webp", False),
    "ico": ("image/x-icon", False),
    "pdf": ("application/pdf", False),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    "woff2": ("font/woff2", False),
    "gz": ("application/gzip", False),
    "br": ("application/octet-stream", False),  # never served as such: precompressed twins are sent encoded
}
# Paths whose media type is not their extension's, as the outputs table declares them (feed.xml).
PATH_TYPES: dict[str, str] = media_types()
FEED = PATH_TYPES["feed.xml"]  # a location of its own in the server configuration
CHARSET_TYPES = ("text/html", "text/css", "text/javascript", "application/json", "application/xml", "text/csv",
                 "text/plain", "text/yaml", "image/svg+xml", FEED)


def extension(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def unknown_types(site: Path) -> list[str]:
    """Files whose type the server would not know, as plain-Chinese problems naming one file of each kind."""
    seen: dict[str, Path] = {}
    for path in site.rglob("*"):
        if path.is_file() and extension(path) not in TYPES:
            seen.setdefault(extension(path), path)
    return [f"{p.relative_to(site)}：服务器不认识“.{ext}”这种文件（xiaobao/publish/mime.py 没有它的类型），"
            f"请换成常见格式（如 .pdf、.png、.jpg），或请开发者加上它的类型" if ext else
            f"{p.relative_to(site)}：文件名没有扩展名，服务器不知道它是什么类型，请加上扩展名"
            for ext, p in sorted(seen.items())]


def compressible(path: Path) -> bool:
    return TYPES.get(extension(path), ("", False))[1]
