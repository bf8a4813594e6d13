"""Benchmark of the fine-exposure engine (issue 4).

Run:  .venv/bin/python benchmarks/bench_exposure.py

Measures (wall time, best of 3; peak traced memory via tracemalloc on a separate run):
1. simulate_portfolio: 1 000 datasets x 20 000 draws;
2. estimate_fine: one case, 1 000 000 draws;
3. exposure (rgpd_risk.exposure.inventory): an assessed synthetic inventory of 1 000 datasets
   (``synthetic_inventory(1000, seed=0)``, assessed and its findings rendered once, outside
   the timing), turnover EUR 300 m, 20 000 draws — tier/seriousness per dataset, EDPB ranges,
   simulation, portfolio quantiles and exceedance curve;
and, in the same run, a baseline: numpy generating the same number of standard normal draws
(20 000 000 and 1 000 000), so the ratio is machine-independent-ish.
"""

from __future__ import annotations

import os
import platform
import time
import tracemalloc
from collections.abc import Callable
from datetime import date

import numpy as np
import polars as pl
from _machine import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

from rgpd_risk.assessment import assess
from rgpd_risk.exposure import estimate_fine, simulate_portfolio
from rgpd_risk.exposure.inventory import exposure
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.synthetic import synthetic_inventory


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    rng = np.random.default_rng(0)
    n = 1_000
    cases = pl.DataFrame({
        "dataset_id": [f"ds{i:04d}" for i in range(n)],
        "tier": rng.choice(["83(4)", "83(5)"], n).tolist(),
        "seriousness": rng.choice(["low", "medium", "high"], n).tolist(),
        "group": [f"g{i % 100}" for i in range(n)],
    })

    def portfolio() -> object:
        return simulate_portfolio(cases, 300e6, n_draws=20_000, seed=0)

    def single() -> object:
        return estimate_fine(["Art. 6", "Art. 32"], 2e9, n_draws=1_000_000, seed=0)

    assessed = assess(synthetic_inventory(n, seed=0), today=date(2026, 11, 29))
    _ = assessed.findings, assessed.datasets  # rendered once, cached by the Assessment
    org = Organisation(name="bench", turnover_eur=300e6)

    def inventory() -> object:
        return exposure(assessed, organisation=org, n_draws=20_000, seed=0)

    def base_port() -> object:
        return np.random.default_rng(0).standard_normal(20_000_000)

    def base_single() -> object:
        return np.random.default_rng(0).standard_normal(1_000_000)

    portfolio()  # warm-up (imports, caches)
    inventory()
    rows = [
        ("simulate_portfolio 1000 x 20000", _best(portfolio), _peak_mb(portfolio),
         _best(base_port), _peak_mb(base_port)),
        ("estimate_fine 1 000 000 draws", _best(single), _peak_mb(single),
         _best(base_single), _peak_mb(base_single)),
        (f"exposure(assessment) {n} datasets x 20000", _best(inventory), _peak_mb(inventory),
         _best(base_port), _peak_mb(base_port)),
    ]
    print(f"date: {time.strftime('%Y-%m-%d')}; nproc: {os.cpu_count()}; CPU: {cpu_model()}; "
          f"python {platform.python_version()}; numpy {np.__version__}; polars {pl.__version__}")
    print("| workload | time (s) | peak MB | baseline time (s) | baseline peak MB | time ratio |")
    print("|---|---|---|---|---|---|")
    for name, t, m, bt, bm in rows:
        print(f"| {name} | {t:.3f} | {m:.1f} | {bt:.3f} | {bm:.1f} | {t / bt:.1f} |")


if __name__ == "__main__":
    main()
