"""Write a :class:`~rgpd_risk.remediation.plan.Plan` to an Excel workbook (I/O edge)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl

__all__ = ["write_plan_excel"]

_FORMULA = r"^[=+\-@\t\r]"


def _safe(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells a spreadsheet would read as a formula get a leading apostrophe."""
    text = [c for c, t in frame.schema.items() if t == pl.Utf8]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA)).then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c)).alias(c) for c in text)


def write_plan_excel(plan, path: str | Path, lang: str = "fr") -> Path:
    """Sheets ``plan`` (one row per step, labels in ``lang``) and ``catalogue`` (atomic write).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from datetime import date
    >>> from rgpd_risk.inventory.organisation import Organisation
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> from rgpd_risk.remediation.plan import plan
    >>> f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["contact"],
    ...                          "legal_basis": "consent", "subject_count": 10}])
    >>> p = plan(f, organisation=Organisation(name="Acme", turnover_eur=1e6),
    ...          today=date(2025, 1, 1), n_draws=1_000)
    >>> out = write_plan_excel(p, pathlib.Path(tempfile.mkdtemp()) / "plan.xlsx", "en")
    >>> out.suffix, out.stat().st_size > 0
    ('.xlsx', True)
    """
    from rgpd_risk.remediation.catalogue import default_catalogue

    path = Path(path)
    steps = _safe(plan.to_frame(lang).with_columns(pl.col("datasets").list.join(", ")))
    cat = _safe(default_catalogue().to_frame().with_columns(
        pl.col("resolves", "requires", "aliases").list.join(", ")))
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent if path.parent.exists() else None)
    os.close(fd)
    try:
        import xlsxwriter

        with xlsxwriter.Workbook(tmp) as wb:
            steps.write_excel(wb, worksheet="plan", autofit=True, freeze_panes=(1, 0))
            cat.write_excel(wb, worksheet="catalogue", autofit=True, freeze_panes=(1, 0))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
