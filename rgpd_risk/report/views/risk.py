"""Views of the risk report (notebooks/02_risk.ipynb): CNIL risk maps, findings, DPIA and
ENISA, one dataset explained, exposure, remediation plan, comparable fines."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from rgpd_risk.assessment.config import FEARED_EVENTS
from rgpd_risk.assessment.dpia import ART35_3_TRIGGERS, DPIA_VERDICTS, WP248_CRITERIA, Criterion
from rgpd_risk.exposure.calculator import calculate_fine
from rgpd_risk.exposure.similar import similar_cases
from rgpd_risk.formatting import semicolon
from rgpd_risk.i18n import text
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.law import REGIMES
from rgpd_risk.remediation.catalogue import SEED_ACTIONS, seed_action_label, seed_action_of, with_action_labels
from rgpd_risk.report.evidence import evidence_expr
from rgpd_risk.report.figures import gravest_event
from rgpd_risk.report.i18n import (
    check_lang,
    format_eur,
    format_number,
    format_percent,
    t,
)
from rgpd_risk.report.views._common import _frame

# --------------------------------------------------------------------------- risk and board

SERIOUSNESS_ORDER = ("low", "medium", "high")
RISK_LEVEL_ORDER = ("low", "medium", "high", "critical")
HIGH_LEVELS = ("high", "critical")


def heatmap_counts(datasets: pl.DataFrame, *, residual: bool = False,
                   event: str | None = None) -> pl.DataFrame:
    """Datasets per (severity, likelihood) cell: ``severity, likelihood, n``.

    ``event=None`` places each dataset by its gravest feared event, as the CNIL map of the
    board does (:func:`rgpd_risk.report.figures.gravest_event`);
    ``event="access"`` (or ``"modification"``, ``"disappearance"``) by that event only.

    Examples
    --------
    >>> d = pl.DataFrame({"dataset_id": ["a", "b"], **{f"{e}_{k}": [2, 3] for e in FEARED_EVENTS
    ...                                                 for k in ("severity", "likelihood")}})
    >>> heatmap_counts(d, event="access").rows()
    [(2, 2, 1), (3, 3, 1)]
    """
    if event is None:
        cells = gravest_event(datasets, residual=residual)
    else:
        if event not in FEARED_EVENTS:
            raise ValueError(f"unknown feared event {event!r}; expected one of {', '.join(FEARED_EVENTS)}")
        suffix = "_residual" if residual else ""
        cells = datasets.select(pl.col(f"{event}_severity{suffix}").cast(pl.Int64).alias("severity"),
                                pl.col(f"{event}_likelihood{suffix}").cast(pl.Int64).alias("likelihood"))
    return (cells.group_by("severity", "likelihood").agg(pl.len().cast(pl.Int64).alias("n"))
            .sort("severity", "likelihood"))


def event_heatmaps(datasets: pl.DataFrame) -> dict[tuple[str, bool], pl.DataFrame]:
    """The CNIL risk map of each feared event, initial and residual: ``{(event, residual): counts}``."""
    return {(ev, res): heatmap_counts(datasets, residual=res, event=ev)
            for res in (False, True) for ev in FEARED_EVENTS}


def missing_dpia(inv: Inventory | pl.DataFrame, datasets: pl.DataFrame) -> pl.DataFrame:
    """Datasets whose DPIA screening says *required* and for which no DPIA was carried out."""
    frame = _frame(inv).select("dataset_id", "dpia_done")
    return (datasets.select("dataset_id", "name", "dpia_verdict", "dpia_criteria", "dpia_triggers")
            .join(frame, on="dataset_id", how="left")
            .filter((pl.col("dpia_verdict") == "required") & ~pl.col("dpia_done").fill_null(False)))


def _seriousness_label(lang: str) -> pl.Expr:
    return pl.col("seriousness").replace_strict({s: t(s, lang) for s in SERIOUSNESS_ORDER},
                                                default=pl.col("seriousness"))


def _level_labels(lang: str) -> dict[str, str]:
    return {"low": t("low", lang), "medium": t("medium", lang), "high": t("high", lang),
            "critical": t("critical", lang)}


# --------------------------------------------------------------------------- findings

def top_risks(assessment, lang: str, *, exposure=None, n: int = 10, p90: bool = False) -> pl.DataFrame:
    """The ``n`` datasets with the largest risk score, with their main finding and, given the
    exposure (:attr:`rgpd_risk.pipeline.Run.exposure`), their expected cost over one year (and the P90 with
    ``p90=True``; a dataset's P90 is zero while its chance of a fine within the year is below 10 %,
    which is why the board leaves it out)."""
    d, f = assessment.datasets, assessment.findings
    ser_rank = {s: i for i, s in enumerate(SERIOUSNESS_ORDER)}
    main = (f.with_columns(pl.col("seriousness").replace_strict(ser_rank, default=-1).alias("_r"))
            .sort(["dataset_id", "_r", "code"], descending=[False, True, False])
            .group_by("dataset_id", maintain_order=True).first()
            .select("dataset_id", pl.col(f"title_{lang}").alias("_main")))
    top = (d.sort(["risk_score", "dataset_id"], descending=[True, False]).head(n)
           .join(main, on="dataset_id", how="left"))
    cols = [pl.col("name").alias(t("dataset", lang)),
            pl.col("risk_level").replace_strict(_level_labels(lang), default=pl.col("risk_level"))
            .alias(t("risk_level", lang)),
            pl.col("risk_score").round(1).alias(t("score", lang)),
            pl.col("findings_total").cast(pl.Int64).alias(t("findings", lang)),
            pl.col("_main").alias(t("finding", lang))]
    if exposure is not None:
        top = top.join(exposure.datasets.select("dataset_id", "expected_cost", "p90"), on="dataset_id",
                       how="left")
        cols.append(pl.col("expected_cost").alias(t("expected_cost", lang)))
        if p90:
            cols.append(pl.col("p90").alias(t("p90_short", lang)))
    return top.select(cols)


def findings_view(assessment, lang: str, *, dataset_id: str | None = None,
                  source: str | None = None) -> pl.DataFrame:
    """Every finding (or those of ``dataset_id``, or of one ``source``: ``rule``,
    ``organisation``, ``discovery``), gravest first: dataset, finding, articles, tier,
    seriousness, evidence and the remediation action it calls for (label of the remediation
    catalogue in ``lang``; a key the catalogue does not know is shown as is)."""
    d, f = assessment.datasets, assessment.findings
    if dataset_id is not None:
        f = f.filter(pl.col("dataset_id") == dataset_id)
    if source is not None:
        f = f.filter(pl.col("source") == source)
    f = with_action_labels(f)
    ser_rank = {s: i for i, s in enumerate(SERIOUSNESS_ORDER)}
    names = d.select("dataset_id", "name")
    org_name = t("organisation", lang)
    return (
        f.join(names, on="dataset_id", how="left")
        .with_columns(pl.col("seriousness").replace_strict(ser_rank, default=-1).alias("_r"))
        .sort(["_r", "tier", "dataset_id", "code"], descending=[True, True, False, False])
        .select(pl.col("name").fill_null(pl.lit(org_name)).alias(t("dataset", lang)),
                pl.col(f"title_{lang}").alias(t("finding", lang)),
                pl.col("articles").list.join(", ").alias(t("articles", lang)),
                pl.col("tier").alias(t("tier", lang)),
                _seriousness_label(lang).alias(t("seriousness", lang)),
                evidence_expr("evidence", lang).alias(t("evidence", lang)),
                pl.col(f"action_{lang}").alias(t("action", lang)))
    )


def _tier_or_text(lang: str) -> pl.Expr:
    """A finding's fine column: ``Art. 83(4)`` / ``Art. 83(5)`` for a GDPR finding, the name of
    its text (loi Informatique et Libertés, CPCE, AI Act) otherwise: only the GDPR has Art. 83
    tiers. Findings without a ``regime`` column are GDPR findings."""
    regime = pl.col("regime").fill_null("GDPR")
    names = {r: text(f"law.regimes.{r}", lang) for r in REGIMES}
    return (pl.when(regime == "GDPR").then(pl.format("Art. {}", pl.col("tier")))
            .otherwise(regime.replace_strict(names, default=regime)))


def _with_regime(findings: pl.DataFrame) -> pl.DataFrame:
    return findings if "regime" in findings.columns else findings.with_columns(
        pl.lit("GDPR").alias("regime"))


def findings_by_article(findings: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Findings per article and Art. 83 tier (other texts: one column per text): article, one
    column per tier or text, total; largest first.

    Examples
    --------
    >>> f = pl.DataFrame({"articles": [["Art. 32"], ["Art. 32", "Art. 5(1)(f)"], ["L34-5 CPCE"]],
    ...                   "tier": ["83(4)", "83(5)", None], "regime": ["GDPR", "GDPR", "CPCE"]})
    >>> findings_by_article(f, "en").rows()
    [('Art. 32', 1, 1, 0, 2), ('Art. 5(1)(f)', 0, 1, 0, 1), ('L34-5 CPCE', 0, 0, 1, 1)]
    """
    f = _with_regime(findings).with_columns(_tier_or_text(lang).alias("_col"))
    gdpr = sorted(f.filter(pl.col("regime") == "GDPR")["_col"].drop_nulls().unique().to_list())
    others = [text(f"law.regimes.{r}", lang) for r in REGIMES[1:]
              if r in set(f["regime"].to_list())]
    cols = (gdpr or ["Art. 83(4)", "Art. 83(5)"]) + others
    long = f.select("articles", "_col").explode("articles").drop_nulls("articles")
    out = (long.group_by("articles")
           .agg([(pl.col("_col") == c).sum().cast(pl.Int64).alias(c) for c in cols]
                + [pl.len().cast(pl.Int64).alias("_n")])
           .sort(["_n", "articles"], descending=[True, False]))
    return out.select(pl.col("articles").alias(t("articles", lang)), *[pl.col(c) for c in cols],
                      pl.col("_n").alias(t("findings", lang)))


