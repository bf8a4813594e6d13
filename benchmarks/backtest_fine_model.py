"""Leave-one-out back-test of the calibrated fine model (``estimate_fine``'s default method).

Run:  .venv/bin/python benchmarks/backtest_fine_model.py [--sanctions PATH] [--n-draws 20000]

For each decision of ``calibrate_fine_model.all_decisions()`` (ordinary decisions with a
turnover: ``backtest_decisions.csv`` and the CNIL table's rows that state one), the model is
re-fitted on all the OTHER decisions and predicts the left-out one (leave-one-out; and
leave-one-controller-out for the Meta / Google / Uber / TikTok / Amazon families, whose
decisions are dependent). Reported, next to the previous default (the EDPB chain with its
priors, ``method="edpb"``, not refitted) and the naive rule "5 % of the legal maximum":

* bias: median signed log10 error of the P50 (decades; > 0 = over-estimate), overall and by
  size band (turnover ≤ 50 m, 50 m–1 bn, 1–50 bn, > 50 bn);
* share of P50 within 10× of the real fine; median |log10 error| of the P50;
* coverage of P25–P75 (a calibrated model covers about half) and of P5–P95, median width of
  P5–P95 (decades).

Goals (issue 13): P5–P95 ≥ 85 %, width < 2 decades, P50 beats naive overall and in each band,
|bias| ≤ 0.15 decades.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl
from _machine import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate_fine_model import all_decisions  # noqa: E402

from rgpd_risk.exposure import estimate_fine  # noqa: E402
from rgpd_risk.exposure.fine_model import DECISIONS_SCHEMA, fit_fine_regression  # noqa: E402

BANDS = ((50e6, "≤ 50 m"), (1e9, "50 m – 1 bn"), (50e9, "1 – 50 bn"), (np.inf, "> 50 bn"))
FAMILIES = {"meta": ("Meta", "Facebook", "Instagram", "WhatsApp"), "google": ("Google",),
            "uber": ("Uber",), "tiktok": ("TikTok",), "amazon": ("Amazon",)}
QS = (0.05, 0.25, 0.5, 0.75, 0.95)


def _band(t: float) -> str:
    return next(label for hi, label in BANDS if t <= hi)


def _group(controller: str, decision_id: str) -> str:
    for fam, words in FAMILIES.items():
        if any(w.lower() in (controller or "").lower() for w in words):
            return fam
    return decision_id


def _quantiles(draws: np.ndarray) -> np.ndarray:
    return np.quantile(draws, QS)


def _rows(df: pl.DataFrame, groups: list[str], n_draws: int) -> tuple[list[dict], dict]:
    out = []
    chosen: dict[str, float] = {}
    for i, r in enumerate(df.iter_rows(named=True)):
        train = df.filter(pl.Series([g != groups[i] for g in groups]))
        model = fit_fine_regression(train.select(list(DECISIONS_SCHEMA)))
        chosen[r["decision_id"]] = model.slope_turnover
        arts = r["articles"]
        cal = estimate_fine(arts, r["turnover_eur"], authority=r["authority"],
                            fine_model=model, n_draws=n_draws, seed=0)
        try:  # the EDPB chain prices GDPR articles only: a LIL art. 82 decision has no baseline
            edpb = estimate_fine(arts, r["turnover_eur"], n_draws=n_draws, seed=0, method="edpb")
        except ValueError:
            edpb = None
        a = float(r["amount_eur"])
        row = {"decision_id": r["decision_id"], "authority": r["authority"],
               "band": _band(r["turnover_eur"]), "amount_eur": a,
               "naive_eur": 0.05 * cal.legal_maximum}
        for name, e in (("cal", cal), ("edpb", edpb)):
            q = _quantiles(e.draws) if e is not None else [None] * len(QS)
            row.update({f"{name}_q{int(100 * p):02d}": None if v is None else float(v)
                        for p, v in zip(QS, q, strict=True)})
        out.append(row)
    return out, chosen


def _metrics(rows: pl.DataFrame, who: str) -> pl.DataFrame:
    la = pl.col("amount_eur").log10()
    if who == "naive":
        err = pl.col("naive_eur").log10() - la
        cols = [err.median().alias("bias_decades"), (err.abs() <= 1).mean().alias("within_10x"),
                err.abs().median().alias("median_abs_err"),
                pl.lit(None, pl.Float64).alias("cover_p25_p75"),
                pl.lit(None, pl.Float64).alias("cover_p5_p95"),
                pl.lit(None, pl.Float64).alias("median_width_decades")]
    else:
        p = who
        err = pl.col(f"{p}_q50").log10() - la
        a = pl.col("amount_eur")
        cols = [err.median().alias("bias_decades"), (err.abs() <= 1).mean().alias("within_10x"),
                err.abs().median().alias("median_abs_err"),
                ((pl.col(f"{p}_q25") <= a) & (a <= pl.col(f"{p}_q75"))).mean().alias("cover_p25_p75"),
                ((pl.col(f"{p}_q05") <= a) & (a <= pl.col(f"{p}_q95"))).mean().alias("cover_p5_p95"),
                (pl.col(f"{p}_q95") / pl.col(f"{p}_q05")).log10().median().alias("median_width_decades")]
    overall = rows.select(pl.lit("all").alias("band"), pl.len().alias("n"), *cols)
    by = rows.group_by("band").agg(pl.len().alias("n"), *cols)
    order = {label: i for i, (_, label) in enumerate(BANDS)}
    by = by.sort(pl.col("band").replace_strict(order, return_dtype=pl.Int64))
    return pl.concat([overall, by], how="vertical_relaxed").with_columns(
        model=pl.lit(who)).select("model", "band", "n", pl.exclude("model", "band", "n"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sanctions", type=Path, default=None)
    ap.add_argument("--n-draws", type=int, default=20_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    df = all_decisions(args.sanctions)
    loo, _ = _rows(df, df["decision_id"].to_list(), args.n_draws)
    groups = [_group(c, d) for c, d in zip(df["controller"].to_list(),
                                            df["decision_id"].to_list(), strict=True)]
    loco, _ = _rows(df, groups, args.n_draws)
    loo_df, loco_df = pl.DataFrame(loo), pl.DataFrame(loco)
    table = pl.concat([
        _metrics(loo_df, "cal").with_columns(model=pl.lit("calibrated, leave-one-out")),
        _metrics(loco_df, "cal").with_columns(model=pl.lit("calibrated, leave-one-controller-out")),
        _metrics(loo_df.filter(pl.col("edpb_q50").is_not_null()), "edpb").with_columns(
            model=pl.lit("previous default (EDPB chain; GDPR decisions)")),
        _metrics(loo_df, "naive").with_columns(model=pl.lit("naive 5 % of the legal maximum")),
    ])
    pl.Config.set_tbl_rows(60).set_tbl_cols(12).set_tbl_width_chars(220).set_fmt_str_lengths(60)
    print(f"date: {time.strftime('%Y-%m-%d')}; nproc: {os.cpu_count()}; CPU: {cpu_model()}; "
          f"python {platform.python_version()}; n_draws {args.n_draws}; decisions {df.height} "
          f"({', '.join(f'{n} {o}' for o, n in df.group_by('origin').len().sort('origin').iter_rows())})")
    print(table.with_columns(pl.col(pl.Float64).round(3)))
    miss = loo_df.filter((pl.col("amount_eur") < pl.col("cal_q05"))
                         | (pl.col("amount_eur") > pl.col("cal_q95")))
    print("LOO outside P5–P95:", [
        (r["decision_id"], "below" if r["amount_eur"] < r["cal_q05"] else "above")
        for r in miss.iter_rows(named=True)])
    print(f"elapsed {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
