"""reassess: assessing again only the rows that changed gives the full assessment."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rgpd_risk.assessment import assess, reassess
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import canonical_frame, frame_from_records
from rgpd_risk.inventory.synthetic import synthetic_inventory

TODAY = date(2026, 6, 30)
ORG = Organisation(name="Acme", turnover_eur=5e7, employees=300)
N = 300
BASE = canonical_frame(synthetic_inventory(N, seed=3))
# the same datasets with other facts (processors, transfers, categories, measures...)
OTHER = canonical_frame(synthetic_inventory(N, seed=4)).with_columns(BASE["dataset_id"])
PREV = assess(BASE, organisation=ORG, today=TODAY)


def _same(a, b) -> None:
    assert a._core.equals(b._core)
    assert a.finding_keys.equals(b.finding_keys)
    assert a.datasets.equals(b.datasets)
    assert a.findings.equals(b.findings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(0, N - 1), max_size=40), st.sampled_from([None, "processors", "legal_basis"]))
@example(rows={24}, only=None)  # one row: polars' scalar arithmetic differed in the last bit
def test_reassess_is_assess(rows: set[int], only: str | None) -> None:
    """Rows replaced by other facts (all fields, or one field: a vendor input or not)."""
    pick = pl.Series(np.isin(np.arange(N), sorted(rows)))
    cols = BASE.columns if only is None else [only]
    new = BASE.with_columns(pl.when(pick).then(OTHER[c]).otherwise(BASE[c]).alias(c) for c in cols)
    _same(reassess(PREV, new, organisation=ORG), assess(new, organisation=ORG, today=TODAY))


def test_vendor_check_reaches_unchanged_rows() -> None:
    """A vendor declared two ways once one row changes its safeguard: the unchanged row that
    names the vendor gets the finding too."""
    rows = [{"dataset_id": d, "name": d, "data_categories": ["contact"], "processors": ["Cloud Inc."],
             "third_countries": ["US"], "transfer_safeguard": "scc"} for d in ("a", "b", "c")]
    before = frame_from_records(rows)
    after = frame_from_records([*rows[:2], {**rows[2], "transfer_safeguard": "none"}])
    prev = assess(before, organisation=ORG, today=TODAY)
    got = reassess(prev, after, organisation=ORG)
    assert got._core["_n_vendor_mixed"].to_list() == [1, 1, 1]
    _same(got, assess(after, organisation=ORG, today=TODAY))


def test_whole_register_again_when_the_context_changes() -> None:
    """Other datasets, or an organisation whose facts the rules read: a full assessment."""
    other_org = Organisation(name="Acme", turnover_eur=5e7, employees=10, breach_register=True)
    _same(reassess(PREV, BASE, organisation=other_org), assess(BASE, organisation=other_org, today=TODAY))
    fewer = BASE.head(N - 1)
    _same(reassess(PREV, fewer, organisation=ORG), assess(fewer, organisation=ORG, today=TODAY))
