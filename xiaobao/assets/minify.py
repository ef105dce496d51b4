"""Our own scripts and stylesheets as readers download them: without comments and indentation.

Why: a reader's first visit (home page plus a first search, issue 16) must stay within 350 KB, and
search.js is a third comments. The sources in docs/assets stay commented for the people who keep
them; the Node tests read the sources, the browser tests the minified copies of the built site.
rjsmin and rcssmin only drop what cannot change meaning (comments, white space between tokens).
"""

from __future__ import annotations

import posixpath

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
