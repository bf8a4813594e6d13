"""The remediation plan of the sample company, checked against what_if."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from rgpd_risk.assessment import assess
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import frame_from_records
from rgpd_risk.remediation import plan, what_if
from rgpd_risk.remediation.plan import PLAN_COLUMNS
from rgpd_risk.report.figures import plan_figure

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
    # every breach the plan leaves is one whose action it reports as left out (points of
    # attention weigh nothing in the benefit)
    left = p.final.assessment.findings.filter(pl.col("kind") == "breach")
    assert set(left["action"].to_list()) <= set(p.left_out)
    assert p.final.portfolio["findings_total"] < p.baseline.portfolio["findings_total"] / 3
    # the exposure never goes to zero (issue 13): a control may still find what the register
    # does not show (the base rate)
    assert 0.0 < p.final.portfolio["expected_exposure"] < p.baseline.portfolio["expected_exposure"]
    # one enforcement process for the company: tens of thousands a year, not EUR 381 k
    assert 10_000 < p.baseline.portfolio["expected_exposure"] < 500_000
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
    removed = (sample_plan.baseline.portfolio["expected_exposure"]
               - sample_plan.final.portfolio["expected_exposure"])
    assert fig.data[0].y[-1] == pytest.approx(removed)
    assert "Effort" in fig.layout.xaxis.title.text
    assert plan_figure(sample_plan, "en").layout.title.text.startswith("Remediation plan")
    html = sample_plan._repr_html_()
    assert html.count("<tr>") == sample_plan.steps.height + 1
    d = sample_plan.to_dict()
    assert len(d["steps"]) == sample_plan.steps.height
    assert d["final"]["findings_total"] == sample_plan.final.portfolio["findings_total"]


def test_excel(sample_plan, tmp_path):
    from rgpd_risk.report.excel import write_plan

    out = write_plan(tmp_path / "plan.xlsx", sample_plan, "fr")
    import openpyxl

    ws = openpyxl.load_workbook(out)["plan"]
    header = [c.value for c in ws[1]]
    assert ws.max_row == sample_plan.steps.height + 1
    assert ws.cell(2, header.index("label") + 1).value == sample_plan.steps["label_fr"][0]


def test_sample_plan_is_in_legal_first_order(sample_plan):
    """Bands in rank order; what the review found misplaced is where a DPO expects it."""
    from rgpd_risk.remediation import default_catalogue

    s = sample_plan.steps
    ranks = s["band_rank"].to_list()
    # a prerequisite may come early for the action that needs it; otherwise ranks never go down
    main = s.filter(pl.col("prerequisite_of").is_null())["band_rank"].to_list()
    assert main == sorted(main), ranks
    actions = sample_plan.actions
    if "enable_data_export" in actions:  # portability last (when Art. 20 is still a finding)
        assert actions[-1] == "enable_data_export"
    # (children's consent, Art. 8, is the controller's duty: on the sample's processor rows it
    # is the client's, so the plan may not have it)
    if "collect_parental_consent" in actions:
        assert actions.index("collect_parental_consent") < len(actions) // 2
    assert actions.index("sign_processor_contracts") < actions.index("carry_out_dpia")
    assert actions.index("set_breach_procedure") < actions.index("secure_internet_exposure")
    first = default_catalogue().band_of(actions[0]).key
    assert first == "stop_unlawful"
    # every step has an owner, a horizon and labels in both languages
    assert s["owner"].null_count() == 0 and s["horizon"].is_in(["0-30", "30-90", "90-180"]).all()
    assert (s["owner_label_fr"].str.len_chars() > 0).all()
    assert set(s.filter(pl.col("band") == "stop_unlawful")["horizon"].to_list()) <= {"0-30", "30-90"}
    assert s["horizon"][0] == "0-30"


def test_rationale_is_printed_in_both_languages(sample_plan):
    fr, en = sample_plan.rationale("fr"), sample_plan.rationale("en")
    bands = sample_plan.steps["band"].n_unique()
    assert len(fr) == len(en) == bands + 1
    assert fr[1].startswith("1. Faire cesser ce qui est illicite")
    from rgpd_risk.remediation import default_catalogue

    last = default_catalogue().bands[sample_plan.steps["band"][-1]]
    assert fr[-1].startswith(f"{len(fr) - 1}. {last.label_fr} (")
    assert en[-1].startswith(f"{len(en) - 1}. {last.label_en} (")
    with pytest.raises(ValueError):
        sample_plan.rationale("de")


def test_training_effort_scales_with_staff(sample_inventory):
    org = sample_inventory.organisation
    big = plan(sample_inventory, today=TODAY, n_draws=2_000, screening_draws=1_000)
    small = plan(sample_inventory, organisation=org.model_copy(update={"employees": 20}),
                 today=TODAY, n_draws=2_000, screening_draws=1_000)

    def days(p):
        return p.steps.filter(pl.col("action") == "train_staff")["effort_days"].item()

    assert days(big) == pytest.approx(4 + 0.125 * org.employees)
    assert days(small) == pytest.approx(4 + 0.125 * 20)


def test_residual_maps_are_after_the_plan(sample_plan):
    from rgpd_risk.assessment.config import FEARED_EVENTS

    base = sample_plan.baseline.assessment.datasets
    after = sample_plan.residual_datasets()
    assert after.columns == base.columns and after.height == base.height
    lk = [f"{ev}_likelihood" for ev in FEARED_EVENTS]
    before = base.select(pl.sum_horizontal(lk)).to_series().sum()
    residual = after.select(pl.sum_horizontal([f"{c}_residual" for c in lk])).to_series().sum()
    assert residual < before  # the plan's measures lower likelihoods
    # never above the initial level, dataset by dataset
    for c in lk:
        assert (after[f"{c}_residual"] <= after[c]).all()
    # initial columns untouched
    assert after.select(lk).equals(base.select(lk))
