"""The Assessment object: immutability, exports, HTML escaping, inputs accepted."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import openpyxl
import polars as pl
import pytest

from rgpd_risk.assessment import DATASET_COLUMNS, Assessment, assess
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.report.excel import write_assessment
from rgpd_risk.schemas import FINDINGS_SCHEMA

from .conftest import TODAY, make, many


@pytest.fixture
def result() -> Assessment:
    inv = many({"name": "<script>alert(1)</script>", "legal_basis": None},
               {"name": "=HYPERLINK(\"http://x\")", "purpose": "+33 cmd", "privacy_notice": False})
    return assess(inv, today=TODAY)


def test_frames_and_schema(result: Assessment) -> None:
    assert result.findings.schema == pl.Schema(FINDINGS_SCHEMA)
    assert tuple(result.datasets.columns) == DATASET_COLUMNS
    assert result.to_frame() is result.datasets
    assert len(result) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.today = date(2000, 1, 1)  # type: ignore[misc]
    assert result.explain("d0")["contribution"].sum() == pytest.approx(
        result.datasets["risk_score"][0])


def test_to_dict_is_json(result: Assessment) -> None:
    d = result.to_dict()
    json.dumps(d)
    assert d["summary"]["datasets"] == 2 and d["today"] == TODAY.isoformat()
    assert d["summary"]["findings"] == len(d["findings"])


def test_html_escapes_inventory_text(result: Assessment) -> None:
    out = result._repr_html_()
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_excel_sheets_frozen_filtered_neutralised(result: Assessment, tmp_path) -> None:
    path = write_assessment(tmp_path / "assessment.xlsx", result)
    assert path.exists() and list(tmp_path.iterdir()) == [path]  # no temp file left
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["datasets", "findings", "contributions"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
    ds = wb["datasets"]
    header = [c.value for c in ds[1]]
    names = [r[header.index("name")] for r in ds.iter_rows(min_row=2, values_only=True)]
    assert names[1] == "'=HYPERLINK(\"http://x\")"
    assert names[0] == "<script>alert(1)</script>"
    assert all(c.data_type != "f" for row in ds.iter_rows() for c in row)
    assert wb["findings"].max_row == result.findings.height + 1


def test_excel_failure_leaves_no_partial_file(result: Assessment, tmp_path, monkeypatch) -> None:
    import rgpd_risk.report.excel as export

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "_write_sheet", boom)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        write_assessment(target, result)
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_accepts_inventory_and_partial_frames() -> None:
    org = Organisation(name="Acme", breach_procedure=True)
    inv = Inventory(make(), organisation=org)
    a = assess(inv, today=TODAY)
    assert a.organisation is org and "ART33_NO_BREACH_PROCEDURE" not in a.findings["code"]
    minimal = pl.DataFrame({"dataset_id": ["x"], "name": ["X"], "data_categories": [["contact"]]})
    b = assess(minimal, today=TODAY)
    assert b.datasets["dpia_verdict"][0] == "recommended"  # unknown count -> large scale
    with pytest.raises(ValueError, match="required"):
        assess(pl.DataFrame({"dataset_id": ["x"]}), today=TODAY)
    with pytest.raises(TypeError):
        assess([{"dataset_id": "x"}], today=TODAY)


def test_pandas_input_is_converted() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"dataset_id": ["x"], "name": ["X"], "data_categories": [["contact"]]})
    assert assess(frame, today=TODAY).datasets["dataset_id"].to_list() == ["x"]


def test_excel_findings_carry_the_action_in_french_and_english(result: Assessment, tmp_path) -> None:
    """Each finding's remediation action is labelled in both languages, from the catalogue."""
    from rgpd_risk.remediation import default_catalogue

    wb = openpyxl.load_workbook(write_assessment(tmp_path / "a.xlsx", result))
    ws = wb["findings"]
    header = [c.value for c in ws[1]]
    assert header[header.index("action") + 1: header.index("action") + 3] == ["action_fr", "action_en"]
    cat = default_catalogue()
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows
    for row in rows:
        key = row[header.index("action")]
        assert row[header.index("action_fr")] == cat[key].label_fr
        assert row[header.index("action_en")] == cat[key].label_en
