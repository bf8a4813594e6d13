"""Exposure of an assessed inventory: per-dataset figures, Art. 83(3) grouping, portfolio,
determinism, monotonicity in turnover (common random numbers), speed."""

from __future__ import annotations

import datetime
import html
import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rgpd_risk import load_inventory
from rgpd_risk.assessment import assess
from rgpd_risk.exposure import DEFAULT_MODEL, legal_maximum, starting_range
from rgpd_risk.exposure.inventory import (
    INVENTORY_EXPOSURE_SCHEMA,
    PORTFOLIO_EXPOSURE_SCHEMA,
    InventoryExposure,
)
from rgpd_risk.exposure.inventory import (
    dataset_exposure as exposure,  # the superseded per-dataset model, kept for comparison
)
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.law import gravest_tier
from rgpd_risk.schemas import FINDINGS_SCHEMA, ORGANISATION_DATASET_ID

TODAY = datetime.date(2026, 11, 29)
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
QS = ("p50", "p90", "p95", "p99")


@pytest.fixture(scope="module")
def sample_assessment():  # type: ignore[no-untyped-def]
    inv = load_inventory(str(SAMPLE / "inventory.csv"))
    return assess(inv, today=TODAY)


@pytest.fixture(scope="module")
def sample_exposure(sample_assessment) -> InventoryExposure:  # type: ignore[no-untyped-def]
    return exposure(sample_assessment)


def _fined(findings: pl.DataFrame) -> pl.DataFrame:
    """The findings this per-dataset model prices: GDPR breaches (points of attention and
    LIL / CPCE / AI Act findings have no Art. 83 tier)."""
    return findings.filter((pl.col("kind") == "breach") & (pl.col("regime") == "GDPR"))


def _stub(rows: list[dict], ids: list[str], org: Organisation | None = None) -> SimpleNamespace:
    """A minimal assessment-like object: findings, datasets, organisation."""
    full = [{**{k: None for k in FINDINGS_SCHEMA}, "code": "X", **r} for r in rows]
    findings = pl.DataFrame(full, schema=FINDINGS_SCHEMA)
    return SimpleNamespace(findings=findings, datasets=pl.DataFrame({"dataset_id": ids}),
                           organisation=org)


# ----------------------------------------------------------------- the sample organisation


def test_sample_schema_rows_and_organisation_default(sample_assessment, sample_exposure) -> None:  # type: ignore[no-untyped-def]
    ie = sample_exposure
    assert dict(ie.datasets.schema) == INVENTORY_EXPOSURE_SCHEMA
    assert dict(ie.portfolio.schema) == PORTFOLIO_EXPOSURE_SCHEMA
    ids = sample_assessment.datasets["dataset_id"].to_list()
    assert ie.datasets["dataset_id"].to_list() == [*ids, ORGANISATION_DATASET_ID]
    assert ie.turnover_eur == sample_assessment.organisation.turnover_eur == 52e6
    assert ie.portfolio["organisation"][0] == "VisioLien Relation Client SAS"
    org = ie.datasets.filter(pl.col("scope") == "organisation")
    fined = _fined(sample_assessment.findings)
    org_codes = sorted(fined.filter(pl.col("dataset_id") == ORGANISATION_DATASET_ID)["code"])
    assert org.height == 1 and sorted(org["codes"][0].to_list()) == org_codes
    assert "ART33_NO_BREACH_PROCEDURE" in org_codes
    # one Art. 83(3) group per dataset with findings, plus the organisation, counted once
    with_findings = fined["dataset_id"].n_unique()
    assert ie.portfolio["n_groups"][0] == with_findings
    assert ie.datasets["group"].drop_nulls().n_unique() == with_findings


def test_sample_figures_are_sane(sample_exposure) -> None:  # type: ignore[no-untyped-def]
    ie = sample_exposure
    d = ie.datasets.filter(pl.col("n_findings") > 0)
    assert (d["p99"] <= d["legal_maximum"]).all()
    assert (d["expected_fine"] <= d["legal_maximum"]).all()
    for lo, hi in zip(QS, QS[1:], strict=False):
        assert (ie.datasets[lo] <= ie.datasets[hi]).all()
        assert ie.portfolio[lo][0] <= ie.portfolio[hi][0]
    p = ie.summary()
    assert p["expected_cost"] >= ie.datasets["expected_cost"].max() > 0
    # summed draws vs the sum of per-dataset means: same model, Monte-Carlo error only
    assert p["expected_cost"] == pytest.approx(ie.datasets["expected_cost"].sum(), rel=0.05)
    assert p["p99"] <= p["max_draw"] and 0 < p["p_any_fine"] < 1
    # 52 m turnover: static caps; the ceiling is the gravest tier present, 83(5)
    assert (p["statutory_ceiling"], p["statutory_ceiling_tier"]) == (20e6, "83(5)")
    lec = ie.exceedance
    assert lec["p_exceed"].is_sorted(descending=True)
    assert lec["p_exceed"][0] == pytest.approx(p["p_any_fine"])


