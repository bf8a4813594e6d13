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

from rgpd_risk import taxonomy
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.report.i18n import (
    ART30_FIELDS,
    check_lang,
    format_date,
    format_eur,
    format_number,
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
                  .then(pl.lit(" (") + pl.col("scope") + pl.lit(")")).otherwise(pl.lit("")))
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
    from rgpd_risk.inventory.schema import RETENTION_STATUSES

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


def report_subtitle(inv: Inventory, lang: str, *, today: dt.date | None = None) -> str:
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
    parts.append(f"{t('generated_on', lang)} {format_date(today or dt.date.today(), lang)}")
    return " · ".join(parts)


# --------------------------------------------------------------------------- risk and board

SERIOUSNESS_ORDER = ("low", "medium", "high")
RISK_LEVEL_ORDER = ("low", "medium", "high", "critical")
HIGH_LEVELS = ("high", "critical")
FEARED_EVENTS = ("access", "modification", "disappearance")


def available(module: str) -> bool:
    """Whether an optional part of the library is installed (``assessment``, ``exposure`` …).

    Examples
    --------
    >>> available("report"), available("no_such_module")
    (True, False)
    """
    import importlib.util

    try:
        return importlib.util.find_spec(f"rgpd_risk.{module}") is not None
    except ModuleNotFoundError:
        return False


def exposure_cases(findings: pl.DataFrame) -> pl.DataFrame:
    """One exposure case per dataset with findings, for :func:`rgpd_risk.exposure.simulate_portfolio`.

    A dataset's tier is the gravest tier of its findings and its seriousness the highest
    seriousness among them. Each dataset is its own Art. 83(3) group (one processing
    operation), and organisation-level findings form one more case — *our* modelling choice,
    stated in the reports' method note.

    Examples
    --------
    >>> from rgpd_risk.schemas import FINDINGS_SCHEMA
    >>> f = pl.DataFrame({"dataset_id": ["a", "a"], "tier": ["83(4)", "83(5)"],
    ...                   "seriousness": ["high", "low"]})
    >>> exposure_cases(f).row(0)
    ('a', '83(5)', 'high', 'a')
    """
    ser_rank = {s: i for i, s in enumerate(SERIOUSNESS_ORDER)}
    return (
        findings.group_by("dataset_id")
        .agg(pl.col("tier").max().alias("tier"),
             pl.col("seriousness").replace_strict(ser_rank, return_dtype=pl.Int8).max().alias("_s"))
        .with_columns(pl.col("_s").replace_strict(dict(enumerate(SERIOUSNESS_ORDER)),
                                                  return_dtype=pl.Utf8).alias("seriousness"),
                      pl.col("dataset_id").alias("group"))
        .select("dataset_id", "tier", "seriousness", "group")
        .sort("dataset_id")
    )


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


def heatmap_counts(datasets: pl.DataFrame, *, residual: bool = False) -> pl.DataFrame:
    """Datasets per (severity, likelihood) cell of their worst feared event: ``severity, likelihood, n``."""
    return (worst_event(datasets, residual=residual)
            .group_by("severity", "likelihood").agg(pl.len().cast(pl.Int64).alias("n"))
            .sort("severity", "likelihood"))


def missing_dpia(inv: Inventory | pl.DataFrame, datasets: pl.DataFrame) -> pl.DataFrame:
    """Datasets whose DPIA screening says *required* and for which no DPIA was carried out."""
    frame = _frame(inv).select("dataset_id", "dpia_done")
    return (datasets.select("dataset_id", "name", "dpia_verdict", "dpia_criteria", "dpia_triggers")
            .join(frame, on="dataset_id", how="left")
            .filter((pl.col("dpia_verdict") == "required") & ~pl.col("dpia_done").fill_null(False)))


def board_figures(inv: Inventory, assessment, exposure=None) -> dict[str, object]:
    """Language-independent key figures of the board report (also stored in the run history).

    Parameters
    ----------
    inv : Inventory
    assessment : rgpd_risk.assessment.Assessment
    exposure : rgpd_risk.exposure.PortfolioExposure, optional

    Returns
    -------
    dict
        ``datasets, high_risks, missing_dpia, findings, findings_high, turnover_eur,
        legal_maximum`` (Art. 83(5) ceiling), ``legal_maximum_83_4``, and, with an exposure,
        ``expected_cost, p50, p90, p_any_fine``.
    """
    from rgpd_risk.exposure import legal_maximum

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
        "legal_maximum": legal_maximum("83(5)", turnover),
        "legal_maximum_83_4": legal_maximum("83(4)", turnover),
    }
    if exposure is not None:
        s = exposure.to_dict()
        out.update(expected_cost=float(s["expected_cost"]), p50=float(s["p50"]),
                   p90=float(s["p90"]), p_any_fine=float(s["p_any_fine"]))
    return out


def history_record(figures: Mapping[str, object], run_id: str,
                   today: dt.date | None = None) -> dict[str, object]:
    """The run-history record of a board run (see :mod:`rgpd_risk.report.history`)."""
    record = dict(figures)
    record.update(run_id=run_id or "interactive", run_date=(today or dt.date.today()).isoformat(),
                  recorded_at=dt.datetime.now().isoformat(timespec="seconds"))
    return record


