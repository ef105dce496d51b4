"""Education pages: sources from front matter, stale advice, hotlines from one table, the contact address.

A thin shell over xiaobao.site.sources / freshness / hotlines / contact. Runs before
hooks/campaigns.py appends its campaign listing, so the sources stay part of the printed leaflet.
The build's "today" is the clock, or XIAOBAO_TODAY=YYYY-MM-DD when set (tests use a fixed day).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from xiaobao.campaigns.frontmatter import FrontMatterError
from xiaobao.campaigns.frontmatter import parse as parse_front_matter
from xiaobao.site import contact, freshness, hotlines, sources

log = get_plugin_logger("content")
SOURCES_MARKER = "<!-- xiaobao:sources -->"
TOPIC_HOTLINES_MARKER = "<!-- xiaobao:topic-hotlines -->"
REMITS_MARKER = "<!-- xiaobao:hotline-remits -->"
ALL_REMITS_MARKER = "<!-- xiaobao:hotline-remits-all -->"
HOME_MARKER = "<!-- xiaobao:home-hotlines -->"
FIELDS_MARKER = "<!-- xiaobao:sources-fields -->"
_state: dict[str, Any] = {}


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    """Per build: today's date and the contact address (the hook module lives across serve rebuilds)."""
    today, problem = freshness.today()
    if problem:
        log.warning(problem)
    _state.update(today=today, contact=config.extra.get("contact"))
    if problem := contact.contact_problem(_state["contact"]):
        log.warning(problem)
    return config


def _is_topic(page: Page) -> bool:
    src = page.file.src_uri
    return page.file.generated_by is None and src.startswith("topics/") and src.count("/") == 1


def _insert_before_first_section(markdown: str, block: str) -> str:
    """Help first: the hotline box goes after the introduction, before the first ## heading."""
    if TOPIC_HOTLINES_MARKER in markdown:
        return markdown.replace(TOPIC_HOTLINES_MARKER, block)
    at = markdown.find("\n## ")
    return markdown + "\n" + block if at < 0 else f"{markdown[:at + 1]}{block}\n{markdown[at + 1:]}"


def _front_matter(page: Page) -> dict[str, Any] | None:
    """Our own parse: MkDocs swallows YAML errors, and a broken topic page must say so."""
    try:
        return parse_front_matter(page.file.content_string).meta
    except FrontMatterError as err:
        if _is_topic(page):
            log.warning(f"docs/{page.file.src_uri}：{err}")
        return None


def _topic_markdown(markdown: str, meta: dict[str, Any], where: str) -> str:
    found, problems = sources.read_sources(meta.get("sources"))
    for problem in problems:
        log.warning(f"{where}：{problem}")
    markdown = _insert_before_first_section(markdown, hotlines.topic_callout(str(meta.get("topic") or "")))
    if meta.get("sources") is not None:
        _, reviewed, _ = freshness.reviewed_on(meta)
        section = sources.sources_markdown(found, reviewed)
        markdown = markdown.replace(SOURCES_MARKER, section) if SOURCES_MARKER in markdown \
            else markdown.rstrip("\n") + "\n\n" + section
    return markdown


@event_priority(10)  # before hooks/campaigns.py (0) appends 相关宣传活动: sources belong to the leaflet
def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:
    meta = _front_matter(page) if page.file.generated_by is None else None
    if meta is not None:
        where = f"docs/{page.file.src_uri}"
        for problem in freshness.stale_problems(meta, _state["today"], require_review=_is_topic(page)):
            log.warning(f"{where}：{problem}")
        if _is_topic(page):
            markdown = _topic_markdown(markdown, meta, where)
    markdown = markdown.replace(REMITS_MARKER, hotlines.remit_table(with_sources=False))
    markdown = markdown.replace(ALL_REMITS_MARKER, hotlines.remit_table(hotlines.ALL_LINES))
    markdown = markdown.replace(HOME_MARKER, hotlines.home_line())
    markdown = markdown.replace(FIELDS_MARKER, sources.fields_table())
    return markdown.replace(contact.CONTACT_MARKER, contact.contact_markdown(_state.get("contact")))
