"""A report run with --scan: the reconciled findings reach the risk report, the board's
figures and the Excel register; the same inputs and date give the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib

import openpyxl
import polars as pl
import pytest

from rgpd_risk.cli import main
from rgpd_risk.pipeline import load_scan, run
from rgpd_risk.report.runner import run_reports

TODAY = dt.date(2026, 6, 2)


@pytest.fixture(scope="module")
def scan_json(tmp_path_factory, sample_inventory):
    files = sample_inventory.parent / "files" / "support_tickets.csv"
    out = tmp_path_factory.mktemp("scan") / "scan.json"
    assert main(["scan", str(files), "--inventory", str(sample_inventory), "--dataset-id",
                 "support-tickets", "--json", str(out), "--no-progress", "--workers", "1"]) == 0
    assert load_scan(out, seed=0).parameters["dataset_id"] == "support-tickets"
    return out


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_scan_findings_in_every_output_and_same_bytes(tmp_path, sample_inventory, scan_json):
    runs = [run_reports(["risk", "board"], sample_inventory, lang="en", out=tmp_path / f"o{i}",
                        scan=scan_json, xlsx=True, today=TODAY) for i in (1, 2)]
    a, b = runs
    assert a.run_id == b.run_id and a.run_id.startswith("2026-06-02-")
    for name in ("risk_en.html", "board_en.html", "risk_register_en.xlsx"):
        assert _sha(a.run_dir / name) == _sha(b.run_dir / name), f"{name} differs"
    expected = run(sample_inventory, scans=[(load_scan(scan_json, seed=0), "support-tickets")],
                   today=TODAY, seed=0, plan=False)
    titles = expected.scan_findings["title_en"].to_list()
    assert titles
    risk = (a.run_dir / "risk_en.html").read_text(encoding="utf-8")
    assert all(t in risk for t in titles)
    sheet = openpyxl.load_workbook(a.run_dir / "risk_register_en.xlsx")["Findings"]
    header = [c.value for c in sheet[1]]
    codes = [r[header.index("code")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(c for c in codes if c.startswith("DISCOVERY")) == sorted(
        expected.scan_findings["code"].to_list())
    board = pl.read_parquet(tmp_path / "o1" / "history.parquet")
    assert board["findings"].item() == expected.assessment.findings.height
