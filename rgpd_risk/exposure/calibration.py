"""Priors of the probabilistic fine model and aggregate calibration statistics.

**Everything in :class:`FineModel` is OUR modelling choice**, not law and not EDPB guidance.
The EDPB method (in :mod:`rgpd_risk.exposure.calculator`) leaves four choices to the authority:
where to sit inside the seriousness band, where to sit inside the size band, the Step 3
percentages and the Step 5 factor. The model turns each into a distribution whose defaults are
anchored on the choices observed in the decisions of methodology.md §2; the enforcement
probability is a plain assumption. Every number is a named, overridable field
(``dataclasses.replace(DEFAULT_MODEL, step5_probability=0.5)``).

:func:`derive_calibration_table` computes the *aggregate* statistics shipped in
``rgpd_risk/data/fine_calibration.csv`` (counts and quantiles of log10 fines by tier, article
family, sector, country) from an enforcement frame (see :mod:`rgpd_risk.exposure.enforcement`).
It is a pure function; the script ``benchmarks/derive_calibration.py`` does the I/O.

Examples
--------
>>> from dataclasses import replace
>>> m = replace(DEFAULT_MODEL, p_enforcement={"low": 0.01, "medium": 0.02, "high": 0.1})
>>> m.annual_p_enforcement("high")
0.1
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.law import SIZE_BANDS, SizeBand

__all__ = [
    "DEFAULT_MODEL",
    "FineModel",
    "ARTICLE_FAMILIES",
    "article_family",
    "derive_calibration_table",
]


def _ro(d: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(dict(d))


@dataclass(frozen=True)
class FineModel:
    """Priors for the discretionary EDPB choices and for enforcement — OUR modelling choices.

    Attributes
    ----------
    seriousness_prior : mapping tier -> (p_low, p_medium, p_high)
        Used when the seriousness is not given. Default (0.55, 0.30, 0.15) for every tier:
        most published fines are small (CMS median EUR 6 900, enforcement_stats.md), which the
        EDPB arithmetic only produces with low seriousness for small undertakings. Ours.
    band_position : mapping seriousness -> (a, b)
        Beta(a, b) position inside the para. 60 seriousness band (0 = bottom, 1 = top).
        Observed positions: high 0.375 (PL DKN.5131.4.2024), 0.015 (NL Uber); medium 0.2
        (PL DKN.5131.29.2023), 0.5 (PL DKN.5112.35.2021). Authorities sit in the lower part
        of the band: default Beta(1.5, 3) (mean 0.33). Ours.
    size_position : (a, b)
        Beta(a, b) position inside the EDPB size band. Observed 0.18, 0.41 (10-50 m band),
        0.14 (100-250 m band) → default Beta(1.5, 4) (mean 0.27). Ours.
    step3_mean, step3_sd, step3_bounds :
        Net Step 3 relative change ~ Normal(mean, sd) clipped to bounds. Observed: +5 %,
        −35 %, 0, 0 → default mean −0.05, sd 0.15, bounds (−0.5, +0.5). Ours.
    step5_probability, step5_range :
        With probability p, a Step 5 factor ~ Uniform(range) is applied; otherwise 1.
        Observed: ×0.5, ×0.7, ×0.55, none (Uber) → 0.75 and (0.5, 0.75). Ours.
    p_enforcement : mapping seriousness -> annual probability
        Annual probability that an unremediated finding of that seriousness leads to a fine.
        Pure assumption (≈ 400 published fines a year in the whole EEA in the CMS snapshot,
        i.e. a base rate of the order of 1e-5 per organisation; conditional on a real
        infringement the rate is higher and unknown). Defaults 0.005 / 0.02 / 0.05. Ours.
    size_bands : tuple of SizeBand
        EDPB size bands (law.py); override when the unverified 2-10 m percentages are checked.
    group_scaling_probability, turnover_elasticity :
        Authority practice above EUR 500 m turnover, where the EDPB arithmetic has no size
        adjustment and the starting amount grows linearly with the (group) turnover. With
        probability ``group_scaling_probability`` (q) the authority follows that arithmetic;
        otherwise the starting amount grows only as ``turnover ** turnover_elasticity`` (b),
        i.e. it is multiplied by ``(500 m / turnover) ** (1 − b)`` — national authorities
        fining a local entity, decisions before CJEU C-383/23 or the 2023 guidelines, and
        proportionality in practice (Carrefour, Google ES/SE, Amazon France Logistique were
        fined 0.07-0.2 % of the group maximum). Continuous at 500 m and non-decreasing in the
        turnover for every draw. **Fitted** on the 47 decisions of
        ``benchmarks/backtest_decisions.csv`` (grid q ∈ 0.2…1, b ∈ {0, .25, .5, .75}, mean
        CRPS of log10 fine): q = 0.7, b = 0.5; out-of-sample (leave-one-out and
        leave-one-controller-out) figures in ``benchmarks/RESULTS_exposure.md``. ``q = 1``
        (or ``b = 1``) restores the plain EDPB arithmetic. Ours.
    """

    seriousness_prior: MappingProxyType[str, tuple[float, float, float]] = field(
        default_factory=lambda: _ro(
            {t: (0.55, 0.30, 0.15) for t in ("83(4)", "83(5)", "83(6)")}
        )
    )
    band_position: MappingProxyType[str, tuple[float, float]] = field(
        default_factory=lambda: _ro({"low": (1.5, 3.0), "medium": (1.5, 3.0), "high": (1.5, 3.0)})
    )
    size_position: tuple[float, float] = (1.5, 4.0)
    step3_mean: float = -0.05
    step3_sd: float = 0.15
    step3_bounds: tuple[float, float] = (-0.5, 0.5)
    step5_probability: float = 0.75
    step5_range: tuple[float, float] = (0.5, 0.75)
    p_enforcement: MappingProxyType[str, float] = field(
        default_factory=lambda: _ro({"low": 0.005, "medium": 0.02, "high": 0.05})
    )
    size_bands: tuple[SizeBand, ...] = SIZE_BANDS
    group_scaling_probability: float = 0.7
    turnover_elasticity: float = 0.5

    def __post_init__(self) -> None:
        # accept plain dicts from users, store read-only views (the dataclass is frozen)
        for name in ("seriousness_prior", "band_position", "p_enforcement"):
            value = getattr(self, name)
            if not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, _ro(value))
        for tier, probs in self.seriousness_prior.items():
            if len(probs) != 3 or min(probs) < 0 or not np.isclose(sum(probs), 1.0):
                raise ValueError(
                    f"seriousness_prior[{tier!r}] must be 3 probabilities summing to 1"
                )
        for k, p in self.p_enforcement.items():
            if not 0 <= p <= 1:
                raise ValueError(f"p_enforcement[{k!r}] must be in [0, 1], got {p}")
        if not 0 <= self.step5_probability <= 1:
            raise ValueError("step5_probability must be in [0, 1]")
        lo, hi = self.step3_bounds
        if not -1 <= lo <= hi:
            raise ValueError("step3_bounds must satisfy -1 <= low <= high")
        if not 0 <= self.step5_range[0] <= self.step5_range[1]:
            raise ValueError("step5_range must satisfy 0 <= low <= high")
        if not 0 <= self.group_scaling_probability <= 1:
            raise ValueError("group_scaling_probability must be in [0, 1]")
        if not 0 <= self.turnover_elasticity <= 1:
            raise ValueError(
                f"turnover_elasticity must be in [0, 1], got {self.turnover_elasticity!r}"
            )

    def annual_p_enforcement(self, seriousness: str) -> float:
        """Annual enforcement probability for a seriousness band (our assumption)."""
        try:
            return float(self.p_enforcement[seriousness])
        except KeyError:
            raise ValueError(
                f"unknown seriousness {seriousness!r}: expected one of {list(self.p_enforcement)}"
            ) from None

    def to_dict(self) -> dict[str, Any]:
        """Plain dictionary of every parameter (for reports and provenance)."""
        return {
            "seriousness_prior": dict(self.seriousness_prior),
            "band_position": dict(self.band_position),
            "size_position": self.size_position,
            "step3_mean": self.step3_mean,
            "step3_sd": self.step3_sd,
            "step3_bounds": self.step3_bounds,
            "step5_probability": self.step5_probability,
            "step5_range": self.step5_range,
            "p_enforcement": dict(self.p_enforcement),
            "group_scaling_probability": self.group_scaling_probability,
            "turnover_elasticity": self.turnover_elasticity,
            "size_bands": [
                (b.low_eur, b.high_eur, b.share_low, b.share_high, b.verified)
                for b in self.size_bands
            ],
        }


#: The default priors (our modelling choices, see :class:`FineModel`).
DEFAULT_MODEL = FineModel()

#: Article families used by the calibration table and by :func:`similar_cases` (ours; they
#: follow the family split of enforcement_stats.md).
ARTICLE_FAMILIES: dict[str, tuple[int, ...]] = {
    "principles": (5,),
    "lawfulness": (6, 7, 8, 9, 10, 11),
    "rights": tuple(range(12, 24)),
    "accountability": tuple(range(24, 32)),
    "security": (32, 33, 34),
    "dpia_dpo": tuple(range(35, 40)),
    "transfers": tuple(range(44, 50)),
    "authority": (58,),
}
_FAMILY_OF: dict[int, str] = {a: f for f, arts in ARTICLE_FAMILIES.items() for a in arts}


def article_family(article: int) -> str:
    """Family of an article number (``"other"`` when none).

    Examples
    --------
    >>> article_family(32), article_family(46), article_family(4)
    ('security', 'transfers', 'other')
    """
    return _FAMILY_OF.get(int(article), "other")


_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def derive_calibration_table(enforcement: pl.DataFrame, *, min_count: int = 5) -> pl.DataFrame:
    """Aggregate statistics of fines by dimension (pure; no record is copied).

    Parameters
    ----------
    enforcement : pl.DataFrame
        Frame with the :data:`rgpd_risk.exposure.enforcement.ENFORCEMENT_SCHEMA`.
    min_count : int, default 5
        Cells with fewer fines are dropped (no single decision can be read off the table).

    Returns
    -------
    pl.DataFrame
        Columns ``source_format, dimension, value, n, log10_q05 … log10_q95, log10_mean,
        log10_ratio_static_q50, share_ge_1m``: quantiles of log10(fine EUR) over fines > 0,
        and the median of log10(fine / static maximum of the record's tier) — the ratio to
        the legal maximum for an undertaking at or below EUR 500 m turnover.

    Examples
    --------
    >>> from datetime import date
    >>> df = pl.DataFrame({"amount_eur": [1e3, 1e4, 1e5, 1e4, 2e4], "tier": ["83(5)"] * 5,
    ...     "articles": [["Art. 5"]] * 5, "sector": ["x"] * 5, "country": ["FR"] * 5,
    ...     "source_format": ["tsv"] * 5, "date": [date(2020, 1, 1)] * 5})
    >>> derive_calibration_table(df).filter(pl.col("dimension") == "tier")["log10_q50"][0]
    4.0
    """
    fam = pl.col("articles").list.eval(
        pl.element()
        .str.extract(r"Art\. (\d+)", 1)
        .cast(pl.Int64)
        .replace_strict(_FAMILY_OF, default="other", return_dtype=pl.Utf8)
    ).list.unique()
    base = (
        enforcement.filter(pl.col("amount_eur") > 0)
        .with_columns(
            log10=pl.col("amount_eur").log10(),
            static_max=pl.when(pl.col("tier") == "83(4)").then(1e7).otherwise(2e7),
            family=fam,
            year=pl.col("date").dt.year().cast(pl.Utf8),
            all=pl.lit("all"),
        )
        .with_columns(log10_ratio=(pl.col("amount_eur") / pl.col("static_max")).log10())
    )
    frames = []
    for dim in ("all", "tier", "family", "sector", "country", "year"):
        df = base.explode("family") if dim == "family" else base
        agg = (
            df.filter(pl.col(dim).is_not_null())
            .group_by("source_format", pl.col(dim).cast(pl.Utf8).alias("value"))
            .agg(
                n=pl.len(),
                **{
                    f"log10_q{int(q * 100):02d}": pl.col("log10").quantile(q, "linear")
                    for q in _QUANTILES
                },
                log10_mean=pl.col("log10").mean(),
                log10_ratio_static_q50=pl.col("log10_ratio").median(),
                share_ge_1m=(pl.col("amount_eur") >= 1e6).mean(),
            )
            .with_columns(dimension=pl.lit(dim))
        )
        frames.append(agg)
    out = pl.concat(frames).filter(pl.col("n") >= min_count)
    cols = ["source_format", "dimension", "value", "n"]
    out = out.select(cols + [c for c in out.columns if c not in cols])
    return out.with_columns(pl.col(pl.Float64).round(3)).sort(cols[:3])
