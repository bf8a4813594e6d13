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


# --- issue 17: names that are values, unreadable rows, errors without tracebacks ----------
def test_csv_without_header_row_leaks_nothing(tmp_path: Path, planted: pl.DataFrame) -> None:
    """Its first row is data: read as data (columns column_1 ...), never shown as names."""
    path = tmp_path / "export.csv"
    planted.write_csv(path, separator=";", include_header=False)
    for res in (scan(path, progress=False), scan(path, progress=False, full=True)):
        _assert_clean(_outputs(res, tmp_path))
        assert res.columns["column"].to_list()[:3] == ["column_1", "column_2", "column_3"]
        assert res.columns.filter(pl.col("column") == "column_1")["entity"].item() == "email"
        assert res.columns["n_sampled"].max() == planted.height  # the first row is counted as data


def test_header_that_is_a_value_is_masked(tmp_path: Path) -> None:
    """A single value-like header (the rest look like names) is masked like a value."""
    path = tmp_path / "odd.csv"
    rows = ["email,jean.dupont@exemple.fr,ville"] + [f"a{i}@test.fr,b{i}@test.fr,Lyon" for i in range(30)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = scan(path, progress=False)
    text = _outputs(res, tmp_path)
    assert "jean.dupont" not in text
    assert "column 2 (j***@***.fr)" in res.columns["column"].to_list()


def test_rare_name_taken_for_a_header_is_masked(tmp_path: Path) -> None:
    """A name the lexicon does not know, read as the header of a column of names: it has their
    shape, so it is masked, and the other unknown headers of that row with it."""
    path = tmp_path / "equipe.csv"
    people = ["Jean Dupont", "Marie Martin", "Pierre Durand", "Sophie Bernard", "Luc Petit", "Anne Moreau"]
    pairs = zip(people, people[::-1], strict=True)
    rows = ["Xóchitl Ngata,ville,Tane Ruatapu"] + [f"{p},Lyon,{q}" for p, q in pairs] * 5
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = scan(path, progress=False)
    text = _outputs(res, tmp_path)
    assert "xóchitl" not in text.lower() and "ngata" not in text.lower() and "ruatapu" not in text.lower()
    assert res.columns["column"].to_list() == ["column 1 (X*** N***)", "ville", "column 3 (T*** R***)"]


def test_folder_named_after_a_person_is_masked(tmp_path: Path) -> None:
    """A drive with a folder per employee: the folder's name never reaches an output."""
    folder = tmp_path / "RH" / "Jean Dupont"
    folder.mkdir(parents=True)
    (folder / "contrat.csv").write_text("email,ville\n" + "".join(f"a{i}@b.fr,Lyon\n" for i in range(20)))
    (folder / "vide.csv").write_bytes(b"")
    res = scan(tmp_path / "RH", progress=False)
    text = _outputs(res, tmp_path).replace(str(tmp_path), "")
    assert "Dupont" not in text
    assert res.errors.height == 1  # the empty file, named by its masked path
    for frame in (res.columns, res.errors):
        assert all("folder (J*** D***)" in s for s in frame["source"].to_list())


def test_database_names_holding_values_are_masked(tmp_path: Path) -> None:
    path = tmp_path / "names.sqlite"
    con = sqlite3.connect(path)
    con.execute('CREATE TABLE "paul.durand@societe.fr" ("zoe.martin@mail.com" TEXT, "0612345678" TEXT, nom TEXT)')
    con.executemany('INSERT INTO "paul.durand@societe.fr" VALUES (?, ?, ?)',
                    [(f"x{i}@y.fr", f"06 12 34 56 {i:02d}", "Dupont") for i in range(20)])
    con.commit()
    con.close()
    res = scan(f"sqlite:///{path}", progress=False)
    text = _outputs(res, tmp_path)
    for raw in ("paul.durand", "zoe.martin", "0612345678"):
        assert raw not in text
    assert res.columns["table"].unique().to_list() == ["table (p***@***.fr)"]


def test_unreadable_rows_are_numbered_not_echoed() -> None:
    from rgpd_risk.discovery.sources import safe_reason

    msg = safe_reason(ValueError("could not parse `zoe.martin@mail.com` at line 4 (column 'email')"))
    assert msg == "ValueError at line 4"
    assert "06 12" not in safe_reason(RuntimeError("bad value 06 12 34 56 78 in 'telephone'"))


@pytest.mark.parametrize("sample", [-1, 0, 2.5, True])
def test_bad_sample_is_a_clear_error(tmp_path: Path, planted_csv: Path, sample: object) -> None:
    from rgpd_risk.discovery import ScanError

    with pytest.raises(ScanError, match="sample must be a positive whole number"):
        scan(planted_csv, progress=False, sample=sample)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "/nonexistent/clients.csv"],
        ["scan", "sqlite:////nonexistent/base.sqlite"],
        ["scan", "postgresql+psycopg://nobody@127.0.0.1:1/none"],
        ["scan", "--sample", "-5", "{csv}"],
    ],
)
def test_scan_errors_on_the_command_line_are_one_line(args: list[str], planted_csv: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from rgpd_risk.cli import main

    code = main([a.replace("{csv}", str(planted_csv)) for a in args] + ["--no-progress"])
    out = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out.err + out.out
    assert "error" in (out.err + out.out).lower()