def test_sample_datasets_without_findings_are_zero(sample_exposure) -> None:  # type: ignore[no-untyped-def]
    z = sample_exposure.datasets.filter(pl.col("n_findings") == 0)
    assert z.height > 0
    for c in ("p_enforcement", "expected_fine", "expected_cost", "expected_annual_cost", *QS):
        assert (z[c] == 0).all(), c
    assert z["tier"].is_null().all() and z["legal_maximum"].is_null().all()


def test_sample_tier_seriousness_and_edpb_range(sample_assessment, sample_exposure) -> None:  # type: ignore[no-untyped-def]
    order = {"low": 0, "medium": 1, "high": 2}
    f = _fined(sample_assessment.findings)
    for r in sample_exposure.datasets.filter(pl.col("n_findings") > 0).iter_rows(named=True):
        mine = f.filter(pl.col("dataset_id") == r["dataset_id"])
        assert r["n_findings"] == mine.height
        assert r["tier"] == gravest_tier(mine["tier"].to_list())
        assert r["seriousness"] == max(mine["seriousness"].to_list(), key=order.__getitem__)
        assert r["legal_maximum"] == legal_maximum(r["tier"], 52e6)
        assert (r["starting_low"], r["starting_high"]) == starting_range(
            r["tier"], 52e6, r["seriousness"])
        assert r["p_enforcement"] == DEFAULT_MODEL.p_enforcement[r["seriousness"]]
    # the EDPB annex check cell: 83(5), 50-100 m, medium -> EUR 160 000 - 800 000
    cell = sample_exposure.datasets.filter((pl.col("tier") == "83(5)")
                                           & (pl.col("seriousness") == "medium"))
    assert cell.height and cell.select("starting_low", "starting_high").row(0) == (160e3, 800e3)


def test_same_seed_identical_other_seed_differs(sample_assessment) -> None:  # type: ignore[no-untyped-def]
    a = exposure(sample_assessment, n_draws=5_000, seed=11)
    b = exposure(sample_assessment, n_draws=5_000, seed=11)
    c = exposure(sample_assessment, n_draws=5_000, seed=12)
    assert a.draws.tobytes() == b.draws.tobytes()
    assert a.datasets.equals(b.datasets) and a.portfolio.equals(b.portfolio)
    assert a.exceedance.equals(b.exceedance)
    assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())
    assert a.draws.tobytes() != c.draws.tobytes()
    assert not a.portfolio.equals(c.portfolio)
    assert not a.draws.flags.writeable


def test_to_dict_json_and_html_escaped(sample_assessment) -> None:  # type: ignore[no-untyped-def]
    org = Organisation(name="<script>alert(1)</script> & Co", turnover_eur=3e9)
    ie = exposure(sample_assessment, organisation=org, n_draws=2_000)
    d = json.loads(json.dumps(ie.to_dict()))
    assert set(d) == {"settings", "portfolio", "datasets", "exceedance"}
    assert d["settings"]["turnover_eur"] == 3e9 and d["portfolio"]["statutory_ceiling"] == 120e6
    assert len(d["datasets"]) == ie.datasets.height
    page = ie._repr_html_()
    assert "<script>" not in page and html.escape(org.name) in page
    assert ie.to_frame() is ie.datasets


# ----------------------------------------------------------------- organisation and turnover


def test_organisation_required_and_non_undertaking() -> None:
    stub = _stub([{"dataset_id": "a", "tier": "83(5)", "seriousness": "high"}], ["a", "b"])
    with pytest.raises(ValueError, match="no organisation"):
        exposure(stub)
    ie = exposure(stub, organisation=Organisation(name="Mairie", turnover_eur=None),
                  n_draws=1_000)
    assert ie.turnover_eur is None
    assert ie.datasets["legal_maximum"].to_list() == [20e6, None]
    assert ie.portfolio["statutory_ceiling"][0] == 20e6
    # no size adjustment without a turnover: the plain seriousness band
    assert ie.datasets.select("starting_low", "starting_high").row(0) == (4e6, 20e6)


