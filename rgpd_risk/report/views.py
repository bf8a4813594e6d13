"""Summary frames behind each report: pure functions of an inventory (and later an assessment).

Each function returns a small aggregated polars frame whose column headers are already in
the report language, ready for :meth:`rgpd_risk.report.html.Report.table` or a figure.
Aggregating here (not in the notebook) keeps the notebooks thin and the HTML small whatever
the size of the inventory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import polars as pl

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.assessment.dpia import DPIA_VERDICTS
from rgpd_risk.exposure.calculator import calculate_fine, legal_maximum
from rgpd_risk.exposure.similar import similar_cases
from rgpd_risk.i18n import text
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.schema import RETENTION_STATUSES
from rgpd_risk.law import REGIMES
from rgpd_risk.remediation.catalogue import SEED_ACTIONS, seed_action_label, seed_action_of, with_action_labels
from rgpd_risk.report.evidence import evidence_expr
from rgpd_risk.report.history import trend_frame
from rgpd_risk.report.i18n import (
    ART30_FIELDS,
    check_lang,
    format_date,
    format_eur,
    format_eur_short,
    format_number,
    format_percent,
    t,
)


def _label_col(lang: str) -> str:
    return f"label_{check_lang(lang)}"


def _frame(inv: Inventory | pl.DataFrame) -> pl.DataFrame:
    return inv.frame if isinstance(inv, Inventory) else inv


# --------------------------------------------------------------------------- overview

def inventory_figures(inv: Inventory | pl.DataFrame) -> dict[str, int]:
    """Key counts of an inventory (language-independent).

    Returns
    -------
    dict
        ``datasets``, ``people`` (sum of declared head counts), ``unknown_counts``,
        ``sensitive_datasets`` (Art. 9, Art. 10 or NIR), ``vulnerable_datasets``,
        ``transfer_datasets`` (a country outside the EEA), ``warnings``.

    Examples
    --------
    >>> from rgpd_risk import frame_from_records
    >>> f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["health"],
    ...                          "third_countries": ["US"], "subject_count": 10}])
    >>> inventory_figures(f)["sensitive_datasets"], inventory_figures(f)["transfer_datasets"]
    (1, 1)
    """
    frame = _frame(inv)
    cats = taxonomy.categories()
    sensitive = cats.filter(pl.col("art9") | pl.col("art10") | pl.col("nir"))["key"].to_list()
    vulnerable = taxonomy.data_subjects().filter(pl.col("vulnerable"))["key"].to_list()
    eea = sorted(taxonomy.eea_countries())
    out = frame.select(
        datasets=pl.len(),
        people=pl.col("subject_count").sum(),
        unknown_counts=pl.col("subject_count").is_null().sum(),
        sensitive_datasets=pl.col("data_categories").list.eval(pl.element().is_in(sensitive)).list.any().sum(),
        vulnerable_datasets=pl.col("data_subjects").list.eval(pl.element().is_in(vulnerable)).list.any().sum(),
        transfer_datasets=pl.col("third_countries").list.eval(~pl.element().is_in(eea)).list.any().sum(),
    ).row(0, named=True)
    out = {k: int(v or 0) for k, v in out.items()}
    out["warnings"] = len(inv.issues) if isinstance(inv, Inventory) else 0
    return out


def inventory_overview(inv: Inventory, lang: str) -> list[tuple[str, str]]:
    """Key figures as ``(label, formatted value)`` pairs for :meth:`Report.key_figures`.

    Examples
    --------
    >>> from rgpd_risk import load_inventory, frame_from_records
    >>> inv = load_inventory(frame_from_records([{"dataset_id": "a", "name": "A",
    ...                                           "data_categories": ["contact"]}]))
    >>> inventory_overview(inv, "en")[0]
    ('Datasets in the register', '1')
    """
    f = inventory_figures(inv)
    items = [
        (t("n_datasets", lang), format_number(f["datasets"], lang)),
        (t("people", lang), format_number(f["people"], lang)),
        (t("sensitive_datasets", lang), format_number(f["sensitive_datasets"], lang)),
        (t("vulnerable_datasets", lang), format_number(f["vulnerable_datasets"], lang)),
        (t("transfer_datasets", lang), format_number(f["transfer_datasets"], lang)),
        (t("warnings", lang), format_number(f["warnings"], lang)),
    ]
    return items


# --------------------------------------------------------------------------- content

def categories_by_row(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per data category, grouped by row of the CNIL simplified register.

    Columns (in ``lang``): CNIL register row, data category, datasets, share of datasets.
    Sorted by register row, then by number of datasets.
    """
    frame = _frame(inv)
    lab = _label_col(lang)
    n = max(frame.height, 1)
    cats = taxonomy.categories().select("key", pl.col(lab).alias("_cat"), "cnil_row")
    rows = taxonomy.cnil_rows().with_row_index("_order").select("key", "_order", pl.col(lab).alias("_row"))
    counts = (
        frame.select("dataset_id", "data_categories").explode("data_categories")
        .drop_nulls("data_categories").unique()
        .group_by("data_categories").agg(pl.len().alias("_n"))
        .join(cats, left_on="data_categories", right_on="key", how="left")
        .join(rows, left_on="cnil_row", right_on="key", how="left")
        .sort(["_order", "_n", "_cat"], descending=[False, True, False], nulls_last=True)
    )
    return counts.select(
        pl.col("_row").alias(t("cnil_row", lang)),
        pl.col("_cat").fill_null(pl.col("data_categories")).alias(t("category", lang)),
        pl.col("_n").cast(pl.Int64).alias(t("datasets", lang)),
        (pl.col("_n") / n).alias(t("share", lang)),
    )


