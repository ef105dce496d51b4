"""Serve our scripts and stylesheets minified (logic in xiaobao.assets.minify).

Each docs/assets/js/*.js and docs/assets/css/*.css is replaced in the file collection by its
minified copy under the same address, so templates and pages need no change.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from xiaobao.assets.minify import minified


def on_files(files: Files, config: MkDocsConfig, **kwargs) -> Files:
    for file in list(files):
        if file.generated_by or not file.src_uri.endswith((".js", ".css")):
            continue
        text = minified(file.src_uri, file.content_string)
        if text is not None:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=text))
    return files