def test_art_83_3_one_group_per_dataset_org_counted_once() -> None:
    rows = [
        {"dataset_id": "a", "code": "R1", "tier": "83(4)", "seriousness": "high"},
        {"dataset_id": "a", "code": "R2", "tier": "83(4)", "seriousness": "low"},
        {"dataset_id": "a", "code": "R3", "tier": "83(5)", "seriousness": "low"},
        {"dataset_id": "b", "code": "R1", "tier": "83(4)", "seriousness": "medium"},
        {"dataset_id": ORGANISATION_DATASET_ID, "code": "ORG1", "tier": "83(4)",
         "seriousness": "high"},
        {"dataset_id": ORGANISATION_DATASET_ID, "code": "ORG2", "tier": "83(4)",
         "seriousness": "medium"},
    ]
    certain = replace(DEFAULT_MODEL, p_enforcement={"low": 1.0, "medium": 1.0, "high": 1.0},
                      step5_probability=0.0, step3_mean=0.5, step3_sd=0.0)
    ie = exposure(_stub(rows, ["a", "b", "c"], Organisation(name="X", turnover_eur=None)),
                  n_draws=4_000, model=certain)
    d = {r["dataset_id"]: r for r in ie.datasets.iter_rows(named=True)}
    assert list(d) == ["a", "b", "c", ORGANISATION_DATASET_ID]
    # gravest tier 83(5) and highest seriousness (high, from an 83(4) finding): one decision
    assert (d["a"]["tier"], d["a"]["seriousness"], d["a"]["n_findings"]) == ("83(5)", "high", 3)
    assert d["a"]["codes"] == ["R1", "R2", "R3"]
    assert d[ORGANISATION_DATASET_ID]["n_findings"] == 2
    assert ie.portfolio["n_groups"][0] == 3 and ie.portfolio["n_organisation_findings"][0] == 2
    assert ie.portfolio["n_datasets"][0] == 3 and ie.portfolio["n_datasets_with_findings"][0] == 2
    # every group is fined in every draw, each capped at its own maximum
    assert ie.portfolio["p_any_fine"][0] == 1.0
    assert ie.draws.max() <= 20e6 + 10e6 + 10e6
    assert (ie.datasets.filter(pl.col("n_findings") > 0)["p99"]
            <= ie.datasets.filter(pl.col("n_findings") > 0)["legal_maximum"]).all()


def test_no_findings_at_all() -> None:
    ie = exposure(_stub([], ["a", "b"], Organisation(name="Clean", turnover_eur=1e6)),
                  n_draws=500)
    assert ie.datasets.height == 2 and (ie.datasets["expected_cost"] == 0).all()
    p = ie.summary()
    assert p["expected_cost"] == 0 and p["p99"] == 0 and p["statutory_ceiling"] is None
    assert "Clean" in ie._repr_html_()


@pytest.mark.parametrize(("field", "value", "match"), [
    ("tier", "83(9)", "tier"),
    ("seriousness", "huge", "seriousness"),
])
def test_bad_findings_are_reported(field: str, value: str, match: str) -> None:
    row = {"dataset_id": "a", "tier": "83(5)", "seriousness": "low", field: value}
    with pytest.raises(ValueError, match=match):
        exposure(_stub([row], ["a"], Organisation(name="X")), n_draws=10)


def test_settings_are_validated(sample_assessment) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="n_draws"):
        exposure(sample_assessment, n_draws=0)
    with pytest.raises(ValueError, match="horizon"):
        exposure(sample_assessment, horizon_years=0)
    one = exposure(sample_assessment, n_draws=4_000)
    five = exposure(sample_assessment, n_draws=4_000, horizon_years=5)
    assert five.portfolio["expected_cost"][0] > one.portfolio["expected_cost"][0]
    assert five.portfolio["expected_annual_cost"][0] == pytest.approx(
        five.portfolio["expected_cost"][0] / 5)


# ----------------------------------------------------------------- monotone in turnover

