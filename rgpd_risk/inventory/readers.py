"""Reading files into raw tables: all cells as text, with their source row numbers.

This is the I/O edge of the inventory loader. Nothing here interprets a value; it only
turns bytes into a table of strings (or, for Parquet / JSON / YAML, of native values) and
records what it had to decide (encoding, separator) so the user can see it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from rgpd_risk.inventory.issues import InventoryError, Issue

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_CELL_CHARS = 100_000
"""A register cell longer than this is an error: no field of an Art. 30 record needs it."""

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".ods"}


@dataclass
class RawTable:
    """Cells as read, before interpretation.

    ``records`` holds one dict per data row (header → value); ``rows`` the matching row
    numbers as a user would see them in the file (header = row 1 in CSV and spreadsheets,
    item number in JSON / YAML lists).
    """

    path: Path
    format: str
    records: list[dict]
    rows: list[int]
    headers: list[str]
    issues: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _fail(path: Path, message: str, expected: str | None = None) -> InventoryError:
    return InventoryError([Issue.error(path, None, None, None, message, expected)])


def read_bytes(path: Path) -> bytes:
    """Read a file, refusing what cannot be an inventory (missing, empty, huge, binary)."""
    if not path.exists():
        raise _fail(path, "file not found")
    if path.is_dir():
        raise _fail(path, "is a folder", "a file")
    size = path.stat().st_size
    if size == 0:
        raise _fail(path, "the file is empty", "a header line and at least one dataset")
    if size > MAX_FILE_BYTES:
        raise _fail(path, f"the file is {size:,} bytes", f"at most {MAX_FILE_BYTES:,} bytes")
    return path.read_bytes()


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), falling back to cp1252 then Latin-1.

    Returns the text and the encoding used. Binary content (NUL bytes) is refused.
    """
    if b"\x00" in data[:65536]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
        raise _fail(path, "the file is binary, not text", "a CSV text file (UTF-8 or Windows-1252)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_separator(header_line: str) -> str:
    """Pick the separator of a CSV from its header line: ``;``, ``,``, tab or ``|``.

    Examples
    --------
    >>> sniff_separator("Nom du traitement;Finalité;Base légale")
    ';'
    >>> sniff_separator("dataset_id,name,data_categories")
    ','
    """
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t", "|")}
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def _check_cells(raw: RawTable) -> None:
    for row, rec in zip(raw.rows, raw.records, strict=True):
        for col, value in rec.items():
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raw.issues.append(
                    Issue.error(raw.path, row, col, value, "cell too long", f"at most {MAX_CELL_CHARS:,} characters")
                )
                rec[col] = None


def read_csv(path: Path) -> RawTable:
    """Read a CSV export: encoding and separator detected, ragged rows reported."""
    text, encoding = decode_text(path, read_bytes(path))
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    if not first.strip():
        raise _fail(path, "the file has no header line", "a header line naming the columns")
    sep = sniff_separator(first)
    # Long cells are reported by _check_cells with their row and column, not by csv.
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        table = list(reader)
    except csv.Error as exc:
        raise _fail(path, f"not a readable CSV ({exc})", "a CSV file with balanced quotes") from None
    # Skip leading blank lines but keep the row numbers a spreadsheet would show.
    start = next(i for i, r in enumerate(table) if any(c.strip() for c in r))
    headers = [h.strip() for h in table[start]]
    raw = RawTable(path, "csv", [], [], headers)
    name = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM"}.get(encoding, encoding)
    raw.notes.append(f"read as CSV, encoding {name}, separator {sep!r}")
    if encoding in ("cp1252", "latin-1"):
        raw.issues.append(Issue.warning(path, None, None, None, f"the file is not UTF-8; decoded as {encoding}"))
    if any(not h for h in headers):
        blanks = [i + 1 for i, h in enumerate(headers) if not h]
        raw.issues.append(
            Issue.warning(
                path,
                start + 1,
                None,
                None,
                f"header has {len(blanks)} blank column name(s) (positions {blanks}); those columns are ignored",
            )
        )
    for offset, cells in enumerate(table[start + 1 :], start=start + 2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(headers):
            extra = [c for c in cells[len(headers) :] if c.strip()]
            if len(cells) < len(headers) or extra:
                raw.issues.append(
                    Issue.error(
                        path,
                        offset,
                        None,
                        None,
                        f"row has {len(cells)} cells but the header has {len(headers)}",
                        f"{len(headers)} cells separated by {sep!r}",
                    )
                )
                continue
        raw.records.append({h: c for h, c in zip(headers, cells, strict=False) if h})
        raw.rows.append(offset)
    if not raw.records and not raw.issues:
        raise _fail(path, "the file has a header but no data rows", "at least one dataset")
    _check_cells(raw)
    return raw


def _cell_text(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value if isinstance(value, str) else str(value)


def read_sheet_rows(path: Path) -> dict[str, list[list[object]]]:
    """All sheets of an XLSX or ODS workbook as lists of rows of cell values."""
    data = read_bytes(path)
    try:
        if path.suffix.lower() == ".ods":
            import pandas as pd

            sheets = pd.read_excel(io.BytesIO(data), engine="odf", sheet_name=None, header=None, dtype=object)
            return {
                name: [
                    [None if (isinstance(v, float) and v != v) else v for v in row]
                    for row in df.itertuples(index=False)
                ]
                for name, df in sheets.items()
            }
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        out = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
        wb.close()
        return out
    except Exception as exc:  # the spreadsheet libraries raise many unrelated types
        raise _fail(
            path,
            f"not a readable {path.suffix.lstrip('.').upper()} workbook ({type(exc).__name__})",
            "a valid .xlsx or .ods file",
        ) from None


def table_from_rows(path: Path, rows: list[list[object]], fmt: str, sheet: str) -> RawTable:
    """Turn spreadsheet rows (header first, blank rows skipped) into a :class:`RawTable`."""
    start = next((i for i, r in enumerate(rows) if any(_cell_text(c) not in (None, "") for c in r)), None)
    if start is None:
        raise _fail(path, f"sheet {sheet!r} is empty", "a header row and at least one dataset")
    headers = [(_cell_text(h) or "").strip() for h in rows[start]]
    raw = RawTable(path, fmt, [], [], headers)
    raw.notes.append(f"read sheet {sheet!r} of a {fmt.upper()} workbook")
    for offset, cells in enumerate(rows[start + 1 :], start=start + 2):
        values = [_cell_text(c) for c in cells]
        if not any(v not in (None, "") for v in values):
            continue
        raw.records.append({h: v for h, v in zip(headers, values, strict=False) if h})
        raw.rows.append(offset)
    _check_cells(raw)
    return raw


def read_parquet(path: Path) -> RawTable:
    """Read a Parquet file (typed columns are kept as they are)."""
    import polars as pl

    read_bytes(path)
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # polars raises ComputeError / OSError / ArrowError
        raise _fail(path, f"not a readable Parquet file ({type(exc).__name__})") from None
    raw = RawTable(path, "parquet", frame.to_dicts(), list(range(1, frame.height + 1)), frame.columns)
    raw.notes.append("read as Parquet")
    return raw


def read_json(path: Path) -> object:
    """Parse a JSON document."""
    text, _ = decode_text(path, read_bytes(path))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InventoryError(
            [
                Issue.error(
                    path,
                    exc.lineno,
                    None,
                    None,
                    f"not valid JSON: {exc.msg} (column {exc.colno})",
                    "a JSON list of datasets or a Fides data map",
                )
            ]
        ) from None


def read_yaml(path: Path) -> object:
    """Parse a YAML document with the safe loader."""
    import yaml

    text, _ = decode_text(path, read_bytes(path))
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InventoryError(
            [
                Issue.error(
                    path,
                    None if mark is None else mark.line + 1,
                    None,
                    None,
                    "not valid YAML",
                    "a YAML list of datasets",
                )
            ]
        ) from None


def records_table(path: Path, items: object, fmt: str) -> RawTable:
    """A list of mappings (JSON / YAML) as a :class:`RawTable`."""
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _fail(
            path, "the document is not a list of datasets", "a list of mappings, or a mapping with a 'datasets' list"
        )
    if not items:
        raise _fail(path, "the list of datasets is empty", "at least one dataset")
    headers: list[str] = []
    for item in items:
        headers.extend(k for k in item if k not in headers)
    raw = RawTable(path, fmt, [dict(i) for i in items], list(range(1, len(items) + 1)), headers)
    raw.notes.append(f"read as {fmt.upper()} list of {len(items)} datasets")
    _check_cells(raw)
    return raw