def board_key_figures(figures: Mapping[str, object], lang: str) -> list[tuple[str, str]]:
    """Key figures of the board report, formatted for ``lang``."""
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
    from rgpd_risk.report.i18n import format_percent

    turnover = figures.get("turnover_eur")
    text = t("legal_max_note", lang, pct4=format_percent(0.04, lang, digits=0),
             pct2=format_percent(0.02, lang, digits=0),
             turnover=format_eur(turnover, lang) if turnover is not None else "—")
    return (f"{t('legal_max', lang)} : {format_eur(figures['legal_maximum'], lang)} — {text}."
            if lang == "fr" else
            f"{t('legal_max', lang)}: {format_eur(figures['legal_maximum'], lang)} — {text}.")


def trend_view(figures: Mapping[str, object], previous: Mapping[str, object] | None,
               lang: str) -> pl.DataFrame:
    """Key figures now and at the previous run, with the change (formatted strings)."""
    from rgpd_risk.report.history import trend_frame

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


def top_risks(assessment, lang: str, *, exposure=None, n: int = 10) -> pl.DataFrame:
    """The ``n`` datasets with the largest risk score, with their main finding and expected cost."""
    d, f = assessment.datasets, assessment.findings
    ser_rank = {s: i for i, s in enumerate(SERIOUSNESS_ORDER)}
    main = (f.with_columns(pl.col("seriousness").replace_strict(ser_rank, default=-1).alias("_r"))
            .sort(["dataset_id", "_r", "code"], descending=[False, True, False])
            .group_by("dataset_id", maintain_order=True).first()
            .select("dataset_id", pl.col(f"title_{lang}").alias("_main")))
    top = (d.sort(["risk_score", "dataset_id"], descending=[True, False]).head(n)
           .join(main, on="dataset_id", how="left"))
    cols = [pl.col("name").alias(t("dataset", lang)),
            pl.col("risk_level").replace_strict({lvl: t(lvl, lang) if lvl in ("low", "medium", "high") else lvl
                                                 for lvl in RISK_LEVEL_ORDER}, default=pl.col("risk_level"))
            .alias(t("risk_level", lang)),
            pl.col("risk_score").round(1).alias("score"),
            pl.col("findings_total").cast(pl.Int64).alias(t("findings", lang)),
            pl.col("_main").alias(t("finding", lang))]
    if exposure is not None:
        top = top.join(exposure.datasets.select("dataset_id", "expected_cost"), on="dataset_id", how="left")
        cols.append(pl.col("expected_cost").alias(t("expected_cost", lang)))
    return top.select(cols)


def findings_view(assessment, lang: str) -> pl.DataFrame:
    """Every finding, gravest first: dataset, finding, articles, tier, seriousness, evidence."""
    d, f = assessment.datasets, assessment.findings
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
                pl.col("evidence").alias("evidence" if lang == "en" else "éléments"))
    )


