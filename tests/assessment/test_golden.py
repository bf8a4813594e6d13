"""Golden output of the bundled sample, as reviewable CSV snapshots.

``tests/assessment/snapshots/{datasets,findings,contributions}.csv`` hold the assessment of
``data/sample/inventory.csv`` on :data:`~tests.assessment.conftest.TODAY`, row for row (list
columns as JSON text). They replaced SHA-256 digests of the whole frames (issue 11): a change
now shows as a diff a reviewer can read, and the comparison names the rows and columns that
differ (:func:`polars.testing.assert_frame_equal`). The snapshots were written by the code
whose digests matched the former golden values (main at the merge of the French layer, digests 7f2d34b9… / 0ec5e56c… /
212cb258…: every value, row and column).

If the sample data, the taxonomy tables or a rule text change on purpose, rewrite them with
``RGPD_RISK_UPDATE_SNAPSHOTS=1 pytest tests/assessment/test_golden.py`` and say why in the
commit; review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import rgpd_risk
from rgpd_risk.assessment import RULES, assess

from .conftest import TODAY

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "inventory.csv"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
PARTS = ("datasets", "findings", "contributions")


def as_text_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as it is stored in a snapshot: list columns as JSON text, the rest as is."""
    return frame.with_columns(
        pl.col(c).map_elements(lambda v: json.dumps(list(v), ensure_ascii=False),
                               return_dtype=pl.Utf8)
        for c, t in frame.schema.items() if isinstance(t, pl.List))


def read_snapshot(part: str, schema: pl.Schema) -> pl.DataFrame:
    """A snapshot read back with the frame's column types (lists stay JSON text)."""
    stored = {c: (pl.Utf8 if isinstance(t, pl.List) else t) for c, t in schema.items()}
    return pl.read_csv(SNAPSHOTS / f"{part}.csv", schema=stored)


@pytest.fixture(scope="module")
def sample_assessment():
    if not SAMPLE.exists():
        pytest.skip("sample data not present")
    return assess(rgpd_risk.load_inventory(SAMPLE), today=TODAY)


@pytest.mark.parametrize("part", PARTS)
def test_sample_assessment_is_unchanged(sample_assessment, part: str) -> None:
    got = as_text_columns(getattr(sample_assessment, part))
    if os.environ.get("RGPD_RISK_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        got.write_csv(SNAPSHOTS / f"{part}.csv")
    want = read_snapshot(part, getattr(sample_assessment, part).schema)
    assert_frame_equal(got, want, check_exact=True)


def test_snapshot_comparison_can_fail(sample_assessment) -> None:
    """One changed cell is caught (and named)."""
    f = as_text_columns(sample_assessment.findings)
    want = read_snapshot("findings", sample_assessment.findings.schema)
    changed = f.with_columns(pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("medium"))
                             .otherwise(pl.col("seriousness")).alias("seriousness"))
    if changed["seriousness"][3] == want["seriousness"][3]:
        changed = changed.with_columns(pl.when(pl.int_range(pl.len()) == 3).then(pl.lit("low"))
                                       .otherwise(pl.col("seriousness")).alias("seriousness"))
    with pytest.raises(AssertionError, match="seriousness"):
        assert_frame_equal(changed, want, check_exact=True)


def test_findings_in_dataset_then_rule_order() -> None:

    """Findings come dataset by dataset in input order, then in rule-table order; the
    organisation findings last."""
    inv = rgpd_risk.synthetic_inventory(2_000, seed=5)
    f = assess(inv, today=TODAY).findings
    rule = f.filter(pl.col("source") == "rule")
    assert f.head(rule.height)["source"].eq("rule").all()
    pos = {d: i for i, d in enumerate(inv["dataset_id"].to_list())}
    order = {r.code: i for i, r in enumerate(RULES)}
    keys = [(pos[d], order[c]) for d, c in zip(rule["dataset_id"], rule["code"], strict=True)]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
