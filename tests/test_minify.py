"""Readers download our scripts and stylesheets minified; the sources in docs/ keep their comments."""

from __future__ import annotations

from pathlib import Path

from xiaobao.assets.minify import minified

REPO = Path(__file__).resolve().parent.parent


def test_comments_and_indentation_go_code_stays():
    js = "/* why */\nfunction add(a, b) {\n  // sum\n  return a + b; // done\n}\nvar re = /\\/\\*x/g;\n"
    out = minified("assets/js/x.js", js)
    assert "why" not in out and "sum" not in out and "  " not in out
    assert "return a+b" in out and "/\\/\\*x/g" in out  # a regex that looks like a comment is kept
    css = "/* colours */\n.a {\n  color: red;\n}\n"
    assert minified("assets/css/x.css", css).strip() == ".a{color:red}"


def test_only_our_own_assets():
    assert minified("assets/javascripts/bundle.js", "/* x */ a()") is None  # the theme's, already minified
    assert minified("assets/js/data.json", "{}") is None
    assert minified("topics/x.js", "a()") is None


def test_the_built_site_serves_minified_copies(docs_site):
    result = docs_site
    for name in ("assets/js/search.js", "assets/js/reach.js", "assets/css/site.css", "assets/css/readers.css"):
        source = (REPO / "docs" / name).read_text(encoding="utf-8")
        served = (result.site / name).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in served, name
        assert len(served) < 0.9 * len(source), name
