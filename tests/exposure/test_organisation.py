"""Organisation-level enforcement model: one process, properties, attribution, contracts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rgpd_risk
from rgpd_risk import load_inventory
from rgpd_risk.assessment import assess
from rgpd_risk.exposure.organisation import (
    BASE_ROW,
    DEFAULT_ENFORCEMENT,
    ORG_DATASETS_SCHEMA,
    ORG_PORTFOLIO_SCHEMA,
    SCENARIO_SCHEMA,
    organisation_exposure,
)
from rgpd_risk.inventory.organisation import Organisation, load_organisation

TODAY = date(2026, 12, 1)
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
ORG = Organisation(name="Acme", turnover_eur=52e6, employees=310, sector="customer relations")


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    inv = load_inventory(SAMPLE / "inventory.csv")
    org = load_organisation(SAMPLE / "organisation.yaml")
    a = assess(inv, organisation=org, today=TODAY)
    return inv.frame, a.findings, org


@pytest.fixture(scope="module")
def sample_result(sample):  # type: ignore[no-untyped-def]
    frame, findings, org = sample
    return organisation_exposure(findings, frame, org, seed=0)


def _row(res) -> dict:  # type: ignore[no-untyped-def]
    return res.portfolio.row(0, named=True)


def test_schemas_and_one_process(sample_result) -> None:  # type: ignore[no-untyped-def]
    r = sample_result
    assert dict(r.portfolio.schema) == ORG_PORTFOLIO_SCHEMA
    assert dict(r.datasets.schema) == ORG_DATASETS_SCHEMA
    assert dict(r.scenarios.schema) == SCENARIO_SCHEMA
    p = _row(r)
    assert 0 < p["p_sanction"] <= p["p_control"] <= 1
    # one control a year at most: the CNIL made 321 controls in 2024 for all of France, a
    # company of 52 m is not controlled every other year (issue: 75 % chance of a fine)
    assert p["p_control"] < 0.25 and p["p_sanction"] < 0.1
    assert r.outcomes["probability"].sum() == pytest.approx(1.0)
    assert p["p_sanction"] == pytest.approx(p["p_ordinary"] + p["p_simplified"])
    assert p["sanction_p10"] <= p["sanction_p50"] <= p["sanction_p90"]
    assert p["p50"] <= p["p90"] <= p["p95"] <= p["p99"]


def test_attribution_adds_up_and_differs(sample_result) -> None:  # type: ignore[no-untyped-def]
    d = sample_result.datasets
    assert d["attributed_expected_cost"].sum() == pytest.approx(_row(sample_result)["expected_cost"])
    assert (d["attributed_expected_cost"] >= 0).all()
    assert d["dataset_id"][-1] == BASE_ROW and d["attributed_expected_cost"][-1] > 0
    with_findings = d.filter((pl.col("scope") == "dataset") & (pl.col("n_findings") > 0))
    # not a lookup by tier and seriousness: the figures of datasets differ
    assert with_findings["attributed_expected_cost"].n_unique() > 0.8 * with_findings.height
    assert d.filter(pl.col("n_findings") == 0)["attributed_expected_cost"].to_list()[:-1] == [
        0.0] * (d.filter(pl.col("n_findings") == 0).height - 1)


def test_scenarios_name_real_french_decisions(sample_result) -> None:  # type: ignore[no-untyped-def]
    sc = sample_result.scenarios
    assert 1 <= sc.height <= 4
    assert sc["probability"].is_sorted(descending=True)
    assert sc["probability"].sum() <= _row(sample_result)["p_sanction"] + 1e-12
    assert all(len(x) >= 1 for x in sc["closest_decisions"].to_list())
    assert all("€" in x for lst in sc["closest_decisions"].to_list() for x in lst)


def test_not_a_fine_items_and_user_amounts(sample) -> None:  # type: ignore[no-untyped-def]
    frame, findings, org = sample
    r = organisation_exposure(findings, frame, org, n_draws=2_000,
                              other_costs={"damages": 150_000})
    nf = r.not_a_fine
    assert nf["item"].to_list() == ["orders", "penalties", "damages", "clients"]
    assert nf.filter(pl.col("item") == "damages")["user_amount_eur"][0] == 150_000
    base = organisation_exposure(findings, frame, org, n_draws=2_000)
    assert _row(r)["expected_cost"] == _row(base)["expected_cost"]  # never added to the fine
    with pytest.raises(ValueError, match="unknown item"):
        organisation_exposure(findings, frame, org, n_draws=10, other_costs={"x": 1.0})
    # the profile's own estimate is the default, an argument overrides it
    mine = org.model_copy(update={"other_costs": {"orders": 80_000.0}})
    nf = organisation_exposure(findings, frame, mine, n_draws=10).not_a_fine
    assert nf.filter(pl.col("item") == "orders")["user_amount_eur"][0] == 80_000
    nf = organisation_exposure(findings, frame, mine, n_draws=10, other_costs={}).not_a_fine
    assert nf["user_amount_eur"].null_count() == 4


@pytest.mark.parametrize("costs, message", [
    ({"fines": 1.0}, "unknown item"), ({"damages": -5.0}, "finite amount"),
    ({"damages": float("nan")}, "finite amount"), ({"orders": float("inf")}, "finite amount")])
def test_profile_other_costs_are_checked(costs, message) -> None:
    from pydantic import ValidationError

    from rgpd_risk.inventory.organisation import Organisation

    with pytest.raises(ValidationError, match=message):
        Organisation(name="Acme", other_costs=costs)


def test_same_seed_same_bytes(sample) -> None:  # type: ignore[no-untyped-def]
    frame, findings, org = sample
    a = organisation_exposure(findings, frame, org, n_draws=3_000, seed=5)
    b = organisation_exposure(findings, frame, org, n_draws=3_000, seed=5)
    c = organisation_exposure(findings, frame, org, n_draws=3_000, seed=6)
    assert a.draws.tobytes() == b.draws.tobytes() and not a.draws.flags.writeable
    assert a.portfolio.equals(b.portfolio) and a.datasets.equals(b.datasets)
    assert a.scenarios.equals(b.scenarios)
    assert a.draws.tobytes() != c.draws.tobytes()


def test_register_twice_is_sub_linear(sample) -> None:  # type: ignore[no-untyped-def]
    frame, findings, org = sample
    one = organisation_exposure(findings, frame, org, n_draws=5_000)
    ids = pl.col("dataset_id")
    twice_f = pl.concat([findings, findings.with_columns(
        pl.when(ids == "__organisation__").then(ids).otherwise(ids + "-bis"))])
    twice_f = twice_f.unique(["dataset_id", "code"], keep="first", maintain_order=True)
    twice_i = pl.concat([frame, frame.with_columns(ids + "-bis")])
    two = organisation_exposure(twice_f, twice_i, org, n_draws=5_000)
    ratio = _row(two)["expected_cost"] / _row(one)["expected_cost"]
    assert 1.0 <= ratio <= 1.5, ratio
    assert _row(two)["p_control"] <= 1.5 * _row(one)["p_control"]


_FIGURES = ("p_control", "p_sanction", "p_ordinary", "expected_cost", "p50", "p90", "p95",
            "p99", "sanction_p90")


@given(st.data())
@settings(max_examples=15, deadline=None)
def test_fixing_findings_never_raises_a_figure(sample, data) -> None:  # type: ignore[no-untyped-def]
    frame, findings, org = sample
    keep = data.draw(st.lists(st.booleans(), min_size=findings.height,
                              max_size=findings.height))
    seed = data.draw(st.integers(0, 50))
    fewer = findings.filter(pl.Series(keep))
    full = _row(organisation_exposure(findings, frame, org, n_draws=2_000, seed=seed,
                                      attribution=False))
    part = _row(organisation_exposure(fewer, frame, org, n_draws=2_000, seed=seed,
                                      attribution=False))
    for k in _FIGURES:
        assert part[k] <= full[k] + 1e-9 * max(1.0, abs(full[k])), k


@given(st.floats(0, 1e11) | st.none(), st.integers(0, 2**31))
@settings(max_examples=20, deadline=None)
def test_probabilities_are_ordered(turnover, seed) -> None:  # type: ignore[no-untyped-def]
    inv = pl.DataFrame({"dataset_id": ["a"], "subject_count": [1000]})
    f = pl.DataFrame({"dataset_id": ["a"], "code": ["LIL82_TRACKERS"],
                      "articles": [["LIL art. 82"]], "tier": [None], "seriousness": ["high"],
                      "regime": ["LIL"], "kind": ["breach"]},
                     schema_overrides={"tier": pl.Utf8})
    p = _row(organisation_exposure(f, inv, Organisation(name="x", turnover_eur=turnover),
                                   n_draws=500, seed=seed))
    assert 0 <= p["p_sanction"] <= p["p_control"] <= 1
    assert p["sanction_p90"] <= max(10e6, 0.02 * (turnover or 0)) + 1e-6  # LIL art. 20 cap


def test_attention_points_carry_no_exposure(sample) -> None:  # type: ignore[no-untyped-def]
    frame, findings, org = sample
    att = findings.with_columns(kind=pl.lit("attention"))
    r = organisation_exposure(att, frame, org, n_draws=2_000)
    base = organisation_exposure(findings.head(0), frame, org, n_draws=2_000)
    assert _row(r)["expected_cost"] == _row(base)["expected_cost"] > 0  # never "0"
    assert _row(r)["n_attention"] == findings.height and _row(r)["n_findings"] == 0


def test_regimes_have_their_own_caps() -> None:
    inv = pl.DataFrame({"dataset_id": ["web", "ai"], "subject_count": [10_000, 300]})
    f = pl.DataFrame({
        "dataset_id": ["web", "ai"], "code": ["LIL82_TRACKERS", "AI_EMOTION"],
        "articles": [["LIL art. 82"], ["AI Act art. 5(1)(f)"]], "tier": [None, None],
        "seriousness": ["high", "high"], "regime": ["LIL", "AI Act"], "kind": ["breach"] * 2},
        schema_overrides={"tier": pl.Utf8})
    r = organisation_exposure(f, inv, Organisation(name="x", turnover_eur=1e9), n_draws=5_000)
    assert r.datasets.filter(pl.col("dataset_id") == "web")["families"][0].to_list() == ["trackers"]
    assert _row(r)["statutory_ceiling"] is None  # no GDPR finding: no Art. 83 ceiling
    assert r.draws.max() <= 0.02 * 1e9 + 0.07 * 1e9


def test_bad_input_is_named() -> None:
    inv = pl.DataFrame({"dataset_id": ["a"]})
    f = pl.DataFrame({"dataset_id": ["a"], "code": ["X"], "articles": [["Art. 6"]],
                      "tier": ["83(5)"], "seriousness": ["huge"]})
    with pytest.raises(ValueError, match=r"'X' on dataset 'a'.*seriousness 'huge'"):
        organisation_exposure(f, inv, None)
    with pytest.raises(ValueError, match="regime 'GDPR2'"):
        organisation_exposure(f.with_columns(seriousness=pl.lit("low"), regime=pl.lit("GDPR2")),
                              inv, None)
    with pytest.raises(ValueError, match="n_draws"):
        organisation_exposure(f.with_columns(seriousness=pl.lit("low")), inv, None, n_draws=0)


def test_fine_exposure_is_the_thin_wrapper(sample) -> None:  # type: ignore[no-untyped-def]
    frame, findings, org = sample
    a = assess(load_inventory(SAMPLE / "inventory.csv"), organisation=org, today=TODAY)
    ex = rgpd_risk.fine_exposure(a, seed=0, n_draws=3_000)
    direct = organisation_exposure(a.findings, a._core, org, seed=0, n_draws=3_000)
    assert ex.portfolio.equals(direct.portfolio)
    assert ex.summary()["expected_cost"] == pytest.approx(ex.datasets["expected_cost"].sum())
    assert "<table>" in ex._repr_html_() and "Probabilité" in ex.html("fr")
    d = ex.to_dict()
    assert set(d) >= {"settings", "portfolio", "scenarios", "datasets", "not_a_fine"}


def test_model_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="visibility"):
        replace(DEFAULT_ENFORCEMENT, visibility={"security": 2.0})
    with pytest.raises(ValueError, match=">= 1"):
        replace(DEFAULT_ENFORCEMENT, family_control_multiplier={"trackers": 0.5})


def test_ten_thousand_datasets_twenty_thousand_draws() -> None:
    """The benchmark's workload (its speed: benchmarks/bench_enforcement.py, not a timed test)."""
    rng = np.random.default_rng(0)
    n = 10_000
    codes = [("ART6_NO_LEGAL_BASIS", "Art. 6(1)", "83(5)"), ("ART15_NO_ACCESS", "Art. 15(1)", "83(5)"),
             ("ART32_EXPOSED_UNPROTECTED", "Art. 32(1)", "83(4)"),
             ("ART5_1_E_NO_RETENTION", "Art. 5(1)(e)", "83(5)"),
             ("ART44_TRANSFER_NO_SAFEGUARD", "Art. 44", "83(5)")]
    pick = rng.integers(0, len(codes), 3 * n)
    f = pl.DataFrame({
        "dataset_id": [f"d{i % n}" for i in range(3 * n)],
        "code": [codes[k][0] for k in pick], "articles": [[codes[k][1]] for k in pick],
        "tier": [codes[k][2] for k in pick],
        "seriousness": rng.choice(["low", "medium", "high"], 3 * n).tolist(),
    }).unique(["dataset_id", "code"], keep="first", maintain_order=True)
    inv = pl.DataFrame({"dataset_id": [f"d{i}" for i in range(n)],
                        "subject_count": rng.integers(10, 10**6, n),
                        "internet_exposed": rng.random(n) < 0.3})
    organisation_exposure(f.head(100), inv.head(100), ORG, n_draws=1_000)  # warm-up
    r = organisation_exposure(f, inv, ORG, n_draws=20_000)
    assert r.datasets.height == n + 1
