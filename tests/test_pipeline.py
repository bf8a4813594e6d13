"""pipeline.run: one flow, scans feed every stage, same inputs/date/seed -> same figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

import rgpd_risk
from rgpd_risk.pipeline import Run, ScanInput, run

TODAY = dt.date(2026, 6, 2)
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def _scan_frame(tmp_path: Path) -> Path:
    p = tmp_path / "crm_export.csv"
    pl.DataFrame({
        "email": [f"user{i}@example.org" for i in range(60)],
        "nir": ["1 85 05 78 006 084 36"] * 60,
    }).write_csv(p)
    return p


@pytest.fixture(scope="module")
def sample_inventory():
    return rgpd_risk.load_inventory(SAMPLE / "inventory.csv")


def test_run_is_immutable_and_reproducible(sample_inventory) -> None:
    a = run(sample_inventory, today=TODAY, seed=3, n_draws=2_000, plan=False)
    b = run(sample_inventory, today=TODAY, seed=3, n_draws=2_000, plan=False)
    assert isinstance(a, Run)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.seed = 4  # type: ignore[misc]
    assert a.summary() == b.summary()
    assert a.assessment.findings.equals(b.assessment.findings)
    assert a.assessment.today == TODAY


def test_today_and_seed_are_required(sample_inventory) -> None:
    with pytest.raises(TypeError):
        run(sample_inventory, seed=0)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        run(sample_inventory, today=TODAY)  # type: ignore[call-arg]


def test_scan_findings_reach_assessment_exposure_and_plan(sample_inventory, tmp_path) -> None:
    result = rgpd_risk.scan(str(_scan_frame(tmp_path)), seed=0, progress=False)
    ds = sample_inventory.frame["dataset_id"][0]
    plain = run(sample_inventory, today=TODAY, seed=0, n_draws=2_000)
    scanned = run(sample_inventory, scans=[ScanInput(result, ds)], today=TODAY, seed=0,
                  n_draws=2_000)
    found = scanned.scan_findings
    assert found.height > 0 and found["source"].eq("discovery").all()
    f = scanned.assessment.findings
    assert f.filter(pl.col("source") == "discovery").height == found.height
    assert f.height == plain.assessment.findings.height + found.height
    total = scanned.assessment.datasets.filter(pl.col("dataset_id") == ds)["findings_total"]
    base = plain.assessment.datasets.filter(pl.col("dataset_id") == ds)["findings_total"]
    assert total.item() == base.item() + found.height
    # the exposure simulates them: the scanned dataset costs at least as much
    e0 = plain.exposure.datasets.filter(pl.col("dataset_id") == ds)["expected_cost"].sum()
    e1 = scanned.exposure.datasets.filter(pl.col("dataset_id") == ds)["expected_cost"].sum()
    assert e1 >= e0
    # the plan starts from the same findings as the assessment
    assert scanned.plan is not None
    assert scanned.plan.baseline.portfolio["findings_total"] == f.height
    assert plain.plan is not None
    assert plain.plan.baseline.portfolio["findings_total"] == plain.assessment.findings.height


def test_scan_of_unknown_dataset_is_refused(sample_inventory, tmp_path) -> None:
    result = rgpd_risk.scan(str(_scan_frame(tmp_path)), seed=0, progress=False)
    with pytest.raises(ValueError, match="no such dataset_id"):
        run(sample_inventory, scans=[(result, "nope")], today=TODAY, seed=0, plan=False)
