"""The output folder: one source per address, a staging folder swapped in only after every check,
and the warnings that decide it under --strict.

Logic in xiaobao.pipeline.outputs (the outputs table, claims) and xiaobao.pipeline.atomic (the swap).
"""

from __future__ import annotations

import logging
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from xiaobao.campaigns.problems import shown, summarize
from xiaobao.outputs import leaflets
from xiaobao.pipeline import atomic
from xiaobao.pipeline.outputs import (AFTER, BACKGROUND, OUTPUTS, PATH_HELP, Claim, OutputError, Written, conflicts,
                                      declared, page_path, reserved)
from xiaobao.pipeline.state import Build, Session


class WarningCount(logging.Handler):
    """Warnings logged under `mkdocs` during this build: under --strict MkDocs aborts after the last
    event when there are any, so the swap must not happen then. Our own count, not MkDocs' counter."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


# ---------- on_config ----------

def begin(build: Build, config: MkDocsConfig) -> None:
    """`mkdocs build` writes into a staging folder; serve and dirty builds write in place (a dirty
    build reuses what the last one wrote)."""
    if build.settings.run.atomic:
        build.staging = atomic.prepare(build.settings.site_dir)
        config.site_dir = str(build.staging)
    build.written = Written(build.site_dir)
    if build.settings.strict:
        build.warnings = WarningCount()
        logging.getLogger("mkdocs").addHandler(build.warnings)


# ---------- on_files ----------

def _misnamed(files: Files) -> list[str]:
    """docs/x.MD is copied as a download, not built as a page: name it instead of losing the page."""
    return [f"docs/{f.src_uri}: 扩展名写成了“{posixpath.splitext(f.src_uri)[1]}”，不会生成网页。请改成小写 .md"
            for f in files if f.generated_by is None and not f.is_documentation_page()
            and posixpath.splitext(f.src_uri)[1].lower() in {".md", ".markdown"}]


def _source(build: Build, file: File, config: MkDocsConfig) -> str:
    if file.generated_by is not None:
        return build.sources.get(file.src_uri) or f"网站自动生成的 {file.src_uri}"
    if file.src_dir is not None and file.src_dir == config.docs_dir:
        return f"docs/{file.src_uri}"
    return f"主题文件 {file.src_uri}"


def _claims(build: Build, files: Files, config: MkDocsConfig) -> list[Claim]:
    """Every path the build will write, with where it comes from."""
    claims = [Claim(f.dest_uri, _source(build, f, config)) for f in files if not f.inclusion.is_excluded()]
    claims += [Claim(page_path(p.src_uri), build.sources[p.src_uri]) for p in build.written_pages]
    placeheld = {f.dest_uri for f in build.placeholders}  # claimed above, as files MkDocs knows (a portal's data)
    claims += [Claim(o.path, "网站自动生成的" + o.what, ours=True) for o in OUTPUTS
               if o.when == AFTER and "*" not in o.path and o.path not in placeheld]
    for c in build.catalog.campaigns:
        claims += [Claim(f"campaigns/{old}/index.html", f"{c.path} 的 redirects") for old in c.redirects]
    by_src = {f.src_uri: f for f in files}
    for src, olds in build.reach.docs_redirects.items():
        file = by_src[src]
        for old in [olds] if isinstance(olds, str) else olds if isinstance(olds, list) else []:
            target = leaflets.redirect_target(file.url, old)
            if target is None:
                raise PluginError(f"docs/{src}: redirects: “{shown(old)}”不能做旧网址。{PATH_HELP}")
            claims.append(Claim(target, f"docs/{src} 的 redirects"))
    for src, before in build.reach.moved.items():
        claims.append(Claim(f"{before}/index.html", f"docs/{src} 改 slug 之前的旧网址"))
    for file in files.documentation_pages():
        if file.generated_by is None and file.src_uri.startswith("topics/"):
            claims.append(Claim(leaflets.print_path(file.url), f"docs/{file.src_uri} 的打印版", ours=True))
    return claims


def check_claims(build: Build, files: Files, config: MkDocsConfig, session: Session | None = None) -> None:
    """Stop the build when two sources want one address, or an editor's page sits in a folder of ours.

    A preview save whose pages claim the very addresses the last build's did (a campaign's text
    changed, not its address) has the same answer: 12,500 addresses are not sorted and walked again.
    """
    claims = _claims(build, files, config)
    kept = session.claims if session is not None and build.settings.serve else None
    if kept is not None and kept[0] == claims:
        found = kept[1]
    else:
        found = conflicts(claims, reserved())
        if session is not None:
            session.claims = (claims, found) if build.settings.serve else None
    problems = found + _misnamed(files)
    if problems:
        raise PluginError(summarize(problems, f"有 {len(problems)} 处网址问题，网站没有生成。请逐条改正："))
    for claim in claims:
        build.written.claim(claim.path)


# ---------- on_env ----------

def record_files(build: Build, files: Files, config: MkDocsConfig) -> None:
    """What MkDocs will write (its files, the theme's own templates) and what the child will: the
    placeholders leave MkDocs' collection now, so it never writes them over the child's files.
    A file a step added to the collection that the outputs table does not declare stops the build."""
    written, serve = build.written, build.settings.serve
    for file in build.placeholders:
        files.remove(file)
        written.record(file.dest_uri, "开放数据（后台）")
    try:
        for file in files:
            if not (file.inclusion.is_in_serve() if serve else file.inclusion.is_included()):
                continue
            writer = build.sources.get(file.src_uri) or file.generated_by or file.src_uri
            if file.generated_by and not file.is_documentation_page() and declared(file.dest_uri) is None:
                raise OutputError(f"{writer} 写了 {file.dest_uri}，可是 xiaobao/pipeline/outputs.py 的 OUTPUTS 没有声明这个文件")
            written.record(file.dest_uri, writer)
        for template in [*config.theme.static_templates, *config.extra_templates]:
            written.record(template, "主题")
            if template == "sitemap.xml":
                written.record("sitemap.xml.gz", "主题")
    except OutputError as error:
        raise PluginError(str(error)) from None
    for output in OUTPUTS:
        if output.when == BACKGROUND and "*" in output.path:
            written.expect(output)


# ---------- on_post_build, on_build_error ----------

def finish(build: Build, config: MkDocsConfig) -> None:
    """The staged site replaces the site once every check passed; with strict-mode warnings MkDocs
    aborts right after this, so the staged site is dropped instead."""
    failed = _stop_counting(build)
    if build.staging is None:
        return
    staging, build.staging = build.staging, None
    config.site_dir = str(build.settings.site_dir)
    if failed:
        atomic.discard(staging)
        return
    atomic.publish(staging, build.settings.site_dir)


def abandon(build: Build) -> None:
    _stop_counting(build)
    if build.staging is not None:
        atomic.discard(build.staging)
        build.staging = None


def _stop_counting(build: Build) -> bool:
    """Whether strict mode saw a warning; the counter leaves the logger either way."""
    counter = build.warnings
    if counter is None:
        return False
    logging.getLogger("mkdocs").removeHandler(counter)
    build.warnings = None
    return counter.count > 0

