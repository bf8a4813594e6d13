"""Enforcement importers: both formats, quirks, clear errors, shipped derivatives."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.exposure.enforcement import (
    ENFORCEMENT_SCHEMA,
    load_calibration_table,
    load_enforcement,
    load_shipped_fines,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ENF = SHARED / "data" / "enforcement"


@pytest.fixture(scope="module")
def tsv() -> pl.DataFrame:
    if not (ENF / "gdpr_violations.tsv").exists():
        pytest.skip("../shared enforcement data not available")
    return load_enforcement(ENF / "gdpr_violations.tsv")


@pytest.fixture(scope="module")
def cms() -> pl.DataFrame:
    if not (ENF / "enforcementtracker_full_download.json").exists():
        pytest.skip("../shared enforcement data not available")
    return load_enforcement(ENF / "enforcementtracker_full_download.json")


def test_tsv_matches_published_statistics(tsv: pl.DataFrame) -> None:
    assert tsv.schema == pl.Schema(ENFORCEMENT_SCHEMA)
    assert tsv.height == 250
    fines = tsv["amount_eur"].drop_nulls()
    assert fines.len() == 239 and fines.median() == 12_950  # enforcement_stats.md
    assert tsv["date"].null_count() == 15  # 01/01/1970 placeholders
    assert tsv["date"].drop_nulls().min().year == 2018  # type: ignore[union-attr]


def test_tsv_shifted_rows_repaired(tsv: pl.DataFrame) -> None:
    row = {r["record_id"]: r for r in tsv.iter_rows(named=True)}
    assert row["tt-89"]["type"] is None and row["tt-89"]["articles"] == ["Art. 28"]
    assert row["tt-99"]["articles"] == ["Art. 32"] and row["tt-99"]["type"].startswith("Failure")
    assert "AEPD" in row["tt-229"]["authority"] and row["tt-229"]["controller"] == "Private person"
    assert row["tt-246"]["controller"] is None
    assert row["tt-129"]["articles"] == ["Art. 32"]
    assert row["tt-200"]["articles"] == ["Art. 58(2)"] and row["tt-200"]["tier"] == "83(5)"
    assert row["tt-87"]["articles"] == [] and row["tt-87"]["tier"] is None


def test_cms_matches_published_statistics(cms: pl.DataFrame) -> None:
    assert cms.schema == pl.Schema(ENFORCEMENT_SCHEMA)
    assert cms.height == 2225
    fines = cms["amount_eur"].drop_nulls()
    assert fines.len() == 2104 and fines.median() == 6_900 and fines.max() == 1.2e9
    assert cms.filter(pl.col("country") == "ES").height == 809
    prec = cms["date_precision"].value_counts().sort("date_precision")
    assert dict(prec.iter_rows()) == {None: 22, "day": 1994, "month": 8, "year": 201}
    # national law kept apart from GDPR articles
    lil = cms.filter(pl.col("other_provisions").list.join("|").str.contains("(?i)informatique"))
    assert lil.height > 0


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _row(*fields: str) -> str:
    return "\t".join(fields) + "\n"


HEADER = _row("id", "picture", "name", "price", "authority", "date", "controller",
              "article_violated", "type", "source", "summary")


def test_tsv_errors_name_file_row_column(tmp_path: Path) -> None:
    p = _write(tmp_path, "bad.tsv", HEADER + _row("7", "x", "Spain", "abc", "AEPD",
                                                 "01/02/2020", "X", "Art. 6 GDPR", "t", "s", "z"))
    with pytest.raises(ValueError, match=r"bad\.tsv row id=7, column 'price'"):
        load_enforcement(p)
    p = _write(tmp_path, "bad2.tsv", HEADER + _row("8", "x", "Spain", "10", "AEPD",
                                                 "2020-01-02", "X", "Art. 6", "t", "s", "z"))
    with pytest.raises(ValueError, match=r"row id=8, column 'date'"):
        load_enforcement(p)
    p = _write(tmp_path, "bad3.tsv", HEADER + _row("9", "x", "Atlantis", "10", "A",
                                                 "01/02/2020", "X", "Art. 6", "t", "s", "z"))
    with pytest.raises(ValueError, match=r"row id=9, column 'country'"):
        load_enforcement(p)
    p = _write(tmp_path, "cols.tsv", "id\tname\n1\tSpain\n")
    with pytest.raises(ValueError, match="missing column"):
        load_enforcement(p)


def _cms_rec(amount: str, date: str = "2021-05-01") -> list[str]:
    return ["", "ETid-9", "<img src='x'><br />FRANCE", "CNIL", date, amount, "Shop",
            "Industry and Commerce", "Art. 5 (1) c), 5 (1) f) GDPR, Art. 82 loi Informatique et "
            "Libertés", "Insufficient legal basis for data processing", "s", "l", "u"]


def test_cms_quirks_and_errors(tmp_path: Path) -> None:
    p = _write(tmp_path, "ok.json", json.dumps({"data": [
        _cms_rec("1,200,000"), _cms_rec("Fine in five-digit amount", "2019"),
        _cms_rec("0", "Unknown"), _cms_rec("Fine amount between EUR 400 and EUR 600", "2020-03"),
    ]}))
    df = load_enforcement(p)
    assert df["amount_eur"].to_list() == [1_200_000.0, None, None, None]
    assert df["articles"][0].to_list() == ["Art. 5(1)(c)", "Art. 5(1)(f)"]
    assert df["other_provisions"][0].to_list() == ["Art. 82 loi Informatique et Libertés"]
    assert df["country"].unique().to_list() == ["FR"]
    assert df["date_precision"].to_list() == ["day", "year", None, "month"]
    p = _write(tmp_path, "amount.json", json.dumps({"data": [_cms_rec("twelve euros")]}))
    with pytest.raises(ValueError, match=r"amount\.json record ETid-9, field 5"):
        load_enforcement(p)
    p = _write(tmp_path, "date.json", json.dumps({"data": [_cms_rec("10", "May 2020")]}))
    with pytest.raises(ValueError, match="field 4"):
        load_enforcement(p)
    with pytest.raises(ValueError, match="'data' list"):
        load_enforcement(_write(tmp_path, "x.json", "[1, 2]"))
    with pytest.raises(ValueError, match="not a JSON"):
        load_enforcement(_write(tmp_path, "y.json", "{oops"))
    with pytest.raises(ValueError, match="unknown enforcement format"):
        load_enforcement(_write(tmp_path, "z.xlsx", ""))
    with pytest.raises(FileNotFoundError):
        load_enforcement(tmp_path / "missing.tsv")


def test_shipped_fines_are_facts_only() -> None:
    df = load_shipped_fines()
    assert df.schema == pl.Schema(ENFORCEMENT_SCHEMA)
    assert df.height == 250 and df["amount_eur"].drop_nulls().len() == 239
    from importlib import resources

    text = (resources.files("rgpd_risk") / "data" / "tidytuesday_fines.csv").read_text()
    assert "summary" not in text.splitlines()[8] and "MIT" in text  # header row, attribution


def test_shipped_fines_equal_a_fresh_import(tsv: pl.DataFrame) -> None:
    shipped = load_shipped_fines()
    cols = ["record_id", "date", "country", "amount_eur", "articles", "tier"]
    assert shipped.select(cols).equals(tsv.select(cols))


def test_calibration_table_is_aggregate_only() -> None:
    t = load_calibration_table()
    assert t["n"].min() >= 5
    assert set(t["dimension"].unique()) >= {"all", "tier", "family", "sector", "country"}
    assert "controller" not in t.columns and "summary" not in t.columns
    allc = t.filter((pl.col("dimension") == "all") & (pl.col("source_format") == "cms_json"))
    assert allc["n"][0] == 2104
    assert 10 ** allc["log10_q50"][0] == pytest.approx(6_900, rel=0.01)
