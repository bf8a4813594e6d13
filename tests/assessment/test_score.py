"""The additive score, its contributions, bands and the model's configuration."""

from __future__ import annotations

import polars as pl
import pytest

from rgpd_risk.assessment import FACTORS, RiskModel, assess

from .conftest import COMPLIANT_ORG, TODAY, make, many


def run(inv: pl.DataFrame, **kw):
    return assess(inv, organisation=COMPLIANT_ORG, today=TODAY, **kw)


def test_contributions_sum_to_score() -> None:
    inv = many({}, {"legal_basis": None, "data_categories": ["health"], "subject_count": None,
                    "internet_exposed": True, "security_measures": []},
               {"profiling": True, "third_countries": ["IN"]})
    a = run(inv)
    sums = a.contributions.group_by("dataset_id").agg(pl.col("contribution").sum())
    joined = a.datasets.join(sums, on="dataset_id")
    assert (joined["risk_score"] - joined["contribution"]).abs().max() < 1e-9
    assert a.contributions.height == 3 * len(FACTORS)
    assert a.contributions["factor"].to_list()[:7] == list(FACTORS)
    assert (a.contributions["contribution"] >= 0).all()
    assert a.datasets["risk_score"].is_between(0, 100).all()


def test_clean_is_low_and_worst_is_critical() -> None:
    clean = run(make()).datasets.row(0, named=True)
    assert clean["risk_level"] == "low"
    # 1 000 people: scale = log10(1000)/6 * 10 = 5.0; nothing else.
    assert clean["risk_score"] == pytest.approx(5.0)
    worst = run(make(legal_basis=None, data_categories=["health", "criminal", "nir"],
                     subject_count=None, internet_exposed=True, security_measures=[],
                     privacy_notice=False, rights_access=False, data_subjects=["minors"],
                     profiling=True, automated_decision=True, access_count=None,
                     incidents_12m=None, processor_contract=False)).datasets.row(0, named=True)
    assert worst["risk_level"] == "critical"
    assert worst["risk_score"] == pytest.approx(100.0)


def test_findings_factor_is_split_by_tier() -> None:
    a = run(make(privacy_notice=False, processor_contract=False))
    c = dict(a.contributions.select("factor", "contribution").iter_rows())
    # 83(5) medium→low (no aggravating factor): 1 pt x 1.5; 83(4) low: 1 pt x 1 -> 2.5/40*45
    assert c["findings_83_5"] + c["findings_83_4"] == pytest.approx(45 * 2.5 / 40)
    assert c["findings_83_5"] == pytest.approx(45 * 1.5 / 40)


def test_model_validation_and_overrides(tmp_path) -> None:
    with pytest.raises(ValueError, match="sum to 100"):
        RiskModel(score_weights={"access_risk": 50, "modification_risk": 0,
                                 "disappearance_risk": 0, "scale": 0, "dpia_criteria": 0,
                                 "findings": 10})
    with pytest.raises(ValueError, match=">= 0"):
        RiskModel.from_dict({"likelihood_controls": {"access": {"mfa": -1}}})
    with pytest.raises(ValueError, match="unknown"):
        RiskModel.from_dict({"no_such_field": 1})
    y = tmp_path / "m.yaml"
    y.write_text("large_scale_threshold: 900\nscore_bands: [10, 20, 30]\n", encoding="utf-8")
    m = RiskModel.from_yaml(y)
    assert m.large_scale_threshold == 900 and m.score_bands == (10.0, 20.0, 30.0)
    assert RiskModel.from_dict(m.to_dict()) == m
    with pytest.raises(TypeError):
        m.likelihood_controls["access"]["mfa"] = 3.0  # read-only
    a = run(make(), model=m)
    assert a.datasets["risk_level"][0] == "low"  # 5.0 < 10
    assert a.model is m
