"""Fine exposure of a whole inventory: from an :class:`~rgpd_risk.assessment.Assessment` to a
per-dataset and portfolio distribution of the fine cost.

What comes from where
---------------------
* **The law.** Each dataset's tier is the gravest tier of its findings
  (:func:`rgpd_risk.law.gravest_tier`, Art. 83(3)); its legal maximum is that tier's
  "EUR 10 m / 20 m or 2 % / 4 % of the undertaking's worldwide turnover, whichever is higher"
  (:func:`rgpd_risk.exposure.legal_maximum`); a non-undertaking (turnover ``None``) has the
  static caps only.
* **The EDPB method (Guidelines 04/2022).** The seriousness (Step 2) of a dataset is the
  highest seriousness among its findings. The assessment already derives each finding's
  seriousness from Art. 83(2)(a) (nature, scope: large scale, vulnerable people),
  (b) (negligence assumed, intent as a model setting) and (g) (special categories, Art. 10
  data, the French NIR) — see ``docs/risk_model.md`` — so these three letters enter here
  *through* the seriousness and are not counted again. The Step 2 starting range after the
  size adjustment is :func:`rgpd_risk.exposure.starting_range`.
* **Our reading of Art. 83(3).** All findings on one dataset concern the same processing
  operation (or operations linked through that dataset), so they form **one** group: one
  decision, capped together at the maximum of the gravest tier. Findings on different
  datasets are treated as separate conduct (separate groups, fined separately).
  Organisation-level findings (``dataset_id == "__organisation__"``: Art. 33 breach
  procedure, Art. 37 DPO …) are counted **once** for the portfolio, as their own group.
  This is our reading, not settled law: an authority may well treat several datasets of one
  controller as linked, which would *lower* the total (the per-group caps would merge).
* **Our probabilistic model** (:class:`~rgpd_risk.exposure.FineModel`, every figure an
  overridable modelling choice): the annual enforcement probability per seriousness and the
  priors on the authority's discretionary choices. The simulation is
  :func:`rgpd_risk.exposure.simulate_portfolio`; per-dataset quantiles are exact quantiles of
  the mixture "enforced or not × conditional fine", portfolio figures come from the summed
  draws (never from summed quantiles).

Determinism and common random numbers
--------------------------------------
Same seed, same bytes. The simulation uses common random numbers (see
:func:`~rgpd_risk.exposure.simulate_portfolio`): the variates do not depend on the turnover,
and each dataset's enforcement and fine come from a counter-based stream keyed by its
``dataset_id`` and the seed. So, for a fixed seed, every simulated draw — hence every expected
value and every quantile below (order statistics, no interpolation) — never decreases when the
turnover grows, never increases when a finding is fixed or a seriousness lowered, and one
dataset's figures do not move when another dataset changes: remediation what-ifs compare like
with like.

Examples
--------
>>> from datetime import date
>>> from rgpd_risk.assessment import assess
>>> from rgpd_risk.inventory.organisation import Organisation
>>> from rgpd_risk.inventory.schema import frame_from_records
>>> inv = frame_from_records([
...     {"dataset_id": "hr", "name": "HR files", "data_categories": ["identity", "health"],
...      "data_subjects": ["employees"], "subject_count": 120, "legal_basis": None},
...     {"dataset_id": "news", "name": "Newsletter", "data_categories": ["identity"],
...      "legal_basis": "consent", "subject_count": 50}])
>>> a = assess(inv, today=date(2025, 1, 1))
>>> ie = dataset_exposure(a, organisation=Organisation(name="Acme", turnover_eur=30e6),
...                       n_draws=5_000)
>>> ie.datasets.filter(pl.col("dataset_id") == "hr").select("tier", "seriousness").row(0)
('83(5)', 'high')
>>> row = ie.datasets.filter(pl.col("dataset_id") == "hr").row(0, named=True)
>>> bool(row["p99"] <= row["legal_maximum"])
True
>>> ie.portfolio["statutory_ceiling"][0]
20000000.0
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.exposure.calculator import legal_maximum, starting_range
from rgpd_risk.exposure.calibration import DEFAULT_MODEL, FineModel
from rgpd_risk.exposure.estimate import simulate_portfolio
from rgpd_risk.exposure.organisation import organisation_exposure
from rgpd_risk.law import SERIOUSNESS_BANDS, TIERS, gravest_tier
from rgpd_risk.schemas import ORGANISATION_DATASET_ID

__all__ = [
    "InventoryExposure",
    "exposure",
    "dataset_exposure",
    "INVENTORY_EXPOSURE_SCHEMA",
    "PORTFOLIO_EXPOSURE_SCHEMA",
]

_SER = tuple(SERIOUSNESS_BANDS)  # ("low", "medium", "high"), gravity order
_QS = (0.5, 0.9, 0.95, 0.99)
_QCOLS = tuple(f"p{int(q * 100)}" for q in _QS)

#: Columns of :attr:`InventoryExposure.datasets`, in order. One row per dataset of the
#: assessment (its order), then one ``__organisation__`` row when there are
#: organisation-level findings. Amounts in EUR; costs are over ``horizon_years`` (the annual
#: cost with the default horizon of one year).
#:
#: =====================  ==========  =========================================================
#: column                 dtype       meaning
#: =====================  ==========  =========================================================
#: dataset_id             Utf8        inventory row, or ``"__organisation__"``
#: scope                  Utf8        ``dataset`` / ``organisation``
#: n_findings             Int64       findings on the row (0: no exposure, zeros below)
#: codes                  List(Utf8)  their rule codes, sorted
#: tier                   Utf8        gravest Art. 83 tier of the findings (Art. 83(3)); null
#:                                    without findings
#: seriousness            Utf8        highest EDPB seriousness of the findings (Art.
#:                                    83(2)(a)/(b)/(g) enter through it); null without findings
#: group                  Utf8        Art. 83(3) group (our reading: one per dataset, one for
#:                                    the organisation); null without findings
#: legal_maximum          Float64     the tier's legal maximum for the turnover; null without
#:                                    findings
#: starting_low/_high     Float64     EDPB Step 2 range (seriousness band × size band)
#: p_enforcement          Float64     annual enforcement probability (model, our assumption)
#: p_horizon              Float64     ``1 − (1 − p)^horizon_years``
#: expected_fine          Float64     mean fine *if* enforced
#: expected_cost          Float64     mean cost over the horizon (``p_horizon × expected_fine``)
#: expected_annual_cost   Float64     ``expected_cost / horizon_years``
#: p50, p90, p95, p99     Float64     quantiles of the cost over the horizon (0 when the
#:                                    probability of a fine is below 1 − q)
#: =====================  ==========  =========================================================
INVENTORY_EXPOSURE_SCHEMA: dict[str, pl.DataType] = {
    "dataset_id": pl.Utf8(),
    "scope": pl.Utf8(),
    "n_findings": pl.Int64(),
    "codes": pl.List(pl.Utf8()),
    "tier": pl.Utf8(),
    "seriousness": pl.Utf8(),
    "group": pl.Utf8(),
    "legal_maximum": pl.Float64(),
    "starting_low": pl.Float64(),
    "starting_high": pl.Float64(),
    "p_enforcement": pl.Float64(),
    "p_horizon": pl.Float64(),
    "expected_fine": pl.Float64(),
    "expected_cost": pl.Float64(),
    "expected_annual_cost": pl.Float64(),
    **{c: pl.Float64() for c in _QCOLS},
}

#: Columns of the one-row :attr:`InventoryExposure.portfolio` frame. Quantiles and the
#: expected cost come from the simulated totals (sum over the Art. 83(3) groups of each draw).
#: ``statutory_ceiling`` is the highest legal maximum among the tiers present (the ceiling of
#: ONE decision; separate conduct is fined separately, so the simulated total may in
#: principle exceed it). ``p_any_fine``: share of draws with at least one fine.
PORTFOLIO_EXPOSURE_SCHEMA: dict[str, pl.DataType] = {
    "organisation": pl.Utf8(),
    "turnover_eur": pl.Float64(),
    "n_datasets": pl.Int64(),
    "n_datasets_with_findings": pl.Int64(),
    "n_organisation_findings": pl.Int64(),
    "n_groups": pl.Int64(),
    "horizon_years": pl.Float64(),
    "n_draws": pl.Int64(),
    "seed": pl.Int64(),
    "expected_cost": pl.Float64(),
    "expected_annual_cost": pl.Float64(),
    "p_any_fine": pl.Float64(),
    **{c: pl.Float64() for c in _QCOLS},
    "max_draw": pl.Float64(),
    "statutory_ceiling": pl.Float64(),
    "statutory_ceiling_tier": pl.Utf8(),
}


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"EUR {x:,.0f}".replace(",", "\u202f")


@dataclass(frozen=True, eq=False)
class InventoryExposure:
    """Fine exposure of an assessed inventory (immutable). Built by :func:`exposure`.

    Attributes
    ----------
    datasets : pl.DataFrame
        :data:`INVENTORY_EXPOSURE_SCHEMA`, one row per dataset (zeros when it has no finding)
        plus the ``__organisation__`` row when there are organisation-level findings.
    portfolio : pl.DataFrame
        One row, :data:`PORTFOLIO_EXPOSURE_SCHEMA`.
    exceedance : pl.DataFrame
        Loss-exceedance curve of the portfolio: ``loss_eur``, ``p_exceed`` = P(total > loss).
    draws : numpy.ndarray
        Simulated portfolio cost per draw (read-only), after the Art. 83(3) group caps.
    organisation_name : str or None
    turnover_eur : float or None
        Undertaking turnover used (None: non-undertaking, static caps).
    horizon_years, n_draws, seed, model :
        The settings that produced the figures.
    """

    datasets: pl.DataFrame
    portfolio: pl.DataFrame
    exceedance: pl.DataFrame
    draws: np.ndarray = field(repr=False)
    organisation_name: str | None
    turnover_eur: float | None
    horizon_years: float
    n_draws: int
    seed: int
    model: FineModel = field(repr=False)

    def to_frame(self) -> pl.DataFrame:
        """The per-dataset frame (:attr:`datasets`)."""
        return self.datasets

    def summary(self) -> dict[str, Any]:
        """The portfolio row as a plain dictionary."""
        return self.portfolio.row(0, named=True)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain Python (JSON-friendly): settings, portfolio, rows, curve.

        The model parameters are included because every probability behind the figures is
        our modelling choice.
        """
        return {
            "settings": {
                "organisation": self.organisation_name,
                "turnover_eur": self.turnover_eur,
                "horizon_years": self.horizon_years,
                "n_draws": self.n_draws,
                "seed": self.seed,
                "model": self.model.to_dict(),
            },
            "portfolio": self.summary(),
            "datasets": self.datasets.to_dicts(),
            "exceedance": self.exceedance.to_dicts(),
        }

    def _repr_html_(self) -> str:
        s = self.summary()
        e = html.escape
        rows = "".join(
            f"<tr><td>{e(label)}</td><td style='text-align:right'>{e(_fmt(s[k]))}</td></tr>"
            for label, k in (
                ("expected cost", "expected_cost"), ("P50", "p50"), ("P90", "p90"),
                ("P95", "p95"), ("P99", "p99"),
                (f"statutory ceiling (Art. {s['statutory_ceiling_tier'] or '—'})",
                 "statutory_ceiling"),
            )
        )
        top = self.datasets.filter(pl.col("n_findings") > 0).sort(
            ["expected_cost", "dataset_id"], descending=[True, False]).head(10)
        top_rows = "".join(
            f"<tr><td>{e(str(r['dataset_id']))}</td><td>{e(str(r['tier']))}</td>"
            f"<td>{e(str(r['seriousness']))}</td>"
            f"<td style='text-align:right'>{e(_fmt(r['expected_cost']))}</td>"
            f"<td style='text-align:right'>{e(_fmt(r['p99']))}</td>"
            f"<td style='text-align:right'>{e(_fmt(r['legal_maximum']))}</td></tr>"
            for r in top.iter_rows(named=True)
        )
        who = e(self.organisation_name or "organisation")
        turnover = "non-undertaking (static caps)" if self.turnover_eur is None \
            else f"turnover {_fmt(self.turnover_eur)}"
        return (
            f"<div><b>GDPR fine exposure — {who}</b> ({e(turnover)}; horizon "
            f"{self.horizon_years:g} year(s); {self.n_draws:,} draws, seed {self.seed}; "
            f"P(any fine) = {s['p_any_fine']:.2%}). Enforcement probabilities and priors are "
            f"our modelling choices; the ceiling is set by Art. 83."
            f"<table>{rows}</table>"
            "<table><thead><tr><th>dataset</th><th>tier</th><th>seriousness</th>"
            "<th>expected</th><th>P99</th><th>legal maximum</th></tr></thead>"
            f"<tbody>{top_rows}</tbody></table></div>"
        )


