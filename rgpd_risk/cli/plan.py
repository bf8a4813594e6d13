"""``rgpd-risk plan`` (a thin layer over :func:`rgpd_risk.pipeline.run`) and
``rgpd-risk what-if`` (over :func:`rgpd_risk.what_if`, which compares two states itself)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from rgpd_risk.cli.common import (
    command,
    inventory_arguments,
    output_arguments,
    person_days,
    reference_date,
    simulation_arguments,
)
from rgpd_risk.formatting import format_eur, format_number
from rgpd_risk.i18n import keys, text
from rgpd_risk.inventory.load import load_inventory
from rgpd_risk.pipeline import run as run_pipeline
from rgpd_risk.remediation.catalogue import load_catalogue
from rgpd_risk.remediation.whatif import what_if
from rgpd_risk.report.excel import write_plan

__all__ = ["PLAN_HELP", "PLAN_DESCRIPTION", "WHATIF_HELP", "WHATIF_DESCRIPTION",
           "configure_plan", "run_plan", "configure_what_if", "run_what_if", "parse_action"]

PLAN_HELP = "prioritised remediation plan (most exposure and risk removed per person-day)"
PLAN_DESCRIPTION = (
    "Assess the inventory, simulate the fine exposure, and rank the remediation actions of "
    "the catalogue by exposure and risk removed per person-day (greedy), under an optional "
    "budget and respecting prerequisites. Each step shows the remaining expected exposure, "
    "P90 and total risk score, which 'rgpd-risk what-if' with the same actions reproduces.")
WHATIF_HELP = "before / after figures of remediation actions"
WHATIF_DESCRIPTION = (
    "Apply remediation actions to a copy of the inventory, re-assess and re-simulate with the "
    "same seed, and print the portfolio before, after and the difference. --action KEY applies "
    "to every dataset with a finding the action resolves; KEY:id1,id2 restricts it.")


def _common(p: argparse.ArgumentParser) -> None:
    inventory_arguments(p)
    p.add_argument("--catalogue", type=Path, help="YAML overriding efforts, costs or actions")
    simulation_arguments(p, horizon=False)


def configure_plan(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``rgpd-risk plan``."""
    _common(parser)
    parser.add_argument("--budget-days", type=person_days, help="person-days available (default: no limit)")
    output_arguments(parser, xlsx="also write the plan to this .xlsx file")


def configure_what_if(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``rgpd-risk what-if``."""
    _common(parser)
    parser.add_argument("--action", action="append", required=True, metavar="KEY[:id,id]",
                        help="remediation action key, optionally restricted to dataset ids "
                             "(repeat for several actions)")


def parse_action(text: str) -> tuple[str, list[str] | None]:
    """``"key"`` -> ``("key", None)``; ``"key:a,b"`` -> ``("key", ["a", "b"])``.

    Examples
    --------
    >>> parse_action("sign_processor_contracts:crm-clients, hr")
    ('sign_processor_contracts', ['crm-clients', 'hr'])
    """
    key, _, ids = text.partition(":")
    if not key.strip():
        raise ValueError(f"--action {text!r}: expected KEY or KEY:id,id")
    parsed = [i.strip() for i in ids.split(",") if i.strip()] if ids else None
    return key.strip(), parsed or None


@command("plan", PLAN_HELP, PLAN_DESCRIPTION)(configure_plan)
def run_plan(args: argparse.Namespace, console) -> int:
    """Print the plan (and write it to ``--xlsx``); bad input raises (reported by main)."""
    r = run_pipeline(args.inventory, organisation=args.organisation, today=reference_date(args),
                     seed=args.seed, n_draws=args.draws, plan_n_draws=args.draws,
                     screening_draws=5_000, budget_days=args.budget_days,
                     catalogue=load_catalogue(args.catalogue))
    p = r.plan
    lang = args.lang
    if r.organisation is None:
        console.print(text("cli.plan.no_organisation", lang), highlight=False, markup=False)
    b = p.baseline.portfolio
    console.print(text("cli.plan.title", lang).format(
        steps=p.steps.height, days=format_number(p.effort_days, lang, digits=1),
        cost=format_eur(p.cost_eur, lang)), highlight=False)
    if b["expected_exposure"] is not None:
        console.print(text("cli.plan.before", lang).format(
            expected=format_eur(b["expected_exposure"], lang),
            p90=format_eur(b["p90_exposure"], lang)), highlight=False, markup=False)
    table = Table(show_lines=False)
    for key in keys("cli.plan.columns"):
        table.add_column(text(key, lang), overflow="fold")
    for r in p.to_frame(lang).iter_rows(named=True):
        where = text("cli.plan.organisation", lang) if r["organisation"] else str(r["n_datasets"])
        table.add_row(str(r["step"]), escape(r["label"]), escape(r["owner_label"]),
                      r["horizon"].replace("-", "–"), str(r["seed_action"]),
                      format_number(r["effort_days"], lang, digits=1),
                      format_eur(r["cost_eur"], lang), where,
                      format_eur(r["remaining_expected_exposure"], lang),
                      format_eur(r["remaining_p90_exposure"], lang),
                      format_number(r["remaining_risk_total"], lang, digits=1))
    console.print(table)
    for line in p.rationale(lang):
        console.print(line, highlight=False, markup=False)
    if p.left_out:
        console.print(text("cli.plan.left_out", lang).format(actions=", ".join(p.left_out)),
                      highlight=False, markup=False)
    if args.xlsx:
        path = write_plan(args.xlsx, p, lang)
        console.print(str(path), highlight=False, markup=False)
    return 0


@command("what-if", WHATIF_HELP, WHATIF_DESCRIPTION)(configure_what_if)
def run_what_if(args: argparse.Namespace, console) -> int:
    """Print before / after / delta of the portfolio; bad input raises (reported by main)."""
    actions = [parse_action(a) for a in args.action]
    inv = load_inventory(args.inventory, args.organisation)
    c = what_if(inv, actions, catalogue=load_catalogue(args.catalogue), seed=args.seed,
                n_draws=args.draws, today=reference_date(args))
    lang = args.lang
    for x in c.actions:
        where = (text("cli.plan.organisation", lang) if x.organisation_changed else
                 ", ".join(x.datasets) or text("cli.what_if.nothing", lang))
        console.print(text("cli.what_if.action", lang).format(
            key=x.key, where=where, days=format_number(x.effort_days, lang, digits=1),
            cost=format_eur(x.cost_eur, lang)), highlight=False, markup=False, soft_wrap=True)
    table = Table()
    for key in keys("cli.what_if.columns"):
        table.add_column(text(key, lang))
    for r in c.portfolio.iter_rows(named=True):
        money = r["metric"].endswith("exposure")

        def fmt(v: float | None, money: bool = money) -> str:
            return format_eur(v, lang) if money else format_number(v, lang, digits=1)

        table.add_row(r[f"label_{lang}"], fmt(r["before"]), fmt(r["after"]), fmt(r["delta"]))
    console.print(table)
    return 0
