"""Every setting a build uses, read and checked in one place at the start of the build.

Paths, the public address, the contact address, the form's backend, publishing and the build's
"today" come from mkdocs.yml and from the documented environment overrides; nothing else in the
project reads os.environ or config.extra during a build. Problems an editor can fix are returned
as Chinese messages (warnings), or raised as SettingsError when the build must not go on.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xiaobao.cache.store import cache_root
from xiaobao.portal.config import is_portal
from xiaobao.publish import address
from xiaobao.site import contact, freshness

# The documented overrides (README, docs/operators.md): read here and nowhere else in a build.
SITE_URL_ENV = address.SITE_URL_ENV  # XIAOBAO_SITE_URL: the public address, wins over mkdocs.yml (CI)
PUBLISH_ENV = address.PUBLISH_ENV  # XIAOBAO_PUBLISH=1: this build goes online (make build, make publish)
TODAY_ENV = freshness.TODAY_ENV  # XIAOBAO_TODAY=YYYY-MM-DD: rehearse a date (tests fix one)
# XIAOBAO_CACHE_DIR: the build cache's folder (CI keeps it between runs); "off" for none (xiaobao.cache.store).


class SettingsError(ValueError):
    """A setting that stops the build; the message is the editor's, in Chinese."""


@dataclass(frozen=True)
class Run:
    """How this process was started (`mkdocs build`, `mkdocs serve --dirty` …): fixed for its life."""

    command: str = ""  # "" when the caller skipped on_startup: built in place, drafts left out
    dirty: bool = False

    @property
    def serve(self) -> bool:
        """The preview: drafts and the review page shown, problems listed in the browser."""
        return self.command == "serve"

    @property
    def atomic(self) -> bool:
        """Write into a staging folder that replaces the site only when every check passed."""
        return self.command in ("build", "gh-deploy") and not self.dirty


@dataclass(frozen=True)
class Settings:
    root: Path  # the folder holding mkdocs.yml, campaigns/ and synonyms.yml
    config_file: Path
    docs_dir: Path
    site_dir: Path  # where the finished site goes (the build may write into a staging folder first)
    site_name: str
    site_url: str  # site_url as the build uses it: never the preview host; the checked form, else the example address
    preview: bool  # `mkdocs serve`: the page shows which address the codes carry
    placeholder_address: bool  # site_url is still the example address (the preview banner says so)
    contact: str | None  # extra.contact: where readers report a mistake
    cms_backend: dict[str, Any] | None  # extra.cms.backend: where the editors' form saves
    cms_first_year: object  # extra.cms.first_year: the oldest year the form offers (xiaobao.outputs.cms.years)
    palettes: tuple[dict[str, Any], ...]  # theme.palette: which colours Material's stylesheet keeps
    publishing: bool  # XIAOBAO_PUBLISH: the example address is an error
    today: dt.date  # freshness checks: the clock, or XIAOBAO_TODAY
    this_year: int  # the clock's year, for the form's campaign folders (a new year needs no programmer)
    strict: bool
    run: Run = field(default_factory=Run)
    cache_dir: Path | None = None  # the build cache (xiaobao.cache.store); None: no cache
    portal: Mapping[str, Any] | None = None  # {"portal": extra.portal} when mkdocs.yml has one: portal mode (xiaobao.portal)
    warnings: tuple[str, ...] = ()  # for the terminal; the build goes on

    @property
    def public_url(self) -> str:
        """The address QR codes, the feed and the screen carry (the example address when none is set)."""
        return self.site_url or address.PLACEHOLDER

    @property
    def serve(self) -> bool:
        return self.run.serve

    @property
    def dirty(self) -> bool:
        return self.run.dirty


def site_url_override(environ: Mapping[str, str] = os.environ) -> str | None:
    """XIAOBAO_SITE_URL, the public address given by the environment (a CI variable), if any:
    the one place it is read (scripts/publish.py asks here too)."""
    return environ.get(SITE_URL_ENV, "").strip() or None


def _public_address(site_url: str | None, config_file: Path, preview: bool, from_env: str | None) -> str:
    """site_url as the public will use it: the preview host is replaced by the address in mkdocs.yml."""
    if preview:
        return from_env or _written_site_url(config_file) or address.PLACEHOLDER
    return from_env or site_url or ""


_WRITTEN_SITE_URL: dict[tuple[str, str], str | None] = {}  # (path, text) -> answer: a preview save parses mkdocs.yml once


def _written_site_url(config_file: Path) -> str | None:
    """site_url as written in mkdocs.yml, before `mkdocs serve` replaced it with its own address.
    Kept for the same text (each preview save parsed it again: 0.07 s of YAML), unless it
    inherits from another file (INHERIT) or reads the environment (!ENV)."""
    if not config_file.is_file():
        return None
    from mkdocs.utils.yaml import yaml_load  # the engine's loader knows its own tags (!ENV)

    with open(config_file, encoding="utf-8") as f:
        text = f.read()
    key = (str(config_file), text)
    if key in _WRITTEN_SITE_URL:
        return _WRITTEN_SITE_URL[key]
    with open(config_file, encoding="utf-8") as f:  # a file: yaml_load finds INHERIT beside its name
        value = (yaml_load(f) or {}).get("site_url")
    found = value if isinstance(value, str) and value.strip() else None
    _WRITTEN_SITE_URL.clear()
    if "INHERIT" not in text and "!ENV" not in text:
        _WRITTEN_SITE_URL[key] = found
    return found


def read_settings(values: Mapping[str, Any], run: Run, environ: Mapping[str, str] = os.environ,
                  clock: dt.date | None = None) -> Settings:
    """Settings from the engine's config values (config_file_path, docs_dir, site_dir, site_name,
    site_url, dev_addr, extra, theme palette, strict) and the environment overrides."""
    config_file = Path(values["config_file_path"] or "mkdocs.yml").resolve()
    extra = values.get("extra") or {}
    preview = run.serve or address.preview_url(values.get("dev_addr") or ("127.0.0.1", 8000), values.get("site_url"))
    from_env = site_url_override(environ)
    site_url = _public_address(values.get("site_url"), config_file, preview, from_env)
    publishing = environ.get(PUBLISH_ENV, "") not in ("", "0")
    if message := address.site_name_problem(values.get("site_name"), config_file):
        raise SettingsError(message)  # printed on every page, some by the theme's templates unescaped
    if not preview and publishing and (message := address.problem(site_url, config_file, from_env)):
        raise SettingsError(message)
    site_url, address_warning = address.canonical(site_url, config_file, from_env)  # only the checked form is used
    today, today_problem = freshness.today_from(environ, clock)
    contact_value = extra.get("contact")
    cms = extra.get("cms") if isinstance(extra.get("cms"), dict) else {}
    palettes = values.get("palette") or []
    palettes = [palettes] if isinstance(palettes, dict) else list(palettes)
    return Settings(
        root=config_file.parent, config_file=config_file, docs_dir=Path(values["docs_dir"]),
        site_dir=Path(values["site_dir"]), site_name=str(values.get("site_name") or ""), site_url=site_url,
        preview=preview, placeholder_address=preview and address.problem(site_url) is not None,
        contact=contact_value, cms_backend=cms.get("backend"), cms_first_year=cms.get("first_year"), palettes=tuple(palettes), publishing=publishing,
        today=today, this_year=(clock or dt.date.today()).year, strict=bool(values.get("strict")), run=run,
        cache_dir=cache_root(config_file.parent, environ),
        warnings=tuple(p for p in (address_warning, today_problem, contact.contact_problem(contact_value)) if p),
        portal={"portal": extra["portal"]} if is_portal(extra) else None,
    )
