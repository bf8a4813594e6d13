"""Views of the inventory report (notebooks/01_inventory.ipynb): overview, content of the
register, Art. 30(1) completeness, import checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.schema import RETENTION_STATUSES
from rgpd_risk.report.evidence import evidence_expr
from rgpd_risk.report.i18n import (
    ART30_LETTERS,
    art30_label,
    format_date,
    format_eur,
    format_number,
    t,
)
from rgpd_risk.report.views._common import _frame, _label_col

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
    letters = list(ART30_LETTERS)
    sums = filled.select(pl.col(letters).sum()).row(0) if filled.height else (0,) * len(letters)
    return pl.DataFrame({
        t("field", lang): [art30_label(k, lang) for k in letters],
        t("filled", lang): [int(s) for s in sums],
        t("share", lang): [int(s) / n for s in sums],
    }, schema={t("field", lang): pl.Utf8, t("filled", lang): pl.Int64, t("share", lang): pl.Float64})


def art30_incomplete(inv: Inventory | pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets missing at least one Art. 30(1) field, with the letters missing."""
    filled = art30_filled(inv)
    letters = list(ART30_LETTERS)
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
