"""Every build a test starts runs on a fixed day, so freshness checks never depend on the calendar.

hooks/content.py reads "today" from XIAOBAO_TODAY. 2026-02-01 is a day on which every fixture and
every page in docs/ is inside its 12-month review window; tests that need another day set their own.
"""

from __future__ import annotations

import os

TEST_TODAY = "2026-02-01"
os.environ.setdefault("XIAOBAO_TODAY", TEST_TODAY)
