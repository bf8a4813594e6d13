"""Key figures shared by the board page and the history: figures of a run, headline,
ceiling note, trend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from rgpd_risk.exposure.calculator import legal_maximum
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.report.history import trend_frame
from rgpd_risk.report.i18n import (
    format_eur,
    format_eur_short,
    format_number,
    format_percent,
    t,
)
from rgpd_risk.report.views.risk import HIGH_LEVELS, missing_dpia

# --------------------------------------------------------------------------- key figures

def board_figures(inv: Inventory, assessment, exposure=None) -> dict[str, object]:
    """Language-independent key figures of the board report (also stored in the run history).

    Parameters
    ----------
    inv : Inventory
    assessment : rgpd_risk.assessment.Assessment
    exposure : rgpd_risk.InventoryExposure, optional
        :attr:`rgpd_risk.pipeline.Run.exposure`.

    Returns
    -------
    dict
        ``datasets, high_risks, missing_dpia, findings, findings_high, turnover_eur,
        legal_maximum_83_5, legal_maximum_83_4`` (Art. 83 maxima for the turnover),
        ``legal_maximum`` (the statutory ceiling of the gravest tier found, from the exposure;
        Art. 83(5) without one) and, with an exposure, ``expected_cost, p50, p90,
        p_any_fine`` (portfolio, over one year).
    """
    d, f = assessment.datasets, assessment.findings
    turnover = None if inv.organisation is None else inv.organisation.turnover_eur
    out: dict[str, object] = {
        "inventory": Path(inv.source).name,
        "datasets": d.height,
        "high_risks": int(d["risk_level"].is_in(HIGH_LEVELS).sum()),
        "missing_dpia": missing_dpia(inv, d).height,
        "findings": f.height,
        "findings_high": int((f["seriousness"] == "high").sum()),
        "turnover_eur": turnover,
        "legal_maximum_83_5": legal_maximum("83(5)", turnover),
        "legal_maximum_83_4": legal_maximum("83(4)", turnover),
    }
    out["legal_maximum"] = out["legal_maximum_83_5"]
    if exposure is not None:
        s = exposure.summary()
        out.update(expected_cost=float(s["expected_cost"]), p50=float(s["p50"]),
                   p90=float(s["p90"]), p_any_fine=float(s["p_any_fine"]))
        if s["statutory_ceiling"] is not None:
            out["legal_maximum"] = float(s["statutory_ceiling"])
            out["ceiling_tier"] = s["statutory_ceiling_tier"]
    return out


def history_record(figures: Mapping[str, object], run_id: str, *,
                   today: dt.date) -> dict[str, object]:
    """The run-history record of a board run (see :mod:`rgpd_risk.report.history`).

    ``run_date`` is the run's reference date; ``recorded_at`` is when the record was made
    (wall clock: it orders the history, it is never shown in a report).
    """
    record = dict(figures)
    record.update(run_id=run_id or "interactive", run_date=today.isoformat(),
                  recorded_at=dt.datetime.now().isoformat(timespec="seconds"))
    return record


def board_key_figures(figures: Mapping[str, object], lang: str) -> list[tuple[str, str]]:
    """Key figures of the board report, formatted for ``lang``: counts, then the statutory
    ceiling next to the calibrated exposure (P50, P90)."""
    items = [
        (t("datasets", lang), format_number(figures["datasets"], lang)),
        (t("high_risks", lang), format_number(figures["high_risks"], lang)),
        (t("missing_dpia", lang), format_number(figures["missing_dpia"], lang)),
        (t("n_findings", lang), format_number(figures["findings"], lang)),
        (t("legal_max", lang), format_eur(figures["legal_maximum"], lang)),
    ]
    if "p50" in figures:
        items += [(t("expected_exposure", lang) + " — " + t("p50", lang), format_eur(figures["p50"], lang)),
                  (t("expected_exposure", lang) + " — " + t("p90", lang), format_eur(figures["p90"], lang))]
    return items


def ceiling_note(figures: Mapping[str, object], lang: str) -> str:
    """Plain-words statement of the statutory ceilings (Art. 83(4) and (5))."""
    turnover = figures.get("turnover_eur")
    text = t("legal_max_note", lang, pct4=format_percent(0.04, lang, digits=0),
             pct2=format_percent(0.02, lang, digits=0),
             turnover=format_eur(turnover, lang) if turnover is not None else "—")
    sep = " : " if lang == "fr" else ": "
    return f"{t('legal_max', lang)}{sep}{format_eur(figures['legal_maximum'], lang)} — {text}."


def board_headline(figures: Mapping[str, object], plan, lang: str) -> str:
    """The board report in three plain sentences (what we found, what it may cost, what to do).

    Examples
    --------
    >>> f = {"datasets": 61, "high_risks": 8, "missing_dpia": 12, "legal_maximum": 2e7,
    ...      "p50": 381_000.0, "p90": 1_421_000.0}
    >>> board_headline(f, None, "en").split(". ")[0]
    '61 datasets assessed: 8 at high risk, 12 required impact assessments (DPIA) missing'
    """
    n = lambda x: format_number(x, lang)  # noqa: E731
    parts = [t("headline_found", lang, datasets=n(figures["datasets"]), high=n(figures["high_risks"]),
               dpia=n(figures["missing_dpia"]))]
    if "p50" in figures:
        parts.append(t("headline_cost", lang, ceiling=format_eur_short(figures["legal_maximum"], lang),
                       p50=format_eur_short(figures["p50"], lang), p90=format_eur_short(figures["p90"], lang)))
    if plan is not None and plan.steps.height:
        after = plan.final.portfolio
        parts.append(t("headline_plan", lang, steps=n(plan.steps.height),
                       days=format_number(plan.effort_days, lang), cost=format_eur_short(plan.cost_eur, lang),
                       before=format_eur_short(plan.baseline.portfolio["expected_exposure"], lang),
                       after=format_eur_short(after["expected_exposure"], lang),
                       findings=n(plan.baseline.portfolio["findings_total"] - after["findings_total"]))
                     if after["expected_exposure"] is not None else
                     t("headline_plan_no_exposure", lang, steps=n(plan.steps.height),
                       days=format_number(plan.effort_days, lang), cost=format_eur_short(plan.cost_eur, lang)))
    return " ".join(parts)


def trend_view(figures: Mapping[str, object], previous: Mapping[str, object] | None,
               lang: str) -> pl.DataFrame:
    """Key figures now and at the previous run, with the change (formatted strings)."""
    names = {"datasets": t("datasets", lang), "high_risks": t("high_risks", lang),
             "missing_dpia": t("missing_dpia", lang), "findings": t("n_findings", lang),
             "findings_high": t("n_findings", lang) + f" ({t('high', lang)})",
             "expected_cost": t("expected_cost", lang), "p50": t("p50", lang), "p90": t("p90", lang)}
    money = {"expected_cost", "p50", "p90"}
    tf = trend_frame(figures, previous, tuple(names))
    rows = []
    for metric, prev, cur, change in tf.iter_rows():
        if cur is None and prev is None:
            continue
        fmt = (lambda x: format_eur(x, lang)) if metric in money else (lambda x: format_number(x, lang))  # noqa: E731
        sign = "" if change is None or change <= 0 else "+"
        rows.append((names[metric], fmt(prev), fmt(cur), "—" if change is None else sign + fmt(change)))
    return pl.DataFrame(rows, schema={t("indicator", lang): pl.Utf8, t("previous", lang): pl.Utf8,
                                      t("current", lang): pl.Utf8, t("change", lang): pl.Utf8},
                        orient="row")
