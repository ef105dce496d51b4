"""Keep a copy of the open-data schemas of the current format version in tests/data_formats/<version>/.

    python scripts/data_formats.py   # after raising FORMAT_VERSION in xiaobao/outputs/dataschema.py

A version's copy is never rewritten: tests compare the schemas the site publishes with it, so a
change to the format cannot ship without a new version number.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xiaobao.outputs.dataschema import FORMAT_VERSION  # noqa: E402
from xiaobao.outputs.opendata import schema_files  # noqa: E402

COPIES = Path(__file__).resolve().parent.parent / "tests" / "data_formats"


def main() -> int:
    folder = COPIES / FORMAT_VERSION
    if folder.exists():
        print(f"{folder.relative_to(COPIES.parent.parent)} exists: a published version is not rewritten. "
              "Raise FORMAT_VERSION in xiaobao/outputs/dataschema.py first.")
        return 1
    folder.mkdir(parents=True)
    for path, text in schema_files("").items():
        (folder / Path(path).name).write_text(text, encoding="utf-8")
        print(folder.relative_to(COPIES.parent.parent) / Path(path).name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