_EDGES = [0.0, 2e6, 2e6 + 1, 10e6, 10e6 + 1, 50e6, 50e6 + 1, 100e6, 100e6 + 1, 250e6,
          250e6 + 1, 500e6, 500e6 + 1, 1e9, 1e11]
_TURNOVER = st.sampled_from(_EDGES) | st.floats(0, 1e12, allow_nan=False)


@given(_TURNOVER, _TURNOVER, st.integers(0, 2**32 - 1))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_exposure_never_decreases_when_turnover_grows(sample_assessment, t1: float, t2: float,
                                                      seed: int) -> None:  # type: ignore[no-untyped-def]
    lo, hi = sorted((t1, t2))
    a = exposure(sample_assessment, organisation=Organisation(name="x", turnover_eur=lo),
                 n_draws=1_000, seed=seed)
    b = exposure(sample_assessment, organisation=Organisation(name="x", turnover_eur=hi),
                 n_draws=1_000, seed=seed)
    # common random numbers: every draw, hence every figure, is monotone — no tolerance
    assert (a.draws <= b.draws).all()
    for c in ("legal_maximum", "starting_low", "starting_high", "expected_fine",
              "expected_cost", *QS):
        x, y = a.datasets[c].fill_null(0), b.datasets[c].fill_null(0)
        assert (x <= y).all(), c
    for c in ("expected_cost", "p_any_fine", *QS, "max_draw", "statutory_ceiling"):
        assert a.portfolio[c][0] <= b.portfolio[c][0], c


# ----------------------------------------------------------------- speed


def test_1000_datasets_20000_draws_fast() -> None:
    from rgpd_risk.inventory.synthetic import synthetic_inventory

    a = assess(synthetic_inventory(1_000, seed=0), today=TODAY)
    _ = a.findings, a.datasets  # rendered once (cached by the Assessment)
    org = Organisation(name="Big", turnover_eur=300e6)
    exposure(a, organisation=org, n_draws=2_000)  # warm-up
    ie = exposure(a, organisation=org, n_draws=20_000, seed=0)
    assert ie.draws.shape == (20_000,) and ie.portfolio["n_datasets"][0] == 1_000
    assert np.isfinite(ie.draws).all()


# ----------------------------------------------------------------- common random numbers


def test_common_random_numbers_across_inventories() -> None:
    """Removing findings or lowering a dataset's seriousness / tier never raises any draw, and
    leaves the other datasets' figures unchanged (counter-based streams keyed by dataset_id):
    what-if comparisons measure the change, not Monte-Carlo noise."""
    org = Organisation(name="X", turnover_eur=3e9)
    base = [
        {"dataset_id": "a", "code": "R1", "tier": "83(5)", "seriousness": "medium"},
        {"dataset_id": "b", "code": "R1", "tier": "83(5)", "seriousness": "high"},
        {"dataset_id": "b", "code": "R2", "tier": "83(4)", "seriousness": "low"},
        {"dataset_id": "c", "code": "R3", "tier": "83(4)", "seriousness": "high"},
        {"dataset_id": ORGANISATION_DATASET_ID, "code": "ORG", "tier": "83(4)",
         "seriousness": "medium"},
    ]
    better = [
        base[0],
        {"dataset_id": "b", "code": "R2", "tier": "83(4)", "seriousness": "low"},  # R1 fixed
        {"dataset_id": "c", "code": "R3", "tier": "83(4)", "seriousness": "medium"},
        base[4],
    ]
    ids = ["a", "b", "c", "d"]
    before = exposure(_stub(base, ids, org), n_draws=20_000, seed=5)
    after = exposure(_stub(better, ids, org), n_draws=20_000, seed=5)
    assert (after.draws <= before.draws).all()
    assert after.portfolio["expected_cost"][0] < before.portfolio["expected_cost"][0]
    cols = ["expected_cost", *QS]
    a0 = before.datasets.filter(pl.col("dataset_id") == "a").select(cols)
    assert after.datasets.filter(pl.col("dataset_id") == "a").select(cols).equals(a0)
    for c in cols:
        assert (after.datasets[c] <= before.datasets[c]).all(), c
    # a new dataset with findings adds to every draw without changing the others' draws
    more = exposure(_stub([*base, {"dataset_id": "d", "code": "R1", "tier": "83(5)",
                                   "seriousness": "low"}], ids, org), n_draws=20_000, seed=5)
    assert (more.draws >= before.draws).all()
