"""Benchmark of the fine-exposure engine (issue 4).

Run:  .venv/bin/python benchmarks/bench_exposure.py

Measures (wall time, best of 3; peak traced memory via tracemalloc on a separate run):
1. simulate_portfolio: 1 000 datasets x 20 000 draws;
2. estimate_fine: one case, 1 000 000 draws;
and, in the same run, a baseline: numpy generating the same number of standard normal draws
(20 000 000 and 1 000 000), so the ratio is machine-independent-ish.
"""

from __future__ import annotations

import os
import platform
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import polars as pl

from rgpd_risk.exposure import estimate_fine, simulate_portfolio


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


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


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

    def base_port() -> object:
        return np.random.default_rng(0).standard_normal(20_000_000)

    def base_single() -> object:
        return np.random.default_rng(0).standard_normal(1_000_000)

    portfolio()  # warm-up (imports, caches)
    rows = [
        ("simulate_portfolio 1000 x 20000", _best(portfolio), _peak_mb(portfolio),
         _best(base_port), _peak_mb(base_port)),
        ("estimate_fine 1 000 000 draws", _best(single), _peak_mb(single),
         _best(base_single), _peak_mb(base_single)),
    ]
    print(f"date: {time.strftime('%Y-%m-%d')}; nproc: {os.cpu_count()}; CPU: {_cpu_model()}; "
          f"python {platform.python_version()}; numpy {np.__version__}; polars {pl.__version__}")
    print("| workload | time (s) | peak MB | baseline time (s) | baseline peak MB | time ratio |")
    print("|---|---|---|---|---|---|")
    for name, t, m, bt, bm in rows:
        print(f"| {name} | {t:.3f} | {m:.1f} | {bt:.3f} | {bm:.1f} | {t / bt:.1f} |")


if __name__ == "__main__":
    main()
