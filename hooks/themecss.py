"""Serve Material's stylesheets without the rules of features and colours we never show (logic in
xiaobao.assets.themecss).

The theme's main.<hash>.min.css and palette.<hash>.min.css are replaced in the file collection by
pruned copies under their own content hashes; overrides/main.html points the <link>s at them
through config.extra.xiaobao_css.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from xiaobao.assets.themecss import UNUSED, drop_unused_icons, prune, pruned_name, unused_colours

SHEET = re.compile(r"^assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css$")


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    palettes = config.theme.get("palette") or []
    palettes = [palettes] if isinstance(palettes, dict) else palettes
    unused = {"main": UNUSED, "palette": unused_colours(palettes)}
    renamed = []  # another theme version without these files: its stylesheets are served as they come
    ours = "".join(f.content_string for f in files if f.src_uri.startswith("assets/css/") and f.src_uri.endswith(".css"))
    for theme in [f for f in files if SHEET.match(f.src_uri)]:
        css = prune(theme.content_string, unused[SHEET.match(theme.src_uri).group(1)])
        css = drop_unused_icons(css, ours)
        name = pruned_name(posixpath.basename(theme.src_uri), css)
        files.remove(theme)
        files.append(File.generated(config, posixpath.join("assets/stylesheets", name), content=css))
        renamed.append({"material": posixpath.basename(theme.src_uri), "pruned": name})
    config.extra["xiaobao_css"] = renamed
    return files
