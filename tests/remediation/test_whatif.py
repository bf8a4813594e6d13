"""what_if on the sample company and on small hand-made inventories."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import frame_from_records
from rgpd_risk.remediation import default_catalogue, what_if

TODAY = date(2026, 12, 1)  # as in conftest.py

ORG = Organisation(name="Acme", turnover_eur=4e7, dpo_designated=True)


def _codes(comparison, when: str) -> pl.DataFrame:
    snap = getattr(comparison, when)
    return snap.assessment.findings.select("dataset_id", "code")


def test_single_action_touches_only_datasets_with_its_finding(sample_inventory):
    c = what_if(sample_inventory, ["purge_expired_records"], today=TODAY, n_draws=5_000)
    # ART29_KEPT_BEYOND_INSTRUCTIONS: the same overrun on rows run for a client (issue #12)
    before = _codes(c, "before").filter(
        pl.col("code").is_in(["ART5_1_E_KEPT_TOO_LONG", "ART29_KEPT_BEYOND_INSTRUCTIONS"]))
    (applied,) = c.actions
    assert sorted(applied.datasets) == sorted(before["dataset_id"].to_list())
    assert applied.n_datasets == 9
    assert "ART5_1_E_KEPT_TOO_LONG" not in _codes(c, "after")["code"].to_list()
    changed = c.datasets.filter(pl.col("changed"))
    assert changed.height == 9
    unchanged = c.datasets.filter(~pl.col("changed"))
    assert (unchanged["risk_score_delta"] == 0).all()
    assert (changed["risk_score_delta"] < 0).all()
    # the input inventory is not modified
    assert sample_inventory.frame.equals(sample_inventory.frame.clone())
    assert c.inventory.frame.height == sample_inventory.frame.height


def test_restricting_to_dataset_ids(sample_inventory):
    all_ = what_if(sample_inventory, ["encrypt_and_restrict"], today=TODAY, n_draws=2_000)
    some_id = all_.actions[0].datasets[0]
    one = what_if(sample_inventory, [("encrypt_and_restrict", [some_id, "no-such-id"])],
                  today=TODAY, n_draws=2_000)
    assert one.actions[0].datasets == (some_id,)
    assert one.effort_days < all_.effort_days
    row = one.inventory.frame.filter(pl.col("dataset_id") == some_id)
    assert {"encryption_at_rest", "access_control"} <= set(row["security_measures"][0])


def test_all_actions_clear_every_finding_of_the_sample(sample_inventory):
    c = what_if(sample_inventory, list(default_catalogue().keys), today=TODAY, n_draws=5_000)
    p = {r["metric"]: r for r in c.portfolio.iter_rows(named=True)}
    # what is left are points of attention only: every breach has its catalogue action
    left = c.after.assessment.findings
    assert left.filter(pl.col("kind") == "breach").is_empty()
    assert p["findings_total"]["after"] == 0
    assert p["expected_exposure"]["before"] > 10_000
    # never "0" (issue 13): what a control may find beyond the register remains
    assert 0.0 < p["expected_exposure"]["after"] < 0.01 * p["expected_exposure"]["before"]
    assert p["risk_score_total"]["delta"] < 0
    assert (c.datasets["risk_score_delta"] <= 1e-12).all()


def test_organisation_action_changes_the_profile_only(sample_inventory):
    c = what_if(sample_inventory, ["set_breach_procedure"], today=TODAY, n_draws=5_000)
    assert c.actions[0].organisation_changed and c.actions[0].datasets == ()
    assert c.inventory.organisation.breach_procedure is True
    assert sample_inventory.organisation.breach_procedure is False
    assert c.inventory.frame.equals(sample_inventory.frame)
    p = c.portfolio.filter(pl.col("metric") == "findings_organisation").row(0, named=True)
    # the sample also lacks the Art. 30(2) processor record (issue #12), another organisation finding
    assert (p["before"], p["after"]) == (2.0, 1.0)


def test_same_seed_same_numbers(sample_inventory):
    a = what_if(sample_inventory, ["carry_out_dpia"], today=TODAY, n_draws=3_000, seed=7)
    b = what_if(sample_inventory, ["carry_out_dpia"], today=TODAY, n_draws=3_000, seed=7)
    assert a.portfolio.equals(b.portfolio)
    assert a.datasets.equals(b.datasets)


def test_retention_and_access_effects():
    f = frame_from_records([
        {"dataset_id": "mail", "name": "Mailbox", "data_categories": ["contact"],
         "legal_basis": "legitimate_interests", "retention_text": "illimitée",
         "retention_status": "indefinite", "oldest_record_date": TODAY.replace(year=2010)},
        {"dataset_id": "crm", "name": "CRM", "data_categories": ["contact"],
         "legal_basis": "contract", "subject_count": 1000, "access_count": 400},
    ])
    c = what_if(f, ["set_retention_period", "restrict_access_need_to_know"], organisation=ORG,
                today=TODAY, n_draws=2_000)
    after = c.inventory.frame
    mail = after.filter(pl.col("dataset_id") == "mail").row(0, named=True)
    assert mail["retention_status"] == "parsed" and mail["retention_months"] == 36.0
    assert mail["oldest_record_date"] > TODAY.replace(year=2023)
    crm = after.filter(pl.col("dataset_id") == "crm").row(0, named=True)
    assert crm["access_count"] == 100  # 10 % of 1 000 people (RiskModel thresholds)
    codes = set(c.after.assessment.findings["code"].to_list())
    assert not codes & {"ART5_1_E_NO_RETENTION", "ART5_1_E_KEPT_TOO_LONG",
                        "ART5_1_C_EXCESSIVE_ACCESS"}


def test_without_organisation_no_fine_figures():
    f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["contact"]}])
    c = what_if(f, ["publish_privacy_notice"], today=TODAY)
    p = c.portfolio.filter(pl.col("metric") == "expected_exposure").row(0, named=True)
    assert p["before"] is None and p["after"] is None
    assert c.datasets["expected_before"].is_null().all()


def test_unknown_action_is_rejected():
    f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["contact"]}])
    with pytest.raises(KeyError, match="unknown remediation action"):
        what_if(f, ["make_it_compliant"], today=TODAY)


def test_outputs_are_plain_and_escaped():
    f = frame_from_records([{"dataset_id": "<script>x</script>", "name": "A",
                             "data_categories": ["health"], "subject_count": 50}])
    c = what_if(Inventory(f, ORG), ["encrypt_and_restrict"], today=TODAY, n_draws=1_000)
    html = c._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    d = c.to_dict()
    assert set(d) >= {"actions", "portfolio", "datasets", "seed", "effort_days"}
    assert d["portfolio"]["risk_score_total"]["delta"] < 0
    assert c.to_frame().height == 1
