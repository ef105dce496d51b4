"""The error-report address: set once in mkdocs.yml, checked, shown on the about page as a mailto link."""

from __future__ import annotations

from pathlib import Path

import yaml

from xiaobao.site.contact import CONTACT_MARKER, contact_markdown, contact_problem

REPO = Path(__file__).resolve().parent.parent


def test_address_is_checked_and_linked():
    assert contact_problem("jiucuo@example.cn") == ""
    assert contact_markdown(" jiucuo@example.cn ") == "[jiucuo@example.cn](mailto:jiucuo@example.cn)"
    for bad in (None, "", "not an address", "a@b", "x@y.cn)(javascript:alert(1)", 42):
        assert "mkdocs.yml" in contact_problem(bad), bad
        assert "mailto" not in contact_markdown(bad), bad


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` gives the default."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def test_site_sets_an_address_and_the_about_page_shows_it():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0], Loader=_Loader)
    assert contact_problem(config["extra"]["contact"]) == ""
    assert CONTACT_MARKER in (REPO / "docs" / "about.md").read_text(encoding="utf-8")
