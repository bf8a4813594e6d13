"""``rgpd-risk exposure``: a thin layer over :func:`rgpd_risk.pipeline.run` (no plan).

Prints what the findings of an inventory could cost over the horizon — the portfolio's
probability of a fine, expected cost and quantiles beside the Art. 83 ceiling — and the
datasets with the largest expected cost (the table of the reports,
:func:`rgpd_risk.report.views.exposure_by_dataset`).
"""

from __future__ import annotations

import argparse
import json

from rgpd_risk.atomic import write_text_atomic
from rgpd_risk.cli.common import (
    command,
    inventory_arguments,
    output_arguments,
    parse_money,
    reference_date,
    simulation_arguments,
    top_rows,
)
from rgpd_risk.console import print_frame
from rgpd_risk.formatting import format_eur, format_percent
from rgpd_risk.i18n import text
from rgpd_risk.inventory.load import load_inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.pipeline import run as run_pipeline
from rgpd_risk.report import views
from rgpd_risk.report.i18n import t

__all__ = ["HELP", "DESCRIPTION", "configure", "run"]

HELP = "what the findings of an inventory could cost: fine exposure per dataset and in all"
DESCRIPTION = (
    "Assess the inventory, then simulate the fines its findings could bring (EDPB 04/2022 "
    "method, Art. 83 caps for the organisation's turnover; enforcement probabilities are our "
    "model): probability of at least one fine, expected cost, P50 to P99 over the horizon, "
    "and the datasets with the largest expected cost. Same seed, same figures.")


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``rgpd-risk exposure``."""
    inventory_arguments(p)
    p.add_argument("--turnover", type=parse_money,
                   help="worldwide annual turnover in EUR (overrides the profile's)")
    p.add_argument("--top", type=top_rows, default=10, metavar="N",
                   help="datasets listed (default: 10; 0 for all)")
    simulation_arguments(p)
    output_arguments(p, json="write the whole exposure (settings, portfolio, datasets) as JSON")


@command("exposure", HELP, DESCRIPTION)(configure)
def run(args: argparse.Namespace, console) -> int:
    """Simulate and print; bad input raises (reported by :func:`rgpd_risk.cli.main`)."""
    lang = args.lang
    inv = load_inventory(args.inventory, args.organisation)
    org = inv.organisation
    if args.turnover is not None:
        org = (org.model_copy(update={"turnover_eur": args.turnover}) if org is not None
               else Organisation(name="—", turnover_eur=args.turnover))
    if org is None:
        raise ValueError(f"{args.inventory}: no organisation profile (organisation.yaml next to it, "
                         "--organisation FILE) and no --turnover: the Art. 83 caps depend on the turnover")
    r = run_pipeline(inv, organisation=org, today=reference_date(args), seed=args.seed,
                     n_draws=args.draws, horizon_years=args.horizon, plan=False)
    a, ex = r.assessment, r.exposure
    s = ex.summary()
    turnover = (text("cli.exposure.no_undertaking", lang) if ex.turnover_eur is None
                else format_eur(ex.turnover_eur, lang))
    console.print(text("cli.exposure.header", lang).format(
        name=org.name, turnover=turnover, years=f"{args.horizon:g}", draws=args.draws,
        seed=args.seed), highlight=False, markup=False)
    console.print(f"{t('p_any_fine', lang)}: {format_percent(s['p_any_fine'], lang)}; "
                  f"{t('expected_cost', lang)}: {format_eur(s['expected_cost'], lang)}; "
                  + "; ".join(f"{q.upper()} {format_eur(s[q], lang)}" for q in ("p50", "p90", "p95", "p99"))
                  + f"; {t('legal_max', lang)} (Art. {s['statutory_ceiling_tier'] or '—'}): "
                  f"{format_eur(s['statutory_ceiling'], lang)}", highlight=False, markup=False, soft_wrap=True)
    top = views.exposure_by_dataset(inv, a, ex, lang, n=args.top or None)
    p90 = t("p90_short", lang)
    if args.horizon != 1:  # the reports' label says "one year"
        label = text("cli.exposure.p90_years", lang).format(years=f"{args.horizon:g}")
        top, p90 = top.rename({p90: label}), label
    print_frame(console, top, f"{t('expected_cost', lang)} ({top.height})", lang,
                money=(t("expected_cost", lang), p90, t("legal_max", lang)),
                percent=(t("p_any_fine", lang),))
    console.print(text("cli.exposure.ours", lang), highlight=False, markup=False)
    if args.json:
        path = write_text_atomic(args.json, json.dumps(ex.to_dict(), ensure_ascii=False, indent=1, default=str))
        console.print(str(path), highlight=False, markup=False)
    return 0
