"""The remediation plan of the sample company, checked against what_if."""

from __future__ import annotations

import time
from datetime import date

import polars as pl
import pytest

from rgpd_risk.assessment import assess
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import frame_from_records
from rgpd_risk.remediation import plan, plan_figure, what_if
from rgpd_risk.remediation.plan import PLAN_COLUMNS

TODAY = date(2026, 12, 1)  # as in conftest.py


def test_last_step_equals_what_if_of_all_actions(sample_inventory, sample_plan):
    p = sample_plan
    c = what_if(sample_inventory, p.actions, today=TODAY, seed=p.seed, n_draws=p.n_draws)
    last = p.steps.row(-1, named=True)
    after = c.after.portfolio
    assert last["remaining_expected_exposure"] == after["expected_exposure"]
    assert last["remaining_p90_exposure"] == after["p90_exposure"]
    assert last["remaining_risk_total"] == pytest.approx(after["risk_score_total"], abs=1e-9)
    assert last["remaining_findings"] == after["findings_total"]
    assert p.effort_days == pytest.approx(c.effort_days)
    assert p.cost_eur == pytest.approx(c.cost_eur)


def test_an_intermediate_step_equals_what_if_of_its_prefix(sample_inventory, sample_plan):
    k = 5
    c = what_if(sample_inventory, sample_plan.actions[:k], today=TODAY)
    row = sample_plan.steps.row(k - 1, named=True)
    assert row["remaining_expected_exposure"] == c.after.portfolio["expected_exposure"]
    assert row["remaining_risk_total"] == pytest.approx(c.after.portfolio["risk_score_total"])


def test_sample_plan_reads_like_advice(sample_plan):
    p = sample_plan
    assert p.steps.schema == pl.Schema(PLAN_COLUMNS)
    assert p.steps["step"].to_list() == list(range(1, p.steps.height + 1))
    assert p.steps.height >= 15
    # every finding of the sample is dealt with, the exposure goes to zero
    assert p.final.portfolio["findings_total"] == 0
    assert p.final.portfolio["expected_exposure"] == 0.0
    assert p.baseline.portfolio["expected_exposure"] > 300_000
    # cumulative columns add up and the remaining risk never goes up
    assert p.steps["cumulative_effort_days"][-1] == pytest.approx(p.steps["effort_days"].sum())
    assert p.steps["remaining_risk_total"].diff().drop_nulls().max() <= 1e-9
    # cheap, serious quick wins first: the first three steps cost at most 10 person-days each
    assert (p.steps["effort_days"].head(3) <= 10).all()
    assert set(p.steps["seed_action"].to_list()) >= {1, 3, 4, 5, 6}
    fr, en = p.advice("fr"), p.advice("en")
    assert len(fr) == len(en) == p.steps.height
    assert fr[0].startswith("1. ") and "j·h" in fr[0] and "exposition attendue" in fr[0]
    assert en[0].startswith("1. ") and "person-days" in en[0] and "expected exposure" in en[0]
    assert p.to_frame("fr")["label"][0] == p.steps["label_fr"][0]
    assert p.to_frame("en")["seed_action_label"][0].startswith(str(p.steps["seed_action"][0]))


def test_budget_is_respected(sample_inventory):
    p = plan(sample_inventory, 20, today=TODAY, n_draws=5_000)
    assert 0 < p.effort_days <= 20
    assert p.steps["cumulative_effort_days"].max() <= 20
    assert len(p.left_out) > 0


def test_dpo_is_appointed_before_the_dpias(sample_inventory):
    org = sample_inventory.organisation.model_copy(update={"dpo_designated": False})
    p = plan(sample_inventory, organisation=org, today=TODAY, n_draws=5_000)
    actions = p.actions
    assert actions.index("designate_dpo") == actions.index("carry_out_dpia") - 1
    assert p.steps.filter(pl.col("action") == "designate_dpo")["prerequisite_of"].item() \
        == "carry_out_dpia"


def test_plan_accepts_an_assessment():
    f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["contact"],
                             "legal_basis": "consent", "subject_count": 10}])
    org = Organisation(name="Acme", turnover_eur=1e6)
    a = assess(f, organisation=org, today=TODAY)
    from_assessment = plan(a, n_draws=2_000)
    from_frame = plan(f, organisation=org, today=TODAY, n_draws=2_000)
    assert from_assessment.steps.equals(from_frame.steps)


def test_figure_html_and_dict(sample_plan):
    fig = plan_figure(sample_plan, "fr")
    assert len(fig.data) == 2
    assert fig.data[0].y[-1] == pytest.approx(sample_plan.baseline.portfolio["expected_exposure"])
    assert "Effort" in fig.layout.xaxis.title.text
    assert plan_figure(sample_plan, "en").layout.title.text.startswith("Remediation plan")
    html = sample_plan._repr_html_()
    assert html.count("<tr>") == sample_plan.steps.height + 1
    d = sample_plan.to_dict()
    assert len(d["steps"]) == sample_plan.steps.height and d["final"]["findings_total"] == 0


def test_plan_is_affordable_on_the_sample(sample_inventory):
    t0 = time.perf_counter()
    plan(sample_inventory, today=TODAY)
    elapsed = time.perf_counter() - t0
    assert elapsed < 30, f"plan took {elapsed:.1f} s on the sample"


def test_excel(sample_plan, tmp_path):
    from rgpd_risk.report.excel import write_plan

    out = write_plan(tmp_path / "plan.xlsx", sample_plan, "fr")
    import openpyxl

    ws = openpyxl.load_workbook(out)["plan"]
    header = [c.value for c in ws[1]]
    assert ws.max_row == sample_plan.steps.height + 1
    assert ws.cell(2, header.index("label") + 1).value == sample_plan.steps["label_fr"][0]
