"""Serve Material's stylesheet without the rules of features we never show (logic in xiaobao.build.themecss).

The theme's main.<hash>.min.css is replaced in the file collection by the pruned copy under its own
content hash; overrides/main.html points the <link> at it through config.extra.xiaobao_css.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from xiaobao.build.themecss import prune, pruned_name

MAIN_CSS = re.compile(r"^assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$")


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    theme = next((f for f in files if MAIN_CSS.match(f.src_uri)), None)
    if theme is None:
        config.extra["xiaobao_css"] = None  # another theme version: its stylesheet is served as it comes
        return files
    css = prune(theme.content_string)
    name = pruned_name(posixpath.basename(theme.src_uri), css)
    files.remove(theme)
    files.append(File.generated(config, posixpath.join("assets/stylesheets", name), content=css))
    config.extra["xiaobao_css"] = {"material": posixpath.basename(theme.src_uri), "pruned": name}
    return files
