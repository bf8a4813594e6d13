"""Benchmark of the organisation-level enforcement model and of the plan (issue 13).

Run:  .venv/bin/python benchmarks/bench_enforcement.py [--plan-datasets 10000] [--skip-plan]

Measures (wall time, best of 3 for the organisation result; one run for the plan):
1. ``organisation_exposure``: a synthetic inventory of 10 000 datasets
   (``synthetic_inventory(10000, seed=0)``, assessed once outside the timing), 20 000 draws,
   with the per-dataset attribution, turnover EUR 300 m;
2. the superseded per-dataset model (``dataset_exposure``) on the same assessment — the
   baseline measured in the same run;
3. ``plan`` of the same inventory (every step re-assessed and re-simulated);
and numpy generating 20 000 000 standard normal draws as a machine baseline.
Goals: (1) < 2 s; (3) < 10 s (85 s before issue 13; 30-35 s on 2026-12-04 before the plan
screened band by band and re-assessed only the changed rows).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from datetime import date

import numpy as np
import polars as pl
from _machine import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

from rgpd_risk.assessment import assess
from rgpd_risk.exposure.inventory import dataset_exposure
from rgpd_risk.exposure.organisation import organisation_exposure
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.synthetic import synthetic_inventory
from rgpd_risk.remediation import plan

TODAY = date(2026, 11, 29)


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=int, default=10_000)
    ap.add_argument("--plan-datasets", type=int, default=10_000)
    ap.add_argument("--skip-plan", action="store_true")
    args = ap.parse_args()
    org = Organisation(name="bench", turnover_eur=300e6, employees=2_000)
    inv = synthetic_inventory(args.datasets, seed=0)
    a = assess(inv, organisation=org, today=TODAY)
    findings, frame = a.findings, inv
    organisation_exposure(findings.head(200), frame.head(200), org, n_draws=1_000)  # warm-up

    def org_result() -> object:
        r = organisation_exposure(findings, frame, org, n_draws=20_000, seed=0)
        r.datasets, r.scenarios  # built on first access: timed here like before  # noqa: B018
        return r

    def legacy() -> object:
        return dataset_exposure(a, organisation=org, n_draws=20_000, seed=0)

    def numpy_base() -> object:
        return np.random.default_rng(0).standard_normal(20_000_000)

    res = org_result()
    rows = [
        (f"organisation_exposure {args.datasets} datasets x 20000 (with attribution)",
         _best(org_result)),
        (f"dataset_exposure (superseded) {args.datasets} x 20000", _best(legacy)),
        ("numpy standard_normal 20 000 000", _best(numpy_base)),
    ]
    if not args.skip_plan:
        pinv = synthetic_inventory(args.plan_datasets, seed=0)
        t0 = time.perf_counter()
        p = plan(pinv, organisation=org, today=TODAY)
        rows.append((f"plan {args.plan_datasets} datasets ({p.steps.height} steps)",
                     time.perf_counter() - t0))
    base = rows[2][1]
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}; nproc: {os.cpu_count()}; CPU: {cpu_model()}; "
          f"load average {os.getloadavg()[0]:.1f}; python {platform.python_version()}; "
          f"numpy {np.__version__}; polars {pl.__version__}")
    print(f"findings: {findings.height}; cells: {res.cells.height}; "  # type: ignore[attr-defined]
          f"P(control) {res.summary()['p_control']:.4f}")  # type: ignore[attr-defined]
    print("| workload | time (s) | ratio to numpy baseline |")
    print("|---|---|---|")
    for name, t in rows:
        print(f"| {name} | {t:.3f} | {t / base:.1f} |")


if __name__ == "__main__":
    main()
