"""No raw personal value leaves the scanner: plant values, scan, search every output."""

import json
import sqlite3
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.discovery import reconcile, scan

from .conftest import raw_values


def _outputs(res, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    frame_text = json.dumps(res.to_frame().to_dicts(), default=str, ensure_ascii=False)
    json_text = res.to_json(tmp_path / "scan.json")
    inv = pl.DataFrame({"dataset_id": ["crm"], "data_categories": [["contact"]],
                        "retention_months": [12], "subject_count": [1]},
                       schema={"dataset_id": pl.Utf8, "data_categories": pl.List(pl.Utf8),
                               "retention_months": pl.Int64, "subject_count": pl.Int64})
    findings = reconcile(res, inv, "crm")
    assert findings.height > 0
    return "\n".join([frame_text, json_text, (tmp_path / "scan.json").read_text(),
                      res._repr_html_(), str(res.to_dict()), str(res.to_frame()),
                      json.dumps(findings.to_dicts(), ensure_ascii=False)])


def _assert_clean(text: str) -> None:
    lowered = text.lower()
    for value in raw_values():
        variants = {value, value.replace(" ", ""), value.lower()}
        for v in variants:
            assert v.lower() not in lowered, f"raw value leaked: {v!r}"


def test_csv_outputs_hold_no_raw_value(tmp_path: Path, planted_csv: Path) -> None:
    res = scan(planted_csv, progress=False)
    _assert_clean(_outputs(res, tmp_path))
    full = scan(planted_csv, progress=False, full=True)
    _assert_clean(_outputs(full, tmp_path))


def test_sqlite_outputs_hold_no_raw_value(tmp_path: Path, planted: pl.DataFrame) -> None:
    path = tmp_path / "p.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"CREATE TABLE t ({', '.join(f'{c} TEXT' for c in planted.columns)})")
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * planted.width)})", planted.rows())
    con.commit()
    con.close()
    _assert_clean(_outputs(scan(f"sqlite:///{path}", progress=False), tmp_path))


def test_duckdb_outputs_hold_no_raw_value(tmp_path: Path, planted: pl.DataFrame) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "p.duckdb"
    con = duckdb.connect(str(path))
    con.register("planted", planted.to_arrow())
    con.execute("CREATE TABLE t AS SELECT * FROM planted")
    con.close()
    _assert_clean(_outputs(scan(f"duckdb:///{path}", progress=False), tmp_path))
