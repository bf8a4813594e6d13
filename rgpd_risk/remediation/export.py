"""Write a :class:`~rgpd_risk.remediation.plan.Plan` to an Excel workbook (I/O edge)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from rgpd_risk.atomic import atomic_path
from rgpd_risk.formatting import neutralise_formulas

__all__ = ["write_plan_excel"]


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
    steps = neutralise_formulas(plan.to_frame(lang).with_columns(pl.col("datasets").list.join(", ")))
    cat = neutralise_formulas(default_catalogue().to_frame().with_columns(
        pl.col("resolves", "requires", "aliases").list.join(", ")))
    import xlsxwriter

    with atomic_path(path, suffix=".xlsx") as tmp, xlsxwriter.Workbook(str(tmp)) as wb:
        steps.write_excel(wb, worksheet="plan", autofit=True, freeze_panes=(1, 0))
        cat.write_excel(wb, worksheet="catalogue", autofit=True, freeze_panes=(1, 0))
    return path
