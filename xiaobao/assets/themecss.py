"""Material's stylesheet without the rules of features this site never shows.

Material's main.css (134 KB) styles its search, tabs, tooltips, blog, tags, code copy buttons and more.
Xiaobao uses none of these (our own search replaces Material's), and a reader on a phone downloads the
whole file on the first visit. Dropping those rules keeps the first visit within its budget.
The pruned file gets a name from its own content, so a long cache never serves a stale copy.
"""

from __future__ import annotations

import hashlib
import re

# Blocks (BEM) and content classes the site never renders. A selector naming one of them is dropped;
# a rule is dropped when none of its selectors is left. tests/test_themecss.py checks the built pages.
UNUSED = re.compile(
    r"\.(?:md-(?:search|tooltip2?|source|tabs|version|select|annotation(?:-list)?|post|tag(?:-icon)?|status|consent"
    r"|feedback|clipboard|code|path|pagination|social)(?:__[\w-]+|--[\w-]+)?"
    r"|tabbed-[\w-]+|keys|critic|task-list[\w-]*|arithmatex|mermaid)(?![\w-])")
_NESTED = ("@media", "@supports", "@container", "@layer")


def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; body None for statements such as @charset "utf-8";"""
    out, i, start, depth, open_at = [], 0, 0, 0, 0
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 2
            continue
        if c == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((css[start:open_at].strip(), css[open_at + 1:i]))
                start = i + 1
        elif c == ";" and depth == 0:
            out.append((css[start:i + 1].strip(), None))
            start = i + 1
        i += 1
    return out


def _selectors(prelude: str) -> list[str]:
    """Split a selector list on top-level commas (not those inside :is(...) or [attr="a,b"])."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(prelude):
        c = prelude[i]
        if c in "\"'":
            i = _skip_string(prelude, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
        i += 1
    return parts + [prelude[start:]]


def unused_colours(palettes: list[dict]) -> re.Pattern:
    """Selectors of Material's palette.css for colours the site does not set.

    palette.css styles all 19 primary and 17 accent colours (11 KB); a reader needs only the
    site's own. Values as Material's templates write them: lower case, spaces as hyphens.
    """
    used = {str(p.get(k) or "").lower().replace(" ", "-") for p in palettes for k in ("primary", "accent")}
    keep = "|".join(sorted(re.escape(u) for u in used if u)) or "(?!)"
    return re.compile(rf"\[data-md-color-(?:primary|accent)=[\"']?(?!(?:{keep})[\"'\]])[\w-]+")


def prune(css: str, unused: re.Pattern = UNUSED) -> str:
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith(_NESTED):
            inner = prune(body, unused)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")  # @keyframes, @font-face, @page: kept whole
        else:
            kept = [s for s in _selectors(prelude) if not unused.search(s)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


_ICON = re.compile(r"(--md-[\w-]*icon[\w-]*):url\((?:\"[^\"]*\"|'[^']*'|[^)]*)\);?")


def drop_unused_icons(css: str, elsewhere: str = "") -> str:
    """Remove icon variables (inline SVG, 6 KB in all) that no rule left in css or elsewhere reads.

    Material defines --md-clipboard-icon, --md-source-stars-icon … for features prune() removed;
    only var(--name) reads them, so a variable nobody reads is dead weight on every first visit.
    """
    used = set(re.findall(r"var\((--md-[\w-]+)", css + elsewhere))

    def keep(match: re.Match) -> str:
        return match.group(0) if match.group(1) in used else ""

    return _ICON.sub(keep, css)


def pruned_name(material_name: str, css: str) -> str:
    """main.57a0d79d.min.css -> main.<first 8 hex of the pruned content's SHA-256>.min.css (palette.… alike)"""
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    return re.sub(r"\.[0-9a-f]{8}\.min\.css$", f".{digest}.min.css", material_name)
