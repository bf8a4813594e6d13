"""Hostile names on the scanner's command line (audit of issue 17): file names that look like
glob patterns, column names that are people's names, database URLs holding a password.

Each case runs ``rgpd-risk scan`` in a subprocess under ``resource.setrlimit`` (address space
and CPU time) with a wall-clock timeout, as ``tests/inventory/test_hostile.py`` does, so that a
regression fails instead of exhausting the machine or hanging CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import polars as pl
import pytest

MEMORY_BYTES = 3 * 1024**3
CPU_SECONDS = 120
WALL_SECONDS = 240
ROOT = Path(__file__).resolve().parents[2]

_CHILD = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({mem}, {mem}))
    resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
    from rgpd_risk.cli import main
    sys.exit(main(sys.argv[1:]))
    """
).format(mem=MEMORY_BYTES, cpu=CPU_SECONDS)


def _scan(*args: str) -> subprocess.CompletedProcess[str]:
    """``rgpd-risk scan ARGS`` in a bounded child; no traceback whatever the outcome."""
    return _cli("scan", "--workers", "1", "--no-progress", *args)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``rgpd-risk ARGS`` in a bounded child; no traceback whatever the outcome."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        capture_output=True,
        text=True,
        timeout=WALL_SECONDS,
        env=env,
    )
    assert "Traceback" not in out.stdout + out.stderr, out.stderr[-3000:]
    return out


ROWS = {"client": ["a", "b", "c"], "courriel": ["x@example.org", "y@example.org", "z@example.org"]}


@pytest.mark.parametrize("name", ["inv[red].csv", "inv*.csv", "inv?.csv", "inv{a,b}.csv", "t[1].parquet",
                                  "t[1].jsonl"])
def test_file_whose_name_looks_like_a_glob_pattern_is_scanned(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "[bold]x[" / "bold]"
    folder.mkdir(parents=True)
    path = folder / name
    frame = pl.DataFrame(ROWS)
    if name.endswith(".parquet"):
        frame.write_parquet(path)
    elif name.endswith(".jsonl"):
        frame.write_ndjson(path)
    else:
        frame.write_csv(path)
    # a neighbour the pattern would match: it must not be read instead of the named file
    pl.DataFrame({"other": ["1"]}).write_csv(folder / "invx.csv")
    report = tmp_path / "scan.json"
    out = _scan(str(path), "--json", str(report))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "glob" not in out.stdout + out.stderr
    columns = {c["column"] for c in json.loads(report.read_text())["columns"]}
    assert columns == {"client", "courriel"}


PEOPLE = ("Jean Dupont", "DUPONT Marie", "Marie Curie", "dupont_jean", "Jean-Pierre de La Fontaine")
ORDINARY = ("Date de naissance", "First Name", "Customer ID", "Unit Price", "Legal Basis", "ville")


def _no_person_in(text: str) -> None:
    lowered = text.lower()
    for raw in ("dupont", "curie", "fontaine", "jean", "marie"):
        assert raw not in lowered, f"raw name leaked: {raw!r}"


def test_database_and_csv_names_that_are_people_are_masked(tmp_path: Path) -> None:
    # Audit of issue 17: a column named "Jean Dupont" was printed raw in the table and the JSON.
    import sqlite3

    db = tmp_path / "pii.sqlite"
    con = sqlite3.connect(db)
    columns = ", ".join(f'"{c}" TEXT' for c in (*PEOPLE, *ORDINARY))
    con.execute(f'CREATE TABLE "Jean Dupont" ({columns})')
    con.execute('CREATE TABLE "dupont_marie" (x TEXT)')
    row = ("x", "y", "z", "w", "v", "1990-01-01", "Paul", "C-1", "12.5", "contract", "Lyon")
    con.executemany(f'INSERT INTO "Jean Dupont" VALUES ({", ".join("?" * len(row))})', [row] * 5)
    con.executemany('INSERT INTO "dupont_marie" VALUES (?)', [("a",)] * 5)
    con.commit()
    con.close()
    csv_path = tmp_path / "export.csv"
    pl.DataFrame({name: [value] * 5 for name, value in zip((*PEOPLE, *ORDINARY), row, strict=True)}).write_csv(
        csv_path
    )
    for source in (f"sqlite:///{db}", str(csv_path)):
        report = tmp_path / "scan.json"
        out = _scan(source, "--json", str(report))
        assert out.returncode == 0, out.stdout + out.stderr
        written = report.read_text()
        _no_person_in(out.stdout.replace(str(tmp_path), "") + out.stderr + written)
        shown = {c["column"] for c in json.loads(written)["columns"]}
        assert set(ORDINARY) <= shown  # ordinary headers stay readable
        assert {"column 1 (J*** D***)", "column 2 (D*** M***)"} <= shown


SECRET = "S3cr3t-pw"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:1/crm",  # refused connection
        f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:99999/crm",  # invalid port
        f"postgresql://alice:{SECRET}@[::1/crm",  # not a parsable URL
        f"postgresql+psycopg://alice:{SECRET}@host:abc/crm",
        f"postgresql+nodriver://alice:{SECRET}@127.0.0.1:1/crm",  # unknown driver
        f"postgresql+psycopg:///crm?host=127.0.0.1&port=1&password={SECRET}",  # password in the query
        f"postgresql:/alice:{SECRET}@127.0.0.1/crm",  # mistyped: read as a path
    ],
)
def test_database_password_is_never_echoed(url: str) -> None:
    out = _scan(url)
    assert out.returncode == 1
    text = out.stdout + out.stderr
    assert "error" in text and SECRET not in text, text
    assert "***" in text


def test_database_password_is_never_echoed_by_report(tmp_path: Path) -> None:
    sample = ROOT / "data" / "sample" / "inventory.csv"
    inventory = tmp_path / "inv.csv"
    inventory.write_text("\n".join(sample.read_text(encoding="utf-8").splitlines()[:4]) + "\n", encoding="utf-8")
    out = _cli("report", "discovery", str(inventory), "--scan", f"postgresql+psycopg://alice:{SECRET}@127.0.0.1:1/crm",
               "--out", str(tmp_path / "rep"), "--no-progress")
    assert out.returncode == 1
    assert SECRET not in out.stdout + out.stderr, out.stdout + out.stderr
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert not leaked


def test_unreadable_files_of_a_folder_are_listed_not_fatal(tmp_path: Path) -> None:
    """A broken workbook, a named pipe and a device named like CSV files: the folder's other files
    are scanned, each unreadable one is named in the errors (printed, exit code 1), and the pipe
    is never opened (reading it would block for ever)."""
    folder = tmp_path / "drive"
    folder.mkdir()
    pl.DataFrame(ROWS).write_csv(folder / "ok.csv")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    os.mkfifo(folder / "pipe.csv")
    (folder / "zero.csv").symlink_to("/dev/zero")
    report = tmp_path / "scan.json"
    out = _scan(str(folder), "--json", str(report))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "3 table(s) or file(s) could not be read" in out.stdout
    written = json.loads(report.read_text())
    assert sorted(e["table"] for e in written["errors"]) == ["broken.xlsx", "pipe.csv", "zero.csv"]
    assert {c["column"] for c in written["columns"]} == set(ROWS)
    direct = _scan(str(folder / "pipe.csv"))
    assert direct.returncode == 1 and "not a regular file" in direct.stdout
