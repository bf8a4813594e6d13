"""Summary frames agree with the inventory and the library's results."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import rgpd_risk
from rgpd_risk import pipeline, taxonomy
from rgpd_risk.report import views

TODAY = dt.date(2026, 6, 2)


@pytest.fixture(scope="module")
def inv(sample_inventory):
    return rgpd_risk.load_inventory(sample_inventory)


@pytest.fixture(scope="module")
def run(inv):
    return pipeline.run(inv, today=TODAY, seed=0)


@pytest.fixture(scope="module")
def assessment(run):
    return run.assessment


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


@pytest.fixture(scope="module")
def exposure(run):
    return run.exposure


@pytest.fixture(scope="module")
def plan(run):
    return run.plan


def test_heatmap_per_event_counts_every_dataset(assessment):
    maps = views.event_heatmaps(assessment.datasets)
    assert len(maps) == 6
    for (event, residual), counts in maps.items():
        assert counts["n"].sum() == assessment.datasets.height
        col = f"{event}_severity{'_residual' if residual else ''}"
        top = assessment.datasets[col].max()
        assert counts.filter(pl.col("severity") == top)["n"].sum() == (assessment.datasets[col] == top).sum()


def test_exposure_is_fine_exposure(assessment, exposure):
    """One source of truth: the reports' exposure is rgpd_risk.fine_exposure with the same seed."""
    ref = rgpd_risk.fine_exposure(assessment, seed=0)
    assert exposure.portfolio.equals(ref.portfolio)
    assert exposure.datasets.equals(ref.datasets)
    assert exposure.exceedance.equals(ref.exceedance)
    assert not hasattr(views, "exposure_cases") and not hasattr(views, "simulate_or_none")


def test_board_figures(inv, assessment, exposure):
    from rgpd_risk.exposure import legal_maximum

    fig = views.board_figures(inv, assessment, exposure)
    s = rgpd_risk.fine_exposure(assessment, seed=0).summary()
    assert fig["datasets"] == 61
    assert fig["legal_maximum"] == s["statutory_ceiling"]
    assert fig["legal_maximum_83_5"] == legal_maximum("83(5)", inv.organisation.turnover_eur)
    assert (fig["p50"], fig["p90"], fig["expected_cost"]) == (s["p50"], s["p90"], s["expected_cost"])
    assert 0 <= fig["p50"] <= fig["p90"]
    assert fig["high_risks"] == assessment.datasets["risk_level"].is_in(["high", "critical"]).sum()


def test_top_risks_and_exposure_by_dataset_come_from_fine_exposure(assessment, exposure):
    top = views.top_risks(assessment, "en", exposure=exposure, p90=True)
    first = assessment.datasets.sort(["risk_score", "dataset_id"], descending=[True, False])["dataset_id"][0]
    row = exposure.datasets.filter(pl.col("dataset_id") == first).row(0, named=True)
    assert top["Expected cost"][0] == row["expected_cost"] and top["P90 (one year)"][0] == row["p90"]
    by = views.exposure_by_dataset(None, assessment, exposure, "en", n=5)
    ranked = exposure.datasets.filter(pl.col("n_findings") > 0).sort(
        ["expected_cost", "dataset_id"], descending=[True, False]).head(5)
    assert by["Expected cost"].to_list() == ranked["expected_cost"].to_list()
    assert by["P90 (one year)"].to_list() == ranked["p90"].to_list()


def test_plan_is_rgpd_risk_plan(inv, assessment, plan):
    ref = rgpd_risk.plan(assessment, inventory=inv, seed=0)  # sample: full draws, as the default
    assert plan.steps.equals(ref.steps)
    assert plan.baseline.portfolio["expected_exposure"] == pytest.approx(
        rgpd_risk.fine_exposure(assessment, seed=0).summary()["expected_cost"])


def test_plan_framed_by_the_six_seed_actions(assessment, plan):
    from rgpd_risk.remediation import SEED_ACTIONS, seed_action_label

    view = views.plan_by_seed_action(plan, "fr", findings=assessment.findings)
    assert view.height == 6
    assert view[:, 0].to_list() == [seed_action_label(n, "fr") for n in SEED_ACTIONS]
    assert view["Constats"].sum() == assessment.findings.height
    removed = plan.baseline.portfolio["expected_exposure"] - plan.final.portfolio["expected_exposure"]
    assert view["Exposition attendue supprimée"].sum() == pytest.approx(removed)
    assert view["Effort (j·h)"].sum() == pytest.approx(plan.effort_days)
    short = views.plan_by_seed_action(plan, "en", max_actions=1)
    assert all(s == "—" or " · " not in s for s in short[:, 1].to_list())
    steps = views.plan_steps_view(plan, "en", n=3)
    assert steps.height == 3
    assert steps["Expected exposure left"].to_list() == plan.steps["remaining_expected_exposure"].head(3).to_list()


