"""What the loader reports: `Problem` (FILE:LINE:COL: message), `LoadError`, `LoadCancelled`.

Kept apart from the reader so panels and the CLI can import the types without the YAML machinery.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "LoadError", "LoadCancelled", "MAX_PROBLEMS", "Problems", "TooManyProblems"]

#: a file with more problems than this is reported up to here, then the loader stops looking
MAX_PROBLEMS = 100


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful, severity "warning") in a file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" | "warning"
    ref: tuple[str, str] | None = None  # ("event", "ofsted-2016-inadequate") so a panel can select it

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.column}: {label}{self.message}"


class LoadError(Exception):
    """The file cannot be opened as a timeline; `problems` lists every error found (up to a bound)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LoadCancelled(Exception):
    """The caller's `cancelled()` said stop; nothing was loaded."""


class TooManyProblems(Exception):
    """Raised inside the reader when the bound is reached, to stop looking."""


class Problems:
    """Collects problems for one file; stops the reader after MAX_PROBLEMS errors."""

    def __init__(self, filename: str, limit: int = MAX_PROBLEMS) -> None:
        self.filename = filename
        self.limit = limit
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.truncated: Problem | None = None

    def error(self, line: int, column: int, message: str, ref: tuple[str, str] | None = None) -> None:
        self.errors.append(Problem(self.filename, line, column, message, "error", ref))
        if len(self.errors) >= self.limit:
            self.truncated = Problem(self.filename, line, column, f"stopped after {self.limit} problems; fix these first")
            raise TooManyProblems

    def warning(self, line: int, column: int, message: str, ref: tuple[str, str] | None = None) -> None:
        if len(self.warnings) < self.limit:
            self.warnings.append(Problem(self.filename, line, column, message, "warning", ref))

    def raise_if_errors(self) -> None:
        if self.errors:
            ordered = sorted(self.errors, key=_position)
            raise LoadError(ordered + ([self.truncated] if self.truncated else []))


def _position(p: Problem) -> tuple[int, int]:
    return (p.line, p.column)
