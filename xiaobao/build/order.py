"""The order our hooks must run in, stated once.

MkDocs runs the events of a build in a fixed sequence: on_config, on_pre_build, on_files, on_nav,
then per page on_page_markdown and on_page_content, on_env, per page on_page_context and
on_post_page, on_post_build. That sequence alone gives the guarantees that span events:
- campaigns.on_config reads and fully checks every campaign (personal data included) before any
  page is generated (on_files), before the one child is forked (on_env) and before any file is
  written (MkDocs writes from on_env on); a problem stops the build with an empty site;
- every page's HTML is known at on_env, when the child starts with the search index.

Within one event MkDocs runs the handlers by descending `event_priority`, and at equal priority
in the order of `hooks:` in mkdocs.yml. RULES are the pairs whose order matters; the priorities
in hooks/ make each hold whatever the order of `hooks:` (checked by tests/test_hook_order.py).
"""

from __future__ import annotations

from dataclasses import dataclass

HOOKS = ("background", "campaigns", "reach", "linkcheck", "search", "staging", "content", "editors", "address",
         "themecss", "minify", "cms")  # hooks/<name>.py, all required


@dataclass(frozen=True)
class Rule:
    event: str
    first: str  # hook name
    then: str
    why: str


RULES: tuple[Rule, ...] = (
    Rule("on_config", "address", "reach",
         "QR codes, the feed and canonical links use the public address, which address puts back "
         "in place of the preview host before reach reads it"),
    Rule("on_files", "campaigns", "search",
         "search forgets pages that left the site; the generated pages must be in the file list by "
         "then, or a `mkdocs serve --dirty` rebuild would drop every unchanged campaign from the index"),
    Rule("on_files", "cms", "reach",
         "reach claims every output path once; the form's files under admin/ must be in the list by then"),
    Rule("on_page_markdown", "content", "campaigns",
         "a topic page's sources belong to its leaflet: they must come before the campaign listing "
         "that campaigns appends, which stays off paper"),
    Rule("on_files", "editors", "reach",
         "reach claims every output path once; the editors' section page must be in the list by then"),
    Rule("on_page_context", "reach", "editors",
         "the preview's review page goes without the readers' tools that reach gives every page"),
    Rule("on_page_content", "campaigns", "reach",
         "reach keeps the campaign listing off the printed leaflet; campaigns appends it and records "
         "where it begins (BUILD.listing_at)"),
    Rule("on_page_content", "campaigns", "search",
         "the index must hold campaign bodies as sanitised, never as the editor wrote them"),
    Rule("on_env", "search", "background",
         "the child is forked once, with the work submitted so far: the search index must be in it"),
    Rule("on_post_build", "background", "linkcheck",
         "pages link to the QR codes and open data files the child writes: they must exist when "
         "links are checked"),
    Rule("on_post_build", "reach", "linkcheck",
         "pages link to feed.xml, screen/, print/ and the redirects, which reach writes then"),
    Rule("on_post_build", "campaigns", "linkcheck",
         "a portal's pages link to its merged open data, which campaigns writes then (xiaobao.portal.steps)"),
    Rule("on_post_build", "campaigns", "staging",
         "a portal's merged open data is written into the staged site before the swap"),
    Rule("on_post_build", "linkcheck", "staging",
         "the staged site replaces site/ only once every link in it is checked"),
    Rule("on_post_build", "background", "staging",
         "the child writes into the staged site: it must have finished before the swap"),
    Rule("on_post_build", "reach", "staging",
         "the feed, screen, print views and redirects are written into the staged site before the swap"),
)


def broken(order: dict[str, list[str]]) -> list[Rule]:
    """The rules a dispatch order breaks; order: event -> hook names in the order MkDocs runs them."""
    out = []
    for rule in RULES:
        names = order.get(rule.event, [])
        if rule.first not in names or rule.then not in names or names.index(rule.first) > names.index(rule.then):
            out.append(rule)
    return out
