"""QR codes for every page: a phone at a bank counter opens the page without typing a URL."""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from xml.sax.saxutils import escape as xml_escape
from urllib.parse import urljoin

import segno
from segno import consts
from segno import encoder as _enc

# A fixed mask skips segno's penalty search, most of the cost of a code: thousands of campaign
# pages stay cheap to build. Every mask is valid QR; the search only picks the prettiest.
FAST_MASK = 4
BORDER = 4
_LEVELS = (consts.ERROR_LEVEL_L, consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H)


_PLAIN_PATH = re.compile(r"(?<![\w/.-])(?:[\w-]+/)*[\w-]*(?:\.[a-z]+)?\Z", re.A)


def absolute_url(site_url: str, page_url: str) -> str:
    """The URL a phone should open: site_url joined with the page's site-relative URL."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    relative = page_url.lstrip("/")
    if _PLAIN_PATH.match(relative):
        return base + relative  # what urljoin returns for a plain path, without its parsing
    return urljoin(base, relative)


def qr_filename(page_url: str) -> str:
    """Where the page's code lives under qr/: mirrors the URL, so the name says which page it is."""
    path = page_url.strip("/")
    path = path[:-11] if path.endswith("/index.html") else path[:-5] if path.endswith(".html") else path
    return (path or "index") + ".svg"


def _code(url: str, fast: bool) -> segno.QRCode:
    return segno.make_qr(url, error="m", mask=FAST_MASK if fast else None)


# ---------------------------------------------------------------- fast fixed-mask encoder
#
# With version, error level and mask fixed, a QR matrix is linear over GF(2) in the data
# codewords: Reed-Solomon, interleaving, placement and masking are all XORs. So for each
# (version, level) we precompute, once, the matrix of all-zero data (function patterns, format
# and version information, mask) and what each data codeword value flips; a code is then one
# XOR per codeword on a big integer. Same modules as segno's encoder (tests compare them), at
# a small part of the cost: every campaign page needs a code.

@dataclass(frozen=True)
class _Layout:
    size: int  # modules per side, without the quiet zone
    base: int  # the matrix of all-zero data, bit (i * size + size - 1 - j) is module (i, j)
    flips: tuple[tuple[int, ...], ...]  # flips[g][v]: what data codeword g = v changes
    capacity: int  # data bits


def _placement(version: int, size: int) -> list[tuple[int, int]]:
    """Module of every bit of the final message, in order (segno's add_codewords, recorded)."""
    matrix = _enc.make_matrix(size, size)
    _enc.add_finder_patterns(matrix, size, size)
    _enc.add_alignment_patterns(matrix, size, size)
    order = []
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        for vertical in range(size):
            for z in (0, 1):
                j = right - z
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = (size - 1 - vertical) if upwards else vertical
                if matrix[i][j] == 0x2:
                    order.append((i, j))
    return order


def _zero_matrix(version: int, error: int, size: int, bits: int) -> int:
    """segno's own pipeline on an all-zero message: everything that does not depend on the URL."""
    matrix = _enc.make_matrix(size, size)
    _enc.add_finder_patterns(matrix, size, size)
    _enc.add_alignment_patterns(matrix, size, size)
    _enc.add_codewords(matrix, bytearray(bits), version)
    _, matrix = _enc.find_and_apply_best_mask(matrix, size, size, FAST_MASK)
    _enc.add_format_info(matrix, version, error, FAST_MASK)
    _enc.add_version_info(matrix, version)
    return int("".join("".join("1" if v else "0" for v in row) for row in reversed(matrix)), 2)


def _gf_mul(a: int, b: int) -> int:
    if not a or not b:
        return 0
    return consts.GALIOS_EXP[(consts.GALIOS_LOG[a] + consts.GALIOS_LOG[b]) % 255]


def _unit_remainders(num_data: int, num_ec: int) -> list[list[int]]:
    """Reed-Solomon error words of a block holding 1 at position k and 0 elsewhere, for each k.

    The words for 1 at distance d from the end are x^(d + num_ec) mod g: one shift-and-reduce
    step from those for d - 1.
    """
    top = [consts.GALIOS_EXP[c] for c in consts.GEN_POLY[num_ec]]  # x^num_ec mod g
    out = [top]
    for _ in range(num_data - 1):
        prev = out[-1]
        lead = prev[0]
        out.append([(prev[j + 1] if j + 1 < num_ec else 0) ^ _gf_mul(lead, top[j]) for j in range(num_ec)])
    return out[::-1]


def _value_table(units: list[int]) -> tuple[int, ...]:
    """table[v] = XOR of units[t] for every bit t set in v (what a codeword of value v flips)."""
    table = [0] * 256
    for v in range(1, 256):
        low = v & -v
        table[v] = table[v ^ low] ^ units[low.bit_length() - 1]
    return tuple(table)


