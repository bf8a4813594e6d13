"""Fixtures of the report tests: the sample inventory, a hostile copy, a one-time report run."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

import rgpd_risk
from rgpd_risk.report.runner import run_reports

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
NOTEBOOKS = ROOT / "notebooks"
EVIL_NAME = "<script>document.title='pwned';window.__pwned=1</script>"
EVIL_ID = "crm-clients"


@pytest.fixture(scope="session")
def sample_inventory() -> Path:
    return SAMPLE / "inventory.csv"


@pytest.fixture(scope="session")
def sample_organisation() -> Path:
    return SAMPLE / "organisation.yaml"


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    """The sample with one dataset named like a script, plus the organisation profile."""
    folder = tmp_path_factory.mktemp("hostile")
    inv = rgpd_risk.load_inventory(SAMPLE / "inventory.csv")
    frame = inv.frame.with_columns(
        pl.when(pl.col("dataset_id") == EVIL_ID).then(pl.lit(EVIL_NAME)).otherwise(pl.col("name")).alias("name"))
    rgpd_risk.write_inventory(frame, folder / "inventory.csv")
    shutil.copy(SAMPLE / "organisation.yaml", folder / "organisation.yaml")
    return folder


@pytest.fixture(scope="session")
def report_runs(hostile_dir, tmp_path_factory):
    """Inventory, risk and board reports of the hostile sample in French and English."""
    out = tmp_path_factory.mktemp("reports")
    results = {}
    for lang in ("fr", "en"):
        results[lang] = run_reports(["inventory", "risk", "board"], hostile_dir / "inventory.csv",
                                    lang=lang, out=out, run_id="test-run")
    return out, results
