"""Reading scan units: files (CSV, Parquet, XLSX, JSON-lines) and folders of them.

Memory stays bounded: a sample is drawn while streaming (polars lazy scans with a seeded
hash filter on the row index, then an exact seeded draw among the few survivors), and a
full scan reads batches. CSV files are sniffed for their encoding (utf-8, utf-8 with BOM,
cp1252) and separator (``,`` ``;`` tab ``|``); non-UTF-8 files are transcoded to a
temporary UTF-8 copy chunk by chunk. Every value of a CSV is read as text, so leading
zeros of postcodes and phone numbers survive.
"""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import polars as pl

from rgpd_risk.discovery.headers import header_entity
from rgpd_risk.discovery.masking import value_like_name

FILE_KINDS: Final[dict[str, str]] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SEPARATORS: Final[tuple[str, ...]] = (",", ";", "\t", "|")
BATCH_ROWS: Final[int] = 100_000


class ScanError(ValueError):
    """A source cannot be scanned; the message names it and what was expected (a
    ``ValueError``: the command line reports it as a one-line error, never a traceback)."""


@dataclass(frozen=True)
class ScanUnit:
    """One table to scan: a file (or a sheet of it) or a database table."""

    kind: str  #: csv, parquet, xlsx, jsonl or db
    source: str  #: path, or database URL with the password hidden
    table: str  #: file name, ``file.xlsx:sheet`` or ``schema.table``
    location: str = ""  #: path or real database URL (never shown)
    sheet: str | None = None
    schema: str | None = None
    problem: str = ""  #: why a file of a folder cannot be listed (reported in the scan's errors)


@dataclass(frozen=True)
class CsvFormat:
    """Sniffed encoding, separator and header line of a CSV file."""

    encoding: str
    separator: str
    has_header: bool = True


def _head(path: Path, size: int = 65536) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise ScanError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def sniff_csv(path: Path) -> CsvFormat:
    """Guess the encoding and separator of a delimited text file.

    Raises
    ------
    ScanError
        If the file looks binary (NUL bytes) or is empty.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = p.write_bytes("nom;ville\\nHélène;Paris\\n".encode("cp1252"))
    >>> sniff_csv(p)
    CsvFormat(encoding='cp1252', separator=';', has_header=True)
    >>> _ = p.write_text("jean.dupont@exemple.fr,1984-02-01,Lyon\\nmarie.durand@test.fr,1990-11-23,Paris\\n")
    >>> sniff_csv(p).has_header  # its first row is data: columns become column_1, column_2 ...
    False
    """
    head = _head(path)
    if not head.strip():
        raise ScanError(f"{path}: empty file, expected a CSV file with a header line")
    if b"\x00" in head:
        raise ScanError(f"{path}: binary content, expected a text CSV file (utf-8, utf-8-sig or cp1252)")
    if head.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        cut = head if len(head) < 65536 else head[: head.rfind(b"\n") + 1] or head
        try:
            cut.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            try:
                cut.decode("cp1252")
                encoding = "cp1252"
            except UnicodeDecodeError:
                encoding = "latin-1"
    text = head.decode(encoding if encoding != "utf-8-sig" else "utf-8", errors="replace")
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if len(head) == 65536 and len(lines) > 1:
        lines = lines[:-1]
    best, best_key = ",", (-1.0, 0.0)
    for sep in SEPARATORS:
        counts = [_count_outside_quotes(ln, sep) for ln in lines]
        if not counts or counts[0] == 0:
            continue
        consistency = sum(c == counts[0] for c in counts) / len(counts)
        key = (consistency, float(counts[0]))
        if key > best_key:
            best, best_key = sep, key
    if path.suffix.lower() == ".tsv" and best_key[0] < 0.5:
        best = "\t"
    return CsvFormat(encoding, best, _has_header(lines, best))


def _cell_kind(cell: str) -> str:
    """A coarse kind of one cell, for telling a header row from a data row."""

    text = cell.strip()
    if not text:
        return "empty"
    kind = value_like_name(text)
    if kind is not None:
        return kind
    if re.fullmatch(r"[-+]?\d+", text):
        return "year" if 1800 <= int(text) <= 2100 and len(text) == 4 else "integer"
    if re.fullmatch(r"[-+]?(\d+[.,]\d*|[.,]\d+)([eE][-+]?\d+)?", text):
        return "decimal"
    return "text"


