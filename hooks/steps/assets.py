"""Files readers download beside the pages: Material's stylesheets pruned, our scripts and
stylesheets minified, and the editors' form under /admin/ (logic in xiaobao.assets, xiaobao.outputs.cms)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from xiaobao.assets.minify import minified
from xiaobao.cache.store import digest
from xiaobao.assets.themecss import UNUSED, drop_unused_icons, prune, pruned_name, unused_colours
from xiaobao.outputs.cms import PHONE_CSS, SCRIPT, STYLE, UNDATED, admin_page, cms_config, cms_script, local_backend, years
from xiaobao.pipeline.state import Build, Session

SHEET = re.compile(r"^assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css$")
VENDOR = Path("vendor") / "decap-cms" / "dist"
QRCODE = Path("vendor") / "qrcode-generator" / "qrcode.js"


def add_cms(build: Build, session: Session, files: Files, config: MkDocsConfig) -> None:
    """The form's page, our script and phone stylesheet after Decap's, its config.yml generated from
    the schema (so the form always matches what the build accepts; its local backend is the
    preview's own address, `make form`) and the vendored Decap CMS files. A preview save reuses
    config.yml's text when everything it is made from is the same."""
    settings = build.settings
    files.append(File.generated(config, "admin/index.html", content=admin_page(settings.site_name)))
    files.append(File.generated(config, f"admin/{SCRIPT}", content=cms_script()))
    files.append(File.generated(config, f"admin/{STYLE}", content=PHONE_CSS))
    folders = _folders(settings.root, settings.this_year, settings.cms_first_year)
    local = local_backend(config.dev_addr.host, config.dev_addr.port)
    made_from = (folders, repr(settings.cms_first_year), settings.site_url, repr(settings.cms_backend), repr(local))
    if session.cms_config is None or session.cms_config[0] != made_from:
        session.cms_config = (made_from, _cms_config(build, made_from, folders, local))
    files.append(File.generated(config, "admin/config.yml", content=session.cms_config[1]))
    for path in sorted((settings.root / VENDOR).glob("*")):
        files.append(File.generated(config, f"admin/dist/{path.name}", abs_src_path=str(path)))


def _cms_config(build: Build, made_from: tuple, folders: list[str], local: dict) -> str:
    """config.yml's text, or its copy in the build cache: dumping it as YAML takes about a second,
    on every build, though it changes only with the year folders and the settings in made_from."""
    settings = build.settings
    return _kept_text(build, "cms", digest("cms", repr(made_from)),
                      lambda: cms_config(folders, settings.site_url, settings.cms_backend, local))


def _kept_text(build: Build, kind: str, key: str, make: Callable[[], str]) -> str:
    """The build cache's text under key, or make()'s, stored there; a damaged entry is a miss."""
    found = build.store.get(kind, key)
    if found is not None:
        try:
            return found.decode("utf-8")
        except UnicodeDecodeError:
            pass
    text = make()
    build.store.put(kind, key, text.encode("utf-8"))
    return text


def add_vendored(build: Build, files: Files, config: MkDocsConfig) -> None:
    """The QR encoder the screen builder draws with in the browser, served as it was vendored."""
    files.append(File.generated(config, "assets/js/qrcode.js", abs_src_path=str(build.settings.root / QRCODE)))


def _folders(root: Path, this_year: int, first_year: object = None) -> list[str]:
    """Year folders that exist, the recent years up to next year (xiaobao.outputs.cms.years: a
    campaign of any of them lands in its own folder), and undated."""
    campaigns = root / "campaigns"
    found = [p.name for p in campaigns.iterdir() if p.is_dir()] if campaigns.is_dir() else []
    return years(found, today=dt.date(this_year, 1, 1), first=first_year) + [UNDATED]


def prune_theme_css(build: Build, files: Files, config: MkDocsConfig) -> None:
    """Material's main and palette stylesheets replaced by copies without the rules we never show,
    under their own content hashes; overrides/main.html points the <link>s at them."""
    unused = {"main": UNUSED, "palette": unused_colours(list(build.settings.palettes))}
    renamed = []  # another theme version without these files: its stylesheets are served as they come
    ours = "".join(f.content_string for f in files if f.src_uri.startswith("assets/css/") and f.src_uri.endswith(".css"))
    for theme in [f for f in files if SHEET.match(f.src_uri)]:
        css = _pruned(build, theme.content_string, unused[SHEET.match(theme.src_uri).group(1)], ours)
        name = pruned_name(posixpath.basename(theme.src_uri), css)
        files.remove(theme)
        files.append(File.generated(config, posixpath.join("assets/stylesheets", name), content=css))
        renamed.append({"material": posixpath.basename(theme.src_uri), "pruned": name})
    build.template["css"] = renamed


def _pruned(build: Build, css: str, unused: re.Pattern, ours: str) -> str:
    """The pruned stylesheet, or the build cache's copy: a pure function of the theme's sheet, the
    selectors left out and our own stylesheets (1.5 s of every preview save at 10,000 campaigns)."""
    key = digest("theme-css", css, unused.pattern, str(unused.flags), ours)
    return _kept_text(build, "css", key, lambda: drop_unused_icons(prune(css, unused), ours))


def minify(files: Files, config: MkDocsConfig) -> None:
    """docs/assets/js/*.js and docs/assets/css/*.css served minified under the same address."""
    for file in list(files):
        if file.generated_by or not file.src_uri.endswith((".js", ".css")):
            continue
        text = minified(file.src_uri, file.content_string)
        if text is not None:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=text))
