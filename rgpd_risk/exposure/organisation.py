"""What enforcement could cost an organisation: ONE enforcement process over the horizon.

The model (every figure a named field of :class:`EnforcementModel`, OUR modelling choice
unless it is a legal cap; sources in ``docs/fine_methodology.md``):

1. **A control** happens at most once in the horizon, at the annual rate
   ``base rate (size band) × multipliers`` (consumer-facing activity, complaint-prone finding
   families — prospecting, trackers, unanswered rights, employee monitoring —, incidents in
   the last 12 months, sector, previous infringements, volume of people), capped; the base
   rates are set so that, summed over the French population of organisations, they give the
   order of the CNIL's 321 controls of 2024. ``P(control) = 1 − exp(−rate × years)``.
2. **Given a control**, the authority finds each *cell* of findings (same family, regime,
   tier, seriousness, exposure) with probability ``1 − (1 − visibility)^n`` — a visibility per
   family (trackers are seen from outside; security more easily after an incident or on an
   internet-exposed system). A control may also find a breach the register does not declare
   (``undeclared_probability``), so the residual never drops to zero.
3. **The outcome** — closed, reminder / formal notice, simplified sanction (LIL art. 22-1,
   at most EUR 20 000, CNIL only), ordinary sanction — depends on the gravity of what was found
   and on the size (larger undertakings and graver cases go to the ordinary procedure).
4. **One decision**: its GDPR amount follows the calibrated model of
   :mod:`rgpd_risk.exposure.fine_model` over the families found (number of families, gravest
   family, seriousness, people concerned, authority), capped at the legal maximum of the
   gravest tier found (Art. 83(3): one control's findings treated as linked conduct — our
   reading); LIL art. 82 / CPCE L34-5 breaches get a separate amount capped by LIL art. 20,
   AI Act breaches one capped by AI Act art. 99.

Attention points (``kind == "attention"``) are not infringements and carry no exposure.
A missing ``regime`` / ``kind`` column is read as GDPR / breach.

Determinism and monotonicity (common random numbers): the uniforms of a cell are keyed by the
cell (BLAKE2b + SplitMix64, as in :func:`~rgpd_risk.exposure.simulate_portfolio`), the other
variates by the draw index only. Removing a finding can only turn a found cell into a not-found
one, lower the gravity, the number of families, the gravest effect and the people concerned, so
— for a fixed seed — no draw and no figure (P(control), P(sanction), expected cost, quantiles)
ever rises when a finding is fixed.

Attribution: each dataset's **marginal effect** on the expected cost (first order: the exact
effect of removing one finding of each of its cells, with a correction for its number of
people) allocated in proportion so that the datasets and the organisation-level findings add
up to the total minus the part that no finding explains (``__base__`` row: the undeclared
breaches a control may find).

Examples
--------
>>> from rgpd_risk.inventory.organisation import Organisation
>>> from rgpd_risk.inventory.schema import frame_from_records
>>> inv = frame_from_records([
...     {"dataset_id": "crm", "name": "CRM", "data_categories": ["contact"],
...      "legal_basis": None, "subject_count": 50_000, "data_subjects": ["customers"]},
...     {"dataset_id": "hr", "name": "HR", "data_categories": ["identity"],
...      "legal_basis": "contract", "subject_count": 300, "data_subjects": ["employees"]}])
>>> findings = pl.DataFrame({"dataset_id": ["crm", "crm", "hr"],
...     "code": ["ART6_NO_LEGAL_BASIS", "ART15_NO_ACCESS", "ART32_EXPOSED_UNPROTECTED"],
...     "articles": [["Art. 6(1)"], ["Art. 15(1)"], ["Art. 32(1)"]],
...     "tier": ["83(5)", "83(5)", "83(4)"], "seriousness": ["high", "medium", "medium"]})
>>> res = organisation_exposure(findings, inv, Organisation(name="Acme", turnover_eur=5e7),
...                             n_draws=5_000)
>>> p = res.portfolio.row(0, named=True)
>>> bool(0 < p["p_sanction"] <= p["p_control"] <= 1)
True
>>> round(res.datasets["attributed_expected_cost"].sum(), 6) == round(p["expected_cost"], 6)
True
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.exposure.calculator import legal_maximum
from rgpd_risk.exposure.families import FAMILIES, family_of, regime_of
from rgpd_risk.exposure.fine_model import FineRegression, load_fine_regression
from rgpd_risk.exposure.randomness import _TWO53, _dataset_keys, _draw_counters, _keyed_bits
from rgpd_risk.exposure.regimes import (
    AI_ACT_99_3,
    AI_ACT_99_4,
    LIL_ART20,
    SIMPLIFIED_FINE_CAP_EUR,
    cap_amount,
)
from rgpd_risk.exposure.sanctions import closest_decisions, load_cnil_sanctions
from rgpd_risk.formatting import check_lang, format_eur, format_percent
from rgpd_risk.i18n import text
from rgpd_risk.inventory.organisation import OTHER_COST_ITEMS
from rgpd_risk.schemas import ORGANISATION_DATASET_ID

__all__ = [
    "EnforcementModel",
    "DEFAULT_ENFORCEMENT",
    "OrganisationExposure",
    "organisation_exposure",
    "ORG_PORTFOLIO_SCHEMA",
    "ORG_DATASETS_SCHEMA",
    "SCENARIO_SCHEMA",
    "CNIL_STATISTICS",
]

BASE_ROW = "__base__"

#: CNIL published statistics used as anchors (source: CNIL, "Sanctions et mesures
#: correctrices : bilan 2024", 5 Feb 2025, and the 2024 annual report; 2023 from the 2023
#: report — as reported in ../shared/docs/french_practice.md §1).
CNIL_STATISTICS: Mapping[str, Mapping[str, float]] = MappingProxyType({
    "2023": MappingProxyType({"controls": 340, "sanctions": 42, "simplified": 24,
                              "formal_notices": 168, "fines_total_eur": 89.2e6}),
    "2024": MappingProxyType({"controls": 321, "sanctions": 87, "ordinary": 18,
                              "simplified": 69, "formal_notices": 180, "reminders": 64,
                              "complaints": 17_772, "breach_notifications": 5_629,
                              "fines_total_eur": 55.2e6}),
})


def _ro(d: Mapping[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(dict(d))


@dataclass(frozen=True)
class EnforcementModel:
    """Settings of the organisation-level enforcement model — OUR modelling choices.

    Attributes
    ----------
    base_control_rate : tuple of (turnover upper bound EUR, annual rate)
        Annual probability of a CNIL control for an organisation of that size with no
        aggravating factor. Chosen so that, over the French population of organisations by
        size (orders of magnitude, ours: ~4 m below EUR 2 m, ~140 k of 2–10 m, ~25 k of
        10–50 m, ~6 k of 50–250 m, ~1.5 k of 250 m–1.5 bn, ~300 above), the expected number
        (120 + 56 + 50 + 24 + 22 + 12 ≈ 284 before multipliers) is of the order of the 321
        controls of 2024.
    employees_band : tuple of (headcount upper bound, turnover equivalent EUR)
        Size when the turnover is unknown (public body, association).
    consumer_multiplier, incident_multiplier, previous_infringement_multiplier : float
        Consumer-facing data subjects; a dataset with incidents in the last 12 months (breach
        notifications trigger controls); earlier infringements (Art. 83(2)(e)).
    family_control_multiplier : mapping family -> float
        Complaint-prone and priority families raise the rate when present (trackers: the
        CNIL's online control campaigns; prospecting, rights: complaints).
    sector_multiplier : mapping keyword -> float
        Keywords of ``Organisation.sector`` (lower case) and their multiplier (largest wins).
    scale_elasticity, scale_reference : float
        ``(people in the register / reference) ** elasticity``, clipped to ``scale_clip``.
    max_multiplier : float
        Cap of the product of multipliers.
    visibility, visibility_exposed : mapping family -> float
        Probability that a control finds one finding of the family (exposed: the dataset is
        internet-exposed or had an incident).
    undeclared_probability : float
        Probability that a control finds a breach the register does not show (low
        seriousness, GDPR Art. 83(4)); keeps a residual after the plan.
    tier_weight, seriousness_weight : mappings
        Gravity of a found cell = tier weight × seriousness weight.
    p_sanction_max, gravity_scale : float
        P(sanction | control) = ``p_sanction_max × (1 − exp(−gravity / gravity_scale))``.
        With a typical found set (gravity ≈ 3) it is ≈ 0.24, the CNIL's 87 / 321 = 0.27 of 2024.
    p_notice_given_no_sanction : float
        Share of formal notices / reminders among controls that find something but do not
        sanction (the rest are closed); 2024: 244 notices and reminders for 321 controls.
    ordinary_intercept, ordinary_per_decade, ordinary_per_gravity : float
        P(ordinary | sanction) = logistic(intercept + per_decade × (log10 turnover − 7.7)
        + per_gravity × (log2(1 + gravity) − 2)); ≈ 0.21 for EUR 50 m and gravity 3 (18 / 87
        in 2024).
        Only the CNIL has the simplified procedure: other authorities → ordinary.
    seriousness_effect : mapping seriousness -> decades
        Shift of the fine for the highest seriousness found, on top of the calibrated model
        (whose decisions are mostly serious cases: medium 0, high only +0.1, low −0.3).
    people_effect_per_decade, people_reference : float
        Shift of the fine per decade of people concerned by what was found (Art. 83(2)(a)),
        centred on a million people (the order of the calibration decisions).
    attribution_draws : int
        Conditional draws used by the attribution (first-order marginal effects).
    """

    base_control_rate: tuple[tuple[float, float], ...] = (
        (2e6, 0.00003), (10e6, 0.0004), (50e6, 0.002), (250e6, 0.004), (1.5e9, 0.015),
        (math.inf, 0.04))
    employees_band: tuple[tuple[float, float], ...] = (
        (10, 1e6), (50, 5e6), (250, 3e7), (5000, 2e8), (math.inf, 2e9))
    consumer_multiplier: float = 1.5
    incident_multiplier: float = 2.5
    previous_infringement_multiplier: float = 2.0
    family_control_multiplier: Mapping[str, float] = field(default_factory=lambda: _ro({
        "trackers": 2.0, "prospecting": 2.0, "rights": 1.8, "recording_monitoring": 1.5,
        "minors": 1.3, "security": 1.2, "ai_act": 1.2}))
    sector_multiplier: Mapping[str, float] = field(default_factory=lambda: _ro({
        "health": 1.5, "santé": 1.5, "telecom": 1.5, "marketing": 1.5, "customer relations": 1.3,
        "relation client": 1.3, "retail": 1.2, "insurance": 1.2, "bank": 1.2}))
    scale_elasticity: float = 0.1
    scale_reference: float = 1e5
    scale_clip: tuple[float, float] = (0.5, 2.0)
    max_multiplier: float = 15.0
    visibility: Mapping[str, float] = field(default_factory=lambda: _ro({
        "trackers": 0.9, "prospecting": 0.7, "recording_monitoring": 0.6, "minors": 0.6,
        "rights": 0.6, "information": 0.8, "lawfulness": 0.5, "security": 0.4,
        "retention_minimisation": 0.5, "transfers": 0.4, "processors": 0.4,
        "accountability": 0.6, "cooperation": 0.9, "ai_act": 0.3, "other": 0.3}))
    visibility_exposed: Mapping[str, float] = field(default_factory=lambda: _ro({
        "security": 0.85, "trackers": 0.95}))
    undeclared_probability: float = 0.3
    tier_weight: Mapping[str, float] = field(default_factory=lambda: _ro({
        "83(4)": 1.0, "83(5)": 2.0, "83(6)": 2.0, "LIL": 1.5, "AI5": 2.5, "AI": 1.5}))
    seriousness_weight: Mapping[str, float] = field(default_factory=lambda: _ro({
        "low": 0.5, "medium": 1.0, "high": 2.0}))
    p_sanction_max: float = 0.45
    gravity_scale: float = 4.0
    p_notice_given_no_sanction: float = 0.7
    ordinary_intercept: float = -1.3
    ordinary_per_decade: float = 1.2
    ordinary_per_gravity: float = 0.3
    seriousness_effect: Mapping[str, float] = field(default_factory=lambda: _ro({
        "low": -0.3, "medium": 0.0, "high": 0.1}))
    people_effect_per_decade: float = 0.1
    people_reference: float = 1e6
    attribution_draws: int = 5_000

    def __post_init__(self) -> None:
        for name in ("family_control_multiplier", "sector_multiplier", "visibility",
                     "visibility_exposed", "tier_weight", "seriousness_weight",
                     "seriousness_effect"):
            v = getattr(self, name)
            if not isinstance(v, MappingProxyType):
                object.__setattr__(self, name, _ro(v))
        for name in ("visibility", "visibility_exposed"):
            for k, v in getattr(self, name).items():
                if not 0 <= v <= 1:
                    raise ValueError(f"{name}[{k!r}] must be in [0, 1], got {v}")
        for name in ("undeclared_probability", "p_sanction_max", "p_notice_given_no_sanction"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must be in [0, 1], got {getattr(self, name)}")
        for name in ("family_control_multiplier", "sector_multiplier"):
            for k, v in getattr(self, name).items():
                if v < 1:
                    raise ValueError(f"{name}[{k!r}] must be >= 1 (a finding never lowers "
                                     f"the rate), got {v}")
        if self.gravity_scale <= 0 or self.max_multiplier < 1:
            raise ValueError("gravity_scale must be > 0 and max_multiplier >= 1")
        if self.attribution_draws < 100:
            raise ValueError("attribution_draws must be >= 100")

    def to_dict(self) -> dict[str, Any]:
        """Every setting as plain Python (reports, provenance)."""
        out: dict[str, Any] = {}
        for k in self.__dataclass_fields__:
            v = getattr(self, k)
            out[k] = dict(v) if isinstance(v, Mapping) else v
        return out


#: The default settings (ours).
DEFAULT_ENFORCEMENT = EnforcementModel()

_CONSUMER = {"customers", "prospects", "users", "website_visitors", "general_public",
             "patients", "members", "minors", "students", "elderly"}

def _t(key: str, lang: str, **kw: Any) -> str:
    """A text of the catalogue namespace ``exposure`` (``rgpd_risk/data/texts/exposure.yaml``)."""
    return text(f"exposure.{key}", lang).format(**kw)


# ----------------------------------------------------------------------------- schemas

#: Columns of :attr:`OrganisationExposure.portfolio` (one row; money in EUR over the horizon).
ORG_PORTFOLIO_SCHEMA: dict[str, pl.DataType] = {
    "organisation": pl.Utf8(), "turnover_eur": pl.Float64(), "authority": pl.Utf8(),
    "n_datasets": pl.Int64(), "n_datasets_with_findings": pl.Int64(),
    "n_findings": pl.Int64(), "n_attention": pl.Int64(), "n_organisation_findings": pl.Int64(),
    "horizon_years": pl.Float64(), "n_draws": pl.Int64(), "seed": pl.Int64(),
    "control_rate_annual": pl.Float64(), "control_multiplier": pl.Float64(),
    "p_control": pl.Float64(), "p_sanction": pl.Float64(), "p_ordinary": pl.Float64(),
    "p_simplified": pl.Float64(), "p_notice": pl.Float64(),
    "expected_cost": pl.Float64(), "expected_annual_cost": pl.Float64(),
    "expected_if_sanctioned": pl.Float64(), "sanction_p10": pl.Float64(),
    "sanction_p50": pl.Float64(), "sanction_p90": pl.Float64(),
    "p50": pl.Float64(), "p90": pl.Float64(), "p95": pl.Float64(), "p99": pl.Float64(),
    "p_any_fine": pl.Float64(), "base_expected_cost": pl.Float64(),
    "statutory_ceiling": pl.Float64(), "statutory_ceiling_tier": pl.Utf8(),
}

#: Columns of :attr:`OrganisationExposure.datasets`: one row per inventory dataset (its
#: order), then ``__organisation__`` (organisation-level findings) and ``__base__`` (what no
#: finding explains). ``attributed_expected_cost`` adds up to the portfolio expected cost;
#: ``expected_cost`` is the same figure (kept for the reports); ``p90`` is the portfolio P90
#: allocated in the same proportion (not a quantile of the dataset).
ORG_DATASETS_SCHEMA: dict[str, pl.DataType] = {
    "dataset_id": pl.Utf8(), "scope": pl.Utf8(), "n_findings": pl.Int64(),
    "codes": pl.List(pl.Utf8()), "families": pl.List(pl.Utf8()), "tier": pl.Utf8(),
    "seriousness": pl.Utf8(), "legal_maximum": pl.Float64(), "p_horizon": pl.Float64(),
    "marginal_expected_cost": pl.Float64(), "attributed_expected_cost": pl.Float64(),
    "share": pl.Float64(), "expected_cost": pl.Float64(), "p90": pl.Float64(),
}

#: Columns of :attr:`OrganisationExposure.scenarios` (most likely first).
SCENARIO_SCHEMA: dict[str, pl.DataType] = {
    "rank": pl.Int64(), "procedure": pl.Utf8(), "family": pl.Utf8(),
    "label_fr": pl.Utf8(), "label_en": pl.Utf8(), "probability": pl.Float64(),
    "if_sanctioned_p10": pl.Float64(), "if_sanctioned_p50": pl.Float64(),
    "if_sanctioned_p90": pl.Float64(), "closest_decisions": pl.List(pl.Utf8()),
}

_SER = ("low", "medium", "high")
_CLASSES = ("gdpr", "lil", "ai")


# ----------------------------------------------------------------------------- cells


def _prepare_findings(findings: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    missing = {"dataset_id", "code", "articles", "seriousness"} - set(findings.columns)
    if missing:
        raise ValueError(f"findings frame is missing column(s) {sorted(missing)}")
    f = findings
    if "tier" not in f.columns:
        f = f.with_columns(tier=pl.lit(None, pl.Utf8))
    if "kind" not in f.columns:
        f = f.with_columns(kind=pl.lit("breach"))
    f = f.with_columns(pl.col("kind").fill_null("breach"))
    bad = f.filter(~pl.col("kind").is_in(["breach", "attention"]))
    if bad.height:
        r = bad.row(0, named=True)
        raise ValueError(f"finding {r['code']!r} on dataset {r['dataset_id']!r}: kind "
                         f"{r['kind']!r}, expected 'breach' or 'attention'")
    n_att = int((f["kind"] == "attention").sum())
    f = f.filter(pl.col("kind") == "breach")
    bad = f.filter(~pl.col("seriousness").is_in(list(_SER)) | pl.col("seriousness").is_null())
    if bad.height:
        r = bad.row(0, named=True)
        raise ValueError(f"finding {r['code']!r} on dataset {r['dataset_id']!r}: seriousness "
                         f"{r['seriousness']!r}, expected one of {list(_SER)}")
    # family and regime per distinct (code, articles): a handful of rule codes, not per row
    key = pl.concat_str([pl.col("code"), pl.col("articles").list.join("|")], separator="#")
    f = f.with_columns(_key=key)
    uniq = f.select("_key", "code", "articles").unique("_key", keep="first")
    fam, reg = {}, {}
    for k, code, arts in uniq.iter_rows():
        fam[k] = family_of(code, arts)
        reg[k] = regime_of(arts)
    if "regime" in f.columns:
        f = f.with_columns(pl.col("regime").fill_null(
            pl.col("_key").replace_strict(reg, return_dtype=pl.Utf8)))
    else:
        f = f.with_columns(regime=pl.col("_key").replace_strict(reg, return_dtype=pl.Utf8))
    bad = f.filter(~pl.col("regime").is_in(["GDPR", "LIL", "CPCE", "AI Act"]))
    if bad.height:
        r = bad.row(0, named=True)
        raise ValueError(f"finding {r['code']!r} on dataset {r['dataset_id']!r}: regime "
                         f"{r['regime']!r}, expected GDPR, LIL, CPCE or AI Act")
    f = f.with_columns(family=pl.col("_key").replace_strict(fam, return_dtype=pl.Utf8))
    gdpr_bad = f.filter((pl.col("regime") == "GDPR")
                        & ~pl.col("tier").is_in(["83(4)", "83(5)", "83(6)"]))
    if gdpr_bad.height:
        r = gdpr_bad.row(0, named=True)
        raise ValueError(f"finding {r['code']!r} on dataset {r['dataset_id']!r}: GDPR finding "
                         f"with tier {r['tier']!r}, expected 83(4), 83(5) or 83(6)")
    ai5 = pl.col("articles").list.eval(pl.element().str.contains(r"(?i)AI Act art\.?\s*5\b")).list.any()
    f = f.with_columns(tier_key=pl.when(pl.col("regime") == "GDPR").then(pl.col("tier"))
                       .when(pl.col("regime") == "AI Act")
                       .then(pl.when(ai5).then(pl.lit("AI5")).otherwise(pl.lit("AI")))
                       .otherwise(pl.lit("LIL")))
    return f.drop("_key"), n_att


def _inventory_facts(inventory: pl.DataFrame) -> pl.DataFrame:
    if "dataset_id" not in inventory.columns:
        raise ValueError("inventory frame has no 'dataset_id' column")
    cols = inventory.columns

    def col(name: str, default: Any, dtype: pl.DataType) -> pl.Expr:
        return (pl.col(name).cast(dtype) if name in cols else pl.lit(default, dtype)).alias(name)

    inv = inventory.select(
        pl.col("dataset_id").cast(pl.Utf8),
        col("subject_count", 0, pl.Int64()).fill_null(0).clip(0),
        col("incidents_12m", 0, pl.Int64()).fill_null(0),
        col("internet_exposed", False, pl.Boolean()).fill_null(False),
        (pl.col("data_subjects") if "data_subjects" in cols
         else pl.lit([], pl.List(pl.Utf8))).alias("data_subjects"),
    )
    return inv.with_columns(exposed=pl.col("internet_exposed") | (pl.col("incidents_12m") > 0))


@dataclass(frozen=True)
class _Cells:
    """Aggregated findings (one row per cell) and their model parameters as arrays."""

    frame: pl.DataFrame            # cell, family, regime class, tier_key, seriousness, n, s
    n: np.ndarray                  # findings in the cell
    s: np.ndarray                  # people concerned (sum over the cell's distinct datasets)
    vis: np.ndarray                # visibility of one finding
    weight: np.ndarray             # gravity weight
    effect: np.ndarray             # log10 shift of the fine (family effect + seriousness)
    fam: np.ndarray                # family index (FAMILIES)
    cls: np.ndarray                # class index (_CLASSES)
    grave: np.ndarray              # GDPR 83(5)/(6) or AI art. 5: the higher cap
    keys: np.ndarray               # uint64 keys of the cells (common random numbers)


def _cells(f: pl.DataFrame, inv: pl.DataFrame, model: EnforcementModel,
           reg: FineRegression) -> tuple[_Cells, pl.DataFrame]:
    """Cells, and the dataset x cell incidence (dataset_id, cell, n_dc, s_d)."""
    fx = f.join(inv.select("dataset_id", "subject_count", "exposed"), on="dataset_id",
                how="left").with_columns(
        pl.col("subject_count").fill_null(0), pl.col("exposed").fill_null(False),
        cls=pl.col("regime").replace_strict(
            {"GDPR": "gdpr", "LIL": "lil", "CPCE": "lil", "AI Act": "ai"}, return_dtype=pl.Utf8))
    fx = fx.with_columns(cell=pl.concat_str(
        [pl.col("family"), pl.col("cls"), pl.col("tier_key"), pl.col("seriousness"),
         pl.col("exposed").cast(pl.Utf8)], separator="/"))
    # sums in numpy over a sorted frame: polars' parallel group-by sums may differ in the
    # last bit from run to run, and the result must be the same bytes for the same inputs
    inc = (fx.group_by("dataset_id", "cell").agg(
        pl.len().cast(pl.Int64).alias("n_dc"), pl.col("subject_count").max().alias("s_d"))
        .sort("cell", "dataset_id"))
    frame = (fx.group_by("cell").agg(
        pl.col("family").first(), pl.col("cls").first(), pl.col("tier_key").first(),
        pl.col("seriousness").first(), pl.col("exposed").first(),
        pl.len().cast(pl.Int64).alias("n"),
    ).sort("cell"))
    # both frames are sorted by cell: the index of each incidence row's cell is a run id
    ci = inc.select(pl.col("cell").rle_id())["cell"].to_numpy().astype(np.intp)
    s_sum = np.bincount(ci, weights=inc["s_d"].to_numpy().astype(float), minlength=frame.height)
    n_ds = np.bincount(ci, minlength=frame.height)
    frame = frame.with_columns(s=pl.Series(s_sum, dtype=pl.Float64),
                               n_datasets=pl.Series(n_ds, dtype=pl.UInt32))
    return _cell_arrays(frame, model, reg), inc


def _cell_arrays(frame: pl.DataFrame, model: EnforcementModel, reg: FineRegression) -> _Cells:
    fam = frame["family"].to_list()
    exposed = frame["exposed"].to_list()
    vis = np.array([model.visibility_exposed.get(f_, model.visibility.get(f_, 0.5)) if e
                    else model.visibility.get(f_, 0.5) for f_, e in zip(fam, exposed, strict=True)])
    tier = frame["tier_key"].to_list()
    ser = frame["seriousness"].to_list()
    weight = np.array([model.tier_weight.get(t, 1.0) * model.seriousness_weight[s]
                       for t, s in zip(tier, ser, strict=True)])
    effect = np.array([reg.family_effect.get(f_, 0.0) + model.seriousness_effect[s]
                       for f_, s in zip(fam, ser, strict=True)])
    return _Cells(
        frame=frame, n=frame["n"].to_numpy().astype(float),
        s=frame["s"].to_numpy().astype(float), vis=vis, weight=weight, effect=effect,
        fam=np.array([FAMILIES.index(x) for x in fam], dtype=np.intp),
        cls=np.array([_CLASSES.index(x) for x in frame["cls"].to_list()], dtype=np.intp),
        grave=np.array([t in ("83(5)", "83(6)", "AI5") for t in tier]),
        keys=_dataset_keys(frame["cell"].to_list()) if frame.height else np.zeros(0, np.uint64),
    )


def _undeclared_cell(model: EnforcementModel, reg: FineRegression) -> pl.DataFrame:
    return pl.DataFrame({
        "cell": ["__undeclared__"], "family": ["other"], "cls": ["gdpr"], "tier_key": ["83(4)"],
        "seriousness": ["low"], "exposed": [False], "n": [1], "s": [0.0], "n_datasets": [0]},
        schema={"cell": pl.Utf8, "family": pl.Utf8, "cls": pl.Utf8, "tier_key": pl.Utf8,
                "seriousness": pl.Utf8, "exposed": pl.Boolean, "n": pl.Int64, "s": pl.Float64,
                "n_datasets": pl.UInt32})


# ----------------------------------------------------------------------------- the organisation


@dataclass(frozen=True)
class _Org:
    turnover: float | None
    size_turnover: float
    authority: str
    simplified_available: bool
    sme: bool
    static_multiplier: float
    base_rate: float


def _org(organisation: Any, inv: pl.DataFrame, model: EnforcementModel) -> _Org:
    turnover = getattr(organisation, "turnover_eur", None)
    turnover = None if turnover is None else float(turnover)
    employees = getattr(organisation, "employees", None)
    size_t = turnover
    if size_t is None:
        size_t = next(t for hi, t in model.employees_band if (employees or 0) < hi)
    base = next(r for hi, r in model.base_control_rate if size_t <= hi)
    country = (getattr(organisation, "country", None) or "FR").upper()
    lead = (getattr(organisation, "lead_authority", None) or "CNIL").upper()
    authority = "FR" if lead == "CNIL" else country if lead in ("", country) else lead
    mult = 1.0
    subjects = set(inv["data_subjects"].explode().drop_nulls().unique().to_list())
    if subjects & _CONSUMER:
        mult *= model.consumer_multiplier
    if (inv["incidents_12m"] > 0).any():
        mult *= model.incident_multiplier
    if (getattr(organisation, "previous_infringements", 0) or 0) > 0:
        mult *= model.previous_infringement_multiplier
    sector = (getattr(organisation, "sector", None) or "").lower()
    mult *= max([v for k, v in model.sector_multiplier.items() if k in sector], default=1.0)
    people = float(inv["subject_count"].sum())
    lo, hi = model.scale_clip
    mult *= float(np.clip((max(people, 1.0) / model.scale_reference) ** model.scale_elasticity,
                          lo, hi))
    sme = (employees is not None and employees < 250) and (turnover is None or turnover <= 50e6)
    return _Org(turnover, size_t, authority, authority == "FR", sme, mult, base)


# ----------------------------------------------------------------------------- simulation


@dataclass
class _Agg:
    """Per-draw aggregates of what a control finds (conditional on a control)."""

    gravity: np.ndarray
    people: np.ndarray            # (3, K) people concerned per class
    fam_count: np.ndarray         # (F, K) found cells per family
    n_fam: np.ndarray             # (3, K) distinct families found per class
    best: np.ndarray              # (3, K) gravest effect found per class (-inf: none)
    arg: np.ndarray               # (3, K) its cell
    second: np.ndarray            # (3, K) second gravest
    grave: np.ndarray             # (3, K) found cells with the higher cap
    fam_cls: np.ndarray           # (F,) class of each family index (-1: mixed / absent)


def _found(cells: _Cells, u: np.ndarray, n: np.ndarray | None = None) -> np.ndarray:
    n = cells.n if n is None else n
    p = 1.0 - (1.0 - cells.vis) ** n
    thr = np.minimum(np.floor(p * _TWO53), _TWO53).astype(np.uint64)
    return u < thr[:, None]


def _aggregate(cells: _Cells, found: np.ndarray) -> _Agg:
    # No BLAS here (einsum's own loops and boolean sums): on a shared machine OpenBLAS's
    # threads, which spin after each small product, slowed every step of a plan 2-4x; the
    # sums of counts and people are exact integers in float64, so their order is immaterial.
    c, k = found.shape
    nf = len(FAMILIES)
    fo = found.astype(np.float64)
    gravity = np.einsum("c,ck->k", cells.weight, fo) if c else np.zeros(k)
    people = np.zeros((3, k))
    n_fam = np.zeros((3, k))
    best = np.full((3, k), -np.inf)
    second = np.full((3, k), -np.inf)
    arg = np.full((3, k), -1, dtype=np.intp)
    grave = np.zeros((3, k))
    fam_count = np.zeros((nf, k))
    for f_ in np.unique(cells.fam):
        fam_count[f_] = found[cells.fam == f_].sum(axis=0)
    fam_cls = np.full(nf, -1, dtype=np.intp)
    for j in range(3):
        rows = np.nonzero(cells.cls == j)[0]
        if rows.size == 0:
            continue
        fr = fo[rows]
        people[j] = np.einsum("c,ck->k", cells.s[rows], fr)
        grave[j] = found[rows[cells.grave[rows].astype(bool)]].sum(axis=0)
        fams = np.unique(cells.fam[rows])
        fam_cls[fams] = j
        n_fam[j] = sum(found[rows[cells.fam[rows] == f_]].any(axis=0) for f_ in fams)
        # the gravest found cell and the second: the class's cells in decreasing effect
        # (ties: the lower row first), then per draw the first and second found one, on the
        # transposed flags so that each draw's search runs over contiguous memory
        order = rows[np.lexsort((rows, -cells.effect[rows]))]
        eff = cells.effect[order]
        ft = np.ascontiguousarray(found[order].T)
        draws = np.arange(k)
        first = ft.argmax(axis=1)
        has = ft[draws, first]
        best[j] = np.where(has, eff[first], -np.inf)
        arg[j] = np.where(has, order[first], -1)
        if rows.size > 1:
            ft[draws, first] = False
            nxt = ft.argmax(axis=1)
            second[j] = np.where(ft[draws, nxt], eff[nxt], -np.inf)
    return _Agg(gravity, people, fam_count, n_fam, best, arg, second, grave, fam_cls)


@dataclass(frozen=True)
class _Variates:
    u_out: np.ndarray
    u_type: np.ndarray
    z: np.ndarray                  # (3, K) normal variates of the three amounts


def _variates(seed: int, k: int) -> _Variates:
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence([seed, 13]).spawn(5)]
    return _Variates(streams[0].random(k), streams[1].random(k),
                     np.vstack([streams[2 + j].standard_normal(k) for j in range(3)]))


def _logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class _Outcome:
    sanction: np.ndarray
    ordinary: np.ndarray
    notice: np.ndarray
    any_found: np.ndarray
    cost: np.ndarray
    amounts: np.ndarray           # (3, K)


def _decisions(g: np.ndarray, u_out: np.ndarray, u_type: np.ndarray, org: _Org,
               model: EnforcementModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per draw, from the gravity found: sanction, ordinary procedure, notice."""
    any_found = g > 0
    p_s = model.p_sanction_max * (1.0 - np.exp(-g / model.gravity_scale))
    sanction = u_out < p_s
    notice = ~sanction & any_found & (
        u_out < p_s + (1.0 - p_s) * model.p_notice_given_no_sanction)
    if org.simplified_available:
        t = org.turnover if org.turnover is not None else org.size_turnover
        p_ord = _logistic(model.ordinary_intercept
                          + model.ordinary_per_decade * (math.log10(max(t, 1e4)) - 7.7)
                          + model.ordinary_per_gravity * (np.log2(1.0 + g) - 2.0))
        ordinary = sanction & (u_type < p_ord)
    else:
        ordinary = sanction.copy()
    return sanction, ordinary, notice


def _class_amounts(j: int, people: np.ndarray, n_fam: np.ndarray, best: np.ndarray,
                   grave: np.ndarray, z: np.ndarray, org: _Org, model: EnforcementModel,
                   reg: FineRegression) -> np.ndarray:
    """Per draw, the amount of regime class ``j`` if a sanction is imposed (0 where the
    control found nothing of the class); element-wise over the draws."""
    has = np.isfinite(best)
    if not has.any():
        return np.zeros(best.shape[0])
    t = reg.default_turnover_eur if org.turnover is None else max(org.turnover, 1e4)
    base = (reg.intercept + reg.slope_turnover * math.log10(t)
            + reg.authority_offset.get(org.authority, 0.0))
    if j == 0:
        caps = (legal_maximum("83(4)", org.turnover), legal_maximum("83(5)", org.turnover))
    elif j == 1:
        caps = (cap_amount(LIL_ART20, org.turnover),) * 2
    else:
        caps = (cap_amount(AI_ACT_99_4, org.turnover, sme=org.sme),
                cap_amount(AI_ACT_99_3, org.turnover, sme=org.sme))
    lp = np.log10(np.maximum(people, 100.0) / model.people_reference)
    mu = (base + reg.slope_infringements * np.log2(np.maximum(n_fam, 1.0))
          + np.where(has, best, 0.0) + model.people_effect_per_decade * lp)
    cap = np.where(grave > 0, caps[1], caps[0])
    return np.where(has, np.minimum(10.0 ** (mu + reg.sigma * z), cap), 0.0)


def _costs(raw: np.ndarray, sanction: np.ndarray, ordinary: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    """Amounts (3, K) and total cost per draw: the class amounts where a sanction falls, the
    CNIL part of a simplified procedure capped at its ceiling."""
    amounts = np.where(sanction, raw, 0.0)
    simplified = sanction & ~ordinary
    cnil = amounts[0] + amounts[1]
    scale = np.where(simplified & (cnil > SIMPLIFIED_FINE_CAP_EUR),
                     SIMPLIFIED_FINE_CAP_EUR / np.maximum(cnil, 1.0), 1.0)
    amounts[0] *= scale
    amounts[1] *= scale
    return amounts, amounts.sum(axis=0)


def _raw_amounts(agg: _Agg, z: np.ndarray, org: _Org, model: EnforcementModel,
                 reg: FineRegression) -> np.ndarray:
    return np.stack([_class_amounts(j, agg.people[j], agg.n_fam[j], agg.best[j], agg.grave[j],
                                    z[j], org, model, reg) for j in range(3)])


def _outcome(agg: _Agg, var: _Variates, org: _Org, model: EnforcementModel,
             reg: FineRegression) -> _Outcome:
    sanction, ordinary, notice = _decisions(agg.gravity, var.u_out, var.u_type, org, model)
    amounts, cost = _costs(_raw_amounts(agg, var.z, org, model, reg), sanction, ordinary)
    return _Outcome(sanction, ordinary, notice, agg.gravity > 0, cost, amounts)


@dataclass(frozen=True)
class _Perturbation:
    """A state that differs from an aggregate in the gravity and in one class ``j``."""

    gravity: np.ndarray
    j: int
    people: np.ndarray
    n_fam: np.ndarray
    best: np.ndarray
    grave: np.ndarray


def _perturbed(agg: _Agg, cells: _Cells, c: int, f_old: np.ndarray, f_new: np.ndarray,
               ds: float) -> _Perturbation:
    """The aggregates after cell ``c`` loses findings (found row f_old -> f_new, people -ds):
    only the gravity and the rows of the cell's class change."""
    lost = f_old & ~f_new
    lo = lost.astype(float)
    j = int(cells.cls[c])
    fi = int(cells.fam[c])
    row = agg.fam_count[fi] - lo
    return _Perturbation(
        gravity=agg.gravity - cells.weight[c] * lo, j=j,
        people=agg.people[j] - cells.s[c] * f_old + (cells.s[c] - ds) * f_new,
        n_fam=agg.n_fam[j] - ((agg.fam_count[fi] > 0) & (row <= 0)),
        best=np.where(lost & (agg.arg[j] == c), agg.second[j], agg.best[j]),
        grave=agg.grave[j] - lo if cells.grave[c] else agg.grave[j])


#: Perturbed states simulated in one batch (memory: about 60 bytes per draw and state, so 40
#: states of 5 000 draws take some 12 MB).
_BATCH_STATES = 40


def _batched_cost_means(agg: _Agg, states: list[_Perturbation], var: _Variates, org: _Org,
                        model: EnforcementModel, reg: FineRegression) -> list[float]:
    """Mean conditional cost of each perturbed state of ``agg``, all on the draws ``var``.

    The states are laid end to end in batches; the amounts of the classes a state leaves
    unchanged are those of ``agg``, so only its own class is recomputed. Every step is
    element-wise over the draws: each state's costs are those of its own :func:`_outcome`."""
    k = var.u_out.shape[0]
    raw0 = _raw_amounts(agg, var.z, org, model, reg)
    out: list[float] = []
    for lo in range(0, len(states), _BATCH_STATES):
        part = states[lo:lo + _BATCH_STATES]
        b = len(part)
        raw = np.tile(raw0, b).reshape(3, b, k)
        for j in range(3):
            idx = [i for i, st in enumerate(part) if st.j == j]
            if idx:
                sel = [part[i] for i in idx]
                raw[j, idx] = _class_amounts(
                    j, *(np.concatenate([getattr(st, a) for st in sel])
                         for a in ("people", "n_fam", "best", "grave")),
                    np.tile(var.z[j], len(sel)), org, model, reg).reshape(len(sel), k)
        sanction, ordinary, _ = _decisions(np.concatenate([st.gravity for st in part]),
                                           np.tile(var.u_out, b), np.tile(var.u_type, b), org, model)
        _, cost = _costs(raw.reshape(3, b * k), sanction, ordinary)
        cost = cost.reshape(b, k)
        out.extend(float(cost[i].mean()) for i in range(b))
    return out


def _rate(cells: _Cells, n: np.ndarray, org: _Org, model: EnforcementModel) -> float:
    present = {FAMILIES[i] for i in np.unique(cells.fam[n > 0])} if n.size else set()
    mult = org.static_multiplier
    for f_ in present:
        mult *= model.family_control_multiplier.get(f_, 1.0)
    mult = min(mult, model.max_multiplier)
    return org.base_rate * mult


def _mixture_quantiles(p: float, sorted_cond: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """Quantiles of cost = Bernoulli(p) × conditional cost (sorted sample); order statistics."""
    n = sorted_cond.shape[0]
    out = []
    for q in qs:
        cond = (q - (1.0 - p)) / p if p > 0 else -1.0
        if cond <= 0:
            out.append(0.0)
        else:
            out.append(float(sorted_cond[min(n - 1, max(0, math.ceil(cond * n) - 1))]))
    return out


# ----------------------------------------------------------------------------- result


@dataclass(frozen=True, eq=False)
class OrganisationExposure:
    """What enforcement could cost the organisation over the horizon (immutable).

    Built by :func:`organisation_exposure` (or :func:`rgpd_risk.fine_exposure`).

    Attributes
    ----------
    portfolio : pl.DataFrame
        One row, :data:`ORG_PORTFOLIO_SCHEMA`.
    datasets : pl.DataFrame
        :data:`ORG_DATASETS_SCHEMA`.
    outcomes : pl.DataFrame
        ``outcome, label_fr, label_en, probability`` over the horizon (they add up to 1).
    scenarios : pl.DataFrame
        :data:`SCENARIO_SCHEMA`: the most likely ways a sanction comes.
    not_a_fine : pl.DataFrame
        ``item, label_fr, label_en, user_amount_eur``: what a fine is not (user amounts are
        reported beside the figures, never added to them).
    cells : pl.DataFrame
        The cells of findings with their marginal effect per finding (``marginal_per_finding``,
        ``marginal_per_person``): used by the remediation plan to screen actions.
    exceedance : pl.DataFrame
        ``loss_eur, p_exceed`` over the horizon.
    draws : numpy.ndarray
        Cost per conditional draw (given a control), read-only.
    """

    portfolio: pl.DataFrame
    outcomes: pl.DataFrame
    not_a_fine: pl.DataFrame
    cells: pl.DataFrame
    exceedance: pl.DataFrame
    draws: np.ndarray = field(repr=False)
    organisation_name: str | None = None
    turnover_eur: float | None = None
    horizon_years: float = 1.0
    n_draws: int = 20_000
    seed: int = 0
    enforcement: EnforcementModel = field(default=DEFAULT_ENFORCEMENT, repr=False)
    fine_model: FineRegression = field(default_factory=FineRegression, repr=False)
    model: Any = field(default=None, repr=False)  # EDPB priors (size bands) for the reports
    # how to build ``datasets`` and ``scenarios``: on first access (the plan's intermediate
    # states never read them), from the simulation's own arrays; same bytes either way
    _frames: Mapping[str, Callable[[], pl.DataFrame]] = field(
        default_factory=lambda: MappingProxyType({}), repr=False)

    @functools.cached_property
    def datasets(self) -> pl.DataFrame:
        """:data:`ORG_DATASETS_SCHEMA` (computed on first access)."""
        return self._frames["datasets"]()

    @functools.cached_property
    def scenarios(self) -> pl.DataFrame:
        """:data:`SCENARIO_SCHEMA` (computed on first access)."""
        return self._frames["scenarios"]()

    def summary(self) -> dict[str, Any]:
        """The portfolio row as a plain dictionary."""
        return self.portfolio.row(0, named=True)

    def to_frame(self) -> pl.DataFrame:
        """The per-dataset frame (:attr:`datasets`)."""
        return self.datasets

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain Python (JSON-friendly), with the settings behind the figures."""
        return {
            "settings": {"organisation": self.organisation_name,
                         "turnover_eur": self.turnover_eur,
                         "horizon_years": self.horizon_years, "n_draws": self.n_draws,
                         "seed": self.seed, "enforcement": self.enforcement.to_dict(),
                         "fine_model": self.fine_model.to_dict()},
            "portfolio": self.summary(),
            "outcomes": self.outcomes.to_dicts(),
            "scenarios": self.scenarios.to_dicts(),
            "not_a_fine": self.not_a_fine.to_dicts(),
            "datasets": self.datasets.to_dicts(),
            "exceedance": self.exceedance.to_dicts(),
        }

    def finding_marginals(self, findings: pl.DataFrame, inventory: pl.DataFrame) -> pl.Series:
        """First-order fall of the expected cost if each finding were fixed (one value per
        row of ``findings``, >= 0).

        A finding counts the marginal effect of one finding of its cell (``cells``),
        corrected for its dataset's number of people; attention points and findings of cells
        this result has not seen count 0. A ranking aid (the remediation plan's screening):
        exact figures come from a new :func:`organisation_exposure`.
        """
        n = findings.height
        if n == 0 or self.cells.height == 0:
            return pl.Series("marginal", np.zeros(n))
        f, _ = _prepare_findings(findings.with_row_index("_r"))
        if f.height == 0:
            return pl.Series("marginal", np.zeros(n))
        inv = _inventory_facts(inventory)
        fx = f.join(inv.select("dataset_id", "subject_count", "exposed"), on="dataset_id",
                    how="left").with_columns(
            pl.col("subject_count").fill_null(0), pl.col("exposed").fill_null(False),
            cls=pl.col("regime").replace_strict(
                {"GDPR": "gdpr", "LIL": "lil", "CPCE": "lil", "AI Act": "ai"},
                return_dtype=pl.Utf8))
        fx = fx.with_columns(cell=pl.concat_str(
            [pl.col("family"), pl.col("cls"), pl.col("tier_key"), pl.col("seriousness"),
             pl.col("exposed").cast(pl.Utf8)], separator="/"))
        j = fx.join(self.cells.select("cell", "marginal_per_finding", "marginal_per_person",
                                      "mean_people"), on="cell", how="inner").select(
            "_r", (pl.col("marginal_per_finding") + pl.col("marginal_per_person")
                   * (pl.col("subject_count") - pl.col("mean_people"))).clip(0).alias("m"))
        out = np.zeros(n)
        out[j["_r"].to_numpy()] = j["m"].to_numpy()
        return pl.Series("marginal", out)

    def marginal_of_findings(self, findings: pl.DataFrame, inventory: pl.DataFrame) -> float:
        """Sum of :meth:`finding_marginals` (first-order fall if all were fixed)."""
        return float(self.finding_marginals(findings, inventory).sum())

    def _repr_html_(self) -> str:
        return self.html("en")

    def html(self, lang: str = "en") -> str:
        """A compact HTML summary in one language (every input string escaped)."""
        check_lang(lang)
        s = self.summary()
        e = html.escape
        figures = ("p_control", "p_sanction", "expected_cost", "sanction_p50", "sanction_p90")
        rows = "".join(
            f"<tr><td>{e(text(f'exposure.summary.figures.{k}', lang))}</td><td style='text-align:right'>"
            f"{e(format_percent(s[k], lang) if k.startswith('p_') else format_eur(s[k], lang))}"
            f"</td></tr>" for k in figures)
        sc = "".join(
            f"<tr><td>{e(r[f'label_{lang}'])}</td><td>{e(format_percent(r['probability'], lang))}"
            f"</td><td>{e(format_eur(r['if_sanctioned_p10'], lang))} – "
            f"{e(format_eur(r['if_sanctioned_p90'], lang))}</td>"
            f"<td>{e('; '.join(r['closest_decisions']))}</td></tr>"
            for r in self.scenarios.iter_rows(named=True))
        head = text("exposure.summary.title", lang).format(name=self.organisation_name or "")
        years = text("exposure.summary.horizon", lang).format(years=f"{self.horizon_years:g}")
        note = text("exposure.summary.note", lang)
        return (f"<div><b>{e(head)}</b> ({e(years)}; {e(note)})<table>{rows}</table>"
                f"<table>{sc}</table></div>")


def _not_a_fine(other_costs: Mapping[str, float] | None) -> pl.DataFrame:
    items = OTHER_COST_ITEMS
    other = dict(other_costs or {})
    unknown = set(other) - set(items)
    if unknown:
        raise ValueError(f"other_costs: unknown item(s) {sorted(unknown)}; expected {list(items)}")
    for k, v in other.items():
        if v is None or not v >= 0:
            raise ValueError(f"other_costs[{k!r}] must be an amount >= 0 EUR, got {v!r}")
    return pl.DataFrame({
        "item": list(items),
        "label_fr": [_t(f"nf_{i}", "fr") for i in items],
        "label_en": [_t(f"nf_{i}", "en") for i in items],
        "user_amount_eur": [other.get(i) for i in items],
    }, schema={"item": pl.Utf8, "label_fr": pl.Utf8, "label_en": pl.Utf8,
               "user_amount_eur": pl.Float64})


def _exceedance(p: float, sorted_cond: np.ndarray, n_points: int = 60) -> pl.DataFrame:
    top = max(float(sorted_cond[-1]) if sorted_cond.size else 0.0, 1e4)
    grid = np.unique(np.concatenate([[0.0], np.logspace(3, np.log10(top), n_points)]))
    tail = 1.0 - np.searchsorted(sorted_cond, grid, side="right") / max(sorted_cond.shape[0], 1)
    return pl.DataFrame({"loss_eur": grid, "p_exceed": p * tail})


def organisation_exposure(
    findings: pl.DataFrame,
    inventory: pl.DataFrame,
    organisation: Any,
    *,
    horizon_years: float = 1.0,
    n_draws: int = 20_000,
    seed: int = 0,
    model: EnforcementModel | None = None,
    fine_model: FineRegression | None = None,
    sanctions: pl.DataFrame | None = None,
    other_costs: Mapping[str, float] | None = None,
    attribution: bool = True,
) -> OrganisationExposure:
    """One enforcement process for the organisation over the horizon (module docstring).

    Parameters
    ----------
    findings : pl.DataFrame
        :data:`rgpd_risk.schemas.FINDINGS_SCHEMA` (``regime`` / ``kind`` optional: GDPR /
        breach when absent). Organisation-level findings use ``dataset_id ==
        "__organisation__"``.
    inventory : pl.DataFrame
        The canonical inventory frame (``dataset_id``; ``subject_count``, ``incidents_12m``,
        ``internet_exposed``, ``data_subjects`` are read when present).
    organisation : Organisation or None
        ``turnover_eur`` (None: not an undertaking, static caps), ``employees``, ``sector``,
        ``country``, ``lead_authority``, ``previous_infringements``. None: an unnamed French
        organisation without turnover.
    horizon_years : float, default 1
    n_draws : int, default 20 000
        Draws *given a control* (the no-control part is exact).
    seed : int, default 0
        Same inputs and seed, same bytes.
    model : EnforcementModel, optional
    fine_model : FineRegression, optional
        Default: the shipped calibrated coefficients (:func:`load_fine_regression`).
    sanctions : pl.DataFrame, optional
        Real decisions for the scenarios (default: the shipped CNIL table when present).
    other_costs : mapping, optional
        User amounts for what a fine is not: keys ``orders``, ``penalties``, ``damages``,
        ``clients`` (EUR); shown beside the figures, never added to them. Default: the
        profile's ``other_costs``.
    attribution : bool, default True
        Compute the per-dataset attribution (the plan's screening turns it off).

    Returns
    -------
    OrganisationExposure

    Raises
    ------
    ValueError
        A finding with an unknown kind, regime, tier or seriousness; ``n_draws < 1``;
        ``horizon_years <= 0``; a negative user amount.
    """
    model = model or DEFAULT_ENFORCEMENT
    reg = fine_model or load_fine_regression()
    if n_draws < 1:
        raise ValueError(f"n_draws must be >= 1, got {n_draws}")
    if not horizon_years > 0:
        raise ValueError(f"horizon_years must be > 0, got {horizon_years}")
    not_fine = _not_a_fine(other_costs if other_costs is not None
                           else getattr(organisation, "other_costs", None))
    f, n_att = _prepare_findings(findings)
    inv = _inventory_facts(inventory)
    org = _org(organisation, inv, model)
    cells, inc = _cells(f, inv, model, reg)
    # the undeclared breach a control may find: its own cell, always present
    und = _cell_arrays(_undeclared_cell(model, reg), model, reg)
    und = _Cells(und.frame, und.n, und.s,
                 np.array([model.undeclared_probability]), und.weight, und.effect, und.fam,
                 und.cls, und.grave, _dataset_keys(["__undeclared__"]))
    allc = _Cells(
        pl.concat([cells.frame, und.frame], how="vertical_relaxed"),
        *(np.concatenate([getattr(cells, a), getattr(und, a)])
          for a in ("n", "s", "vis", "weight", "effect", "fam", "cls", "grave", "keys")))
    counters = _draw_counters(seed, n_draws, 2)
    u = _keyed_bits(allc.keys[:, None], counters[None, :])
    found = _found(allc, u)
    agg = _aggregate(allc, found)
    var = _variates(seed, n_draws)
    out = _outcome(agg, var, org, model, reg)

    lam = _rate(cells, cells.n, org, model)
    p_control = 1.0 - math.exp(-lam * horizon_years)
    cond = out.cost
    sorted_cond = np.sort(cond)
    expected = p_control * float(cond.mean())
    qs = _mixture_quantiles(p_control, sorted_cond, (0.5, 0.9, 0.95, 0.99))
    sanc = cond[out.sanction]
    sq = (np.quantile(sanc, [0.1, 0.5, 0.9], method="inverted_cdf").tolist()
          if sanc.size else [0.0, 0.0, 0.0])
    # base: what no declared finding explains (no declared cell found)
    base_lam = _rate(cells, np.zeros_like(cells.n), org, model)
    base_out = _outcome(_aggregate(und, found[cells.n.shape[0]:]), var, org, model, reg)
    base_expected = (1.0 - math.exp(-base_lam * horizon_years)) * float(base_out.cost.mean())
    base_expected = min(base_expected, expected)

    gdpr_tiers = f.filter(pl.col("regime") == "GDPR")["tier"].unique().to_list()
    ceiling_tier = ("83(5)" if any(t in ("83(5)", "83(6)") for t in gdpr_tiers)
                    else "83(4)" if gdpr_tiers else None)
    ceiling = None if ceiling_tier is None else legal_maximum(ceiling_tier, org.turnover)
    n_org = int((f["dataset_id"] == ORGANISATION_DATASET_ID).sum())
    ids = inventory["dataset_id"].cast(pl.Utf8)
    p_s = p_control * float(out.sanction.mean())
    portfolio = pl.DataFrame({
        "organisation": [getattr(organisation, "name", None)],
        "turnover_eur": [org.turnover], "authority": [org.authority],
        "n_datasets": [ids.len()],
        "n_datasets_with_findings": [f.filter(pl.col("dataset_id") != ORGANISATION_DATASET_ID)
                                     ["dataset_id"].n_unique()],
        "n_findings": [f.height], "n_attention": [n_att], "n_organisation_findings": [n_org],
        "horizon_years": [float(horizon_years)], "n_draws": [n_draws], "seed": [seed],
        "control_rate_annual": [lam], "control_multiplier": [lam / org.base_rate],
        "p_control": [p_control], "p_sanction": [p_s],
        "p_ordinary": [p_control * float(out.ordinary.mean())],
        "p_simplified": [p_control * float((out.sanction & ~out.ordinary).mean())],
        "p_notice": [p_control * float(out.notice.mean())],
        "expected_cost": [expected], "expected_annual_cost": [expected / horizon_years],
        "expected_if_sanctioned": [float(sanc.mean()) if sanc.size else 0.0],
        "sanction_p10": [sq[0]], "sanction_p50": [sq[1]], "sanction_p90": [sq[2]],
        "p50": [qs[0]], "p90": [qs[1]], "p95": [qs[2]], "p99": [qs[3]],
        "p_any_fine": [p_s], "base_expected_cost": [base_expected],
        "statutory_ceiling": [ceiling], "statutory_ceiling_tier": [ceiling_tier],
    }, schema=ORG_PORTFOLIO_SCHEMA)
    outcomes = pl.DataFrame({
        "outcome": ["no_control", "closed", "notice", "simplified", "ordinary"],
        "label_fr": [_t(f"outcome_{k}", "fr") for k in
                     ("no_control", "closed", "notice", "simplified", "ordinary")],
        "label_en": [_t(f"outcome_{k}", "en") for k in
                     ("no_control", "closed", "notice", "simplified", "ordinary")],
        "probability": [1.0 - p_control,
                        p_control * float((~out.sanction & ~out.notice).mean()),
                        p_control * float(out.notice.mean()),
                        p_control * float((out.sanction & ~out.ordinary).mean()),
                        p_control * float(out.ordinary.mean())],
    })

    # ---- attribution: first-order marginal effects per cell
    nc = cells.n.shape[0]
    m_find = np.zeros(nc)
    m_person = np.zeros(nc)
    mean_people = np.where(cells.frame["n_datasets"].to_numpy() > 0,
                           cells.s / np.maximum(cells.frame["n_datasets"].to_numpy(), 1), 0.0)
    if nc and attribution:
        ka = min(n_draws, model.attribution_draws)
        sub = np.arange(ka)
        agg_a = _Agg(agg.gravity[:ka], agg.people[:, :ka], agg.fam_count[:, :ka],
                     agg.n_fam[:, :ka], agg.best[:, :ka], agg.arg[:, :ka], agg.second[:, :ka],
                     agg.grave[:, :ka], agg.fam_cls)
        var_a = _Variates(var.u_out[sub], var.u_type[sub], var.z[:, sub])
        base_cost = _outcome(agg_a, var_a, org, model, reg).cost.mean()
        ec_sub = p_control * base_cost
        # every perturbed state (one finding fewer in cell c; one person fewer in c), then
        # their outcomes in a few wide batches of the same draws instead of one call each
        # (cell, one person fewer?, P(control) of the state, state)
        states: list[tuple[int, bool, float, _Perturbation]] = []
        for c in range(nc):
            n_new = cells.n.copy()
            n_new[c] -= 1
            p_new = 1.0 - (1.0 - cells.vis[c]) ** n_new[c]
            f_new = u[c, sub] < np.uint64(min(math.floor(p_new * _TWO53), _TWO53))
            pc = 1.0 - math.exp(-_rate(cells, n_new, org, model) * horizon_years)
            states.append((c, False, pc, _perturbed(agg_a, allc, c, found[c, sub], f_new,
                                                    mean_people[c])))
            if mean_people[c] > 0:
                states.append((c, True, p_control, _perturbed(agg_a, allc, c, found[c, sub],
                                                              found[c, sub], mean_people[c])))
        means = _batched_cost_means(agg_a, [st for *_, st in states], var_a, org, model, reg)
        for (c, per_person, pc, _), mean in zip(states, means, strict=True):
            if per_person:
                m_person[c] = (ec_sub - pc * mean) / mean_people[c]
            else:
                m_find[c] = ec_sub - pc * mean
    cells_out = cells.frame.with_columns(
        marginal_per_finding=pl.Series(np.maximum(m_find, 0.0)),
        marginal_per_person=pl.Series(np.maximum(m_person, 0.0)),
        mean_people=pl.Series(mean_people))

    frames = MappingProxyType({
        "datasets": lambda: _datasets_frame(ids, f, inc, cells_out, org, p_control, expected,
                                            base_expected, qs[1]),
        "scenarios": lambda: _scenarios(allc, agg, out, p_control, sanctions, org),
    })
    return OrganisationExposure(
        portfolio=portfolio, outcomes=outcomes, not_a_fine=not_fine, _frames=frames,
        cells=cells_out, exceedance=_exceedance(p_control, sorted_cond),
        draws=_readonly(cond), organisation_name=getattr(organisation, "name", None),
        turnover_eur=org.turnover, horizon_years=float(horizon_years), n_draws=n_draws,
        seed=seed, enforcement=model, fine_model=reg)


def _readonly(a: np.ndarray) -> np.ndarray:
    a = a.copy()
    a.flags.writeable = False
    return a


def _datasets_frame(ids: pl.Series, f: pl.DataFrame, inc: pl.DataFrame, cells: pl.DataFrame,
                    org: _Org, p_control: float, expected: float, base_expected: float,
                    p90: float) -> pl.DataFrame:
    mj = (inc.join(cells.select("cell", "marginal_per_finding", "marginal_per_person",
                                "mean_people"), on="cell", how="left")
          .with_columns(m=(pl.col("n_dc") * pl.col("marginal_per_finding")
                           + pl.col("marginal_per_person")
                           * (pl.col("s_d") - pl.col("mean_people"))).clip(0))
          .sort("dataset_id", "cell"))
    grp = mj.select(pl.col("dataset_id").rle_id())["dataset_id"].to_numpy()
    uid = mj["dataset_id"].unique(maintain_order=True)
    m = pl.DataFrame({"dataset_id": uid, "marginal_expected_cost": np.bincount(
        grp, weights=mj["m"].to_numpy(), minlength=uid.len())})
    rank = {"low": 0, "medium": 1, "high": 2}
    per = f.group_by("dataset_id").agg(
        pl.len().cast(pl.Int64).alias("n_findings"),
        pl.col("code").unique().sort().alias("codes"),
        pl.col("family").unique().sort().alias("families"),
        pl.col("tier").filter(pl.col("regime") == "GDPR").unique().sort().alias("_tiers"),
        pl.col("seriousness").replace_strict(rank, return_dtype=pl.Int8).max().alias("_s"),
    ).with_columns(
        tier=pl.when(pl.col("_tiers").list.contains("83(5)") | pl.col("_tiers").list.contains("83(6)"))
        .then(pl.lit("83(5)")).when(pl.col("_tiers").list.len() > 0).then(pl.lit("83(4)"))
        .otherwise(pl.lit(None, pl.Utf8)),
        seriousness=pl.col("_s").replace_strict({0: "low", 1: "medium", 2: "high"},
                                                return_dtype=pl.Utf8),
    ).drop("_tiers", "_s")
    order = pl.DataFrame({"dataset_id": ids}).with_row_index("_o")
    known = set(ids.to_list())
    extra = [i for i in per["dataset_id"].to_list() if i not in known]
    extra = sorted(x for x in extra if x != ORGANISATION_DATASET_ID) + (
        [ORGANISATION_DATASET_ID] if ORGANISATION_DATASET_ID in extra else [])
    if extra:
        order = pl.concat([order, pl.DataFrame({"dataset_id": extra}).with_row_index(
            "_o", offset=order.height)])
    order = pl.concat([order, pl.DataFrame({"dataset_id": [BASE_ROW]}).with_row_index(
        "_o", offset=order.height)])
    d = (order.join(per, on="dataset_id", how="left").join(m, on="dataset_id", how="left")
         .sort("_o").with_columns(
             scope=pl.when(pl.col("dataset_id") == ORGANISATION_DATASET_ID).then(pl.lit("organisation"))
             .when(pl.col("dataset_id") == BASE_ROW).then(pl.lit("base"))
             .otherwise(pl.lit("dataset")),
             n_findings=pl.col("n_findings").fill_null(0),
             codes=pl.col("codes").fill_null(pl.lit([], pl.List(pl.Utf8))),
             families=pl.col("families").fill_null(pl.lit([], pl.List(pl.Utf8))),
             marginal_expected_cost=pl.col("marginal_expected_cost").fill_null(0.0)))
    total_m = float(np.sum(d["marginal_expected_cost"].to_numpy()))
    attributable = max(expected - base_expected, 0.0)
    alloc = (d["marginal_expected_cost"] * (attributable / total_m) if total_m > 0
             else d["marginal_expected_cost"] * 0.0)
    is_base = d["dataset_id"] == BASE_ROW
    alloc = pl.Series(np.where(is_base.to_numpy(), expected - (attributable if total_m > 0
                                                                else 0.0), alloc.to_numpy()))
    share = alloc / expected if expected > 0 else alloc * 0.0
    lm = pl.col("tier").replace_strict(
        {"83(4)": legal_maximum("83(4)", org.turnover), "83(5)": legal_maximum("83(5)", org.turnover)},
        default=None, return_dtype=pl.Float64)
    return d.with_columns(
        attributed_expected_cost=alloc, share=share, expected_cost=alloc,
        p90=share * p90, p_horizon=pl.lit(p_control), legal_maximum=lm,
    ).select([pl.col(c).cast(t) for c, t in ORG_DATASETS_SCHEMA.items()])


def _scenarios(cells: _Cells, agg: _Agg, out: _Outcome, p_control: float,
               sanctions: pl.DataFrame | None, org: _Org, top: int = 4) -> pl.DataFrame:
    """The most likely ways a sanction comes: (procedure, gravest family found)."""
    idx = np.nonzero(out.sanction)[0]
    empty = pl.DataFrame(schema=SCENARIO_SCHEMA)
    if idx.size == 0:
        return empty
    fam_of_draw = _gravest_family(cells, agg, out, idx)
    proc = np.where(out.ordinary[idx], "ordinary", "simplified")
    df = pl.DataFrame({"procedure": proc, "family": fam_of_draw, "cost": out.cost[idx]})
    n = out.cost.shape[0]
    g = (df.group_by("procedure", "family").agg(
        (pl.len() / n * p_control).alias("probability"),
        pl.col("cost").quantile(0.1, "lower").alias("if_sanctioned_p10"),
        pl.col("cost").quantile(0.5, "lower").alias("if_sanctioned_p50"),
        pl.col("cost").quantile(0.9, "lower").alias("if_sanctioned_p90"),
    ).sort(["probability", "procedure", "family"], descending=[True, False, False]).head(top))
    table = sanctions
    if table is None:
        try:
            table = load_cnil_sanctions()
        except FileNotFoundError:
            table = None
    closest = [closest_decisions(table, fam, p, org.turnover) if table is not None else []
               for p, fam in g.select("procedure", "family").iter_rows()]
    return g.with_columns(
        rank=pl.int_range(1, g.height + 1, dtype=pl.Int64),
        label_fr=pl.Series([_t("scenario", "fr", procedure=_t(f"proc_{p}", "fr"),
                               family=_t(f"family_{fa}", "fr"))
                            for p, fa in g.select("procedure", "family").iter_rows()], dtype=pl.Utf8),
        label_en=pl.Series([_t("scenario", "en", procedure=_t(f"proc_{p}", "en"),
                               family=_t(f"family_{fa}", "en"))
                            for p, fa in g.select("procedure", "family").iter_rows()], dtype=pl.Utf8),
        closest_decisions=pl.Series(closest, dtype=pl.List(pl.Utf8)),
    ).select([pl.col(c).cast(t) for c, t in SCENARIO_SCHEMA.items()])


def _gravest_family(cells: _Cells, agg: _Agg, out: _Outcome, idx: np.ndarray) -> list[str]:
    """Per sanction draw: the family of the gravest found cell of the regime that pays most."""
    cls = np.argmax(out.amounts[:, idx], axis=0)
    arg = agg.arg[cls, idx]
    fams = np.array(FAMILIES, dtype=object)
    return np.where(arg >= 0, fams[cells.fam[np.maximum(arg, 0)]], "other").tolist()
