"""Entry point: :func:`assess` an inventory into an immutable :class:`Assessment`.

The whole computation is polars expressions over the full frame: one ``with_columns`` pass
for the derived facts, one for DPIA screening, one evaluating every rule condition, CNIL and
ENISA scores together, then one lazy query per rule over the rows it hit (to build the
evidence texts) run in parallel by :func:`polars.collect_all`-style concatenation. There is
no Python loop over datasets; the loops below run over the ~20 rules and 7 score factors.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.assessment.cnil import cnil_columns
from rgpd_risk.assessment.config import FEARED_EVENTS, RiskModel
from rgpd_risk.assessment.context import (
    join_present,
    list_text,
    prepare,
    with_context,
    with_text_context,
)
from rgpd_risk.assessment.dpia import dpia_columns, dpia_trail
from rgpd_risk.assessment.enisa import enisa_columns
from rgpd_risk.assessment.result import Assessment
from rgpd_risk.assessment.rules import (
    ORGANISATION_RULES,
    RULES,
    SERIOUSNESS_LEVELS,
    RuleContext,
    consent_age,
)
from rgpd_risk.assessment.score import FACTORS, risk_level, score_columns
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.schemas import FINDINGS_SCHEMA, ORGANISATION_DATASET_ID

__all__ = ["assess", "DATASET_COLUMNS", "CONTRIBUTIONS_SCHEMA"]

#: Columns of :attr:`Assessment.datasets`, in order.
DATASET_COLUMNS: tuple[str, ...] = (
    "dataset_id", "name", "risk_score", "risk_level",
    *[f"{ev}_{k}" for ev in FEARED_EVENTS for k in ("severity", "likelihood")],
    *[f"{ev}_{k}_residual" for ev in FEARED_EVENTS for k in ("severity", "likelihood")],
    "enisa_dpc", "enisa_ei", "enisa_cb", "enisa_se", "enisa_band",
    "notify_authority", "inform_subjects",
    "dpia_verdict", "dpia_criteria", "dpia_triggers", "dpia_trail",
    "findings_total", "findings_83_4", "findings_83_5",
    "findings_high", "findings_medium", "findings_low",
)

#: Columns of :attr:`Assessment.contributions` (long: one row per dataset and factor).
CONTRIBUTIONS_SCHEMA: dict[str, pl.DataType] = {
    "dataset_id": pl.Utf8(), "factor": pl.Utf8(), "label_en": pl.Utf8(),
    "label_fr": pl.Utf8(), "contribution": pl.Float64(),
}


def _aggravation_columns(model: RiskModel) -> list[pl.Expr]:
    """Number of Art. 83(2)(a)/(g) aggravating factors per dataset (``_aggr_n``)."""
    n = (pl.col("_sensitive").cast(pl.Int32) + pl.col("_large").cast(pl.Int32)
         + pl.col("_vulnerable").cast(pl.Int32))
    return [n.alias("_aggr_n")]


def _aggravation_text(model: RiskModel) -> list[pl.Expr]:
    """Text of the Art. 83(2)(a)/(g) factors per dataset (``_aggr_text``)."""
    sens = join_present([list_text("_art9_cats"), list_text("_art10_cats"),
                         pl.when(pl.col("_has_nir")).then(pl.lit("nir"))])
    count = (
        pl.when(pl.col("subject_count").is_null())
        .then(pl.lit("subject_count unknown, counted large"))
        .otherwise(pl.format("subject_count={} ≥ {}", pl.col("subject_count"),
                             pl.lit(model.large_scale_threshold)))
    )
    vuln = join_present([list_text("_vuln_subjects"),
                         pl.when(pl.col("_child")).then(pl.lit("children"))])
    parts = join_present([
        pl.when(pl.col("_sensitive")).then(pl.format("(g) special data: {}", sens)),
        pl.when(pl.col("_large")).then(pl.format("(a) large scale: {}", count)),
        pl.when(pl.col("_vulnerable")).then(pl.format("(a) vulnerable people: {}", vuln)),
    ], "; ")
    return [parts.alias("_aggr_text")]


def _level(base: pl.Expr, n_aggr: pl.Expr, model: RiskModel) -> pl.Expr:
    adj = (n_aggr >= 2).cast(pl.Int32) - (n_aggr == 0).cast(pl.Int32) + int(model.assume_intent)
    return (base + adj).clip(0, 2).cast(pl.Int8)


def _reason_tail(model: RiskModel) -> pl.Expr:
    """Per dataset, the part of every finding's seriousness reason that does not depend on
    the rule: the Art. 83(2)(a)/(g) factors, the adjustment they cause, and (b)."""
    n = pl.col("_aggr_n")
    intent = ("(b) intent assumed (model setting) → +1" if model.assume_intent
              else "(b) negligence assumed (intent not visible in an inventory)")
    return (
        pl.when(n == 0).then(pl.lit("no Art. 83(2)(a)/(g) aggravating factor → −1"))
        .when(n == 1).then(pl.format("Art. 83(2) {}", pl.col("_aggr_text")))
        .otherwise(pl.format("Art. 83(2) {} → +1", pl.col("_aggr_text")))
        + pl.lit(f"; {intent}")
    )


def _reason(base: int | pl.Expr, level: pl.Expr) -> pl.Expr:
    """``"<level>: base <base> (our table); <tail>"``."""
    names = dict(enumerate(SERIOUSNESS_LEVELS))
    base_name = (pl.lit(SERIOUSNESS_LEVELS[base]) if isinstance(base, int)
                 else base.replace_strict(names, return_dtype=pl.Utf8))
    return pl.concat_str(level.replace_strict(names, return_dtype=pl.Utf8), pl.lit(": base "),
                         base_name, pl.lit(" (our table); "), pl.col("_reason_tail"))


def _points(flag: str, level: str, tier: str, model: RiskModel) -> pl.Expr:
    fp, mult = model.finding_points, float(model.tier_multiplier[tier])
    lv = pl.col(level)
    pts = (pl.when(lv == 0).then(fp["low"] * mult).when(lv == 1).then(fp["medium"] * mult)
           .otherwise(fp["high"] * mult))
    return pl.col(flag).cast(pl.Float64) * pts


def _organisation_findings(
    ctx: pl.DataFrame, org: Organisation | None, model: RiskModel
) -> pl.DataFrame:
    """Art. 33 and Art. 37 findings from the profile and frame-wide aggregates."""
    profile = org or Organisation(name="(no organisation profile)")
    assumed = "" if org is not None else "no organisation profile given, pessimistic default: "
    agg = ctx.select(
        (pl.col("_large") & (pl.col("_has_art9") | pl.col("_has_art10"))).sum().alias("n_sens"),
        pl.col("dataset_id").filter(pl.col("_large") & (pl.col("_has_art9")
                                                         | pl.col("_has_art10")))
        .sort().head(5).implode().alias("ids_sens"),
        (pl.col("_large") & pl.col("systematic_monitoring")).sum().alias("n_mon"),
        pl.col("dataset_id").filter(pl.col("_large") & pl.col("systematic_monitoring"))
        .sort().head(5).implode().alias("ids_mon"),
        pl.col("_sensitive").any().alias("sens"),
        pl.col("_large").any().alias("large"),
        pl.col("_vulnerable").any().alias("vuln"),
    ).row(0, named=True)
    n_aggr = int(bool(agg["sens"])) + int(bool(agg["large"])) + int(bool(agg["vuln"]))
    factors = "; ".join(t for t, on in (
        ("(g) special data in some dataset", agg["sens"]),
        ("(a) large-scale processing in some dataset", agg["large"]),
        ("(a) vulnerable people in some dataset", agg["vuln"])) if on)
    rows: list[dict[str, Any]] = []

    def add(code: str, evidence: str) -> None:
        spec = ORGANISATION_RULES[code]
        base = int(spec["base"])
        adj = (n_aggr >= 2) - (n_aggr == 0) + int(model.assume_intent)
        level = min(2, max(0, base + adj))
        why = (f"Art. 83(2) {factors}" + (" → +1" if n_aggr >= 2 else "")
               if n_aggr else "no Art. 83(2)(a)/(g) aggravating factor → −1")
        intent = ("(b) intent assumed (model setting) → +1" if model.assume_intent
                  else "(b) negligence assumed (intent not visible in an inventory)")
        rows.append(dict(
            dataset_id=ORGANISATION_DATASET_ID, code=code, articles=list(spec["articles"]),
            tier=spec["tier"], seriousness=SERIOUSNESS_LEVELS[level],
            seriousness_reason=f"{SERIOUSNESS_LEVELS[level]}: base {SERIOUSNESS_LEVELS[base]} "
            f"(our table); {why}; {intent}",
            evidence=evidence, title_en=spec["title_en"], title_fr=spec["title_fr"],
            explanation_en=spec["explanation_en"], explanation_fr=spec["explanation_fr"],
            action=spec["action"], source="organisation"))

    reasons = []
    if profile.public_body:
        reasons.append("public_body=true (Art. 37(1)(a))")
    if profile.core_monitoring:
        reasons.append("core_monitoring=true (Art. 37(1)(b))")
    if profile.core_special_categories:
        reasons.append("core_special_categories=true (Art. 37(1)(c))")
    if agg["n_sens"]:
        reasons.append(f"inferred (Art. 37(1)(c)): {agg['n_sens']} dataset(s) with large-scale "
                       f"Art. 9/10 data, e.g. {', '.join(agg['ids_sens'])}")
    if agg["n_mon"]:
        reasons.append(f"inferred (Art. 37(1)(b)): {agg['n_mon']} dataset(s) with large-scale "
                       f"systematic monitoring, e.g. {', '.join(agg['ids_mon'])}")
    if reasons and not profile.dpo_designated:
        add("ART37_DPO_NOT_DESIGNATED", f"{assumed}dpo_designated=false; " + "; ".join(reasons))
    if not profile.breach_procedure:
        add("ART33_NO_BREACH_PROCEDURE", f"{assumed}breach_procedure=false")
    return pl.DataFrame(rows, schema=FINDINGS_SCHEMA)


def _long_contributions(ctx: pl.DataFrame, factor_cols: list[str]) -> pl.DataFrame:
    """Long frame ``dataset_id, factor, label_en, label_fr, contribution``, dataset by dataset
    in input order and factors in waterfall order (numpy reshaping, no sort)."""
    n, k = ctx.height, len(factor_cols)
    values = ctx.select(factor_cols).to_numpy(order="c").reshape(-1)
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    which = np.tile(np.arange(k, dtype=np.int64), n)
    return pl.DataFrame({
        "dataset_id": ctx["dataset_id"].gather(rows),
        "factor": pl.Series(list(FACTORS), dtype=pl.Utf8).gather(which),
        "label_en": pl.Series([v[0] for v in FACTORS.values()], dtype=pl.Utf8).gather(which),
        "label_fr": pl.Series([v[1] for v in FACTORS.values()], dtype=pl.Utf8).gather(which),
        "contribution": pl.Series(values, dtype=pl.Float64),
    }, schema=CONTRIBUTIONS_SCHEMA)


def assess(
    inventory: Inventory | pl.DataFrame | Any,
    *,
    organisation: Organisation | None = None,
    model: RiskModel | None = None,
    today: date | None = None,
) -> Assessment:
    """Assess an inventory: findings by article, CNIL and ENISA risk, DPIA screening, score.

    Parameters
    ----------
    inventory : Inventory or polars.DataFrame
        An :class:`~rgpd_risk.inventory.model.Inventory`, or a frame with at least
        ``dataset_id, name, data_categories`` (other columns take the documented defaults
        of :mod:`rgpd_risk.inventory.schema`). A pandas frame is converted once.
    organisation : Organisation, optional
        The controller's profile; defaults to ``inventory.organisation``. Without one,
        organisation-level findings use the pessimistic defaults and say so.
    model : RiskModel, optional
        Weights and thresholds (our modelling choices); defaults to ``RiskModel()``.
    today : datetime.date, optional
        Reference date (retention overruns, adequacy decisions in force). Defaults to
        today's date; pass it for reproducible results.

    Returns
    -------
    Assessment

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> inv = frame_from_records([{
    ...     "dataset_id": "hr", "name": "HR files", "data_categories": ["identity", "health"],
    ...     "data_subjects": ["employees"], "subject_count": 120, "legal_basis": None}])
    >>> a = assess(inv, today=date(2025, 1, 1))
    >>> a.datasets.select("dpia_verdict", "access_severity").row(0)
    ('required', 4)
    >>> a.findings.filter(pl.col("code") == "ART6_NO_LEGAL_BASIS")["seriousness"].item()
    'high'
    >>> round(a.contributions["contribution"].sum(), 9) == round(a.datasets["risk_score"][0], 9)
    True
    """
    model = model or RiskModel()
    today = today or date.today()
    if isinstance(inventory, Inventory):
        frame = inventory.frame
        organisation = organisation or inventory.organisation
    elif isinstance(inventory, pl.DataFrame):
        frame = inventory
    elif hasattr(inventory, "to_dict") and hasattr(inventory, "columns"):  # pandas, at the edge
        frame = pl.from_pandas(inventory)
    else:
        raise TypeError(f"expected an Inventory or a polars DataFrame, got {type(inventory)!r}")
    country = (model.country or (organisation.country if organisation else "FR")).upper()
    rc = RuleContext(model, today, country, consent_age(country, model))

    ctx = with_context(prepare(frame), model, today)
    ctx = ctx.with_columns(*dpia_columns(model), *_aggravation_columns(model))
    flags, levels = [], []
    for i, rule in enumerate(RULES):
        flags.append(rule.condition(rc).fill_null(False).alias(f"_f{i}"))
        levels.append(_level(rule.base_expr(rc), pl.col("_aggr_n"), model).alias(f"_s{i}"))
    # One pass: every rule condition, its seriousness, CNIL and ENISA columns.
    ctx = ctx.with_columns(*flags, *levels, *cnil_columns(model), *enisa_columns(model))

    points = {"83(4)": [], "83(5)": []}
    for i, rule in enumerate(RULES):
        points[rule.tier].append(_points(f"_f{i}", f"_s{i}", rule.tier, model))
    counts = {
        "findings_total": [pl.col(f"_f{i}") for i in range(len(RULES))],
        "findings_83_4": [pl.col(f"_f{i}") for i, r in enumerate(RULES) if r.tier == "83(4)"],
        "findings_83_5": [pl.col(f"_f{i}") for i, r in enumerate(RULES) if r.tier == "83(5)"],
        **{f"findings_{s}": [pl.col(f"_f{i}") & (pl.col(f"_s{i}") == k)
                             for i in range(len(RULES))]
           for k, s in enumerate(SERIOUSNESS_LEVELS)},
    }
    ctx = ctx.with_columns(
        pl.sum_horizontal(points["83(5)"]).alias("_p5"),
        pl.sum_horizontal(points["83(4)"]).alias("_p4"),
        *[pl.sum_horizontal(v).cast(pl.Int32).alias(k) for k, v in counts.items()],
    )
    ctx = ctx.with_columns(*score_columns(model, pl.col("_p5"), pl.col("_p4")))
    factor_cols = [f"_c_{f}" for f in FACTORS]
    ctx = ctx.with_columns(pl.sum_horizontal(factor_cols).alias("risk_score"))
    ctx = ctx.with_columns(risk_level(pl.col("risk_score"), model).alias("risk_level"))

    org_findings = _organisation_findings(ctx, organisation, model)
    return Assessment(model=model, today=today, organisation=organisation,
                      _core=ctx, _rule_context=rc, _organisation_findings=org_findings)


def render_datasets(core: pl.DataFrame, model: RiskModel) -> pl.DataFrame:
    """The public per-dataset frame (adds the DPIA trail text)."""
    return (with_text_context(core).with_columns(dpia_trail(model).alias("dpia_trail"))
            .select(list(DATASET_COLUMNS)))


def render_findings(core: pl.DataFrame, rc: RuleContext, organisation_findings: pl.DataFrame
                    ) -> pl.DataFrame:
    """The findings frame: one lazy query per rule over the rows it hit (evidence and
    seriousness texts are only built for those rows), run concurrently, then the rule texts
    joined from the rule table."""
    model = rc.model
    core = with_text_context(core)
    tails = (core.select("_aggr_n", *_aggravation_text(model))
             .select(_reason_tail(model))).to_series()
    base = core.lazy()
    parts = []
    for i, rule in enumerate(RULES):
        hits = base.filter(pl.col(f"_f{i}"))
        parts.append(hits.select(
            pl.col("_row"),
            pl.lit(i, dtype=pl.UInt16).alias("_rule"),
            pl.col("dataset_id"),
            pl.col(f"_s{i}").replace_strict(dict(enumerate(SERIOUSNESS_LEVELS)),
                                            return_dtype=pl.Utf8).alias("seriousness"),
            rule.evidence(rc).cast(pl.Utf8).alias("evidence"),
            (pl.lit(rule.base, dtype=pl.Int8) if isinstance(rule.base, int)
             else rule.base_expr(rc).cast(pl.Int8)).alias("_base"),
            pl.col(f"_s{i}").alias("_level"),
        ))
    texts = pl.DataFrame({
        "_rule": pl.Series(range(len(RULES)), dtype=pl.UInt16),
        "code": [r.code for r in RULES],
        "articles": pl.Series([list(r.articles) for r in RULES], dtype=pl.List(pl.Utf8)),
        "tier": [r.tier for r in RULES],
        "title_en": [r.title_en for r in RULES], "title_fr": [r.title_fr for r in RULES],
        "explanation_en": [r.explanation_en for r in RULES],
        "explanation_fr": [r.explanation_fr for r in RULES],
        "action": [r.action for r in RULES],
    })
    findings = (
        pl.concat(parts)
        .sort("_row", "_rule")
        .with_columns(pl.lit(tails).gather(pl.col("_row")).alias("_reason_tail"))
        .with_columns(_reason(pl.col("_base"), pl.col("_level")).alias("seriousness_reason"))
        .join(texts.lazy(), on="_rule", how="left", maintain_order="left")
        .with_columns(pl.lit("rule").alias("source"))
        .select(list(FINDINGS_SCHEMA))
        .collect()
    )
    return pl.concat([findings.cast(FINDINGS_SCHEMA), organisation_findings])


def render_contributions(core: pl.DataFrame) -> pl.DataFrame:
    """The long contributions frame."""
    return _long_contributions(core, [f"_c_{f}" for f in FACTORS])
