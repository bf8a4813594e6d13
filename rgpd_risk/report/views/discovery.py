"""Views of the discovery report (notebooks/04_discovery.ipynb)."""

from __future__ import annotations

import polars as pl

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.report.i18n import (
    format_number,
    t,
)
from rgpd_risk.report.views._common import _label_col

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
    return [(t(f"scan_{k}", lang), format_number(v, lang)) for k, v in f.items()]


def discovery_categories(result, lang: str) -> pl.DataFrame:
    """Personal-data columns per data category, largest first."""
    lab = _label_col(lang)
    cats = taxonomy.categories().select("key", pl.col(lab).alias("_lab"))
    return (result.columns.filter(pl.col("category").is_not_null())
            .group_by("category").agg(pl.len().cast(pl.Int64).alias("_n"))
            .join(cats, left_on="category", right_on="key", how="left")
            .sort(["_n", "category"], descending=[True, False])
            .select(pl.col("_lab").fill_null(pl.col("category")).alias(t("category", lang)),
                    pl.col("_n").alias(t("columns", lang))))


def discovery_columns(result, lang: str) -> pl.DataFrame:
    """Personal-data columns found, most confident first, with *masked* examples only.

    Only the file name of each source is shown (not its folder or a database URL's password).
    """
    lab = _label_col(lang)
    cats = taxonomy.categories().select("key", pl.col(lab).alias("_lab"))
    return (result.columns.filter(pl.col("category").is_not_null())
            .join(cats, left_on="category", right_on="key", how="left")
            .sort(["confidence", "source", "table", "column"], descending=[True, False, False, False])
            .select(pl.col("table").alias("Table"),
                    pl.col("column").alias(t("column", lang)),
                    pl.col("entity").alias(t("entity", lang)),
                    pl.col("_lab").fill_null(pl.col("category")).alias(t("category", lang)),
                    pl.col("confidence").alias(t("confidence", lang)),
                    pl.col("match_share").alias(t("share", lang)),
                    pl.col("examples").list.head(3).list.join(", ")
                    .alias(t("masked_examples", lang))))
