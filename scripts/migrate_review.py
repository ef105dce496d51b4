"""Turn old-style `# 待核对` comment lines of imported drafts into the `review:` block, in place.

    python scripts/migrate_review.py            # every file under campaigns/
    python scripts/migrate_review.py FILE …     # these files

Drafts imported before the block existed keep their doubts as comments, which a save through the
browser form drops. Run this once (operators; it changes files, so commit the result): every other
line of each file stays as it was, and a file without such comments is left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from xiaobao.campaigns.review import migrate_comments  # noqa: E402


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((REPO / "campaigns").rglob("*.md"))
    changed = 0
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            print(f"{path}：读不了，跳过（{err.__class__.__name__}）", file=sys.stderr)
            continue
        new = migrate_comments(text)
        if new is not None and new != text:
            path.write_text(new, encoding="utf-8")
            print(f"已转换 {path}：# 待核对 注释改成了 review: 一块")
            changed += 1
    print(f"共转换 {changed} 个文件。" if changed else "没有需要转换的文件。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
