"""From a raw table to the canonical inventory frame, reporting every problem at once.

Headers are matched through the aliases declared in :mod:`rgpd_risk.inventory.schema`;
values are parsed column by column with polars expressions (booleans ``Oui/Non``,
``yes/no``, ``n/a``; French numbers ``12 000`` and ``3,5``; dates ``JJ/MM/AAAA``;
multi-valued cells; vocabulary labels in French or English). Every cell that cannot be
read becomes an :class:`~rgpd_risk.inventory.issues.Issue` naming file, row, column, value
and what was expected. Nothing is dropped or guessed silently: oddities that can be
recovered from are warnings, and every default that was applied is counted.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import polars as pl

from rgpd_risk import taxonomy
from rgpd_risk.formatting import FORMULA_PATTERN
from rgpd_risk.inventory.issues import Issue
from rgpd_risk.inventory.readers import RawTable
from rgpd_risk.inventory.retention import parse_retention
from rgpd_risk.inventory.schema import (
    COLUMN_BY_NAME,
    COLUMNS,
    IDENTIFIABILITY_LEVELS,
    INVENTORY_SCHEMA,
    REQUIRED_COLUMNS,
)

ROW = "__row"

_TRUE = ("oui", "o", "yes", "y", "true", "vrai", "1", "x", "fait", "done", "realisee", "realise")
_FALSE = ("non", "n", "no", "false", "faux", "0", "non realisee", "non realise")
_UNKNOWN = (
    "n/a",
    "na",
    "nc",
    "non applicable",
    "not applicable",
    "?",
    "-",
    "inconnu",
    "unknown",
    "ne sait pas",
    "a verifier",
    "tbd",
)
_IDENTIFIABILITY_WORDS = {
    "negligible": "negligible",
    "negligeable": "negligible",
    "limited": "limited",
    "limitee": "limited",
    "significant": "significant",
    "importante": "significant",
    "important": "significant",
    "maximum": "maximum",
    "maximale": "maximum",
    "maximal": "maximum",
}
_FREE_TEXT_LISTS = {"recipients", "processors"}
_COMPANY_SUFFIX = r"(?i),(\s*(?:inc|ltd|llc|gmbh|sas|sarl|sa|corp|co|plc|bv|ag|srl|spa)\b\.?)"
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")


@cache
def header_lookup() -> dict[str, str]:
    """Normalised header text → canonical column name."""
    table: dict[str, str] = {}
    for col in COLUMNS:
        for text in (col.name, *col.aliases):
            table.setdefault(taxonomy.normalise(text), col.name)
    return table


@cache
def country_lookup() -> pl.DataFrame:
    """Normalised country code or name (English or French, via Babel's CLDR data) → ISO code."""
    from babel import Locale

    rows: dict[str, str] = {}
    for lang in ("en", "fr"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                rows.setdefault(taxonomy.normalise(name), code)
    for code in list(set(rows.values())):
        rows.setdefault(code.lower(), code)
    rows.update(
        {
            "usa": "US",
            "u.s.": "US",
            "u.s.a.": "US",
            "etats unis": "US",
            "uk": "GB",
            "royaume uni": "GB",
            "angleterre": "GB",
            "england": "GB",
        }
    )
    return pl.DataFrame({"text": list(rows), "key": list(rows.values())})


def _as_frame(raw: RawTable, mapping: dict[str, str]) -> pl.DataFrame:
    """Build a frame of the mapped columns: native lists stay lists, scalars become text."""
    data: dict[str, pl.Series] = {ROW: pl.Series(ROW, raw.rows, dtype=pl.Int64)}
    for header, column in mapping.items():
        values = [rec.get(header) for rec in raw.records]
        target = INVENTORY_SCHEMA[column]
        if any(isinstance(v, (list, tuple)) for v in values):
            data[column] = pl.Series(
                column,
                [
                    None
                    if v is None
                    else [None if x is None else str(x) for x in v]
                    if isinstance(v, (list, tuple))
                    else [str(v)]
                    for v in values
                ],
                dtype=pl.List(pl.Utf8),
            )
        elif all(v is None or isinstance(v, bool) for v in values) and target == pl.Boolean():
            data[column] = pl.Series(column, values, dtype=pl.Boolean)
        else:
            data[column] = pl.Series(
                column,
                [None if v is None else ("true" if v is True else "false" if v is False else str(v)) for v in values],
                dtype=pl.Utf8,
            )
    return pl.DataFrame(data)


def _from_typed(raw: RawTable, mapping: dict[str, str]) -> pl.DataFrame:
    """Parquet fast path: keep typed columns, cast text where the file stored text."""
    frame = pl.DataFrame(raw.records) if raw.records else pl.DataFrame()
    cols = [pl.Series(ROW, raw.rows, dtype=pl.Int64)]
    for header, column in mapping.items():
        s = frame[header].rename(column)
        target = INVENTORY_SCHEMA[column]
        if s.dtype == target or (isinstance(target, pl.List) and isinstance(s.dtype, pl.List)):
            cols.append(s.cast(target))
        elif s.dtype == pl.Null:
            cols.append(s.cast(pl.Utf8))
        else:
            cols.append(s.cast(pl.Utf8))
    return pl.DataFrame(cols)


def _issue_rows(
    frame: pl.DataFrame, mask: pl.Expr, column: str, value_col: str | None = None
) -> list[tuple[int, object]]:
    sel = frame.filter(mask).select(ROW, pl.col(value_col or column))
    return list(sel.iter_rows())


#: Vocabulary columns whose unknown values are read as the column default (with a warning)
#: rather than rejected: the French layer's descriptive columns (issue #15).
_OPEN_CHOICES = ("purpose_type", "audience", "recording_scope")


class Normaliser:
    """Parse and validate a raw table into the canonical frame."""

    def __init__(self, raw: RawTable, *, today: dt.date | None = None):
        self.raw = raw
        self.path = raw.path
        self.issues: list[Issue] = list(raw.issues)
        self.today = today or dt.date.today()

    # -- reporting ---------------------------------------------------------------------
    def error(self, row, column, value, message, expected=None) -> None:
        self.issues.append(Issue.error(self.path, row, column, value, message, expected))

    def warn(self, row, column, value, message, expected=None) -> None:
        self.issues.append(Issue.warning(self.path, row, column, value, message, expected))

    # -- headers -----------------------------------------------------------------------
    def map_headers(self) -> dict[str, str]:
        lookup = header_lookup()
        mapping: dict[str, str] = {}
        seen: dict[str, str] = {}
        unknown = []
        for header in self.raw.headers:
            column = lookup.get(taxonomy.normalise(str(header)))
            if column is None:
                unknown.append(str(header))
            elif column in seen:
                self.error(
                    None,
                    str(header),
                    None,
                    f"column '{header}' means the same as column '{seen[column]}' ({column})",
                    "each field once",
                )
            else:
                seen[column] = str(header)
                mapping[header] = column
        if unknown:
            self.warn(
                None,
                None,
                ", ".join(unknown),
                f"{len(unknown)} column(s) not recognised and ignored",
                "the columns of docs/inventory_schema.md or their French / English names",
            )
        for req in REQUIRED_COLUMNS:
            if req not in seen:
                names = ", ".join(repr(a) for a in COLUMN_BY_NAME[req].aliases[:4])
                self.error(
                    None, req, None, f"required column '{req}' is missing", f"a column named '{req}' (or {names})"
                )
        return mapping

    # -- column parsers ----------------------------------------------------------------
    def text(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        cleaned = pl.col(col).cast(pl.Utf8).str.strip_chars()
        frame = frame.with_columns(pl.when(cleaned == "").then(None).otherwise(cleaned).alias(col))
        if col in ("dataset_id", "name", "purpose", "system"):
            for row, value in _issue_rows(frame, pl.col(col).str.contains(FORMULA_PATTERN), col):
                self.warn(
                    row, col, value, "cell starts like a spreadsheet formula; kept as text and neutralised in exports"
                )
            for row, value in _issue_rows(frame, pl.col(col).str.contains(r"<[A-Za-z/!][^>]*>"), col):
                self.warn(row, col, value, "cell contains HTML markup; it is shown as plain text in reports")
        return frame

    def boolean(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        if frame[col].dtype == pl.Boolean:
            return frame
        norm = taxonomy.normalise_text(pl.col(col).cast(pl.Utf8))
        mapped = pl.when(norm.is_in(_TRUE)).then(True).when(norm.is_in(_FALSE)).then(False).otherwise(None)
        bad = mapped.is_null() & norm.is_not_null() & (norm != "") & ~norm.is_in(_UNKNOWN)
        for row, value in _issue_rows(frame, bad, col):
            self.error(row, col, value, "not a yes/no value", "Oui/Non, yes/no, true/false or n/a")
        return frame.with_columns(mapped.alias(col))

    def number(self, frame: pl.DataFrame, col: str, dtype: pl.DataType) -> pl.DataFrame:
        s = frame[col]
        if s.dtype.is_numeric():
            values = pl.col(col).cast(pl.Float64)
        else:
            cleaned = (
                pl.col(col).cast(pl.Utf8).str.replace_all(r"[\s\u00a0\u202f'’]", "").str.replace(",", ".", literal=True)
            )
            values = pl.when(cleaned == "").then(None).otherwise(cleaned).cast(pl.Float64, strict=False)
            not_number = (
                values.is_null()
                & cleaned.is_not_null()
                & (cleaned != "")
                & ~taxonomy.normalise_text(pl.col(col).cast(pl.Utf8)).is_in(_UNKNOWN)
            )
            for row, value in _issue_rows(frame, not_number, col):
                self.error(row, col, value, "not a number", "a whole number such as 12000 or 12 000")
        for row, value in _issue_rows(frame, values < 0, col):
            self.error(row, col, value, "negative count", "zero or more")
        if dtype == pl.Int64():
            for row, value in _issue_rows(frame, (values.round(0) != values) & values.is_not_null(), col):
                self.error(row, col, value, "not a whole number", "a whole number")
        return frame.with_columns(
            pl.when(values >= 0).then(values).otherwise(None).cast(dtype, strict=False).alias(col)
        )

    def date(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        if frame[col].dtype == pl.Date:
            parsed = pl.col(col)
        else:
            text = pl.col(col).cast(pl.Utf8).str.strip_chars().str.slice(0, 10)
            parsed = pl.coalesce([text.str.to_date(f, strict=False) for f in _DATE_FORMATS])
            bad = parsed.is_null() & text.is_not_null() & (text != "")
            for row, value in _issue_rows(frame, bad, col):
                self.error(row, col, value, "not a date", "a date such as 2024-03-31 or 31/03/2024")
        frame = frame.with_columns(parsed.alias(col))
        for row, value in _issue_rows(frame, pl.col(col) > self.today, col):
            self.error(row, col, value, "date in the future", f"a date on or before {self.today.isoformat()}")
        return frame

    def choice(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        """Single value from a vocabulary (legal basis, safeguard, identifiability, Art. 9(2))."""
        frame = self.text(frame, col)
        vocabulary = COLUMN_BY_NAME[col].vocabulary
        if vocabulary:
            keys = taxonomy.resolve(frame[col], vocabulary)
            valid = ", ".join(sorted(taxonomy.keys(vocabulary)))
        elif col == "identifiability":
            keys = frame.select(
                taxonomy.normalise_text(pl.col(col)).replace_strict(_IDENTIFIABILITY_WORDS, default=None)
            )[col]
            valid = ", ".join(IDENTIFIABILITY_LEVELS)
        else:  # art9_condition: a letter of Art. 9(2)
            keys = frame.select(pl.col(col).str.to_lowercase().str.extract(r"(?:^|\(|\s)([a-j])\)?\s*$", 1))[col]
            valid = "a letter of Art. 9(2), a to j"
        frame = frame.with_columns(keys.alias("__key"))
        bad = pl.col("__key").is_null() & pl.col(col).is_not_null()
        for row, value in _issue_rows(frame, bad, col):
            self.error(row, col, value, f"unknown {col.replace('_', ' ')}", valid)
        return frame.with_columns(pl.col("__key").alias(col)).drop("__key")

    def open_choice(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        """Single value from a vocabulary whose unknown values fall back to the column's
        default with a warning (``purpose_type`` → ``other``): nothing guessed silently."""
        frame = self.text(frame, col)
        vocabulary = COLUMN_BY_NAME[col].vocabulary
        keys = taxonomy.resolve(frame[col], vocabulary)
        valid = ", ".join(sorted(taxonomy.keys(vocabulary)))
        frame = frame.with_columns(keys.alias("__key"))
        bad = pl.col("__key").is_null() & pl.col(col).is_not_null()
        fallback = COLUMN_BY_NAME[col].default
        for row, value in _issue_rows(frame, bad, col):
            read = f"read as {fallback!r}" if fallback is not None else "read as not declared"
            self.warn(row, col, value, f"unknown {col.replace('_', ' ')}, {read}", valid)
        return frame.with_columns(
            pl.when(bad).then(pl.lit(fallback, dtype=pl.Utf8)).otherwise(pl.col("__key")).alias(col)
        ).drop("__key")

    def listing(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        """Multi-valued cells: split, trim, resolve to vocabulary keys, de-duplicate."""
        if frame[col].dtype == pl.Utf8:
            if col in _FREE_TEXT_LISTS:  # names such as "Salesforce, Inc." keep their commas
                text = pl.col(col).str.replace_all(_COMPANY_SUFFIX, "\u0002$1")
                seps = r"[|;,\n]"
            else:  # "Identity (name, date of birth)": parentheses explain, they do not list
                text, seps = pl.col(col).str.replace_all(r"\([^)]*\)", " "), r"[|;,\n]|\s/\s| et | and "
            split = (
                text.str.replace_all(seps, "\u0001").str.replace_all("\u0002", ",", literal=True).str.split("\u0001")
            )
            frame = frame.with_columns(split.alias(col))
        frame = frame.with_columns(pl.col(col).cast(pl.List(pl.Utf8)))
        long = (
            frame.select(ROW, pl.col(col))
            .with_row_index("__pos")
            .explode(col)
            .with_columns(pl.col(col).str.strip_chars())
            .filter(pl.col(col).is_not_null() & (pl.col(col) != ""))
        )
        vocabulary = COLUMN_BY_NAME[col].vocabulary
        if col == "third_countries":
            norm = long.select(taxonomy.normalise_text(pl.col(col)).alias("text"))
            keys = norm.join(country_lookup(), on="text", how="left", maintain_order="left")["key"]
            long = long.with_columns(keys.alias("__key"))
            for row, value in _issue_rows(long, pl.col("__key").is_null(), col):
                self.error(row, col, value, "unknown country", "an ISO 3166 code such as US, IN or a country name")
            long = long.with_columns(pl.coalesce("__key", pl.col(col)).alias(col))
        elif vocabulary:
            long = long.with_columns(taxonomy.resolve(long[col], vocabulary).alias("__key"))
            unresolved = long.filter(pl.col("__key").is_null())
            for row, value in unresolved.select(ROW, col).iter_rows():
                if vocabulary == "category":
                    self.error(
                        row,
                        col,
                        value,
                        "unknown data category",
                        "a category key or label of rgpd_risk.taxonomy.categories(), e.g. contact, health, nir",
                    )
                else:
                    self.warn(
                        row,
                        col,
                        value,
                        f"unknown {vocabulary.replace('_', ' ')} kept as written",
                        f"one of {', '.join(sorted(taxonomy.keys(vocabulary)))}",
                    )
            long = long.with_columns(pl.coalesce("__key", pl.col(col)).alias(col))
        grouped = long.group_by("__pos", maintain_order=True).agg(pl.col(col).unique(maintain_order=True))
        out = (
            frame.with_row_index("__pos")
            .drop(col)
            .join(grouped, on="__pos", how="left", maintain_order="left")
            .drop("__pos")
        )
        return out.with_columns(pl.col(col).fill_null(pl.lit([], dtype=pl.List(pl.Utf8))))

    # -- whole frame -------------------------------------------------------------------
    def run(self) -> tuple[pl.DataFrame, tuple[tuple[str, int], ...]]:
        mapping = self.map_headers()
        frame = _from_typed(self.raw, mapping) if self.raw.format == "parquet" else _as_frame(self.raw, mapping)
        present = set(mapping.values())
        for col in COLUMNS:
            if col.name not in present or col.name == "source_row":
                continue
            if col.name in ("legal_basis", "transfer_safeguard", "identifiability", "art9_condition"):
                frame = self.choice(frame, col.name)
            elif col.name in _OPEN_CHOICES:
                frame = self.open_choice(frame, col.name)
            elif isinstance(col.dtype, pl.List):
                frame = self.listing(frame, col.name)
            elif col.dtype == pl.Boolean():
                frame = self.boolean(frame, col.name)
            elif col.dtype in (pl.Int64(), pl.Float64()):
                frame = self.number(frame, col.name, col.dtype)
            elif col.dtype == pl.Date():
                frame = self.date(frame, col.name)
            else:
                frame = self.text(frame, col.name)
        frame = self.check_rows(frame, present)
        frame = self.retention(frame, present)
        return self.complete(frame, present)

    def check_rows(self, frame: pl.DataFrame, present: set[str]) -> pl.DataFrame:
        for col in ("dataset_id", "name"):
            if col in present:
                for row, _ in _issue_rows(frame, pl.col(col).is_null(), col):
                    self.error(row, col, None, f"empty {col.replace('_', ' ')}", "a value in every row")
        if "dataset_id" in present:
            dup = frame.filter(pl.col("dataset_id").is_not_null() & pl.col("dataset_id").is_duplicated())
            for (ident,), group in dup.group_by("dataset_id", maintain_order=True):
                rows = group[ROW].to_list()
                for row in rows[1:]:
                    self.error(
                        row,
                        "dataset_id",
                        ident,
                        f"duplicate dataset id (first used on row {rows[0]})",
                        "a unique id per dataset",
                    )
        if "data_categories" in present:
            empty = pl.col("data_categories").is_null() | (pl.col("data_categories").list.len() == 0)
            for row, _ in _issue_rows(frame, empty, "data_categories"):
                self.warn(row, "data_categories", None, "no personal-data category declared (Art. 30(1)(c))")
        return frame

    def retention(self, frame: pl.DataFrame, present: set[str]) -> pl.DataFrame:
        if "retention_text" not in present:
            return frame
        parsed = parse_retention(frame["retention_text"])
        given = "retention_status" in present
        cols = []
        for name in ("retention_months", "retention_event", "retention_status"):
            cols.append(
                pl.coalesce(pl.col(name), parsed[name]).alias(name) if name in present else parsed[name].alias(name)
            )
        frame = frame.with_columns(cols)
        if not given:
            for row, value in _issue_rows(frame, pl.col("retention_status") == "unparsed", "retention_text"):
                self.warn(
                    row,
                    "retention_text",
                    value,
                    "retention period not understood; kept as text and treated as no limit",
                    "a duration such as '5 ans après la fin du contrat', '13 mois' or 'jamais'",
                )
        return frame

    def complete(self, frame: pl.DataFrame, present: set[str]) -> tuple[pl.DataFrame, tuple[tuple[str, int], ...]]:
        applied: list[tuple[str, int]] = []
        exprs = []
        for col in COLUMNS:
            if col.name == "source_row":
                exprs.append(pl.col(ROW).alias("source_row"))
                continue
            if col.name in frame.columns:
                expr = pl.col(col.name).cast(col.dtype)
            else:
                expr = pl.lit(None, dtype=col.dtype)
            if col.default is not None and not col.required:
                missing = frame.height if col.name not in frame.columns else frame[col.name].null_count()
                if missing and not col.derived:
                    applied.append((col.name, missing))
                expr = expr.fill_null(pl.lit(col.default, dtype=col.dtype))
            exprs.append(expr.alias(col.name))
        return frame.select(exprs), tuple(applied)
