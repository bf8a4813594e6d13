import json
from pathlib import Path

import polars as pl

from rgpd_risk.discovery import COLUMNS_SCHEMA, ScanResult, scan


def test_result_renderings(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("<b>email</b>,ville\njean@exemple.fr,Paris\nluc@test.org,Lyon\n")
    res = scan(path, progress=False)
    assert dict(res.to_frame().schema) == COLUMNS_SCHEMA
    data = json.loads(res.to_json(tmp_path / "out.json"))
    assert data == json.loads((tmp_path / "out.json").read_text())
    assert data["columns"][0]["column"] == "<b>email</b>"
    html = res._repr_html_()
    assert "<b>email</b>" not in html and "&lt;b&gt;email&lt;/b&gt;" in html
    assert res.to_dict()["parameters"]["seed"] == 0


def test_result_is_frozen() -> None:
    res = ScanResult(pl.DataFrame(schema=COLUMNS_SCHEMA))
    try:
        res.columns = pl.DataFrame()  # type: ignore[misc]
    except AttributeError:
        return
    raise AssertionError("ScanResult must be immutable")
