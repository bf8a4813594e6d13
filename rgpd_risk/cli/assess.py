"""``rgpd-risk assess``: a thin layer over :func:`rgpd_risk.pipeline.run` (assessment only).

Prints the summary, the riskiest datasets and the gravest findings in French or English
(the tables of the reports, :mod:`rgpd_risk.report.views`), explains one dataset's score
with ``--dataset``, and writes everything with ``--xlsx`` / ``--json``.
"""

from __future__ import annotations

import argparse
import json

import polars as pl

from rgpd_risk.atomic import write_text_atomic
from rgpd_risk.cli.common import (
    command,
    inventory_arguments,
    output_arguments,
    reference_date,
    top_rows,
)
from rgpd_risk.console import print_frame
from rgpd_risk.formatting import format_number
from rgpd_risk.pipeline import run as run_pipeline
from rgpd_risk.report import views
from rgpd_risk.report.excel import write_assessment
from rgpd_risk.report.i18n import t

__all__ = ["HELP", "DESCRIPTION", "configure", "run"]

HELP = "findings by article, CNIL / ENISA risk and DPIA screening of an inventory"
DESCRIPTION = (
    "Assess every dataset of an inventory: GDPR findings (article, Art. 83 tier, EDPB "
    "seriousness, evidence, remediation action), CNIL severity x likelihood of the three feared "
    "events, ENISA breach severity with the Art. 33/34 duty, and the WP248 DPIA screening. "
    "Prints a summary, the riskiest datasets and the gravest findings; --dataset explains one "
    "dataset's score; --xlsx and --json write every dataset, finding and contribution.")


def configure(p: argparse.ArgumentParser) -> None:
    """Arguments of ``rgpd-risk assess``."""
    inventory_arguments(p)
    p.add_argument("--top", type=top_rows, default=10, metavar="N",
                   help="rows of the datasets and findings tables (default: 10; 0 for all)")
    p.add_argument("--dataset", metavar="ID",
                   help="explain one dataset: score contributions, DPIA screening, every finding")
    output_arguments(p, xlsx="write the datasets, findings and contributions sheets",
                     json="write the whole assessment as JSON")


@command("assess", HELP, DESCRIPTION)(configure)
def run(args: argparse.Namespace, console) -> int:
    """Assess and print; bad input raises (reported by :func:`rgpd_risk.cli.main`)."""
    lang = args.lang
    r = run_pipeline(args.inventory, organisation=args.organisation, today=reference_date(args),
                     seed=0, exposure=False)
    a = r.assessment
    if args.dataset is not None and args.dataset not in set(a.datasets["dataset_id"].to_list()):
        raise ValueError(f"dataset id {args.dataset!r} is not in {args.inventory}")
    n = args.top or None
    s = a.summary()
    levels = views.risk_levels_view(a.datasets, lang)
    console.print(
        f"[bold]{t('datasets', lang)}: {s['datasets']}[/] — "
        + ", ".join(f"{k}: {v}" for k, v in levels.iter_rows())
        + f"; {t('dpia_required', lang)}: {s['dpia_required']}", highlight=False)
    by_tier = ", ".join(f"Art. {k}: {v}" for k, v in s["findings_by_tier"].items()) or "—"
    by_ser = ", ".join(f"{t(k, lang)}: {s['findings_by_seriousness'].get(k, 0)}"
                       for k in views.SERIOUSNESS_ORDER[::-1])
    console.print(f"[bold]{t('findings', lang)}: {s['findings']}[/] — {by_tier}; {by_ser}",
                  highlight=False)
    if args.dataset is None:
        top = views.top_risks(a, lang, n=n or s["datasets"])
        print_frame(console, top, f"{t('datasets', lang)}, {t('score', lang).lower()} ({top.height})", lang)
        findings = views.findings_view(a, lang)
        print_frame(console, findings.head(n) if n else findings, f"{t('findings', lang)} ({findings.height})",
                    lang)
        if n and findings.height > n:
            console.print(f"… {findings.height - n} more: --top 0, --xlsx or --json",
                          highlight=False, markup=False)
    else:
        _explain(console, a, args.dataset, lang)
    if args.xlsx:
        console.print(str(write_assessment(args.xlsx, a)), highlight=False, markup=False)
    if args.json:
        path = write_text_atomic(args.json, json.dumps(a.to_dict(), ensure_ascii=False, indent=1))
        console.print(str(path), highlight=False, markup=False)
    return 0


def _explain(console, a, dataset_id: str, lang: str) -> None:
    row = a.datasets.filter(pl.col("dataset_id") == dataset_id).row(0, named=True)
    console.print(f"{views.dataset_name(a, dataset_id)} ({dataset_id}): {t('score', lang)} "
                  f"{format_number(row['risk_score'], lang, digits=1)} ({t(row['risk_level'], lang)})",
                  highlight=False, markup=False)
    print_frame(console, views.contributions_view(a, dataset_id, lang), t("contribution", lang), lang,
                signed=(t("contribution", lang),))
    yes_no = {True: t("yes", lang), False: t("no", lang)}
    console.print(f"{t('dpia_verdict', lang)}: {t('dpia_' + row['dpia_verdict'], lang)} — "
                  f"{row['dpia_trail'] or '—'}", highlight=False, markup=False, soft_wrap=True)
    console.print(f"ENISA SE {format_number(row['enisa_se'], lang, digits=2)} "
                  f"({t('enisa_' + row['enisa_band'].replace(' ', '_'), lang)}); "
                  f"{t('notify_authority', lang)}: {yes_no[bool(row['notify_authority'])]}; "
                  f"{t('inform_subjects', lang)}: {yes_no[bool(row['inform_subjects'])]}",
                  highlight=False, markup=False, soft_wrap=True)
    findings = views.findings_view(a, lang, dataset_id=dataset_id).drop(t("dataset", lang))
    print_frame(console, findings, f"{t('findings', lang)} ({findings.height})", lang)
