"""Listing rows kept in a temporary file read back as they were written."""

from __future__ import annotations

import random

from xiaobao.site.pages import PageMemo
from xiaobao.site.rows import KeptRows


def test_rows_read_back_as_written():
    rows, plain = KeptRows(), {}
    rng = random.Random(5)
    for i in range(500):
        row = "".join(rng.choice("假币征信诈骗abc<>&\x00 ") for _ in range(rng.randint(0, 300)))
        rows[f"s{i % 400}"] = plain[f"s{i % 400}"] = row  # some slugs written twice: the last row counts
    assert len(rows) == len(plain)
    for slug, row in plain.items():
        assert slug in rows and rows.get(slug) == row and rows[slug] == row
    assert rows.get("missing") is None and "missing" not in rows


def test_page_memo_keeps_rows_out_of_memory():
    assert isinstance(PageMemo().rows, KeptRows)
