"""The immutable result of a scan and its renderings (frame, dict, JSON, HTML)."""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

import polars as pl

from rgpd_risk.atomic import write_text_atomic

#: One row per scanned column. ``is_special_category``: the category is one of Art. 9(1)
#: GDPR; ``is_offence_data``: data relating to criminal convictions and offences (Art. 10);
#: both read from the taxonomy's ``art9`` / ``art10`` flags.
COLUMNS_SCHEMA: Final[dict[str, pl.DataType]] = {
    "source": pl.Utf8(),
    "table": pl.Utf8(),
    "column": pl.Utf8(),
    "entity": pl.Utf8(),
    "category": pl.Utf8(),
    "is_special_category": pl.Boolean(),
    "is_offence_data": pl.Boolean(),
    "confidence": pl.Float64(),
    "match_share": pl.Float64(),
    "match_share_low": pl.Float64(),
    "match_share_high": pl.Float64(),
    "n_sampled": pl.Int64(),
    "n_non_null": pl.Int64(),
    "evidence": pl.List(pl.Utf8()),
    "examples": pl.List(pl.Utf8()),
    "date_min": pl.Date(),
    "date_max": pl.Date(),
    "distinct_estimate": pl.Int64(),
}
ERRORS_SCHEMA: Final[dict[str, pl.DataType]] = {"source": pl.Utf8(), "table": pl.Utf8(), "error": pl.Utf8()}


def empty_columns() -> pl.DataFrame:
    """An empty frame with :data:`COLUMNS_SCHEMA`.

    Examples
    --------
    >>> empty_columns().columns[:4]
    ['source', 'table', 'column', 'entity']
    """
    return pl.DataFrame(schema=COLUMNS_SCHEMA)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class ScanResult:
    """What a scan found, one row per column (see :data:`COLUMNS_SCHEMA`).

    Attributes
    ----------
    columns
        One row per scanned column: entity, GDPR category, confidence, match share with
        its 95 % Wilson interval, counts, evidence and masked examples only.
    errors
        Tables or files that could not be read in a folder or database scan.
    parameters
        The scan parameters (sample size, full scan, seed, scan date).

    Examples
    --------
    >>> r = ScanResult(empty_columns())
    >>> r.to_dict()["columns"]
    []
    >>> "<table" in r._repr_html_()
    True
    """

    columns: pl.DataFrame
    errors: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=ERRORS_SCHEMA))
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pl.DataFrame:
        """Return the per-column frame."""
        return self.columns

    def personal(self) -> pl.DataFrame:
        """Return only the columns classified as personal data (category not null)."""
        return self.columns.filter(pl.col("category").is_not_null())

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (dates as ISO strings)."""
        rows = [{k: _jsonable(v) for k, v in row.items()} for row in self.columns.to_dicts()]
        errors = self.errors.to_dicts()
        return {"parameters": {k: _jsonable(v) for k, v in self.parameters.items()}, "columns": rows, "errors": errors}

    def to_json(self, path: str | os.PathLike[str] | None = None) -> str:
        """Serialise to JSON; also write it to ``path`` if given. Returns the JSON text."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        if path is not None:
            write_text_atomic(path, text)
        return text

    def _repr_html_(self) -> str:
        shown = [
            "source",
            "table",
            "column",
            "entity",
            "category",
            "is_special_category",
            "is_offence_data",
            "confidence",
            "match_share",
            "n_non_null",
            "evidence",
            "examples",
        ]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in shown)
        body = []
        for row in self.columns.select(shown).iter_rows(named=True):
            cells = []
            for c in shown:
                v = row[c]
                if isinstance(v, float):
                    text = f"{v:.2f}"
                elif isinstance(v, list):
                    text = ", ".join(str(x) for x in v)
                else:
                    text = "" if v is None else str(v)
                cells.append(f"<td>{html.escape(text)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        n_personal = self.personal().height
        caption = html.escape(f"Personal-data discovery: {self.columns.height} columns scanned, {n_personal} personal")
        errors = ""
        if self.errors.height:
            items = "".join(
                f"<li>{html.escape(str(e['source']))} {html.escape(str(e['table']))}: "
                f"{html.escape(str(e['error']))}</li>"
                for e in self.errors.iter_rows(named=True)
            )
            errors = f"<p>Not scanned:</p><ul>{items}</ul>"
        return (
            f"<div><table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>{errors}</div>"
        )
