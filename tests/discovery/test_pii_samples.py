"""Checks on the shared third-party samples (read in place, skipped when absent).

The accuracy floor here is far below the benchmark's goals: it guards against
regressions; the scores themselves are measured by ``benchmarks/bench_discovery.py``.
"""

import json
from pathlib import Path

import polars as pl
import pytest

from .conftest import SAMPLES

pytestmark = pytest.mark.skipif(not SAMPLES.exists(), reason="shared pii_samples absent")


def test_every_labelled_column_is_scanned_and_no_raw_value_leaks(tmp_path: Path) -> None:
    from rgpd_risk.discovery import scan

    labels = pl.read_csv(SAMPLES / "labels.csv")
    res = scan(SAMPLES, progress=False, workers=1)
    scanned = set(res.columns.select("table", "column").rows())
    assert set(labels.select("file", "column").rows()) <= scanned
    outputs = res.to_json() + res._repr_html_()
    emails = pl.read_csv(SAMPLES / "userdata1.csv", infer_schema=False)["email"].drop_nulls()
    cards = pl.read_csv(SAMPLES / "userdata1.csv", infer_schema=False)["cc"].drop_nulls()
    for value in emails.to_list() + cards.to_list():
        assert value not in outputs
    json.loads(res.to_json())


def test_accuracy_floor() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from bench_discovery import accuracy

    scores = accuracy(SAMPLES)
    assert scores["strict"] >= 0.75 and scores["recall"] >= 0.85
