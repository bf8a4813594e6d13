"""The one workbook writer (:func:`write_workbook`: frames in, file out) and the workbooks of
the library: the risk register of a run (datasets, findings and plan sheets), the assessment
(datasets, findings, contributions) and the remediation plan (plan, catalogue).

The datasets sheet carries the risk (assessment) and the fine exposure per dataset
(:func:`rgpd_risk.fine_exposure`); the plan sheet is the prioritised plan of
:func:`rgpd_risk.plan`, each step with its seed action.

Headers are frozen and filterable, risk levels and seriousness are coloured, and every text
cell is written as a string; text that a spreadsheet could read as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return — OWASP "CSV injection") is prefixed with
an apostrophe. The workbook is written next to its target and renamed into place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import polars as pl
import xlsxwriter

from rgpd_risk.assessment.result import Assessment
from rgpd_risk.atomic import atomic_path
from rgpd_risk.formatting import neutralise
from rgpd_risk.pipeline import Run
from rgpd_risk.remediation.catalogue import default_catalogue, with_action_labels
from rgpd_risk.remediation.plan import PLAN_COLUMNS, Plan
from rgpd_risk.report.i18n import check_lang, t
from rgpd_risk.report.views import worst_event

#: Excel's sheet limit, header included.
EXCEL_MAX_ROWS = 1_048_576

_LEVEL_COLOURS = {"critical": "#C0392B", "high": "#F8D7DA", "medium": "#FFF3CD", "low": "#D1E7DD"}


def _cell_value(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return ", ".join("" if v is None else str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _write_sheet(book, name: str, frame: pl.DataFrame, *, level_column: str | None = None,
                 widths: dict[str, int] | None = None) -> None:
    sheet = book.add_worksheet(name[:31])
    header = book.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF",
                              "text_wrap": True, "valign": "top", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"valign": "top", "num_format": "#,##0.##"})
    level_formats = {k: book.add_format({"bg_color": c, "valign": "top", "text_wrap": True})
                     for k, c in _LEVEL_COLOURS.items()}
    for col, name_ in enumerate(frame.columns):
        sheet.write_string(0, col, neutralise(str(name_)), header)
        sheet.set_column(col, col, (widths or {}).get(name_, 18))
    level_idx = frame.columns.index(level_column) if level_column in frame.columns else None
    for r, row in enumerate(frame.iter_rows(), start=1):
        fmt_row = level_formats.get(str(row[level_idx])) if level_idx is not None else None
        for c, raw in enumerate(row):
            value = _cell_value(raw)
            if value is None:
                sheet.write_blank(r, c, None, fmt_row or wrap)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value, fmt_row or wrap)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, float(value), fmt_row or number)
            else:  # always a string, never a formula
                sheet.write_string(r, c, neutralise(str(value)), fmt_row or wrap)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(frame.height, 1), max(len(frame.columns) - 1, 0))


MAX_LISTED_DATASETS = 50
"""A plan step lists at most this many dataset ids in its cell (the count is always given);
a spreadsheet cell holds at most 32 767 characters."""


def plan_sheet(plan, lang: str) -> pl.DataFrame:
    """The plan sheet: :meth:`rgpd_risk.Plan.to_frame` in ``lang``, one row per step, the
    datasets changed listed (at most :data:`MAX_LISTED_DATASETS`, then "…")."""
    frame = plan.to_frame(lang)
    more = pl.when(pl.col("datasets").list.len() > MAX_LISTED_DATASETS).then(pl.lit(", …")).otherwise(pl.lit(""))
    return frame.with_columns(
        (pl.col("datasets").list.head(MAX_LISTED_DATASETS).list.join(", ") + more).alias("datasets"))


def risk_register_frames(run: Run, lang: str) -> dict[str, pl.DataFrame]:
    """The three sheets of a :class:`~rgpd_risk.pipeline.Run` as frames: datasets (risk and
    fine exposure per dataset), findings (the reconciled scan findings included, action labels
    joined here), plan (:func:`rgpd_risk.plan` steps with their seed action; empty without a
    plan)."""
    inventory, assessment, plan, exposure = run.inventory, run.assessment, run.plan, run.exposure
    check_lang(lang)
    d = assessment.datasets
    worst = worst_event(d)
    frame = inventory.frame if hasattr(inventory, "frame") else inventory
    datasets = (
        d.join(worst, on="dataset_id", how="left")
        .join(frame.select("dataset_id", "legal_basis", "dpia_done"), on="dataset_id", how="left")
    )
    extra = []
    if exposure is not None:
        datasets = datasets.join(
            exposure.datasets.select("dataset_id", pl.col("tier").alias("fine_tier"), "expected_cost",
                                     pl.col("p90").alias("p90_cost"), "legal_maximum"),
            on="dataset_id", how="left")
        extra = ["fine_tier", "expected_cost", "p90_cost", "legal_maximum"]
    datasets = (
        datasets.sort(["risk_score", "dataset_id"], descending=[True, False])
        .select("dataset_id", "name", "risk_level", pl.col("risk_score").round(1), "event",
                "severity", "likelihood", "enisa_se", "enisa_band", "notify_authority", "inform_subjects",
                "dpia_verdict", "dpia_done", "legal_basis", "findings_total", "findings_83_5",
                "findings_83_4", "findings_high", *extra)
    )
    findings = (
        with_action_labels(assessment.findings)
        .join(d.select("dataset_id", "name"), on="dataset_id", how="left")
        .select("dataset_id", "name", "code", pl.col("articles"), "tier", "seriousness",
                pl.col(f"title_{lang}").alias("title"),
                pl.col(f"explanation_{lang}").alias("explanation"), "evidence", "action",
                pl.col(f"action_{lang}").alias("action_label"))
        .sort(["dataset_id", "code"])
    )
    if plan is not None:
        steps = plan_sheet(plan, lang)
    else:
        steps = pl.DataFrame(schema=PLAN_COLUMNS).select("step", "action")
    return {"datasets": datasets, "findings": findings, "plan": steps}


def write_risk_register(path: str | Path, run: Run, *, lang: str = "fr") -> Path:
    """Write the formatted risk register workbook of a run atomically; returns its path.

    Parameters
    ----------
    path : path
        Target ``.xlsx`` file.
    run : rgpd_risk.pipeline.Run
        The run (:func:`rgpd_risk.pipeline.run`) whose assessment, exposure and plan it lists.
    lang : {"fr", "en"}
        Language of the finding texts and of the plan.
    """
    path = Path(path)
    frames = risk_register_frames(run, lang)
    names = {"datasets": t("datasets", lang), "findings": t("findings", lang), "plan": t("plan", lang)}
    return write_workbook(
        path, {names[k]: v for k, v in frames.items()},
        levels={names["datasets"]: "risk_level", names["findings"]: "seriousness"},
        widths={names["datasets"]: {"name": 40},
                names["findings"]: {"name": 32, "title": 40, "explanation": 60, "evidence": 50,
                                    "action_label": 45},
                names["plan"]: {"label": 50, "seed_action_label": 40, "datasets": 60}},
        created=run.today)


def write_workbook(path: str | Path, sheets: Mapping[str, pl.DataFrame], *,
                   levels: Mapping[str, str] | None = None,
                   widths: Mapping[str, Mapping[str, int]] | None = None,
                   created: dt.date | None = None) -> Path:
    """Write frames as the sheets of one ``.xlsx`` file, atomically; returns its path.

    Every workbook of the library goes through here: headers frozen and filterable, text
    always written as strings (formula-like text neutralised, :func:`~rgpd_risk.formatting.neutralise`),
    lists joined, dates as ISO text, the ``levels`` column of a sheet coloured by level.

    Parameters
    ----------
    path : path
    sheets : mapping of sheet name to polars.DataFrame
    levels : mapping of sheet name to column, optional
        Column whose value (low / medium / high / critical) colours the row.
    widths : mapping of sheet name to {column: width}, optional
    created : datetime.date, optional
        The workbook's creation date property: the run's reference date, so the same inputs
        and date give the same bytes (default: 1 January 2000, never the wall clock).

    Raises
    ------
    ValueError
        A sheet exceeds Excel's row limit (nothing is written).
    """
    for name, frame in sheets.items():
        if frame.height + 1 > EXCEL_MAX_ROWS:
            raise ValueError(f"sheet {name!r}: {frame.height} rows exceed Excel's limit; "
                             "filter the data or use Parquet")
    path = Path(path)
    with atomic_path(path, suffix=".xlsx") as tmp, \
            xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False,
                                           "nan_inf_to_errors": True}) as book:
        day = created or dt.date(2000, 1, 1)
        book.set_properties({"created": dt.datetime(day.year, day.month, day.day)})
        for name, frame in sheets.items():
            _write_sheet(book, name, frame, level_column=(levels or {}).get(name),
                         widths=dict((widths or {}).get(name, {})))
    return path


def write_assessment(path: str | Path, assessment: Assessment) -> Path:
    """Sheets datasets / findings (action labels in French and English joined here) /
    contributions of an assessment (``rgpd-risk assess --xlsx``)."""
    return write_workbook(path, {
        "datasets": assessment.datasets,
        "findings": with_action_labels(assessment.findings),
        "contributions": assessment.contributions,
    }, levels={"datasets": "risk_level", "findings": "seriousness"}, created=assessment.today)


def write_plan(path: str | Path, plan: Plan, lang: str = "fr") -> Path:
    """Sheets ``plan`` (one row per step, labels in ``lang``) and ``catalogue``
    (``rgpd-risk plan --xlsx``)."""
    check_lang(lang)
    cat = default_catalogue().to_frame()
    return write_workbook(path, {"plan": plan.to_frame(lang), "catalogue": cat},
                          widths={"plan": {"label": 50, "datasets": 60}}, created=plan.today)
