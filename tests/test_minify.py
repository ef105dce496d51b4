"""Readers download our scripts and stylesheets minified; the sources in docs/ keep their comments."""

from __future__ import annotations

from pathlib import Path

import re

from xiaobao.assets.minify import html_without_indentation, minified

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


def test_pages_lose_the_templates_indentation_but_not_preformatted_text():
    page = ("<div>\n  <PRE>a\n   b</Pre>\n  <p>x\n\t y</p><script>\n  var s = '<pre>';\n  f()</script>\n"
            "   <textarea>\n  typed</textarea>\n <style>\n  .a{}</style><i>")
    assert html_without_indentation(page) == (
        "<div>\n<PRE>a\n   b</Pre>\n<p>x\ny</p><script>\n  var s = '<pre>';\n  f()</script>\n"
        "<textarea>\n  typed</textarea>\n<style>\n  .a{}</style><i>")
    assert html_without_indentation("<pre>\n  never closed") == "<pre>\n  never closed"


def test_built_pages_are_unindented_and_code_blocks_keep_their_indentation(docs_site):
    home = (docs_site.site / "index.html").read_text(encoding="utf-8")
    flow = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "", home, flags=re.S)
    assert "<nav" in flow and not re.search(r"\n[ \t]+\S", flow)
    source = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    guide = (docs_site.site / "guide" / "index.html").read_text(encoding="utf-8")
    indented = [m for m in re.findall(r"<pre\b.*?</pre>", guide, flags=re.S) if re.search(r"\n[ \t]+\S", m)]
    assert "```" in source and indented, "the guide's code blocks keep their indented lines"
