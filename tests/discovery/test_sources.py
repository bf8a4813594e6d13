from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.discovery import ScanError
from rgpd_risk.discovery.sources import (
    file_units,
    folder_units,
    iter_batches,
    read_sample,
    sniff_csv,
)

TEXT = "nom;prénom;ville\nDupont;Hélène;Besançon\nMartin;Zoé;Orléans\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_encodings_and_separators(tmp_path: Path, encoding: str, sep: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(TEXT.replace(";", sep).encode(encoding))
    fmt = sniff_csv(path)
    assert fmt.separator == sep
    df, total = read_sample(file_units(path)[0], 100, seed=0)
    assert total == 2
    assert df.columns == ["nom", "prénom", "ville"]
    assert df["prénom"].to_list() == ["Hélène", "Zoé"]


def test_missing_binary_and_empty_files_raise_scan_error(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="nope.csv"):
        file_units(tmp_path / "nope.csv")
    binary = tmp_path / "blob.csv"
    binary.write_bytes(b"\x00\x01\x02garbage\x00")
    with pytest.raises(ScanError, match="blob.csv.*binary"):
        read_sample(file_units(binary)[0], 10, 0)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ScanError, match="empty"):
        read_sample(file_units(empty)[0], 10, 0)
    fake = tmp_path / "fake.parquet"
    fake.write_text("a,b\n1,2\n")
    with pytest.raises(ScanError, match="fake.parquet.*Parquet"):
        read_sample(file_units(fake)[0], 10, 0)


def test_sampling_is_seeded_bounded_and_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    pl.DataFrame({"i": range(50_000), "v": [f"x{i}" for i in range(50_000)]}).write_csv(path)
    unit = file_units(path)[0]
    a, total = read_sample(unit, 1000, seed=1)
    b, _ = read_sample(unit, 1000, seed=1)
    c, _ = read_sample(unit, 1000, seed=2)
    assert total == 50_000 and a.height == 1000
    assert a.equals(b) and not a.equals(c)
    # spread over the whole file, not the first rows
    assert int(a["i"].cast(pl.Int64).max()) > 40_000
    batches = list(iter_batches(unit, batch_rows=20_000))
    assert sum(x.height for x in batches) == 50_000 and len(batches) >= 2


def test_parquet_jsonl_xlsx_and_folder(tmp_path: Path) -> None:
    df = pl.DataFrame({"email": ["a@b.fr", "c@d.com"], "n": [1, 2]})
    df.write_parquet(tmp_path / "t.parquet")
    df.write_ndjson(tmp_path / "t.jsonl")
    df.write_excel(tmp_path / "t.xlsx")
    (tmp_path / "sub").mkdir()
    df.write_csv(tmp_path / "sub" / "t.csv")
    (tmp_path / "notes.md").write_text("ignored")
    units = folder_units(tmp_path)
    assert sorted(u.kind for u in units) == ["csv", "jsonl", "parquet", "xlsx"]
    for unit in units:
        sample, total = read_sample(unit, 10, 0)
        assert total == 2 and sample.height == 2
        assert sample["email"].cast(pl.Utf8).to_list() == ["a@b.fr", "c@d.com"]