def findings_by_tier(findings: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Findings per Art. 83 tier (other texts: per text) and EDPB seriousness (columns low,
    medium, high, total)."""
    out = (_with_regime(findings).with_columns(_tier_or_text(lang).alias("_col"))
           .group_by("_col")
           .agg([(pl.col("seriousness") == s).sum().cast(pl.Int64).alias(s) for s in SERIOUSNESS_ORDER]
                + [pl.len().cast(pl.Int64).alias("_n"),
                   (pl.col("regime") != "GDPR").any().alias("_other")])
           .sort(["_other", "_col"], descending=[False, True]))
    return out.select(pl.col("_col").alias(t("tier", lang)),
                      *[pl.col(s).alias(t(s, lang).capitalize()) for s in SERIOUSNESS_ORDER],
                      pl.col("_n").alias(t("findings", lang)))


def risk_levels_view(datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per risk level (ours), from low to critical."""
    order = pl.DataFrame({"risk_level": list(RISK_LEVEL_ORDER), "_o": list(range(4))})
    counts = order.join(datasets.group_by("risk_level").agg(pl.len().alias("_n")), on="risk_level",
                        how="left").sort("_o")
    return counts.select(pl.col("risk_level").replace_strict(_level_labels(lang)).alias(t("risk_level", lang)),
                         pl.col("_n").fill_null(0).cast(pl.Int64).alias(t("datasets", lang)))


# --------------------------------------------------------------------------- DPIA, ENISA



def _criteria_text(column: str, criteria: tuple[Criterion, ...], lang: str) -> pl.Expr:
    """The criteria keys of a list column as their names in ``lang``, separated by
    :func:`~rgpd_risk.formatting.semicolon` (the names contain commas)."""
    names = {c.key: c.label(lang) for c in criteria}
    return (pl.col(column).list.eval(pl.element().replace_strict(names, default=pl.element()))
            .list.join(semicolon(lang)))


def dpia_view(inv: Inventory, datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Required DPIAs not carried out, with the WP248 criteria and Art. 35(3) triggers met."""
    return missing_dpia(inv, datasets).select(
        pl.col("name").alias(t("dataset", lang)),
        _criteria_text("dpia_criteria", WP248_CRITERIA, lang).alias("WP248"),
        _criteria_text("dpia_triggers", ART35_3_TRIGGERS, lang).alias("Art. 35(3)"),
    )


def dpia_verdicts(inv: Inventory | pl.DataFrame, datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Datasets per DPIA screening verdict, with how many have a DPIA carried out."""
    done = _frame(inv).select("dataset_id", pl.col("dpia_done").fill_null(False))
    order = pl.DataFrame({"dpia_verdict": list(DPIA_VERDICTS), "_o": list(range(len(DPIA_VERDICTS)))})
    counts = (datasets.select("dataset_id", "dpia_verdict").join(done, on="dataset_id", how="left")
              .group_by("dpia_verdict").agg(pl.len().cast(pl.Int64).alias("_n"),
                                            pl.col("dpia_done").fill_null(False).sum().cast(pl.Int64).alias("_d")))
    return (order.join(counts, on="dpia_verdict", how="left").sort("_o")
            .select(pl.col("dpia_verdict").replace_strict({v: t(f"dpia_{v}", lang) for v in DPIA_VERDICTS})
                    .alias(t("dpia_verdict", lang)),
                    pl.col("_n").fill_null(0).alias(t("datasets", lang)),
                    pl.col("_d").fill_null(0).alias(t("dpia_done", lang))))


def dpia_screening_view(inv: Inventory | pl.DataFrame, datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """DPIA screening of every dataset with its trail, DPIAs required but missing first.

    Columns: dataset, verdict, DPIA done, WP248 criteria, Art. 35(3) triggers, trail (the
    facts of the register that met each criterion, as the assessment wrote them).
    """
    done = _frame(inv).select("dataset_id", pl.col("dpia_done").fill_null(False))
    rank = {v: i for i, v in enumerate(DPIA_VERDICTS)}
    return (datasets.join(done, on="dataset_id", how="left")
            .with_columns(pl.col("dpia_verdict").replace_strict(rank, default=len(rank)).alias("_v"),
                          pl.col("dpia_done").fill_null(False))
            .sort(["dpia_done", "_v", "dataset_id"])
            .select(pl.col("name").alias(t("dataset", lang)),
                    pl.col("dpia_verdict").replace_strict({v: t(f"dpia_{v}", lang) for v in DPIA_VERDICTS},
                                                          default=pl.col("dpia_verdict"))
                    .alias(t("dpia_verdict", lang)),
                    pl.col("dpia_done").alias(t("dpia_done", lang)),
                    _criteria_text("dpia_criteria", WP248_CRITERIA, lang).alias("WP248"),
                    _criteria_text("dpia_triggers", ART35_3_TRIGGERS, lang).alias("Art. 35(3)"),
                    evidence_expr("dpia_trail", lang).alias(t("trail", lang))))


def breach_drill_view(datasets: pl.DataFrame, lang: str) -> pl.DataFrame:
    """ENISA breach drill per dataset, most severe first: DPC, EI, CB, SE = DPC × EI + CB, band,
    and the consequence: notify the authority (Art. 33), inform the people (Art. 34)."""
    band = {b: t(f"enisa_{b.replace(' ', '_')}", lang) for b in ("low", "medium", "high", "very high")}
    return (datasets.sort(["enisa_se", "dataset_id"], descending=[True, False])
            .select(pl.col("name").alias(t("dataset", lang)),
                    pl.col("enisa_dpc").cast(pl.Int64).alias("DPC"),
                    pl.col("enisa_ei").alias("EI"), pl.col("enisa_cb").alias("CB"),
                    pl.col("enisa_se").alias("SE"),
                    pl.col("enisa_band").replace_strict(band, default=pl.col("enisa_band"))
                    .alias(t("enisa_band", lang)),
                    pl.col("notify_authority").alias(t("notify_authority", lang)),
                    pl.col("inform_subjects").alias(t("inform_subjects", lang))))


def breach_drill_summary(datasets: pl.DataFrame, lang: str) -> list[tuple[str, str]]:
    """Key figures of the breach drill: datasets whose breach must be notified (Art. 33), and
    communicated to the people (Art. 34)."""
    return [(t("notify_authority", lang), format_number(int(datasets["notify_authority"].sum()), lang)),
            (t("inform_subjects", lang), format_number(int(datasets["inform_subjects"].sum()), lang))]


# --------------------------------------------------------------------------- explaining one dataset

def focus_dataset_id(assessment, focus: str = "") -> str:
    """The dataset a report explains: ``focus`` when given, else the highest risk score.

    Raises
    ------
    ValueError
        ``focus`` is not a dataset of the assessment.
    """
    ids = assessment.datasets["dataset_id"]
    if focus:
        if focus not in set(ids.to_list()):
            raise ValueError(f"focus_dataset {focus!r} is not a dataset_id of the inventory")
        return focus
    top = assessment.datasets.sort(["risk_score", "dataset_id"], descending=[True, False])
    return top["dataset_id"][0]


def dataset_name(assessment, dataset_id: str) -> str:
    """Name of a dataset of the assessment."""
    return assessment.datasets.filter(pl.col("dataset_id") == dataset_id)["name"][0]


def contributions_view(assessment, dataset_id: str, lang: str) -> pl.DataFrame:
    """The additive parts of one dataset's risk score (``Assessment.explain``), in waterfall order.

    Columns: factor (in ``lang``), contribution. They sum to the dataset's ``risk_score``.
    """
    return assessment.explain(dataset_id).select(
        pl.col(f"label_{lang}").alias(t("factor", lang)),
        pl.col("contribution").alias(t("contribution", lang)))


def edpb_steps(exposure, dataset_id: str):
    """:func:`rgpd_risk.calculate_fine` for a dataset's tier and seriousness and the
    organisation's turnover, with the neutral defaults (band midpoints, no Step 3 circumstance,
    final factor 1), or ``None`` when the dataset has no finding."""
    row = exposure.datasets.filter(pl.col("dataset_id") == dataset_id)
    if row.height == 0 or row["n_findings"][0] == 0:
        return None
    return calculate_fine(row["tier"][0], exposure.turnover_eur, row["seriousness"][0],
                          size_bands=exposure.model.size_bands)


def edpb_steps_view(calculation, lang: str) -> pl.DataFrame:
    """The five EDPB 04/2022 steps of a :class:`~rgpd_risk.FineCalculation` in ``lang``."""
    check_lang(lang)
    if calculation is None:
        return pl.DataFrame()
    return pl.DataFrame(
        [(s.number, getattr(s, f"title_{lang}"), getattr(s, f"text_{lang}"), s.amount)
         for s in calculation.steps],
        schema={t("step", lang): pl.Int64, t("step_title", lang): pl.Utf8,
                t("explanation", lang): pl.Utf8, t("amount", lang): pl.Float64}, orient="row")


def focus_exposure_note(exposure, dataset_id: str, lang: str) -> str:
    """One sentence on a dataset's simulated exposure next to the EDPB calculation."""
    row = exposure.datasets.filter(pl.col("dataset_id") == dataset_id).row(0, named=True)
    if not row["n_findings"]:
        return t("focus_no_finding", lang)
    return t("focus_exposure", lang, tier=row["tier"], seriousness=t(row["seriousness"], lang),
             p=format_percent(row["p_horizon"], lang), expected=format_eur(row["expected_cost"], lang),
             p90=format_eur(row["p90"], lang), maximum=format_eur(row["legal_maximum"], lang))


# --------------------------------------------------------------------------- exposure

def not_a_fine_note(exposure, lang: str) -> str:
    """What the simulated amounts leave out (orders to stop, periodic penalties, damages and
    class actions, clients' remedies against a processor), with the user's own estimate where
    the organisation profile gives one (``other_costs``); empty without an exposure."""
    frame = getattr(exposure, "not_a_fine", None)
    if frame is None or frame.height == 0:
        return ""
    items = [r[f"label_{check_lang(lang)}"] if r["user_amount_eur"] is None else
             t("not_a_fine_amount", lang, item=r[f"label_{lang}"],
               amount=format_eur(r["user_amount_eur"], lang))
             for r in frame.iter_rows(named=True)]
    return t("not_a_fine", lang, items=semicolon(lang).join(items))


def exposure_by_dataset(inv: Inventory, assessment, exposure, lang: str, *,
                        n: int | None = 10) -> pl.DataFrame:
    """Datasets (and the organisation) with the largest expected fine cost over the exposure's
    horizon (one year in the reports), from :func:`rgpd_risk.fine_exposure`: tier, seriousness,
    probability of a fine, expected cost, P90, legal maximum; the ``n`` largest (``None``: all)."""
    names = assessment.datasets.select("dataset_id", "name")
    org = t("organisation", lang)
    ranked = (exposure.datasets.filter(pl.col("n_findings") > 0)
              .join(names, on="dataset_id", how="left")
              .sort(["expected_cost", "dataset_id"], descending=[True, False]))
    return (ranked.head(n) if n is not None else ranked).select(
        pl.col("name").fill_null(pl.lit(org)).alias(t("dataset", lang)),
        pl.col("tier").alias(t("tier", lang)),
        _seriousness_label(lang).alias(t("seriousness", lang)),
        pl.col("p_horizon").alias(t("p_any_fine", lang)),
        pl.col("expected_cost").alias(t("expected_cost", lang)),
        pl.col("p90").alias(t("p90_short", lang)),
        pl.col("legal_maximum").alias(t("legal_max", lang)))


def exceedance_markers(figures: Mapping[str, object]) -> dict[str, float]:
    """Vertical markers of the loss-exceedance curve: P50 and P90 (positive values only)."""
    return {k.upper(): float(figures[k]) for k in ("p50", "p90") if figures.get(k)}


# --------------------------------------------------------------------------- remediation plan

def plan_by_seed_action(plan, lang: str, *, findings: pl.DataFrame | None = None,
                        max_actions: int | None = None) -> pl.DataFrame:
    """The remediation plan framed by the six seed actions (methodology §8).

    One row per seed action, in order, even when nothing falls under it: the planned actions
    (step numbers and labels), their effort (person-days) and cost, the expected exposure and
    risk score they remove and, with ``findings``, the findings whose ``action`` belongs to
    that seed action. ``max_actions`` lists at most that many actions per row, then "(+n)"
    (the board report's short form). The mapping is the remediation catalogue's
    (:func:`rgpd_risk.remediation.seed_action_of`), the single source of it.
    """
    check_lang(lang)
    base = pl.DataFrame({"seed_action": list(SEED_ACTIONS),
                         "_label": [seed_action_label(k, lang) for k in SEED_ACTIONS]},
                        schema={"seed_action": pl.Int64, "_label": pl.Utf8})
    steps = plan.steps
    named = pl.format("{}. {}", pl.col("step"), pl.col(f"label_{lang}")).sort_by("step")
    if max_actions is not None:
        extra = pl.len() - max_actions
        listed = (named.head(max_actions).str.join(" · ")
                  + pl.when(extra > 0).then(pl.format(" (+{})", extra)).otherwise(pl.lit("")))
    else:
        listed = named.str.join(" · ")
    agg = (steps.group_by("seed_action")
           .agg(listed.alias("_actions"),
                pl.col("effort_days").sum().alias("_days"), pl.col("cost_eur").sum().alias("_cost"),
                pl.col("exposure_removed").sum().alias("_exp"), pl.col("risk_removed").sum().alias("_risk")))
    out = base.join(agg, on="seed_action", how="left")
    cols = [pl.col("_label").alias(t("seed_action", lang)),
            pl.col("_actions").fill_null("—").alias(t("planned_actions", lang))]
    if findings is not None:
        mapping = seed_action_of(as_key=False)
        counts = (findings.select(pl.col("action").replace_strict(mapping, default=6, return_dtype=pl.Int64)
                                  .alias("seed_action"))
                  .group_by("seed_action").agg(pl.len().cast(pl.Int64).alias("_n")))
        out = out.join(counts, on="seed_action", how="left")
        cols.append(pl.col("_n").fill_null(0).alias(t("findings", lang)))
    cols += [pl.col("_days").fill_null(0.0).alias(t("effort_days", lang)),
             pl.col("_cost").fill_null(0.0).alias(t("cost", lang)),
             pl.col("_exp").fill_null(0.0).alias(t("exposure_removed", lang)),
             pl.col("_risk").fill_null(0.0).round(1).alias(t("risk_removed", lang))]
    return out.sort("seed_action").select(cols)


def plan_steps_view(plan, lang: str, *, n: int | None = None) -> pl.DataFrame:
    """The plan's steps in order (the first ``n``): action, seed action number, effort, cost,
    datasets changed, and what remains after the step (expected exposure, P90, risk score)."""
    check_lang(lang)
    steps = plan.steps if n is None else plan.steps.head(n)
    org = t("organisation", lang).lower()
    return steps.select(
        pl.col("step").alias("#"),
        pl.col(f"label_{lang}").alias(t("action", lang)),
        pl.col("seed_action").alias(t("seed_axis", lang)),
        pl.col("effort_days").alias(t("effort_days", lang)),
        pl.col("cost_eur").alias(t("cost", lang)),
        pl.when(pl.col("organisation") & (pl.col("n_datasets") == 0)).then(pl.lit(org))
        .otherwise(pl.col("n_datasets").cast(pl.Utf8)).alias(t("datasets", lang)),
        pl.col("remaining_expected_exposure").alias(t("remaining_exposure", lang)),
        pl.col("remaining_p90_exposure").alias(t("remaining_p90", lang)),
        pl.col("remaining_risk_total").round(0).alias(t("remaining_risk", lang)),
    )


PLAN_MONEY = ("cost", "exposure_removed", "remaining_exposure", "remaining_p90")
"""Label keys of the plan tables' money columns (format them as euros)."""


def plan_formats(lang: str) -> dict[str, str]:
    """``formats`` argument of :meth:`Report.table` for the plan tables."""
    return {t(k, lang): "eur" for k in PLAN_MONEY}


def plan_note(plan, exposure, lang: str) -> str:
    """How the plan was computed, in one paragraph (method, budget, draws, our estimates)."""
    if plan is None:
        return ""
    text = t("plan_method", lang, steps=format_number(plan.steps.height, lang),
             days=format_number(plan.effort_days, lang), cost=format_eur(plan.cost_eur, lang),
             draws=format_number(plan.n_draws, lang), seed=plan.seed)
    if exposure is not None and plan.n_draws != exposure.n_draws:
        text += " " + t("plan_draws_note", lang, draws=format_number(plan.n_draws, lang),
                        start=format_eur(plan.baseline.portfolio["expected_exposure"], lang),
                        headline=format_eur(exposure.summary()["expected_cost"], lang))
    if plan.left_out:
        text += " " + t("plan_left_out", lang, n=len(plan.left_out))
    return text


# --------------------------------------------------------------------------- comparable fines

def similar_fines(findings: pl.DataFrame, lang: str, *, country: str | None = None,
                  k: int = 5) -> pl.DataFrame:
    """Real fines closest to the gravest findings' articles (:func:`similar_cases`)."""
    high = findings.filter(pl.col("seriousness") == "high")
    source = high if high.height else findings
    # GDPR citations only ("Art. 32"); national texts such as "décret 2019-341" are left out
    articles = sorted(a for a in set(source["articles"].explode().drop_nulls().to_list())
                      if a.startswith("Art."))
    if not articles:
        return pl.DataFrame()
    try:
        cases = similar_cases(articles, country=country, k=k)
    except ValueError:  # e.g. a country the enforcement table does not know
        try:
            cases = similar_cases(articles, k=k)
        except ValueError:
            return pl.DataFrame()
    return cases.select(
        pl.col("date").cast(pl.Utf8).alias(t("date", lang)),
        pl.col("country").alias(t("country", lang)),
        pl.col("controller").alias(t("controller", lang)),
        pl.col("articles").list.join(", ").alias(t("articles", lang)),
        pl.col("amount_eur").alias(t("amount", lang)),
    )
