"""Time the importer on 1,000 summaries synthesised from the seed with varied numbers."""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xiaobao.importer import import_text  # noqa: E402
from xiaobao.importer.reading import split_summaries  # noqa: E402

SEED = ROOT.parent / "shared" / "seed"
FALLBACK = ROOT / "tests" / "fixtures" / "import"


def corpus(n: int, seed: int = 7) -> list[str]:
    """Seed summaries, paragraphs shuffled and Arabic numbers replaced, repeated to n (deterministic)."""
    rng = random.Random(seed)
    texts = [p.text for f in sorted(SEED.glob("*.txt")) for p in split_summaries(f.read_text(encoding="utf-8"))]
    texts = texts or [f.read_text(encoding="utf-8") for f in sorted(FALLBACK.glob("t*.txt"))]
    out = []
    for i in range(n):
        paragraphs = [p for p in texts[i % len(texts)].split("\n") if p.strip()]
        rng.shuffle(paragraphs)
        text = "\n".join(paragraphs)
        out.append(re.sub(r"(?<![\d.])\d{2,4}(?=[余多]?[份人名家场条次起块])", lambda m: str(rng.randint(10, 9999)), text))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    texts = corpus(args.n)
    started = time.perf_counter()
    campaigns = 0
    for text in texts:
        campaigns += len(import_text(text, "bench.txt"))
    seconds = time.perf_counter() - started
    print(f"imported {campaigns} summaries from {len(texts)} texts in {seconds:.2f} s "
          f"({campaigns / seconds:.0f} summaries/second)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
