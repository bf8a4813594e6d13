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
                 widths: dict[str, int] | None = None, levels: list | None = None,
                 money: frozenset[str] = frozenset()) -> None:
    sheet = book.add_worksheet(name[:31])
    header = book.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF",
                              "text_wrap": True, "valign": "top", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"valign": "top", "num_format": "#,##0.0"})
    integer = book.add_format({"valign": "top", "num_format": "#,##0"})
    euros = book.add_format({"valign": "top", "num_format": "#,##0\\ \"€\""})
    kinds = [("eur" if c in money else "int" if dtype.is_integer() else "num")
             for c, dtype in frame.schema.items()]
    level_formats = {k: book.add_format({"bg_color": c, "valign": "top", "text_wrap": True})
                     for k, c in _LEVEL_COLOURS.items()}
    for col, name_ in enumerate(frame.columns):
        sheet.write_string(0, col, neutralise(str(name_)), header)
        sheet.set_column(col, col, (widths or {}).get(name_, 18))
    level_idx = frame.columns.index(level_column) if level_column in frame.columns else None
    for r, row in enumerate(frame.iter_rows(), start=1):
        key = (levels[r - 1] if levels is not None
               else row[level_idx] if level_idx is not None else None)
        fmt_row = level_formats.get(str(key)) if key is not None else None
        for c, raw in enumerate(row):
            value = _cell_value(raw)
            if value is None:
                sheet.write_blank(r, c, None, fmt_row or wrap)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value, fmt_row or wrap)
            elif isinstance(value, (int, float)):
                fmt = {"eur": euros, "int": integer}.get(kinds[c], number)
                sheet.write_number(r, c, float(value), fmt_row or fmt)
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

    check_lang(lang)
    d = assessment.datasets
    from rgpd_risk.report.figures import gravest_event

    worst = gravest_event(d)  # the map's placement and its zone: the one risk level
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
        .select("dataset_id", "name", "zone", "risk_level", pl.col("risk_score").round(1), "event",
                "severity", "likelihood", "enisa_se", "enisa_band", "notify_authority", "inform_subjects",
                "dpia_verdict", "dpia_done", "legal_basis", "findings_total", "findings_83_5",
                "findings_83_4", "findings_high", *extra)
    )
    from rgpd_risk.remediation import with_action_labels
    from rgpd_risk.report.evidence import evidence_expr

    findings = (
        with_action_labels(assessment.findings)
        .join(d.select("dataset_id", "name"), on="dataset_id", how="left")
        .select("dataset_id", "name", "code", pl.col("articles"), "tier", "seriousness",
                pl.col(f"title_{lang}").alias("title"),
                pl.col(f"explanation_{lang}").alias("explanation"),
                evidence_expr("evidence", lang).alias("evidence"), "action",
                pl.col(f"action_{lang}").alias("action_label"))
        .sort(["dataset_id", "code"])
    )
    if plan is not None:
        steps = plan_sheet(plan, lang)
    else:
        from rgpd_risk.remediation.plan import PLAN_COLUMNS

        steps = pl.DataFrame(schema=PLAN_COLUMNS).select("step", "action")
    return {"datasets": datasets, "findings": findings, "plan": steps}


MONEY_COLUMNS = frozenset({"expected_cost", "p90_cost", "legal_maximum", "cost_eur",
                           "cumulative_cost_eur", "exposure_removed", "remaining_expected_exposure",
                           "remaining_p90_exposure"})
"""Euro columns of the register: rounded to the euro and shown as ``# ##0 €``."""

_PLAN_COLUMNS = ("step", "label", "band_label", "owner_label", "horizon", "depends_on",
                 "seed_action", "seed_action_label", "effort_days", "cost_eur", "external_costs",
                 "cumulative_effort_days", "cumulative_cost_eur", "datasets", "n_datasets",
                 "findings_resolved", "risk_removed", "exposure_removed",
                 "remaining_expected_exposure", "remaining_p90_exposure", "remaining_risk_total",
                 "remaining_findings")


def text_of(column: str, lang: str) -> str:
    """Header of ``column`` in the register of ``lang`` (the key itself in English)."""
    from rgpd_risk.i18n import has_text, text

    key = f"register.columns.{column}"
    return text(key, lang) if lang == "fr" and has_text(key) else column


def _round_money(frame: pl.DataFrame) -> pl.DataFrame:
    cols = [c for c in frame.columns if c in MONEY_COLUMNS]
    return frame.with_columns(pl.col(cols).round(0)) if cols else frame


