"""The quick front-matter reader must agree with PyYAML exactly, or step aside.

Every check compares xiaobao.campaigns.fastyaml (through frontmatter.read_yaml_fast) with the PyYAML path
(frontmatter.read_yaml_pyyaml): when the quick reader answers, values, their types and key lines
must be identical; when it gives up (None), PyYAML is the one that answers or reports the error.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from xiaobao.campaigns import frontmatter
from xiaobao.campaigns.fastyaml import SubsetReader
from xiaobao.campaigns.frontmatter import FrontMatterError, parse, read_yaml_fast, read_yaml_pyyaml, split

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_e7182068650c930c.txt"


def typed(value: Any) -> Any:
    """The value with every type spelled out: True == 1 and 1 == 1.0 must not pass as equal."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, value)


def slow(yaml_text: str) -> tuple[Any, list[tuple[str, int]]] | FrontMatterError:
    try:
        meta, lines = read_yaml_pyyaml(yaml_text)
    except FrontMatterError as err:
        return err
    return typed(meta), list(lines.items())


class PureLoader(yaml.SafeLoader):
    """Our loader as it is on a machine without libyaml: pure-Python PyYAML differs in corners."""


PureLoader.yaml_implicit_resolvers = frontmatter._Loader.yaml_implicit_resolvers


def pure(yaml_text: str) -> tuple[Any, list[tuple[str, int]]]:
    loader = PureLoader(yaml_text)
    try:
        node = loader.get_single_node()
        meta = loader.construct_document(node)
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    frontmatter._key_lines(node, "", lines)
    return typed(meta), list(lines.items())


def agrees(yaml_text: str) -> bool:
    """Check the quick reader against PyYAML, with and without libyaml; True when it answered."""
    fast = read_yaml_fast(yaml_text)
    if fast is None:
        return False
    expected = slow(yaml_text)
    assert not isinstance(expected, FrontMatterError), f"fast path accepted what PyYAML rejects: {yaml_text!r}"
    assert (typed(fast[0]), list(fast[1].items())) == expected == pure(yaml_text), yaml_text
    return True


def front_matter_files() -> list[Path]:
    dirs = [ROOT / "campaigns", ROOT / "tests" / "bad_campaigns", ROOT / "tests" / "fixtures"]
    return sorted(p for d in dirs for p in d.rglob("*.md"))


def yaml_of(path: Path) -> str | None:
    try:
        return split(path.read_bytes().decode("utf-8-sig"))[0]
    except (UnicodeDecodeError, FrontMatterError):
        return None


def seed_text() -> str:
    """The shared seed summaries, or the real campaigns' own bodies when the seed is absent."""
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "campaigns").rglob("*.md")))


