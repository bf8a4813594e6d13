"""Monte-Carlo fine exposure built on the EDPB 04/2022 method and OUR priors (:class:`FineModel`).

A draw follows the EDPB chain with the authority's discretionary choices drawn from the
model's priors: seriousness band (if not given) → position in the band → size share (turnover
<= EUR 500 m) → Step 3 net change → cap (Step 4) → Step 5 factor → cap. All vectorised numpy,
seeded through :func:`numpy.random.default_rng`: the same seed gives the same bytes.

Examples
--------
>>> est = estimate_fine(["Art. 5(1)(f)", "Art. 32"], 30e6, seriousness="medium", n_draws=10_000)
>>> est.tier, est.legal_maximum
('83(5)', 20000000.0)
>>> bool(est.quantile(0.05) < est.quantile(0.5) < est.quantile(0.95) <= est.legal_maximum)
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.exposure.calculator import legal_maximum
from rgpd_risk.exposure.calibration import DEFAULT_MODEL, FineModel
from rgpd_risk.exposure.enforcement import _country
from rgpd_risk.exposure.families import families_of_articles
from rgpd_risk.exposure.fine_model import load_fine_regression
from rgpd_risk.exposure.organisation import DEFAULT_ENFORCEMENT
from rgpd_risk.exposure.randomness import _TWO53, _dataset_keys, _draw_counters, _keyed_bits
from rgpd_risk.exposure.regimes import (
    AI_ACT_99_3,
    AI_ACT_99_4,
    LIL_ART20,
    SIMPLIFIED_FINE_CAP_EUR,
    cap_amount,
)
from rgpd_risk.law import (
    SERIOUSNESS_BANDS,
    SIZE_ADJUSTMENT_CEILING_EUR,
    TIERS,
    ArticleRef,
    gravest_tier,
    parse_article,
    size_band_of,
    split_articles,
)

__all__ = ["FineEstimate", "PortfolioExposure", "estimate_fine", "simulate_portfolio"]

_SER = ("low", "medium", "high")
_SER_LO = np.array([SERIOUSNESS_BANDS[s][0] for s in _SER])
_SER_HI = np.array([SERIOUSNESS_BANDS[s][1] for s in _SER])
_TIER_LIST = tuple(TIERS)
_REPORT_Q = (0.05, 0.5, 0.9, 0.95, 0.99)


def _fmt(x: float) -> str:
    return f"EUR {x:,.0f}".replace(",", "\u202f")


def _draw_fines(
    rng: np.random.Generator | tuple[np.random.Generator, ...],
    ser_idx: np.ndarray,
    legal_max: np.ndarray | float,
    turnover_eur: float | None,
    model: FineModel,
) -> np.ndarray:
    """Vectorised EDPB chain; ``ser_idx`` (0/1/2) and ``legal_max`` broadcast per draw.

    ``rng`` is one generator (the variates are drawn from it in sequence) or a tuple of six,
    one per variate (band position, size position, Step 3, Step 5 yes/no, Step 5 factor,
    practice above 500 m): with separate streams the variates do not depend on each other's
    parameters, so the same streams give every (tier, seriousness, turnover) the same
    variates — common random numbers.
    """
    g = (rng,) * 6 if isinstance(rng, np.random.Generator) else rng
    n = ser_idx.shape[0]
    # position inside the seriousness band (Beta per band)
    ab = np.array([model.band_position[s] for s in _SER], dtype=float)
    u = g[0].beta(ab[ser_idx, 0], ab[ser_idx, 1])
    frac = _SER_LO[ser_idx] + u * (_SER_HI[ser_idx] - _SER_LO[ser_idx])
    amount = frac * legal_max
    band = size_band_of(turnover_eur, model.size_bands)
    v = g[1].beta(*model.size_position, size=n)  # drawn always: same stream whatever the band
    step3 = np.clip(g[2].normal(model.step3_mean, model.step3_sd, size=n), *model.step3_bounds)
    apply5 = g[3].random(n) < model.step5_probability
    f5 = g[4].uniform(model.step5_range[0], model.step5_range[1], size=n)
    # OUR model of authority practice above EUR 500 m (see FineModel.group_scaling_probability):
    # drawn last, and whatever the turnover when the model uses it (common random numbers).
    sub_linear = model.group_scaling_probability < 1 and model.turnover_elasticity < 1
    follows_edpb = g[5].random(n) < model.group_scaling_probability if sub_linear else None
    if band is not None:
        amount = amount * (band.share_low + v * (band.share_high - band.share_low))
    elif sub_linear and turnover_eur is not None and turnover_eur > SIZE_ADJUSTMENT_CEILING_EUR:
        # the starting amount scales as turnover**elasticity instead of linearly (EDPB)
        damp = (SIZE_ADJUSTMENT_CEILING_EUR / turnover_eur) ** (1.0 - model.turnover_elasticity)
        amount = np.where(follows_edpb, amount, amount * damp)
    amount = np.minimum(amount * (1.0 + step3), legal_max)
    return np.minimum(np.where(apply5, amount * f5, amount), legal_max)


def _ser_indices(
    rng: np.random.Generator, seriousness: str | None, tier: str, n: int, model: FineModel
) -> np.ndarray:
    if seriousness is None:
        p = np.asarray(model.seriousness_prior[tier], dtype=float)
        return rng.choice(3, size=n, p=p / p.sum())
    if seriousness not in _SER:
        raise ValueError(f"unknown seriousness {seriousness!r}: expected one of {list(_SER)}")
    return np.full(n, _SER.index(seriousness), dtype=np.intp)


@dataclass(frozen=True, eq=False)
class FineEstimate:
    """Distribution of the fine for one (set of linked) infringement(s). Read-only draws."""

    tier: str
    legal_maximum: float
    turnover_eur: float | None
    seriousness: str | None
    draws: np.ndarray = field(repr=False)
    seed: int = 0
    method: str = "edpb"
    authority: str | None = None
    regime: str = "GDPR"

    def quantile(self, q: float | Iterable[float]) -> float | np.ndarray:
        """Quantile(s) of the fine in EUR (linear interpolation)."""
        out = np.quantile(self.draws, np.asarray(q, dtype=float))
        return float(out) if np.ndim(out) == 0 else out

    @property
    def mean(self) -> float:
        """Mean fine in EUR."""
        return float(self.draws.mean())

    def to_dict(self) -> dict[str, Any]:
        """Summary (no draws): tier, legal maximum, mean and P5/P50/P90/P95/P99."""
        qs = self.quantile(_REPORT_Q)
        return {
            "tier": self.tier,
            "legal_maximum": self.legal_maximum,
            "turnover_eur": self.turnover_eur,
            "seriousness": self.seriousness,
            "method": self.method,
            "authority": self.authority,
            "regime": self.regime,
            "n_draws": int(self.draws.size),
            "seed": self.seed,
            "mean": self.mean,
            **{f"p{int(q * 100)}": float(v) for q, v in zip(_REPORT_Q, qs, strict=True)},
        }

    def _repr_html_(self) -> str:
        d = self.to_dict()
        cells = "".join(
            f"<tr><td>{html.escape(k)}</td><td style='text-align:right'>"
            f"{html.escape(_fmt(d[k]))}</td></tr>"
            for k in ("legal_maximum", "mean", "p5", "p50", "p90", "p95", "p99")
        )
        ser = html.escape(self.seriousness or "inferred (model prior)")
        how = ("calibrated on real decisions" if self.method == "calibrated"
               else "EDPB method, model priors are our choice")
        return (
            f"<div><b>Estimated fine</b> — {html.escape(self.regime)}, cap "
            f"{html.escape(self.tier)}, seriousness {ser}, authority "
            f"{html.escape(self.authority or '—')}, {d['n_draws']:,} draws ({how})"
            f"<table>{cells}</table></div>"
        )


_OTHER_TEXT = re.compile(r"^\s*(LIL|CPCE|AI Act)\b|Informatique et Libert|\bL\.?\s?34-5", re.I)
_AUTHORITY_CODES = {"CNIL": "FR", "DPC": "IE", "AEPD": "ES", "GARANTE": "IT", "AP": "NL",
                    "UODO": "PL", "ICO": "GB", "IMY": "SE", "CNPD": "LU", "DSB": "AT"}


def _split_regimes(articles: str | Iterable[str | int | ArticleRef]
                   ) -> tuple[list[ArticleRef], list[str]]:
    """GDPR references and other-regime citations (``LIL art. 82``, ``CPCE art. L34-5``,
    ``AI Act art. 5(1)(f)``, ``Art. 82 loi Informatique et Libertés``)."""
    if isinstance(articles, str):
        tokens: list[str | int | ArticleRef] = [t for t in re.split(r"\s*[|;]\s*", articles) if t]
    else:
        tokens = list(articles)
    refs: list[ArticleRef] = []
    other: list[str] = []
    for tok in tokens:
        if isinstance(tok, str) and _OTHER_TEXT.search(tok):
            other.append(tok.strip())
        elif isinstance(tok, str):
            found, _ = split_articles(tok)
            refs.extend(found)
        else:
            refs.append(tok if isinstance(tok, ArticleRef) else parse_article(tok))
    return refs, other


def _authority_code(country: str | None, authority: str | None) -> str | None:
    if authority:
        a = authority.strip().upper()
        return _AUTHORITY_CODES.get(a, a if len(a) == 2 else None)
    if country:
        return _country(country, "estimate_fine country")
    return None


def estimate_fine(
    articles: str | Iterable[str | int | ArticleRef],
    turnover_eur: float | None,
    *,
    country: str | None = None,
    authority: str | None = None,
    n_infringements: int | None = None,
    procedure: str = "ordinary",
    seriousness: str | None = None,
    sme: bool = False,
    seed: int = 0,
    n_draws: int = 100_000,
    model: FineModel | None = None,
    fine_model: Any = None,
    method: str | None = None,
) -> FineEstimate:
    """Distribution of the fine for one case (linked infringements, one decision).

    Two methods:

    * ``"calibrated"`` (default): the model of :mod:`rgpd_risk.exposure.fine_model`, fitted
      on real decisions — conditioned on the authority (``authority`` or ``country``), the
      size (``turnover_eur``), what was infringed (the families of ``articles``) and how
      many infringements (``n_infringements``, default: the number of families) — capped
      at the legal maximum: Art. 83 for GDPR articles (gravest tier, Art. 83(3)), LIL art. 20
      for LIL art. 82 / CPCE art. L34-5 only, AI Act art. 99 for AI Act articles only;
      ``procedure="simplified"`` caps at EUR 20 000 (LIL art. 22-1). ``seriousness``, when
      given, shifts the median by ``DEFAULT_ENFORCEMENT.seriousness_effect`` (ours).
    * ``"edpb"`` (or when a :class:`FineModel` is passed): the EDPB 04/2022 chain with the
      authority's choices drawn from the model's priors (the previous default; GDPR only).

    Parameters
    ----------
    articles : str or iterable
        Infringed articles (``"Art. 5(1)(f) | Art. 32"``, a list, ``"LIL art. 82"``).
    turnover_eur : float or None
        Worldwide turnover of the undertaking, preceding financial year; None = static cap.
    country, authority : str, optional
        The authority's country (ISO code or English name) or its short name (``CNIL``).
    n_infringements : int, optional
    procedure : {"ordinary", "simplified"}
    seriousness : {"low", "medium", "high"}, optional
    sme : bool
        AI Act art. 99(6): for SMEs the lower of the two caps.
    seed, n_draws : int
        Same seed, same draws byte for byte.
    model : FineModel, optional
        EDPB priors (implies ``method="edpb"``).
    fine_model : FineRegression, optional
        Calibrated coefficients (default: the shipped ones).
    method : {"calibrated", "edpb"}, optional

    Returns
    -------
    FineEstimate

    Examples
    --------
    >>> e = estimate_fine("Art. 44 GDPR", 34_235_142_300, seriousness="high", n_draws=1000,
    ...                   method="edpb")
    >>> e.legal_maximum
    1369405692.0
    >>> c = estimate_fine("Art. 5(1)(f) | Art. 32", 52e6, authority="CNIL", n_draws=1000)
    >>> c.method, c.authority, c.tier
    ('calibrated', 'FR', '83(5)')
    >>> estimate_fine("LIL art. 82", 52e6, authority="CNIL", n_draws=10).tier
    'LIL art. 20'
    """
    if n_draws < 1:
        raise ValueError("n_draws must be >= 1")
    method = method or ("edpb" if model is not None else "calibrated")
    if method not in ("calibrated", "edpb"):
        raise ValueError(f"method must be 'calibrated' or 'edpb', got {method!r}")
    if procedure not in ("ordinary", "simplified"):
        raise ValueError(f"procedure must be 'ordinary' or 'simplified', got {procedure!r}")
    if seriousness is not None and seriousness not in _SER:
        raise ValueError(f"unknown seriousness {seriousness!r}: expected one of {list(_SER)}")
    refs, other = _split_regimes(articles)
    auth = _authority_code(country, authority)
    if method == "edpb":
        if not refs:
            raise ValueError(f"no GDPR article found in {articles!r}")
        model = model or DEFAULT_MODEL
        tier = gravest_tier(refs)
        mx = legal_maximum(tier, turnover_eur)
        rng = np.random.default_rng(seed)
        ser_idx = _ser_indices(rng, seriousness, tier, n_draws, model)
        draws = _draw_fines(rng, ser_idx, mx, turnover_eur, model)
        if procedure == "simplified":
            draws = np.minimum(draws, SIMPLIFIED_FINE_CAP_EUR)
        draws.flags.writeable = False
        return FineEstimate(tier, mx, turnover_eur, seriousness, draws, seed, "edpb", auth)
    if not refs and not other:
        raise ValueError(f"no article found in {articles!r}")
    fams = families_of_articles([str(r) for r in refs]) + families_of_articles(
        [("LIL art. 82" if re.search(r"Informatique", o, re.I) else o) for o in other])
    if refs:
        regime, tier = "GDPR", gravest_tier(refs)
        mx = legal_maximum(tier, turnover_eur)
    elif any(re.match(r"\s*AI Act", o, re.I) for o in other):
        art5 = any(re.search(r"art\.?\s*5\b", o, re.I) for o in other)
        cap = AI_ACT_99_3 if art5 else AI_ACT_99_4
        regime, tier, mx = "AI Act", cap.name, cap_amount(cap, turnover_eur, sme=sme)
    else:
        regime, tier, mx = "LIL", LIL_ART20.name, cap_amount(LIL_ART20, turnover_eur)
    reg = fine_model or load_fine_regression()
    mu = reg.median_log10(turnover_eur, fams, n_infringements, auth)
    if seriousness is not None:
        mu += DEFAULT_ENFORCEMENT.seriousness_effect[seriousness]
    z = np.random.default_rng(seed).standard_normal(n_draws)
    draws = np.minimum(10.0 ** (mu + reg.sigma * z), mx)
    if procedure == "simplified":
        draws = np.minimum(draws, SIMPLIFIED_FINE_CAP_EUR)
    draws.flags.writeable = False
    return FineEstimate(tier, float(mx), turnover_eur, seriousness, draws, seed, "calibrated",
                        auth, regime)


# --------------------------------------------------------------------------- portfolio


@dataclass(frozen=True, eq=False)
class PortfolioExposure:
    """Result of :func:`simulate_portfolio`.

    Attributes
    ----------
    datasets : pl.DataFrame
        One row per dataset (sorted by ``dataset_id``): tier, seriousness, group,
        ``p_enforcement`` (annual), ``p_horizon``, ``expected_fine`` (if enforced),
        ``expected_cost``, ``expected_annual_cost`` and cost quantiles ``p50 … p99``
        (stand-alone, before the Art. 83(3) group cap).
    summary : pl.DataFrame
        One row: portfolio ``expected_cost``, ``expected_annual_cost``, ``p_any_fine``,
        ``p50``, ``p90``, ``p95``, ``p99``, ``max_draw`` (after the group caps).
    exceedance : pl.DataFrame
        Loss-exceedance curve: ``loss_eur``, ``p_exceed`` = P(total cost > loss_eur).
    draws : np.ndarray
        Portfolio cost per simulated horizon (read-only).
    """

    datasets: pl.DataFrame
    summary: pl.DataFrame
    exceedance: pl.DataFrame
    draws: np.ndarray = field(repr=False)
    horizon_years: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """Portfolio summary as a plain dictionary."""
        return self.summary.row(0, named=True)

    def _repr_html_(self) -> str:
        s = self.to_dict()
        cells = "".join(
            f"<tr><td>{html.escape(k)}</td><td style='text-align:right'>"
            f"{html.escape(_fmt(float(s[k])))}</td></tr>"
            for k in ("expected_cost", "expected_annual_cost", "p50", "p90", "p95", "p99")
        )
        return (
            f"<div><b>Portfolio fine exposure</b> — {self.datasets.height} datasets, horizon "
            f"{self.horizon_years:g} year(s), P(any fine) = {s['p_any_fine']:.2%} "
            f"(enforcement probabilities are our assumptions)<table>{cells}</table></div>"
        )


_CASES_REQUIRED = {"dataset_id": pl.Utf8, "tier": pl.Utf8, "seriousness": pl.Utf8, "group": pl.Utf8}


def _validate_cases(cases: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in _CASES_REQUIRED if c not in cases.columns]
    if missing:
        raise ValueError(f"cases is missing column(s) {missing}; expected {list(_CASES_REQUIRED)}")
    df = cases.select(
        [pl.col(c).cast(t) for c, t in _CASES_REQUIRED.items()]
        + ([pl.col("p_enforcement").cast(pl.Float64)] if "p_enforcement" in cases.columns else [])
    )
    if df["dataset_id"].is_duplicated().any():
        dup = df.filter(pl.col("dataset_id").is_duplicated())["dataset_id"].unique().to_list()
        raise ValueError(f"dataset_id must be unique; duplicated: {dup[:5]}")
    for col, allowed in (("tier", _TIER_LIST), ("seriousness", _SER)):
        bad = df.filter(~pl.col(col).is_in(list(allowed)) | pl.col(col).is_null())
        if bad.height:
            raise ValueError(
                f"column {col!r} row dataset_id={bad['dataset_id'][0]!r}: value "
                f"{bad[col][0]!r}, expected one of {list(allowed)}"
            )
    if df["group"].is_null().any():
        raise ValueError("column 'group' has nulls: every dataset needs an Art. 83(3) group")
    if "p_enforcement" in df.columns:
        p = df["p_enforcement"]
        if ((p < 0) | (p > 1)).any():
            raise ValueError("column 'p_enforcement' must be within [0, 1]")
    return df.sort("dataset_id")


def _mixture_quantiles(
    sorted_pool: np.ndarray, p_h: np.ndarray, qs: tuple[float, ...]
) -> np.ndarray:
    """Quantiles of cost = Bernoulli(p_h) × F, with F given by a sorted sample (per row)."""
    out = np.zeros((p_h.shape[0], len(qs)))
    n = sorted_pool.shape[0]
    for j, q in enumerate(qs):
        with np.errstate(divide="ignore", invalid="ignore"):
            cond = (q - (1.0 - p_h)) / p_h
        pos = cond > 0
        idx = np.clip(np.ceil(np.where(pos, cond, 0) * n).astype(np.int64) - 1, 0, n - 1)
        out[:, j] = np.where(pos, sorted_pool[idx], 0.0)
    return out


def simulate_portfolio(
    cases: pl.DataFrame,
    turnover_eur: float | None,
    *,
    horizon_years: float = 1,
    n_draws: int = 20_000,
    seed: int = 0,
    model: FineModel | None = None,
) -> PortfolioExposure:
    """Simulate the fine cost of a portfolio of datasets with findings over a horizon.

    Each dataset is enforced at most once in the horizon with probability
    ``1 − (1 − p)^horizon_years`` (``p`` = ``p_enforcement`` column or
    ``model.p_enforcement[seriousness]``, our assumption), independently across datasets.
    An enforced dataset's fine is drawn from the EDPB chain (:func:`estimate_fine`); fines
    of datasets in the same ``group`` enforced in the same draw are one linked decision,
    capped together at the legal maximum of the group's gravest tier (Art. 83(3)).

    Common random numbers: the conditional fine of each (tier, seriousness) is a sorted pool
    drawn from the same variate streams for every combination; dataset ``d`` is enforced in
    draw ``j`` when a counter-based uniform keyed by (``dataset_id``, seed, j) is below its
    probability, and fined the pool value at a rank given by a second such uniform. Adding,
    removing or changing one dataset leaves the others' draws unchanged, and lowering a
    seriousness, tier, probability or the turnover never raises any draw.

    Parameters
    ----------
    cases : pl.DataFrame
        Columns ``dataset_id`` (unique str), ``tier``, ``seriousness``, ``group``, optional
        ``p_enforcement`` (annual probability override). Row order does not matter.
    turnover_eur : float or None
        Undertaking turnover (one undertaking for the whole portfolio).
    horizon_years : float, default 1
    n_draws : int, default 20 000
    seed : int, default 0
    model : FineModel, optional

    Returns
    -------
    PortfolioExposure

    Examples
    --------
    >>> cases = pl.DataFrame({"dataset_id": ["crm", "hr", "web"],
    ...     "tier": ["83(5)", "83(4)", "83(5)"], "seriousness": ["medium", "low", "high"],
    ...     "group": ["g1", "g1", "g2"]})
    >>> res = simulate_portfolio(cases, 30e6, n_draws=5_000)
    >>> res.datasets["dataset_id"].to_list()
    ['crm', 'hr', 'web']
    >>> bool(res.summary["p99"][0] >= res.summary["p50"][0] >= 0)
    True
    """
    model = model or DEFAULT_MODEL
    if n_draws < 1:
        raise ValueError("n_draws must be >= 1")
    if horizon_years <= 0:
        raise ValueError("horizon_years must be > 0")
    df = _validate_cases(cases)
    n_ds = df.height
    tier_idx = np.array([_TIER_LIST.index(t) for t in df["tier"].to_list()], dtype=np.intp)
    ser_idx = np.array([_SER.index(s) for s in df["seriousness"].to_list()], dtype=np.intp)
    tier_max = np.array([legal_maximum(t, turnover_eur) for t in _TIER_LIST])
    ds_max = tier_max[tier_idx]
    p_default = np.array([model.annual_p_enforcement(s) for s in _SER])[ser_idx]
    if "p_enforcement" in df.columns:
        p_col = df["p_enforcement"].to_numpy()
        p_annual = np.where(np.isnan(p_col), p_default, p_col)
    else:
        p_annual = p_default
    p_h = 1.0 - (1.0 - p_annual) ** horizon_years

    # Conditional fine distribution per (tier, seriousness): one sorted pool each, all drawn
    # from the SAME six variate streams (one per variate, seeded by ``seed`` only), so the
    # pools are ordered draw by draw: a graver tier, a higher seriousness or a larger
    # turnover never gives a lower value at any rank.
    combo = tier_idx * 3 + ser_idx
    pools = np.zeros((len(_TIER_LIST) * 3, n_draws))
    for c in np.unique(combo):
        t, s = divmod(int(c), 3)
        streams = tuple(np.random.default_rng(ss)
                        for ss in np.random.SeedSequence(seed).spawn(6))
        pools[c] = np.sort(
            _draw_fines(streams, np.full(n_draws, s), tier_max[t], turnover_eur, model)
        )
    expected_fine = pools.mean(axis=1)[combo]
    qs = (0.5, 0.9, 0.95, 0.99)
    ds_q = np.zeros((n_ds, len(qs)))
    for c in np.unique(combo):
        rows = combo == c
        ds_q[rows] = _mixture_quantiles(pools[c], p_h[rows], qs)

    # Enforcement events and fines, counter-based per dataset (common random numbers): the
    # event of dataset d in draw j is ``U_ev(d, j) < p_horizon(d)`` and its fine the
    # ``floor(U_rank(d, j) * n)``-th value of its pool, with U_ev, U_rank keyed by
    # (dataset_id, seed, j). Adding, removing or changing one dataset leaves every other
    # dataset's draws unchanged, and lowering a dataset's seriousness, tier or probability
    # never raises its cost in any draw. Dense part in chunks of 4 M cells (memory-bounded).
    keys = _dataset_keys(df["dataset_id"].to_list())
    c_ev = _draw_counters(seed, n_draws, 0)
    thr = np.minimum(np.floor(p_h * _TWO53), _TWO53).astype(np.uint64)
    ev_ds: list[np.ndarray] = []
    ev_draw: list[np.ndarray] = []
    chunk = max(1, 4_000_000 // n_draws)
    for start in range(0, n_ds, chunk):
        stop = min(start + chunk, n_ds)
        hit = _keyed_bits(keys[start:stop, None], c_ev[None, :]) < thr[start:stop, None]
        r, d = np.nonzero(hit)
        ev_ds.append(r + start)
        ev_draw.append(d)
    e_ds = np.concatenate(ev_ds) if ev_ds else np.zeros(0, dtype=np.intp)
    e_draw = np.concatenate(ev_draw) if ev_draw else np.zeros(0, dtype=np.intp)
    c_rank = _draw_counters(seed, n_draws, 1)
    u_rank = _keyed_bits(keys[e_ds], c_rank[e_draw]).astype(np.float64) / _TWO53
    rank = np.minimum((u_rank * n_draws).astype(np.int64), n_draws - 1)
    fines = pools[combo[e_ds], rank]

    # Art. 83(3): linked datasets (same group) enforced in the same draw share one cap
    group_codes, group_idx = np.unique(df["group"].to_numpy().astype(str), return_inverse=True)
    group_max = np.zeros(group_codes.shape[0])
    np.maximum.at(group_max, group_idx, ds_max)
    key = group_idx[e_ds].astype(np.int64) * n_draws + e_draw
    ukey, inv = np.unique(key, return_inverse=True)
    sums = np.bincount(inv, weights=fines, minlength=ukey.shape[0])
    capped = np.minimum(sums, group_max[ukey // n_draws])
    total = np.bincount(ukey % n_draws, weights=capped, minlength=n_draws)
    total.flags.writeable = False

    datasets = df.select("dataset_id", "tier", "seriousness", "group").with_columns(
        p_enforcement=pl.Series(p_annual),
        p_horizon=pl.Series(p_h),
        legal_maximum=pl.Series(ds_max),
        expected_fine=pl.Series(expected_fine),
        expected_cost=pl.Series(p_h * expected_fine),
        expected_annual_cost=pl.Series(p_h * expected_fine / horizon_years),
        **{f"p{int(q * 100)}": pl.Series(ds_q[:, j]) for j, q in enumerate(qs)},
    )
    tq = np.quantile(total, qs)
    summary = pl.DataFrame(
        {
            "n_datasets": [n_ds],
            "n_draws": [n_draws],
            "horizon_years": [float(horizon_years)],
            "expected_cost": [float(total.mean())],
            "expected_annual_cost": [float(total.mean()) / horizon_years],
            "p_any_fine": [float((total > 0).mean())],
            **{f"p{int(q * 100)}": [float(v)] for q, v in zip(qs, tq, strict=True)},
            "max_draw": [float(total.max())],
        }
    )
    exceedance = _exceedance(total)
    return PortfolioExposure(datasets, summary, exceedance, total, float(horizon_years))


def _exceedance(total: np.ndarray, n_points: int = 60) -> pl.DataFrame:
    """P(total > x) on a log grid from EUR 1 000 to the largest draw."""
    s = np.sort(total)
    top = max(float(s[-1]), 1e3 * 10)
    grid = np.unique(np.concatenate([[0.0], np.logspace(3, np.log10(top), n_points)]))
    p = 1.0 - np.searchsorted(s, grid, side="right") / s.shape[0]
    return pl.DataFrame({"loss_eur": grid, "p_exceed": p})
