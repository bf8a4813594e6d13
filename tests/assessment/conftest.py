"""Small in-memory inventories for the assessment tests."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import frame_from_records

TODAY = date(2025, 6, 30)

#: A dataset with every obligation met: the rules must find nothing on it.
CLEAN: dict = dict(
    dataset_id="clean", name="Customer accounts", data_categories=["identity", "contact"],
    purpose="Manage customer accounts", legal_basis="contract", data_subjects=["customers"],
    subject_count=1_000, retention_text="3 ans après la fin du contrat", retention_months=36.0,
    retention_event="end_of_contract", retention_status="parsed", recipients=[],
    processors=["Hosting Co"], processor_contract=True, third_countries=[],
    security_measures=["encryption_at_rest", "encryption_in_transit", "access_control", "mfa",
                       "logging", "backup", "software_protection", "physical_security",
                       "staff_training", "processor_control"],
    identifiability="maximum", internet_exposed=False, access_count=5, incidents_12m=0,
    privacy_notice=True, rights_access=True, rights_rectification=True, rights_erasure=True,
    rights_portability=True, oldest_record_date=date(2024, 1, 1),
    # French layer (issue #15): a recent review and a declared purpose.
    last_reviewed=date(2025, 1, 15), purpose_type="customer_relationship",
)

COMPLIANT_ORG = Organisation(name="Acme", dpo_designated=True, breach_procedure=True)


def make(**changes) -> pl.DataFrame:
    """One-row inventory: the clean dataset with some fields changed."""
    return frame_from_records([{**CLEAN, **changes}])


def many(*changes: dict) -> pl.DataFrame:
    return frame_from_records([{**CLEAN, "dataset_id": f"d{i}", **c} for i, c in enumerate(changes)])


@pytest.fixture
def today() -> date:
    return TODAY
