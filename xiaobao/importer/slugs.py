"""Slugs an editor can read: the organisation and the date in pinyin (zhongguoyinhang-dayi-zhihang-2023-09).

Two branches' reports of the same day get different slugs because their names differ; the
writer adds -2, -3 only when a slug is already taken.
"""

from __future__ import annotations

import re

MAX_LENGTH = 60


# 行 is read háng in a bank's name, xíng elsewhere. Spelled out here rather than loaded into
# pypinyin's shared dictionary: that would change every later reading in the process, the
# organisation pages' addresses of a build included (xiaobao.site.facets.slugify).
_BANK_WORDS = {"农商行": "nongshanghang", "支行": "zhihang", "分行": "fenhang", "总行": "zonghang", "合行": "hehang"}
_BANK_WORD = re.compile("(" + "|".join(_BANK_WORDS) + ")")


def _latin(word: str) -> str:
    from pypinyin import lazy_pinyin

    parts = []
    for n, part in enumerate(_BANK_WORD.split(word)):
        parts.append(_BANK_WORDS[part] if n % 2 else "".join(lazy_pinyin(part, errors=lambda chars: list(chars))))
    return "".join(parts)


def _pinyin_words(name: str) -> list[str]:
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
    words = []
    for word in jieba.cut(name):
        latin = re.sub(r"[^a-z0-9]+", "", _latin(word).lower())
        if latin:
            words.append(latin)
    return words


def slug_from(organization: str | None, start: str | None) -> str | None:
    """organisation-in-pinyin-YYYY-MM(-DD), cut to a readable length; None without an organisation."""
    if not organization or organization == "待填写":
        return None
    name = re.sub(r"(股份有限公司|有限责任公司|股份公司|有限公司)", "", organization)  # legal forms say nothing
    words = _pinyin_words(re.sub(r"^中国(?=\S{2,}银行)", "", name))  # 中国银行 stays; 中国工商银行 → gongshangyinhang
    date = (start or "").replace("-", " ").split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_LENGTH - 11:
            break
        slug = f"{slug}-{word}" if slug else word
    parts = [slug, *date] if slug else []
    return "-".join(parts) or None