@pytest.fixture(scope="module")
def synthetic_yaml(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from synthetic import write_campaigns  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = tmp_path_factory.mktemp("synthetic")
    write_campaigns(out, 300, seed_text())
    texts = [yaml_of(p) for p in sorted(out.rglob("*.md"))]
    assert len(texts) == 300 and None not in texts
    return [t for t in texts if t is not None]


# --- equivalence on every file we have -----------------------------------------------------------

def test_repository_files_agree_and_real_campaigns_take_the_fast_path():
    files = front_matter_files()
    assert len(files) >= 40
    for path in files:
        text = yaml_of(path)
        if text is not None:
            agrees(text)
    real = [yaml_of(p) for p in sorted((ROOT / "campaigns").rglob("*.md"))]
    assert real and all(t is not None and read_yaml_fast(t) is not None for t in real)


def test_synthetic_corpus_agrees_and_takes_the_fast_path(synthetic_yaml: list[str]):
    fast = sum(agrees(text) for text in synthetic_yaml)
    assert fast >= 0.99 * len(synthetic_yaml)


def test_parse_uses_the_fast_path_for_typical_files(synthetic_yaml: list[str], monkeypatch: pytest.MonkeyPatch):
    calls: list[str] = []

    def counted(yaml_text: str) -> tuple[dict[str, Any], dict[str, int]]:
        calls.append(yaml_text)
        return read_yaml_pyyaml(yaml_text)

    monkeypatch.setattr(frontmatter, "read_yaml_pyyaml", counted)
    for yaml_text in synthetic_yaml:
        parse(f"---\n{yaml_text}---\n\n正文。\n")
    assert len(calls) <= 0.01 * len(synthetic_yaml)
    parse("---\ntitle: 'quoted'\n---\n\n正文。\n")
    assert calls[-1] == "title: 'quoted'\n"  # and the fallback is really there


def test_parse_gives_the_same_document_either_way(synthetic_yaml: list[str]):
    for yaml_text in synthetic_yaml[:50] + [yaml_of(p) or "" for p in sorted((ROOT / "campaigns").rglob("*.md"))]:
        text = f"---\n{yaml_text}---\n\n正文。\n"
        doc = parse(text)
        meta, lines = read_yaml_pyyaml(yaml_text)
        assert (typed(doc.meta), doc.lines, doc.body, doc.body_line) == (typed(meta), lines, "正文。\n", 4 + yaml_text.count("\n"))


# --- tricky inputs: give up, or match PyYAML -------------------------------------------------------

TRICKY_VALUES = [
    "yes", "no", "on", "off", "True", "TRUE", "false", "y", "n", "~", "null", "Null", "NULL", "none",
    "0x1F", "0o17", "017", "007", "0", "00", "-0", "+0", "1_000", "1:20", "190:20:30", ".5", "1.5", "1e3", "1.5e+3",
    "-3", "+3", "3", "7600", "99999999999999999999", ".inf", ".nan", "=", "<<",
    "2024-02-30", "2024-03-15", "2015-10", "2024-03-15 10:00:00", "2024-03-15T10:00:00Z",
    "'quoted'", '"dq"', "it's", 'say "hi"', "a: b", "a:b", "a:", "a :b", "a : b", "http://x.cn/a?b=1#frag",
    "value # comment", "value #comment", "value#notcomment", "value  #  c: d 'q' \"q\"", "#all comment",
    "[a, [b]]", "[a, b, ]", "[a,b]", "[ a , b ]", "[]", "[ ]", "[,]", "[a, b] tail", "[a] [b]", "[a, {b: 1}]",
    "[a, 'b']", "[a, b:c]", "[a, b c]", "[null, ~, 3, x]", "[a, -3]", "[a, - b]", "[a, b", "[a, b #c]", "[a?b]", "[a, ?b]", "a?b",
    "{}", "{ }", "{a: 1}", "{a:1}", "&anchor x", "*alias", "!tag x", "!!str 3", "|", ">", "%x", "@x", "`x`",
    "? x", "- x", "-", "-x", ":x", "a - b", "a ? b", "a | b", "a > b", "a & b", "a * b", "a ! b", "a [b", "a ]",
    "a {", "a }", "a , b", "a % b", "a @ b", "a `b`", "a\\b", "a  b", "a\u3000", "\u3000a", "a\xa0", "\xa0",
    "3·15", "（乙期）", "时间：上午", "3900余", "20+", "约509", "近3900", "XX", "1.5万余", "“引号”", "C#", "C# 语言",
    "9:30-11:30", "---", "...", "--- x", "a\tb", "a\u2028b", "a\x85b", "a\ufeffb", "\ufeffa", "a\x7fb",
]


@pytest.mark.parametrize("value", TRICKY_VALUES)
def test_tricky_values_give_up_or_match(value: str):
    for text in (f"title: {value}\n", f"title: {value}  # 注释“引号”'q'\n", f"stats:\n  a: {value}\nb: 1\n",
                 f"topics: [x, {value}]\n", f"k: [{value}]\n"):
        agrees(text)


TRICKY_DOCUMENTS = {
    "trailing spaces": "title: 标题   \nstats:   \n  a: 1  \n",
    "space before colon": "title : 标题\n",
    "two spaces after colon": "title:   标题\n",
    "no space after colon": "title:标题\n",
    "indent changes within stats": "stats:\n  a: 1\n    b: 2\n",
    "unaligned dedent": "stats:\n    a: 1\n  b: 2\n",
    "four-space stats": "stats:\n    a: 1\n    b: 2\nc: 3\n",
    "tab indentation": "stats:\n\ta: 1\n",
    "tab after colon": "title:\t标题\n",
    "three levels": "a:\n  b:\n    c: 1\n    d:\n  e: 2\nf:\n",
    "four levels then back out": "a:\n  b:\n    c:\n      d: x\ng: 1\n",
    "repeated key": "title: a\ntitle: b\n",
    "repeated key in stats": "stats:\n  a: 1\n  a: 2\n",
    "same name at two levels": "a: 1\nstats:\n  a: 2\n",
    "unicode key": "标题: 某某\n",
    "key is a number": "123: x\n",
    "key is null": "null: x\n",
    "key is true": "true: x\n",
    "key is on": "on: x\n",
    "key is y": "y: x\n",
    "long key": "k" * 150 + ": x\n",
    "comment lines anywhere": "# top\ntitle: a\n      # deep\nstats:  # c\n# zero\n  a: 1 # c\n   # three\n  b: 2\n",
    "quotes inside comments": "start: null  # 原文“20xx年3月15日”，'单' \"双\" a: b [x] {y} &z *w !v\n",
    "empty value then same level": "end:\nstart: 2024-03\n",
    "empty value at the end": "title: a\nend:",
    "empty value with comment": "end:  # 没有\nnext: 1\n",
    "continuation line": "summary: 第一行\n  第二行\n",
    "continuation at column 0": "summary: 第一行\n第二行\n",
    "blank lines between": "title: a\n\n   \nstats:\n\n  a: 1\n",
    "block sequence": "topics:\n- a\n- b\n",
    "indented block sequence": "topics:\n  - a\n",
    "value then deeper key": "stats: 1\n  a: 2\n",
    "document marker": "title: a\n--- # x\n",
    "directive": "%YAML 1.1\ntitle: a\n",
    "explicit key": "? title\n: a\n",
    "anchor on key": "&a title: x\n",
    "root indented": "  title: a\n  org: b\n",
    "only comments": "# 只有注释\n",
    "empty": "",
    "crlf": "title: a\r\nstats:\r\n  a: 1 # c\r\n  b: XX\r\n",
    "lone cr": "title: a\rstats: b\n",
    "nel": "title: a\x85b: c\n",
    "bom inside": "\ufefftitle: a\n",
    "multi-line flow list": "topics: [a,\n  b]\n",
    "flow mapping": "stats: {a: 1, b: 2}\n",
    "empty flow mapping with comment": "stats: {}  # 原文没有数字\n",
    "top-level list": "- a\n- b\n",
    "plain scalar document": "just text\n",
    "colon inside cjk": "summary: 时间：上午9:30，地点（广场）\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY_DOCUMENTS))
def test_tricky_documents_give_up_or_match(name: str):
    agrees(TRICKY_DOCUMENTS[name])


@pytest.mark.parametrize("name", ["trailing spaces", "two spaces after colon", "three levels", "four levels then back out",
                                  "same name at two levels", "key is y", "comment lines anywhere", "quotes inside comments",
                                  "empty value then same level", "empty value at the end", "empty value with comment",
                                  "blank lines between", "crlf", "empty flow mapping with comment", "colon inside cjk",
                                  "four-space stats"])
def test_plain_subset_takes_the_fast_path(name: str):
    assert agrees(TRICKY_DOCUMENTS[name])


@pytest.mark.parametrize("name", ["repeated key", "repeated key in stats", "tab indentation", "unicode key", "key is null",
                                  "key is true", "key is on", "continuation line", "block sequence", "value then deeper key",
                                  "indent changes within stats", "unaligned dedent", "lone cr", "bom inside", "flow mapping",
                                  "top-level list", "plain scalar document", "only comments", "empty"])
def test_outside_the_subset_gives_up(name: str):
    assert read_yaml_fast(TRICKY_DOCUMENTS[name]) is None


@pytest.mark.parametrize("value, expected", [
    ("3·15", "3·15"), ("（乙期）", "（乙期）"), ("时间：上午", "时间：上午"), ("value#notcomment", "value#notcomment"),
    ("value # comment", "value"), ("7600", 7600), ("+3", 3), ("0", 0), ("null", None), ("~", None), ("2024-02-30", "2024-02-30"),
    ("2015-10", "2015-10"), ("3900余", "3900余"), ("XX", "XX"), ("1e3", "1e3"), ("0o17", "0o17"), ("[a, b c]", ["a", "b c"]),
    ("[]", []), ("[null, 5]", [None, 5]), ("a\u3000", "a\u3000"), ("a  b", "a  b"),
])
def test_fast_values(value: str, expected: Any):
    fast = read_yaml_fast(f"k: {value}\n")
    assert fast is not None and typed(fast[0]["k"]) == typed(expected)
    agrees(f"k: {value}\n")


@pytest.mark.parametrize("value", ["yes", "off", "True", "0x1F", "017", "007", "1_000", "1:20", ".5", "1.5", "-3",
                                   "'quoted'", '"dq"', "it's", "a: b", "[a, [b]]", "[a, b, ]", "{a: 1}", "&a x", "*a", "!t x", "|", ">"])
def test_values_outside_the_subset_give_up(value: str):
    assert read_yaml_fast(f"k: {value}\n") is None


def test_errors_still_come_from_pyyaml_with_their_lines():
    with pytest.raises(FrontMatterError, match="stats.a 写了两次") as err:
        parse("---\ntitle: a\nstats:\n  a: 1\n  a: 2\n---\n正文\n")
    assert err.value.line == 5
    with pytest.raises(FrontMatterError, match="Tab") as err:
        parse("---\nstats:\n\ta: 1\n---\n正文\n")
    with pytest.raises(FrontMatterError, match="列表"):
        parse("---\n- a\n---\n正文\n")


def test_bom_is_removed_before_parse_not_by_it():
    # The catalog decodes with utf-8-sig; a BOM that reaches parse() is not a --- line.
    with pytest.raises(FrontMatterError) as err:
        parse("\ufeff---\ntitle: a\n---\n正文\n")
    assert err.value.line == 1
    doc = parse("\ufeff---\ntitle: a\n---\n正文\n".encode("utf-8").decode("utf-8-sig"))
    assert doc.meta == {"title": "a"} and doc.lines == {"title": 2}


def test_crlf_file_lines_and_values():
    doc = parse("---\r\ntitle: 标题\r\nstats:\r\n  outlets: 115 # 注释\r\n---\r\n\r\n正文\r\n")
    assert doc.meta == {"title": "标题", "stats": {"outlets": 115}}
    assert doc.lines == {"title": 2, "stats": 3, "stats.outlets": 4}


def test_cached_values_are_not_shared_between_documents():
    first = read_yaml_fast("topics: [a, b]\nstats: {}\nn: 5\n")
    second = read_yaml_fast("topics: [a, b]\nstats: {}\nn: 5\n")
    assert first is not None and second is not None
    first[0]["topics"].append("c")
    first[0]["stats"]["x"] = 1
    assert second[0] == {"topics": ["a", "b"], "stats": {}, "n": 5}


def test_reader_steps_aside_for_a_loader_it_does_not_know():
    class Custom(frontmatter._Loader):  # type: ignore[name-defined, misc]
        yaml_constructors = {**frontmatter._Loader.yaml_constructors, "tag:yaml.org,2002:str": lambda self, node: "!"}
    assert SubsetReader(Custom).read("title: a\n") is None
    assert SubsetReader(frontmatter._Loader).read("title: a\n") == ({"title": "a"}, {"title": 2})


# --- random documents built from the awkward pieces ---------------------------------------------

KEYS = ["title", "stats", "a", "b", "c", "d", "e", "y", "x-y", "_k"] * 2 + ["on", "null", "Yes", "标题", "12", "k k"]
PLAIN = ["a", "3", "+3", "0", "null", "~", "2024-03-15", "2015-10", "3·15", "时间：上午", "x#y", "约509", "3900余", "XX",
         "[a]", "[a, b]", "[a, 3, null]", "[]", "{}", "a-b", "1e3", "0o17", "y", "n", "（", "\u3000", "\xa0"]
AWKWARD = ["-3", "007", "yes", "#", "'", '"', ":", ":x", "x:", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "-", "?",
           "%", "@", "1:2", ".5", "1_0", "[a, [b]]", "[a,]", "\t", "\r"]


def random_document(rng: random.Random) -> str:
    """Mostly well-formed nesting and plain values, with an awkward piece, key or indent now and then."""
    rows, levels, opened = [], [0], False
    for _ in range(rng.randint(1, 9)):
        kind = rng.random()
        if kind < 0.08:
            rows.append(" " * rng.choice([0, 1, 2, 5]) + rng.choice(["# “注释” 'q' : x", "#", ""]))
            continue
        if opened and rng.random() < 0.7:
            levels.append(levels[-1] + rng.choice([2, 2, 4, 1]))
        elif rng.random() < 0.05:
            levels.append(rng.choice([1, 2, 3, 4]))
        else:
            del levels[rng.randint(1, len(levels)):]
        pieces = [rng.choice(AWKWARD if rng.random() < 0.05 else PLAIN) for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 3]))]
        value = rng.choice([" ", " ", "  ", ""]).join(pieces)
        opened = not value
        comment = rng.choice(["", "", "", " # c", "  # “q” a: b", "#c"])
        separator = rng.choice([" ", " ", " ", " ", "", "  "])
        rows.append(f"{' ' * levels[-1]}{rng.choice(KEYS)}:{separator}{value}{comment}")
    return "\n".join(rows) + rng.choice(["\n", "\n", "", "\r\n"])


def test_random_documents_give_up_or_match():
    rng = random.Random(20240315)
    fast = sum(agrees(random_document(rng)) for _ in range(6000))
    assert fast >= 600  # the generator must reach the fast path often enough to test it
