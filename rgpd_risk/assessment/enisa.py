"""ENISA (2013) severity of a personal-data breach, for a confidentiality-breach scenario.

Published (ENISA, *Recommendations for a methodology of the assessment of severity of
personal data breaches*, v1.0, December 2013): ``SE = DPC x EI + CB``.

* DPC (data processing context) 1-4 from the data type — simple 1, behavioural 2,
  financial 3, sensitive 4 (our categories carry that base score,
  ``rgpd_risk/data/categories.csv``); the highest category wins; context raises it.
  Our context adjustments: +1 for vulnerable people (ENISA names minors), +1 for a very large
  population (our proxy for ENISA's "volume"); clamped to 1-4.
* EI (ease of identification): negligible 0.25, limited 0.5, significant 0.75, maximum 1.
* CB (circumstances of breach), our scenario: loss of confidentiality only — 0.5 when the
  dataset is internet-exposed (ENISA: data exposed to an unknown number of recipients),
  0.25 otherwise (a known number) — plus 0.5 for malicious intent (assumed).
* Bands: SE < 2 low, 2-3 medium, 3-4 high, >= 4 very high.

Arts 33/34 (a convention, not law; :class:`RiskModel` ``notify_from_band`` /
``inform_from_band``): medium or above -> notify the authority within 72 h (Art. 33(1));
high or above -> also inform the data subjects (Art. 34(1)) unless the data were encrypted
at rest, which makes them unintelligible to an attacker (Art. 34(3)(a)). Pseudonymisation
alone does not count (Recital 26: pseudonymised data remain personal data).
"""

from __future__ import annotations

import polars as pl

from rgpd_risk.assessment.config import ENISA_BANDS, RiskModel
from rgpd_risk.assessment.context import measure_col

__all__ = ["enisa_columns", "enisa_band"]


def enisa_band(se: pl.Expr, model: RiskModel) -> pl.Expr:
    """Band label of an SE expression."""
    lo, mid, hi = model.enisa_band_thresholds
    return (
        pl.when(se < lo).then(pl.lit(ENISA_BANDS[0]))
        .when(se < mid).then(pl.lit(ENISA_BANDS[1]))
        .when(se < hi).then(pl.lit(ENISA_BANDS[2]))
        .otherwise(pl.lit(ENISA_BANDS[3]))
    )


def enisa_columns(model: RiskModel) -> list[pl.Expr]:
    """``enisa_dpc, enisa_ei, enisa_cb, enisa_se, enisa_band, notify_authority,
    inform_subjects`` from a context frame."""
    dpc = (
        pl.col("_max_dpc").cast(pl.Int32)
        + pl.col("_vulnerable").cast(pl.Int32) * model.enisa_vulnerable_increment
        + pl.col("_very_large").cast(pl.Int32) * model.enisa_very_large_increment
    ).clip(1, 4).cast(pl.Int8)
    ei = pl.col("identifiability").replace_strict(
        dict(model.enisa_ei), default=max(model.enisa_ei.values()), return_dtype=pl.Float64)
    cb = (
        pl.when(pl.col("internet_exposed")).then(model.enisa_cb_exposed)
        .otherwise(model.enisa_cb_internal) + model.enisa_malicious_intent
    ).clip(0.0, 2.0)
    se = dpc.cast(pl.Float64) * ei + cb
    rank = {b: i for i, b in enumerate(ENISA_BANDS)}
    lo, mid, hi = model.enisa_band_thresholds
    threshold = {0: float("-inf"), 1: lo, 2: mid, 3: hi}
    notify = se >= threshold[rank[model.notify_from_band]]
    inform = (se >= threshold[rank[model.inform_from_band]]) & ~pl.col(
        measure_col("encryption_at_rest"))
    return [
        dpc.alias("enisa_dpc"),
        ei.alias("enisa_ei"),
        cb.alias("enisa_cb"),
        se.alias("enisa_se"),
        enisa_band(se, model).alias("enisa_band"),
        notify.alias("notify_authority"),
        inform.alias("inform_subjects"),
    ]
