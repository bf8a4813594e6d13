import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from rgpd_risk.discovery.stats import KMVSketch, gee_distinct, wilson_interval


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_contains_the_point_estimate(k: int, n: int) -> None:
    k = min(k, n)
    lo, hi = wilson_interval(k, n)
    assert 0.0 <= lo <= k / n + 1e-12 <= hi + 1e-12 <= 1.0 + 1e-12


def test_wilson_narrows_with_more_data() -> None:
    a = wilson_interval(8, 10)
    b = wilson_interval(800, 1000)
    assert b[1] - b[0] < a[1] - a[0]


def test_gee_is_exact_without_sampling() -> None:
    assert gee_distinct(pl.Series(["a", "b", "a", None]), 4) == 2


def test_kmv_exact_below_k_and_close_above() -> None:
    sk = KMVSketch(k=1024)
    sk.update(pl.Series([str(i) for i in range(500)]))
    assert sk.estimate() == 500
    for start in range(0, 100_000, 20_000):
        sk.update(pl.Series([str(i) for i in range(start, start + 20_000)]))
    assert 85_000 < sk.estimate() < 115_000
