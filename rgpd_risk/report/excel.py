"""The Excel risk register: datasets, findings and plan sheets, formatted for analysts.

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
from pathlib import Path

import polars as pl

from rgpd_risk.atomic import atomic_path
from rgpd_risk.formatting import neutralise
from rgpd_risk.report.i18n import check_lang, t

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


def risk_register_frames(inventory, assessment, lang: str, *, plan=None, exposure=None) -> dict[str, pl.DataFrame]:
    """The three sheets as frames: datasets (risk and, with ``exposure``, fine exposure per
    dataset), findings, plan (:func:`rgpd_risk.plan` steps with their seed action).

    ``plan`` and ``exposure`` are the results of :func:`rgpd_risk.report.views.remediation_plan`
    and :func:`rgpd_risk.report.views.exposure_or_none`; without a plan the sheet is empty.
    """
    from rgpd_risk.report import views

    check_lang(lang)
    d = assessment.datasets
    worst = views.worst_event(d)
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
    from rgpd_risk.remediation import with_action_labels

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
        from rgpd_risk.remediation.plan import PLAN_COLUMNS

        steps = pl.DataFrame(schema=PLAN_COLUMNS).select("step", "action")
    return {"datasets": datasets, "findings": findings, "plan": steps}


def write_risk_register(path: str | Path, inventory, assessment, *, lang: str = "fr", plan=None,
                        exposure=None, seed: int = 0) -> Path:
    """Write the formatted risk register workbook atomically; returns its path.

    Parameters
    ----------
    path : path
        Target ``.xlsx`` file.
    inventory : Inventory
    assessment : rgpd_risk.assessment.Assessment
    lang : {"fr", "en"}
        Language of the finding texts and of the plan.
    plan : rgpd_risk.Plan, optional
        Default: :func:`rgpd_risk.report.views.remediation_plan` with ``seed``.
    exposure : rgpd_risk.InventoryExposure, optional
        Default: :func:`rgpd_risk.report.views.exposure_or_none` with ``seed``.
    seed : int
        Seed of the plan and exposure computed here.
    """
    import xlsxwriter

    from rgpd_risk.report import views

    path = Path(path)
    if exposure is None:
        exposure = views.exposure_or_none(inventory, assessment, seed=seed)
    if plan is None:
        plan = views.remediation_plan(inventory, assessment, seed=seed)
    frames = risk_register_frames(inventory, assessment, lang, plan=plan, exposure=exposure)
    names = {"datasets": t("datasets", lang), "findings": t("findings", lang), "plan": t("plan", lang)}
    with atomic_path(path, suffix=".xlsx") as tmp, \
            xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False}) as book:
            _write_sheet(book, names["datasets"], frames["datasets"], level_column="risk_level",
                         widths={"name": 40})
            _write_sheet(book, names["findings"], frames["findings"], level_column="seriousness",
                         widths={"name": 32, "title": 40, "explanation": 60, "evidence": 50,
                                 "action_label": 45})
            _write_sheet(book, names["plan"], frames["plan"],
                         widths={"label": 50, "seed_action_label": 40, "datasets": 60})
    return path


def write_risk_register_from_paths(path: str | Path, inventory_path: str | Path,
                                   organisation_path: str | Path | None = None, *,
                                   lang: str = "fr", seed: int = 0) -> Path:
    """Load and assess an inventory, then write its risk register (used by ``--xlsx``)."""
    from rgpd_risk.inventory.load import load_inventory
    from rgpd_risk.report.runner import ReportError
    from rgpd_risk.report.views import assess_or_none

    inv = load_inventory(inventory_path, organisation_path)
    assessment = assess_or_none(inv)
    if assessment is None:
        raise ReportError("the Excel risk register needs rgpd_risk.assessment, which is not installed")
    return write_risk_register(path, inv, assessment, lang=lang, seed=seed)