def _org_of(assessment: Any, organisation: Any) -> Any:
    if organisation is not None:
        return organisation
    org = getattr(assessment, "organisation", None)
    if org is None:
        raise ValueError(
            "no organisation: the assessment was built without one, so pass "
            "organisation=Organisation(name=..., turnover_eur=...) (turnover_eur=None for a "
            "non-undertaking: static caps only)"
        )
    return org


def _cases(findings: pl.DataFrame) -> pl.DataFrame:
    """One row per dataset (and one for the organisation) with findings: gravest tier,
    highest seriousness, codes. Vectorised; :func:`gravest_tier` runs once per distinct set
    of tiers (a handful), not per dataset."""
    missing = {"dataset_id", "code", "tier", "seriousness"} - set(findings.columns)
    if missing:
        raise ValueError(f"findings frame is missing column(s) {sorted(missing)}")
    # Art. 83 cases only: points of attention carry no fine, and LIL / CPCE findings have no
    # Art. 83 tier (null; their LIL art. 20 exposure is the organisation model's).
    if "kind" in findings.columns:
        findings = findings.filter(pl.col("kind").fill_null("breach") == "breach")
    if "regime" in findings.columns:
        findings = findings.filter(pl.col("regime").fill_null("GDPR") == "GDPR")
    bad_tier = findings.filter(~pl.col("tier").is_in(list(TIERS)) | pl.col("tier").is_null())
    if bad_tier.height:
        r = bad_tier.row(0, named=True)
        raise ValueError(
            f"finding {r['code']!r} on dataset {r['dataset_id']!r} has tier {r['tier']!r}: "
            f"expected one of {list(TIERS)}"
        )
    bad_ser = findings.filter(~pl.col("seriousness").is_in(list(_SER))
                              | pl.col("seriousness").is_null())
    if bad_ser.height:
        r = bad_ser.row(0, named=True)
        raise ValueError(
            f"finding {r['code']!r} on dataset {r['dataset_id']!r} has seriousness "
            f"{r['seriousness']!r}: expected one of {list(_SER)}"
        )
    rank = {s: i for i, s in enumerate(_SER)}
    agg = findings.group_by("dataset_id").agg(
        pl.len().cast(pl.Int64).alias("n_findings"),
        pl.col("code").unique().sort().alias("codes"),
        pl.col("tier").unique().sort().alias("_tiers"),
        pl.col("seriousness").replace_strict(rank, return_dtype=pl.Int8).max().alias("_s"),
    )
    tier_sets = agg.select(pl.col("_tiers").list.join(",").alias("_k")).unique()["_k"].to_list()
    gravest = {k: gravest_tier(k.split(",")) for k in tier_sets}
    return agg.with_columns(
        pl.col("_tiers").list.join(",").replace_strict(gravest, return_dtype=pl.Utf8)
        .alias("tier"),
        pl.col("_s").replace_strict(dict(enumerate(_SER)), return_dtype=pl.Utf8)
        .alias("seriousness"),
        pl.col("dataset_id").alias("group"),
    ).drop("_tiers", "_s")


