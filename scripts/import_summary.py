"""Import written summaries (txt, md, docx) as campaign files, or print them as JSON with --json."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xiaobao.importer import import_file  # noqa: E402
from xiaobao.importer.reading import ReadError  # noqa: E402
from xiaobao.importer.writer import write_all  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("campaigns"))
    parser.add_argument("--json", action="store_true", help="print the extraction instead of writing files")
    parser.add_argument("--force", action="store_true", help="overwrite existing campaign files")
    args = parser.parse_args(argv)
    campaigns, failed = [], False
    for path in args.files:
        try:
            campaigns += import_file(path)
        except (OSError, ReadError) as err:
            print(f"{path}: {err}", file=sys.stderr)
            failed = True
    if args.json:
        json.dump({"campaigns": [c.as_json() for c in campaigns]}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 1 if failed else 0
    written, refused = write_all(campaigns, args.out, args.force)
    for path in written:
        print(f"写入 {path}")
    for message in refused:
        print(message, file=sys.stderr)
    return 1 if failed or refused else 0


if __name__ == "__main__":
    sys.exit(main())
