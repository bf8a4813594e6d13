"""HTML rendering of an :class:`~rgpd_risk.assessment.result.Assessment` (the notebook view).

The Excel workbook is written by the report layer (:func:`rgpd_risk.report.excel.write_assessment`).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from rgpd_risk.assessment.result import Assessment

__all__ = ["to_html"]

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
