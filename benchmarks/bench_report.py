"""Benchmark of the reports (issue 6): end to end, kernel start included.

Run:  .venv/bin/python benchmarks/bench_report.py [--n 10000] [--lang fr]

Measures the wall time of ``rgpd-risk report board`` as the library runs it (papermill
executes ``notebooks/03_board.ipynb`` in a fresh kernel, nbconvert exports the HTML):

1. the bundled sample (61 datasets) — goal < 30 s;
2. a synthetic inventory of 10 000 datasets (``rgpd_risk.synthetic_inventory(n, seed)``,
   written to Parquet first, with ``synthetic_organisation``) — goal < 60 s;

and the size of each HTML report (goal < 10 MB whatever the inventory size).
Figures are recorded in ``benchmarks/RESULTS_report.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from _machine import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"sample": 30.0, "synthetic": 60.0}
MAX_HTML = 10_000_000


def _run(label: str, inventory: Path, organisation: Path | None, out: Path, lang: str) -> tuple[float, int]:
    from rgpd_risk.report.runner import run_reports

    t0 = time.perf_counter()
    result = run_reports(["board"], inventory, organisation, lang=lang, out=out, run_id=label)
    seconds = time.perf_counter() - t0
    size = (result.run_dir / f"board_{lang}.html").stat().st_size
    return seconds, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="datasets of the synthetic inventory")
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    args = parser.parse_args(argv)

    import yaml

    import rgpd_risk

    print(f"# bench_report — {dt.date.today().isoformat()}, {os.cpu_count()} CPU(s), {cpu_model()}, "
          f"Python {platform.python_version()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        tmp = Path(tmp)
        sample = ROOT / "data" / "sample"
        seconds, size = _run("sample", sample / "inventory.csv", sample / "organisation.yaml", tmp / "out", args.lang)
        rows.append(("sample (61 datasets)", seconds, size, GOALS["sample"]))

        if hasattr(rgpd_risk, "synthetic_inventory"):
            t0 = time.perf_counter()
            frame = rgpd_risk.synthetic_inventory(args.n, seed=0)
            inv_path = tmp / f"synthetic_{args.n}.parquet"
            rgpd_risk.write_inventory(frame, inv_path)
            org_path = tmp / "organisation.yaml"
            org = rgpd_risk.synthetic_organisation(seed=0)
            org_path.write_text(yaml.safe_dump(org.model_dump(), allow_unicode=True), encoding="utf-8")
            prep = time.perf_counter() - t0
            print(f"synthetic inventory of {args.n} datasets generated and written in {prep:.1f} s")
            seconds, size = _run("synthetic", inv_path, org_path, tmp / "out", args.lang)
            rows.append((f"synthetic ({args.n:,} datasets)", seconds, size, GOALS["synthetic"]))
        else:
            print("rgpd_risk.synthetic_inventory is not available: synthetic case skipped")

    ok = True
    print("| case | wall time (s) | goal (s) | HTML size (MB) |")
    print("|---|---:|---:|---:|")
    for label, seconds, size, goal in rows:
        print(f"| {label} | {seconds:.1f} | < {goal:.0f} | {size / 1e6:.2f} |")
        ok &= seconds < goal and size < MAX_HTML
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
