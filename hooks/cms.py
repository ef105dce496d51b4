"""The browser form for campaign files at /admin/ (logic in xiaobao.outputs.cms).

Adds the vendored Decap CMS files and a config.yml generated from the schema at every build, so
the form always matches what the build accepts.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from xiaobao.outputs.cms import (PHONE_CSS, SCRIPT, STYLE, UNDATED, admin_page, cms_config, cms_script, local_backend,
                                 years)

VENDOR = Path("vendor") / "decap-cms" / "dist"


def _folders(root: Path, first_year: object = None) -> list[str]:
    """Year folders that exist, the recent years (xiaobao.outputs.cms.years), and undated."""
    found = [p.name for p in (root / "campaigns").iterdir() if p.is_dir()] if (root / "campaigns").is_dir() else []
    return years(found, first=first_year) + [UNDATED]


@event_priority(25)  # the form's files are in the list before reach.on_files claims every path (order.RULES, on_files)
def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    root = Path(config.config_file_path).parent
    cms = config.extra.get("cms") or {}
    files.append(File.generated(config, "admin/index.html", content=admin_page(config.site_name)))
    files.append(File.generated(config, f"admin/{SCRIPT}", content=cms_script()))
    files.append(File.generated(config, f"admin/{STYLE}", content=PHONE_CSS))
    files.append(File.generated(config, "admin/config.yml",
                                content=cms_config(_folders(root, cms.get("first_year")), config.site_url or "", cms.get("backend"),
                                                   local_backend(config.dev_addr.host, config.dev_addr.port))))
    for path in sorted((root / VENDOR).glob("*")):
        files.append(File.generated(config, f"admin/dist/{path.name}", abs_src_path=str(path)))
    return files