def _order_statistics(draws: np.ndarray, qs: tuple[float, ...]) -> np.ndarray:
    """Quantiles as order statistics (inverted CDF: no interpolation, hence monotone in the
    draws — used for the common-random-numbers turnover property)."""
    return np.quantile(draws, np.asarray(qs), method="inverted_cdf")


def exposure(
    assessment: Any,
    *,
    organisation: Any = None,
    inventory: pl.DataFrame | None = None,
    horizon_years: float = 1.0,
    n_draws: int = 20_000,
    seed: int = 0,
    model: FineModel | None = None,
    enforcement: Any = None,
    fine_model: Any = None,
    sanctions: pl.DataFrame | None = None,
    other_costs: Any = None,
    findings: pl.DataFrame | None = None,
) -> Any:
    """What enforcement could cost the organisation: ``rgpd_risk.fine_exposure``.

    A thin wrapper over :func:`rgpd_risk.exposure.organisation.organisation_exposure` (one
    enforcement process per organisation) for an :class:`~rgpd_risk.assessment.Assessment`:
    its findings, its inventory frame (or ``inventory=``) and its organisation (or
    ``organisation=``; required when the assessment carries none).

    ``model`` (EDPB priors) is kept on the result for the single-case EDPB calculator of the
    reports; ``enforcement`` (:class:`~rgpd_risk.exposure.organisation.EnforcementModel`),
    ``fine_model``, ``sanctions`` and ``other_costs`` are passed on. ``findings`` replaces
    ``assessment.findings`` (the simulation reads only their key columns, e.g.
    :attr:`~rgpd_risk.assessment.Assessment.finding_keys`, which renders no text).

    Returns
    -------
    OrganisationExposure
    """
    org = _org_of(assessment, organisation)
    if inventory is None:
        core = getattr(assessment, "_core", None)
        inventory = core if core is not None else assessment.datasets
    res = organisation_exposure(
        assessment.findings if findings is None else findings, inventory, org,
        horizon_years=horizon_years, n_draws=n_draws, seed=seed, model=enforcement,
        fine_model=fine_model, sanctions=sanctions, other_costs=other_costs)
    return replace(res, model=model or DEFAULT_MODEL)