def test_every_rule_action_maps_to_a_seed_action():
    assessment_mod = pytest.importorskip("rgpd_risk.assessment")
    from rgpd_risk.remediation import seed_action_of

    actions = set(assessment_mod.rules_table()["action"].to_list())
    assert actions - set(seed_action_of()) == set()


def test_plan_draws_shrink_only_for_large_inventories(assessment):
    assert pipeline.plan_draws(assessment) == 20_000

    class Big:
        findings = pl.DataFrame({"dataset_id": [str(i) for i in range(100_000)]})

    assert pipeline.plan_draws(Big()) == 1_000


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_findings_view_names_the_remediation_action(assessment, lang):
    from rgpd_risk.remediation import default_catalogue
    from rgpd_risk.report.i18n import t

    view = views.findings_view(assessment, lang)
    assert view.height == assessment.findings.height
    expected = sorted(default_catalogue().labels(lang)[k] for k in assessment.findings["action"])
    assert sorted(view[t("action", lang)].to_list()) == expected


def test_findings_by_article_and_tier(assessment):
    view = views.findings_by_article(assessment.findings, "en")
    assert set(view.columns[1:-1]) == {f"Art. {t}" for t in assessment.findings["tier"].unique()}
    assert (view.select(pl.sum_horizontal(view.columns[1:-1]))[:, 0] == view["Findings"]).all()
    exploded = assessment.findings.explode("articles").drop_nulls("articles")
    assert view["Findings"].sum() == exploded.height
    tiers = views.findings_by_tier(assessment.findings, "en")
    assert tiers["Findings"].sum() == assessment.findings.height


def test_dpia_screening_and_breach_drill(inv, assessment):
    d = assessment.datasets
    verdicts = views.dpia_verdicts(inv, d, "en")
    assert verdicts["Datasets"].sum() == d.height
    screening = views.dpia_screening_view(inv, d, "en")
    assert screening.height == d.height and screening["Trail (criteria met)"].null_count() == 0
    missing = views.missing_dpia(inv, d).height
    assert screening.head(missing)["DPIA screening"].unique().to_list() == ["DPIA required"]
    assert not screening.head(missing)["DPIA carried out"].any()
    drill = views.breach_drill_view(d, "en")
    assert drill.height == d.height and drill["SE"].is_sorted(descending=True)
    assert drill["Notify the authority (Art. 33)"].sum() == d["notify_authority"].sum()


def test_focus_dataset_waterfall_and_edpb_steps(assessment, exposure):
    focus = views.focus_dataset_id(assessment)
    assert focus == assessment.datasets.sort("risk_score", descending=True)["dataset_id"][0]
    assert views.focus_dataset_id(assessment, "crm-clients") == "crm-clients"
    with pytest.raises(ValueError, match="not a dataset_id"):
        views.focus_dataset_id(assessment, "nope")
    parts = views.contributions_view(assessment, focus, "fr")
    score = assessment.datasets.filter(pl.col("dataset_id") == focus)["risk_score"][0]
    assert parts[:, 1].sum() == pytest.approx(score)
    calc = views.edpb_steps(exposure, focus)
    row = exposure.datasets.filter(pl.col("dataset_id") == focus).row(0, named=True)
    ref = rgpd_risk.calculate_fine(row["tier"], assessment.organisation.turnover_eur, row["seriousness"])
    assert calc.final_amount == ref.final_amount
    steps = views.edpb_steps_view(calc, "fr")
    assert steps.height == 5 and steps["Intitulé"].to_list() == [s.title_fr for s in calc.steps]
    assert steps["Montant"].to_list()[-1] == calc.final_amount


def test_trend_view_without_and_with_previous():
    cur = {"datasets": 12, "high_risks": 3, "p50": 1000.0}
    assert views.trend_view(cur, None, "en")["Change"].to_list()[0] == "—"
    changed = views.trend_view(cur, {"datasets": 10, "high_risks": 4, "p50": 500.0}, "en")
    assert changed["Change"].to_list()[:2] == ["+2", "-1"]