def findings_by_article(findings: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Number of findings per GDPR article, largest first."""
    return (findings.select(pl.col("articles")).explode("articles").drop_nulls()
            .group_by("articles").agg(pl.len().cast(pl.Int64).alias("_n"))
            .sort(["_n", "articles"], descending=[True, False])
            .select(pl.col("articles").alias(t("articles", lang)), pl.col("_n").alias(t("findings", lang))))


def risk_levels_view(datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per risk level (ours), from low to critical."""
    order = pl.DataFrame({"risk_level": list(RISK_LEVEL_ORDER), "_o": list(range(4))})
    counts = order.join(datasets.group_by("risk_level").agg(pl.len().alias("_n")), on="risk_level",
                        how="left").sort("_o")
    labels = {"low": t("low", lang), "medium": t("medium", lang), "high": t("high", lang),
              "critical": "critique" if lang == "fr" else "critical"}
    return counts.select(pl.col("risk_level").replace_strict(labels).alias(t("risk_level", lang)),
                         pl.col("_n").fill_null(0).cast(pl.Int64).alias(t("datasets", lang)))


def dpia_view(inv: Inventory, datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Required DPIAs not carried out, with the WP248 criteria and Art. 35(3) triggers met."""
    return missing_dpia(inv, datasets).select(
        pl.col("name").alias(t("dataset", lang)),
        pl.col("dpia_criteria").list.join(", ").alias("WP248"),
        pl.col("dpia_triggers").list.join(", ").alias("Art. 35(3)"),
    )


def plan_by_seed_action(findings: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Findings grouped by the six seed actions (methodology §8) through their ``action`` keys.

    Columns: action, findings, of which high seriousness, datasets concerned, what to do
    (the distinct finding titles, most frequent first, at most five). Every one of the six
    actions is listed, with zero when nothing falls under it.
    """
    from rgpd_risk.report.i18n import SEED_ACTION_OF, SEED_ACTIONS

    keys = [k for k, _ in SEED_ACTIONS]
    mapped = findings.with_columns(
        pl.col("action").replace_strict(dict(SEED_ACTION_OF), default="document_review").alias("_seed"))
    titles = (mapped.group_by("_seed", f"title_{lang}").agg(pl.len().alias("_c"))
              .sort(["_seed", "_c", f"title_{lang}"], descending=[False, True, False])
              .group_by("_seed", maintain_order=True).agg(pl.col(f"title_{lang}").head(5).alias("_titles")))
    agg = (mapped.group_by("_seed")
           .agg(pl.len().cast(pl.Int64).alias("_n"),
                (pl.col("seriousness") == "high").sum().cast(pl.Int64).alias("_high"),
                pl.col("dataset_id").filter(pl.col("dataset_id") != "__organisation__")
                .n_unique().cast(pl.Int64).alias("_ds")))
    base = pl.DataFrame({"_seed": keys, "_o": list(range(len(keys))),
                         "_label": [dict(SEED_ACTIONS)[k][lang] for k in keys]})
    out = (base.join(agg, on="_seed", how="left").join(titles, on="_seed", how="left").sort("_o"))
    return out.select(
        pl.col("_label").alias(t("seed_action", lang)),
        pl.col("_n").fill_null(0).alias(t("findings", lang)),
        pl.col("_high").fill_null(0).alias(t("high", lang).capitalize()),
        pl.col("_ds").fill_null(0).alias(t("datasets", lang)),
        pl.col("_titles").fill_null([]).list.join(" · ").alias(t("finding", lang)),
    )


def similar_fines(findings: pl.DataFrame, lang: str, *, country: str | None = None,
                  k: int = 5) -> pl.DataFrame:
    """Real fines closest to the gravest findings' articles (:func:`similar_cases`)."""
    from rgpd_risk.exposure.similar import similar_cases

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


def assess_or_none(inv: Inventory):
    """:func:`rgpd_risk.assessment.assess` of the inventory, or ``None`` if not installed."""
    if not available("assessment"):
        return None
    from rgpd_risk.assessment import assess

    return assess(inv)


def simulate_or_none(inv: Inventory, assessment, *, seed: int = 0, n_draws: int = 20_000):
    """Portfolio exposure (:func:`simulate_portfolio`) of the findings, or ``None``.

    ``None`` when the exposure module is missing, there is no assessment or no finding.
    """
    if assessment is None or not available("exposure") or assessment.findings.height == 0:
        return None
    from rgpd_risk.exposure import simulate_portfolio

    turnover = None if inv.organisation is None else inv.organisation.turnover_eur
    return simulate_portfolio(exposure_cases(assessment.findings), turnover, seed=seed,
                              n_draws=n_draws)


def exposure_by_dataset(inv: Inventory, assessment, exposure, lang: str, *, n: int = 10) -> pl.DataFrame:
    """Datasets with the largest expected fine cost over the horizon (stand-alone)."""
    names = assessment.datasets.select("dataset_id", "name")
    org = t("organisation", lang)
    return (exposure.datasets.join(names, on="dataset_id", how="left")
            .sort(["expected_cost", "dataset_id"], descending=[True, False]).head(n)
            .select(pl.col("name").fill_null(pl.lit(org)).alias(t("dataset", lang)),
                    pl.col("tier").alias(t("tier", lang)),
                    _seriousness_label(lang).alias(t("seriousness", lang)),
                    pl.col("p_horizon").alias(t("p_any_fine", lang)),
                    pl.col("expected_cost").alias(t("expected_cost", lang))))


# --------------------------------------------------------------------------- discovery

def load_scan(path: str | Path, *, seed: int = 0):
    """A :class:`~rgpd_risk.discovery.ScanResult`: read from a scan JSON, or scan ``path`` now.

    ``path`` ending in ``.json`` and holding a ``columns`` list is read as the JSON written by
    ``ScanResult.to_json``; anything else (a data file, a folder, a database URL) is scanned
    with :func:`rgpd_risk.discovery.scan` (seeded sample). Only masked examples are kept.
    """
    import json

    from rgpd_risk.discovery import COLUMNS_SCHEMA, ScanResult, scan

    text_path = str(path)
    if text_path.lower().endswith(".json"):
        doc = json.loads(Path(text_path).read_text(encoding="utf-8"))
        if isinstance(doc, dict) and isinstance(doc.get("columns"), list):
            loose = {c: (pl.Utf8 if dtype == pl.Date() else dtype) for c, dtype in COLUMNS_SCHEMA.items()}
            frame = pl.DataFrame(doc["columns"], schema=loose)
            frame = frame.with_columns(pl.col(c).str.to_date(strict=False)
                                       for c, dtype in COLUMNS_SCHEMA.items() if dtype == pl.Date())
            errors = pl.DataFrame(doc.get("errors", []),
                                  schema={"source": pl.Utf8, "table": pl.Utf8, "error": pl.Utf8})
            return ScanResult(frame, errors, dict(doc.get("parameters", {})))
    return scan(text_path, seed=seed, progress=False)


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