@lru_cache(maxsize=None)  # one per version and level: a constant of the code, made when first needed
def _layout(version: int, error: int) -> _Layout:
    size = version * 4 + 17
    order = _placement(version, size)
    blocks = [(info.num_data, info.num_total - info.num_data)
              for info in consts.ECC[version][error] for _ in range(info.num_blocks)]
    final = 0  # index of each data and error codeword in the interleaved message
    data_at: list[list[int]] = [[0] * nd for nd, _ in blocks]
    ec_at: list[list[int]] = [[0] * ne for _, ne in blocks]
    for at, lengths in ((data_at, [nd for nd, _ in blocks]), (ec_at, [ne for _, ne in blocks])):
        for idx in range(max(lengths)):
            for b, length in enumerate(lengths):
                if idx < length:
                    at[b][idx] = final
                    final += 1

    def placed(codeword: int) -> list[int]:
        """The module of each bit t of a codeword (value 1 << t), as a matrix bit."""
        out = []
        for t in range(8):
            i, j = order[codeword * 8 + 7 - t]
            out.append(1 << (i * size + size - 1 - j))
        return out

    flips = []
    for b, (nd, ne) in enumerate(blocks):
        remainders = _unit_remainders(nd, ne)
        ec_tables = [_value_table(placed(ec_at[b][e])) for e in range(ne)]
        for k in range(nd):
            units = placed(data_at[b][k])
            for t in range(8):
                for e, r in enumerate(remainders[k]):
                    units[t] ^= ec_tables[e][_gf_mul(1 << t, r)]
            flips.append(_value_table(units))
    return _Layout(size, _zero_matrix(version, error, size, len(order)), tuple(flips),
                   consts.SYMBOL_CAPACITY[version][error])


@lru_cache(maxsize=None)
def _version_and_error(n: int) -> tuple[int, int] | None:
    """segno's choice for n bytes in byte mode at level M: smallest version, then boost the level."""
    def bits(version: int) -> int:
        return 4 + consts.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_BYTE][_enc.version_range(version)] + 8 * n
    error = consts.ERROR_LEVEL_M
    for version in range(1, 41):
        if consts.SYMBOL_CAPACITY[version][error] >= bits(version):
            for level in _LEVELS[_LEVELS.index(error) + 1:]:
                if consts.SYMBOL_CAPACITY[version][level] < bits(version):
                    break
                error = level
            return version, error
    return None


def _data_codewords(data: bytes, version: int, capacity: int) -> list[int]:
    """Mode, count, bytes, terminator and padding exactly as segno writes them."""
    cci = consts.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_BYTE][_enc.version_range(version)]
    value = (0b0100 << cci | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    length = 4 + cci + 8 * len(data)
    term = min(capacity - length, 4)
    length += term
    value <<= term
    pad = 8 - length % 8  # segno pads a whole zero byte when already at a boundary
    value <<= pad
    length += pad
    words = list(value.to_bytes(length // 8, "big"))
    words += [(0xEC, 0x11)[i % 2] for i in range(capacity // 8 - length // 8)]
    return words[:capacity // 8]


def _fast_rows(url: str) -> list[str] | None:
    """Rows of '0'/'1' for the fixed-mask code, or None when segno would not use byte mode."""
    if not url.isascii() or not any("a" <= ch <= "z" for ch in url):
        return None  # numeric/alphanumeric mode or another encoding: leave it to segno
    data = url.encode("ascii")
    chosen = _version_and_error(len(data))
    if chosen is None:
        return None
    layout = _layout(*chosen)
    matrix = layout.base
    for flips, word in zip(layout.flips, _data_codewords(data, chosen[0], layout.capacity)):
        matrix ^= flips[word]
    size = layout.size
    text = format(matrix, f"0{size * size}b")
    return [text[start:start + size] for start in range((size - 1) * size, -1, -size)]


def _rows(url: str, fast: bool) -> list[str]:
    rows = _fast_rows(url) if fast else None
    if rows is None:
        rows = ["".join("1" if v else "0" for v in row) for row in _code(url, fast).matrix]
    return rows


def fast_matrix_rows(url: str) -> list[str] | None:
    """The fixed-mask matrix as rows of '0'/'1' (None if segno is used): for tests."""
    return _fast_rows(url)


class _Segments(dict):
    """'0001111' -> 'm3 0h4': a run of dark modules after a gap in the same row, built once."""

    def __missing__(self, token: str) -> str:
        run = len(token.lstrip("0"))
        text = self[token] = f"m{len(token) - run} 0h{run}"
        return text


_SEGMENTS = _Segments()
_TOKENS = re.compile("(?<!0)0*1+")  # (?<!0): linear on a run of 0


def _svg(rows: list[str], title: str) -> str:
    """The same document segno writes (one path of horizontal runs), without its per-module loop."""
    side = len(rows) + 2 * BORDER
    parts: list[str] = []
    px, pi = 0, None  # where the previous run ended: x and row
    for i, row in enumerate(rows):
        tokens = _TOKENS.findall(row)
        if not tokens:
            continue
        first = tokens[0]
        run = len(first.lstrip("0"))
        x1 = BORDER + len(first) - run
        if pi is None:
            parts.append(f"M{x1} {BORDER + .5 + i}h{run}")
        else:
            parts.append(f"m{x1 - px} {i - pi}h{run}")
        parts.extend(map(_SEGMENTS.__getitem__, tokens[1:]))
        px, pi = BORDER + len(row.rstrip("0")), i
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" class="xb-qr">'
            f'<title>{xml_escape(title)}</title><path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>'
            f'<path stroke="#000" d="{"".join(parts)}"/></svg>')


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


def qr_svg(url: str, label: str | None = None, *, fast: bool = False) -> str:
    """A standalone SVG with a <title> naming it a 二维码 and the URL, for screen readers and download."""
    title = label or f"二维码：扫码打开 {url}"
    rows = _rows(url, fast)
    svg = _svg(rows, title)
    side = (len(rows) + 2 * BORDER) * 8
    # role/aria-label so inline copies are announced as an image named 二维码; a size so a
    # downloaded file opens big enough to print, while CSS may still scale inline copies.
    attrs = f'role="img" aria-label="{escape(title)}" width="{side}" height="{side}" '
    return svg.replace("<svg ", "<svg " + attrs, 1)
