"""Importer: turn written summaries (txt, md, docx) into campaign files with evidenced figures.

No MkDocs import here: scripts and tests call it directly.
"""

from __future__ import annotations

from xiaobao.importer.pipeline import ImportedCampaign, import_file, import_text

__all__ = ["ImportedCampaign", "import_file", "import_text"]
