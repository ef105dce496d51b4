"""Refresh vendor/qrcode-generator/ from the pinned npm tarball, after checking its integrity hash.

The screen builder draws the QR code of the address it makes in the reader's browser, with
Kazuhiko Arase's qrcode-generator (MIT), served from the site itself (/assets/js/qrcode.js), never
from a CDN. `make site` must not need Node: the file is committed. This script is how it got
there, and how to update it: change VERSION and INTEGRITY (from `npm view qrcode-generator@X
dist.integrity`), run it, commit; tests/test_qrcode_js.py then checks it against segno.
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

VERSION = "2.0.4"
INTEGRITY = "sha512-mZSiP6RnbHl4xL2Ap5HfkjLnmxfKcPWpWe/c+5XxCuetEenqmNFf1FH/ftXPCtFG5/TDobjsjz6sSNL0Sr8Z9g=="
TARGET = Path(__file__).resolve().parent.parent / "vendor" / "qrcode-generator"
WANTED = "package/dist/qrcode.js"  # the browser build: defines `qrcode`, with the UTF-8 reader built in


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"qrcode-generator@{VERSION}", "--silent"], cwd=tmp, check=True, capture_output=True)
        data = (Path(tmp) / f"qrcode-generator-{VERSION}.tgz").read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"qrcode-generator-{VERSION}.tgz: integrity {digest} is not the pinned {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        content = tar.extractfile(WANTED).read()  # type: ignore[union-attr]
    (TARGET / "qrcode.js").write_bytes(content)
    sums = {"qrcode.js": hashlib.sha256(content).hexdigest()}
    (TARGET / "SHA256SUMS.json").write_text(json.dumps({"package": f"qrcode-generator@{VERSION}", "integrity": INTEGRITY,
                                                        "files": sums}, indent=1) + "\n", encoding="utf-8")
    print(f"vendor/qrcode-generator: qrcode.js from qrcode-generator@{VERSION}")


if __name__ == "__main__":
    if not shutil.which("npm"):
        sys.exit("npm is needed only to refresh the vendored file; the site itself does not need it")
    main()
