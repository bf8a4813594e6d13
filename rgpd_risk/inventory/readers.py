"""Reading files into raw tables: all cells as text, with their source row numbers.

This is the I/O edge of the inventory loader. Nothing here interprets a value; it only
turns bytes into a table of strings (or, for Parquet / JSON / YAML, of native values) and
records what it had to decide (encoding, separator) so the user can see it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from odf import opendocument, table

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
    frame: object = None
    """For typed sources (Parquet, a DataFrame): the polars frame itself; ``records`` is then
    empty and ``rows`` is 1..height (never a Python dict per row: 1 M rows stay columnar).
    For CSV: one text column per header (``records`` empty, ``rows`` the data rows' numbers)."""


def _fail(path: Path, message: str, expected: str | None = None) -> InventoryError:
    return InventoryError([Issue.error(path, None, None, None, message, expected)])


def read_bytes(path: Path) -> bytes:
    """Read a file, refusing what cannot be an inventory (missing, empty, huge, binary)."""
    if not path.exists():
        raise _fail(path, "file not found")
    if path.is_dir():
        raise _fail(path, "is a folder", "a file")
    if not path.is_file():  # a pipe, a device (/dev/zero): no size to bound, maybe no end
        raise _fail(path, "is not a regular file (a pipe or a device)", "a file")
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
    # Long cells are reported by _check_columns with their row and column, not by csv.
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
    body = table[start + 1 :]
    lengths = np.fromiter(map(len, body), dtype=np.int64, count=len(body))
    for i in np.flatnonzero(lengths != len(headers)).tolist():
        # Rare rows of another length (and empty lines): reported, cut to the header's width,
        # or blanked so that the blank-row filter below drops them.
        cells, blank = body[i], [""] * len(headers)
        if not any(c.strip() for c in cells):
            body[i] = blank
        elif len(cells) < len(headers) or any(c.strip() for c in cells[len(headers) :]):
            raw.issues.append(
                Issue.error(
                    path,
                    i + start + 2,
                    None,
                    None,
                    f"row has {len(cells)} cells but the header has {len(headers)}",
                    f"{len(headers)} cells separated by {sep!r}",
                )
            )
            body[i] = blank
        else:
            body[i] = cells[: len(headers)]
    _columnar(raw, body, start + 2)
    if not raw.frame.height and not raw.issues:
        raise _fail(path, "the file has a header but no data rows", "at least one dataset")
    _check_columns(raw)
    return raw


@cache
def _python_spaces() -> str:
    """The characters :meth:`str.strip` removes (all below U+3001), for polars' ``strip_chars``."""
    return "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def _columnar(raw: RawTable, body: list[list[str]], first_row: int) -> None:
    """Store CSV data rows (all as wide as the header) as text columns in ``raw.frame``.

    Blank rows are dropped (``rows`` keeps the numbers of the others, the first data row
    being ``first_row``); a header named twice keeps its last cells, as a dict would.
    """
    import polars as pl

    width = len(raw.headers)
    positions = [str(i) for i in range(width)]
    columns = zip(*body, strict=True) if body else ([] for _ in positions)
    cells = pl.DataFrame(
        [pl.Series(name, column, dtype=pl.Utf8) for name, column in zip(positions, columns, strict=True)]
    )
    last = {h: str(i) for i, h in enumerate(raw.headers) if h}
    spaces = _python_spaces()
    filled = pl.any_horizontal(pl.col(p).str.strip_chars(spaces) != "" for p in positions)
    cells = cells.with_columns(pl.int_range(first_row, first_row + pl.len(), dtype=pl.Int64).alias("__row"))
    cells = cells.filter(filled)
    raw.rows = cells["__row"].to_list()
    raw.frame = cells.select(pl.col(p).alias(h) for h, p in last.items())


def _check_columns(raw: RawTable) -> None:
    """:func:`_check_cells` for a columnar table (``raw.frame`` of text): the same errors,
    in the same order (by row, then column), and the same cells blanked."""
    import polars as pl

    frame = raw.frame
    too_long = {name: pl.col(name).str.len_chars() > MAX_CELL_CHARS for name in frame.columns}
    flagged = [name for name, hit in zip(frame.columns, frame.select(e.any() for e in too_long.values()).row(0)
                                         if frame.height else (), strict=False) if hit]
    if not flagged:
        return
    hits = pl.concat(
        frame.select(pl.int_range(pl.len()).alias("i"), pl.lit(pos).alias("pos"), pl.lit(name).alias("column"),
                     pl.col(name).alias("value"), too_long[name].alias("long"))
        .filter(pl.col("long"))
        for pos, name in enumerate(frame.columns)
        if name in flagged
    ).sort("i", "pos")
    for i, name, value in hits.select("i", "column", "value").iter_rows():
        raw.issues.append(
            Issue.error(raw.path, raw.rows[i], name, value, "cell too long", f"at most {MAX_CELL_CHARS:,} characters")
        )
    raw.frame = frame.with_columns(
        pl.when(too_long[name]).then(None).otherwise(pl.col(name)).alias(name) for name in flagged
    )


def _cell_text(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value if isinstance(value, str) else str(value)


MAX_SHEET_CELLS = 1_000_000
"""Largest workbook accepted, in cells (declared dimension, or repeated rows x cells in ODS)."""
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
"""Largest decompressed size of an XLSX / ODS archive (a 1 KB file must not expand to GBs)."""


@dataclass
class Sheet:
    """One worksheet: its rows of cell values, whether it is hidden, and cell problems."""

    name: str
    rows: list[list[object]]
    hidden: bool = False
    issues: list[Issue] = field(default_factory=list)


def _cell_name(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _dimension_cells(ref: str) -> int:
    """Cells of a declared dimension such as ``A1:XFD1048576`` (1 for a single cell)."""

    cells = re.findall(r"([A-Z]+)(\d+)", ref.upper())
    if len(cells) < 2:
        return 1

    def col(letters: str) -> int:
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        return n

    (c1, r1), (c2, r2) = cells[0], cells[-1]
    return (abs(col(c2) - col(c1)) + 1) * (abs(int(r2) - int(r1)) + 1)


def _too_large(path: Path, what: str) -> InventoryError:
    return _fail(path, what, f"at most {MAX_SHEET_CELLS:,} cells (rows x columns read)")


def _check_xlsx_extent(path: Path, name: str, xml: bytes) -> None:
    """Refuse a worksheet whose cells, or whose extent (last row x last column, which the
    reader materialises whatever the ``<dimension>`` says), exceed :data:`MAX_SHEET_CELLS`."""
    sheet = name.rsplit("/", 1)[-1]
    cells = len(re.findall(rb"<c[\s>/]", xml))
    if cells > MAX_SHEET_CELLS:
        raise _too_large(path, f"{sheet} holds {cells:,} cells")
    rows = len(re.findall(rb"<row[\s>/]", xml))
    last_row = max((int(m) for m in re.findall(rb"<row\b[^>]*?\sr=\"(\d+)\"", xml)), default=rows)
    letters = max(re.findall(rb"<c\b[^>]*?\sr=\"([A-Z]{1,3})\d+\"", xml), key=lambda c: (len(c), c), default=b"A")
    last_col = 0
    for ch in letters.decode():
        last_col = last_col * 26 + ord(ch) - 64
    widest = max((len(re.findall(rb"<c[\s>/]", r)) for r in re.findall(rb"<row\b.*?</row>", xml, re.S)),
                 default=0) if cells else 0
    extent = max(last_row, rows) * max(last_col, widest)
    if extent > MAX_SHEET_CELLS:
        raise _too_large(path, f"{sheet} spans {max(last_row, rows):,} rows x {max(last_col, widest):,} columns")


def _check_ods_extent(path: Path, content: bytes) -> None:
    """Refuse an ODS document whose cell elements, or whose extent once repeated rows and
    cells are expanded up to the last filled one (what the reader materialises), exceed
    :data:`MAX_SHEET_CELLS`."""
    elements = len(re.findall(rb"<table:(?:covered-)?table-cell\b", content))
    if elements > MAX_SHEET_CELLS:
        raise _too_large(path, f"the workbook holds {elements:,} cell elements")
    rows_seen = rows_read = widest = 0
    cell_re = rb"<table:(?:covered-)?table-cell\b([^>]*?)(/>|>(.*?)</table:(?:covered-)?table-cell>)"
    for row in re.finditer(rb"<table:table-row\b([^>]*?)(/>|>(.*?)</table:table-row>)", content, re.S):
        rep = re.search(rb'number-rows-repeated="(\d+)"', row.group(1))
        rows_seen += int(rep.group(1)) if rep else 1
        col = last = 0
        for cell in re.finditer(cell_re, row.group(3) or b"", re.S):
            crep = re.search(rb'number-columns-repeated="(\d+)"', cell.group(1))
            col += int(crep.group(1)) if crep else 1
            if re.search(rb">[^<\s]", cell.group(3) or b"") or b"office:value" in cell.group(1):
                last = col
        if last:
            rows_read, widest = rows_seen, max(widest, last)
            if rows_read * widest > MAX_SHEET_CELLS:
                raise _too_large(path, f"the workbook spans {rows_read:,} rows x {widest:,} columns once "
                                       "repeated rows and cells are expanded")


def check_archive(path: Path, data: bytes) -> dict[str, bytes]:
    """Refuse an XLSX / ODS archive that would expand beyond the documented limits, before any
    spreadsheet library allocates it. Returns the small XML parts read for the checks."""

    kind = path.suffix.lstrip(".").upper()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail(
            path, f"not a readable {kind} workbook ({type(exc).__name__})", "a valid .xlsx or .ods file"
        ) from None
    expanded = sum(i.file_size for i in infos)
    if expanded > MAX_EXPANDED_BYTES:
        raise _fail(
            path,
            f"the workbook expands to {expanded:,} bytes",
            f"at most {MAX_EXPANDED_BYTES:,} bytes once decompressed",
        )
    parts: dict[str, bytes] = {}
    for info in infos:
        name = info.filename
        if kind == "ODS" and name == "content.xml":
            content = archive.read(info)
            parts[name] = content
            declared = 0
            # Every repeated row counts its repeated cells: ODS can declare a million rows
            # of a thousand cells in a few bytes. Trailing repeated *empty* rows/cells are
            # how ODS ends a sheet and are not counted.
            for row in re.finditer(rb"<table:table-row\b([^>]*)>(.*?)</table:table-row>", content, re.S):
                rep = re.search(rb'number-rows-repeated="(\d+)"', row.group(1))
                cells = 0
                cell_re = rb"<table:table-cell\b([^>]*?)(/>|>(.*?)</table:table-cell>)"
                for cell in re.finditer(cell_re, row.group(2), re.S):
                    crep = re.search(rb'number-columns-repeated="(\d+)"', cell.group(1))
                    if cell.group(3) or b"office:value" in cell.group(1):
                        cells += int(crep.group(1)) if crep else 1
                declared += (int(rep.group(1)) if rep else 1) * cells if cells else 0
                if declared > MAX_SHEET_CELLS:
                    raise _fail(path, f"the workbook declares more than {MAX_SHEET_CELLS:,} filled cells",
                                f"at most {MAX_SHEET_CELLS:,} cells")
            _check_ods_extent(path, content)
        elif kind != "ODS" and name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with archive.open(info) as fh:
                head = fh.read(4096)
            match = re.search(rb'<dimension ref="([A-Z0-9:]+)"', head)
            if match and _dimension_cells(match.group(1).decode()) > MAX_SHEET_CELLS:
                raise _fail(
                    path,
                    f"a sheet declares {_dimension_cells(match.group(1).decode()):,} cells ({match.group(1).decode()})",
                    f"at most {MAX_SHEET_CELLS:,} cells",
                )
            sheet_xml = archive.read(info)
            _check_xlsx_extent(path, name, sheet_xml)
            if b"<f" in sheet_xml:
                parts[name] = b"formulas"
    return parts


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an XLSX or ODS workbook, in order, with hidden state; merged cells fill
    their whole range; formula cells without a cached value are errors naming the cell."""
    data = read_bytes(path)
    parts = check_archive(path, data)
    try:
        if path.suffix.lower() == ".ods":
            return _read_ods(data)
        return _read_xlsx(data, path, formulas=bool(parts))
    except InventoryError:
        raise
    except Exception as exc:  # the spreadsheet libraries raise many unrelated types
        raise _fail(
            path,
            f"not a readable {path.suffix.lstrip('.').upper()} workbook ({type(exc).__name__})",
            "a valid .xlsx or .ods file",
        ) from None


def _read_ods(data: bytes) -> list[Sheet]:
    import pandas as pd

    doc = opendocument.load(io.BytesIO(data))
    hidden = set()
    for t in doc.spreadsheet.getElementsByType(table.Table):
        style = t.getAttribute("stylename")
        if style:
            for st in doc.automaticstyles.childNodes:
                if getattr(st, "getAttribute", None) and st.getAttribute("name") == style:
                    for props in st.childNodes:
                        if str(props.attributes.get(("urn:oasis:names:tc:opendocument:xmlns:table:1.0", "display"),
                                                    "true")) == "false":
                            hidden.add(t.getAttribute("name"))
    frames = pd.read_excel(io.BytesIO(data), engine="odf", sheet_name=None, header=None, dtype=object)
    return [
        Sheet(
            name,
            [[None if (isinstance(v, float) and v != v) else v for v in row] for row in df.itertuples(index=False)],
            hidden=name in hidden,
        )
        for name, df in frames.items()
    ]


def _read_xlsx(data: bytes, path: Path, *, formulas: bool) -> list[Sheet]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    raw = openpyxl.load_workbook(io.BytesIO(data), data_only=False) if formulas else None
    sheets = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        sheet = Sheet(ws.title, rows, hidden=ws.sheet_state != "visible")
        for merged in ws.merged_cells.ranges:
            top = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else None
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                    rows[r][c] = top
        if raw is not None:
            for r, line in enumerate(raw[ws.title].iter_rows(values_only=True)):
                for c, value in enumerate(line):
                    if isinstance(value, str) and value.startswith("=") and r < len(rows) and rows[r][c] is None:
                        sheet.issues.append(
                            Issue.error(
                                path, r + 1, _cell_name(r + 1, c), value,
                                f"formula cell {_cell_name(r + 1, c)} has no saved value",
                                "the workbook saved by a spreadsheet program (values computed), or plain values",
                            )
                        )
        sheets.append(sheet)
    return sheets


def read_sheet_rows(path: Path) -> dict[str, list[list[object]]]:
    """All sheets of an XLSX or ODS workbook as lists of rows of cell values."""
    return {s.name: s.rows for s in read_sheets(path)}


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
    if not raw.records:
        raise _fail(path, f"sheet {sheet!r} has a header but no datasets", "at least one dataset below the header")
    _check_cells(raw)
    return raw


def read_parquet(path: Path) -> RawTable:
    """Read a Parquet file (typed columns are kept as they are)."""
    import polars as pl

    read_bytes(path)
    try:
        frame = pl.read_parquet(path, glob=False)  # "registre[2024].parquet" is a name, not a pattern
    except Exception as exc:  # polars raises ComputeError / OSError / ArrowError
        raise _fail(path, f"not a readable Parquet file ({type(exc).__name__})") from None
    return frame_table(path, frame, "read as Parquet")


def frame_table(path: Path, frame, note: str | None = None) -> RawTable:
    """A typed polars frame as a :class:`RawTable` (kept columnar); over-long text cells are
    errors naming their row and column, as in :func:`_check_cells`."""
    import polars as pl

    raw = RawTable(path, "parquet", [], [], list(frame.columns), frame=frame)
    if note:
        raw.notes.append(note)
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.Utf8]
    hits = frame.select((pl.col(name).str.len_chars() > MAX_CELL_CHARS).any() for name in texts).row(0) if texts else ()
    for name in (name for name, hit in zip(texts, hits, strict=True) if hit):
        long = frame.select(pl.int_range(1, pl.len() + 1).alias("row"), pl.col(name)).filter(
            pl.col(name).str.len_chars() > MAX_CELL_CHARS
        )
        for row, value in long.head(1_000).iter_rows():
            raw.issues.append(
                Issue.error(path, row, name, value, "cell too long", f"at most {MAX_CELL_CHARS:,} characters")
            )
        raw.frame = raw.frame.with_columns(
            pl.when(pl.col(name).str.len_chars() > MAX_CELL_CHARS).then(None).otherwise(pl.col(name)).alias(name)
        )
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


MAX_YAML_ALIASES = 100
"""A YAML document with more aliases (``*name``) than this is refused: aliases nested in
aliases expand exponentially ("billion laughs"), and no register needs them."""
MAX_YAML_ALIAS_NODES = 10_000
"""A YAML document whose aliases, once expanded, would add more nodes than this is refused:
a few dozen aliases of aliases ("billion laughs") expand to billions of nodes."""


def _yaml_nodes(node, memo: dict) -> int:
    """Nodes of a composed YAML node once every alias in it is expanded (shared nodes are
    counted each time they are reached, computed once each)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once
    total = 1
    if isinstance(node.value, list):  # sequence items, or (key, value) pairs of a mapping
        for item in node.value:
            for child in item if isinstance(item, tuple) else (item,):
                total += _yaml_nodes(child, memo)
    memo[key] = total
    return total


def parse_yaml(text: str, path: Path) -> object:
    """Parse YAML safely: duplicate keys are errors, aliases are bounded, and only
    ``true`` / ``false`` are booleans (YAML 1.1 reads ``NO`` — Norway — as false).

    Raises
    ------
    InventoryError
        Naming the line of a duplicate key, or the alias count.
    yaml.YAMLError
        When the text is not YAML.
    """

    import yaml

    class _Loader(yaml.SafeLoader):
        aliases = 0

        expanded = 0
        memo: dict = {}

        def compose_node(self, parent, index):  # count aliases before anything is expanded
            if self.check_event(yaml.AliasEvent):
                type(self).aliases += 1
                mark = self.peek_event().start_mark
                if type(self).aliases > MAX_YAML_ALIASES:
                    raise InventoryError(
                        [Issue.error(path, mark.line + 1, None, None,
                                     f"more than {MAX_YAML_ALIASES} YAML aliases",
                                     "a plain YAML document (aliases are bounded against expansion bombs)")]
                    )
                anchor = self.peek_event().anchor
                if anchor in self.anchors:
                    type(self).expanded += _yaml_nodes(self.anchors[anchor], type(self).memo)
                    if type(self).expanded > MAX_YAML_ALIAS_NODES:
                        raise InventoryError(
                            [Issue.error(path, mark.line + 1, None, None,
                                         f"YAML aliases expand to more than {MAX_YAML_ALIAS_NODES:,} nodes",
                                         "a plain YAML document (aliases are bounded against expansion bombs)")]
                        )
            return super().compose_node(parent, index)

        def construct_mapping(self, node, deep=False):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    if key in seen:
                        raise InventoryError(
                            [Issue.error(path, key_node.start_mark.line + 1, str(key), None,
                                         f"duplicate key '{key}' (first on line {seen[key]})",
                                         "each key once")]
                        )
                    seen[key] = key_node.start_mark.line + 1
                except TypeError:  # unhashable key: let PyYAML report it
                    pass
            return super().construct_mapping(node, deep=deep)

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)


def read_yaml(path: Path) -> object:
    """Parse a YAML document with the bounded safe loader (:func:`parse_yaml`)."""
    import yaml

    text, _ = decode_text(path, read_bytes(path))
    try:
        return parse_yaml(text, path)
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
