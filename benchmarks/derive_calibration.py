"""Derive the shipped enforcement tables from the files in ../shared/data/enforcement.

Run:  .venv/bin/python benchmarks/derive_calibration.py [--shared PATH]

Writes
- ``rgpd_risk/data/fine_calibration.csv``: AGGREGATE statistics only (counts and quantiles
  of log10 fine by tier, article family, sector, country, year; cells with n < 5 dropped),
  from both the TidyTuesday TSV and the CMS feed snapshot. No CMS record, text or label
  beyond the aggregate cell names is copied (the CMS feed has no open licence).
- ``rgpd_risk/data/tidytuesday_fines.csv``: the 250 TidyTuesday records, facts only
  (date, country, authority, amount, controller, articles, type; no summary text), with
  attribution (MIT, rfordatascience/tidytuesday; data compiled by privacyaffairs.com).
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import polars as pl

from rgpd_risk.exposure.calibration import derive_calibration_table
from rgpd_risk.exposure.enforcement import facts_only, load_enforcement

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rgpd_risk" / "data"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    args = ap.parse_args()
    enf = args.shared / "data" / "enforcement"
    tsv, cms = enf / "gdpr_violations.tsv", enf / "enforcementtracker_full_download.json"
    tt, cm = load_enforcement(tsv), load_enforcement(cms)

    table = derive_calibration_table(pl.concat([tt, cm]))
    header = (
        "# rgpd_risk fine calibration table: AGGREGATE statistics only (no record copied).\n"
        "# Produced by benchmarks/derive_calibration.py from:\n"
        f"#   tidytuesday_tsv: gdpr_violations.tsv (TidyTuesday 2020-04-21, MIT; data by "
        f"privacyaffairs.com) sha256 {_sha(tsv)}\n"
        f"#   cms_json: enforcementtracker_full_download.json (CMS GDPR Enforcement Tracker feed "
        f"snapshot ~2024-03-01; (c) CMS, aggregates only) sha256 {_sha(cms)}\n"
        "# Fines > 0 only; log10 of EUR as converted by the compiler; cells with n < 5 dropped.\n"
        "# log10_ratio_static_q50 = median log10(fine / static maximum of the record's tier),\n"
        "# i.e. the ratio to the legal maximum for undertakings up to EUR 500 m turnover.\n"
        "# The two sources overlap for 2018-2020: never add their counts.\n"
    )
    (OUT / "fine_calibration.csv").write_text(header + table.write_csv(), encoding="utf-8")

    facts = facts_only(tt)
    header = (
        "# GDPR fines 2018-05..2020-03, facts only (no summary text).\n"
        "# Source: rfordatascience/tidytuesday data/2020/2020-04-21/gdpr_violations.tsv\n"
        "#   (commit 2c423bacc57e4632ff8550557e0bc823eefa31ab), MIT licence, Copyright (c) 2018\n"
        "#   R for Data Science online learning community; data scraped from\n"
        "#   https://www.privacyaffairs.com/gdpr-fines/ (April 2020) from public DPA decisions.\n"
        f"# Input sha256 {_sha(tsv)}. Normalised by rgpd_risk.exposure.enforcement\n"
        "#   (articles normalised, shifted columns repaired, 0 and 01/01/1970 -> empty).\n"
        "# amount_eur empty = unknown or not final at scrape time.\n"
    )
    (OUT / "tidytuesday_fines.csv").write_text(header + facts.write_csv(), encoding="utf-8")
    print(f"wrote {OUT / 'fine_calibration.csv'} ({table.height} rows)")
    print(f"wrote {OUT / 'tidytuesday_fines.csv'} ({facts.height} rows)")


if __name__ == "__main__":
    main()
