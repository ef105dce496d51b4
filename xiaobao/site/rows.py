"""Listing rows made once per build and kept out of memory until a listing asks for them again.

Why: a campaign's row appears in half a dozen listings (all campaigns, its year, region,
organisation, type, topics), so each is made once per build (pages.PageMemo). Kept as strings
they were 1.2 KB a campaign (120 MB at 100,000, and again in the forked child's copy of the
heap); here each row's UTF-8 waits in an unnamed temporary file and memory holds its place.
"""

from __future__ import annotations

import os
import tempfile


class KeptRows:
    """slug -> row, like the dict it replaces (get, [] =, in, len); rows read back with one pread."""

    def __init__(self) -> None:
        self._at: dict[str, int] = {}  # slug -> offset << 32 | length
        self._fd: int | None = None
        self._end = 0

    def __setitem__(self, slug: str, row: str) -> None:
        data = row.encode("utf-8")
        if self._fd is None:
            handle, path = tempfile.mkstemp(prefix="xiaobao-rows-")
            os.unlink(path)  # unnamed: gone with the process, whatever happens to it
            self._fd = handle
        done = 0
        while done < len(data):
            done += os.pwrite(self._fd, data[done:], self._end + done)
        self._at[slug] = self._end << 32 | len(data)
        self._end += len(data)

    def get(self, slug: str, default: str | None = None) -> str | None:
        at = self._at.get(slug)
        if at is None:
            return default
        length = at & 0xFFFFFFFF
        return os.pread(self._fd, length, at >> 32).decode("utf-8") if length else ""

    def __getitem__(self, slug: str) -> str:
        row = self.get(slug)
        if row is None:
            raise KeyError(slug)
        return row

    def __contains__(self, slug: object) -> bool:
        return slug in self._at

    def __len__(self) -> int:
        return len(self._at)

    def __del__(self, _close=os.close) -> None:  # os itself may be gone when the interpreter exits
        if self._fd is not None:
            try:
                _close(self._fd)
            except OSError:
                pass
            self._fd = None
