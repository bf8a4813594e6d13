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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import polars as pl
import xlsxwriter

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.assessment.config import FEARED_EVENTS
from rgpd_risk.assessment.dpia import DPIA_VERDICTS
from rgpd_risk.assessment.result import Assessment
from rgpd_risk.atomic import atomic_path
from rgpd_risk.formatting import neutralise
from rgpd_risk.i18n import has_text, text
from rgpd_risk.law import REGIMES
from rgpd_risk.pipeline import Run
from rgpd_risk.remediation.catalogue import default_catalogue, with_action_labels
from rgpd_risk.remediation.plan import PLAN_COLUMNS, Plan
from rgpd_risk.report.evidence import evidence_expr
from rgpd_risk.report.figures import gravest_event, zone_label
from rgpd_risk.report.i18n import check_lang, t

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


def risk_register_frames(run: Run, lang: str) -> dict[str, pl.DataFrame]:
    """The three sheets of a :class:`~rgpd_risk.pipeline.Run` as frames: datasets (risk and
    fine exposure per dataset, placed like the risk map by their gravest CNIL event and zone),
    findings (the reconciled scan findings included, action labels joined here, evidence in
    ``lang``), plan (:func:`rgpd_risk.plan` steps with their seed action; empty without a
    plan)."""
    inventory, assessment, plan, exposure = run.inventory, run.assessment, run.plan, run.exposure
    check_lang(lang)
    d = assessment.datasets
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
    key = f"register.columns.{column}"
    return text(key, lang) if lang == "fr" and has_text(key) else column


def _round_money(frame: pl.DataFrame) -> pl.DataFrame:
    cols = [c for c in frame.columns if c in MONEY_COLUMNS]
    return frame.with_columns(pl.col(cols).round(0)) if cols else frame


def _localise(sheet: str, frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The French register: French headers (text catalogue ``register.columns``) and values
    (levels, feared events, yes/no, DPIA verdicts, legal bases, seriousness); code columns
    that only repeat a label are dropped. The English register keeps the column keys."""
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
        "event": {k: text(f"report.events.{k}", lang) for k in FEARED_EVENTS},
        "enisa_band": {k: t(f"enisa_{k.replace(' ', '_')}", lang)
                       for k in ("low", "medium", "high", "very high")},
        "dpia_verdict": {v: t(f"dpia_{v}", lang) for v in DPIA_VERDICTS},
        "legal_basis": dict(zip(*taxonomy.legal_bases().select("key", "label_fr").to_dict(as_series=False).values(),
                                strict=True)),
        "regime": {r: text(f"law.regimes.{r}", lang) for r in REGIMES},
        "kind": {k: text(f"register.kinds.{k}", lang) for k in ("breach", "attention")},
    }
    out = out.with_columns([pl.col(c).replace_strict(m, default=pl.col(c)).alias(c)
                            for c, m in mapped.items() if c in out.columns])
    return out.rename({c: text(f"register.columns.{c}", lang) for c in out.columns
                       if has_text(f"register.columns.{c}")})


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
    frames = {k: _round_money(v) for k, v in risk_register_frames(run, lang).items()}
    # Colours follow the level codes, read before the French register translates them.
    levels = {k: frames[k][c].to_list() for k, c in (("datasets", "risk_level"),
                                                     ("findings", "seriousness"))
              if c in frames[k].columns}
    money = {k: frozenset(text_of(c, lang) for c in v.columns if c in MONEY_COLUMNS)
             for k, v in frames.items()}
    widths = {"datasets": {"name": 40},
              "findings": {"name": 32, "title": 40, "explanation": 60, "evidence": 50,
                           "action_label": 45},
              "plan": {"label": 50, "seed_action_label": 40, "datasets": 60}}
    names = {"datasets": t("datasets", lang), "findings": t("findings", lang), "plan": t("plan", lang)}
    return write_workbook(
        path, {names[k]: _localise(k, v, lang) for k, v in frames.items()},
        levels={names[k]: v for k, v in levels.items()},
        widths={names[k]: {text_of(c, lang): w for c, w in v.items()} for k, v in widths.items()},
        money={names[k]: v for k, v in money.items()},
        created=run.today)


def write_workbook(path: str | Path, sheets: Mapping[str, pl.DataFrame], *,
                   levels: Mapping[str, str | Sequence[str | None]] | None = None,
                   widths: Mapping[str, Mapping[str, int]] | None = None,
                   money: Mapping[str, Iterable[str]] | None = None,
                   created: dt.date | None = None) -> Path:
    """Write frames as the sheets of one ``.xlsx`` file, atomically; returns its path.

    Every workbook of the library goes through here: headers frozen and filterable, text
    always written as strings (formula-like text neutralised, :func:`~rgpd_risk.formatting.neutralise`),
    lists joined, dates as ISO text, the ``levels`` column of a sheet coloured by level.

    Parameters
    ----------
    path : path
    sheets : mapping of sheet name to polars.DataFrame
    levels : mapping of sheet name to a column or to one level per row, optional
        The level (low / medium / high / critical) that colours each row: read from the named
        column, or given row by row (a translated sheet whose values are no longer codes).
    widths : mapping of sheet name to {column: width}, optional
    money : mapping of sheet name to columns, optional
        Euro columns, shown as ``# ##0 €``.
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
            level = (levels or {}).get(name)
            _write_sheet(book, name, frame,
                         level_column=level if isinstance(level, str) else None,
                         levels=None if level is None or isinstance(level, str) else list(level),
                         widths=dict((widths or {}).get(name, {})),
                         money=frozenset((money or {}).get(name, ())))
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