def dataset_exposure(
    assessment: Any,
    *,
    organisation: Any = None,
    horizon_years: float = 1.0,
    n_draws: int = 20_000,
    seed: int = 0,
    model: FineModel | None = None,
) -> InventoryExposure:
    """SUPERSEDED (issue 13): each dataset as an independent enforcement event.

    Kept for comparison only — it treats every dataset as its own control and decision, so
    the probability of a fine and the expected cost grow linearly with the register. Use
    :func:`exposure` (one enforcement process per organisation).

    Fine exposure of an assessed inventory, per dataset and for the whole portfolio.

    Parameters
    ----------
    assessment : Assessment
        Result of :func:`rgpd_risk.assessment.assess` (anything with ``.findings`` in
        :data:`rgpd_risk.schemas.FINDINGS_SCHEMA` and ``.datasets`` with ``dataset_id``).
    organisation : Organisation, optional
        Supplies ``turnover_eur`` (the undertaking's worldwide turnover; None = not an
        undertaking, static caps) and the name. Defaults to ``assessment.organisation``;
        required when the assessment carries none.
    horizon_years : float, default 1.0
        Each group is enforced at most once in the horizon, with probability
        ``1 − (1 − p)^horizon_years``. Costs and quantiles are over the horizon.
    n_draws : int, default 20 000
    seed : int, default 0
        Same seed, same bytes (``numpy.random.default_rng``).
    model : FineModel, optional
        Priors and enforcement probabilities (our modelling choices); default
        :data:`rgpd_risk.exposure.DEFAULT_MODEL`.

    Returns
    -------
    InventoryExposure

    Raises
    ------
    ValueError
        No organisation available; a finding with an unknown tier or seriousness;
        ``n_draws < 1`` or ``horizon_years <= 0``.
    """
    model = model or DEFAULT_MODEL
    if n_draws < 1:
        raise ValueError(f"n_draws must be >= 1, got {n_draws}")
    if not horizon_years > 0:
        raise ValueError(f"horizon_years must be > 0, got {horizon_years}")
    org = _org_of(assessment, organisation)
    turnover = None if org.turnover_eur is None else float(org.turnover_eur)
    findings: pl.DataFrame = assessment.findings
    ids = assessment.datasets.get_column("dataset_id").cast(pl.Utf8)

    cases = _cases(findings)
    sim = simulate_portfolio(
        cases.select("dataset_id", "tier", "seriousness", "group"), turnover,
        horizon_years=horizon_years, n_draws=n_draws, seed=seed, model=model,
    )

    # EDPB Step 2 range for each (tier, seriousness) present: at most 9 exact calculations
    combos = cases.select("tier", "seriousness").unique().sort("tier", "seriousness")
    ranges = [starting_range(t, turnover, s, size_bands=model.size_bands)
              for t, s in combos.iter_rows()]
    combos = combos.with_columns(
        starting_low=pl.Series([r[0] for r in ranges], dtype=pl.Float64),
        starting_high=pl.Series([r[1] for r in ranges], dtype=pl.Float64),
    )

    sim_cols = ["dataset_id", "p_enforcement", "p_horizon", "legal_maximum", "expected_fine",
                "expected_cost", "expected_annual_cost", *_QCOLS]
    per_case = (cases.join(sim.datasets.select(sim_cols), on="dataset_id", how="left")
                .join(combos, on=["tier", "seriousness"], how="left"))

    # every dataset of the assessment, in its order; organisation row last
    order = pl.DataFrame({"dataset_id": ids}).with_row_index("_order")
    has_org = (cases["dataset_id"] == ORGANISATION_DATASET_ID).any()
    if has_org:
        order = pl.concat([order, pl.DataFrame(
            {"_order": [order.height], "dataset_id": [ORGANISATION_DATASET_ID]},
            schema={"_order": pl.UInt32, "dataset_id": pl.Utf8})])
    orphans = set(cases["dataset_id"].to_list()) - set(order["dataset_id"].to_list())
    if orphans:  # findings on datasets the assessment's table does not list
        extra = pl.DataFrame({"dataset_id": sorted(orphans)}).with_row_index(
            "_order", offset=order.height)
        order = pl.concat([order, extra.select("_order", "dataset_id")])
    zero_cols = ["n_findings", "p_enforcement", "p_horizon", "expected_fine", "expected_cost",
                 "expected_annual_cost", *_QCOLS]
    datasets = (
        order.join(per_case, on="dataset_id", how="left").sort("_order")
        .with_columns(
            scope=pl.when(pl.col("dataset_id") == ORGANISATION_DATASET_ID)
            .then(pl.lit("organisation")).otherwise(pl.lit("dataset")),
            codes=pl.col("codes").fill_null(pl.lit([], dtype=pl.List(pl.Utf8))),
            **{c: pl.col(c).fill_null(0) for c in zero_cols},
        )
        .select([pl.col(c).cast(t) for c, t in INVENTORY_EXPOSURE_SCHEMA.items()])
    )

    total = sim.draws
    tq = _order_statistics(total, _QS)
    present = cases["tier"].unique().to_list()
    if present:
        ceiling_tier = gravest_tier(present)
        ceiling: float | None = legal_maximum(ceiling_tier, turnover)
    else:
        ceiling_tier, ceiling = None, None
    mean = float(total.mean())
    portfolio = pl.DataFrame(
        {
            "organisation": [getattr(org, "name", None)],
            "turnover_eur": [turnover],
            "n_datasets": [ids.len()],
            "n_datasets_with_findings": [int(((datasets["scope"] == "dataset")
                                              & (datasets["n_findings"] > 0)).sum())],
            "n_organisation_findings": [int(datasets.filter(
                pl.col("scope") == "organisation")["n_findings"].sum())],
            "n_groups": [cases["group"].n_unique()],
            "horizon_years": [float(horizon_years)],
            "n_draws": [n_draws],
            "seed": [seed],
            "expected_cost": [mean],
            "expected_annual_cost": [mean / horizon_years],
            "p_any_fine": [float((total > 0).mean())],
            **{c: [float(v)] for c, v in zip(_QCOLS, tq, strict=True)},
            "max_draw": [float(total.max())],
            "statutory_ceiling": [ceiling],
            "statutory_ceiling_tier": [ceiling_tier],
        },
        schema=PORTFOLIO_EXPOSURE_SCHEMA,
    )
    return InventoryExposure(
        datasets=datasets,
        portfolio=portfolio,
        exceedance=sim.exceedance,
        draws=total,
        organisation_name=getattr(org, "name", None),
        turnover_eur=turnover,
        horizon_years=float(horizon_years),
        n_draws=n_draws,
        seed=seed,
        model=model,
    )
