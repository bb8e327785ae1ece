"""A located problem in the editors' content, printed like a compiler error.

A notice (INFO) is information, not a problem: a scheduled release, printed as
`path: message` because the editor needs the file, not a line to fix.
"""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        if self.severity == INFO:
            return f"{self.path}: {self.message}"
        prefix = "" if self.severity == ERROR else "peringatan: "
        return f"{self.path}:{self.line}: {prefix}{self.field}: {self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == WARNING]


def notices(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == INFO]
