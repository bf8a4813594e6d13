"""Database sources: SQLite and DuckDB files made here; PostgreSQL when RGPD_RISK_PG_URL is set."""

import os
import sqlite3
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.discovery import ScanError, scan


def _rows(planted: pl.DataFrame) -> list[tuple[str, ...]]:
    return [tuple(str(v) for v in r) for r in planted.rows()]


@pytest.fixture
def sqlite_db(tmp_path: Path, planted: pl.DataFrame) -> Path:
    path = tmp_path / "crm.sqlite"
    con = sqlite3.connect(path)
    cols = ", ".join(f'"{c}" TEXT' for c in planted.columns)
    con.execute(f"CREATE TABLE clients ({cols})")
    con.executemany(f"INSERT INTO clients VALUES ({', '.join('?' * planted.width)})",
                    _rows(planted))
    con.execute("CREATE TABLE produits (sku TEXT, prix REAL)")
    con.executemany("INSERT INTO produits VALUES (?, ?)", [(f"P{i:04d}", i * 1.5) for i in range(50)])
    con.commit()
    con.close()
    return path


@pytest.fixture
def duckdb_db(tmp_path: Path, planted: pl.DataFrame) -> Path:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "ventes.duckdb"  # same name as the schema: DuckDB calls that ambiguous
    con = duckdb.connect(str(path))
    con.register("planted", planted.to_arrow())
    con.execute("CREATE SCHEMA ventes")
    con.execute("CREATE TABLE ventes.ventes.clients AS SELECT * FROM planted")
    con.execute("CREATE TABLE main.big AS SELECT range AS id, 'user' || range || '@exemple.fr' "
                "AS email FROM range(20000)")
    con.close()
    return path


def test_sqlite_every_table_sampled_in_database(sqlite_db: Path) -> None:
    res = scan(f"sqlite:///{sqlite_db}", progress=False, sample=25)
    assert set(res.columns["table"]) == {"clients", "produits"}
    clients = res.columns.filter(pl.col("table") == "clients")
    assert clients["n_sampled"].max() == 25
    got = dict(clients.select("column", "entity").rows())
    assert got["email"] == "email" and got["iban"] == "iban"
    again = scan(f"sqlite:///{sqlite_db}", progress=False, sample=25)
    assert res.columns.equals(again.columns)
    assert "secret" not in res.columns["source"][0]


def test_sqlite_is_opened_read_only(sqlite_db: Path) -> None:
    before = sqlite_db.read_bytes()
    scan(f"sqlite:///{sqlite_db}", progress=False)
    assert sqlite_db.read_bytes() == before


@pytest.mark.parametrize("query", ["?timeout=5", "?cache=private", "?mode=rwc", "?timeout=5&cache=private&mode=rw"])
def test_sqlite_url_with_a_query_is_opened_read_only(sqlite_db: Path, query: str) -> None:
    import sqlalchemy as sa

    from rgpd_risk.discovery.database import _engine

    before = sqlite_db.read_bytes()
    res = scan(f"sqlite:///{sqlite_db}{query}", progress=False, sample=25)
    assert not res.columns.is_empty()
    with _engine(f"sqlite:///{sqlite_db}{query}").connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM sqlite_master")).scalar() > 0
        with pytest.raises(sa.exc.OperationalError, match="readonly"):
            conn.execute(sa.text("CREATE TABLE written (x INTEGER)"))
    assert sqlite_db.read_bytes() == before


def test_sqlite_path_with_uri_characters(tmp_path: Path) -> None:
    import sqlite3

    import sqlalchemy as sa

    from rgpd_risk.discovery.database import _engine

    path = tmp_path / "a #1 100%.db"  # "?" would start the URL query
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x INTEGER)")
    with _engine(f"sqlite:///{path}").connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM t")).scalar() == 0


def test_duckdb_schema_choice_and_sampling(duckdb_db: Path) -> None:
    res = scan(f"duckdb:///{duckdb_db}", progress=False, schema="ventes")
    assert set(res.columns["table"]) == {"ventes.clients"}
    assert dict(res.columns.select("column", "entity").rows())["nir"] == "nir"
    big = scan(f"duckdb:///{duckdb_db}", progress=False, sample=1000)
    row = big.columns.filter((pl.col("table") == "big") & (pl.col("column") == "email")).row(0, named=True)
    assert row["entity"] == "email" and row["n_sampled"] == 1000
    assert 10_000 < row["distinct_estimate"] <= 20_000
    full = scan(f"duckdb:///{duckdb_db}", progress=False, sample=1000, full=True)
    row = full.columns.filter((pl.col("table") == "big") & (pl.col("column") == "email")).row(0, named=True)
    assert row["n_sampled"] == 20_000


def test_bad_database_url() -> None:
    with pytest.raises(ScanError, match="cannot list tables"):
        scan("postgresql://nobody:pw@127.0.0.1:1/none", progress=False)


PG_URL = os.environ.get("RGPD_RISK_PG_URL")


@pytest.mark.skipif(not PG_URL, reason="set RGPD_RISK_PG_URL to test against PostgreSQL")
def test_postgresql(planted: pl.DataFrame) -> None:  # pragma: no cover - needs a server
    import sqlalchemy as sa

    assert PG_URL is not None
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS rgpd_scan_test CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA rgpd_scan_test"))
        cols = ", ".join(f'"{c}" TEXT' for c in planted.columns)
        conn.execute(sa.text(f"CREATE TABLE rgpd_scan_test.clients ({cols})"))
        conn.execute(sa.text(
            f"INSERT INTO rgpd_scan_test.clients VALUES ({', '.join(':' + c for c in planted.columns)})"),
            planted.to_dicts())
        conn.execute(sa.text("CREATE TABLE rgpd_scan_test.big AS SELECT g AS id, 'u' || g || "
                             "'@exemple.fr' AS email FROM generate_series(1, 200000) g"))
        conn.execute(sa.text("ANALYZE rgpd_scan_test.big"))
    try:
        res = scan(PG_URL, schema="rgpd_scan_test", progress=False, sample=2000)
        got = {(t, c): e for t, c, e in res.columns.select("table", "column", "entity").rows()}
        assert got[("rgpd_scan_test.clients", "nir")] == "nir"
        assert got[("rgpd_scan_test.big", "email")] == "email"
        again = scan(PG_URL, schema="rgpd_scan_test", progress=False, sample=2000)
        assert res.columns.equals(again.columns)
        big = res.columns.filter(pl.col("table") == "rgpd_scan_test.big")
        assert big["n_sampled"].max() == 2000
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA rgpd_scan_test CASCADE"))
        engine.dispose()
