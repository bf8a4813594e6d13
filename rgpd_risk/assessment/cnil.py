"""CNIL PIA (2018) severity and likelihood of the three feared events, vectorised.

Published (CNIL, *PIA — La méthode* / *Les bases de connaissances*, 2018): three feared events
— illegitimate access, unwanted modification, disappearance of personal data — each placed
on a severity scale and a likelihood scale of four levels (1 négligeable, 2 limitée,
3 importante, 4 maximale), before (initial) and after planned measures (residual). The CNIL
gives **no formula**: analysts judge. Our formulas (all weights in
:class:`~rgpd_risk.assessment.config.RiskModel`):

* **Severity** (prejudice to people) of illegitimate access = highest ENISA DPC of the data
  categories (1 simple … 4 Art. 9/10), +1 for vulnerable people (children, patients,
  employees …), +1 for a very large population, minus a reduction when people are hard to
  identify; clamped to 1-4. Modification and disappearance hurt through wrong or missing
  data rather than disclosure: base 1 ("limited" inconvenience needs a reason), +1 for
  financial / NIR / Art. 9-10 data, +1 for vulnerable people, +1 when decisions rest on the
  data (automated decision, blocking a right or service), minus the same reduction.
  Severity does not depend on security measures here, so residual severity = initial.
* **Likelihood** (vulnerabilities of supports × capability of risk sources) =
  ``ceil(exposure points - control points)`` clamped to 1-4, where exposure adds internet
  exposure, the number of people with access, recipients, processors, transfers outside
  the EEA and incident history (unknown counts are pessimistic), and each Art. 32 measure
  in place removes a non-negative number of points specific to the feared event.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from rgpd_risk.assessment.config import FEARED_EVENTS, RiskModel
from rgpd_risk.assessment.context import MEASURE_BITS, MEASURES

__all__ = ["severity_expr", "likelihood_expr", "exposure_features", "cnil_columns"]


def _clip(e: pl.Expr) -> pl.Expr:
    return e.clip(1, 4).cast(pl.Int8)


def _identifiability_reduction(model: RiskModel) -> pl.Expr:
    return pl.col("identifiability").replace_strict(
        dict(model.severity_identifiability_reduction), default=0, return_dtype=pl.Int32)


def severity_expr(event: str, model: RiskModel) -> pl.Expr:
    """Severity (Int8, 1-4) of one feared event, from a context frame."""
    vulnerable = pl.col("_vulnerable").cast(pl.Int32) * model.severity_vulnerable_increment
    if event == "access":
        raw = (
            pl.col("_max_dpc").cast(pl.Int32)
            + vulnerable
            + pl.col("_very_large").cast(pl.Int32) * model.severity_very_large_increment
        )
    else:
        reliance = (pl.col("automated_decision") | pl.col("blocks_right_or_service"))
        raw = (
            pl.lit(model.integrity_availability_base, dtype=pl.Int32)
            + (pl.col("_max_dpc") >= model.integrity_availability_dpc_threshold).cast(pl.Int32)
            + vulnerable
            + reliance.cast(pl.Int32) * model.decision_reliance_increment
        )
    return _clip(raw - _identifiability_reduction(model))


def exposure_features(model: RiskModel) -> dict[str, pl.Expr]:
    """Exposure features in [0, 1] (null counts are scored pessimistically)."""
    ac = pl.col("access_count")
    inc = pl.col("incidents_12m")
    cap = float(model.sharing_cap)
    return {
        "base": pl.lit(1.0),
        "internet": pl.col("internet_exposed").cast(pl.Float64),
        "people": pl.when(ac.is_null() | (ac >= model.access_many)).then(1.0)
        .when(ac >= 10).then(0.5).otherwise(0.0),
        "recipients": (pl.col("_n_recipients").cast(pl.Float64) / cap).clip(0.0, 1.0),
        "processors": (pl.col("_n_processors").cast(pl.Float64) / cap).clip(0.0, 1.0),
        "transfers": (pl.col("_non_eea").list.len() > 0).cast(pl.Float64),
        "incidents": pl.when(inc.is_null()).then(model.unknown_incidents_exposure)
        .when(inc > 0).then(1.0).otherwise(0.0),
    }


def likelihood_points(event: str, model: RiskModel, residual: bool = False) -> pl.Expr:
    """Exposure minus control points (Float64) before rounding to a level."""
    feats = exposure_features(model)
    exposure = pl.sum_horizontal(
        [feats[f] * w for f, w in model.likelihood_exposure[event].items() if w])
    # Control points of every combination of measures, looked up by the measure bit mask
    # (2^11 rows): one gather instead of one test per measure.
    bits = np.arange(2 ** len(MEASURES), dtype=np.int64)
    table = np.zeros(len(bits))
    for m, w in model.likelihood_controls[event].items():
        if m in MEASURE_BITS:
            table += ((bits & MEASURE_BITS[m]) != 0) * float(w)
    control = pl.lit(pl.Series(table, dtype=pl.Float64)).gather(
        pl.col("_mask_res" if residual else "_mask"))
    return exposure - control


def likelihood_expr(event: str, model: RiskModel, residual: bool = False) -> pl.Expr:
    """Likelihood (Int8, 1-4) of one feared event; ``residual`` adds planned measures."""
    return _clip((likelihood_points(event, model, residual) - 1e-9).ceil())


def cnil_columns(model: RiskModel) -> list[pl.Expr]:
    """``{event}_severity``, ``{event}_likelihood`` and their ``_residual`` twins."""
    out: list[pl.Expr] = []
    for ev in FEARED_EVENTS:
        sev = severity_expr(ev, model)
        out += [
            sev.alias(f"{ev}_severity"),
            likelihood_expr(ev, model).alias(f"{ev}_likelihood"),
            sev.alias(f"{ev}_severity_residual"),
            likelihood_expr(ev, model, residual=True).alias(f"{ev}_likelihood_residual"),
        ]
    return out
