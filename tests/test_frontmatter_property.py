"""Property: any front matter at all gives a campaign or editor messages, never a traceback (issue 12).

Hypothesis writes arbitrary front matter two ways: values of random types (text with any
Unicode, control and bidi characters included; NaN and infinity; nesting; lists as keys'
values) dumped as YAML, and raw YAML-ish text built from the tokens that broke the loader
(anchors, aliases, tags, brackets, tabs, CR line ends). The unit tests run the catalog's own
read-and-validate function directly, 2,000 examples and more, in seconds; a few real
`mkdocs build --strict` runs check the same promise end to end.
"""

from __future__ import annotations

import math
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaobao.campaigns.catalog import _from_text
from xiaobao.campaigns.privacy import check_campaign_text
from xiaobao.campaigns.problems import is_invisible
from xiaobao.campaigns.schema import FIELDS

LABEL = "campaigns/2024/x.md"
HAN = re.compile(r"[\u4e00-\u9fff]")
EXAMPLES = 2000

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["1:30", "010", "0x1F", "0315", "yes", "no", "on", ".nan", ".inf", "-.inf", "~", "null", "2024-02-30",
                     "2024-03-15", "7600余", "约1000", "XX", "consumer-law", "bank", "icbc-nantong-315", "a\nb", "\u202e",
                     "\x1b[31m", "\x00", "\u200b", "{: onfocus=alert(1) }", "<script>alert(1)</script>", "１３８００１３８０００"]),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
                    st.floats(allow_nan=True, allow_infinity=True), texts)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.one_of(texts, st.integers()), inner, max_size=4)),
                      max_leaves=12)
keys = st.one_of(st.sampled_from(list(FIELDS)), texts)
documents = st.dictionaries(keys, values, max_size=10)

TOKENS = ["title", "topics", "stats", "slug", "org_type", "materials", ": ", ":", "- ", "[", "]", "{", "}", ", ", "&a ", "*a",
          "&b ", "*b", "!!float ", "!!binary ", "!!python/object ", "<<: ", "? ", "'", '"', "\\", "\n", "\n  ", "\t", "\r",
          "#", "|", ">", "---", "...", "%YAML 1.1", "1:30", "0x1F", "010", ".nan", "yes", "宣传", "\u202e", "\x00", "\x1b",
          "1e999", "-1", "7600余"]
raw_yaml = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5)), max_size=40).map("".join)


def _file(front: str, body: str = "正文：网点开展宣传。") -> str:
    return f"---\n{front}\n---\n\n{body}\n"


def _dumped(doc: dict) -> str:
    try:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError, TypeError):
        return yaml.safe_dump({"title": "x"})


def _assert_editor_outcome(text: str) -> None:
    campaign, problems = _from_text(text, LABEL, "x", [])
    problems = sorted(problems)  # as the catalog sorts them: lines may be None next to numbers
    if campaign is None:
        assert problems, "a file that gives no campaign must say why"
    for problem in problems:
        shown = str(problem)
        assert shown.startswith(LABEL), shown
        assert HAN.search(problem.message), shown
        assert len(shown) < 2000, shown[:300]
        assert not any(is_invisible(ch) for ch in shown), repr(shown[:300])  # no ESC or NUL into the terminal
    if campaign is not None:
        for name in ("title", "organization", "summary", "region", "campaign"):
            value = getattr(campaign, name)
            assert value is None or (isinstance(value, str) and not any(is_invisible(ch) and ch not in "\t" for ch in value))
        assert all(f.value is None or math.isfinite(f.value) for f in campaign.stats.values())
    check_campaign_text(LABEL, text)  # the personal-data check reads the same text: it must not raise either


SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@SETTINGS
@given(documents)
def test_any_typed_front_matter_gives_a_campaign_or_messages(doc: dict):
    _assert_editor_outcome(_file(_dumped(doc)))


@settings(SETTINGS, max_examples=1500)
@given(raw_yaml)
def test_any_yaml_text_gives_a_campaign_or_messages(front: str):
    _assert_editor_outcome(_file(front))


@settings(SETTINGS, max_examples=300)
@given(st.text(max_size=200), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_file_text_and_line_ending(text: str, newline: str):
    _assert_editor_outcome(("---" + newline + text + newline + "---" + newline + "正文").replace("\n", newline))


# ------------------------------------------------------------------ a few real builds

@pytest.mark.build
@settings(max_examples=4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(documents)
def test_real_builds_succeed_or_fail_with_an_editor_message(tmp_path_factory, doc: dict):
    from sitebuild import build, make_tree

    base = {"title": "测试活动", "organization": "测试银行", "org_type": "bank", "topics": ["consumer-law"], "summary": "概述"}
    front = _dumped({**base, **doc})
    root = make_tree(tmp_path_factory.mktemp("prop"), {LABEL: _file(front).encode("utf-8")})
    result = build(root, timeout=180)
    assert "Traceback" not in result.output, result.output[-3000:]
    if result.returncode != 0:
        assert "活动总结有" in result.output or "网址冲突" in result.output, result.output[-3000:]
        assert not (root / "site").exists()
