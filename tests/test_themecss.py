"""Material's stylesheet pruned of features we never show: the right rules go, the pages never need them."""

from __future__ import annotations

import re

import pytest

from xiaobao.assets.themecss import UNUSED, drop_unused_icons, prune, pruned_name, unused_colours


def test_prune_drops_only_selectors_of_unused_features():
    css = ('@charset "utf-8";.md-nav,.md-search__input{color:red}.md-search{top:0}'
           '@media screen{.md-tabs{a:b}.md-grid{max-width:1}}@media print{.md-tooltip2{x:y}}'
           ':is(.md-nav,.md-tag){z:1}.md-typeset .tabbed-set>input:nth-child(2){c:d}'
           '.md-source-file{e:f}.x[data-a="{,}"]{g:"}"}@keyframes k{0%{o:0}}')
    out = prune(css)
    assert out == ('@charset "utf-8";.md-nav{color:red}@media screen{.md-grid{max-width:1}}'
                   '.md-source-file{e:f}.x[data-a="{,}"]{g:"}"}@keyframes k{0%{o:0}}')


def test_pruned_name_follows_the_content():
    assert pruned_name("main.57a0d79d.min.css", "a{}") != pruned_name("main.57a0d79d.min.css", "b{}")
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", pruned_name("main.57a0d79d.min.css", "a{}"))


@pytest.mark.build
def test_built_pages_use_no_pruned_class_and_link_the_pruned_file(standards_site):
    site = standards_site  # every page type, campaigns included
    sheets = sorted(p.name for p in (site / "assets" / "stylesheets").glob("main.*.min.css"))
    assert len(sheets) == 1
    css = (site / "assets" / "stylesheets" / sheets[0]).read_text(encoding="utf-8")
    assert ".md-nav" in css and ".md-search__input" not in css and len(css) < 100_000
    pages = list(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for classes in re.findall(r'class="([^"]*)"', html):
            for name in classes.split():
                assert not UNUSED.search("." + name), f"{page.relative_to(site)} uses pruned class {name}"
        if "assets/stylesheets/main." in html:
            assert f"assets/stylesheets/{sheets[0]}" in html, page


def test_palette_keeps_only_the_site_colours_and_the_schemes():
    css = ('[data-md-color-primary=red]{a:1}[data-md-color-primary=pink]{b:2}'
           '[data-md-color-accent=red]{c:3}[data-md-color-accent=deep-purple]{d:4}'
           '[data-md-color-scheme=slate]{e:5}[data-md-color-scheme=slate][data-md-color-primary=black]{f:6}'
           '[data-md-color-primary="red"] .x,[data-md-color-primary=redwood] .y{g:7}'
           '@media screen{[data-md-color-primary=teal]{h:8}}')
    unused = unused_colours([{"scheme": "default", "primary": "red", "accent": "red"}, {"scheme": "slate", "primary": "Red"}])
    assert prune(css, unused) == ('[data-md-color-primary=red]{a:1}[data-md-color-accent=red]{c:3}'
                                  '[data-md-color-scheme=slate]{e:5}[data-md-color-primary="red"] .x{g:7}')


@pytest.mark.build
def test_built_pages_link_the_pruned_palette(docs_site):
    result = docs_site
    sheets = sorted(p.name for p in (result.site / "assets" / "stylesheets").glob("palette.*.min.css"))
    assert len(sheets) == 1
    css = (result.site / "assets" / "stylesheets" / sheets[0]).read_text(encoding="utf-8")
    assert "data-md-color-primary=red" in css and "data-md-color-primary=pink" not in css and len(css) < 6000
    html = (result.site / "index.html").read_text(encoding="utf-8")
    assert f"assets/stylesheets/{sheets[0]}" in html and html.count("assets/stylesheets/") == 2


def test_icon_variables_nobody_reads_are_dropped():
    css = (':root{--md-clipboard-icon:url(\'data:image/svg+xml;charset=utf-8,<svg a="b;c)"/>\');'
           '--md-nav-icon--prev:url("data:image/svg+xml;charset=utf-8,<svg/>");--md-x-color:red}'
           '.md-nav__button{mask-image:var(--md-nav-icon--prev)}')
    out = drop_unused_icons(css)
    assert "clipboard" not in out and "--md-nav-icon--prev:url(" in out and "--md-x-color:red" in out
    assert drop_unused_icons(css, ".mine{mask:var(--md-clipboard-icon)}") == css  # read by our own CSS: kept
