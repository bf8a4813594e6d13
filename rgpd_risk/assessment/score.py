"""The explainable additive risk score (0-100) — **our own modelling choice**.

Neither the CNIL nor ENISA nor the EDPB publishes a numeric risk score: this one exists to
rank datasets and to explain the ranking. It is a sum of seven non-negative factor
contributions, each ``weight x feature`` with the feature in [0, 1] and the weights summing
to 100 (:class:`~rgpd_risk.assessment.config.RiskModel` ``score_weights``):

=====================  ===========================================================  ======
factor                 feature                                                      weight
=====================  ===========================================================  ======
access_risk            (CNIL severity × likelihood − 1) / 15, illegitimate access   20
modification_risk      same, unwanted modification                                  7.5
disappearance_risk     same, disappearance                                          7.5
scale                  log10(people) / log10(1 000 000), capped; unknown -> 1       10
dpia_criteria          WP248 criteria met / 4, capped                               10
findings_83_5          share of the findings factor from Art. 83(5) findings        } 45
findings_83_4          share of the findings factor from Art. 83(4) findings        }
=====================  ===========================================================  ======

The findings factor is ``min(points / 20, 1)`` where each finding scores 1 / 2 / 4 points
(low / medium / high seriousness) × 1.5 for an Art. 83(5) finding; it is split between the
two tiers in proportion to their points, so the contributions add up exactly to the score.

Every weight is ≥ 0 and a security measure can only lower a likelihood or remove a finding,
so adding a measure never raises the score (property-tested).
"""

from __future__ import annotations

import polars as pl

from rgpd_risk.assessment.config import FEARED_EVENTS, RISK_LEVELS, RiskModel
from rgpd_risk.i18n import text

__all__ = ["FACTORS", "score_columns", "risk_level"]

#: factor -> (English label, French label), in waterfall order; the labels are
#: ``metrics.factors.<factor>`` of the text catalogue.
FACTORS: dict[str, tuple[str, str]] = {
    k: (text(f"metrics.factors.{k}", "en"), text(f"metrics.factors.{k}", "fr"))
    for k in ("access_risk", "modification_risk", "disappearance_risk", "scale", "dpia_criteria",
              "findings_83_5", "findings_83_4")
}


def risk_level(score: pl.Expr, model: RiskModel) -> pl.Expr:
    """Our band of a 0-100 score: low / medium / high / critical."""
    a, b, c = model.score_bands
    return (
        pl.when(score < a).then(pl.lit(RISK_LEVELS[0]))
        .when(score < b).then(pl.lit(RISK_LEVELS[1]))
        .when(score < c).then(pl.lit(RISK_LEVELS[2]))
        .otherwise(pl.lit(RISK_LEVELS[3]))
    )


def score_columns(model: RiskModel, points_83_5: pl.Expr, points_83_4: pl.Expr) -> list[pl.Expr]:
    """Contribution columns ``_c_<factor>`` (Float64) for a frame holding the CNIL columns,
    ``_dpia_n`` and ``subject_count``; the finding points per tier are given as expressions.
    """
    w = model.score_weights
    out: list[pl.Expr] = []
    for ev in FEARED_EVENTS:
        product = pl.col(f"{ev}_severity").cast(pl.Float64) * pl.col(f"{ev}_likelihood")
        out.append((w[f"{ev}_risk"] * (product - 1.0) / 15.0).alias(f"_c_{ev}_risk"))
    n = pl.col("subject_count")
    scale = pl.when(n.is_null()).then(1.0).otherwise(
        n.clip(1, None).cast(pl.Float64).log(float(model.scale_reference)).clip(0.0, 1.0))
    out.append((w["scale"] * scale).alias("_c_scale"))
    dpia = (pl.col("_dpia_n").cast(pl.Float64) / model.dpia_criteria_saturation).clip(0.0, 1.0)
    out.append((w["dpia_criteria"] * dpia).alias("_c_dpia_criteria"))
    total_points = points_83_5 + points_83_4
    findings = w["findings"] * (total_points / model.findings_saturation).clip(0.0, 1.0)
    c5 = pl.when(total_points > 0).then(findings * points_83_5 / total_points).otherwise(0.0)
    out.append(c5.alias("_c_findings_83_5"))
    out.append((findings - c5).alias("_c_findings_83_4"))
    return out