def _has_header(lines: list[str], sep: str) -> bool:
    """Whether the first line is a header: it is not when, column by column, its cells
    have the kind of the cells below them (numbers over numbers, e-mails over e-mails)
    or repeat one of them, more often than they look like names of the columns."""


    rows = list(csv.reader(lines[:50], delimiter=sep))
    if len(rows) < 2:
        return True
    first, rest = rows[0], rows[1:]
    data_votes = header_votes = 0.0
    for j, cell in enumerate(first):
        below = [r[j] for r in rest if j < len(r) and r[j].strip()]
        if not cell.strip() or not below:
            continue
        kinds = [_cell_kind(b) for b in below]
        common = max(set(kinds), key=kinds.count)
        kind = _cell_kind(cell)
        if kind != "text" and kind == common:
            data_votes += 2 if kind not in {"integer", "decimal", "year"} else 1
        elif kind == "text" and cell.strip() in {b.strip() for b in below}:
            data_votes += 1
        elif kind == "text" and (common != "text" or header_entity(cell)[0] is not None):
            header_votes += 2 if header_entity(cell)[0] is not None else 1
    return not (data_votes > header_votes and data_votes >= 2)


def _count_outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            count += 1
    return count


_GLOB_CHARS = re.compile(r"[*?\[\]{}]")
"""Characters polars reads as a glob pattern in a path ("inv[red].csv" is not a pattern)."""


@contextmanager
def _utf8_copy(path: Path, encoding: str, kind: str = "csv") -> Iterator[Path]:
    """Yield a UTF-8 path for the file that polars reads literally: itself, or a temporary
    transcoded copy (non-UTF-8 text), or a temporary link to it (a JSON-lines file whose path
    holds ``*?[]{}``: polars reads JSON lines only through glob patterns; CSV and Parquet are
    read with ``glob=False``)."""
    literal_needed = kind == "jsonl" and _GLOB_CHARS.search(str(path))
    if encoding in ("utf-8", "utf-8-sig") and not literal_needed:
        yield path
        return
    tmpdir = tempfile.mkdtemp(prefix="rgpd_risk_scan_")
    try:
        if literal_needed:
            target = Path(tmpdir) / "source.jsonl"
            try:
                os.symlink(path.resolve(), target)
            except OSError:  # no symbolic links here: a copy
                shutil.copyfile(path, target)
        else:
            target = Path(tmpdir) / "source.utf8.csv"
            with (
                open(path, encoding=encoding, errors="replace", newline="") as src,
                open(target, "w", encoding="utf-8", newline="") as dst,
            ):
                shutil.copyfileobj(src, dst, 1 << 20)
        yield target
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _lazy(unit: ScanUnit, path: Path, fmt: CsvFormat | None) -> pl.LazyFrame:
    if unit.kind == "csv":
        assert fmt is not None
        lf = pl.scan_csv(
            path,
            separator=fmt.separator,
            infer_schema=False,
            truncate_ragged_lines=True,
            quote_char='"',
            has_header=fmt.has_header,
            glob=False,
        )
        if fmt.has_header:
            return lf
        # A file without header row: columns column_1, column_2 ... (1-based, as the
        # spreadsheet reader names them), whatever the polars version calls them.
        names = lf.collect_schema().names()
        return lf.select([pl.col(n).alias(f"column_{i + 1}") for i, n in enumerate(names)])
    if unit.kind == "parquet":
        return pl.scan_parquet(path, glob=False)
    if unit.kind == "jsonl":
        return pl.scan_ndjson(path, infer_schema_length=1000)
    raise ScanError(f"{unit.source}: unsupported kind {unit.kind}")


def _wrap(unit: ScanUnit, exc: Exception) -> ScanError:
    expected = {
        "csv": "a delimited text file with a header line",
        "parquet": "an Apache Parquet file",
        "jsonl": "one JSON object per line",
        "xlsx": "an Excel .xlsx workbook",
    }.get(unit.kind, unit.kind)
    return ScanError(f"{unit.source}: cannot be read as {expected} ({safe_reason(exc)})")


