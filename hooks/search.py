"""Site search: hand each page's main HTML to the index job (logic in xiaobao.search)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from xiaobao.search.job import IndexJob, PageSource

# src_uri -> (rank, page). Kept across `mkdocs serve --dirty` rebuilds, which skip unchanged pages.
_pages: dict[str, tuple[int, PageSource]] = {}
_job: IndexJob | None = None


def _rank(page: Page) -> int:
    """Result order: education topics, other editors' pages, generated index pages, campaigns."""
    if page.file.generated_by is None:
        return 0 if page.file.src_uri.startswith("topics/") else 1
    return 3 if (page.meta.get("xiaobao") or {}).get("kind") == "campaign" else 2


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    present = {f.src_uri for f in files.documentation_pages()}
    for gone in set(_pages) - present:
        del _pages[gone]
    return files


@event_priority(-100)  # after hooks/campaigns.py has sanitised campaign bodies
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    _pages[page.file.src_uri] = (_rank(page), PageSource(page.url, page.title or config.site_name, html))
    return html


def _job_for(config: MkDocsConfig, background: bool) -> IndexJob:
    pages = [p for _, p in sorted(_pages.values(), key=lambda rp: (rp[0], rp[1].url))]
    return IndexJob(Path(config.site_dir) / "search", pages, background)


@event_priority(-100)  # every page is populated: the index builds while MkDocs renders templates
def on_env(env: Environment, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    global _job
    _job = _job_for(config, background=True)
    return env


def on_post_build(config: MkDocsConfig, **kwargs) -> None:
    global _job
    job = _job or _job_for(config, background=False)
    _job = None
    try:
        job.wait()
    except RuntimeError as error:
        raise PluginError(f"搜索索引生成失败：{error}（详见上方的错误输出）") from error


def on_build_error(error: Exception, **kwargs) -> None:
    global _job
    if _job is not None:
        _job.cancel()
        _job = None
