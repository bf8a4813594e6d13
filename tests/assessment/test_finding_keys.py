"""Assessment.finding_keys: the key columns of the findings, built without their texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.assessment import assess
from rgpd_risk.assessment.assess import FINDING_KEY_COLUMNS
from rgpd_risk.inventory.load import load_inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.synthetic import synthetic_inventory
from rgpd_risk.schemas import FINDINGS_SCHEMA

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_finding_keys_equal_the_rendered_columns(which: str) -> None:
    if which == "sample":
        inv = load_inventory(SAMPLE / "inventory.csv", SAMPLE / "organisation.yaml")
        a = assess(inv, today=date(2026, 12, 1))
    else:
        a = assess(synthetic_inventory(3000, seed=0), today=date(2026, 11, 29),
                   organisation=Organisation(name="o", turnover_eur=1e8, employees=500))
    keys = a.finding_keys  # before the findings are rendered: from the core
    assert "findings" not in a.__dict__
    assert list(FINDING_KEY_COLUMNS) == list(FINDINGS_SCHEMA)[:len(FINDING_KEY_COLUMNS)]
    assert keys.equals(a.findings.select(FINDING_KEY_COLUMNS))
    assert keys.schema == a.findings.select(FINDING_KEY_COLUMNS).schema


def test_finding_keys_with_extra_findings() -> None:
    inv = synthetic_inventory(50, seed=3)
    base = assess(inv, today=date(2026, 11, 29))
    extra = base.findings.head(3).with_columns(source=pl.lit("discovery"))
    a = assess(inv, today=date(2026, 11, 29), extra_findings=extra)
    assert a.finding_keys.equals(a.findings.select(FINDING_KEY_COLUMNS))
    assert a.finding_keys.height == base.findings.height + 3
