"""Small statistics for scan results: Wilson intervals and distinct-count estimators."""

from __future__ import annotations

import math

import numpy as np
import polars as pl

Z95 = 1.959963984540054


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion (95 % by default).

    Examples
    --------
    >>> lo, hi = wilson_interval(8, 10)
    >>> round(lo, 3), round(hi, 3)
    (0.49, 0.943)
    >>> wilson_interval(0, 0)
    (0.0, 1.0)
    """
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


def gee_distinct(values: pl.Series, population: int | None) -> int:
    """Estimate the number of distinct values of a column from a uniform sample.

    Guaranteed-Error Estimator (Charikar et al., 2000): ``sqrt(N/n) * f1 + sum_{j>=2} fj``
    where ``fj`` counts values seen exactly ``j`` times in the sample of size ``n``. GEE
    is built for the worst case and underestimates keys badly, so when at least 90 % of the
    sample values are singletons (a key-like column: e-mails, identifiers) the count is
    scaled linearly instead, ``d * N / n`` (a modelling choice of our own).

    Examples
    --------
    >>> gee_distinct(pl.Series(["a", "b", "b"]), 3)
    2
    >>> gee_distinct(pl.Series(["a", "b", "c", "d"]), 400)
    400
    >>> gee_distinct(pl.Series(["a", "a", "b", "b", "c"]), 500)
    12
    """
    s = values.drop_nulls()
    n = len(s)
    if n == 0:
        return 0
    counts = s.value_counts()["count"]
    d = int(counts.len())
    if population is None or population <= n:
        return d
    f1 = int((counts == 1).sum())
    if f1 >= 0.9 * n:
        return int(round(d * population / n))
    est = math.sqrt(population / n) * f1 + (d - f1)
    return int(round(min(est, population)))


class KMVSketch:
    """K-minimum-values sketch: bounded-memory distinct count over batches.

    Examples
    --------
    >>> sk = KMVSketch(k=256)
    >>> sk.update(pl.Series(range(1000))); sk.update(pl.Series(range(500, 1500)))
    >>> 1200 < sk.estimate() < 1800
    True
    """

    def __init__(self, k: int = 4096) -> None:
        self.k = k
        self.mins = np.empty(0, dtype=np.uint64)

    def update(self, values: pl.Series) -> None:
        """Add a batch of values."""
        h = values.drop_nulls().cast(pl.Utf8).hash(seed=0).unique().sort().head(self.k)
        merged = np.union1d(self.mins, h.to_numpy().astype(np.uint64))
        self.mins = merged[: self.k]

    def estimate(self) -> int:
        """Estimated number of distinct values seen."""
        if len(self.mins) < self.k:
            return int(len(self.mins))
        return int((self.k - 1) / (float(self.mins[-1]) / 2.0**64))
