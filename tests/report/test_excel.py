"""The Excel risk register: sheets, formatting, formula injection neutralised, atomic write."""

from __future__ import annotations

import datetime as dt

import openpyxl
import polars as pl
import pytest

import rgpd_risk
from rgpd_risk import pipeline
from rgpd_risk.formatting import neutralise
from rgpd_risk.report.excel import write_risk_register


@pytest.fixture(scope="module")
def workbook(tmp_path_factory, sample_inventory):
    inv = rgpd_risk.load_inventory(sample_inventory)
    inv = inv.with_frame(inv.frame.with_columns(
        pl.when(pl.col("dataset_id") == "crm-clients").then(pl.lit('=HYPERLINK("http://evil","x")'))
        .otherwise(pl.col("name")).alias("name")))
    run = pipeline.run(inv, today=dt.date(2026, 6, 2), seed=0)
    a = run.assessment
    path = tmp_path_factory.mktemp("xlsx") / "register.xlsx"
    write_risk_register(path, run, lang="en")
    return path, a, inv


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_neutralise(value):
    assert neutralise(value).startswith("'")


def test_sheets_counts_and_frozen_header(workbook):
    path, a, _ = workbook
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Datasets", "Findings", "Remediation plan"]
    ds, fi = book["Datasets"], book["Findings"]
    assert ds.max_row == a.datasets.height + 1 and fi.max_row == a.findings.height + 1
    assert ds.freeze_panes == "A2" and ds.auto_filter.ref is not None
    assert [c.value for c in ds[1]][:3] == ["dataset_id", "name", "risk_level"]


def test_formula_injection_neutralised(workbook):
    path, _, _ = workbook
    book = openpyxl.load_workbook(path)
    cells = [c for row in book["Datasets"].iter_rows() for c in row]
    evil = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert evil and all(c.data_type == "s" and c.value.startswith("'=") for c in evil)
    assert not any(c.data_type == "f" for c in cells)


def test_levels_coloured(workbook):
    path, _, _ = workbook
    sheet = openpyxl.load_workbook(path)["Datasets"]
    level_col = [c.value for c in sheet[1]].index("risk_level")
    high = [row[level_col] for row in sheet.iter_rows(min_row=2) if row[level_col].value == "high"]
    assert high and all(c.fill.fgColor.rgb.endswith("F8D7DA") for c in high)


def test_no_temporary_file_left(workbook):
    path, _, _ = workbook
    assert [p.name for p in path.parent.iterdir()] == ["register.xlsx"]


def test_plan_sheet_is_rgpd_risk_plan(workbook):
    """The plan sheet holds the steps of rgpd_risk.plan (same seed), each with its seed action."""
    path, a, inv = workbook
    plan = rgpd_risk.plan(a, inventory=inv, seed=0)
    sheet = openpyxl.load_workbook(path)["Remediation plan"]
    header = [c.value for c in sheet[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == plan.steps.height
    col = {name: header.index(name) for name in ("action", "seed_action", "effort_days",
                                                   "remaining_expected_exposure")}
    assert [r[col["action"]] for r in rows] == plan.actions
    assert [r[col["seed_action"]] for r in rows] == plan.steps["seed_action"].to_list()
    assert [r[col["remaining_expected_exposure"]] for r in rows] == pytest.approx(
        plan.steps["remaining_expected_exposure"].to_list())


def test_datasets_sheet_carries_fine_exposure(workbook):
    path, a, _ = workbook
    exposure = rgpd_risk.fine_exposure(a, seed=0)
    sheet = openpyxl.load_workbook(path)["Datasets"]
    header = [c.value for c in sheet[1]]
    got = {row[0].value: row[header.index("expected_cost")].value for row in sheet.iter_rows(min_row=2)}
    want = dict(exposure.datasets.select("dataset_id", "expected_cost").iter_rows())
    assert got == pytest.approx({k: want[k] for k in got})
