"""Short links for branch TVs: /s/?2c6eg… opens the /screen/ address it stands for.

A TV remote makes typing a long address with %E6%9F%90… impossible, and the site is static (no
server rule may be assumed), so the settings themselves are packed into a few characters that the
/s/ page's script unpacks. docs/assets/js/shortlink.js is the browser's copy of this codec;
tests/test_shortlink.py runs both on the same inputs.

Alphabet: Crockford's base32 in lower case, 0-9 and a-z without i, l, o, u. With i, l and o gone,
1 and 0 cannot be misread; u is dropped so no word gets spelt by accident. Lower case because a TV's
on-screen keyboard opens in lower case. On reading, upper case is folded, i and l are read as 1,
o as 0, and hyphens and spaces are ignored, as Crockford's scheme allows.

A code is: the interval as a varint, the topics as a varint bit mask, then the branch name.
- varint: base32 digits of 4 data bits each, low bits first; 16 in a digit means "another follows".
- interval: the index in the scheme's interval list (append-only: xiaobao/outputs/screen.py INTERVALS).
- topics: bit k is the k-th topic of vocab.TOPIC_CODE_ORDER (append-only); 0 means every topic.
- branch name: each character as 3 digits (15 bits) indexing COMPACT, the blocks Chinese names use;
  any other character as the escape "zzz" and 5 digits holding its code point.
Every setting has exactly one code: over-long varints and needless escapes are refused.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_FOLD = {"i": "1", "l": "1", "o": "0"}
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Blocks of code points with a 15-bit number each, in this order (append-only: values up to 32766 are free).
COMPACT: tuple[tuple[int, int], ...] = (
    (0x4E00, 0x9FFF),  # CJK unified ideographs: every common Chinese character
    (0x3400, 0x4DBF),  # extension A: rare characters in place names
    (0x0020, 0x007E),  # ASCII letters, digits, punctuation and the space
    (0x00A0, 0x00FF),  # Latin-1: the middle dot · among others
    (0x2000, 0x206F),  # general punctuation: “ ” — …
    (0x3000, 0x303F),  # CJK punctuation: 、。《》【】
    (0xFF00, 0xFFEF),  # full-width forms: （）１２３ＡＢＣ
)
ESCAPE = 32767  # "zzz": the next 5 digits are a code point
MAX_ORG = 40  # characters of the branch name, as the builder's field allows
_MAX_VARINT = 6  # digits: far more than any list of intervals or topics will need


class ShortLinkError(ValueError):
    """A code that stands for no settings: the /s/ page says so in Chinese instead of guessing."""


@dataclass(frozen=True)
class Scheme:
    """What the bits mean: the append-only topic order and interval list."""

    topics: tuple[str, ...]
    intervals: tuple[int, ...]


@dataclass(frozen=True)
class Settings:
    topics: tuple[str, ...]  # () is every topic
    interval: int
    org: str = ""


def _varint(value: int) -> str:
    digits = []
    while True:
        low, value = value & 15, value >> 4
        digits.append(ALPHABET[low | (16 if value else 0)])
        if not value:
            return "".join(digits)


def _compact_value(cp: int) -> int | None:
    base = 0
    for start, end in COMPACT:
        if start <= cp <= end:
            return base + cp - start
        base += end - start + 1
    return None


def _compact_cp(value: int) -> int | None:
    base = 0
    for start, end in COMPACT:
        size = end - start + 1
        if value < base + size:
            return start + value - base
        base += size
    return None


def _digits(value: int, count: int) -> str:
    return "".join(ALPHABET[(value >> (5 * (count - 1 - k))) & 31] for k in range(count))


def encode(settings: Settings, scheme: Scheme) -> str:
    """The short code for these settings; ValueError for a topic or interval the scheme has no place for."""
    if settings.interval not in scheme.intervals:
        raise ValueError(f"interval {settings.interval} is not one of {scheme.intervals}")
    mask = 0
    for key in settings.topics:
        if key not in scheme.topics:
            raise ValueError(f"topic {key!r} has no place in the topic order")
        mask |= 1 << scheme.topics.index(key)
    out = [_varint(scheme.intervals.index(settings.interval)), _varint(mask)]
    org = settings.org
    if len(org) > MAX_ORG:
        raise ValueError(f"branch name longer than {MAX_ORG} characters")
    for ch in org:
        cp = ord(ch)
        if 0xD800 <= cp <= 0xDFFF:
            raise ValueError("branch name holds a lone surrogate")
        value = _compact_value(cp)
        out.append(_digits(value, 3) if value is not None else _digits(ESCAPE, 3) + _digits(cp, 5))
    return "".join(out)


def normalise(code: str) -> str:
    """What the reader typed, as the alphabet spells it: case folded, look-alikes mapped, - and spaces gone."""
    text = re.sub(r"[ \t\r\n-]+", "", code).translate(_LOWER)  # ASCII only: nothing else turns into a letter
    return "".join(_FOLD.get(ch, ch) for ch in text)


def _read_varint(digits: list[int], at: int) -> tuple[int, int]:
    value, shift = 0, 0
    for k in range(_MAX_VARINT):
        if at >= len(digits):
            raise ShortLinkError("code ends inside a number")
        d = digits[at]
        at += 1
        value |= (d & 15) << shift
        shift += 4
        if not d & 16:
            if k and not d & 15:
                raise ShortLinkError("over-long number")
            return value, at
    raise ShortLinkError("number too long")


def decode(code: str, scheme: Scheme) -> Settings:
    """The settings a code stands for; ShortLinkError for anything that is not exactly some encode() output."""
    text = normalise(code)
    if not text:
        raise ShortLinkError("empty code")
    bad = [ch for ch in text if ch not in _VALUE]
    if bad:
        raise ShortLinkError(f"not in the alphabet: {bad[0]!r}")
    digits = [_VALUE[ch] for ch in text]
    index, at = _read_varint(digits, 0)
    if index >= len(scheme.intervals):
        raise ShortLinkError("unknown interval")
    mask, at = _read_varint(digits, at)
    if mask >> len(scheme.topics):
        raise ShortLinkError("unknown topic")
    topics = tuple(key for k, key in enumerate(scheme.topics) if mask >> k & 1)
    chars = []
    while at < len(digits):
        if at + 3 > len(digits):
            raise ShortLinkError("code ends inside a character")
        value = digits[at] << 10 | digits[at + 1] << 5 | digits[at + 2]
        at += 3
        if value == ESCAPE:
            if at + 5 > len(digits):
                raise ShortLinkError("code ends inside a character")
            cp = 0
            for d in digits[at:at + 5]:
                cp = cp << 5 | d
            at += 5
            if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF or _compact_value(cp) is not None:
                raise ShortLinkError("bad escaped character")
        else:
            cp = _compact_cp(value)
            if cp is None:
                raise ShortLinkError("unassigned character number")
        chars.append(chr(cp))
    if len(chars) > MAX_ORG:
        raise ShortLinkError("branch name too long")
    return Settings(topics, scheme.intervals[index], "".join(chars))


def scheme_data(scheme: Scheme) -> dict:
    """The scheme as the pages' JSON carries it: the script never has its own copy of the order."""
    return {"topics": list(scheme.topics), "intervals": list(scheme.intervals)}
