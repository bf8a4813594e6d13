"""Sensitivity of estimate_fine to the main priors of FineModel (our modelling choices).

Run:  .venv/bin/python benchmarks/sensitivity_exposure.py
Prints a markdown table (P5 / P50 / P95 in EUR) for a reference case: Art. 5(1)(f) + Art. 32,
turnover EUR 30 m and EUR 2 bn, seriousness inferred, one parameter changed at a time.
"""

from __future__ import annotations

from dataclasses import replace

from rgpd_risk.exposure import DEFAULT_MODEL, estimate_fine

VARIANTS = {
    "default": DEFAULT_MODEL,
    "seriousness prior all high": replace(
        DEFAULT_MODEL, seriousness_prior={t: (0.0, 0.0, 1.0) for t in ("83(4)", "83(5)", "83(6)")}),
    "seriousness prior all low": replace(
        DEFAULT_MODEL, seriousness_prior={t: (1.0, 0.0, 0.0) for t in ("83(4)", "83(5)", "83(6)")}),
    "band position uniform Beta(1,1)": replace(
        DEFAULT_MODEL, band_position={s: (1.0, 1.0) for s in ("low", "medium", "high")}),
    "size position uniform Beta(1,1)": replace(DEFAULT_MODEL, size_position=(1.0, 1.0)),
    "no Step 5 (probability 0)": replace(DEFAULT_MODEL, step5_probability=0.0),
    "Step 3 sd 0.30": replace(DEFAULT_MODEL, step3_sd=0.30),
    "EDPB arithmetic above 500 m (q = 1)": replace(DEFAULT_MODEL, group_scaling_probability=1.0),
    "always damped above 500 m (q = 0)": replace(DEFAULT_MODEL, group_scaling_probability=0.0),
    "elasticity b = 0 (static basis)": replace(DEFAULT_MODEL, turnover_elasticity=0.0),
}


def main() -> None:
    print("| variant | turnover | P5 | P50 | P95 |")
    print("|---|---|---|---|---|")
    for name, model in VARIANTS.items():
        for turnover in (30e6, 2e9):
            e = estimate_fine(["Art. 5(1)(f)", "Art. 32"], turnover, model=model, n_draws=50_000)
            p5, p50, p95 = e.quantile([0.05, 0.5, 0.95])
            print(f"| {name} | {turnover:,.0f} | {p5:,.0f} | {p50:,.0f} | {p95:,.0f} |")


if __name__ == "__main__":
    main()
