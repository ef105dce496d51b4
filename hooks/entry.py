"""The one way MkDocs enters Xiaobao: one function per event, calling its steps in the order written.

This is the only file under `hooks:` in mkdocs.yml. MkDocs runs the events of a build in a fixed
sequence: on_config, on_files, on_nav, then per page on_page_markdown and on_page_content, on_env,
per page on_page_context and on_post_page, on_post_build. Read them top to bottom below; where the
order of two steps matters, the comment at the call says why. The steps are in hooks/steps/ (they
hand MkDocs' files and pages to the MkDocs-free logic in xiaobao/).

What a build knows is on one object, xiaobao.pipeline.state.Build, made new in on_config: a serve
rebuild starts clean. The Session below is the one thing this module keeps; it holds the process's
Build and the few results a `mkdocs serve` process reuses from build to build (each says why).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from steps import assets, campaigns, docs, links, output, portal, reach, reload, rendered, search, themed, written

from xiaobao.cache.store import Store
from xiaobao.pipeline import terminal
from xiaobao.pipeline.outputs import OutputError
from xiaobao.pipeline.settings import Run, SettingsError, read_settings
from xiaobao.pipeline.state import Build, Session
from xiaobao.pipeline.templates import KeptTemplates, stored_templates

_SESSION = Session()


def _build() -> Build:
    if _SESSION.build is None:
        raise PluginError("内部错误：这次生成还没有开始（on_config 没有运行）")
    return _SESSION.build


def on_startup(*, command: str, dirty: bool, **kwargs: Any) -> None:
    _SESSION.start(Run(command, dirty))
    terminal.install()  # MkDocs' own lines in Chinese for editors


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    if _SESSION.build is not None:
        # A serve rebuild may begin while the last child still runs: stopped, not waited for.
        _SESSION.build.background.cancel(wait=not _SESSION.build.settings.serve)
        portal.close(_SESSION.build)
    try:
        settings = read_settings(_config_values(config), _SESSION.run)
    except SettingsError as error:
        raise PluginError(str(error)) from None  # MkDocs prints "Error: …" and exits 1, without a traceback
    # A save's last build is freed once its pages are shown (on_post_build), not here: freeing its
    # page links, totals and groups took 0.1 s of each save at 10,000 campaigns.
    _SESSION.retired = _SESSION.build if settings.serve else None
    build = _SESSION.build = Build(settings, store=Store(settings.cache_dir))
    # First: MkDocs and every step below write into the staging folder (mkdocs build).
    output.begin(build, config)
    # The public address is settled before QR codes, the feed, canonical links and the child use it.
    if settings.site_url != (config.site_url or ""):
        config.site_url = settings.site_url
    build.template["preview"] = ({"public_url": settings.site_url, "placeholder": settings.placeholder_address}
                                 if settings.preview else None)
    # Every campaign is read and fully checked (personal data included) before any page is
    # generated, the child forked or a file written: a problem stops the build with no site.
    # A portal (extra.portal) reads its members' published data instead of campaigns/.
    if not portal.load(build):
        campaigns.load(build, _SESSION)
    for warning in settings.warnings:
        docs.log.warning(warning)
    links.begin(build)
    return config


def _config_values(config: MkDocsConfig) -> dict[str, Any]:
    return {"config_file_path": config.config_file_path, "docs_dir": config.docs_dir, "site_dir": config.site_dir,
            "site_name": config.site_name, "site_url": config.site_url, "dev_addr": config.dev_addr,
            "extra": config.extra, "palette": config.theme.get("palette"), "strict": config.strict}


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    build = _build()
    # First: what docs/ must not publish leaves the list (refused, skipped, drafts outside the
    # preview), so no step below reads, links or copies it.
    campaigns.withhold(build, files)
    # Editors' pages next: each read once; `slug:` fixes an address before any link is resolved.
    files = docs.read(build, files, config)
    campaigns.add_pages(build, _SESSION, files, config)
    docs.add_editors_section(build, files, config)
    assets.add_cms(build, _SESSION, files, config)
    assets.add_vendored(build, files, config)
    # Every address is claimed once: the generated pages, the editors' section page and the form's
    # files under admin/ must be in the list by now.
    output.check_claims(build, files, config, _SESSION)
    # The index forgets pages that left the site: the generated pages must be in the list by now,
    # or a `serve --dirty` rebuild would drop every unchanged campaign from the index.
    search.carry_over(build, _SESSION, files)
    assets.prune_theme_css(build, files, config)
    assets.minify(files, config)
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Navigation:
    build = _build()
    build.nav = nav  # the written pages' template context (on_env)
    reach.submit_codes(build, files)  # addresses are final once slugs are applied (on_files)
    docs.prune_nav(build, nav)
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    build = _build()
    docs.restore_meta(build, page)  # first: every step below reads page.meta
    # A topic page's sources belong to its leaflet: they come before the campaign listing that
    # campaigns appends next, which stays off paper.
    markdown = docs.content_markdown(build, markdown, page)
    markdown = campaigns.page_markdown(build, markdown, page)
    markdown = docs.hotlines_markdown(markdown)
    markdown = docs.editors_markdown(build, markdown, page)
    return rendered.lookup(build, _SESSION, markdown, page, files)  # last: the Markdown as it will be converted


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    build = _build()
    html = rendered.restore(build, _SESSION, html, page, files)  # first: a preview save's kept conversion
    # Then: editors' HTML cut to the safe subset, and where an education page's campaign listing
    # begins recorded; everything after reads the page as readers get it.
    html = campaigns.page_content(build, html, page)
    html = reach.page_content(build, html, page)  # keeps the listing off the printed leaflet
    search.collect(build, html, page)  # last: the index holds the sanitised page
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Environment:
    build = _build()
    env.globals["xiaobao"] = build.template  # overrides/: the preview banner, the pruned stylesheets
    first = _SESSION.written_shown is None  # this process's first build
    if build.settings.serve:  # a save compiles no template again (MkDocs makes a new environment per build)
        _SESSION.templates = _SESSION.templates or KeptTemplates()
        env.bytecode_cache = _SESSION.templates
        # Before any template is loaded: a menu page whose template output is kept gets it (steps/themed.py).
        env.template_class = themed.template_class(build, _SESSION, files) or env.template_class
    else:  # a build compiles the theme's templates once per code version (the build cache)
        env.bytecode_cache = stored_templates(build.store.root) or env.bytecode_cache
    # The pages MkDocs does not render (campaign pages, listings' later pages), one at a time: they
    # go through the same page steps, so the search index, QR sheet and link check see them too.
    _run_written(lambda: written.write_pages(build, _SESSION, config, files, env))
    search.submit_index(build, _SESSION)  # every page's HTML is known now
    # Before MkDocs copies its files: the open data placeholders leave the collection, so the copy
    # never overwrites what the child writes.
    output.record_files(build, files, config)
    # Last: the child is forked once, with all the work submitted (open data, QR codes, search index).
    # A preview save after the first leaves even the files pages link to (open data, QR codes) to
    # the child: they exist from the first build, and the saved page shows sooner.
    _run_child(build, lambda: build.background.start(joined=not build.settings.serve, linked_here=first))
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation, **kwargs: Any) -> dict:
    build = _build()
    context = reach.page_context(build, context, page)
    return docs.review_without_tools(context, page)  # after reach gave the page its tools


def on_post_page(output_html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    build = _build()
    output_html = campaigns.post_page(build, output_html, page)  # the preview's problem list, when there are problems
    output_html = reach.mend(output_html)
    links.collect(build, output_html, page)  # last: the HTML as written
    return output_html


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig, **kwargs: Any) -> str:
    """404.html is rendered from the theme as a static template, not as a page. sitemap.xml keeps
    the theme's layout: steps/written.py (extend_sitemap) places the written pages among its entries."""
    return reach.mend(output_content) if template_name.endswith(".html") else output_content


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any, **kwargs: Any) -> Any:
    reload.remember(_SESSION, server)  # a save's pages are published as soon as they are written (on_post_build)
    return server


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    build = _build()
    portal.prune_removed(build)  # a preview rebuild: pages of members taken out of the list, before publishing
    # First under `make site`: every page is written, the saved campaign's, its listings' and totals'
    # included; the browsers reload now and the files below follow (steps/reload.py).
    reload.pages_written(build, _SESSION)
    _SESSION.retired = None  # the last build's objects are freed after the browsers were told
    # The child first: pages link to the QR codes and open data files it writes. Under `mkdocs
    # serve` it finishes on its own (the files pages link to were written before it started).
    if not build.settings.serve:
        _run_child(build, build.background.wait)
    # The files pages link to that are written after the pages: feed, screen, print views, redirects.
    reach.write_late_files(build, config, _SESSION)
    written.extend_sitemap(build, config, _SESSION)  # the theme's sitemap.xml lists MkDocs' pages only
    portal.write_data(build)  # a portal's merged open data
    links.check(build, _SESSION)  # once every file is written
    if _SESSION.links_shown:  # every page was written again as the list of broken links
        reload.pages_replaced(build, _SESSION)
    output.finish(build, config)  # the staged site replaces the site only when every check passed
    _SESSION.settle(build)  # last: the preview's first build is kept out of the collector's walks


def on_build_error(*, error: Exception, **kwargs: Any) -> None:
    if _SESSION.build is not None:
        _SESSION.build.background.cancel()
        output.abandon(_SESSION.build)
        portal.close(_SESSION.build)


def on_shutdown(**kwargs: Any) -> None:
    if _SESSION.build is not None:
        _SESSION.build.background.cancel()
        portal.close(_SESSION.build)


def _run_written(step) -> None:
    try:
        step()
    except OutputError as error:
        raise PluginError(str(error)) from None


def _run_child(build: Build, step) -> None:
    try:
        step()
    except RuntimeError as error:
        raise PluginError(f"后台任务失败（{error}），网站没有生成完整。详见上方的错误输出") from error
