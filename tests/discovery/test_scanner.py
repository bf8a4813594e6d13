from datetime import date
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.discovery import ScanError, scan


def entities(res) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(res.columns.select("column", "entity").rows())


def test_scan_planted_csv(planted_csv: Path) -> None:
    res = scan(planted_csv, progress=False)
    got = entities(res)
    assert got["email"] == "email"
    assert got["iban"] == "iban"
    assert got["nir"] == "nir"
    assert got["carte"] == "credit_card"
    assert got["ip"] == "ip_address"
    assert got["telephone"] == "phone"
    assert got["diagnostic"] == "health"
    row = res.columns.filter(pl.col("column") == "nir").row(0, named=True)
    assert row["category"] == "nir" and "checksum" in row["evidence"]
    assert row["match_share"] == 1.0 and row["match_share_low"] > 0.9
    assert row["n_non_null"] == 40 and row["distinct_estimate"] == 4


def test_same_seed_same_result_and_row_order_invariance(tmp_path: Path,
                                                         planted: pl.DataFrame) -> None:
    a_path, b_path = tmp_path / "a.csv", tmp_path / "b.csv"
    planted.write_csv(a_path)
    planted.reverse().write_csv(b_path)
    a1 = scan(a_path, progress=False, seed=5).columns
    a2 = scan(a_path, progress=False, seed=5).columns
    assert a1.equals(a2)
    b = scan(b_path, progress=False, seed=5).columns
    assert a1["entity"].to_list() == b["entity"].to_list()


def test_full_scan_counts_every_row(tmp_path: Path) -> None:
    n = 30_000
    df = pl.DataFrame({
        "email": [f"user{i}@exemple.fr" for i in range(n)],
        "created_at": [f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}" for i in range(n)],
    })
    path = tmp_path / "big.csv"
    df.write_csv(path)
    res = scan(path, full=True, sample=500, progress=False)
    email = res.columns.filter(pl.col("column") == "email").row(0, named=True)
    assert email["n_sampled"] == n and email["match_share"] == 1.0
    assert 0.9 * n < email["distinct_estimate"] < 1.1 * n
    created = res.columns.filter(pl.col("column") == "created_at").row(0, named=True)
    assert created["entity"] == "date"
    assert created["date_min"] == date(2010, 1, 10) and created["date_max"] == date(2019, 9, 19)
    sampled = scan(path, sample=500, progress=False)
    assert sampled.columns["n_sampled"].to_list() == [500, 500]


def test_missing_source_raises(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="absent.csv"):
        scan(tmp_path / "absent.csv", progress=False)


def test_folder_records_unreadable_files(tmp_path: Path, planted: pl.DataFrame) -> None:
    planted.write_csv(tmp_path / "ok.csv")
    (tmp_path / "broken.parquet").write_text("not parquet")
    res = scan(tmp_path, progress=False, workers=1)
    assert set(res.columns["table"]) == {"ok.csv"}
    assert res.errors["table"].to_list() == ["broken.parquet"]
    assert "Parquet" in res.errors["error"][0]


def test_process_pool_gives_the_same_result(tmp_path: Path, planted: pl.DataFrame) -> None:
    for i in range(3):
        planted.write_csv(tmp_path / f"f{i}.csv")
    serial = scan(tmp_path, progress=False, workers=1).columns
    pooled = scan(tmp_path, progress=False, workers=2).columns
    assert serial.equals(pooled)


def test_dask_cluster_gives_the_same_result(tmp_path: Path, planted: pl.DataFrame) -> None:
    distributed = pytest.importorskip("distributed")
    planted.write_csv(tmp_path / "a.csv")
    planted.write_csv(tmp_path / "b.csv")
    serial = scan(tmp_path, progress=False, workers=1).columns
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = scan(tmp_path, progress=False, dask_scheduler=cluster.scheduler_address).columns
    assert serial.equals(remote)


def test_date_range_ignores_year_zero():
    # "0000-01-01" placeholders of real exports parse to year 0, which has no Python date
    from rgpd_risk.discovery.scanner import _date_range

    assert _date_range("date", pl.Series(["0000-01-01", "2020-05-01", "2021-01-02"])) == (
        date(2020, 5, 1), date(2021, 1, 2))