def safe_reason(exc: BaseException) -> str:
    """The reason of a reader's error without the content it may quote: the readers
    (polars, openpyxl, database drivers) echo the offending row or value, which can be
    personal; only its kind and its line or row number are kept.

    Examples
    --------
    >>> safe_reason(ValueError("could not parse `jean.dupont@exemple.fr` as i64 at line 12"))
    'ValueError at line 12'
    >>> safe_reason(OSError("(sqlite3.OperationalError) no such table: 'dupont_jean'"))
    'OSError: (sqlite3.OperationalError) no such table: …'
    """
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    where = re.search(r"\b(line|row|record)\s*(?:number\s*)?:?\s*(\d+)", text, re.IGNORECASE)
    if where:
        return f"{type(exc).__name__} at {where.group(1).lower()} {where.group(2)}"
    quoted = r"`[^`]*`|'[^']*'|\"[^\"]*\"|\[[^\]]*\]|\([^)]*\d{4,}[^)]*\)"
    text = re.sub(quoted, "…", text)
    # numbers of six digits or more, spaced or not (phone, card, NIR, IBAN parts)
    text = re.sub(r"\+?\d(?:[\s.\-/]?\d){5,}", "…", text)
    if re.search(r"\d{6,}|@", text) or len(text) > 160:  # an unquoted value: keep the lead only
        text = text.split(":")[0][:80] + ": …"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _check_magic(unit: ScanUnit, path: Path) -> None:
    head = _head(path, 8)
    if unit.kind == "parquet" and head[:4] != b"PAR1":
        raise ScanError(f"{unit.source}: not a Parquet file (no PAR1 magic bytes)")
    if unit.kind == "xlsx" and head[:2] != b"PK":
        raise ScanError(f"{unit.source}: not an .xlsx workbook (not a zip container)")


def read_sample(unit: ScanUnit, n: int, seed: int) -> tuple[pl.DataFrame, int]:
    """Draw a seeded sample of at most ``n`` rows; return it with the table's row count.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("a,b\\n" + "".join(f"{i},x{i}\\n" for i in range(1000)))
    >>> df, total = read_sample(file_units(p)[0], 100, seed=1)
    >>> df.shape, total
    ((100, 2), 1000)
    """
    path = Path(unit.location)
    if not path.exists():
        raise ScanError(f"{unit.source}: no such file")
    if unit.kind == "xlsx":
        return _xlsx_sample(unit, path, n, seed)
    _check_magic(unit, path)
    fmt = sniff_csv(path) if unit.kind == "csv" else None
    try:
        with _utf8_copy(path, fmt.encoding if fmt else "utf-8", unit.kind) as real:
            lazy = _lazy(unit, real, fmt)
            total = int(lazy.select(pl.len()).collect().item())
            if total <= n:
                return lazy.collect(), total
            rate = min(1.0, 1.5 * n / total + 64 / total)
            threshold = int(rate * 2**32)
            picked = (
                lazy.with_row_index("__row")
                .filter((pl.col("__row").hash(seed) % 2**32) < threshold)
                .collect(engine="streaming")
            )
            if picked.height > n:
                picked = picked.sample(n=n, seed=seed).sort("__row")
            return picked.drop("__row"), total
    except ScanError:
        raise
    except Exception as exc:  # polars raises several error types for malformed input
        raise _wrap(unit, exc) from exc


def iter_batches(unit: ScanUnit, batch_rows: int = BATCH_ROWS) -> Iterator[pl.DataFrame]:
    """Stream every row of a file unit in batches (full scans)."""
    path = Path(unit.location)
    if not path.exists():
        raise ScanError(f"{unit.source}: no such file")
    if unit.kind == "xlsx":
        yield from _xlsx_batches(unit, path, batch_rows)
        return
    _check_magic(unit, path)
    fmt = sniff_csv(path) if unit.kind == "csv" else None
    try:
        with _utf8_copy(path, fmt.encoding if fmt else "utf-8", unit.kind) as real:
            yield from _lazy(unit, real, fmt).collect_batches(chunk_size=batch_rows)
    except ScanError:
        raise
    except Exception as exc:
        raise _wrap(unit, exc) from exc


