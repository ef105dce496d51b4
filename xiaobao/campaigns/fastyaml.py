"""A quick reader for the small YAML subset campaign front matter is written in.

PyYAML costs 100–200 µs a file, which at 10,000 campaigns is most of reading the catalog. Front
matter is nearly always `key: plain text` lines, flow lists of plain words and one indented
`stats:` mapping, so this module reads exactly that subset and returns the same values and key
lines PyYAML (through our loader) would. Any line or scalar it is not sure about makes it give up
(return None), and the caller falls back to PyYAML, which also owns every error message.

Scalars are typed by the loader's own implicit resolvers; only str, null, `{}`, flow lists and
plain decimal ints are built here, in the same way PyYAML's safe constructor builds them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
INT = "tag:yaml.org,2002:int"

# A word of a plain value: no quotes (kept out for caution), no leading # (a comment after a space)
# or colon, no trailing colon (`a: b` inside a value is a mapping indicator, an error in YAML).
_WORD = r"""[^ #\n'":](?:[^ \n'"]*[^ \n'":])?"""
# One line: blank, a comment, or `key: value  # comment` with an identifier-like key. A colon must
# be followed by a space or the end, a comment must follow a space; nothing else is in the subset.
_LINE = re.compile(rf"^( *)(?:([A-Za-z_][A-Za-z0-9_-]{{0,99}}):(?: +({_WORD}(?: +{_WORD})*))?(?: +#.*)? *|#.*)?$", re.M)
# Characters where YAML and this reader could disagree: tabs, lone CR, NEL and other line
# separators, control characters (YAML rejects them), BOMs inside the text, non-characters.
_ODD_CHAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# Characters that make a plain scalar start as something else (quote, anchor, tag, block scalar,
# sequence entry, reserved), as listed by the YAML spec for c-indicator.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Inside a flow list: nesting, mappings, comments, quotes; libyaml versions differ on `:` here and
# pure-Python PyYAML (our loader without libyaml) ends a flow scalar at `?`.
_FLOW_ODD = re.compile(r"""[\[\]{}#:?'"]""")
# Decimal ints that PyYAML's construct_yaml_int turns into int(text); no octal, `_`, 0x or 1:20.
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")

_GIVE_UP: Any = object()
_MISSING: Any = object()
_CACHE_LIMIT = 4096


class SubsetReader:
    """Reads the safe YAML subset with one loader class's resolvers; None means "ask PyYAML"."""

    def __init__(self, loader: type) -> None:
        self._resolver = BaseResolver()
        self._resolver.yaml_implicit_resolvers = loader.yaml_implicit_resolvers
        table = loader.yaml_implicit_resolvers
        # resolve() only looks at resolvers filed under the first character and the wildcard ones,
        # so any other first character is the default str tag without asking.
        self._typed_first = frozenset(first for first in table if first is not None)
        self.enabled = _same_machinery(loader)
        self._cache: dict[str, Any] = {}

    def read(self, yaml_text: str) -> tuple[dict[str, Any], dict[str, int]] | None:
        """Return (mapping, line of each dotted key) like PyYAML, or None outside the subset."""
        if not self.enabled:
            return None
        if "\r" in yaml_text:
            yaml_text = yaml_text.replace("\r\n", "\n")
        if _ODD_CHAR.search(yaml_text):
            return None
        return self._read_lines(yaml_text)

    def _read_lines(self, yaml_text: str) -> tuple[dict[str, Any], dict[str, int]] | None:
        """Block mappings by indentation; a key with no value opens a deeper mapping or is null."""
        rows = _LINE.findall(yaml_text)
        if len(rows) != yaml_text.count("\n") + 1:
            return None  # some line is outside the subset (each line matches at most once)
        root: dict[str, Any] = {}
        lines: dict[str, int] = {}
        outer: list[tuple[int, dict[str, Any], str]] = []
        indent, mapping, prefix = 0, root, ""
        pending: str | None = None  # key just read with an empty value
        typed, cached = self._typed_first, self._cache.get
        for number, (spaces, key, text) in enumerate(rows, 2):  # +1 for 1-based, +1 for the opening ---
            if not key:
                continue  # blank or comment line
            column = len(spaces)
            if pending is not None and column > indent:
                child: dict[str, Any] = {}
                mapping[pending] = child
                outer.append((indent, mapping, prefix))
                indent, mapping, prefix = column, child, f"{prefix}{pending}."
            pending = None
            while column < indent:
                indent, mapping, prefix = outer.pop()
            if column != indent or key in mapping or (key[0] in typed and self._scalar(key) != key):
                # deeper after a value (continuation or error), unaligned dedent, duplicate key
                # (PyYAML reports it) or a key PyYAML would not read as text
                return None
            lines[prefix + key] = number
            if not text:
                mapping[key] = None
                pending = key
                continue
            first = text[0]
            if first in _INDICATORS:
                value = self._flow(text)
                if value is _GIVE_UP:
                    return None
            elif first in typed:
                value = cached(text, _MISSING)
                if value is _MISSING:
                    value = self._scalar(text)
                if value is _GIVE_UP:
                    return None
            else:
                value = text
            mapping[key] = value
        return (root, lines) if root else None

    def _flow(self, text: str) -> Any:
        """A value starting with an indicator: only a flow list of plain scalars or `{}` are read."""
        if text[0] == "[":
            return self._flow_list(text)
        return {} if text == "{}" else _GIVE_UP

    def _flow_list(self, text: str) -> Any:
        """`[a, b]` with plain items only; nesting, quotes and trailing commas go to PyYAML."""
        if text[-1] != "]":
            return _GIVE_UP
        inner = text[1:-1]
        if _FLOW_ODD.search(inner):
            return _GIVE_UP
        if not inner.strip(" "):
            return []
        items = []
        for part in inner.split(","):
            item = part.strip(" ")
            if not item or item[0] in _INDICATORS:
                return _GIVE_UP  # empty entry (trailing comma) or an indicator
            value = self._scalar(item)
            if value is _GIVE_UP:
                return _GIVE_UP
            items.append(value)
        return items

    def _scalar(self, text: str) -> Any:
        """The plain scalar as PyYAML builds it, for str, null and decimal int tags only.

        Results are remembered: the typed-looking values (null, dates, figures, topic names)
        repeat across thousands of files, and resolving is most of their cost.
        """
        if text[0] not in self._typed_first:
            return text
        value = self._cache.get(text, _MISSING)
        if value is not _MISSING:
            return value
        tag = self._resolver.resolve(yaml.ScalarNode, text, (True, False))
        if tag == STR:
            value = text
        elif tag == NULL:
            value = None
        elif tag == INT and _DECIMAL.match(text):
            value = int(text)
        else:
            value = _GIVE_UP
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[text] = value
        return value


def _same_machinery(loader: type) -> bool:
    """Only trust the shortcut while the loader resolves and constructs like SafeLoader does."""
    constructors = loader.yaml_constructors
    return (loader.resolve is BaseResolver.resolve
            and not loader.yaml_path_resolvers
            and not loader.yaml_implicit_resolvers.get(None)
            and constructors.get(STR) is SafeConstructor.construct_yaml_str
            and constructors.get(NULL) is SafeConstructor.construct_yaml_null
            and constructors.get(INT) is SafeConstructor.construct_yaml_int
            and constructors.get("tag:yaml.org,2002:seq") is SafeConstructor.construct_yaml_seq
            and constructors.get("tag:yaml.org,2002:map") is SafeConstructor.construct_yaml_map)
