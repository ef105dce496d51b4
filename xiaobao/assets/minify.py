"""Our own scripts and stylesheets as readers download them: without comments and indentation.

Why: a reader's first visit (home page plus a first search, issue 16) must stay within 350 KB, and
search.js is a third comments. The sources in docs/assets stay commented for the people who keep
them; the Node tests read the sources, the browser tests the minified copies of the built site.
rjsmin and rcssmin only drop what cannot change meaning (comments, white space between tokens).
"""

from __future__ import annotations

import posixpath
import re

import rcssmin
import rjsmin

OWN = ("assets/js/", "assets/css/")  # docs/assets: ours; the theme's files come minified


def minified(path: str, text: str) -> str | None:
    """The minified text of one of our assets, or None when the path is not one of them."""
    if not path.startswith(OWN):
        return None
    ext = posixpath.splitext(path)[1]
    if ext == ".js":
        return rjsmin.jsmin(text, keep_bang_comments=False) + "\n"
    if ext == ".css":
        return rcssmin.cssmin(text, keep_bang_comments=False) + "\n"
    return None


# Blocks whose white space is content: kept byte for byte. Everything else of a page is HTML flow,
# where a line break followed by indentation renders exactly as the line break alone.
_KEPT_START = re.compile(r"<(pre|textarea|script|style)\b", re.I)
_KEPT_END = {name: re.compile(f"</{name}", re.I) for name in ("pre", "textarea", "script", "style")}
_INDENT = re.compile(r"\n[ \t]+")


def html_without_indentation(html: str) -> str:
    """The page without the theme templates' indentation (a fifth of a page's bytes, issue 29's
    first-visit budget); line breaks stay, so the page renders and reads in the source the same."""
    out: list[str] = []
    done = 0
    for match in _KEPT_START.finditer(html):
        if match.start() < done:
            continue  # inside a kept block (a "<pre" written in a script)
        close = _KEPT_END[match.group(1).lower()].search(html, match.end())
        end = close.start() if close else len(html)
        out.append(_INDENT.sub("\n", html[done:match.start()]))
        out.append(html[match.start():end])
        done = end
    out.append(_INDENT.sub("\n", html[done:]))
    return "".join(out)
