"""Chinese and Arabic numerals to numbers, through cn2an, with the forms editors write."""

from __future__ import annotations

import logging
import re

logging.getLogger("cn2an").setLevel(logging.ERROR)
import cn2an  # noqa: E402  (cn2an logs on import)

Number = int | float

_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_UNITS = "十百千万亿"
_ARABIC = re.compile(r"^(\d+(?:\.\d+)?)([十百千万亿]*)$")
_CHINESE = re.compile(rf"^[{_CN_DIGITS}{_CN_UNITS}]+$")
# "七千六" means 7600 only by convention; editors must write it out.
_ELIDED = re.compile(r"[百千万亿][一二两三四五六七八九]$")


class NumeralError(ValueError):
    """A string that looks numeric but has no single reading."""


def _tidy(text: str) -> str:
    text = text.strip().replace("，", ",").replace("．", ".")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def _integral(value: float) -> Number:
    return int(round(value)) if abs(value - round(value)) < 1e-9 else value


def _arabic(digits: str, units: str) -> Number:
    value = float(digits)
    for unit in units:
        value *= _MULTIPLIERS[unit]
    return _integral(value)


def _chinese(text: str) -> Number:
    if _ELIDED.search(text) and "零" not in text[-3:]:
        raise NumeralError(f"“{text}”省略了末位单位，读法不唯一")
    if text[0] in _CN_UNITS:
        text = "一" + text
    text = re.sub("两(?=[十百千万亿])", "二", text)
    try:
        return _integral(float(cn2an.cn2an(text, "normal")))
    except ValueError as err:
        raise NumeralError(f"“{text}”不是规范的中文数字") from err


def to_number(text: str) -> Number | None:
    """Read a numeral such as 509, 24,000, 1.5万, 2.64万, 十万, 两千, 百, 1.8亿.

    Returns None when the text is not a numeral at all; raises NumeralError when
    it is one but cannot be read without guessing (七千六).
    """
    text = _tidy(text)
    if not text:
        return None
    if match := _ARABIC.match(text):
        return _arabic(match.group(1), match.group(2))
    if _CHINESE.match(text):
        return _chinese(text)
    mixed = re.match(rf"^([{_CN_DIGITS}{_CN_UNITS}]+?)([万亿])$", text)
    if mixed:
        return _integral(_chinese(mixed.group(1)) * _MULTIPLIERS[mixed.group(2)])
    return None
