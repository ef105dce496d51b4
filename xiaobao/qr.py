"""QR codes for every page: a phone at a bank counter opens the page without typing a URL."""

from __future__ import annotations

import io
import posixpath
import re
from html import escape
from urllib.parse import urljoin

import segno

# A fixed mask skips segno's penalty search (~4 ms of ~5 ms per code): thousands of campaign
# pages stay cheap to build. Every mask is valid QR; the search only picks the prettiest.
FAST_MASK = 4


def absolute_url(site_url: str, page_url: str) -> str:
    """The URL a phone should open: site_url joined with the page's site-relative URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, page_url.lstrip("/"))


def qr_filename(page_url: str) -> str:
    """Where the page's code lives under qr/: mirrors the URL, so the name says which page it is."""
    path = page_url.strip("/")
    path = re.sub(r"/index\.html$|\.html$", "", path)
    return (path or "index") + ".svg"


def _code(url: str, fast: bool) -> segno.QRCode:
    return segno.make_qr(url, error="m", mask=FAST_MASK if fast else None)


def qr_svg(url: str, label: str | None = None, *, fast: bool = False) -> str:
    """A standalone SVG with a <title> naming it a 二维码 and the URL, for screen readers and download."""
    title = label or f"二维码：扫码打开 {url}"
    buf = io.BytesIO()
    _code(url, fast).save(
        buf, kind="svg", xmldecl=False, svgns=True, nl=False, border=4, omitsize=True,
        dark="#000", light="#fff", title=title, svgclass="xb-qr", lineclass=None,
    )
    svg = buf.getvalue().decode("utf-8")
    side = int(re.search(r'viewBox="0 0 (\d+)', svg).group(1)) * 8
    # role/aria-label so inline copies are announced as an image named 二维码; a size so a
    # downloaded file opens big enough to print, while CSS may still scale inline copies.
    attrs = f'role="img" aria-label="{escape(title)}" width="{side}" height="{side}" '
    return svg.replace("<svg ", "<svg " + attrs, 1)


def qr_png(url: str, *, scale: int = 8, fast: bool = False) -> bytes:
    """PNG bytes of the same code, for tests and for editors who need a bitmap."""
    buf = io.BytesIO()
    _code(url, fast).save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def relative_to(page_url: str, target: str) -> str:
    """A link from a page (directory URL) to a site-relative target, as MkDocs writes them."""
    page_dir = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    depth = page_dir.strip("/").count("/") + 1 if page_dir.strip("/") else 0
    return "../" * depth + target
