"""Summary frames agree with the inventory and the library's results."""

from __future__ import annotations

import polars as pl
import pytest

import rgpd_risk
from rgpd_risk import taxonomy
from rgpd_risk.report import views


@pytest.fixture(scope="module")
def inv(sample_inventory):
    return rgpd_risk.load_inventory(sample_inventory)


@pytest.fixture(scope="module")
def assessment(inv):
    mod = pytest.importorskip("rgpd_risk.assessment")
    return mod.assess(inv)


def test_inventory_figures_match_the_frame(inv):
    f = views.inventory_figures(inv)
    assert f["datasets"] == inv.frame.height == 61
    assert f["people"] == inv.frame["subject_count"].sum()
    eea = taxonomy.eea_countries()
    transfers = sum(any(c not in eea for c in cs) for cs in inv.frame["third_countries"].to_list())
    assert f["transfer_datasets"] == transfers


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_category_counts(inv, lang):
    cats = views.categories_by_row(inv, lang)
    contact = taxonomy.categories().filter(pl.col("key") == "contact")[f"label_{lang}"][0]
    n = cats.filter(pl.col(cats.columns[1]) == contact)[cats.columns[2]][0]
    assert n == sum("contact" in c for c in inv.frame["data_categories"].to_list())


def test_legal_bases_sum_to_datasets(inv):
    assert views.legal_bases_view(inv, "en")["Datasets"].sum() == inv.frame.height


def test_retention_status_sum(inv):
    view = views.retention_status_view(inv, "fr")
    assert view.height == 5 and view[:, 1].sum() == inv.frame.height
    issues = views.retention_issues(inv, "en")
    assert issues.height == (inv.frame["retention_status"] != "parsed").sum()


def test_transfers_status(inv):
    view = views.transfers_view(inv, "en")
    status = dict(zip(view["Country"].to_list(), view["Status"].to_list(), strict=True))
    assert status["US"].startswith("Adequacy decision (partial")
    assert all(s != "EEA" for c, s in status.items() if c not in taxonomy.eea_countries())


def test_art30_completeness_shares(inv):
    filled = views.art30_filled(inv)
    comp = views.art30_completeness(inv, "en")
    assert comp.height == 7
    assert comp["Filled"].to_list()[1] == filled["b"].sum()
    assert 0 <= comp["Share"].min() and comp["Share"].max() <= 1
    assert views.art30_incomplete(inv, "en").height == filled.filter(
        ~pl.all_horizontal(pl.col(list("abcdefg")))).height


def test_art30_missing_fields_detected():
    frame = rgpd_risk.frame_from_records([{"dataset_id": "x", "name": "X", "data_categories": ["contact"]}])
    row = views.art30_filled(frame).row(0, named=True)
    assert row["b"] is False and row["g"] is False and row["e"] is True


def test_heatmap_counts_every_dataset(assessment):
    counts = views.heatmap_counts(assessment.datasets)
    assert counts["n"].sum() == assessment.datasets.height
    assert counts["severity"].is_between(1, 4).all() and counts["likelihood"].is_between(1, 4).all()


def test_plan_covers_every_finding(assessment):
    plan = views.plan_by_seed_action(assessment.findings, "fr")
    assert plan.height == 6
    assert plan[:, 1].sum() == assessment.findings.height


def test_exposure_cases_one_per_dataset_with_findings(assessment):
    cases = views.exposure_cases(assessment.findings)
    assert cases.height == assessment.findings["dataset_id"].n_unique()
    assert set(cases["tier"]) <= {"83(4)", "83(5)"}
    # the gravest tier wins
    ds = cases.filter(pl.col("tier") == "83(5)")["dataset_id"][0]
    assert "83(5)" in assessment.findings.filter(pl.col("dataset_id") == ds)["tier"].to_list()


def test_board_figures(inv, assessment):
    pytest.importorskip("rgpd_risk.exposure")
    from rgpd_risk.exposure import legal_maximum

    exposure = views.simulate_or_none(inv, assessment, seed=0, n_draws=2000)
    fig = views.board_figures(inv, assessment, exposure)
    assert fig["datasets"] == 61
    assert fig["legal_maximum"] == legal_maximum("83(5)", inv.organisation.turnover_eur)
    assert 0 <= fig["p50"] <= fig["p90"]
    assert fig["high_risks"] == assessment.datasets["risk_level"].is_in(["high", "critical"]).sum()


def test_trend_view_without_and_with_previous():
    cur = {"datasets": 12, "high_risks": 3, "p50": 1000.0}
    assert views.trend_view(cur, None, "en")["Change"].to_list()[0] == "—"
    changed = views.trend_view(cur, {"datasets": 10, "high_risks": 4, "p50": 500.0}, "en")
    assert changed["Change"].to_list()[:2] == ["+2", "-1"]
