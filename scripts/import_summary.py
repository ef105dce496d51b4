"""Import written summaries (txt, md, docx) as draft campaign files, or print them as JSON with --json.

Arguments may be files or folders (every .docx, .txt and .md inside). `make import` passes the
names unquoted, so a name with spaces arrives in pieces: pieces that only exist together are
joined back (xiaobao.importer.arguments).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xiaobao.importer import import_file  # noqa: E402
from xiaobao.importer.arguments import input_files, split_names  # noqa: E402
from xiaobao.importer.reading import ReadError  # noqa: E402
from xiaobao.importer.writer import write_all  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--out", type=Path, default=Path("campaigns"))
    parser.add_argument("--json", action="store_true", help="print the extraction instead of writing files")
    parser.add_argument("--names-from-env", metavar="VAR",
                        help="read the names from this environment variable (make import: no shell quoting needed)")
    args = parser.parse_args(argv)
    if args.names_from_env:
        args.files += split_names(os.environ.get(args.names_from_env, ""))
    paths, problems = input_files(args.files)
    if not args.files:
        problems.append('没有给出要导入的文件。用法：make import FILES="总结.docx"，几个文件用空格隔开，也可以写一个文件夹')
    campaigns = []
    for path in paths:
        try:
            campaigns += import_file(path)
        except (OSError, ReadError) as err:
            problems.append(f"{path}：{err}" if not str(err).startswith(path.name) else str(err))
    for message in problems:
        print(message, file=sys.stderr)
    if args.json:
        json.dump({"campaigns": [c.as_json() for c in campaigns]}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 1 if problems else 0
    written, renamed = write_all(campaigns, args.out)
    for message in renamed:
        print(message)
    for path in written:
        print(f"写入草稿 {path}")
    if written:
        print("下一步：运行 make site，在浏览器打开 http://127.0.0.1:8000/review/ 核对数字。")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
