"""Time the importer on 100 reports synthesised from the seed with varied numbers (issue 28: under
10 s on this machine), half of them as Word files with a header, a footer and a table, so the
Word reader is timed too. The first import loads jieba's dictionary; that is included."""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xiaobao.importer import import_file  # noqa: E402
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


def _as_word(text: str, path: Path) -> None:
    """A .docx of the text with a header, a footer and a small table, like the reports editors send."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某某银行某某支行"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("项目", "数量"), ("发放宣传资料（份）", "3000"), ("举办讲座（场）", "12")]):
        row.cells[0].text, row.cells[1].text = cells
    document.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds the run must stay under")
    args = parser.parse_args()
    texts = corpus(args.n)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            path = Path(folder) / (f"r{i:04d}.docx" if i % 2 else f"r{i:04d}.txt")
            if i % 2:
                _as_word(text, path)
            else:
                path.write_text(text, encoding="utf-8")
            paths.append(path)
        started, cpu = time.perf_counter(), time.process_time()
        campaigns = 0
        for path in paths:
            campaigns += len(import_file(path))
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu  # on a shared machine the wall clock also counts other jobs
    words = sum(1 for p in paths if p.suffix == ".docx")
    print(f"imported {campaigns} summaries from {len(paths)} reports ({words} Word files) in {seconds:.2f} s "
          f"({cpu:.2f} s of CPU) "
          f"({len(paths) / seconds:.0f} reports/second; limit {args.limit:.0f} s: {'ok' if seconds < args.limit else 'TOO SLOW'})")
    return 0 if seconds < args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
