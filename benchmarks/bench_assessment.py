"""Benchmark of the assessment (issue 3).

Run:  .venv/bin/python benchmarks/bench_assessment.py [n ...]      (default 10000 100000 1000000)

For each size: build a synthetic inventory (:func:`rgpd_risk.inventory.synthetic.synthetic_inventory`,
seed 0), write it to Parquet in a temporary folder, then time (wall clock, best of 3):

* ``read``: ``pl.read_parquet`` of that file — the baseline;
* ``assess``: ``assess(frame)`` — every number of the assessment (CNIL, ENISA, DPIA verdicts,
  rule flags and seriousness, finding counts, scores); the text frames are rendered lazily;
* ``full``: ``assess(frame)`` then materialising ``.datasets`` (with the DPIA trail),
  ``.findings`` (evidence, reasons, FR/EN texts) and ``.contributions`` — end to end;

and print datasets/s and the ratios to the read time. Goal (issue 3): 1 M rows in < 2 s on
one process and within 10x the Parquet read time. The load average is printed because the
machine may be shared.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl

from rgpd_risk.assessment import assess
from rgpd_risk.inventory.synthetic import synthetic_inventory

TODAY = date(2025, 6, 30)


def _best(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _full(frame: pl.DataFrame):
    a = assess(frame, today=TODAY)
    return a, a.datasets, a.findings, a.contributions


def main(sizes: list[int]) -> None:
    print(f"# machine: nproc={os.cpu_count()}, CPU={_cpu()}, polars {pl.__version__}, "
          f"threads={pl.thread_pool_size()}, python {platform.python_version()}")
    print(f"# date: {date.today().isoformat()}; load average at start: {os.getloadavg()}")
    print("| rows | findings | read (s) | assess (s) | full (s) | datasets/s (full) "
          "| assess / read | full / read | load avg |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"inv_{n}.parquet"
            synthetic_inventory(n, seed=0).write_parquet(path)
            t_read, frame = _best(lambda p=path: pl.read_parquet(p))
            t_assess, _ = _best(lambda f=frame: assess(f, today=TODAY))
            t_full, out = _best(lambda f=frame: _full(f))
            print(f"| {n:,} | {out[2].height:,} | {t_read:.3f} | {t_assess:.3f} | {t_full:.3f} "
                  f"| {n / t_full:,.0f} | {t_assess / t_read:.1f} | {t_full / t_read:.1f} "
                  f"| {os.getloadavg()[0]:.1f} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
