"""The character folding both halves of search apply, as an explicit table: fold.json.

Why a table and not each runtime's Unicode database: Python's unicodedata and the browser's ICU
follow different Unicode versions and differ on what counts as white space, so a page and a query
could normalise differently (tests/test_search_parity.py found 15 code points). The table maps
each BMP code point to NFKC-then-lower-case of it alone, then traditional characters to simplified
ones (traditional.py: 詐騙 folds to 诈骗 in pages and queries alike), generated once from Python's
Unicode database and traditional.txt (`python -m xiaobao.search.fold` rewrites it, and the line of
search-rules.js that tells which CJK ideographs need it); both sides read the same file.

Encoding (compact, for the browser's first query): a JSON list of entries in code point order.
Each starts with the distance in base 36 from the end of the previous entry, then either
",count,step,delta" (count code points, step apart, each mapped to itself plus delta) or
"=text" (one code point mapped to text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from xiaobao.search import traditional

TABLE = Path(__file__).with_name("fold.json")
RULES = Path(__file__).resolve().parents[2] / "docs" / "assets" / "js" / "search-rules.js"
# The CJK ideographs search.js folds without the table unless this bit set names them (quickFold).
CJK = (0x4E00, 0x9FFF)
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BITS_LINE = re.compile(r"^  var FOLDED_CJK = '[A-Za-z0-9+/]*';.*$", re.M)

# White space for both sides: every character either runtime's \s matched (Python: U+001C-001F,
# U+0085; JavaScript: U+FEFF), so that neither depends on its regex engine.
WHITESPACE = ("\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")


def generate() -> dict[int, str]:
    """cp -> folded text for every BMP code point the fold changes (white space left as it is)."""
    out = {}
    simplified = traditional.table()
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        folded = "".join(simplified.get(c, c) for c in unicodedata.normalize("NFKC", ch).lower())
        if folded != ch and ch not in WHITESPACE:
            out[cp] = folded
    return out


def encode(table: dict[int, str]) -> list[str]:
    singles = sorted((cp, ord(t) - cp) for cp, t in table.items() if len(t) == 1)
    delta_of = dict(singles)
    entries, pos, done = [], 0, set()
    for cp in sorted(table):
        if cp in done:
            continue
        run = [cp]
        if cp in delta_of:
            best: list[int] = [cp]
            for step in (1, 2):
                nxt = [cp]
                while nxt[-1] + step in delta_of and delta_of[nxt[-1] + step] == delta_of[cp] and nxt[-1] + step not in done:
                    nxt.append(nxt[-1] + step)
                if len(nxt) > len(best):
                    best, run_step = nxt, step
            run = best
        gap = _b36(cp - pos)
        if len(run) > 2:
            entries.append(f"{gap},{_b36(len(run))},{run_step},{_b36(delta_of[cp])}")
        else:
            run = [cp]
            entries.append(f"{gap}={table[cp]}")
        done.update(run)
        pos = run[-1] + 1
    return entries


def decode(entries: list[str]) -> dict[int, str]:
    out, pos = {}, 0
    for entry in entries:
        eq, comma = entry.find("="), entry.find(",")
        if eq >= 0 and (comma < 0 or eq < comma):
            cp = pos + int(entry[:eq], 36)
            out[cp] = entry[eq + 1:]
            pos = cp + 1
            continue
        gap, count, step, delta = entry.split(",")
        cp = pos + int(gap, 36)
        for i in range(int(count, 36)):
            out[cp + i * int(step)] = chr(cp + i * int(step) + int(delta, 36))
        pos = cp + (int(count, 36) - 1) * int(step) + 1
    return out


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    sign, n, out = "-" if n < 0 else "", abs(n), ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return sign + out


@lru_cache(maxsize=1)
def entries() -> list[str]:
    return json.loads(TABLE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def table() -> dict[int, str]:
    """The folding of the committed file, for str.translate."""
    return decode(entries())


def cjk_bits(folded: dict[int, str]) -> str:
    """The CJK ideographs (CJK range) the table changes, as bits, six to a base64 letter, low bit first."""
    lo, hi = CJK
    bits = [cp in folded for cp in range(lo, hi + 1)]
    return "".join(B64[sum(1 << k for k in range(6) if i + k < len(bits) and bits[i + k])]
                   for i in range(0, len(bits), 6))


def rules_bits() -> str:
    """The bit set as search-rules.js holds it."""
    match = _BITS_LINE.search(RULES.read_text(encoding="utf-8"))
    return match.group().split("'")[1] if match else ""


def _write_rules_bits(bits: str) -> None:
    text = RULES.read_text(encoding="utf-8")
    line = f"  var FOLDED_CJK = '{bits}';  // generated by python -m xiaobao.search.fold"
    assert _BITS_LINE.search(text), "search-rules.js has no FOLDED_CJK line"
    RULES.write_text(_BITS_LINE.sub(lambda m: line, text), encoding="utf-8")


if __name__ == "__main__":
    generated = generate()
    encoded = encode(generated)
    assert decode(encoded) == generated
    TABLE.write_text(json.dumps(encoded, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    _write_rules_bits(cjk_bits(generated))
    print(f"{TABLE.name}: {len(generated)} code points, {TABLE.stat().st_size} bytes")
