"""Build the deployable directory: `make publish` (docs/operators.md says where it goes).

    python scripts/publish.py                      # -> public/
    python scripts/publish.py --out /tmp/release   # elsewhere
    python scripts/publish.py --root /srv/xiaobao/current   # where OUT will live on the server
    make publish OUT=/tmp/release                  # the same: OUT reaches the script as XIAOBAO_PUBLISH_OUT
    make publish ROOT=/srv/portal/current          # --root: ROOT reaches the script as XIAOBAO_PUBLISH_ROOT

OUT must be missing, empty or an earlier publish output (xiaobao.publish.outfolder): it is replaced whole.

A strict publishing build (the placeholder site_url is refused), then .gz/.br twins, the
Content-Security-Policy with the hashes of the inline scripts, and the nginx configuration.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from xiaobao.pipeline.settings import site_url_override  # noqa: E402
from xiaobao.publish import address  # noqa: E402
from xiaobao.publish.bundle import DEFAULT_ROOT, PublishError, finish  # noqa: E402
from xiaobao.publish.outfolder import mark, out_problem  # noqa: E402
from xiaobao.publish.permissions import make_readable  # noqa: E402

OUT_ENV = "XIAOBAO_PUBLISH_OUT"  # make publish OUT=…: the name as typed, never through a shell
ROOT_ENV = "XIAOBAO_PUBLISH_ROOT"  # make publish ROOT=…: checked like --root (bundle.finish)


def _site_url() -> str:
    return address.configured_site_url(REPO / "mkdocs.yml", site_url_override()) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="deployable directory (replaced)")
    parser.add_argument("--root", default=os.environ.get(ROOT_ENV) or DEFAULT_ROOT, help="where the directory will live on the server")
    args = parser.parse_args()
    out = (args.out or Path(os.environ.get(OUT_ENV) or REPO / "public")).resolve()
    if problem := out_problem(out, REPO):
        print(f"发布没有开始：{problem}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".publish-", dir=out.parent))
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", address.PUBLISH_ENV: "1"}
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(staging / "site")],
                               cwd=REPO, env=env)
        if build.returncode != 0:
            print("发布没有完成：上面列出的问题改好后再运行 make publish。", file=sys.stderr)
            return 1
        try:
            report = finish(staging, _site_url(), args.root, docs=REPO / "docs")
        except PublishError as problems:
            print(f"发布没有完成，请先改好这些问题：\n{problems}", file=sys.stderr)
            return 1
        mark(staging)
        make_readable(staging)  # mkdtemp made it 0700: the web server's user must read every file
        if problem := out_problem(out, REPO):  # checked again: the build took minutes
            print(f"发布没有完成：{problem}", file=sys.stderr)
            return 1
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    s = report.sizes
    print(f"published {out}  ({_site_url()})")
    print(f"  text files {s.files}: {s.plain / 1e6:.2f} MB, gzip {s.gz / 1e6:.2f} MB, brotli {s.br / 1e6:.2f} MB")
    print(f"  inline scripts allowed by hash: {report.inline_scripts}")
    print(f"  nginx: {out / 'nginx' / 'xiaobao.conf'}")
    print(f"  caddy: {out / 'caddy' / 'Caddyfile'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
