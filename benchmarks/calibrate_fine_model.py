"""Fit the calibrated fine model and write ``rgpd_risk/data/fine_model.csv`` (one command).

Run:  .venv/bin/python benchmarks/calibrate_fine_model.py [--sanctions PATH] [--dry-run]

Decisions used (ordinary sanctions with an amount and a turnover):

* ``benchmarks/backtest_decisions.csv`` — 47 real GDPR decisions of several authorities with
  the undertaking's turnover (documented, annual-report or estimated, see its header);
* ``rgpd_risk/data/cnil_sanctions.csv`` (or ``--sanctions``) — the CNIL table's ordinary
  decisions whose turnover the decision states. A CNIL decision also in the first file (same
  year and amount) is taken from the CNIL table only.

Re-run it when the sanctions table changes; then ``benchmarks/backtest_fine_model.py``.
The enforcement records of ``../shared/data/enforcement`` are used as statistics only (the
authority prior of ``fine_model.authority_prior``), never copied.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl

from rgpd_risk.atomic import write_text_atomic
from rgpd_risk.exposure.families import families_of_articles
from rgpd_risk.exposure.fine_model import (
    DECISIONS_SCHEMA,
    fit_fine_regression,
    write_fine_regression,
)
from rgpd_risk.exposure.sanctions import decisions_frame, load_cnil_sanctions

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def backtest_decisions() -> pl.DataFrame:
    """``backtest_decisions.csv`` in :data:`DECISIONS_SCHEMA` (plus ``date``, ``controller``)."""
    raw = pl.read_csv(HERE / "backtest_decisions.csv", comment_prefix="#", infer_schema=False)
    fams = [families_of_articles(a.split("; ")) for a in raw["articles"].to_list()]
    return raw.select(
        "decision_id", pl.col("country").alias("authority"),
        pl.col("amount_eur").cast(pl.Float64), pl.col("turnover_eur").cast(pl.Float64),
        pl.Series("families", fams, dtype=pl.List(pl.Utf8)),
        pl.col("date").str.slice(0, 4).cast(pl.Int64).alias("year"), "controller", "articles",
    )


def all_decisions(sanctions: Path | None = None) -> pl.DataFrame:
    """Every decision with a turnover, both sources, duplicates resolved (module docstring)."""
    bt = backtest_decisions().with_columns(origin=pl.lit("backtest_decisions.csv"))
    table = load_cnil_sanctions(sanctions)
    cn = (decisions_frame(table).join(
        table.filter(pl.col("procedure") == "ordinary").select(
            pl.col("date").dt.year().alias("year"), pl.col("organisation").alias("controller"),
            pl.col("articles").list.join("; ").alias("articles"),
            pl.coalesce("deliberation", pl.concat_str([pl.col("date").cast(pl.Utf8),
                                                       pl.col("organisation")], separator=" "))
            .alias("decision_id")), on="decision_id", how="left")
        .filter(pl.col("turnover_eur").is_not_null())
        .with_columns(origin=pl.lit("cnil_sanctions.csv")))
    if cn.height:
        dup = bt.join(cn.select("authority", "year", "amount_eur"),
                      on=["authority", "year", "amount_eur"], how="semi")
        bt = bt.join(dup.select("decision_id"), on="decision_id", how="anti")
    cols = [*DECISIONS_SCHEMA, "year", "controller", "articles", "origin"]
    return pl.concat([bt.select(cols), cn.select(cols)], how="vertical_relaxed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sanctions", type=Path, default=None)
    ap.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = ap.parse_args()
    df = all_decisions(args.sanctions)
    counts = df.group_by("origin").len().sort("origin").iter_rows()
    src = ", ".join(f"{n} from {o}" for o, n in counts)
    model = fit_fine_regression(df.select(list(DECISIONS_SCHEMA)), source=(
        "rgpd_risk fine model coefficients (OUR statistical model, see docs/fine_methodology.md)\n"
        f"fitted by benchmarks/calibrate_fine_model.py on {time.strftime('%Y-%m-%d')} on "
        f"{df.height} ordinary decisions with a turnover: {src}"))
    text = write_fine_regression(model)
    print(text)
    if not args.dry_run:
        write_text_atomic(ROOT / "rgpd_risk" / "data" / "fine_model.csv", text)
        print("written rgpd_risk/data/fine_model.csv")


if __name__ == "__main__":
    main()
