"""The QR encoder the screen builder runs in the browser: vendored, unchanged, and making the same
codes as the Python encoder (segno) for every version and error correction level (issue 24).

The screen builder draws the code of the address a branch builds, in the browser, with nothing
fetched. qrcode-generator is vendored in vendor/qrcode-generator/ (scripts/vendor_qrcode.py);
Node runs it here as the page does, and each matrix must equal segno's with the same mask (the
mask is a free choice among eight valid ones: it is read back from the code's format bits).
"""

from __future__ import annotations

import hashlib
import json

import segno
import zxingcpp
from PIL import Image, ImageOps
from segno import consts
from segno import encoder as segno_encoder

from nodejs import run_json
from sitebuild import REPO

VENDOR = REPO / "vendor" / "qrcode-generator"
LEVELS = {"L": consts.ERROR_LEVEL_L, "M": consts.ERROR_LEVEL_M, "Q": consts.ERROR_LEVEL_Q, "H": consts.ERROR_LEVEL_H}
URL = "https://xiaobao.example.cn/screen/?t=credit-reporting,fraud-prevention&i=20&org="


def test_the_vendored_file_is_the_pinned_package_unchanged():
    sums = json.loads((VENDOR / "SHA256SUMS.json").read_text(encoding="utf-8"))
    assert sums["package"].startswith("qrcode-generator@")
    for name, digest in sums["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert not (REPO / "docs" / "assets" / "js" / "qrcode.js").exists()  # one encoder in the browser, not two


def _capacity(version: int, level: str) -> int:
    """Bytes that fit in byte mode: the data bits less the mode and the count."""
    bits = consts.SYMBOL_CAPACITY[version][LEVELS[level]]
    return (bits - 4 - (8 if version < 10 else 16)) // 8


def _text(n_bytes: int, version: int) -> str:
    """An address of exactly n bytes in UTF-8, with a branch name in Chinese (three bytes a character)."""
    org = "某某银行南通分行营业部"[: max(0, (n_bytes - len(URL)) // 3)]
    text = (URL + org)[:n_bytes] if n_bytes < len(URL) else URL + org
    return text + "x" * (n_bytes - len(text.encode("utf-8")))


def _cases(slack: int = 0, versions: range = range(1, 41)) -> list[dict]:
    """One address per version and level, `slack` bytes short of filling it (and too long for the version below)."""
    cases = []
    for version in versions:
        for level in LEVELS:
            smaller = _capacity(version - 1, level) + 1 if version > 1 else 1
            cases.append({"text": _text(max(smaller, _capacity(version, level) - slack), version), "version": version,
                          "level": level})
    return cases


def _codes(cases: list[dict]) -> list[list[str]]:
    return run_json(REPO / "tests" / "qrcode" / "matrix.js", {"script": str(VENDOR / "qrcode.js"), "cases": cases})


def _mask(rows: list[str], version: int, level: str) -> int:
    """The mask a code was made with, read from its format information (beside the top-left finder)."""
    size = len(rows)
    cells = [(8, c) for c in range(9) if c != 6] + [(r, 8) for r in range(9) if r != 6]
    for mask in range(8):
        matrix = segno_encoder.make_matrix(size, size)
        segno_encoder.add_format_info(matrix, version, LEVELS[level], mask)
        if all(matrix[r][c] == int(rows[r][c]) for r, c in cells):
            return mask
    raise AssertionError(f"version {version}-{level}: no format information matches")


def test_every_version_and_level_equals_segno():
    """Filled to capacity, so no padding is left: segno pads differently from the standard (an extra
    zero byte at a byte boundary), which changes the modules but not what a phone reads."""
    cases = _cases()
    assert [len(c["text"].encode("utf-8")) == _capacity(c["version"], c["level"]) for c in cases] == [True] * 160
    found = _codes(cases)
    assert len(found) == 160
    for case, rows in zip(cases, found):
        version, level = case["version"], case["level"]
        assert len(rows) == version * 4 + 17, (version, level)
        expected = segno.make_qr(case["text"], version=version, error=level.lower(), mode="byte", encoding="utf-8",
                                 mask=_mask(rows, version, level), boost_error=False)
        assert ["".join(str(bit) for bit in row) for row in expected.matrix] == rows, f"version {version}-{level}"


def _read(rows: list[str]):
    """What a phone reads from the code: zxing-cpp on the rows drawn with a quiet zone."""
    n = len(rows)
    pixels = bytes(0 if bit == "1" else 255 for row in rows for bit in row)
    image = ImageOps.expand(Image.frombytes("L", (n, n), pixels), border=4, fill=255)
    return zxingcpp.read_barcodes(image.resize((image.width * 3, image.height * 3), Image.NEAREST))


def test_codes_with_padding_read_back():
    """Short of capacity, the padding is the standard's: a decoder reads the address and the level
    (every fourth version: the padding rules do not change with the version)."""
    cases = _cases(slack=2, versions=range(1, 41, 4))
    for case, rows in zip(cases, _codes(cases)):
        found = _read(rows)
        assert [(r.text, r.ec_level) for r in found] == [(case["text"], case["level"])], (case["version"], case["level"])


def test_a_changed_byte_changes_the_code():
    """The comparisons above are not blind: another character gives other modules and reads back as itself."""
    one, two = _codes([{"text": URL + "某", "version": 5, "level": "M"}, {"text": URL + "甲", "version": 5, "level": "M"}])
    assert one != two and _read(two)[0].text == URL + "甲"
