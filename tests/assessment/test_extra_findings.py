"""Findings from discovery join the assessment (issue 5: they join the findings table)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from rgpd_risk import assess, fine_exposure, load_inventory, reconcile, scan

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def sample_and_discovery(request):
    root = request.config.rootpath
    inv = load_inventory(root / "data/sample/inventory.csv")
    result = scan(root / "data/sample/files/support_tickets.csv", progress=False, workers=1)
    return inv, reconcile(result, inv.frame, "support-tickets", today=TODAY)


def test_discovery_findings_join_the_findings_and_counts(sample_and_discovery):
    inv, found = sample_and_discovery
    assert found.height >= 2
    plain = assess(inv, today=TODAY)
    joined = assess(inv, today=TODAY, extra_findings=found)
    assert joined.findings.height == plain.findings.height + found.height
    tickets = joined.findings.filter(pl.col("dataset_id") == "support-tickets")
    assert tickets["source"].to_list()[-found.height:] == ["discovery"] * found.height
    row = lambda a: a.datasets.filter(pl.col("dataset_id") == "support-tickets").row(0, named=True)  # noqa: E731
    assert row(joined)["findings_total"] == row(plain)["findings_total"] + found.height
    assert row(joined)["risk_score"] == row(plain)["risk_score"]  # the score explains the register
    assert joined.datasets.drop("findings_total", "findings_83_4", "findings_83_5", "findings_high",
                                "findings_medium", "findings_low").equals(
        plain.datasets.drop("findings_total", "findings_83_4", "findings_83_5", "findings_high",
                            "findings_medium", "findings_low"))


def test_undeclared_health_data_raises_the_exposure(sample_and_discovery):
    inv, found = sample_and_discovery
    before = fine_exposure(assess(inv, today=TODAY), seed=0).datasets.filter(pl.col("dataset_id") == "support-tickets")
    after = fine_exposure(assess(inv, today=TODAY, extra_findings=found), seed=0).datasets.filter(
        pl.col("dataset_id") == "support-tickets")
    # Undeclared Art. 9 data moves the dataset from Art. 83(4) to 83(5) and raises its cost.
    assert (before["tier"].item(), after["tier"].item()) == ("83(4)", "83(5)")
    assert after["expected_cost"].item() > 2 * before["expected_cost"].item()


def test_extra_findings_are_checked(sample_and_discovery):
    inv, found = sample_and_discovery
    with pytest.raises(ValueError, match="not in the inventory"):
        assess(inv, today=TODAY, extra_findings=found.with_columns(pl.lit("nope").alias("dataset_id")))
    with pytest.raises(ValueError, match="lacks the column"):
        assess(inv, today=TODAY, extra_findings=found.drop("tier"))
