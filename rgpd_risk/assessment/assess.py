"""Entry point: :func:`assess` an inventory into an immutable :class:`Assessment`.

The whole computation is polars expressions over the full frame: one ``with_columns`` pass
for the derived facts, one for DPIA screening, one evaluating every rule condition, CNIL and
ENISA scores together. The text frames are rendered on first access
(:func:`render_datasets`, :func:`render_findings`, :func:`render_contributions`): findings
are listed from the rule-flag matrix in output order, constant texts gathered from the rule
table by index, evidence built only on the rows each rule hits. There is no Python loop over
datasets; the loops below run over the ~20 rules and 7 score factors.
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
    with_context,
    with_text_context,
)
from rgpd_risk.assessment.dpia import dpia_columns, dpia_trail
from rgpd_risk.assessment.enisa import enisa_columns
from rgpd_risk.assessment.result import Assessment
from rgpd_risk.assessment.rules import (
    ALL_ROLES,
    ORGANISATION_RULES,
    RULES,
    SERIOUSNESS_LEVELS,
    RuleContext,
    consent_age,
)
from rgpd_risk.assessment.rules_roles import VENDOR_COLUMNS, role_context, role_enisa_columns, vendor_consistency
from rgpd_risk.assessment.score import FACTORS, risk_level, score_columns
from rgpd_risk.i18n import text
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import canonical_frame
from rgpd_risk.law import REGIMES
from rgpd_risk.schemas import FINDING_KINDS, FINDINGS_SCHEMA, ORGANISATION_DATASET_ID

__all__ = ["assess", "reassess", "DATASET_COLUMNS", "CONTRIBUTIONS_SCHEMA", "FINDING_KEY_COLUMNS"]

#: Columns of :attr:`Assessment.datasets`, in order.
DATASET_COLUMNS: tuple[str, ...] = (
    "dataset_id", "name", "risk_score", "risk_level",
    *[f"{ev}_{k}" for ev in FEARED_EVENTS for k in ("severity", "likelihood")],
    *[f"{ev}_{k}_residual" for ev in FEARED_EVENTS for k in ("severity", "likelihood")],
    "enisa_dpc", "enisa_ei", "enisa_cb", "enisa_se", "enisa_band",
    "notify_authority", "inform_subjects", "role", "notify_client",
    "dpia_verdict", "dpia_criteria", "dpia_triggers", "dpia_trail",
    "findings_total", "findings_83_4", "findings_83_5",
    "findings_high", "findings_medium", "findings_low", "findings_attention",
)

#: Columns of :attr:`Assessment.finding_keys`: what identifies and classifies a finding,
#: without its rendered texts (a prefix of :data:`~rgpd_risk.schemas.FINDINGS_SCHEMA`).
FINDING_KEY_COLUMNS: tuple[str, ...] = (
    "dataset_id", "code", "articles", "tier", "regime", "kind", "seriousness")

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
    """Text of the Art. 83(2)(a)/(g) factors per dataset (``_aggr_text``); reads the text
    context (:func:`~rgpd_risk.assessment.context.with_text_context`)."""
    sens = join_present([pl.col("_t_art9"), pl.col("_t_art10"),
                         pl.when(pl.col("_has_nir")).then(pl.lit("nir"))])
    count = pl.col("_t_count").fill_null("subject_count unknown, counted large")
    vuln = join_present([pl.col("_t_vuln"),
                         pl.when(pl.col("_child")).then(pl.lit("children"))])
    parts = join_present([
        pl.when(pl.col("_sensitive")).then(pl.format("(g) special data: {}", sens)),
        pl.when(pl.col("_large")).then(pl.format("(a) large scale: {}", count)),
        pl.when(pl.col("_vulnerable")).then(pl.format("(a) vulnerable people: {}", vuln)),
    ], "; ")
    return [parts.alias("_aggr_text")]


def _aggr_class(n: pl.Expr) -> pl.Expr:
    """0 / 1 / 2: no, one, two or more Art. 83(2)(a)/(g) aggravating factors."""
    return pl.when(n == 0).then(0).when(n == 1).then(1).otherwise(2).cast(pl.UInt8)


def _intent_text(model: RiskModel) -> str:
    return ("(b) intent assumed (model setting) → +1" if model.assume_intent
            else "(b) negligence assumed (intent not visible in an inventory)")


def _reason_pieces(model: RiskModel) -> tuple[pl.Series, pl.Series]:
    """The constant parts of ``seriousness_reason``.

    A reason reads ``"<level>: base <base> (our table); <head><aggravation text><tail>"``:
    the head (indexed by ``level * 9 + base * 3 + class``, class from :func:`_aggr_class`)
    holds the level, base and the start of the Art. 83(2) sentence; the tail (indexed by
    class) the "→ +1" of two or more factors and the (b) intent sentence.
    """
    names = SERIOUSNESS_LEVELS
    heads = [f"{names[lv]}: base {names[b]} (our table); "
             + ("no Art. 83(2)(a)/(g) aggravating factor → −1" if k == 0 else "Art. 83(2) ")
             for lv in range(3) for b in range(3) for k in range(3)]
    tails = [("" if k < 2 else " → +1") + f"; {_intent_text(model)}" for k in range(3)]
    return pl.Series(heads, dtype=pl.Utf8), pl.Series(tails, dtype=pl.Utf8)


def _level(base: pl.Expr, n_aggr: pl.Expr, model: RiskModel) -> pl.Expr:
    adj = (n_aggr >= 2).cast(pl.Int32) - (n_aggr == 0).cast(pl.Int32) + int(model.assume_intent)
    return (base + adj).clip(0, 2).cast(pl.Int8)


def _role_gate(roles: tuple[str, ...]) -> pl.Expr:
    """True on the rows whose role the duty applies to (``rules_roles.role_context``)."""
    if set(roles) >= set(ALL_ROLES):
        return pl.lit(True)
    return pl.any_horizontal([pl.col(f"_r_{r}") for r in roles])


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
        pl.col("_r_processor").sum().alias("n_proc"),
        pl.col("controller_name").filter(pl.col("_r_processor")).drop_nulls().unique().sort()
        .head(5).implode().alias("clients"),
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
            evidence=evidence, regime=spec["regime"], kind=spec["kind"],
            **{f"{part}_{lang}": text(f"rules.{code}.{part}", lang)
               for part in ("title", "explanation") for lang in ("en", "fr")},
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
    if agg["n_proc"] and not profile.processor_register:
        add("ART30_2_NO_PROCESSOR_RECORD",
            f"{assumed}processor_register=false; {agg['n_proc']} entr(y/ies) with role=processor"
            + (f", clients: {', '.join(agg['clients'])}" if agg["clients"] else ""))
    return pl.DataFrame(rows, schema=FINDINGS_SCHEMA)


def _long_contributions(ctx: pl.DataFrame, factor_cols: list[str]) -> pl.DataFrame:
    """Long frame ``dataset_id, factor, label_en, label_fr, contribution``, dataset by dataset
    in input order and factors in waterfall order (numpy reshaping and gathers, no sort)."""
    n, k = ctx.height, len(factor_cols)
    values = ctx.select(factor_cols).to_numpy(order="c").reshape(-1)
    idx = pl.UInt32 if n * k < 2**32 else pl.UInt64
    rows = pl.Series(np.repeat(np.arange(n, dtype=np.int64), k), dtype=idx)
    which = pl.Series(np.tile(np.arange(k, dtype=np.int64), n), dtype=idx)
    labels = pl.DataFrame({
        "factor": list(FACTORS),
        "label_en": [v[0] for v in FACTORS.values()],
        "label_fr": [v[1] for v in FACTORS.values()],
    }, schema={c: pl.Utf8 for c in ("factor", "label_en", "label_fr")})
    return labels.gather(which).with_columns(
        ctx["dataset_id"].gather(rows).alias("dataset_id"),
        pl.Series("contribution", values, dtype=pl.Float64),
    ).select(list(CONTRIBUTIONS_SCHEMA))


#: The expressions of :func:`assess`, by rule context: building them is a fixed cost of
#: every call (the remediation plan assesses a state at each step). Keyed on the model's
#: identity, which the entry holds, so a key cannot outlive its model.
_STAGES: dict[tuple[Any, ...], tuple[RiskModel, tuple[tuple[pl.Expr, ...], ...]]] = {}


def _stages(rc: RuleContext) -> tuple[tuple[pl.Expr, ...], ...]:
    """The successive ``with_columns`` stages of the assessment, from the context columns
    to ``risk_level``."""
    model = rc.model
    key = (id(model), rc.today, rc.country, rc.consent_age, rc.breach_register, rc.employees)
    hit = _STAGES.get(key)
    if hit is not None and hit[0] is model:
        return hit[1]
    stages = _build_stages(rc)
    if len(_STAGES) >= 8:
        _STAGES.pop(next(iter(_STAGES)))
    _STAGES[key] = (model, stages)
    return stages


def _build_stages(rc: RuleContext) -> tuple[tuple[pl.Expr, ...], ...]:
    model = rc.model
    stages: list[tuple[pl.Expr, ...]] = [
        (*dpia_columns(model, rc.employees), *_aggravation_columns(model))]
    flags, levels = [], []
    for i, rule in enumerate(RULES):
        flags.append((rule.condition(rc).fill_null(False) & _role_gate(rule.roles))
                     .alias(f"_f{i}"))
        levels.append(_level(rule.base_expr(rc), pl.col("_aggr_n"), model).alias(f"_s{i}"))
    # One pass: every rule condition, its seriousness, CNIL and ENISA columns.
    stages.append((*flags, *levels, *cnil_columns(model), *enisa_columns(model)))
    stages.append(tuple(role_enisa_columns()))

    # Points of attention add no points and are counted apart; breaches of other regimes
    # (LIL, CPCE) are scored with the 83(4) group (ours: docs/risk_model.md).
    points = {"83(4)": [pl.lit(0.0)], "83(5)": [pl.lit(0.0)]}
    breaches = [i for i, r in enumerate(RULES) if r.kind == "breach"]
    for i in breaches:
        rule = RULES[i]
        points[rule.points_group].append(_points(f"_f{i}", f"_s{i}", rule.points_group, model))
    counts = {
        "findings_total": [pl.col(f"_f{i}") for i in breaches],
        "findings_83_4": [pl.col(f"_f{i}") for i in breaches if RULES[i].tier == "83(4)"],
        "findings_83_5": [pl.col(f"_f{i}") for i in breaches if RULES[i].tier == "83(5)"],
        **{f"findings_{s}": [pl.col(f"_f{i}") & (pl.col(f"_s{i}") == k) for i in breaches]
           for k, s in enumerate(SERIOUSNESS_LEVELS)},
        "findings_attention": [pl.col(f"_f{i}") for i, r in enumerate(RULES)
                               if r.kind == "attention"],
    }
    stages.append((
        pl.sum_horizontal(points["83(5)"]).alias("_p5"),
        pl.sum_horizontal(points["83(4)"]).alias("_p4"),
        *[(pl.sum_horizontal(v) if v else pl.lit(0)).cast(pl.Int32).alias(k)
          for k, v in counts.items()],
    ))
    stages.append(tuple(score_columns(model, pl.col("_p5"), pl.col("_p4"))))
    stages.append((pl.sum_horizontal([f"_c_{f}" for f in FACTORS]).alias("risk_score"),))
    stages.append((risk_level(pl.col("risk_score"), model).alias("risk_level"),))
    return tuple(stages)


def assess(
    inventory: Inventory | pl.DataFrame | Any,
    *,
    organisation: Organisation | None = None,
    model: RiskModel | None = None,
    today: date | None = None,
    extra_findings: pl.DataFrame | None = None,
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
    extra_findings : polars.DataFrame, optional
        Findings from elsewhere in :data:`~rgpd_risk.schemas.FINDINGS_SCHEMA`, typically
        :func:`rgpd_risk.reconcile` of a scan (``source == "discovery"``). They join
        :attr:`Assessment.findings` and the per-dataset finding counts, and so the fine
        exposure; the risk score stays a function of the register's facts (our choice: the
        score explains the register, the findings table is the whole story).

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
    >>> # health data of 120 employees, not monitored: one WP248 criterion, no CNIL list
    >>> a.datasets.select("dpia_verdict", "access_severity").row(0)
    ('recommended', 4)
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
    rc = _rule_context(model, today, organisation)
    ctx = _core_of(canonical_frame(frame), rc)
    org_findings = _organisation_findings(ctx, organisation, model)
    return Assessment(model=model, today=today, organisation=organisation,
                      _core=ctx, _rule_context=rc, _organisation_findings=org_findings,
                      _extra_findings=_checked_extra(extra_findings, frame))


def _rule_context(model: RiskModel, today: date, organisation: Organisation | None) -> RuleContext:
    country = (model.country or (organisation.country if organisation else "FR")).upper()
    employees = model.employees if model.employees is not None else (
        organisation.employees if organisation is not None else None)
    return RuleContext(model, today, country, consent_age(country, model),
                       breach_register=bool(getattr(organisation, "breach_register", False)),
                       employees=employees)


def _core_of(frame: pl.DataFrame, rc: RuleContext, rows: pl.Series | None = None,
             vendor: pl.DataFrame | None = None) -> pl.DataFrame:
    """The core frame of a canonical inventory frame: context columns, every rule's flag and
    level, CNIL, ENISA, DPIA and score columns. ``rows`` (positions in the whole register)
    and ``vendor`` (its vendor check) when ``frame`` holds only some of its rows."""
    ctx = with_context(frame, rc.model, rc.today)
    if rows is not None:
        ctx = ctx.with_columns(rows.alias("_row"))
    ctx = role_context(ctx, rc.today, vendor)
    for stage in _stages(rc):
        ctx = ctx.with_columns(*stage)
    return ctx


#: Inventory columns the vendor check reads across rows (rules_roles.vendor_consistency).
_VENDOR_INPUTS = ("dataset_id", "processors", "transfer_safeguard", "third_countries")


def reassess(
    previous: Assessment,
    inventory: Inventory | pl.DataFrame,
    *,
    organisation: Organisation | None = None,
    extra_findings: pl.DataFrame | None = None,
) -> Assessment:
    """:func:`assess` of ``inventory`` with the model and date of ``previous``, assessing
    again only the rows that differ from the inventory ``previous`` assessed (what a
    remediation step changes): the same result as a full :func:`assess`, faster when few
    rows changed.

    A row is assessed again when one of its inventory fields differs, or when the vendor
    check, which reads the whole register, changes its result. The whole register is
    assessed again when the datasets (ids and their order) or the rule context (the
    organisation's country, headcount, breach register) differ, or when half the rows did.
    """
    if isinstance(inventory, Inventory):
        organisation = organisation or inventory.organisation
        inventory = inventory.frame
    model, today = previous.model, previous.today
    frame = canonical_frame(inventory)
    rc = _rule_context(model, today, organisation)
    prev = previous._core

    def full() -> Assessment:
        return assess(frame, organisation=organisation, model=model, today=today,
                      extra_findings=extra_findings)

    if (prev is None or rc != previous._rule_context or frame.height != prev.height
            or not frame["dataset_id"].equals(prev["dataset_id"])):
        return full()
    old = prev.select(frame.columns)
    changed = old.select(pl.any_horizontal(
        [pl.col(c).ne_missing(frame[c]) for c in frame.columns]).alias("c"))["c"]
    vendor = prev.select(VENDOR_COLUMNS)
    if not old.filter(changed).select(_VENDOR_INPUTS).equals(frame.filter(changed).select(_VENDOR_INPUTS)):
        vendor = vendor_consistency(frame.select(_VENDOR_INPUTS).with_row_index("_row")).select(VENDOR_COLUMNS)
        changed = (changed | vendor["_n_vendor_mixed"].ne_missing(prev["_n_vendor_mixed"])
                   | vendor["_vendor_text"].ne_missing(prev["_vendor_text"]))
    n = int(changed.sum())
    if 2 * n > frame.height:
        return full()
    if n == 1 and frame.height > 1:
        # polars evaluates a one-row frame as scalars, whose arithmetic can differ from a
        # column's in the last bit: assess one unchanged row beside it
        changed = changed | (pl.int_range(frame.height, eager=True) == int((~changed).arg_max()))
        n = 2
    core = prev
    if n:
        rows = prev.filter(changed)["_row"]
        part = _core_of(frame.filter(changed), rc, rows=rows, vendor=vendor.filter(changed))
        core = pl.concat([prev.filter(~changed), part.select(prev.columns)]).sort("_row")
    return Assessment(model=model, today=today, organisation=organisation, _core=core,
                      _rule_context=rc, _organisation_findings=_organisation_findings(core, organisation, model),
                      _extra_findings=_checked_extra(extra_findings, frame))


def _checked_extra(extra: pl.DataFrame | None, frame: pl.DataFrame) -> pl.DataFrame | None:
    """Validate findings given to :func:`assess` (schema, known datasets, tiers, levels)."""
    if extra is None or extra.is_empty():
        return None
    # regime / kind arrived later in FINDINGS_SCHEMA: absent means GDPR / breach.
    defaults = {"regime": "GDPR", "kind": "breach"}
    extra = extra.with_columns(pl.lit(v, dtype=pl.Utf8).alias(c)
                               for c, v in defaults.items() if c not in extra.columns)
    missing = set(FINDINGS_SCHEMA) - set(extra.columns)
    if missing:
        raise ValueError(f"extra_findings lacks the column(s) {sorted(missing)}; expected FINDINGS_SCHEMA")
    extra = extra.select(pl.col(c).cast(t) for c, t in FINDINGS_SCHEMA.items()).with_columns(
        pl.col("regime").fill_null("GDPR"), pl.col("kind").fill_null("breach"))
    known = set(frame["dataset_id"].to_list()) | {ORGANISATION_DATASET_ID}
    unknown = sorted(set(extra["dataset_id"].to_list()) - known)
    if unknown:
        raise ValueError(f"extra_findings name dataset(s) not in the inventory: {unknown[:5]}")
    bad_regime = set(extra["regime"].to_list()) - set(REGIMES)
    bad_kind = set(extra["kind"].to_list()) - set(FINDING_KINDS)
    if bad_regime or bad_kind:
        raise ValueError(f"extra_findings have unknown regime(s) {sorted(map(str, bad_regime))} "
                         f"(expected {', '.join(REGIMES)}) or kind(s) "
                         f"{sorted(map(str, bad_kind))} (expected {', '.join(FINDING_KINDS)})")
    gdpr = extra.filter(pl.col("regime") == "GDPR")
    bad_tier = set(gdpr["tier"].to_list()) - {"83(4)", "83(5)"}
    bad_level = set(extra["seriousness"].to_list()) - set(SERIOUSNESS_LEVELS)
    if bad_tier or bad_level:
        raise ValueError(f"extra_findings have unknown tier(s) {sorted(map(str, bad_tier))} or "
                         f"seriousness {sorted(map(str, bad_level))}")
    return extra


def text_core(core: pl.DataFrame, model: RiskModel) -> pl.DataFrame:
    """The core frame plus the text context shared by the datasets and findings frames."""
    return with_text_context(core, model)


def render_datasets(tcore: pl.DataFrame, model: RiskModel) -> pl.DataFrame:
    """The public per-dataset frame (adds the DPIA trail text) from :func:`text_core`."""
    return tcore.with_columns(dpia_trail(model).alias("dpia_trail")).select(list(DATASET_COLUMNS))


def _rule_texts() -> pl.DataFrame:
    """Per rule (row i = ``RULES[i]``): the constant columns of its findings."""
    return pl.DataFrame({
        "code": [r.code for r in RULES],
        "articles": pl.Series([list(r.articles) for r in RULES], dtype=pl.List(pl.Utf8)),
        "tier": [r.tier for r in RULES],
        "regime": [r.regime for r in RULES], "kind": [r.kind for r in RULES],
        **{f"{part}_{lang}": [text(f"rules.{r.code}.{part}", lang) for r in RULES]
           for part in ("title", "explanation") for lang in ("en", "fr")},
        "action": [r.action for r in RULES],
    }, schema={k: v for k, v in FINDINGS_SCHEMA.items()
               if k in ("code", "articles", "tier", "regime", "kind", "title_en", "title_fr",
                        "explanation_en", "explanation_fr", "action")})


def _finding_positions(core: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, rule index and seriousness level of every rule finding, in output order (by
    dataset, then rule): the nonzero cells of the ``_f<i>`` flag matrix."""
    k = len(RULES)
    flags = core.select([f"_f{i}" for i in range(k)]).to_numpy()
    rows, rule_idx = np.nonzero(flags)  # row-major: by dataset, then rule
    del flags
    rule_idx = rule_idx.astype(np.uint8)  # fewer than 256 rules
    levels = core.select([f"_s{i}" for i in range(k)]).to_numpy()
    level = levels[rows, rule_idx].astype(np.int64)
    return rows, rule_idx, level


def render_finding_keys(core: pl.DataFrame, organisation_findings: pl.DataFrame) -> pl.DataFrame:
    """:data:`FINDING_KEY_COLUMNS` of the findings frame of :func:`render_findings`, in the
    same order, straight from the core (no text is rendered): what the remediation plan's
    screening needs of every candidate state."""
    rows, rule_idx, level = _finding_positions(core)
    n = core.height
    rows_s = pl.Series(rows, dtype=pl.UInt32 if n < 2**32 else pl.UInt64)
    keys = [c for c in FINDING_KEY_COLUMNS if c not in ("dataset_id", "seriousness")]
    findings = _rule_texts().select(keys).gather(pl.Series(rule_idx, dtype=pl.UInt32))
    findings = findings.with_columns(
        core["dataset_id"].gather(rows_s).alias("dataset_id"),
        pl.Series(SERIOUSNESS_LEVELS, dtype=pl.Utf8).gather(level).alias("seriousness"),
    ).select(list(FINDING_KEY_COLUMNS))
    return pl.concat([findings, organisation_findings.select(list(FINDING_KEY_COLUMNS))])


def render_findings(tcore: pl.DataFrame, rc: RuleContext, organisation_findings: pl.DataFrame
                    ) -> pl.DataFrame:
    """The findings frame, dataset by dataset in input order, rules in table order.

    * Which findings exist comes from the rule flags ``_f<i>`` as a boolean matrix:
      :func:`numpy.nonzero` lists the (dataset, rule) pairs already in output order, so
      nothing is sorted.
    * Constant columns (code, articles, tier, titles, explanations, action, seriousness
      labels) are gathered from small tables by index: a gather of a string column copies
      16-byte views, not the text.
    * Evidence is built only on the rows each rule hits (one lazy query per rule, collected
      together), then put in output order by a permutation.
    * ``seriousness_reason`` = constant head + per-dataset aggravation text + constant tail,
      built once per distinct (dataset, level, base) and gathered to each finding.
    """
    model = rc.model
    n = tcore.height
    rows, rule_idx, level = _finding_positions(tcore)
    m = len(rows)
    rows_s = pl.Series(rows, dtype=pl.UInt32 if n < 2**32 else pl.UInt64)
    ridx = pl.Series(rule_idx, dtype=pl.UInt32)

    # Bases per finding.
    var = [i for i, r in enumerate(RULES) if not isinstance(r.base, int)]
    base_const = np.array([r.base if isinstance(r.base, int) else 0 for r in RULES],
                          dtype=np.int64)
    base = base_const[rule_idx]
    if var:
        bases = tcore.select([RULES[i].base_expr(rc).cast(pl.Int64).alias(f"_b{i}")
                              for i in var]).to_numpy()
        for j, i in enumerate(var):
            sel = rule_idx == i
            base[sel] = bases[rows[sel], j]

    # Per-dataset part of the reason, once per dataset.
    per_ds = tcore.select(*_aggravation_text(model), _aggr_class(pl.col("_aggr_n")).alias("_k"))
    klass = per_ds["_k"].to_numpy().astype(np.int64)
    heads, tails = _reason_pieces(model)
    # A dataset's findings share at most three heads (the level follows from the base and
    # the dataset's class): build each distinct (dataset, base) reason once.
    head = level * 9 + base * 3 + klass[rows]
    key = rows * 3 + base
    present = np.zeros(n * 3, dtype=bool)
    present[key] = True
    ukey = np.flatnonzero(present)
    slot = np.cumsum(present, dtype=np.int32)
    slot -= 1
    uslot = slot[key]
    uhead = np.empty(len(ukey), dtype=np.int64)
    uhead[uslot] = head
    urow = ukey // 3
    reasons = pl.DataFrame({
        "h": heads.gather(uhead), "a": per_ds["_aggr_text"].gather(urow),
        "t": tails.gather(klass[urow]),
    }).select(pl.concat_str("h", "a", "t")).to_series()
    reason = reasons.gather(uslot)
    del present, slot

    # Evidence: rule-major (each rule's hits in dataset order), then into output order.
    base_lf = tcore.lazy()
    # with_columns, not select: a constant evidence (a literal) must still give one row per hit.
    parts = [base_lf.filter(pl.col(f"_f{i}"))
             .with_columns(rule.evidence(rc).cast(pl.Utf8).alias("_evidence"))
             .select(pl.col("_evidence").alias("evidence"))
             for i, rule in enumerate(RULES)]
    evidence_rule_major = pl.concat(parts).collect().to_series().rechunk()
    order = np.argsort(rule_idx, kind="stable")  # radix sort (uint8): output position of
    inverse = np.empty(m, dtype=np.uint32 if m < 2**32 else np.uint64)  # each rule-major row
    inverse[order] = np.arange(m, dtype=inverse.dtype)
    evidence = evidence_rule_major.gather(pl.Series(inverse))

    constant = _rule_texts().gather(ridx)  # all columns at once, in parallel
    findings = constant.with_columns(
        tcore["dataset_id"].gather(rows_s).alias("dataset_id"),
        pl.Series(SERIOUSNESS_LEVELS, dtype=pl.Utf8).gather(level).alias("seriousness"),
        reason.alias("seriousness_reason"),
        evidence.alias("evidence"),
        pl.lit("rule", dtype=pl.Utf8).alias("source"),
    ).select(list(FINDINGS_SCHEMA))
    return pl.concat([findings, organisation_findings])


def render_contributions(core: pl.DataFrame) -> pl.DataFrame:
    """The long contributions frame."""
    return _long_contributions(core, [f"_c_{f}" for f in FACTORS])
