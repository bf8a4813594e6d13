"""Monte-Carlo estimate and portfolio simulation: determinism, caps, Art. 83(3), validation."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.exposure import DEFAULT_MODEL, FineModel, estimate_fine, simulate_portfolio


def test_same_seed_same_bytes_other_seed_differs() -> None:
    a = estimate_fine(["Art. 32"], 40e6, seed=7, n_draws=5_000)
    b = estimate_fine(["Art. 32"], 40e6, seed=7, n_draws=5_000)
    c = estimate_fine(["Art. 32"], 40e6, seed=8, n_draws=5_000)
    assert a.draws.tobytes() == b.draws.tobytes()
    assert a.draws.tobytes() != c.draws.tobytes()
    assert not a.draws.flags.writeable


def test_tier_from_gravest_article_and_string_input() -> None:
    assert estimate_fine(["Art. 32", "Art. 33"], None, n_draws=10).tier == "83(4)"
    e = estimate_fine("Art. 32 GDPR, Art. 5 (1) f) GDPR", None, n_draws=10)
    assert (e.tier, e.legal_maximum) == ("83(5)", 20e6)
    # LIL art. 82 (trackers) is fined under LIL art. 20, not Art. 83; the EDPB chain is GDPR only
    lil = estimate_fine("Art. 82 loi Informatique et Libertés", 52e6, n_draws=10)
    assert (lil.regime, lil.tier, lil.legal_maximum) == ("LIL", "LIL art. 20", 10e6)
    with pytest.raises(ValueError, match="no GDPR article"):
        estimate_fine("Art. 82 loi Informatique et Libertés", None, method="edpb")
    with pytest.raises(ValueError, match="no article"):
        estimate_fine("", None)


@given(st.floats(0, 1e12, allow_nan=False) | st.none(),
       st.sampled_from([None, "low", "medium", "high"]), st.integers(0, 2**32))
@settings(max_examples=40, deadline=None)
def test_draws_within_zero_and_legal_maximum(turnover: float | None, ser: str | None,
                                             seed: int) -> None:
    e = estimate_fine(["Art. 6"], turnover, seriousness=ser, seed=seed, n_draws=2_000)
    assert (e.draws >= 0).all() and (e.draws <= e.legal_maximum).all()


def test_seriousness_orders_the_median() -> None:
    meds = [estimate_fine(["Art. 6"], 1e9, seriousness=s, n_draws=20_000).quantile(0.5)
            for s in ("low", "medium", "high")]
    assert meds[0] < meds[1] < meds[2]


def test_size_band_scales_the_fine() -> None:
    small = estimate_fine(["Art. 6"], 1e6, seriousness="medium", n_draws=20_000, method="edpb")
    mid = estimate_fine(["Art. 6"], 75e6, seriousness="medium", n_draws=20_000, method="edpb")
    # 50-100 m band starting range is EUR 160 000 - 800 000 before Steps 3-5
    assert small.quantile(0.99) < 20e6 * 0.2 * 0.004 * 1.5
    assert 160_000 * 0.5 * 0.5 <= mid.quantile(0.01) and mid.quantile(0.99) <= 800_000 * 1.5


def test_estimate_to_dict_and_html() -> None:
    e = estimate_fine(["Art. 6"], 30e6, n_draws=1_000)
    d = e.to_dict()
    assert d["p5"] <= d["p50"] <= d["p95"] <= d["legal_maximum"]
    assert d["mean"] == pytest.approx(e.mean)
    assert "inferred" in e._repr_html_() and "<table>" in e._repr_html_()


def test_model_is_frozen_and_validated() -> None:
    with pytest.raises(AttributeError):
        DEFAULT_MODEL.step5_probability = 0.1  # type: ignore[misc]
    with pytest.raises(ValueError, match="summing to 1"):
        FineModel(seriousness_prior={"83(5)": (0.5, 0.5, 0.5)})
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        FineModel(p_enforcement={"low": 2.0})
    m = replace(DEFAULT_MODEL, step5_probability=0.0, step3_sd=0.0, step3_mean=0.0)
    e = estimate_fine(["Art. 6"], None, seriousness="high", model=m, n_draws=2_000)
    assert e.quantile(0.0) >= 0.2 * 20e6  # no Step 5 / Step 3: never below the band


def _cases(n: int, seed: int = 0) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    return pl.DataFrame({
        "dataset_id": [f"ds{i:04d}" for i in range(n)],
        "tier": rng.choice(["83(4)", "83(5)"], n).tolist(),
        "seriousness": rng.choice(["low", "medium", "high"], n).tolist(),
        "group": [f"g{i % 7}" for i in range(n)],
    })


def test_portfolio_row_order_does_not_matter() -> None:
    cases = _cases(40)
    a = simulate_portfolio(cases, 80e6, n_draws=3_000, seed=3)
    b = simulate_portfolio(cases.reverse(), 80e6, n_draws=3_000, seed=3)
    assert a.draws.tobytes() == b.draws.tobytes()
    assert a.datasets.equals(b.datasets)


def test_portfolio_group_cap_art_83_3() -> None:
    cases = pl.DataFrame({"dataset_id": ["a", "b", "c"], "tier": ["83(4)"] * 3,
                          "seriousness": ["high"] * 3, "group": ["g"] * 3,
                          "p_enforcement": [1.0, 1.0, 1.0]})
    m = replace(DEFAULT_MODEL, step5_probability=0.0)
    res = simulate_portfolio(cases, None, n_draws=2_000, model=m)
    assert res.summary["p_any_fine"][0] == 1.0
    assert res.draws.max() <= 10e6 + 1e-6  # one linked decision, gravest tier 83(4)
    unlinked = simulate_portfolio(cases.with_columns(group=pl.col("dataset_id")), None,
                                  n_draws=2_000, model=m)
    assert unlinked.draws.max() > 10e6  # separate conduct, separate fines


def test_portfolio_probabilities_and_horizon() -> None:
    cases = _cases(30).with_columns(p_enforcement=pl.lit(0.0))
    zero = simulate_portfolio(cases, 30e6, n_draws=1_000)
    assert zero.draws.max() == 0 and zero.summary["expected_cost"][0] == 0
    cases = _cases(30)
    one = simulate_portfolio(cases, 30e6, n_draws=4_000)
    five = simulate_portfolio(cases, 30e6, n_draws=4_000, horizon_years=5)
    assert (five.datasets["p_horizon"] > one.datasets["p_horizon"]).all()
    assert five.summary["expected_cost"][0] > one.summary["expected_cost"][0]
    ev = one.datasets["expected_cost"].sum()
    assert one.summary["expected_cost"][0] == pytest.approx(ev, rel=0.15)  # same model, MC error


def test_portfolio_dataset_quantiles_match_simulation() -> None:
    cases = pl.DataFrame({"dataset_id": ["x"], "tier": ["83(5)"], "seriousness": ["medium"],
                          "group": ["x"], "p_enforcement": [0.3]})
    res = simulate_portfolio(cases, 30e6, n_draws=40_000, seed=1)
    row = res.datasets.row(0, named=True)
    assert row["p50"] == 0.0
    assert row["p90"] == pytest.approx(np.quantile(res.draws, 0.9), rel=0.05)
    assert res.summary["p_any_fine"][0] == pytest.approx(0.3, abs=0.01)
    lec = res.exceedance
    assert lec["p_exceed"].is_sorted(descending=True)
    assert lec["p_exceed"][0] == pytest.approx(0.3, abs=0.01)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda df: df.drop("group"), "missing column"),
        (lambda df: df.with_columns(tier=pl.lit("83(9)")), "'tier'"),
        (lambda df: df.with_columns(seriousness=pl.lit("huge")), "'seriousness'"),
        (lambda df: df.with_columns(dataset_id=pl.lit("same")), "unique"),
        (lambda df: df.with_columns(p_enforcement=pl.lit(1.5)), "p_enforcement"),
    ],
)
def test_portfolio_validation(change, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=match):
        simulate_portfolio(change(_cases(5)), 1e6, n_draws=10)


def test_portfolio_1000_datasets_20000_draws() -> None:
    """The benchmark's workload (its speed: benchmarks/, not a timed test)."""
    cases = _cases(1_000)
    res = simulate_portfolio(cases, 300e6, n_draws=20_000)
    assert res.draws.shape == (20_000,) and res.datasets.height == 1_000
    assert "Portfolio" in res._repr_html_()


def test_portfolio_common_random_numbers_per_dataset() -> None:
    cases = _cases(30)
    full = simulate_portfolio(cases, 80e6, n_draws=5_000, seed=4)
    fewer = simulate_portfolio(cases.filter(pl.col("dataset_id") != "ds0007"), 80e6,
                               n_draws=5_000, seed=4)
    lower = simulate_portfolio(cases.with_columns(seriousness=pl.lit("low")), 80e6,
                               n_draws=5_000, seed=4)
    assert (fewer.draws <= full.draws).all() and (lower.draws <= full.draws).all()
    keep = full.datasets.filter(pl.col("dataset_id") != "ds0007")
    assert fewer.datasets.select("p50", "p99", "expected_cost").equals(
        keep.select("p50", "p99", "expected_cost"))
