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

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.formatting import FORMULA_PATTERN
from rgpd_risk.inventory import categories, numbers
from rgpd_risk.inventory.issues import Issue
from rgpd_risk.inventory.readers import RawTable
from rgpd_risk.inventory.retention import is_minimum, parse_retention
from rgpd_risk.inventory.schema import (
    COLUMN_BY_NAME,
    COLUMNS,
    IDENTIFIABILITY_LEVELS,
    INVENTORY_SCHEMA,
    REQUIRED_COLUMNS,
    ROLE_WORDS,
    ROLES,
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
_FREE_TEXT_LISTS = {"recipients", "processors", "sub_processors"}
_UNMAPPED = "__unmapped"
_TEMPLATE_UNUSED = frozenset(
    (
        "date de creation de la fiche",
        "date de creation",
        "responsable conjoint",
        "nom et coordonnees du responsable conjoint",
        "nom et coordonnees du representant",
        "lien vers la documentation",
        "description",
        "commentaires",
        "observations",
    )
)
"""Headers of the CNIL register template (methodology §7) that the risk model does not use:
noted, not warned about."""
_NO_TRANSFER_RE = (
    r"^(?:non|no|none|aucune?s?|neant|nul|-+|n/?a|na|sans objet|pas de transferts?(?: hors (?:ue|eee))?|"
    r"aucun transfert(?: hors (?:ue|eee))?|no transfers?|not applicable|non applicable|0)$"
)
_TRANSFER_YES = ("oui", "yes", "o", "y", "x")
_COMPANY_SUFFIX = r"(?i),(\s*(?:inc|ltd|llc|gmbh|sas|sarl|sa|corp|co|plc|bv|ag|srl|spa)\b\.?)"


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


def _as_frame(raw: RawTable, mapping: dict[str, str], issues: list[Issue] | None = None) -> pl.DataFrame:
    """Build a frame of the mapped columns: native lists stay lists, scalars become text.

    A list or a mapping (JSON / YAML) where the schema expects one value is an error naming
    the item and the column (appended to ``issues``); the cell is then read as empty."""
    data: dict[str, pl.Series] = {ROW: pl.Series(ROW, raw.rows, dtype=pl.Int64)}
    if raw.frame is not None:  # a CSV read as text columns
        return raw.frame.select(pl.lit(data[ROW]), *(pl.col(h).alias(c) for h, c in mapping.items()))
    for header, column in mapping.items():
        values = [rec.get(header) for rec in raw.records]
        target = INVENTORY_SCHEMA[column]
        if not isinstance(target, pl.List):
            for i, v in enumerate(values):
                if isinstance(v, (list, tuple, dict)):
                    if issues is not None:
                        kind = "a mapping" if isinstance(v, dict) else f"a list of {len(v)} item(s)"
                        issues.append(Issue.error(raw.path, raw.rows[i], column, v,
                                                  f"{kind} where one value is expected", "a single value"))
                    values[i] = None
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
    frame = raw.frame if raw.frame is not None else pl.DataFrame(raw.records) if raw.records else pl.DataFrame()
    cols = [pl.int_range(1, frame.height + 1, dtype=pl.Int64, eager=True).alias(ROW)]
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
    """``(row, value)`` of the rows selected by ``mask``, in file order (only the two columns
    are filtered)."""
    sel = frame.lazy().filter(mask).select(ROW, pl.col(value_col or column)).collect()
    return list(sel.iter_rows())


_CELL = "__cell"


class _Occurrences:
    """Where values occur in a list column that was processed on its distinct cells.

    ``cells`` holds each distinct cell as read (column ``__cell``) and its list of values
    (column ``col``); calling the finder with some values gives ``(row, value)`` for every
    occurrence of them, in file order (rows, then position in the list).
    """

    def __init__(self, frame: pl.DataFrame, cells: pl.DataFrame, col: str):
        self.frame, self.cells, self.col = frame, cells, col

    def __call__(self, values: pl.Series) -> list[tuple[int, str]]:
        if not len(values):
            return []
        col, wanted = self.col, values.implode()
        hits = self.cells.filter(pl.col(col).list.eval(pl.element().is_in(wanted)).list.any())
        rows = self.frame.select(ROW, pl.col(col).alias(_CELL)).join(
            hits, on=_CELL, how="inner", nulls_equal=True, maintain_order="left"
        )
        long = rows.select(ROW, pl.col(col)).explode(col).filter(pl.col(col).is_in(wanted))
        return list(long.iter_rows())


def _distinct_cells(frame: pl.DataFrame, col: str) -> pl.DataFrame:
    """Each distinct cell of ``col`` once: ``__cell`` as read, and ``col``, a copy to parse.

    A parser that is a function of the cell alone runs on these (registers repeat a few
    values) and :func:`_join_cells` gives the rows their result.
    """
    # the streaming engine finds the distinct cells of a list column several times faster
    cells = frame.lazy().select(pl.col(col).alias(_CELL)).unique().collect(engine="streaming")
    return cells.with_columns(pl.col(_CELL).alias(col))


def _cell_rows(
    frame: pl.DataFrame, col: str, cells: pl.DataFrame, value: pl.Expr | None = None
) -> list[tuple[int, object]]:
    """``(row, value)`` of every row whose cell is one of ``cells`` (some distinct cells of
    ``col``), in file order; ``value`` is computed on the cells (default: the cell as read)."""
    if cells.is_empty():
        return []
    hits = cells.select(_CELL, (pl.col(_CELL) if value is None else value).alias("__value"))
    rows = frame.select(ROW, pl.col(col).alias(_CELL)).join(
        hits, on=_CELL, how="inner", nulls_equal=True, maintain_order="left"
    )
    return list(rows.select(ROW, "__value").iter_rows())


def _join_cells(frame: pl.DataFrame, cells: pl.DataFrame, col: str) -> pl.DataFrame:
    """Replace ``col`` (and add the other columns of ``cells``) by the result computed for
    each row's cell; ``cells`` maps each distinct cell as read (``__cell``) to its result.

    When every cell comes out as it went in (clean typed data) and the other columns are
    constant, no join is needed: the column is kept and the constants broadcast.
    """
    others = [c for c in cells.columns if c not in (col, _CELL)]
    unchanged = cells[col].dtype == cells[_CELL].dtype and cells.select(
        pl.col(col).eq_missing(pl.col(_CELL)).all(), *(pl.col(c).n_unique() == 1 for c in others)
    ).row(0) == (True,) * (1 + len(others))
    if unchanged:
        return frame.with_columns(pl.lit(cells[c].head(1)).first().alias(c) for c in others)
    joined = frame.select(pl.col(col).alias(_CELL)).join(
        cells, on=_CELL, how="left", nulls_equal=True, maintain_order="left"
    )
    return frame.with_columns(joined.drop(_CELL).get_columns())


def _cleaned(text: pl.Expr) -> pl.Expr:
    """A text cell trimmed, blank read as null."""
    cleaned = text.cast(pl.Utf8).str.strip_chars()
    return pl.when(cleaned == "").then(None).otherwise(cleaned)


#: Vocabulary columns whose unknown values are read as the column default (with a warning)
#: rather than rejected: the French layer's descriptive columns (issue #15).
_OPEN_CHOICES = ("purpose_type", "audience", "recording_scope")


class Normaliser:
    """Parse and validate a raw table into the canonical frame."""

    def __init__(
        self,
        raw: RawTable,
        *,
        today: dt.date | None = None,
        strict: bool = False,
        mapping: dict[str, str] | None = None,
    ):
        self.raw = raw
        self.path = raw.path
        self.issues: list[Issue] = list(raw.issues)
        self.today = today or dt.date.today()
        self._pivot = (self.today.year + 1) % 100
        """The largest two-digit year read as 20AA (:func:`numbers.parse_date`)."""
        self.notes: list[str] = []
        self.strict = strict
        self.mapping = dict(mapping or {})
        self.unmapped: dict[str, int] = {}
        """Distinct unmapped category labels (as written) → number of rows."""

    # -- reporting ---------------------------------------------------------------------
    def error(self, row, column, value, message, expected=None) -> None:
        self.issues.append(Issue.error(self.path, row, column, value, message, expected))

    def warn(self, row, column, value, message, expected=None) -> None:
        self.issues.append(Issue.warning(self.path, row, column, value, message, expected))

    def doubt(self, row, column, value, message, expected=None) -> None:
        """A value the loader had to interpret: a warning, or an error in strict mode."""
        (self.error if self.strict else self.warn)(row, column, value, message, expected)

    # -- headers -----------------------------------------------------------------------
    def map_headers(self) -> dict[str, str]:
        lookup = header_lookup()
        mapping: dict[str, str] = {}
        seen: dict[str, str] = {}
        unknown = []
        template = []
        for header in self.raw.headers:
            column = lookup.get(taxonomy.normalise(str(header)))
            if column is None and taxonomy.normalise(str(header)).rstrip(" :") in _TEMPLATE_UNUSED:
                template.append(str(header))
            elif column is None:
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
        if template:
            self.raw.notes.append(
                f"{len(template)} column(s) of the CNIL register template not used by the risk model: "
                + ", ".join(template)
            )
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
    # Parsers of columns with few distinct values work on the distinct cells (see
    # _distinct_cells), report the rows of the cells in error, and join the result back.

    def _report(
        self, report, frame: pl.DataFrame, col: str, cells: pl.DataFrame, mask: pl.Expr, message: str,
        expected: str | None = None, value: pl.Expr | None = None,
    ) -> None:
        """Report, with ``report`` (:meth:`error`, :meth:`warn` or :meth:`doubt`), every row
        whose cell is one of the distinct ``cells`` selected by ``mask``, in file order."""
        for row, found in _cell_rows(frame, col, cells.filter(mask), value):
            report(row, col, found, message, expected)

    def text(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        """Free text: trimmed, blank read as null; names that look like formulas or HTML are
        named in warnings. ``dataset_id`` is unique by design, so it is cleaned row by row;
        other text columns on their distinct cells."""
        by_row = col == "dataset_id"
        cells = (frame if by_row else _distinct_cells(frame, col)).with_columns(_cleaned(pl.col(col)).alias(col))
        if col in ("dataset_id", "name", "purpose", "system"):
            for mask, message in (
                (pl.col(col).str.contains(FORMULA_PATTERN),
                 "cell starts like a spreadsheet formula; kept as text and neutralised in exports"),
                (pl.col(col).str.contains(r"<[A-Za-z/!][^>]*>"),
                 "cell contains HTML markup; it is shown as plain text in reports"),
            ):
                if by_row:
                    for row, value in _issue_rows(cells, mask, col):
                        self.warn(row, col, value, message)
                else:
                    self._report(self.warn, frame, col, cells, mask, message, value=pl.col(col))
        return cells if by_row else _join_cells(frame, cells, col)

    def boolean(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        if frame[col].dtype == pl.Boolean:
            return frame
        cells = _distinct_cells(frame, col)
        norm = taxonomy.normalise_text(pl.col(col).cast(pl.Utf8))
        mapped = pl.when(norm.is_in(_TRUE)).then(True).when(norm.is_in(_FALSE)).then(False).otherwise(None)
        bad = mapped.is_null() & norm.is_not_null() & (norm != "") & ~norm.is_in(_UNKNOWN)
        self._report(self.error, frame, col, cells, bad, "not a yes/no value", "Oui/Non, yes/no, true/false or n/a")
        return _join_cells(frame, cells.with_columns(mapped.alias(col)), col)

    def number(self, frame: pl.DataFrame, col: str, dtype: pl.DataType) -> pl.DataFrame:
        """Counts and amounts as people type them (see :mod:`rgpd_risk.inventory.numbers`)."""
        whole = "a whole number such as 12000 or 12 000"
        if frame[col].dtype.is_numeric():  # typed values: checked row by row (NaN is no join key)
            cells = frame
            values = pl.col(col).cast(pl.Float64)
            report = lambda mask, message, expected, how=self.error: [  # noqa: E731
                how(row, col, value, message, expected) for row, value in _issue_rows(frame, mask, col)
            ]
            report(values.is_nan() | values.is_infinite(), "not a finite number", whole)
            values = pl.when(values.is_finite()).then(values).otherwise(None)
        else:
            cells = _distinct_cells(frame, col)
            report = lambda mask, message, expected, how=self.error: self._report(  # noqa: E731
                how, frame, col, cells, mask, message, expected
            )
            parsed = numbers.parse_number(pl.col(col), decimal_comma=dtype == pl.Float64())
            cells = cells.with_columns(parsed.alias("__num"))
            values, kind = pl.col("__num").struct.field("value"), pl.col("__num").struct.field("kind")
            unknown = taxonomy.normalise_text(pl.col(col).cast(pl.Utf8)).is_in(_UNKNOWN + ("neant", "aucun"))
            report((kind == "invalid") & ~unknown, "not a number", whole)
            report(kind == "non_finite", "not a finite number", whole)
            for what, message in (
                ("lower", "a lower bound, not a count; the bound is used"),
                ("upper", "an upper bound, not a count; the bound is used"),
                ("range", "a range, not a count; its upper end is used (pessimistic)"),
            ):
                report(kind == what, message, "one number such as 12000 or 12 000", self.doubt)
            values = pl.when(kind.is_in(["exact", "approx", "lower", "upper", "range"])).then(values)
            self._grouped(frame, col, cells.filter(pl.col("__num").struct.field("grouped")))
        report(values > numbers.MAX_COUNT, "implausibly large number", f"at most {numbers.MAX_COUNT:,}")
        report(values < 0, "negative count", "zero or more")
        if dtype == pl.Int64():
            report((values.round(0) != values) & values.is_not_null(), "not a whole number", "a whole number")
        valid = (values >= 0) & (values <= numbers.MAX_COUNT)
        result = pl.when(valid).then(values).otherwise(None).cast(dtype, strict=False).alias(col)
        if cells is frame:
            return frame.with_columns(result)
        return _join_cells(frame, cells.with_columns(result).drop("__num"), col)

    def _grouped(self, frame: pl.DataFrame, col: str, cells: pl.DataFrame) -> None:
        """Name in a warning (an error in strict mode) every row whose count has one ``,`` or ``.``
        followed by exactly three digits ("12,000", "1.500"): read as thousands, it could be a
        decimal. The message, computed on the distinct cells, gives the reading ("12 000")."""
        value = pl.col("__num").struct.field("value").cast(pl.Int64)
        reading = (value // 1000).cast(pl.Utf8) + " " + (value % 1000).cast(pl.Utf8).str.zfill(3)
        message = (
            "read as " + reading + " (thousands); write " + value.cast(pl.Utf8) + " or " + reading
            + " to remove the doubt"
        )
        self._doubt_cells(frame, col, cells, message, "a whole number such as 12000 or 12 000")

    def date(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        cells = _distinct_cells(frame, col)
        if cells[col].dtype == pl.Date:
            parsed = pl.col(col)
        elif cells[col].dtype == pl.Datetime:
            parsed = pl.col(col).dt.date()
        else:
            text = pl.col(col).cast(pl.Utf8).str.strip_chars()
            parsed = numbers.parse_date(text, pivot=self._pivot)
            bad = parsed.is_null() & text.is_not_null() & (text != "")
            self._report(self.error, frame, col, cells, bad, "not a date", "a date such as 2024-03-31 or 31/03/2024")
            self._short_iso(frame, col, cells.with_columns(parsed.alias("__date")), text)
        cells = cells.with_columns(parsed.alias(col))
        for mask, message, expected in (
            (pl.col(col) > self.today, "date in the future", f"a date on or before {self.today.isoformat()}"),
            (pl.col(col).dt.year() < 1900, "date before 1900", "a date such as 2024-03-31 or 31/03/2024"),
        ):
            self._report(self.error, frame, col, cells, mask, message, expected, value=pl.col(col))
        return _join_cells(frame, cells, col)

    def _short_iso(self, frame: pl.DataFrame, col: str, cells: pl.DataFrame, text: pl.Expr) -> None:
        """Name in a warning (an error in strict mode) every row whose dashed two-digit-year
        date ("24-01-01") also reads as a different past date in short ISO order."""
        reading = numbers.short_iso_reading(text, pivot=self._pivot)
        date, other = pl.col("__date"), pl.col("__other")
        cells = cells.with_columns(reading.alias("__other")).filter(
            other.is_not_null() & (other != date) & (other <= self.today)
        )
        message = (
            "read as " + date.dt.strftime("%d/%m/%Y") + " (day-month-year); if "
            + other.dt.strftime("%Y-%m-%d") + " is meant, write it so"
        )
        self._doubt_cells(frame, col, cells, message, "a date with a four-digit year such as 2024-01-01")

    def _doubt_cells(self, frame: pl.DataFrame, col: str, cells: pl.DataFrame, message: pl.Expr,
                     expected: str) -> None:
        """:meth:`doubt` for every row whose cell is one of ``cells``, with the ``message``
        computed on the distinct cells."""
        hits = _cell_rows(frame, col, cells, pl.struct(pl.col(_CELL).alias("cell"), message.alias("message")))
        for row, hit in hits:
            self.doubt(row, col, hit["cell"], hit["message"], expected)

    def _keys(self, frame: pl.DataFrame, col: str) -> tuple[pl.DataFrame, str]:
        """The distinct cells of a single-choice column, cleaned like :meth:`text` (column
        ``col``) with their vocabulary key (column ``__key``), and the valid values."""
        cells = _distinct_cells(frame, col).with_columns(_cleaned(pl.col(col)).alias(col))
        vocabulary = COLUMN_BY_NAME[col].vocabulary
        if vocabulary:
            keys = taxonomy.resolve(cells[col], vocabulary)
            valid = ", ".join(sorted(taxonomy.keys(vocabulary)))
        elif col == "identifiability":
            keys = cells.select(
                taxonomy.normalise_text(pl.col(col)).replace_strict(_IDENTIFIABILITY_WORDS, default=None)
            )[col]
            valid = ", ".join(IDENTIFIABILITY_LEVELS)
        elif col == "role":
            words = {taxonomy.normalise(k): v for k, v in ROLE_WORDS.items()}
            keys = cells.select(taxonomy.normalise_text(pl.col(col)).replace_strict(words, default=None))[col]
            valid = ", ".join(ROLES) + " (responsable de traitement, sous-traitant, responsable conjoint)"
        else:  # art9_condition: a letter of Art. 9(2)
            keys = cells.select(pl.col(col).str.to_lowercase().str.extract(r"(?:^|\(|\s)([a-j])\)?\s*$", 1))[col]
            valid = "a letter of Art. 9(2), a to j"
        return cells.with_columns(keys.alias("__key")), valid

    def choice(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        """Single value from a vocabulary (legal basis, safeguard, identifiability, Art. 9(2))."""
        cells, valid = self._keys(frame, col)
        bad = pl.col("__key").is_null() & pl.col(col).is_not_null()
        self._report(self.error, frame, col, cells, bad, f"unknown {col.replace('_', ' ')}", valid, pl.col(col))
        return _join_cells(frame, cells.with_columns(pl.col("__key").alias(col)).drop("__key"), col)

    def open_choice(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        """Single value from a vocabulary whose unknown values fall back to the column's
        default with a warning (``purpose_type`` → ``other``): nothing guessed silently."""
        cells, valid = self._keys(frame, col)
        bad = pl.col("__key").is_null() & pl.col(col).is_not_null()
        fallback = COLUMN_BY_NAME[col].default
        read = f"read as {fallback!r}" if fallback is not None else "read as not declared"
        self._report(self.warn, frame, col, cells, bad, f"unknown {col.replace('_', ' ')}, {read}", valid, pl.col(col))
        result = pl.when(bad).then(pl.lit(fallback, dtype=pl.Utf8)).otherwise(pl.col("__key")).alias(col)
        return _join_cells(frame, cells.with_columns(result).drop("__key"), col)

    def listing(self, frame: pl.DataFrame, col: str) -> pl.DataFrame:
        """Multi-valued cells: split, trim, resolve to vocabulary keys, de-duplicate.

        Every step is a function of the cell alone, so each *distinct* cell is processed once
        (registers repeat a few combinations) and the result joined back to the rows; only the
        problems are looked up row by row, in file order.
        """
        cells = _distinct_cells(frame, col)
        if cells[col].dtype == pl.Utf8:
            if col in _FREE_TEXT_LISTS:  # names such as "Salesforce, Inc." keep their commas
                text = pl.col(col).str.replace_all(_COMPANY_SUFFIX, "\u0002$1")
                seps = r"[|;,\n]"
                split = (
                    text.str.replace_all(seps, "\u0001")
                    .str.replace_all("\u0002", ",", literal=True)
                    .str.split("\u0001")
                )
            elif col == "data_categories":  # known labels whole, longest first (categories.py)
                split = categories.split_cells(pl.col(col))
            else:  # "Identity (name, date of birth)": parentheses explain, they do not list
                text, seps = pl.col(col).str.replace_all(r"\([^)]*\)", " "), categories.SEPARATORS
                split = text.str.replace_all(seps, "\u0001").str.split("\u0001")
            cells = cells.with_columns(split.alias(col))
        cells = cells.with_columns(
            pl.col(col)
            .cast(pl.List(pl.Utf8))
            .list.eval(pl.element().str.strip_chars())
            .list.filter(pl.element().is_not_null() & (pl.element() != ""))
            .fill_null(pl.lit([], dtype=pl.List(pl.Utf8)))
        )
        # Each distinct value is resolved once; the lists are then rewritten in place
        # (no explode / group-by of the whole column).
        occurrences = _Occurrences(frame, cells, col)
        distinct = cells.select(pl.col(col).explode().drop_nulls().unique(maintain_order=True))[col]
        vocabulary = COLUMN_BY_NAME[col].vocabulary
        if col == "third_countries":
            norm = pl.DataFrame({"raw": distinct}).with_columns(taxonomy.normalise_text(pl.col("raw")).alias("text"))
            none = norm.filter(pl.col("text").str.contains(_NO_TRANSFER_RE))["raw"]
            yes = norm.filter(pl.col("text").is_in(_TRANSFER_YES))["raw"]
            for row, value in occurrences(yes):
                self.doubt(row, col, value, "transfer outside the EU declared without naming the country",
                           "the destination countries, e.g. US, IN")
            keyed = norm.filter(~pl.col("raw").is_in(none.implode()) & ~pl.col("raw").is_in(yes.implode())).join(
                country_lookup(), on="text", how="left", maintain_order="left"
            )
            for row, value in occurrences(keyed.filter(pl.col("key").is_null())["raw"]):
                self.error(row, col, value, "unknown country", "an ISO 3166 code such as US, IN or a country name")
            cells = cells.with_columns(
                pl.col(col).list.filter(~pl.element().is_in(pl.concat([none, yes]).implode()))
            )
            old, new = keyed["raw"], keyed["key"].fill_null(keyed["raw"])
        elif vocabulary == "category":
            keys = self._categories(occurrences, col, distinct)
            unknown = distinct.filter(keys.is_null())
            cells = cells.with_columns(
                pl.col(col).list.filter(pl.element().is_in(unknown.implode())).list.unique(maintain_order=True)
                .alias(_UNMAPPED),
                pl.col(col).list.filter(~pl.element().is_in(unknown.implode())),
            )
            old, new = distinct.filter(keys.is_not_null()), keys.drop_nulls()
        elif vocabulary:
            keys = taxonomy.resolve(distinct, vocabulary)
            valid = f"one of {', '.join(sorted(taxonomy.keys(vocabulary)))}"
            for row, value in occurrences(distinct.filter(keys.is_null())):
                self.warn(row, col, value, f"unknown {vocabulary.replace('_', ' ')} kept as written", valid)
            old, new = distinct, keys.fill_null(distinct)
        else:
            old = new = None
        if old is not None and len(old):
            cells = cells.with_columns(
                pl.col(col).list.eval(pl.element().replace(old, new))
            )
        cells = cells.with_columns(pl.col(col).list.unique(maintain_order=True))
        return _join_cells(frame, cells, col)

    def _categories(self, occurrences: _Occurrences, col: str, distinct: pl.Series) -> pl.Series:
        """Keys of the distinct category labels (user mapping first, then the taxonomy; null
        where nothing matched), reporting each unmapped occurrence with a suggestion — a
        warning, or an error in strict mode; the caller keeps the label in
        ``unmapped_categories``."""
        keys = taxonomy.resolve(distinct, "category")
        if self.mapping:
            user = pl.DataFrame(
                {"text": list(self.mapping), "__user": list(self.mapping.values())},
                schema={"text": pl.Utf8, "__user": pl.Utf8},
            )
            texts = pl.DataFrame({"text": distinct}).select(taxonomy.normalise_text(pl.col("text")))
            keys = texts.join(user, on="text", how="left", maintain_order="left")["__user"].fill_null(keys)
        unknown = distinct.filter(keys.is_null())
        if len(unknown):
            occurrences = occurrences(unknown)
            hints: dict[str, str | None] = {}
            for _, label in occurrences:
                self.unmapped[label] = self.unmapped.get(label, 0) + 1
                if label not in hints and len(hints) < categories.MAX_SUGGESTIONS:
                    hints[label] = categories.suggest(label)
            for row, value in occurrences:
                hint = hints.get(value)
                self.doubt(
                    row,
                    col,
                    value,
                    "unknown data category; the row is kept and the label recorded in unmapped_categories"
                    + (f" (did you mean '{hint}'?)" if hint else ""),
                    "a category key or label of rgpd_risk.taxonomy.categories(), e.g. contact, health, nir, "
                    "or a line in a mapping file (--map)",
                )
        return keys

    # -- whole frame -------------------------------------------------------------------
    def run(self) -> tuple[pl.DataFrame, tuple[tuple[str, int], ...]]:
        mapping = self.map_headers()
        frame = (_from_typed(self.raw, mapping) if self.raw.format == "parquet"
                 else _as_frame(self.raw, mapping, self.issues))
        present = set(mapping.values())
        for col in COLUMNS:
            if col.name not in present or col.name == "source_row":
                continue
            if col.name in ("legal_basis", "transfer_safeguard", "identifiability", "art9_condition", "role"):
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
        if _UNMAPPED in frame.columns:
            if "unmapped_categories" in frame.columns:  # a file written by write_inventory
                frame = frame.with_columns(
                    pl.concat_list("unmapped_categories", _UNMAPPED).list.unique(maintain_order=True)
                    .alias("unmapped_categories")
                )
                frame = frame.drop(_UNMAPPED)
            else:
                frame = frame.rename({_UNMAPPED: "unmapped_categories"})
        frame = self.check_rows(frame, present)
        frame = self.cross_check(frame, present)
        frame = self.retention(frame, present)
        self.role_notes(frame, present)
        return self.complete(frame, present)

    def role_notes(self, frame: pl.DataFrame, present: set[str]) -> None:
        """Say how many rows take the default role (controller) and how many US transfers the
        default DPF status (not certified) — the two defaults that decide who owes what and
        whether a US transfer is covered (issue #12)."""
        self.notes: list[str] = []
        n_role = frame.height if "role" not in present else frame["role"].null_count()
        if n_role:
            self.notes.append(f"role: {n_role} of {frame.height} row(s) without a role, taken as controller "
                              "(controller duties are checked on them)")
        if "third_countries" in present:
            us = pl.col("third_countries").list.contains("US").fill_null(False)
            unknown = us if "dpf_certified" not in present else us & pl.col("dpf_certified").is_null()
            n_us = frame.select(unknown.sum()).item()
            if n_us:
                self.notes.append(f"dpf_certified: {n_us} row(s) with a US transfer and no DPF status, taken as "
                                  "not certified (an 'adequacy' declaration does not cover them)")

    def check_rows(self, frame: pl.DataFrame, present: set[str]) -> pl.DataFrame:
        for col in ("dataset_id", "name"):
            if col in present:
                for row, _ in _issue_rows(frame, pl.col(col).is_null(), col):
                    self.error(row, col, None, f"empty {col.replace('_', ' ')}", "a value in every row")
        if "dataset_id" in present:
            dup = frame.lazy().select(ROW, "dataset_id").filter(
                pl.col("dataset_id").is_not_null() & pl.col("dataset_id").is_duplicated()
            ).collect()
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

    def cross_check(self, frame: pl.DataFrame, present: set[str]) -> pl.DataFrame:
        """The register's own yes/no answers against what its other columns say."""
        if "sensitive_declared" in present and "data_categories" in present:
            cats = taxonomy.categories()
            special = cats.filter(pl.col("art9") | pl.col("art10"))["key"].to_list()
            has = pl.col("data_categories").list.eval(pl.element().is_in(special)).list.any()
            unmapped = pl.lit(False)
            if "unmapped_categories" in frame.columns:
                unmapped = pl.col("unmapped_categories").list.len() > 0
            for row, value in _issue_rows(frame, (pl.col("sensitive_declared") == True) & ~has & ~unmapped,  # noqa: E712
                                          "sensitive_declared"):
                self.doubt(row, "sensitive_declared", "Oui" if value else value,
                           "sensitive data declared but no Art. 9 / Art. 10 category is listed",
                           "the special categories in the data-categories column (e.g. health, criminal)")
            for row, value in _issue_rows(frame, (pl.col("sensitive_declared") == False) & has,  # noqa: E712
                                          "sensitive_declared"):
                self.doubt(row, "sensitive_declared", "Non" if value is False else value,
                           "'no sensitive data' declared but an Art. 9 / Art. 10 category is listed",
                           "Oui, or no special category in the data-categories column")
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
        minimum = is_minimum(frame["retention_text"])
        for row, value in _issue_rows(frame.with_columns(minimum.alias("__min")), pl.col("__min"), "retention_text"):
            self.warn(
                row,
                "retention_text",
                value,
                "retention stated as a minimum, not a time limit for erasure; treated as no limit",
                "the longest period the data are kept, e.g. '5 ans après la fin du contrat'",
            )
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