def subjects_view(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per category of data subjects, with the vulnerability flag (WP248 criterion 7)."""
    frame = _frame(inv)
    lab = _label_col(lang)
    subj = taxonomy.data_subjects().select("key", pl.col(lab).alias("_lab"), "vulnerable")
    counts = (
        frame.select("dataset_id", "data_subjects").explode("data_subjects")
        .with_columns(pl.col("data_subjects").fill_null("__none__")).unique()
        .group_by("data_subjects").agg(pl.len().alias("_n"),)
        .join(subj, left_on="data_subjects", right_on="key", how="left")
        .sort(["_n", "data_subjects"], descending=[True, False])
    )
    none = t("none_declared", lang)
    return counts.select(
        pl.when(pl.col("data_subjects") == "__none__").then(pl.lit(none))
        .otherwise(pl.col("_lab").fill_null(pl.col("data_subjects"))).alias(t("subject", lang)),
        pl.col("vulnerable").fill_null(False).alias(t("vulnerable", lang)),
        pl.col("_n").cast(pl.Int64).alias(t("datasets", lang)),
    )


def legal_bases_view(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per Art. 6(1) legal basis (unstated bases shown as such)."""
    frame = _frame(inv)
    lab = _label_col(lang)
    bases = taxonomy.legal_bases().select("key", "letter", pl.col(lab).alias("_lab"))
    counts = (
        frame.group_by("legal_basis").agg(pl.len().alias("_n"))
        .join(bases, left_on="legal_basis", right_on="key", how="left")
        .sort(["_n", "letter"], descending=[True, False], nulls_last=True)
    )
    return counts.select(
        pl.when(pl.col("legal_basis").is_null()).then(pl.lit(t("none_declared", lang)))
        .otherwise(pl.format("({}) {}", pl.col("letter"), pl.col("_lab")))
        .alias(t("legal_basis", lang)),
        pl.col("_n").cast(pl.Int64).alias(t("datasets", lang)),
    )


def recipients_view(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Recipients and processors with the number of datasets they receive, largest first."""
    frame = _frame(inv)
    parts = []
    for col, kind in (("recipients", "recipient"), ("processors", "processor")):
        parts.append(
            frame.select("dataset_id", pl.col(col).alias("_who")).explode("_who")
            .drop_nulls("_who").with_columns(pl.col("_who").str.strip_chars())
            .filter(pl.col("_who") != "").unique()
            .group_by("_who").agg(pl.len().alias("_n"))
            .with_columns(pl.lit(t(kind, lang)).alias("_kind"))
        )
    both = pl.concat(parts).sort(["_n", "_kind", "_who"], descending=[True, False, False])
    return both.select(
        pl.col("_who").alias(t("recipient", lang) + " / " + t("processor", lang).lower()),
        pl.col("_kind").alias(t("kind", lang)),
        pl.col("_n").cast(pl.Int64).alias(t("datasets", lang)),
    )


def transfers_view(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per destination country with its status: EEA, adequacy decision, third country.

    The adequacy status is the Art. 45 list shipped in ``rgpd_risk/data/adequacy.csv``
    (partial decisions — US, Canada, Japan — are shown as adequacy with their scope).
    """
    frame = _frame(inv)
    lab = _label_col(lang)
    eea = sorted(taxonomy.eea_countries())
    ad = taxonomy.adequacy_decisions().select("country", "name", "scope")
    safeguards = taxonomy.transfer_safeguards().select("key", pl.col(lab).alias("_sg"))
    per = (
        frame.select("dataset_id", "third_countries", "transfer_safeguard")
        .explode("third_countries").drop_nulls("third_countries")
        .with_columns(pl.col("third_countries").str.to_uppercase())
        .join(safeguards, left_on="transfer_safeguard", right_on="key", how="left")
    )
    counts = (
        per.group_by("third_countries")
        .agg(pl.col("dataset_id").n_unique().alias("_n"),
             pl.col("_sg").drop_nulls().unique().sort().str.join(", ").alias("_sgs"))
        .join(ad, left_on="third_countries", right_on="country", how="left")
        .with_columns(
            pl.when(pl.col("third_countries").is_in(eea)).then(pl.lit(t("eea", lang)))
            .when(pl.col("scope").is_not_null())
            .then(pl.lit(t("adequate", lang)) + pl.when(pl.col("scope").str.starts_with("partial"))
                  .then(pl.lit(" (") + evidence_expr("scope", lang) + pl.lit(")")).otherwise(pl.lit("")))
            .otherwise(pl.lit(t("third_country", lang))).alias("_status"))
        .sort(["_n", "third_countries"], descending=[True, False])
    )
    return counts.select(
        pl.col("third_countries").alias(t("country", lang)),
        pl.col("_status").alias(t("status", lang)),
        pl.col("_sgs").alias(t("safeguard", lang)),
        pl.col("_n").cast(pl.Int64).alias(t("datasets", lang)),
    )


def retention_status_view(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per retention status (parsed, indefinite, until request, not understood, missing)."""
    frame = _frame(inv)
    order = pl.DataFrame({"retention_status": list(RETENTION_STATUSES),
                          "_order": list(range(len(RETENTION_STATUSES)))})
    counts = order.join(frame.group_by("retention_status").agg(pl.len().alias("_n")),
                        on="retention_status", how="left").sort("_order")
    return counts.select(
        pl.col("retention_status").replace_strict({s: t(s, lang) for s in RETENTION_STATUSES})
        .alias(t("retention_status", lang)),
        pl.col("_n").fill_null(0).cast(pl.Int64).alias(t("datasets", lang)),
    )


def retention_issues(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets whose retention is indefinite, until request, not understood or missing."""
    frame = _frame(inv)
    return frame.filter(pl.col("retention_status") != "parsed").select(
        pl.col("dataset_id").alias(t("dataset_id", lang)),
        pl.col("name").alias(t("dataset", lang)),
        pl.col("retention_text").alias(t("retention", lang)),
        pl.col("retention_status").replace_strict(
            {s: t(s, lang) for s in ("indefinite", "on_request", "unparsed", "missing")},
            default=pl.col("retention_status")).alias(t("retention_status", lang)),
    ).sort(t("dataset_id", lang))


# --------------------------------------------------------------------------- Art. 30(1)

def art30_filled(inv: Inventory | pl.DataFrame) -> pl.DataFrame:
    """Which Art. 30(1) fields (a)–(g) each dataset fills (Boolean columns ``a`` … ``g``).

    Our reading of each letter: (a) the organisation profile names the controller and, when a
    DPO is designated, gives its contact; (b) a purpose; (c) data subjects *and* data
    categories; (d) at least one recipient; (e) no transfer outside the EEA, or transfers with
    a stated safeguard; (f) a retention period written down (even if not understood);
    (g) at least one security measure. The same conventions as the assessment's
    ``ART30_RECORD_INCOMPLETE`` rule for (b), (c), (f), (g).

    Examples
    --------
    >>> from rgpd_risk import frame_from_records
    >>> f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["contact"],
    ...                          "purpose": "CRM"}])
    >>> art30_filled(f).select("b", "g").row(0)
    (True, False)
    """
    frame = _frame(inv)
    org = inv.organisation if isinstance(inv, Inventory) else None
    org_ok = org is not None and bool(org.name) and (not org.dpo_designated or bool(org.dpo_contact))
    eea = sorted(taxonomy.eea_countries())
    blank = lambda c: pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "")  # noqa: E731
    return frame.select(
        "dataset_id", "name",
        a=pl.lit(org_ok),
        b=~blank("purpose"),
        c=(pl.col("data_subjects").list.len() > 0) & (pl.col("data_categories").list.len() > 0),
        d=pl.col("recipients").list.len() > 0,
        e=(~pl.col("third_countries").list.eval(~pl.element().is_in(eea)).list.any().fill_null(False))
        | pl.col("transfer_safeguard").is_not_null(),
        f=~blank("retention_text") | (pl.col("retention_status") != "missing"),
        g=pl.col("security_measures").list.len() > 0,
    )


def art30_completeness(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Share of datasets filling each Art. 30(1) field (a)–(g)."""
    filled = art30_filled(inv)
    n = max(filled.height, 1)
    letters = [k for k, _ in ART30_FIELDS]
    sums = filled.select(pl.col(letters).sum()).row(0) if filled.height else (0,) * len(letters)
    return pl.DataFrame({
        t("field", lang): [lab[lang] for _, lab in ART30_FIELDS],
        t("filled", lang): [int(s) for s in sums],
        t("share", lang): [int(s) / n for s in sums],
    }, schema={t("field", lang): pl.Utf8, t("filled", lang): pl.Int64, t("share", lang): pl.Float64})


def art30_incomplete(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets missing at least one Art. 30(1) field, with the letters missing."""
    filled = art30_filled(inv)
    letters = [k for k, _ in ART30_FIELDS]
    missing = pl.concat_list([pl.when(~pl.col(k)).then(pl.lit(f"({k})")) for k in letters]).list.drop_nulls()
    return (
        filled.with_columns(missing.alias("_missing"))
        .filter(pl.col("_missing").list.len() > 0)
        .select(pl.col("dataset_id").alias(t("dataset_id", lang)),
                pl.col("name").alias(t("dataset", lang)),
                pl.col("_missing").list.join(" ").alias(t("field", lang)))
    )


# --------------------------------------------------------------------------- validation

def warnings_view(inv: Inventory, lang: str) -> pl.DataFrame:
    """Validation warnings raised while loading (row, column, found, message, expected)."""
    frame = inv.issues_frame()
    return frame.select(
        pl.col("row").alias(t("row", lang)),
        pl.col("column").alias(t("column", lang)),
        pl.col("value").alias(t("found", lang)),
        pl.col("message").alias(t("message", lang)),
        pl.col("expected").alias(t("expected", lang)),
    )


def defaults_view(inv: Inventory, lang: str) -> pl.DataFrame:
    """Columns that received the documented pessimistic default, with the number of rows."""
    cols, rows = zip(*inv.defaults_applied, strict=True) if inv.defaults_applied else ((), ())
    return pl.DataFrame({t("column", lang): list(cols), t("rows", lang): [int(r) for r in rows]},
                        schema={t("column", lang): pl.Utf8, t("rows", lang): pl.Int64})


def report_subtitle(inv: Inventory, lang: str, *, today: dt.date) -> str:
    """One line under the title: organisation, turnover, source file name, date of the report.

    Only the file *name* of the source is shown, never its folder.

    Examples
    --------
    >>> from rgpd_risk import load_inventory, frame_from_records
    >>> inv = load_inventory(frame_from_records([{"dataset_id": "a", "name": "A",
    ...                                           "data_categories": ["contact"]}]))
    >>> report_subtitle(inv, "en", today=dt.date(2026, 1, 2))
    'Source: <frame> · Report generated on 2 January 2026'
    """
    parts = []
    org = inv.organisation
    sep = " : " if lang == "fr" else ": "
    if org is not None:
        turnover = "" if org.turnover_eur is None else f" ({format_eur(org.turnover_eur, lang)})"
        parts.append(f"{t('organisation', lang)}{sep}{org.name}{turnover}")
    parts.append(f"{t('source', lang)}{sep}{Path(inv.source).name}")
    parts.append(f"{t('generated_on', lang)} {format_date(today, lang)}")
    return " · ".join(parts)


# --------------------------------------------------------------------------- risk and board

SERIOUSNESS_ORDER = ("low", "medium", "high")
RISK_LEVEL_ORDER = ("low", "medium", "high", "critical")
HIGH_LEVELS = ("high", "critical")
FEARED_EVENTS = ("access", "modification", "disappearance")


def worst_event(datasets: pl.DataFrame, *, residual: bool = False) -> pl.DataFrame:
    """Per dataset, the CNIL feared event with the largest severity × likelihood.

    Returns ``dataset_id, event, severity, likelihood`` (ties: higher severity, then the order
    access, modification, disappearance).
    """
    suffix = "_residual" if residual else ""
    parts = [
        datasets.select("dataset_id", pl.lit(ev).alias("event"), pl.lit(i).alias("_order"),
                        pl.col(f"{ev}_severity{suffix}").cast(pl.Int64).alias("severity"),
                        pl.col(f"{ev}_likelihood{suffix}").cast(pl.Int64).alias("likelihood"))
        for i, ev in enumerate(FEARED_EVENTS)
    ]
    long = pl.concat(parts).with_columns((pl.col("severity") * pl.col("likelihood")).alias("_p"))
    return (long.sort(["dataset_id", "_p", "severity", "_order"], descending=[False, True, True, False])
            .group_by("dataset_id", maintain_order=True).first()
            .select("dataset_id", "event", "severity", "likelihood"))


def heatmap_counts(datasets: pl.DataFrame, *, residual: bool = False,
                   event: str | None = None) -> pl.DataFrame:
    """Datasets per (severity, likelihood) cell: ``severity, likelihood, n``.

    ``event=None`` places each dataset by its worst feared event (:func:`worst_event`);
    ``event="access"`` (or ``"modification"``, ``"disappearance"``) by that event only.

    Examples
    --------
    >>> d = pl.DataFrame({"dataset_id": ["a", "b"], **{f"{e}_{k}": [2, 3] for e in FEARED_EVENTS
    ...                                                 for k in ("severity", "likelihood")}})
    >>> heatmap_counts(d, event="access").rows()
    [(2, 2, 1), (3, 3, 1)]
    """
    if event is None:
        cells = worst_event(datasets, residual=residual)
    else:
        if event not in FEARED_EVENTS:
            raise ValueError(f"unknown feared event {event!r}; expected one of {', '.join(FEARED_EVENTS)}")
        suffix = "_residual" if residual else ""
        cells = datasets.select(pl.col(f"{event}_severity{suffix}").cast(pl.Int64).alias("severity"),
                                pl.col(f"{event}_likelihood{suffix}").cast(pl.Int64).alias("likelihood"))
    return (cells.group_by("severity", "likelihood").agg(pl.len().cast(pl.Int64).alias("n"))
            .sort("severity", "likelihood"))


def event_heatmaps(datasets: pl.DataFrame) -> dict[tuple[str, bool], pl.DataFrame]:
    """The CNIL risk map of each feared event, initial and residual: ``{(event, residual): counts}``."""
    return {(ev, res): heatmap_counts(datasets, residual=res, event=ev)
            for res in (False, True) for ev in FEARED_EVENTS}


def missing_dpia(inv: Inventory | pl.DataFrame, datasets: pl.DataFrame) -> pl.DataFrame:
    """Datasets whose DPIA screening says *required* and for which no DPIA was carried out."""
    frame = _frame(inv).select("dataset_id", "dpia_done")
    return (datasets.select("dataset_id", "name", "dpia_verdict", "dpia_criteria", "dpia_triggers")
            .join(frame, on="dataset_id", how="left")
            .filter((pl.col("dpia_verdict") == "required") & ~pl.col("dpia_done").fill_null(False)))


# --------------------------------------------------------------------------- key figures

def board_figures(inv: Inventory, assessment, exposure=None) -> dict[str, object]:
    """Language-independent key figures of the board report (also stored in the run history).

    Parameters
    ----------
    inv : Inventory
    assessment : rgpd_risk.assessment.Assessment
    exposure : rgpd_risk.InventoryExposure, optional
        :attr:`rgpd_risk.pipeline.Run.exposure`.

    Returns
    -------
    dict
        ``datasets, high_risks, missing_dpia, findings, findings_high, turnover_eur,
        legal_maximum_83_5, legal_maximum_83_4`` (Art. 83 maxima for the turnover),
        ``legal_maximum`` (the statutory ceiling of the gravest tier found, from the exposure;
        Art. 83(5) without one) and, with an exposure, ``expected_cost, p50, p90,
        p_any_fine`` (portfolio, over one year).
    """
    d, f = assessment.datasets, assessment.findings
    turnover = None if inv.organisation is None else inv.organisation.turnover_eur
    out: dict[str, object] = {
        "inventory": Path(inv.source).name,
        "datasets": d.height,
        "high_risks": int(d["risk_level"].is_in(HIGH_LEVELS).sum()),
        "missing_dpia": missing_dpia(inv, d).height,
        "findings": f.height,
        "findings_high": int((f["seriousness"] == "high").sum()),
        "turnover_eur": turnover,
        "legal_maximum_83_5": legal_maximum("83(5)", turnover),
        "legal_maximum_83_4": legal_maximum("83(4)", turnover),
    }
    out["legal_maximum"] = out["legal_maximum_83_5"]
    if exposure is not None:
        s = exposure.summary()
        out.update(expected_cost=float(s["expected_cost"]), p50=float(s["p50"]),
                   p90=float(s["p90"]), p_any_fine=float(s["p_any_fine"]))
        if s["statutory_ceiling"] is not None:
            out["legal_maximum"] = float(s["statutory_ceiling"])
            out["ceiling_tier"] = s["statutory_ceiling_tier"]
    return out


def history_record(figures: Mapping[str, object], run_id: str, *,
                   today: dt.date) -> dict[str, object]:
    """The run-history record of a board run (see :mod:`rgpd_risk.report.history`).

    ``run_date`` is the run's reference date; ``recorded_at`` is when the record was made
    (wall clock: it orders the history, it is never shown in a report).
    """
    record = dict(figures)
    record.update(run_id=run_id or "interactive", run_date=today.isoformat(),
                  recorded_at=dt.datetime.now().isoformat(timespec="seconds"))
    return record


def board_key_figures(figures: Mapping[str, object], lang: str) -> list[tuple[str, str]]:
    """Key figures of the board report, formatted for ``lang``: counts, then the statutory
    ceiling next to the calibrated exposure (P50, P90)."""
    items = [
        (t("datasets", lang), format_number(figures["datasets"], lang)),
        (t("high_risks", lang), format_number(figures["high_risks"], lang)),
        (t("missing_dpia", lang), format_number(figures["missing_dpia"], lang)),
        (t("n_findings", lang), format_number(figures["findings"], lang)),
        (t("legal_max", lang), format_eur(figures["legal_maximum"], lang)),
    ]
    if "p50" in figures:
        items += [(t("expected_exposure", lang) + " — " + t("p50", lang), format_eur(figures["p50"], lang)),
                  (t("expected_exposure", lang) + " — " + t("p90", lang), format_eur(figures["p90"], lang))]
    return items


def ceiling_note(figures: Mapping[str, object], lang: str) -> str:
    """Plain-words statement of the statutory ceilings (Art. 83(4) and (5))."""
    turnover = figures.get("turnover_eur")
    text = t("legal_max_note", lang, pct4=format_percent(0.04, lang, digits=0),
             pct2=format_percent(0.02, lang, digits=0),
             turnover=format_eur(turnover, lang) if turnover is not None else "—")
    sep = " : " if lang == "fr" else ": "
    return f"{t('legal_max', lang)}{sep}{format_eur(figures['legal_maximum'], lang)} — {text}."


def board_headline(figures: Mapping[str, object], plan, lang: str) -> str:
    """The board report in three plain sentences (what we found, what it may cost, what to do).

    Examples
    --------
    >>> f = {"datasets": 61, "high_risks": 8, "missing_dpia": 12, "legal_maximum": 2e7,
    ...      "p50": 381_000.0, "p90": 1_421_000.0}
    >>> board_headline(f, None, "en").split(". ")[0]
    '61 datasets assessed: 8 at high risk, 12 required impact assessments (DPIA) missing'
    """
    n = lambda x: format_number(x, lang)  # noqa: E731
    parts = [t("headline_found", lang, datasets=n(figures["datasets"]), high=n(figures["high_risks"]),
               dpia=n(figures["missing_dpia"]))]
    if "p50" in figures:
        parts.append(t("headline_cost", lang, ceiling=format_eur_short(figures["legal_maximum"], lang),
                       p50=format_eur_short(figures["p50"], lang), p90=format_eur_short(figures["p90"], lang)))
    if plan is not None and plan.steps.height:
        after = plan.final.portfolio
        parts.append(t("headline_plan", lang, steps=n(plan.steps.height),
                       days=format_number(plan.effort_days, lang), cost=format_eur_short(plan.cost_eur, lang),
                       before=format_eur_short(plan.baseline.portfolio["expected_exposure"], lang),
                       after=format_eur_short(after["expected_exposure"], lang),
                       findings=n(plan.baseline.portfolio["findings_total"] - after["findings_total"]))
                     if after["expected_exposure"] is not None else
                     t("headline_plan_no_exposure", lang, steps=n(plan.steps.height),
                       days=format_number(plan.effort_days, lang), cost=format_eur_short(plan.cost_eur, lang)))
    return " ".join(parts)


def trend_view(figures: Mapping[str, object], previous: Mapping[str, object] | None,
               lang: str) -> pl.DataFrame:
    """Key figures now and at the previous run, with the change (formatted strings)."""
    names = {"datasets": t("datasets", lang), "high_risks": t("high_risks", lang),
             "missing_dpia": t("missing_dpia", lang), "findings": t("n_findings", lang),
             "findings_high": t("n_findings", lang) + f" ({t('high', lang)})",
             "expected_cost": t("expected_cost", lang), "p50": t("p50", lang), "p90": t("p90", lang)}
    money = {"expected_cost", "p50", "p90"}
    tf = trend_frame(figures, previous, tuple(names))
    rows = []
    for metric, prev, cur, change in tf.iter_rows():
        if cur is None and prev is None:
            continue
        fmt = (lambda x: format_eur(x, lang)) if metric in money else (lambda x: format_number(x, lang))  # noqa: E731
        sign = "" if change is None or change <= 0 else "+"
        rows.append((names[metric], fmt(prev), fmt(cur), "—" if change is None else sign + fmt(change)))
    return pl.DataFrame(rows, schema={t("indicator", lang): pl.Utf8, t("previous", lang): pl.Utf8,
                                      t("current", lang): pl.Utf8, t("change", lang): pl.Utf8},
                        orient="row")


def _seriousness_label(lang: str) -> pl.Expr:
    return pl.col("seriousness").replace_strict({s: t(s, lang) for s in SERIOUSNESS_ORDER},
                                                default=pl.col("seriousness"))


def _level_labels(lang: str) -> dict[str, str]:
    return {"low": t("low", lang), "medium": t("medium", lang), "high": t("high", lang),
            "critical": t("critical", lang)}


# --------------------------------------------------------------------------- findings

def top_risks(assessment, lang: str, *, exposure=None, n: int = 10, p90: bool = False) -> pl.DataFrame:
    """The ``n`` datasets with the largest risk score, with their main finding and, given the
    exposure (:attr:`rgpd_risk.pipeline.Run.exposure`), their expected cost over one year (and the P90 with
    ``p90=True``; a dataset's P90 is zero while its chance of a fine within the year is below 10 %,
    which is why the board leaves it out)."""
    d, f = assessment.datasets, assessment.findings
    ser_rank = {s: i for i, s in enumerate(SERIOUSNESS_ORDER)}
    main = (f.with_columns(pl.col("seriousness").replace_strict(ser_rank, default=-1).alias("_r"))
            .sort(["dataset_id", "_r", "code"], descending=[False, True, False])
            .group_by("dataset_id", maintain_order=True).first()
            .select("dataset_id", pl.col(f"title_{lang}").alias("_main")))
    top = (d.sort(["risk_score", "dataset_id"], descending=[True, False]).head(n)
           .join(main, on="dataset_id", how="left"))
    cols = [pl.col("name").alias(t("dataset", lang)),
            pl.col("risk_level").replace_strict(_level_labels(lang), default=pl.col("risk_level"))
            .alias(t("risk_level", lang)),
            pl.col("risk_score").round(1).alias(t("score", lang)),
            pl.col("findings_total").cast(pl.Int64).alias(t("findings", lang)),
            pl.col("_main").alias(t("finding", lang))]
    if exposure is not None:
        top = top.join(exposure.datasets.select("dataset_id", "expected_cost", "p90"), on="dataset_id",
                       how="left")
        cols.append(pl.col("expected_cost").alias(t("expected_cost", lang)))
        if p90:
            cols.append(pl.col("p90").alias(t("p90_short", lang)))
    return top.select(cols)


def findings_view(assessment, lang: str, *, dataset_id: str | None = None,
                  source: str | None = None) -> pl.DataFrame:
    """Every finding (or those of ``dataset_id``, or of one ``source``: ``rule``,
    ``organisation``, ``discovery``), gravest first: dataset, finding, articles, tier,
    seriousness, evidence and the remediation action it calls for (label of the remediation
    catalogue in ``lang``; a key the catalogue does not know is shown as is)."""
    d, f = assessment.datasets, assessment.findings
    if dataset_id is not None:
        f = f.filter(pl.col("dataset_id") == dataset_id)
    if source is not None:
        f = f.filter(pl.col("source") == source)
    f = with_action_labels(f)
    ser_rank = {s: i for i, s in enumerate(SERIOUSNESS_ORDER)}
    names = d.select("dataset_id", "name")
    org_name = t("organisation", lang)
    return (
        f.join(names, on="dataset_id", how="left")
        .with_columns(pl.col("seriousness").replace_strict(ser_rank, default=-1).alias("_r"))
        .sort(["_r", "tier", "dataset_id", "code"], descending=[True, True, False, False])
        .select(pl.col("name").fill_null(pl.lit(org_name)).alias(t("dataset", lang)),
                pl.col(f"title_{lang}").alias(t("finding", lang)),
                pl.col("articles").list.join(", ").alias(t("articles", lang)),
                pl.col("tier").alias(t("tier", lang)),
                _seriousness_label(lang).alias(t("seriousness", lang)),
                evidence_expr("evidence", lang).alias(t("evidence", lang)),
                pl.col(f"action_{lang}").alias(t("action", lang)))
    )


def _tier_or_text(lang: str) -> pl.Expr:
    """A finding's fine column: ``Art. 83(4)`` / ``Art. 83(5)`` for a GDPR finding, the name of
    its text (loi Informatique et Libertés, CPCE, AI Act) otherwise: only the GDPR has Art. 83
    tiers. Findings without a ``regime`` column are GDPR findings."""
    regime = pl.col("regime").fill_null("GDPR")
    names = {r: text(f"law.regimes.{r}", lang) for r in REGIMES}
    return (pl.when(regime == "GDPR").then(pl.format("Art. {}", pl.col("tier")))
            .otherwise(regime.replace_strict(names, default=regime)))


def _with_regime(findings: pl.DataFrame) -> pl.DataFrame:
    return findings if "regime" in findings.columns else findings.with_columns(
        pl.lit("GDPR").alias("regime"))


def findings_by_article(findings: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Findings per article and Art. 83 tier (other texts: one column per text): article, one
    column per tier or text, total; largest first.

    Examples
    --------
    >>> f = pl.DataFrame({"articles": [["Art. 32"], ["Art. 32", "Art. 5(1)(f)"], ["L34-5 CPCE"]],
    ...                   "tier": ["83(4)", "83(5)", None], "regime": ["GDPR", "GDPR", "CPCE"]})
    >>> findings_by_article(f, "en").rows()
    [('Art. 32', 1, 1, 0, 2), ('Art. 5(1)(f)', 0, 1, 0, 1), ('L34-5 CPCE', 0, 0, 1, 1)]
    """
    f = _with_regime(findings).with_columns(_tier_or_text(lang).alias("_col"))
    gdpr = sorted(f.filter(pl.col("regime") == "GDPR")["_col"].drop_nulls().unique().to_list())
    others = [text(f"law.regimes.{r}", lang) for r in REGIMES[1:]
              if r in set(f["regime"].to_list())]
    cols = (gdpr or ["Art. 83(4)", "Art. 83(5)"]) + others
    long = f.select("articles", "_col").explode("articles").drop_nulls("articles")
    out = (long.group_by("articles")
           .agg([(pl.col("_col") == c).sum().cast(pl.Int64).alias(c) for c in cols]
                + [pl.len().cast(pl.Int64).alias("_n")])
           .sort(["_n", "articles"], descending=[True, False]))
    return out.select(pl.col("articles").alias(t("articles", lang)), *[pl.col(c) for c in cols],
                      pl.col("_n").alias(t("findings", lang)))


def findings_by_tier(findings: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Findings per Art. 83 tier (other texts: per text) and EDPB seriousness (columns low,
    medium, high, total)."""
    out = (_with_regime(findings).with_columns(_tier_or_text(lang).alias("_col"))
           .group_by("_col")
           .agg([(pl.col("seriousness") == s).sum().cast(pl.Int64).alias(s) for s in SERIOUSNESS_ORDER]
                + [pl.len().cast(pl.Int64).alias("_n"),
                   (pl.col("regime") != "GDPR").any().alias("_other")])
           .sort(["_other", "_col"], descending=[False, True]))
    return out.select(pl.col("_col").alias(t("tier", lang)),
                      *[pl.col(s).alias(t(s, lang).capitalize()) for s in SERIOUSNESS_ORDER],
                      pl.col("_n").alias(t("findings", lang)))


def risk_levels_view(datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per risk level (ours), from low to critical."""
    order = pl.DataFrame({"risk_level": list(RISK_LEVEL_ORDER), "_o": list(range(4))})
    counts = order.join(datasets.group_by("risk_level").agg(pl.len().alias("_n")), on="risk_level",
                        how="left").sort("_o")
    return counts.select(pl.col("risk_level").replace_strict(_level_labels(lang)).alias(t("risk_level", lang)),
                         pl.col("_n").fill_null(0).cast(pl.Int64).alias(t("datasets", lang)))


# --------------------------------------------------------------------------- DPIA, ENISA



def dpia_view(inv: Inventory, datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Required DPIAs not carried out, with the WP248 criteria and Art. 35(3) triggers met."""
    return missing_dpia(inv, datasets).select(
        pl.col("name").alias(t("dataset", lang)),
        pl.col("dpia_criteria").list.join(", ").alias("WP248"),
        pl.col("dpia_triggers").list.join(", ").alias("Art. 35(3)"),
    )


def dpia_verdicts(inv: Inventory | pl.DataFrame, datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per DPIA screening verdict, with how many have a DPIA carried out."""
    done = _frame(inv).select("dataset_id", pl.col("dpia_done").fill_null(False))
    order = pl.DataFrame({"dpia_verdict": list(DPIA_VERDICTS), "_o": list(range(len(DPIA_VERDICTS)))})
    counts = (datasets.select("dataset_id", "dpia_verdict").join(done, on="dataset_id", how="left")
              .group_by("dpia_verdict").agg(pl.len().cast(pl.Int64).alias("_n"),
                                            pl.col("dpia_done").fill_null(False).sum().cast(pl.Int64).alias("_d")))
    return (order.join(counts, on="dpia_verdict", how="left").sort("_o")
            .select(pl.col("dpia_verdict").replace_strict({v: t(f"dpia_{v}", lang) for v in DPIA_VERDICTS})
                    .alias(t("dpia_verdict", lang)),
                    pl.col("_n").fill_null(0).alias(t("datasets", lang)),
                    pl.col("_d").fill_null(0).alias(t("dpia_done", lang))))


def dpia_screening_view(inv: Inventory | pl.DataFrame, datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """DPIA screening of every dataset with its trail, DPIAs required but missing first.

    Columns: dataset, verdict, DPIA done, WP248 criteria, Art. 35(3) triggers, trail (the
    facts of the register that met each criterion, as the assessment wrote them).
    """
    done = _frame(inv).select("dataset_id", pl.col("dpia_done").fill_null(False))
    rank = {v: i for i, v in enumerate(DPIA_VERDICTS)}
    return (datasets.join(done, on="dataset_id", how="left")
            .with_columns(pl.col("dpia_verdict").replace_strict(rank, default=len(rank)).alias("_v"),
                          pl.col("dpia_done").fill_null(False))
            .sort(["dpia_done", "_v", "dataset_id"])
            .select(pl.col("name").alias(t("dataset", lang)),
                    pl.col("dpia_verdict").replace_strict({v: t(f"dpia_{v}", lang) for v in DPIA_VERDICTS},
                                                          default=pl.col("dpia_verdict"))
                    .alias(t("dpia_verdict", lang)),
                    pl.col("dpia_done").alias(t("dpia_done", lang)),
                    pl.col("dpia_criteria").list.join(", ").alias("WP248"),
                    pl.col("dpia_triggers").list.join(", ").alias("Art. 35(3)"),
                    evidence_expr("dpia_trail", lang).alias(t("trail", lang))))


def breach_drill_view(datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """ENISA breach drill per dataset, most severe first: DPC, EI, CB, SE = DPC × EI + CB, band,
    and the consequence: notify the authority (Art. 33), inform the people (Art. 34)."""
    band = {b: t(f"enisa_{b.replace(' ', '_')}", lang) for b in ("low", "medium", "high", "very high")}
    return (datasets.sort(["enisa_se", "dataset_id"], descending=[True, False])
            .select(pl.col("name").alias(t("dataset", lang)),
                    pl.col("enisa_dpc").cast(pl.Int64).alias("DPC"),
                    pl.col("enisa_ei").alias("EI"), pl.col("enisa_cb").alias("CB"),
                    pl.col("enisa_se").alias("SE"),
                    pl.col("enisa_band").replace_strict(band, default=pl.col("enisa_band"))
                    .alias(t("enisa_band", lang)),
                    pl.col("notify_authority").alias(t("notify_authority", lang)),
                    pl.col("inform_subjects").alias(t("inform_subjects", lang))))


def breach_drill_summary(datasets: pl.DataFrame, lang: str) -> list[tuple[str, str]]:
    """Key figures of the breach drill: datasets whose breach must be notified (Art. 33), and
    communicated to the people (Art. 34)."""
    return [(t("notify_authority", lang), format_number(int(datasets["notify_authority"].sum()), lang)),
            (t("inform_subjects", lang), format_number(int(datasets["inform_subjects"].sum()), lang))]


# --------------------------------------------------------------------------- explaining one dataset

def focus_dataset_id(assessment, focus: str = "") -> str:
    """The dataset a report explains: ``focus`` when given, else the highest risk score.

    Raises
    ------
    ValueError
        ``focus`` is not a dataset of the assessment.
    """
    ids = assessment.datasets["dataset_id"]
    if focus:
        if focus not in set(ids.to_list()):
            raise ValueError(f"focus_dataset {focus!r} is not a dataset_id of the inventory")
        return focus
    top = assessment.datasets.sort(["risk_score", "dataset_id"], descending=[True, False])
    return top["dataset_id"][0]


def dataset_name(assessment, dataset_id: str) -> str:
    """Name of a dataset of the assessment."""
    return assessment.datasets.filter(pl.col("dataset_id") == dataset_id)["name"][0]


def contributions_view(assessment, dataset_id: str, lang: str) -> pl.DataFrame:
    """The additive parts of one dataset's risk score (``Assessment.explain``), in waterfall order.

    Columns: factor (in ``lang``), contribution. They sum to the dataset's ``risk_score``.
    """
    return assessment.explain(dataset_id).select(
        pl.col(f"label_{lang}").alias(t("factor", lang)),
        pl.col("contribution").alias(t("contribution", lang)))


def edpb_steps(exposure, dataset_id: str):
    """:func:`rgpd_risk.calculate_fine` for a dataset's tier and seriousness and the
    organisation's turnover, with the neutral defaults (band midpoints, no Step 3 circumstance,
    final factor 1), or ``None`` when the dataset has no finding."""
    row = exposure.datasets.filter(pl.col("dataset_id") == dataset_id)
    if row.height == 0 or row["n_findings"][0] == 0:
        return None
    return calculate_fine(row["tier"][0], exposure.turnover_eur, row["seriousness"][0],
                          size_bands=exposure.model.size_bands)


def edpb_steps_view(calculation, lang: str) -> pl.DataFrame:
    """The five EDPB 04/2022 steps of a :class:`~rgpd_risk.FineCalculation` in ``lang``."""
    check_lang(lang)
    if calculation is None:
        return pl.DataFrame()
    return pl.DataFrame(
        [(s.number, getattr(s, f"title_{lang}"), getattr(s, f"text_{lang}"), s.amount)
         for s in calculation.steps],
        schema={t("step", lang): pl.Int64, t("step_title", lang): pl.Utf8,
                t("explanation", lang): pl.Utf8, t("amount", lang): pl.Float64}, orient="row")


def focus_exposure_note(exposure, dataset_id: str, lang: str) -> str:
    """One sentence on a dataset's simulated exposure next to the EDPB calculation."""
    row = exposure.datasets.filter(pl.col("dataset_id") == dataset_id).row(0, named=True)
    if not row["n_findings"]:
        return t("focus_no_finding", lang)
    return t("focus_exposure", lang, tier=row["tier"], seriousness=t(row["seriousness"], lang),
             p=format_percent(row["p_horizon"], lang), expected=format_eur(row["expected_cost"], lang),
             p90=format_eur(row["p90"], lang), maximum=format_eur(row["legal_maximum"], lang))


# --------------------------------------------------------------------------- exposure

def exposure_by_dataset(inv: Inventory, assessment, exposure, lang: str, *,
                        n: int | None = 10) -> pl.DataFrame:
    """Datasets (and the organisation) with the largest expected fine cost over the exposure's
    horizon (one year in the reports), from :func:`rgpd_risk.fine_exposure`: tier, seriousness,
    probability of a fine, expected cost, P90, legal maximum; the ``n`` largest (``None``: all)."""
    names = assessment.datasets.select("dataset_id", "name")
    org = t("organisation", lang)
    ranked = (exposure.datasets.filter(pl.col("n_findings") > 0)
              .join(names, on="dataset_id", how="left")
              .sort(["expected_cost", "dataset_id"], descending=[True, False]))
    return (ranked.head(n) if n is not None else ranked).select(
        pl.col("name").fill_null(pl.lit(org)).alias(t("dataset", lang)),
        pl.col("tier").alias(t("tier", lang)),
        _seriousness_label(lang).alias(t("seriousness", lang)),
        pl.col("p_horizon").alias(t("p_any_fine", lang)),
        pl.col("expected_cost").alias(t("expected_cost", lang)),
        pl.col("p90").alias(t("p90_short", lang)),
        pl.col("legal_maximum").alias(t("legal_max", lang)))


def exceedance_markers(figures: Mapping[str, object]) -> dict[str, float]:
    """Vertical markers of the loss-exceedance curve: P50 and P90 (positive values only)."""
    return {k.upper(): float(figures[k]) for k in ("p50", "p90") if figures.get(k)}


# --------------------------------------------------------------------------- remediation plan

def plan_by_seed_action(plan, lang: str, *, findings: pl.DataFrame | None = None,
                        max_actions: int | None = None) -> pl.DataFrame:
    """The remediation plan framed by the six seed actions (methodology §8).

    One row per seed action, in order, even when nothing falls under it: the planned actions
    (step numbers and labels), their effort (person-days) and cost, the expected exposure and
    risk score they remove and, with ``findings``, the findings whose ``action`` belongs to
    that seed action. ``max_actions`` lists at most that many actions per row, then "(+n)"
    (the board report's short form). The mapping is the remediation catalogue's
    (:func:`rgpd_risk.remediation.seed_action_of`), the single source of it.
    """
    check_lang(lang)
    base = pl.DataFrame({"seed_action": list(SEED_ACTIONS),
                         "_label": [seed_action_label(k, lang) for k in SEED_ACTIONS]},
                        schema={"seed_action": pl.Int64, "_label": pl.Utf8})
    steps = plan.steps
    named = pl.format("{}. {}", pl.col("step"), pl.col(f"label_{lang}")).sort_by("step")
    if max_actions is not None:
        extra = pl.len() - max_actions
        listed = (named.head(max_actions).str.join(" · ")
                  + pl.when(extra > 0).then(pl.format(" (+{})", extra)).otherwise(pl.lit("")))
    else:
        listed = named.str.join(" · ")
    agg = (steps.group_by("seed_action")
           .agg(listed.alias("_actions"),
                pl.col("effort_days").sum().alias("_days"), pl.col("cost_eur").sum().alias("_cost"),
                pl.col("exposure_removed").sum().alias("_exp"), pl.col("risk_removed").sum().alias("_risk")))
    out = base.join(agg, on="seed_action", how="left")
    cols = [pl.col("_label").alias(t("seed_action", lang)),
            pl.col("_actions").fill_null("—").alias(t("planned_actions", lang))]
    if findings is not None:
        mapping = seed_action_of(as_key=False)
        counts = (findings.select(pl.col("action").replace_strict(mapping, default=6, return_dtype=pl.Int64)
                                  .alias("seed_action"))
                  .group_by("seed_action").agg(pl.len().cast(pl.Int64).alias("_n")))
        out = out.join(counts, on="seed_action", how="left")
        cols.append(pl.col("_n").fill_null(0).alias(t("findings", lang)))
    cols += [pl.col("_days").fill_null(0.0).alias(t("effort_days", lang)),
             pl.col("_cost").fill_null(0.0).alias(t("cost", lang)),
             pl.col("_exp").fill_null(0.0).alias(t("exposure_removed", lang)),
             pl.col("_risk").fill_null(0.0).round(1).alias(t("risk_removed", lang))]
    return out.sort("seed_action").select(cols)


def plan_steps_view(plan, lang: str, *, n: int | None = None) -> pl.DataFrame:
    """The plan's steps in order (the first ``n``): action, seed action number, effort, cost,
    datasets changed, and what remains after the step (expected exposure, P90, risk score)."""
    check_lang(lang)
    steps = plan.steps if n is None else plan.steps.head(n)
    org = t("organisation", lang).lower()
    return steps.select(
        pl.col("step").alias("#"),
        pl.col(f"label_{lang}").alias(t("action", lang)),
        pl.col("seed_action").alias(t("seed_axis", lang)),
        pl.col("effort_days").alias(t("effort_days", lang)),
        pl.col("cost_eur").alias(t("cost", lang)),
        pl.when(pl.col("organisation") & (pl.col("n_datasets") == 0)).then(pl.lit(org))
        .otherwise(pl.col("n_datasets").cast(pl.Utf8)).alias(t("datasets", lang)),
        pl.col("remaining_expected_exposure").alias(t("remaining_exposure", lang)),
        pl.col("remaining_p90_exposure").alias(t("remaining_p90", lang)),
        pl.col("remaining_risk_total").round(0).alias(t("remaining_risk", lang)),
    )


PLAN_MONEY = ("cost", "exposure_removed", "remaining_exposure", "remaining_p90")
"""Label keys of the plan tables' money columns (format them as euros)."""


def plan_formats(lang: str) -> dict[str, str]:
    """``formats`` argument of :meth:`Report.table` for the plan tables."""
    return {t(k, lang): "eur" for k in PLAN_MONEY}


def plan_note(plan, exposure, lang: str) -> str:
    """How the plan was computed, in one paragraph (method, budget, draws, our estimates)."""
    if plan is None:
        return ""
    text = t("plan_method", lang, steps=format_number(plan.steps.height, lang),
             days=format_number(plan.effort_days, lang), cost=format_eur(plan.cost_eur, lang),
             draws=format_number(plan.n_draws, lang), seed=plan.seed)
    if exposure is not None and plan.n_draws != exposure.n_draws:
        text += " " + t("plan_draws_note", lang, draws=format_number(plan.n_draws, lang),
                        start=format_eur(plan.baseline.portfolio["expected_exposure"], lang),
                        headline=format_eur(exposure.summary()["expected_cost"], lang))
    if plan.left_out:
        text += " " + t("plan_left_out", lang, n=len(plan.left_out))
    return text


# --------------------------------------------------------------------------- comparable fines

def similar_fines(findings: pl.DataFrame, lang: str, *, country: str | None = None,
                  k: int = 5) -> pl.DataFrame:
    """Real fines closest to the gravest findings' articles (:func:`similar_cases`)."""
    high = findings.filter(pl.col("seriousness") == "high")
    source = high if high.height else findings
    # GDPR citations only ("Art. 32"); national texts such as "décret 2019-341" are left out
    articles = sorted(a for a in set(source["articles"].explode().drop_nulls().to_list())
                      if a.startswith("Art."))
    if not articles:
        return pl.DataFrame()
    try:
        cases = similar_cases(articles, country=country, k=k)
    except ValueError:  # e.g. a country the enforcement table does not know
        try:
            cases = similar_cases(articles, k=k)
        except ValueError:
            return pl.DataFrame()
    return cases.select(
        pl.col("date").cast(pl.Utf8).alias(t("date", lang)),
        pl.col("country").alias(t("country", lang)),
        pl.col("controller").alias(t("controller", lang)),
        pl.col("articles").list.join(", ").alias(t("articles", lang)),
        pl.col("amount_eur").alias(t("amount", lang)),
    )


# --------------------------------------------------------------------------- discovery

def discovery_figures(result) -> dict[str, int]:
    """Counts of a scan: ``tables, columns, personal_columns, sensitive_columns, errors``."""
    cols = result.columns
    cats = taxonomy.categories()
    sensitive = cats.filter(pl.col("art9") | pl.col("art10") | pl.col("nir"))["key"].to_list()
    return {
        "tables": cols.select(pl.struct("source", "table").n_unique()).item() if cols.height else 0,
        "columns": cols.height,
        "personal_columns": int(cols["category"].is_not_null().sum()),
        "sensitive_columns": int(cols["category"].is_in(sensitive).sum()),
        "errors": result.errors.height,
    }


def discovery_key_figures(result, lang: str) -> list[tuple[str, str]]:
    """Key figures of the discovery report, formatted."""
    f = discovery_figures(result)
    fr = lang == "fr"
    return [
        ("Tables / fichiers analysés" if fr else "Tables / files scanned", format_number(f["tables"], lang)),
        ("Colonnes analysées" if fr else "Columns scanned", format_number(f["columns"], lang)),
        ("Colonnes de données personnelles" if fr else "Personal-data columns",
         format_number(f["personal_columns"], lang)),
        ("Colonnes sensibles (art. 9, 10, NIR)" if fr else "Sensitive columns (Art. 9, 10, NIR)",
         format_number(f["sensitive_columns"], lang)),
        ("Erreurs de lecture" if fr else "Read errors", format_number(f["errors"], lang)),
    ]


def discovery_categories(result, lang: str) -> pl.DataFrame:
    """Personal-data columns per data category, largest first."""
    lab = _label_col(lang)
    cats = taxonomy.categories().select("key", pl.col(lab).alias("_lab"))
    return (result.columns.filter(pl.col("category").is_not_null())
            .group_by("category").agg(pl.len().cast(pl.Int64).alias("_n"))
            .join(cats, left_on="category", right_on="key", how="left")
            .sort(["_n", "category"], descending=[True, False])
            .select(pl.col("_lab").fill_null(pl.col("category")).alias(t("category", lang)),
                    pl.col("_n").alias("Colonnes" if lang == "fr" else "Columns")))


def discovery_columns(result, lang: str) -> pl.DataFrame:
    """Personal-data columns found, most confident first, with *masked* examples only.

    Only the file name of each source is shown (not its folder or a database URL's password).
    """
    lab = _label_col(lang)
    cats = taxonomy.categories().select("key", pl.col(lab).alias("_lab"))
    fr = lang == "fr"
    return (result.columns.filter(pl.col("category").is_not_null())
            .join(cats, left_on="category", right_on="key", how="left")
            .sort(["confidence", "source", "table", "column"], descending=[True, False, False, False])
            .select(pl.col("table").alias("Table"),
                    pl.col("column").alias(t("column", lang)),
                    pl.col("entity").alias("Entité" if fr else "Entity"),
                    pl.col("_lab").fill_null(pl.col("category")).alias(t("category", lang)),
                    pl.col("confidence").alias("Confiance" if fr else "Confidence"),
                    pl.col("match_share").alias(t("share", lang)),
                    pl.col("examples").list.head(3).list.join(", ")
                    .alias("Exemples masqués" if fr else "Masked examples")))
