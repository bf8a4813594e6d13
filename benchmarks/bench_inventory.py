"""Benchmark of loading + validating inventories (issue 17, "Speed").

Run:  .venv/bin/python benchmarks/bench_inventory.py [n ...]      (default 1000000)

For each size: build a synthetic inventory (``synthetic_inventory(n, seed=0)``), write it to
Parquet in a temporary folder, then three times over (interleaved, so that a change of the
machine's load hits every measure alike) time (wall clock):

* ``read``: ``pl.read_parquet`` of that file — the baseline;
* ``load``: ``load_inventory(path, organisation=..., today=...)`` — read, map headers, parse and
  validate every cell, retention parsing, defaults; the same errors and warnings as for any file.

Then the messy French export: ``data/sample/registre_export_fr.csv`` (semicolons, Windows-1252,
French headers, "Oui/Non", "12 000", dd/mm/yyyy, retention in words) repeated to 10 000 rows
with unique ids, written as a cp1252 CSV, loaded three times.

Goals (issue 17): 1 M rows in < 5 s and ≤ 5x the raw Parquet read; 10 000 rows of the messy
French export in < 1 s. Prints min and median of three, the ratio to the read of the same run,
and the load average (the machine is shared).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl
from _machine import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

from rgpd_risk import load_inventory
from rgpd_risk.inventory.synthetic import synthetic_inventory, synthetic_organisation

TODAY = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _french_export(folder: Path, rows: int) -> Path:
    sample = ROOT / "data" / "sample" / "registre_export_fr.csv"
    frame = pl.read_csv(sample, separator=";", encoding="cp1252", infer_schema_length=0)
    reps = -(-rows // frame.height)
    big = pl.concat([frame] * reps).head(rows)
    id_col = big.columns[0]
    big = big.with_columns(pl.format("{}-{}", pl.col(id_col), pl.int_range(pl.len())).alias(id_col))
    path = folder / "registre_export_fr_10k.csv"
    path.write_bytes(big.write_csv(separator=";").encode("cp1252"))
    return path


def main(sizes: list[int]) -> None:
    print(f"# bench_inventory  {date.today().isoformat()}  {platform.python_version()}  polars {pl.__version__}")
    print(f"# machine: nproc={os.cpu_count()}  {cpu_model()}  load average {os.getloadavg()}")
    org = synthetic_organisation(0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            path = folder / f"synthetic_{n}.parquet"
            synthetic_inventory(n, seed=0).write_parquet(path)
            reads, loads = [], []
            for _ in range(REPEATS):
                reads.append(_time(lambda path=path: pl.read_parquet(path)))
                loads.append(_time(lambda path=path: load_inventory(path, organisation=org, today=TODAY)))
            inv = load_inventory(path, organisation=org, today=TODAY)
            r, lo = statistics.median(reads), statistics.median(loads)
            print(
                f"synthetic n={n:>9,}: read min {min(reads):.3f} s median {r:.3f} s | load+validate min "
                f"{min(loads):.3f} s median {lo:.3f} s | ratio (median) {lo / r:.1f}x | "
                f"{n / lo:,.0f} rows/s | {len(inv.issues)} warnings"
            )
        french = _french_export(folder, 10_000)
        times = [_time(lambda: load_inventory(french, organisation=org, today=TODAY)) for _ in range(REPEATS)]
        inv = load_inventory(french, organisation=org, today=TODAY)
        print(
            f"messy French export, {inv.frame.height:,} rows (cp1252, ';'): load+validate min {min(times):.3f} s "
            f"median {statistics.median(times):.3f} s | {len(inv.issues)} warnings"
        )
    print(f"# load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000_000])
