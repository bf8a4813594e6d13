"""Rendering of an :class:`~rgpd_risk.assessment.result.Assessment`: Excel and HTML (I/O edge)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from rgpd_risk.atomic import atomic_path
from rgpd_risk.formatting import neutralise_formulas

if TYPE_CHECKING:
    from rgpd_risk.assessment.result import Assessment

__all__ = ["write_excel", "to_html", "EXCEL_MAX_ROWS"]

#: Excel's sheet limit, header included.
EXCEL_MAX_ROWS = 1_048_576


def _write_sheet(workbook, name: str, frame: pl.DataFrame) -> None:
    if frame.height + 1 > EXCEL_MAX_ROWS:
        raise ValueError(f"sheet {name!r}: {frame.height} rows exceed Excel's limit; "
                         "filter the assessment or use Parquet")
    ws = workbook.add_worksheet(name)
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    safe = neutralise_formulas(frame)
    for j, col in enumerate(safe.columns):
        ws.write_string(0, j, col, header)
        series = safe[col]
        if series.dtype == pl.Utf8:
            width = min(60, max(len(col), int(series.str.len_chars().max() or 0))) + 2
            for i, value in enumerate(series.to_list(), start=1):
                if value is not None:
                    ws.write_string(i, j, value)
        else:
            width = max(len(col), 10) + 2
            ws.write_column(1, j, series.to_list())
        ws.set_column(j, j, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(safe.height, 1), max(len(safe.columns) - 1, 0))


def write_excel(assessment: Assessment, path: str | Path) -> Path:
    """Write the assessment to ``path`` atomically (temp file in the same folder, then
    :func:`os.replace`), so a reader never sees a half-written workbook."""
    import xlsxwriter

    path = Path(path)
    with atomic_path(path, suffix=".xlsx") as tmp:
        workbook = xlsxwriter.Workbook(str(tmp), {
            "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "nan_inf_to_errors": True})
        _write_sheet(workbook, "datasets", assessment.datasets)
        from rgpd_risk.remediation import with_action_labels  # the catalogue holds the labels

        _write_sheet(workbook, "findings", with_action_labels(assessment.findings))
        _write_sheet(workbook, "contributions", assessment.contributions)
        workbook.close()
    return path


def _table(frame: pl.DataFrame) -> str:
    safe = frame.with_columns(
        [pl.col(c).cast(pl.List(pl.Utf8)).list.join(", ")
         for c, t in frame.schema.items() if isinstance(t, pl.List)])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in safe.columns)
    body = "".join(
        "<tr>" + "".join(
            f"<td>{'' if v is None else html.escape(f'{v:.1f}' if isinstance(v, float) else str(v))}</td>"
            for v in row) + "</tr>"
        for row in safe.iter_rows())
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(assessment: Assessment, top: int = 15) -> str:
    """Notebook view: summary line, the riskiest datasets, the gravest findings. Every text
    coming from the inventory is HTML-escaped."""
    s = assessment.summary()
    org = ("" if assessment.organisation is None
           else f" — {html.escape(assessment.organisation.name)}")
    levels = ", ".join(f"{html.escape(str(k))}: {v}" for k, v in s["by_risk_level"].items())
    head = (f"<p><strong>GDPR assessment</strong>{org} on {assessment.today.isoformat()}: "
            f"{s['datasets']} datasets ({levels}); {s['findings']} findings; "
            f"DPIA required for {s['dpia_required']}. Scores and levels are our model, "
            f"not a CNIL/ENISA output.</p>")
    d = (assessment.datasets.sort("risk_score", "dataset_id", descending=[True, False])
         .head(top).select("dataset_id", "name", "risk_score", "risk_level",
                           "access_severity", "access_likelihood", "enisa_band",
                           "dpia_verdict", "findings_83_5", "findings_83_4"))
    rank = pl.col("seriousness").replace_strict({"high": 0, "medium": 1, "low": 2},
                                                default=3, return_dtype=pl.Int8)
    f = (assessment.findings.with_columns(rank.alias("_r")).sort("_r", "tier", "dataset_id",
                                                                 descending=[False, True, False])
         .head(top).select("dataset_id", "code", "tier", "seriousness", "title_en", "evidence"))
    return (f"<div>{head}<h4>Riskiest datasets</h4>{_table(d)}"
            f"<h4>Gravest findings</h4>{_table(f)}</div>")
