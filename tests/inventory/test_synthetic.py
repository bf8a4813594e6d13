"""Tests for the synthetic inventory and organisation generators."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.retention import parse_retention
from rgpd_risk.inventory.schema import (
    IDENTIFIABILITY_LEVELS,
    INVENTORY_SCHEMA,
    RETENTION_STATUSES,
    frame_from_records,
)
from rgpd_risk.inventory.synthetic import (
    REFERENCE_DATE,
    synthetic_inventory,
    synthetic_organisation,
)
from rgpd_risk.taxonomy import categories, eea_countries, keys


@pytest.fixture(scope="module")
def inv() -> pl.DataFrame:
    return synthetic_inventory(1000, seed=42)


def test_schema_matches_canonical(inv):
    assert inv.schema == pl.Schema(INVENTORY_SCHEMA)
    assert inv.columns == list(INVENTORY_SCHEMA)
    assert inv.schema == frame_from_records([]).schema
    assert inv.height == 1000


def test_empty():
    empty = synthetic_inventory(0)
    assert empty.height == 0 and empty.schema == pl.Schema(INVENTORY_SCHEMA)


def test_negative_n_is_rejected():
    with pytest.raises(ValueError):
        synthetic_inventory(-1)


def test_same_seed_same_frame():
    assert synthetic_inventory(500, seed=7).equals(synthetic_inventory(500, seed=7))


def test_different_seeds_differ():
    a, b = synthetic_inventory(500, seed=1), synthetic_inventory(500, seed=2)
    assert not a.equals(b)
    assert a["data_categories"].to_list() != b["data_categories"].to_list()


def test_dataset_ids_are_positional():
    assert synthetic_inventory(10, seed=3)["dataset_id"].to_list() == [f"syn-{i:07d}" for i in range(10)]


def test_dataset_id_unique(inv):
    assert inv["dataset_id"].is_unique().all()
    assert inv["dataset_id"].null_count() == 0 and inv["name"].null_count() == 0


@pytest.mark.parametrize(
    ("column", "vocabulary"),
    [
        ("data_categories", "category"),
        ("data_subjects", "subject"),
        ("security_measures", "security"),
        ("planned_measures", "security"),
    ],
)
def test_list_values_belong_to_vocabulary(inv, column, vocabulary):
    values = set(inv[column].explode().drop_nulls())
    assert values and values <= keys(vocabulary)


def test_scalar_values_belong_to_vocabulary(inv):
    assert set(inv["legal_basis"].drop_nulls()) <= keys("legal_basis")
    assert set(inv["transfer_safeguard"].drop_nulls()) <= keys("safeguard")
    assert set(inv["identifiability"]) <= set(IDENTIFIABILITY_LEVELS)
    assert set(inv["art9_condition"].drop_nulls()) <= set("abcdefghij")


def test_categories_never_empty_and_no_duplicates(inv):
    lengths = inv["data_categories"].list.len()
    assert lengths.min() >= 1
    assert (inv["data_categories"].list.n_unique() == lengths).all()


def test_retention_columns_consistent_with_parser(inv):
    reparsed = parse_retention(inv["retention_text"])
    assert inv.select(reparsed.columns).equals(reparsed)
    assert set(inv["retention_status"]) == set(RETENTION_STATUSES)


def test_transfers_are_outside_the_eea_and_consistent(inv):
    countries = set(inv["third_countries"].explode().drop_nulls())
    assert countries and not countries & eea_countries()
    no_transfer = inv.filter(pl.col("third_countries").list.len() == 0)
    assert no_transfer["transfer_safeguard"].null_count() == no_transfer.height
    with_transfer = inv.filter(pl.col("third_countries").list.len() > 0)
    assert {"scc", "none"} <= set(with_transfer["transfer_safeguard"].drop_nulls())
    assert with_transfer["transfer_safeguard"].null_count() > 0  # undocumented safeguards too
    without_processor = inv.filter(pl.col("processors").list.len() == 0)
    assert (without_processor["third_countries"].list.len() == 0).all()


def test_mix_of_good_and_bad_practice(inv):
    special = categories().filter(pl.col("art9"))["key"].to_list()
    has = lambda key: pl.col("data_categories").list.contains(key)  # noqa: E731
    stats = inv.select(
        special=pl.col("data_categories").list.eval(pl.element().is_in(special)).list.any().sum(),
        nir=has("nir").sum(),
        minors=pl.col("data_subjects").list.contains("minors").sum(),
        no_security=(pl.col("security_measures").list.len() == 0).sum(),
        dpia=pl.col("dpia_done").sum(),
        no_notice=(~pl.col("privacy_notice")).sum(),
        unknown_count=pl.col("subject_count").is_null().sum(),
    ).row(0, named=True)
    assert all(v > 0 for v in stats.values()), stats


def test_flags_follow_their_conditions(inv):
    no_nir = ~pl.col("data_categories").list.contains("nir")
    assert inv.filter(pl.col("nir_legal_frame") & no_nir).height == 0
    assert inv.filter(pl.col("automated_decision") & ~pl.col("profiling")).height == 0
    assert inv.filter(pl.col("consent_proof") & (pl.col("legal_basis") != "consent")).height == 0
    minors = inv.filter(pl.col("min_subject_age").is_not_null())
    assert minors["min_subject_age"].max() < 18


def test_subject_count_is_lognormal_like(inv):
    counts = inv["subject_count"].drop_nulls()
    assert counts.min() >= 1
    assert counts.max() > 100 * counts.median()  # heavy right tail


def test_dates_not_after_reference(inv):
    for column in ("oldest_record_date", "last_reviewed"):
        dates = inv[column].drop_nulls()
        assert dates.len() > 0 and dates.max() <= REFERENCE_DATE


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=2**32))
def test_any_size_and_seed_is_valid(n, seed):
    frame = synthetic_inventory(n, seed=seed)
    assert frame.height == n and frame.schema == pl.Schema(INVENTORY_SCHEMA)
    assert frame["dataset_id"].is_unique().all()


def test_synthetic_organisation():
    org = synthetic_organisation(5)
    assert isinstance(org, Organisation)
    assert org == synthetic_organisation(5)
    assert {synthetic_organisation(s).name for s in range(20)} != {org.name}
    assert org.turnover_eur > 0 and org.employees >= 1
