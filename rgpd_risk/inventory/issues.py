"""Problems found while loading an inventory, reported all at once in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

_MAX_VALUE_CHARS = 60
MAX_SHOWN = 200
"""Problems printed in a message or on the console before a count of the rest (all are kept)."""


def _show(value: object) -> str | None:
    """A short, printable rendering of an offending value (never the whole of a huge cell)."""
    if value is None:
        return None
    text = str(value).replace("\n", "\\n")
    if len(text) > _MAX_VALUE_CHARS:
        text = f"{text[:_MAX_VALUE_CHARS]}… ({len(text):,} characters)"
    return text


@dataclass(frozen=True)
class Issue:
    """One problem: where it is, what was found and what was expected.

    ``row`` is the 1-based line of the source file (the header is line 1 in CSV and
    spreadsheets) or the 1-based item number in JSON / YAML lists.
    """

    level: str  # "error" or "warning"
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    expected: str | None = None

    @classmethod
    def error(cls, file, row, column, value, message, expected=None) -> Issue:
        return cls("error", str(file), row, column, _show(value), message, expected)

    @classmethod
    def warning(cls, file, row, column, value, message, expected=None) -> Issue:
        return cls("warning", str(file), row, column, _show(value), message, expected)

    def __str__(self) -> str:
        where = Path(self.file).name if self.file else "<input>"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{self.level}: {where}: {self.message}"
        if self.value is not None:
            text += f" (found {self.value!r})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


def issues_frame(issues: tuple[Issue, ...] | list[Issue]) -> pl.DataFrame:
    """Issues as a polars frame (level, file, row, column, value, message, expected)."""
    return pl.DataFrame(
        [i.__dict__ for i in issues],
        schema={
            "level": pl.Utf8,
            "file": pl.Utf8,
            "row": pl.Int64,
            "column": pl.Utf8,
            "value": pl.Utf8,
            "message": pl.Utf8,
            "expected": pl.Utf8,
        },
    )


class InventoryError(ValueError):
    """Raised when an inventory cannot be loaded; carries *every* problem found."""

    def __init__(self, issues: list[Issue]):
        self.issues = tuple(issues)
        errors = [i for i in self.issues if i.level == "error"]
        shown = "\n".join(f"  - {i}" for i in errors[:MAX_SHOWN])
        if len(errors) > MAX_SHOWN:
            shown += f"\n  … and {len(errors) - MAX_SHOWN:,} more error(s) (all are in .issues)"
        super().__init__(f"{len(errors)} problem(s) in the inventory:\n" + shown)
