"""Back-test of estimate_fine against real decisions with a documented/estimated turnover.

Run:  .venv/bin/python benchmarks/backtest_fines.py [--seriousness-known]

For each decision in benchmarks/backtest_decisions.csv: tier from the gravest article,
legal maximum from the turnover, seriousness inferred by the model prior (default, what a user
knows before a decision). Reports coverage of the P5-P95 interval, its width in decades,
median |log10 error| of P50, against the naive rule "5 % of the legal maximum".

Two parameters of the default model (``FineModel.group_scaling_probability`` and
``turnover_elasticity``, authority practice above EUR 500 m) were FITTED on these decisions:
the figures printed here are in-sample. The out-of-sample figures (leave-one-out and
leave-one-controller-out) come from ``benchmarks/backtest_loo.py``; those are the ones to quote.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import polars as pl

from rgpd_risk.exposure import estimate_fine, legal_maximum
from rgpd_risk.law import gravest_tier, split_articles

HERE = Path(__file__).resolve().parent


def run(n_draws: int = 20_000, seed: int = 0) -> pl.DataFrame:
    """One row per decision with P5/P50/P95, naive and errors (pure given the CSV)."""
    dec = pl.read_csv(HERE / "backtest_decisions.csv", comment_prefix="#")
    rows = []
    for r in dec.iter_rows(named=True):
        refs, _ = split_articles(r["articles"])
        tier = gravest_tier(refs)
        est = estimate_fine(refs, float(r["turnover_eur"]), seed=seed, n_draws=n_draws)
        p5, p50, p95 = (float(x) for x in est.quantile([0.05, 0.5, 0.95]))
        naive = 0.05 * legal_maximum(tier, float(r["turnover_eur"]))
        a = float(r["amount_eur"])
        rows.append({
            "decision_id": r["decision_id"], "tier": tier, "turnover_status": r["turnover_status"],
            "amount_eur": a, "p5": p5, "p50": p50, "p95": p95, "naive": naive,
            "covered": p5 <= a <= p95, "width_decades": np.log10(p95 / p5),
            "abs_log10_err_p50": abs(np.log10(p50 / a)),
            "abs_log10_err_naive": abs(np.log10(naive / a)),
            "ratio_to_max": a / legal_maximum(tier, float(r["turnover_eur"])),
        })
    return pl.DataFrame(rows)


def summarise(df: pl.DataFrame) -> pl.DataFrame:
    """Coverage, width and errors, overall and by turnover status."""
    agg = [
        pl.len().alias("n"),
        pl.col("covered").mean().alias("coverage_p5_p95"),
        pl.col("width_decades").median().alias("median_width_decades"),
        pl.col("abs_log10_err_p50").median().alias("median_abs_log10_err_p50"),
        pl.col("abs_log10_err_naive").median().alias("median_abs_log10_err_naive"),
    ]
    return pl.concat([
        df.select(pl.lit("all").alias("subset"), *agg),
        df.group_by(pl.col("turnover_status").alias("subset")).agg(agg).sort("subset"),
    ])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n-draws", type=int, default=20_000)
    args = ap.parse_args()
    df = run(args.n_draws)
    pl.Config.set_tbl_rows(100).set_tbl_cols(20).set_tbl_width_chars(200)
    print(df.select("decision_id", "amount_eur", "p5", "p50", "p95", "covered",
                    "ratio_to_max").with_columns(pl.col(pl.Float64).round(4)))
    print(summarise(df).with_columns(pl.col(pl.Float64).round(3)))
    missed = df.filter(~pl.col("covered"))
    print("missed:", [(m["decision_id"], "below" if m["amount_eur"] < m["p5"] else "above")
                      for m in missed.iter_rows(named=True)])
    print("note: q and b of the default model were fitted on these decisions (in-sample "
          "figures); quote the out-of-sample ones of benchmarks/backtest_loo.py")


if __name__ == "__main__":
    main()
