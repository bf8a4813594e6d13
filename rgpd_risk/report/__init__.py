"""Reports: thin parametrised notebooks executed with papermill and exported as HTML / PDF / XLSX.

* :mod:`~rgpd_risk.report.i18n` — French / English labels, Babel formatting (``format_eur``).
* :mod:`~rgpd_risk.report.views` — aggregated summary frames behind each report.
* :mod:`~rgpd_risk.report.figures` — pure plotly figure builders.
* :mod:`~rgpd_risk.report.html` — escaped tables and the :class:`Report` display helper.
* :mod:`~rgpd_risk.report.runner` — papermill execution, HTML / PDF export, atomic output.
* :mod:`~rgpd_risk.report.history` — run history keyed by idempotent run ids.
* :mod:`~rgpd_risk.report.excel` — the one workbook writer and the Excel workbooks.

The command ``rgpd-risk report KIND INVENTORY`` lives in :mod:`rgpd_risk.cli.report`.
"""

from __future__ import annotations

from rgpd_risk.report.html import Html, Report
from rgpd_risk.report.i18n import (
    LANGS,
    format_date,
    format_eur,
    format_eur_short,
    format_number,
    format_percent,
    t,
)
from rgpd_risk.report.runner import KINDS, ReportError, RunResult, run_reports

__all__ = [
    "KINDS",
    "LANGS",
    "Html",
    "Report",
    "ReportError",
    "RunResult",
    "format_date",
    "format_eur",
    "format_eur_short",
    "format_number",
    "format_percent",
    "run_reports",
    "t",
]
