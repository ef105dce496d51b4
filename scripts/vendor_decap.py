"""Refresh vendor/decap-cms/ from the pinned npm tarball, after checking its integrity hash.

Decap CMS is served from the site itself (/admin/), never from a CDN, and `make site` must not need
Node: the files it needs are committed. This script is how they got there, and how to update them:
change VERSION and INTEGRITY (from `npm view decap-cms@X dist.integrity`), run it, commit.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "3.16.3"
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
TARGET = Path(__file__).resolve().parent.parent / "vendor" / "decap-cms"
KEEP_SUFFIXES = (".decap-cms.js", ".wasm")  # the bundle loads its chunks and wasm by name, beside itself


def _verified_tarball(workdir: Path) -> bytes:
    subprocess.run(["npm", "pack", f"decap-cms@{VERSION}", "--silent"], cwd=workdir, check=True,
                   capture_output=True)
    data = (workdir / f"decap-cms-{VERSION}.tgz").read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"decap-cms-{VERSION}.tgz: integrity {digest} is not the pinned {INTEGRITY}")
    return data


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name.startswith("package/dist/") and (
        base in ("decap-cms.js", "decap-cms.js.LICENSE.txt") or base.endswith(KEEP_SUFFIXES))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = _verified_tarball(Path(tmp))
    for old in TARGET.glob("dist/*"):
        old.unlink()
    (TARGET / "dist").mkdir(parents=True, exist_ok=True)
    sums = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            if member.isfile() and _wanted(member.name):
                content = tar.extractfile(member).read()  # type: ignore[union-attr]
                name = member.name.rsplit("/", 1)[-1]
                (TARGET / "dist" / name).write_bytes(content)
                sums[name] = hashlib.sha256(content).hexdigest()
    (TARGET / "SHA256SUMS.json").write_text(
        json.dumps({"package": f"decap-cms@{VERSION}", "integrity": INTEGRITY, "files": dict(sorted(sums.items()))},
                   indent=1) + "\n", encoding="utf-8")
    print(f"vendor/decap-cms: {len(sums)} files from decap-cms@{VERSION}")


if __name__ == "__main__":
    if not shutil.which("npm"):
        sys.exit("npm is needed only to refresh the vendored files; the site itself does not need it")
    main()
