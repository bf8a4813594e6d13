"""The fine *if sanctioned*, calibrated on real decisions — OUR statistical model.

The amount of an ordinary sanction is modelled on the log scale (decades of euros)::

    log10(fine) = intercept + slope_turnover · log10(turnover)
                  + slope_infringements · log2(number of infringement families)
                  + max(family effect of the families infringed)
                  + authority offset + Normal(0, sigma)

then capped at the legal maximum of the gravest infringement (Art. 83(3) GDPR for linked
processing; LIL art. 20 or AI Act art. 99 for the other regimes). It follows the structure of
the EDPB method — the legal maximum and the size of the undertaking set the scale, the
gravity of what was infringed moves it, the authority's practice shifts it — but its
coefficients are fitted on decisions, not read from the guidelines. Every coefficient is a
field of :class:`FineRegression` (overridable with ``dataclasses.replace``); the family
effects are non-negative and enter through their *maximum*, so adding an infringement never
lowers the predicted fine.

:func:`fit_fine_regression` is pure (a frame of decisions in, coefficients out);
``benchmarks/calibrate_fine_model.py`` does the I/O and writes the shipped coefficients
``rgpd_risk/data/fine_model.csv`` (one command re-runs it on a newer sanctions table), and
``benchmarks/backtest_fine_model.py`` reports the leave-one-out back-test.

Examples
--------
>>> m = FineRegression(intercept=-1.0, slope_turnover=0.8, slope_infringements=0.2,
...                    family_effect={"security": 0.0, "transfers": 0.5}, sigma=0.5)
>>> round(m.median_log10(1e8, ["security"], n_infringements=1), 3)
5.4
>>> m.median_log10(1e8, ["transfers", "security"], 2) > m.median_log10(1e8, ["security"], 1)
True
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.exposure.families import FAMILIES

__all__ = [
    "FineRegression",
    "DECISIONS_SCHEMA",
    "fit_fine_regression",
    "load_fine_regression",
    "write_fine_regression",
    "DEFAULT_FAMILY_GRID",
]

#: Columns :func:`fit_fine_regression` reads (one row per ordinary decision with an amount).
#:
#: ================  ===========  ==============================================================
#: column            dtype        meaning
#: ================  ===========  ==============================================================
#: decision_id       Utf8         unique id
#: authority         Utf8         ISO country of the authority (``FR`` for the CNIL)
#: amount_eur        Float64      fine (EUR), > 0
#: turnover_eur      Float64      turnover used (worldwide, undertaking); null rows are skipped
#: families          List(Utf8)   infringement families (:data:`~.families.FAMILIES`)
#: ================  ===========  ==============================================================
DECISIONS_SCHEMA: dict[str, pl.DataType] = {
    "decision_id": pl.Utf8(),
    "authority": pl.Utf8(),
    "amount_eur": pl.Float64(),
    "turnover_eur": pl.Float64(),
    "families": pl.List(pl.Utf8()),
}

#: Grid of the family effects (decades) searched by the fit (ours).
DEFAULT_FAMILY_GRID: tuple[float, ...] = tuple(round(0.1 * i, 1) for i in range(0, 16))


def _ro(d: Mapping[str, float]) -> MappingProxyType[str, float]:
    return MappingProxyType({k: float(v) for k, v in d.items()})


@dataclass(frozen=True)
class FineRegression:
    """Coefficients of the calibrated fine model (module docstring). OUR model.

    Attributes
    ----------
    intercept, slope_turnover, slope_infringements : float
        Decades; ``slope_turnover`` per decade of turnover, ``slope_infringements`` per
        doubling of the number of infringement families.
    family_effect : mapping family -> float
        Non-negative shift (decades) of the gravest family infringed; families not listed
        count 0.
    authority_offset : mapping ISO country -> float
        Shift of an authority's practice (decades); unlisted authorities 0 (the pooled
        reference).
    sigma : float
        Residual standard deviation (decades) of the fit.
    default_turnover_eur : float
        Turnover assumed when none is known (a non-undertaking: public body, association).
    n_fit : int
        Decisions the coefficients were fitted on; ``source``: what they were fitted on.
    """

    intercept: float = -1.6
    slope_turnover: float = 0.75
    slope_infringements: float = 0.15
    family_effect: Mapping[str, float] = field(default_factory=lambda: _ro({}))
    authority_offset: Mapping[str, float] = field(default_factory=lambda: _ro({}))
    sigma: float = 0.6
    default_turnover_eur: float = 10_000_000.0
    n_fit: int = 0
    source: str = "uncalibrated defaults"

    def __post_init__(self) -> None:
        for name in ("family_effect", "authority_offset"):
            v = getattr(self, name)
            if not isinstance(v, MappingProxyType):
                object.__setattr__(self, name, _ro(v))
        bad = {k: v for k, v in self.family_effect.items() if v < 0}
        if bad:
            raise ValueError(f"family_effect must be >= 0 (monotone in what is infringed): {bad}")
        if not self.sigma > 0:
            raise ValueError(f"sigma must be > 0, got {self.sigma}")
        if self.slope_infringements < 0 or self.slope_turnover < 0:
            raise ValueError("slope_infringements and slope_turnover must be >= 0")

    def gravest_effect(self, families: Iterable[str]) -> float:
        """Largest family effect among ``families`` (0 when none is listed)."""
        return max((self.family_effect.get(f, 0.0) for f in families), default=0.0)

    def median_log10(self, turnover_eur: float | None, families: Iterable[str],
                     n_infringements: int | None = None, authority: str | None = None) -> float:
        """Median log10 of the fine before the legal cap."""
        fams = list(dict.fromkeys(families))
        n = max(1, len(fams) if n_infringements is None else int(n_infringements))
        t = self.default_turnover_eur if turnover_eur is None else max(float(turnover_eur), 1e4)
        return (self.intercept + self.slope_turnover * math.log10(t)
                + self.slope_infringements * math.log2(n) + self.gravest_effect(fams)
                + self.authority_offset.get((authority or "").upper(), 0.0))

    def to_dict(self) -> dict[str, Any]:
        """Plain dictionary (reports, provenance)."""
        return {
            "intercept": self.intercept, "slope_turnover": self.slope_turnover,
            "slope_infringements": self.slope_infringements,
            "family_effect": dict(self.family_effect),
            "authority_offset": dict(self.authority_offset), "sigma": self.sigma,
            "default_turnover_eur": self.default_turnover_eur, "n_fit": self.n_fit,
            "source": self.source,
        }


def _validate_decisions(df: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in DECISIONS_SCHEMA if c not in df.columns]
    if missing:
        raise ValueError(f"decisions frame is missing column(s) {missing}; expected "
                         f"{list(DECISIONS_SCHEMA)}")
    out = df.select([pl.col(c).cast(t) for c, t in DECISIONS_SCHEMA.items()])
    bad = out.filter(pl.col("amount_eur").is_null() | (pl.col("amount_eur") <= 0))
    if bad.height:
        raise ValueError(f"decision {bad['decision_id'][0]!r}, column 'amount_eur': expected a "
                         f"positive amount, got {bad['amount_eur'][0]!r}")
    return out.filter(pl.col("turnover_eur").is_not_null() & (pl.col("turnover_eur") > 0))


def _design(df: pl.DataFrame, effects: Mapping[str, float], authorities: list[str]
            ) -> tuple[np.ndarray, np.ndarray]:
    fams = df["families"].to_list()
    grav = np.array([max((effects.get(f, 0.0) for f in fs), default=0.0) for fs in fams])
    n = np.array([max(1, len(set(fs))) for fs in fams], dtype=float)
    cols = [np.ones(df.height), np.log10(df["turnover_eur"].to_numpy()), np.log2(n)]
    auth = df["authority"].fill_null("").str.to_uppercase().to_list()
    cols += [np.array([a == k for a in auth], dtype=float) for k in authorities]
    y = np.log10(df["amount_eur"].to_numpy()) - grav
    return np.column_stack(cols), y


def _lstsq(x: np.ndarray, y: np.ndarray, ridge: float) -> np.ndarray:
    """Ridge least squares (no penalty on the intercept), minimum-norm when rank-deficient."""
    pen = np.sqrt(ridge) * np.eye(x.shape[1])[1:]
    xa = np.vstack([x, pen])
    ya = np.concatenate([y, np.zeros(pen.shape[0])])
    return np.linalg.lstsq(xa, ya, rcond=None)[0]


def _solve(x: np.ndarray, y: np.ndarray, ridge: float) -> np.ndarray:
    beta = _lstsq(x, y, ridge)
    if beta[2] < 0:  # the infringement slope is constrained >= 0 (monotone)
        keep = [i for i in range(x.shape[1]) if i != 2]
        beta = np.insert(_lstsq(x[:, keep], y, ridge), 2, 0.0)
    return beta


def fit_fine_regression(
    decisions: pl.DataFrame,
    *,
    min_authority_n: int = 4,
    min_family_n: int = 3,
    ridge: float = 1.0,
    family_grid: tuple[float, ...] = DEFAULT_FAMILY_GRID,
    sweeps: int = 3,
    source: str = "",
    base: FineRegression | None = None,
) -> FineRegression:
    """Least-squares fit of :class:`FineRegression` on decisions (pure, deterministic).

    Authority dummies for authorities with at least ``min_authority_n`` decisions (the
    others pooled as the reference); a ridge penalty ``ridge`` on every coefficient but the
    intercept, the family effects included (shrinks them on a small sample); effects only for
    families cited by at least ``min_family_n`` decisions, searched on ``family_grid`` by
    coordinate descent (``sweeps`` passes, families in :data:`FAMILIES` order), each kept
    >= 0, the smallest fitted effect then moved into the intercept so that the baseline
    family is 0.

    Parameters
    ----------
    decisions : pl.DataFrame
        :data:`DECISIONS_SCHEMA`; rows without turnover are skipped (the slope needs it).

    Returns
    -------
    FineRegression

    Examples
    --------
    >>> rows = [("a", "FR", 1e4 * t ** 0.5, t, ["security"]) for t in (1e6, 1e7, 1e8, 1e9)]
    >>> df = pl.DataFrame(rows, schema=DECISIONS_SCHEMA, orient="row")
    >>> round(fit_fine_regression(df, ridge=0.0).slope_turnover, 2)
    0.5
    """
    df = _validate_decisions(decisions)
    if df.height < 3:
        raise ValueError(f"at least 3 decisions with a turnover are needed to fit, got {df.height}")
    counts = df.group_by(pl.col("authority").fill_null("").str.to_uppercase().alias("a")).len()
    authorities = sorted(counts.filter((pl.col("len") >= min_authority_n) & (pl.col("a") != ""))
                         ["a"].to_list())
    fam_lists = df["families"].to_list()
    present = [f for f in FAMILIES if sum(f in fs for fs in fam_lists) >= min_family_n]
    effects: dict[str, float] = {f: 0.0 for f in present}

    def sse(eff: Mapping[str, float]) -> tuple[float, np.ndarray]:
        x, y = _design(df, eff, authorities)
        beta = _solve(x, y, ridge)
        r = y - x @ beta
        # the family effects are shrunk like the other coefficients (small samples)
        return float(r @ r) + ridge * sum(v * v for v in eff.values()), beta

    best, beta = sse(effects)
    for _ in range(sweeps):
        for f in present:
            for v in family_grid:
                trial = {**effects, f: v}
                s, b = sse(trial)
                if s < best - 1e-12:
                    best, beta, effects = s, b, trial
    x, y = _design(df, effects, authorities)
    resid = y - x @ beta
    dof = max(1, df.height - x.shape[1] - len(present))
    sigma = float(np.sqrt(resid @ resid / dof))
    lo = min(effects.values(), default=0.0)
    base = base or FineRegression()
    return replace(
        base,
        intercept=float(beta[0]) + lo,
        slope_turnover=float(beta[1]),
        slope_infringements=float(beta[2]),
        family_effect={f: round(v - lo, 6) for f, v in effects.items()},
        authority_offset={a: float(beta[3 + i]) for i, a in enumerate(authorities)},
        sigma=max(sigma, 0.05),
        n_fit=df.height,
        source=source or f"fitted on {df.height} decisions",
    )


_CSV_SCALARS = ("intercept", "slope_turnover", "slope_infringements", "sigma",
                "default_turnover_eur", "n_fit")


def write_fine_regression(model: FineRegression) -> str:
    """The coefficients as the CSV text shipped in ``rgpd_risk/data/fine_model.csv``
    (``kind,key,value``; ``#`` comment lines carry the provenance)."""
    lines = [f"# {line}" for line in model.source.splitlines()] + ["kind,key,value"]
    lines += [f"scalar,{k},{float(getattr(model, k))!r}" for k in _CSV_SCALARS]
    lines += [f"family,{k},{v!r}" for k, v in sorted(model.family_effect.items())]
    lines += [f"authority,{k},{v!r}" for k, v in sorted(model.authority_offset.items())]
    return "\n".join(lines) + "\n"


def load_fine_regression(path: str | Path | None = None) -> FineRegression:
    """Read coefficients written by :func:`write_fine_regression` (default: the shipped
    ``rgpd_risk/data/fine_model.csv``; the uncalibrated defaults when it is absent).

    Raises
    ------
    ValueError
        A row with an unknown kind or key, or a value that is not a number (names the row).
    """
    if path is None:  # read once per process (frozen result)
        return _shipped_fine_regression()
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    source = "\n".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    raw = pl.read_csv(path, comment_prefix="#", infer_schema=False)
    kw: dict[str, Any] = {"family_effect": {}, "authority_offset": {}, "source": source}
    for i, r in enumerate(raw.iter_rows(named=True), start=2):
        try:
            value = float(r["value"])
        except (TypeError, ValueError):
            raise ValueError(f"{path} row {i}, column 'value': not a number: {r['value']!r}") from None
        if r["kind"] == "scalar" and r["key"] in _CSV_SCALARS:
            kw[r["key"]] = int(value) if r["key"] == "n_fit" else value
        elif r["kind"] == "family":
            kw["family_effect"][r["key"]] = value
        elif r["kind"] == "authority":
            kw["authority_offset"][r["key"]] = value
        else:
            raise ValueError(f"{path} row {i}: unknown kind/key {r['kind']!r}/{r['key']!r}")
    return FineRegression(**kw)


@functools.cache
def _shipped_fine_regression() -> FineRegression:
    p = resources.files("rgpd_risk") / "data" / "fine_model.csv"
    if not p.is_file():
        return FineRegression()
    with resources.as_file(p) as fp:
        return load_fine_regression(Path(fp))