def _localise(sheet: str, frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The French register: French headers (text catalogue ``register.columns``) and values
    (levels, feared events, yes/no, DPIA verdicts, legal bases, seriousness); code columns
    that only repeat a label are dropped. The English register keeps the column keys."""
    from rgpd_risk import taxonomy
    from rgpd_risk.assessment.dpia import DPIA_VERDICTS
    from rgpd_risk.i18n import has_text, text
    from rgpd_risk.report.figures import zone_label

    if lang != "fr":
        return frame
    yes, no = t("yes", lang), t("no", lang)
    out = frame
    if sheet == "plan":
        out = out.select([c for c in _PLAN_COLUMNS if c in out.columns])
        if "depends_on" in out.columns:
            out = out.with_columns(pl.col("depends_on").cast(pl.List(pl.Utf8)).list.join(", "))
        if "horizon" in out.columns:
            out = out.with_columns(pl.col("horizon").str.replace("-", "–"))
    if sheet == "findings":
        out = out.drop([c for c in ("action",) if c in out.columns])
        if "seriousness" in out.columns:
            out = out.with_columns(pl.col("seriousness").replace_strict(
                {k: t(k, lang) for k in ("low", "medium", "high")}, default=pl.col("seriousness")))
    exprs = []
    for c, dtype in out.schema.items():
        if dtype == pl.Boolean:
            exprs.append(pl.when(pl.col(c)).then(pl.lit(yes)).when(~pl.col(c)).then(pl.lit(no))
                         .otherwise(None).alias(c))
    if exprs:
        out = out.with_columns(exprs)
    mapped = {
        "risk_level": {k: text(f"register.levels.{k}", lang) for k in ("low", "medium", "high", "critical")},
        "zone": {k: zone_label(k, lang) for k in ("low", "moderate", "high", "critical")},
        "event": {k: text(f"register.events.{k}", lang) for k in ("access", "modification", "disappearance")},
        "enisa_band": {k: t(f"enisa_{k.replace(' ', '_')}", lang)
                       for k in ("low", "medium", "high", "very high")},
        "dpia_verdict": {v: t(f"dpia_{v}", lang) for v in DPIA_VERDICTS},
        "legal_basis": dict(zip(*taxonomy.legal_bases().select("key", "label_fr").to_dict(as_series=False).values(),
                                strict=True)),
        "regime": {"GDPR": "RGPD", "LIL": "loi Informatique et Libertés", "CPCE": "CPCE",
                   "AI Act": "règlement sur l'IA"},
        "kind": {"breach": "écart", "attention": "point d'attention"},
    }
    out = out.with_columns([pl.col(c).replace_strict(m, default=pl.col(c)).alias(c)
                            for c, m in mapped.items() if c in out.columns])
    return out.rename({c: text(f"register.columns.{c}", lang) for c in out.columns
                       if has_text(f"register.columns.{c}")})


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
    frames = {k: _round_money(v) for k, v in
              risk_register_frames(inventory, assessment, lang, plan=plan, exposure=exposure).items()}
    levels = {"datasets": frames["datasets"]["risk_level"].to_list()
              if "risk_level" in frames["datasets"].columns else None,
              "findings": frames["findings"]["seriousness"].to_list()
              if "seriousness" in frames["findings"].columns else None, "plan": None}
    money = {k: frozenset(c for c in v.columns if c in MONEY_COLUMNS) for k, v in frames.items()}
    if lang == "fr":
        from rgpd_risk.i18n import has_text, text

        money = {k: frozenset(text(f"register.columns.{c}", lang)
                              if has_text(f"register.columns.{c}") else c for c in v)
                 for k, v in money.items()}
    shown = {k: _localise(k, v, lang) for k, v in frames.items()}
    names = {"datasets": t("datasets", lang), "findings": t("findings", lang), "plan": t("plan", lang)}
    with atomic_path(path, suffix=".xlsx") as tmp, \
            xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False}) as book:
        for key, widths in (("datasets", {"name": 40}),
                            ("findings", {"name": 32, "title": 40, "explanation": 60, "evidence": 50,
                                          "action_label": 45}),
                            ("plan", {"label": 50, "seed_action_label": 40, "datasets": 60})):
            _write_sheet(book, names[key], shown[key], levels=levels[key], money=money[key],
                         widths={(text_of(c, lang)): w for c, w in widths.items()})
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
