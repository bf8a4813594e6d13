"""WP248 screening and Art. 35(3) triggers."""

from __future__ import annotations

import pytest

from rgpd_risk.assessment import WP248_CRITERIA, assess

from .conftest import COMPLIANT_ORG, TODAY, make


def screen(**changes) -> dict:
    return assess(make(**changes), organisation=COMPLIANT_ORG, today=TODAY).datasets.row(
        0, named=True)


@pytest.mark.parametrize(
    ("changes", "criterion", "field"),
    [
        ({"profiling": True}, "evaluation_scoring", "profiling=true"),
        ({"automated_decision": True}, "automated_decision", "automated_decision=true"),
        ({"systematic_monitoring": True}, "systematic_monitoring", "systematic_monitoring=true"),
        ({"public_area_monitoring": True}, "systematic_monitoring", "public_area_monitoring=true"),
        ({"data_categories": ["health"], "art9_condition": "a"}, "sensitive_data", "health"),
        ({"data_categories": ["criminal"]}, "sensitive_data", "criminal"),
        ({"data_categories": ["nir"]}, "sensitive_data", "nir"),
        ({"data_categories": ["location"]}, "sensitive_data", "location"),
        ({"subject_count": 10_000}, "large_scale", "subject_count=10000 ≥ 10000"),
        ({"subject_count": None}, "large_scale", "subject_count=unknown"),
        ({"dataset_matching": True}, "matching", "dataset_matching=true"),
        ({"data_subjects": ["patients"]}, "vulnerable_subjects", "patients"),
        ({"min_subject_age": 12}, "vulnerable_subjects", "min_subject_age=12"),
        ({"innovative_technology": True}, "innovative_technology", "innovative_technology=true"),
        ({"blocks_right_or_service": True}, "blocks_right_or_service",
         "blocks_right_or_service=true"),
    ],
)
def test_one_criterion_is_recommended(changes: dict, criterion: str, field: str) -> None:
    row = screen(**changes)
    assert row["dpia_criteria"] == [criterion]
    assert row["dpia_verdict"] == "recommended"
    assert row["dpia_triggers"] == []
    assert field in row["dpia_trail"]


def test_nine_criteria_are_wp248() -> None:
    assert len(WP248_CRITERIA) == 9
    assert [c.source for c in WP248_CRITERIA] == [f"WP248 criterion {i}" for i in range(1, 10)]


def test_none_and_two() -> None:
    assert screen()["dpia_verdict"] == "not_required"
    assert screen()["dpia_trail"] == "no CNIL list item and no WP248 criterion met"
    row = screen(profiling=True, dataset_matching=True)
    assert row["dpia_verdict"] == "required"
    assert row["dpia_criteria"] == ["evaluation_scoring", "matching"]


@pytest.mark.parametrize(
    ("changes", "trigger"),
    [
        ({"profiling": True, "automated_decision": True}, "35(3)(a)"),
        ({"data_categories": ["health"], "art9_condition": "h", "subject_count": 12_000},
         "35(3)(b)"),
        ({"public_area_monitoring": True, "subject_count": 12_000}, "35(3)(c)"),
    ],
)
def test_art35_3_triggers_force_required(changes: dict, trigger: str) -> None:
    row = screen(**changes)
    assert trigger in row["dpia_triggers"]
    assert row["dpia_verdict"] == "required"
    assert f"GDPR Art. {trigger}" in row["dpia_trail"]


def test_large_scale_threshold_is_configurable() -> None:
    from rgpd_risk.assessment import RiskModel

    inv = make(subject_count=12_000)
    a = assess(inv, organisation=COMPLIANT_ORG, today=TODAY,
               model=RiskModel(dpia_large_scale_threshold=20_000))
    assert a.datasets["dpia_verdict"][0] == "not_required"
    b = assess(make(subject_count=None), organisation=COMPLIANT_ORG, today=TODAY,
               model=RiskModel(unknown_count_is_large=False))
    assert b.datasets["dpia_verdict"][0] == "not_required"
