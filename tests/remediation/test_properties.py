"""Hypothesis properties of remediation (conventions.md: invariants).

* an action never increases any dataset's risk score, finding count or CNIL residual
  likelihood, nor the portfolio's expected fine exposure;
* applying an action twice equals applying it once; the order of the actions is irrelevant;
* the plan's cumulative effect equals :func:`what_if` of all its actions (same seed).
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rgpd_risk.assessment import FEARED_EVENTS
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.synthetic import synthetic_inventory
from rgpd_risk.remediation import default_catalogue, plan, what_if

TODAY = date(2026, 12, 1)
KEYS = list(default_catalogue().keys)
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

organisations = st.builds(
    Organisation, name=st.just("Acme"),
    turnover_eur=st.one_of(st.none(), st.floats(1e5, 5e9)),
    dpo_designated=st.booleans(), breach_procedure=st.booleans(),
    core_special_categories=st.booleans())


@st.composite
def inventories(draw, max_n: int = 10) -> Inventory:
    frame = synthetic_inventory(draw(st.integers(1, max_n)), seed=draw(st.integers(0, 10_000)))
    return Inventory(frame, draw(organisations))


action_lists = st.lists(st.sampled_from(KEYS), min_size=1, max_size=4)


@SETTINGS
@given(inv=inventories(), actions=action_lists, seed=st.integers(0, 3))
def test_actions_never_raise_a_risk(inv, actions, seed):
    c = what_if(inv, actions, today=TODAY, seed=seed, n_draws=2_000)
    d = c.datasets
    assert d["risk_score_delta"].max() <= 1e-9
    assert d["findings_total_delta"].max() <= 0
    for ev in FEARED_EVENTS:
        assert d[f"{ev}_likelihood_residual_delta"].max() <= 0
    b, a = c.before.portfolio, c.after.portfolio
    assert a["findings_total"] <= b["findings_total"]
    assert a["risk_score_total"] <= b["risk_score_total"] + 1e-9
    if b["expected_exposure"] is not None:
        assert a["expected_exposure"] <= b["expected_exposure"] + 1e-6


@SETTINGS
@given(inv=inventories(), key=st.sampled_from(KEYS))
def test_applying_twice_equals_once(inv, key):
    once = what_if(inv, [key], today=TODAY, n_draws=500)
    twice = what_if(inv, [key, key], today=TODAY, n_draws=500)
    assert once.inventory.frame.equals(twice.inventory.frame)
    assert once.inventory.organisation == twice.inventory.organisation
    assert once.portfolio.equals(twice.portfolio)
    assert twice.actions[1].changed is False
    # and re-applying to the result (re-assessed) changes nothing either
    again = what_if(once.inventory, [key], today=TODAY, n_draws=500)
    assert again.inventory.frame.equals(once.inventory.frame)
    assert not again.actions[0].changed


@SETTINGS
@given(inv=inventories(), actions=st.lists(st.sampled_from(KEYS), min_size=2, max_size=6,
                                           unique=True))
def test_order_of_actions_does_not_matter(inv, actions):
    fwd = what_if(inv, actions, today=TODAY, n_draws=500)
    rev = what_if(inv, actions[::-1], today=TODAY, n_draws=500)
    assert fwd.inventory.frame.equals(rev.inventory.frame)
    assert fwd.inventory.organisation == rev.inventory.organisation


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inv=inventories(max_n=6), seed=st.integers(0, 5),
       budget=st.one_of(st.none(), st.floats(1, 40)))
def test_plan_cumulative_equals_what_if_of_all_actions(inv, seed, budget):
    p = plan(inv, budget, today=TODAY, seed=seed, n_draws=1_000)
    c = what_if(inv, p.actions, today=TODAY, seed=seed, n_draws=1_000)
    if p.steps.height == 0:
        assert c.after.portfolio == c.before.portfolio
        return
    last = p.steps.row(-1, named=True)
    assert last["remaining_risk_total"] == pytest.approx(c.after.portfolio["risk_score_total"],
                                                         abs=1e-9)
    assert last["remaining_findings"] == c.after.portfolio["findings_total"]
    assert last["remaining_expected_exposure"] == c.after.portfolio["expected_exposure"]
    assert last["remaining_p90_exposure"] == c.after.portfolio["p90_exposure"]
    assert last["cumulative_effort_days"] == pytest.approx(c.effort_days)
    if budget is not None:
        assert last["cumulative_effort_days"] <= budget + 1e-9


def test_results_do_not_depend_on_row_order(sample_inventory):
    shuffled = Inventory(sample_inventory.frame.sample(fraction=1.0, shuffle=True, seed=3),
                         sample_inventory.organisation)
    a = what_if(sample_inventory, ["carry_out_dpia", "purge_expired_records"], today=TODAY,
                n_draws=2_000)
    b = what_if(shuffled, ["carry_out_dpia", "purge_expired_records"], today=TODAY,
                n_draws=2_000)
    sort = ["dataset_id"]
    cols = [c for c in a.datasets.columns if not c.startswith(("expected", "p90"))]
    assert a.datasets.select(cols).sort(sort).equals(b.datasets.select(cols).sort(sort))
    assert a.portfolio.filter(pl.col("metric") == "risk_score_total")["after"].item() == \
        pytest.approx(b.portfolio.filter(pl.col("metric") == "risk_score_total")["after"].item())
