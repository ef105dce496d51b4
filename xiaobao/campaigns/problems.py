"""Problems found in editors' files, worded for editors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str
    severity: str = "error"  # "error" fails the build; "warning" fails it in strict mode

    def __str__(self) -> str:
        where = self.file
        if self.field:
            where += f": {self.field}"
        if self.line:
            where += f"（第 {self.line} 行）"
        return f"{where}：{self.message}"
