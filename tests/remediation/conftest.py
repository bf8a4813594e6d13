"""Fixtures of the remediation tests: the sample company, assessed once per module."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rgpd_risk.inventory.load import load_inventory

#: Fixed reference date (the sample's dates go up to 2026-11-29).
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="session")
def sample_inventory():
    return load_inventory(Path(__file__).resolve().parents[2] / "data" / "sample" / "inventory.csv")


@pytest.fixture(scope="session")
def sample_plan(sample_inventory):
    from rgpd_risk.remediation import plan

    return plan(sample_inventory, today=TODAY)
