"""Short links for branch TVs (/s/?code): the format, its stability as topics are added, wrong codes,
and the browser's copy (docs/assets/js/shortlink.js, run in Node) agreeing with Python on many inputs.

Why: a code typed into a TV may be kept for years; the builder makes it in JavaScript, the /s/ page
reads it in JavaScript, and Python documents and tests it. One disagreement sends a branch's TV to the
wrong topics or garbles its name.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from nodejs import run_json
from xiaobao.campaigns.vocab import TOPIC_CODE_ORDER, TOPICS
from xiaobao.outputs import shortlink
from xiaobao.outputs.screen import DEFAULT_INTERVAL, INTERVALS, SHORT_LINKS, screen_address, short_address, short_target
from xiaobao.outputs.shortlink import ALPHABET, Scheme, Settings, ShortLinkError, decode, encode

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "docs" / "assets" / "js" / "shortlink.js"
EXAMPLE = Settings(("credit-reporting", "fraud-prevention"), 20, "某某银行南通分行")
EXAMPLE_CODE = "2c6eg6eghqpejc1aqggt106ejc"  # written down once: a code made today must open the same screen forever


# ---------- format ----------

def test_the_alphabet_has_no_look_alikes() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set("ilou") & set(ALPHABET)
    assert ALPHABET == ALPHABET.lower() and ALPHABET.isalnum()


def test_the_example_keeps_its_code() -> None:
    assert encode(EXAMPLE, SHORT_LINKS) == EXAMPLE_CODE
    assert decode(EXAMPLE_CODE, SHORT_LINKS) == EXAMPLE
    full = screen_address("https://xiaobao.example.cn/screen/", list(EXAMPLE.topics), 20, EXAMPLE.org)
    short = short_address("https://xiaobao.example.cn/s/", EXAMPLE)
    assert short_target("https://xiaobao.example.cn/screen/", EXAMPLE_CODE) == full
    assert short == "https://xiaobao.example.cn/s/?" + EXAMPLE_CODE
    assert len(EXAMPLE_CODE) == 2 + 3 * len(EXAMPLE.org) and len(short) < len(full) / 2, (len(short), len(full))


def test_the_examples_in_the_docs_mean_what_they_say() -> None:
    builder = (REPO / "docs" / "screen-builder.md").read_text("utf-8")
    assert f"`/s/?{EXAMPLE_CODE}`" in builder and "某某银行南通分行" in builder
    reach = (REPO / "docs" / "reach.md").read_text("utf-8")
    assert "`/s/?2c`：个人征信和防范电信网络诈骗，每条 20 秒" in reach
    assert decode("2c", SHORT_LINKS) == Settings(("credit-reporting", "fraud-prevention"), 20)


def test_topics_and_interval_take_at_most_four_characters() -> None:
    worst = 0
    for n in range(len(TOPIC_CODE_ORDER) + 1):
        for chosen in itertools.combinations(TOPIC_CODE_ORDER, n):
            for seconds in INTERVALS:
                worst = max(worst, len(encode(Settings(chosen, seconds), SHORT_LINKS)))
    assert worst <= 4, worst
    assert len(encode(Settings((), DEFAULT_INTERVAL), SHORT_LINKS)) == 2  # every topic, default interval


def test_a_chinese_character_takes_three_characters() -> None:
    base = len(encode(Settings((), 15), SHORT_LINKS))
    for org in ["某", "某某银行南通分行", "中国工商银行股份有限公司南通分行营业部", "㐀（南通）·“金融夜校”、1号网点"]:
        assert len(encode(Settings((), 15, org), SHORT_LINKS)) == base + 3 * len(org), org


def test_a_rare_character_is_escaped_and_kept() -> None:
    settings = Settings(("insurance",), 60, "𠮷野家\u0007")
    code = encode(settings, SHORT_LINKS)
    assert code.count("zzz") == 2 and decode(code, SHORT_LINKS) == settings


def test_round_trip_on_many_settings() -> None:
    for settings in random_settings(random.Random(17), 3000):
        code = encode(settings, SHORT_LINKS)
        assert set(code) <= set(ALPHABET)
        got = decode(code, SHORT_LINKS)
        assert got == Settings(tuple(k for k in TOPIC_CODE_ORDER if k in settings.topics), settings.interval,
                               settings.org), (settings, code)


def test_typing_slips_the_alphabet_forgives() -> None:
    assert decode(EXAMPLE_CODE.upper(), SHORT_LINKS) == EXAMPLE
    assert decode("2c6e-g6eg hqpe-jc1a-qggt-106e-jc", SHORT_LINKS) == EXAMPLE
    assert decode(EXAMPLE_CODE.replace("1", "l"), SHORT_LINKS) == EXAMPLE
    assert decode("10", SHORT_LINKS) == decode("lO", SHORT_LINKS) == decode("1o", SHORT_LINKS)


# ---------- stability ----------

def test_the_topic_order_only_grows() -> None:
    """Bits already given out keep their topic: this list may only get longer."""
    assert TOPIC_CODE_ORDER[:12] == (
        "consumer-law", "anti-counterfeit", "credit-reporting", "fraud-prevention", "illegal-fundraising",
        "financial-literacy", "complaint-handling", "information-security", "fee-transparency", "insurance",
        "food-safety", "product-quality")
    assert INTERVALS[:5] == (10, 15, 20, 30, 60)
    assert len(set(TOPIC_CODE_ORDER)) == len(TOPIC_CODE_ORDER)
    missing = sorted(set(TOPICS) - set(TOPIC_CODE_ORDER))
    assert not missing, f"append these topics to vocab.TOPIC_CODE_ORDER: {missing}"


def test_codes_keep_their_meaning_when_a_topic_or_interval_is_appended() -> None:
    grown = Scheme(SHORT_LINKS.topics + ("pensions", "elderly-care"), SHORT_LINKS.intervals + (120,))
    for settings in [EXAMPLE, *random_settings(random.Random(3), 500)]:
        code = encode(settings, SHORT_LINKS)
        assert decode(code, grown) == decode(code, SHORT_LINKS)
        assert encode(settings, grown) == code
    new = encode(Settings(("elderly-care",), 120), grown)
    with pytest.raises(ShortLinkError):  # a newer site's code on an older site: refused, not misread
        decode(new, SHORT_LINKS)


# ---------- wrong codes ----------

BAD = {
    "": "empty",
    "-- ": "only separators",
    "u2": "u is not in the alphabet",
    "2c%": "not in the alphabet",
    "2": "ends before the topics",
    "2g": "topics unfinished",
    "5c": "interval 5 does not exist (five intervals, 0-4)",
    "g0c": "over-long interval",
    "2g0": "over-long topics",
    "2c0": "ends inside a character",
    "2ggg1": "topic bit 12: no such topic",
    "2c6e": "ends inside a character",
    "2c6eg6x": "ends inside a character",
    "2cz00": "character number beyond every block",
    "2czzz00": "escape cut short",
    "2czzz00000": "U+0000 escaped: allowed, see below",
    "2czzz00021": "escaped ASCII letter A: has a short form",
    "2czzzz0000": "beyond U+10FFFF",
    "2czzz01p00": "a surrogate (U+D800)",
    "2c" + "6eg" * 41: "branch name of 41 characters",
}


@pytest.mark.parametrize("code", [c for c in BAD if c != "2czzz00000"])
def test_wrong_codes_are_refused(code: str) -> None:
    with pytest.raises(ShortLinkError):
        decode(code, SHORT_LINKS)


def test_escaped_control_character_is_allowed() -> None:
    assert decode("2czzz00000", SHORT_LINKS).org == "\x00"  # no short form, so the escape is its one code


def test_settings_without_a_code_are_refused() -> None:
    for settings in [Settings(("no-such-topic",), 15), Settings((), 45), Settings((), 15, "某" * 41),
                     Settings((), 15, "\ud800")]:
        with pytest.raises(ValueError):
            encode(settings, SHORT_LINKS)


# ---------- the browser's copy agrees ----------

def random_org(rng: random.Random) -> str:
    pools = [(0x4E00, 0x9FFF)] * 6 + [(0x3400, 0x4DBF), (0x20, 0x7E), (0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F),
                                      (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x1F300, 0x1F64F), (0x20000, 0x2A6DF),
                                      (0x0590, 0x05FF), (0xE000, 0xF8FF)]
    chars = []
    for _ in range(rng.choice([0, 0, 1, 3, 8, 15, 40])):
        start, end = rng.choice(pools)
        chars.append(chr(rng.randint(start, end)))
    return "".join(chars)


def random_settings(rng: random.Random, n: int) -> list[Settings]:
    out = []
    for _ in range(n):
        topics = tuple(rng.sample(TOPIC_CODE_ORDER, rng.choice([0, 1, 2, 3, 6, 12])))
        out.append(Settings(topics, rng.choice(INTERVALS), random_org(rng)))
    return out


def mutations(code: str, rng: random.Random) -> list[str]:
    at = rng.randrange(len(code))
    other = rng.choice(ALPHABET + "ILOUu%-")
    return [code[:at] + other + code[at + 1:], code[:at] + code[at + 1:], code[:at] + other + code[at:],
            code[:at] + code[at:at + 2][::-1] + code[at + 2:], code.upper()]


def _py_decoded(code: str) -> dict | None:
    try:
        got = decode(code, SHORT_LINKS)
    except ShortLinkError:
        return None
    return {"topics": list(got.topics), "interval": got.interval, "org": got.org}


def _py_encoded(settings: Settings) -> str | None:
    try:
        return encode(settings, SHORT_LINKS)
    except ValueError:
        return None


@pytest.fixture(scope="module")
def node_run() -> dict:
    rng = random.Random(2026)
    settings = [EXAMPLE, *random_settings(rng, 2000), Settings(("nope",), 15), Settings((), 45),
                Settings((), 15, "\ud800"), Settings((), 15, "某" * 41), Settings((), 15, " 前后有空格 ")]
    codes = [encode(s, SHORT_LINKS) for s in settings if _py_encoded(s)]
    codes += [m for c in codes[:800] for m in mutations(c, rng)]
    codes += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    codes += list(BAD)
    payload = {"script": str(SCRIPT), "scheme": shortlink.scheme_data(SHORT_LINKS),
               "settings": [{"topics": list(s.topics), "interval": s.interval, "org": s.org} for s in settings],
               "codes": codes}
    return {"settings": settings, "codes": codes, **run_json(REPO / "tests" / "shortlink" / "parity.js", payload, 120)}


def test_node_and_python_make_the_same_codes(node_run) -> None:
    differ = [(s, js) for s, js in zip(node_run["settings"], node_run["encoded"]) if js != _py_encoded(s)]
    assert not differ, differ[:5]
    assert sum(js is None for js in node_run["encoded"]) == 4  # the four settings that have no code


def test_node_and_python_read_codes_the_same(node_run) -> None:
    differ = [(c, js, _py_decoded(c)) for c, js in zip(node_run["codes"], node_run["decoded"]) if js != _py_decoded(c)]
    assert not differ, differ[:5]
    accepted = sum(js is not None for js in node_run["decoded"])
    assert 2000 < accepted < len(node_run["codes"]) - 2000, accepted  # both kinds were really tried


def test_node_and_python_make_the_same_screen_address(node_run) -> None:
    """The builder's full address and the /s/ page's target are the same function in the browser."""
    for s, js, clipped in zip(node_run["settings"], node_run["queries"], node_run["clipped"]):
        if s.org != s.org.strip() or _py_encoded(s) is None:
            continue  # the builder trims the name before it asks; Python's and JavaScript's blanks differ a little
        assert js == screen_address("", list(s.topics), s.interval, s.org), s
        assert clipped == s.org[:shortlink.MAX_ORG]


def test_the_scripts_hold_no_copy_of_the_topic_order() -> None:
    """The order and intervals reach the browser in the pages' JSON (scheme_data), from vocab.py and screen.py."""
    for name in ("shortlink.js", "screen-builder.js", "screen.js"):
        text = (REPO / "docs" / "assets" / "js" / name).read_text("utf-8")
        assert not [key for key in TOPIC_CODE_ORDER if key in text], name
        assert "[10, 15, 20, 30, 60]" not in text.replace(" ", "").replace(",", ", ")
