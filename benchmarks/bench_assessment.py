"""Benchmark of the assessment (issue 3).

Run:  .venv/bin/python benchmarks/bench_assessment.py [n ...]      (default 10000 100000 1000000)

For each size: build a synthetic inventory (:func:`rgpd_risk.inventory.synthetic.synthetic_inventory`,
seed 0), write it to Parquet in a temporary folder, then, three times over (interleaved, so
that a change of the machine's load hits every measure alike), time (wall clock):

* ``read``: ``pl.read_parquet`` of that file — the baseline;
* ``assess``: ``assess(frame, today=...)`` — every number of the assessment (CNIL, ENISA,
  DPIA verdicts, rule flags and seriousness, finding counts, scores); the text frames are
  rendered lazily;
* ``full``: ``assess(frame, today=...)`` then materialising ``.datasets`` (with the DPIA
  trail), ``.findings`` (evidence, reasons, FR/EN texts) and ``.contributions`` — end to end,
  what a user gets; its parts are timed too;

and print the minimum and the median of the three, datasets/s, and the ratios to the read
time of the same run. Goal (issue 3): 1 M rows in < 2 s on one process and within 10x the
Parquet read time. The load average is printed because the machine may be shared; the
process CPU time of ``full`` is printed as well (less sensitive to other processes).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl
from _machine import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

from rgpd_risk.assessment import assess
from rgpd_risk.inventory.synthetic import synthetic_inventory

TODAY = date(2025, 6, 30)


def _full(frame: pl.DataFrame) -> tuple[dict[str, float], pl.DataFrame]:
    times = {}
    t0 = time.perf_counter()
    a = assess(frame, today=TODAY)
    t1 = time.perf_counter()
    _ = a.datasets
    t2 = time.perf_counter()
    findings = a.findings
    t3 = time.perf_counter()
    _ = a.contributions
    t4 = time.perf_counter()
    times.update(assess=t1 - t0, datasets=t2 - t1, findings=t3 - t2, contributions=t4 - t3,
                 full=t4 - t0)
    return times, findings


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main(sizes: list[int], repeat: int = 3) -> None:
    print(f"# machine: nproc={os.cpu_count()}, CPU={cpu_model()}, polars {pl.__version__}, "
          f"threads={pl.thread_pool_size()}, POLARS_MAX_THREADS="
          f"{os.environ.get('POLARS_MAX_THREADS', '(unset)')}, python "
          f"{platform.python_version()}")
    print(f"# date: {date.today().isoformat()}; load average at start: {os.getloadavg()}; "
          f"today={TODAY}; {repeat} runs each, min / median")
    print("| rows | findings | read (s) | assess (s) | full (s) | full CPU (s) "
          "| datasets/s (full) | assess / read | full / read | load avg |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"inv_{n}.parquet"
            synthetic_inventory(n, seed=0).write_parquet(path)
            runs: dict[str, list[float]] = {}
            height = 0
            for _ in range(repeat):
                t_read, frame = _timed(lambda p=path: pl.read_parquet(p))
                t_assess, _ = _timed(lambda f=frame: assess(f, today=TODAY))
                c0 = time.process_time()
                times, findings = _full(frame)
                times["cpu"] = time.process_time() - c0
                height = findings.height
                for k, v in {"read": t_read, "assess": t_assess, **times}.items():
                    runs.setdefault(k, []).append(v)
                del frame, findings
            lo = {k: min(v) for k, v in runs.items()}
            md = {k: statistics.median(v) for k, v in runs.items()}

            def cell(k: str, lo: dict[str, float] = lo, md: dict[str, float] = md) -> str:
                return f"{lo[k]:.3f} / {md[k]:.3f}"

            print(f"| {n:,} | {height:,} | {cell('read')} | {cell('assess')} | {cell('full')} "
                  f"| {cell('cpu')} | {n / lo['full']:,.0f} / {n / md['full']:,.0f} "
                  f"| {lo['assess'] / lo['read']:.1f} / {md['assess'] / md['read']:.1f} "
                  f"| {lo['full'] / lo['read']:.1f} / {md['full'] / md['read']:.1f} "
                  f"| {os.getloadavg()[0]:.1f} |", flush=True)
            parts.append((n, lo, md))
    print("\nParts of `full` (min / median, s):\n")
    print("| rows | assess | datasets | findings | contributions |")
    print("|---:|---:|---:|---:|---:|")
    for n, lo, md in parts:
        print(f"| {n:,} | " + " | ".join(f"{lo[k]:.3f} / {md[k]:.3f}" for k in
                                          ("assess", "datasets", "findings", "contributions"))
              + " |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