# --- XLSX (openpyxl streams rows in read-only mode) -------------------------------------
def _xlsx_rows(unit: ScanUnit, path: Path) -> tuple[list[str], Iterator[tuple[object, ...]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _wrap(unit, exc) from exc
    ws = wb[unit.sheet] if unit.sheet else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return [], iter(())
    names = _dedupe([str(h) if h is not None else f"column_{i + 1}" for i, h in enumerate(header)])
    return names, rows


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        if name in seen:
            seen[name] += 1
            out.append(f"{name}_{seen[name]}")
        else:
            seen[name] = 0
            out.append(name)
    return out


def _frame(names: list[str], rows: list[tuple[object, ...]]) -> pl.DataFrame:
    width = len(names)
    cols = (
        list(zip(*[tuple(r[:width]) + (None,) * (width - len(r)) for r in rows], strict=False))
        if rows
        else [()] * width
    )
    data = {}
    for name, values in zip(names, cols, strict=False):
        try:
            data[name] = pl.Series(name, list(values), strict=False)
        except Exception:  # mixed Python types in one column
            data[name] = pl.Series(name, [None if v is None else str(v) for v in values], dtype=pl.Utf8)
    return pl.DataFrame(data)


def _xlsx_sample(unit: ScanUnit, path: Path, n: int, seed: int) -> tuple[pl.DataFrame, int]:
    names, rows = _xlsx_rows(unit, path)
    rng = random.Random(seed)
    reservoir: list[tuple[object, ...]] = []
    total = 0
    for total, row in enumerate(rows, start=1):  # reservoir sampling (Algorithm R)
        if len(reservoir) < n:
            reservoir.append(row)
        else:
            j = rng.randrange(total)
            if j < n:
                reservoir[j] = row
    return _frame(names, reservoir), total


def _xlsx_batches(unit: ScanUnit, path: Path, batch_rows: int) -> Iterator[pl.DataFrame]:
    names, rows = _xlsx_rows(unit, path)
    batch: list[tuple[object, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= batch_rows:
            yield _frame(names, batch)
            batch = []
    if batch or not names:
        yield _frame(names, batch)


# --- resolving paths into units ------------------------------------------------------------
def _kind_of(path: Path) -> str:
    kind = FILE_KINDS.get(path.suffix.lower())
    if kind:
        return kind
    head = _head(path, 8)
    if head[:4] == b"PAR1":
        return "parquet"
    if head[:2] == b"PK":
        return "xlsx"
    if b"\x00" in _head(path, 8192):
        raise ScanError(f"{path}: unknown binary format, expected CSV, Parquet, XLSX or JSON-lines")
    return "jsonl" if head.lstrip()[:1] == b"{" else "csv"


def file_units(path: str | os.PathLike[str], *, root: Path | None = None) -> list[ScanUnit]:
    """Return the scan units of a file (one per sheet for workbooks).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "clients.csv"
    >>> _ = p.write_text("a\\n1\\n")
    >>> [u.table for u in file_units(p)]
    ['clients.csv']
    """
    p = Path(path)
    if not p.exists():
        raise ScanError(f"{p}: no such file or folder")
    if p.is_dir():
        raise ScanError(f"{p}: is a folder, expected a file")
    if not p.is_file():  # reading a pipe blocks, a device never ends
        raise ScanError(f"{p}: is not a regular file (a pipe or a device), expected a file")
    kind = _kind_of(p)
    table = str(p.relative_to(root)) if root else p.name
    if kind != "xlsx":
        return [ScanUnit(kind, str(p), table, str(p))]
    import openpyxl

    try:
        wb = openpyxl.load_workbook(p, read_only=True)
        sheets = list(wb.sheetnames)
        wb.close()
    except Exception as exc:
        raise ScanError(f"{p}: cannot be read as an Excel .xlsx workbook ({exc})") from exc
    return [ScanUnit(kind, str(p), f"{table}:{s}" if len(sheets) > 1 else table, str(p), sheet=s) for s in sheets]


def folder_units(path: str | os.PathLike[str]) -> list[ScanUnit]:
    """Return the scan units of every supported file under a folder (sorted, recursive).

    A file that cannot be listed (a broken workbook, a pipe named ``*.csv``) does not stop the
    others: its unit carries the ``problem``, which the scan reports in its errors.
    """
    root = Path(path)
    units: list[ScanUnit] = []
    for p in sorted(root.rglob("*")):
        if p.is_dir() or p.suffix.lower() not in FILE_KINDS or p.name.startswith("."):
            continue
        try:
            units.extend(file_units(p, root=root))
        except ScanError as exc:
            kind = FILE_KINDS[p.suffix.lower()]
            units.append(ScanUnit(kind, str(p), str(p.relative_to(root)), str(p), problem=str(exc)))
    return units
