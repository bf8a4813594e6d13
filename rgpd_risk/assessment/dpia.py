"""DPIA screening, the French way: the CNIL's lists first, then WP248 and Art. 35(3).

Order of the screening (all vectorised):

1. **CNIL list of délibération n° 2018-327** (Art. 35(4): types for which a DPIA is
   required): an item met makes the DPIA ``required``; the trail names the item.
2. **GDPR Art. 35(3)** cases: ``required``.
3. **CNIL list of délibération n° 2019-118** (Art. 35(5): types for which no DPIA is
   required), when no item of 1. or case of 2. applies: ``not_required_justified`` — "not
   required, justified": the trail names the item the controller can cite.
4. **WP248 rev.01**: two or more criteria ``required``, one ``recommended``, none
   ``not_required``; purposes ancillary to other processing (backups, logs …:
   ``RiskModel.dpia_ancillary_purposes``) stay at ``recommended`` at most.

Items of the CNIL lists that an inventory cannot recognise (social housing, pooled files of
contractual breaches, health data warehouses, social support; electoral rolls, notaries …)
are not screened; see ``docs/legal_sources.md`` for both lists item by item.

Sources
-------
- CNIL délibération n° 2018-327 du 11 octobre 2018 and n° 2019-118 du 12 septembre 2019
  (lists quoted in ``docs/legal_sources.md``).
- Article 29 Working Party, *Guidelines on DPIA* (WP248 rev.01, 4 October 2017, endorsed by
  the EDPB on 25 May 2018), section III.B.a: nine criteria; "in most cases, a data controller
  can consider that a processing meeting two criteria would require a DPIA" — one may be
  enough, hence our verdict ``recommended`` for exactly one criterion.
- GDPR Art. 35(3)(a)-(c): three cases where a DPIA is always required.

How each criterion is read from inventory fields is ours (large scale in particular: WP248
gives factors, not a number — see :class:`~rgpd_risk.assessment.config.RiskModel`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import polars as pl

from rgpd_risk.assessment.config import RiskModel
from rgpd_risk.assessment.context import CATEGORY_BITS, SUBJECT_BITS, has_bits, join_present, vocab
from rgpd_risk.i18n import text

__all__ = ["WP248_CRITERIA", "ART35_3_TRIGGERS", "CNIL_REQUIRED", "CNIL_EXEMPT", "Criterion",
           "DPIA_VERDICTS", "cnil_required_text", "dpia_columns", "dpia_trail"]

#: Screening verdicts, from the most to the least demanding.
DPIA_VERDICTS: tuple[str, ...] = ("required", "recommended", "not_required_justified",
                                  "not_required")


@dataclass(frozen=True)
class Criterion:
    """One screening criterion: key and citation; its labels are ``dpia.criteria.<key>`` of
    the text catalogue."""

    key: str
    source: str

    def label(self, lang: str) -> str:
        """Name of the criterion in ``lang``."""
        return text(f"dpia.criteria.{self.key}", lang)

    @property
    def label_en(self) -> str:
        """English name: the DPIA trail's text, which the reports translate."""
        return self.label("en")


WP248_CRITERIA: tuple[Criterion, ...] = (
    Criterion("evaluation_scoring", "WP248 criterion 1"),
    Criterion("automated_decision", "WP248 criterion 2"),
    Criterion("systematic_monitoring", "WP248 criterion 3"),
    Criterion("sensitive_data", "WP248 criterion 4"),
    Criterion("large_scale", "WP248 criterion 5"),
    Criterion("matching", "WP248 criterion 6"),
    Criterion("vulnerable_subjects", "WP248 criterion 7"),
    Criterion("innovative_technology", "WP248 criterion 8"),
    Criterion("blocks_right_or_service", "WP248 criterion 9"),
)

ART35_3_TRIGGERS: tuple[Criterion, ...] = (
    Criterion("35(3)(a)", "GDPR Art. 35(3)(a)"),
    Criterion("35(3)(b)", "GDPR Art. 35(3)(b)"),
    Criterion("35(3)(c)", "GDPR Art. 35(3)(c)"),
)


#: CNIL délibération n° 2018-327: the items an inventory can recognise (item numbers in the
#: published order, see docs/legal_sources.md).
CNIL_REQUIRED: tuple[Criterion, ...] = (
    Criterion("cnil_1_health_care", "CNIL 2018-327 item 1"),
    Criterion("cnil_2_genetic_vulnerable", "CNIL 2018-327 item 2"),
    Criterion("cnil_3_hr_profiling", "CNIL 2018-327 item 3"),
    Criterion("cnil_4_employee_monitoring", "CNIL 2018-327 item 4"),
    Criterion("cnil_6_professional_alerts", "CNIL 2018-327 item 6"),
    Criterion("cnil_8_profiling_exclusion", "CNIL 2018-327 item 8"),
    Criterion("cnil_10_profiling_external", "CNIL 2018-327 item 10"),
    Criterion("cnil_11_biometric_vulnerable", "CNIL 2018-327 item 11"),
    Criterion("cnil_14_location_large", "CNIL 2018-327 item 14"),
)

#: CNIL délibération n° 2019-118: the items an inventory can recognise.
CNIL_EXEMPT: tuple[Criterion, ...] = (
    Criterion("cnil_exempt_1_hr_small", "CNIL 2019-118 item 1"),
    Criterion("cnil_exempt_2_suppliers", "CNIL 2019-118 item 2"),
    Criterion("cnil_exempt_11_access_control", "CNIL 2019-118 item 11"),
)


def _purpose(*keys: str) -> pl.Expr:
    return pl.col("purpose_type").is_in(keys).fill_null(False)


def _cat(*keys: str) -> pl.Expr:
    """Any of the categories present (integer test on the ``_cat_mask`` bit mask)."""
    return has_bits("_cat_mask", CATEGORY_BITS, keys)


def _subj(*keys: str) -> pl.Expr:
    """Any of the subjects present (integer test on the ``_subj_mask`` bit mask)."""
    return has_bits("_subj_mask", SUBJECT_BITS, keys)


def _large(model: RiskModel) -> pl.Expr:
    """Large scale for the screening (``RiskModel.dpia_large_scale_threshold``)."""
    n = pl.col("subject_count")
    return pl.when(n.is_null()).then(pl.lit(model.unknown_count_is_large)).otherwise(
        n >= model.dpia_large_scale_threshold)


def _monitored_or_evaluated() -> pl.Expr:
    return (pl.col("systematic_monitoring") | pl.col("profiling") | pl.col("automated_decision")
            | _purpose("employee_monitoring", "performance_evaluation", "recruitment"))


def _vulnerable(model: RiskModel) -> pl.Expr:
    """WP248 criterion 7 the French way: workplace subjects (employees, candidates …) count
    only with monitoring or evaluation; children and other vulnerable people always."""
    workplace = tuple(model.dpia_workplace_subjects)
    others = tuple(k for k in vocab().vulnerable if k not in workplace)
    flagged = tuple(k for k in workplace if k in vocab().vulnerable)
    return pl.col("_child") | _subj(*others) | (_subj(*flagged) & _monitored_or_evaluated())


def _highly_personal(model: RiskModel) -> pl.Expr:
    keys = tuple(model.dpia_highly_personal) + (
        ("communications",) if model.dpia_communications_highly_personal else ())
    return _cat(*keys) if keys else pl.lit(False)


def _cnil_required(model: RiskModel) -> list[pl.Expr]:
    """Conditions of :data:`CNIL_REQUIRED`, in order (our reading in inventory terms)."""
    vulnerable_any = pl.col("_vulnerable")  # items 2 and 11 name employees among them
    return [
        _purpose("health_care") & _cat("health"),
        _cat("genetic") & vulnerable_any,
        _purpose("hr_management", "payroll", "performance_evaluation", "recruitment")
        & pl.col("profiling"),
        _subj("employees") & (pl.col("systematic_monitoring") | _purpose("employee_monitoring")),
        _purpose("whistleblowing"),
        pl.col("profiling") & pl.col("blocks_right_or_service"),
        pl.col("profiling") & pl.col("dataset_matching"),
        _cat("biometric") & vulnerable_any,
        _cat("location") & _large(model),
    ]


def _cnil_exempt(employees: int | None) -> list[pl.Expr]:
    """Conditions of :data:`CNIL_EXEMPT`, in order."""
    small = employees is not None and employees < 250
    return [
        pl.lit(small) & _purpose("hr_management", "payroll") & ~pl.col("profiling"),
        _purpose("supplier_management"),
        _purpose("physical_access_control") & ~_cat("biometric"),
    ]


def cnil_required_text() -> pl.Expr:
    """The CNIL 2018-327 items met (``"CNIL 2018-327 item 4, …"``), null when none."""
    return pl.concat_str([pl.when((pl.col("_cnil_req_mask") & (1 << i)) != 0).then(
        pl.lit(k.source)) for i, k in enumerate(CNIL_REQUIRED)], separator=", ", ignore_nulls=True
    ).replace("", None)


def _count_text(model: RiskModel) -> pl.Expr:
    n = pl.col("subject_count")
    return pl.when(n.is_null()).then(pl.lit("subject_count=unknown (counted as large)")).otherwise(
        pl.format("subject_count={} ≥ {}", n, pl.lit(model.dpia_large_scale_threshold)))


def _conditions(model: RiskModel) -> list[tuple[pl.Expr, pl.Expr]]:
    """(condition, trail) per WP248 criterion, in the order of :data:`WP248_CRITERIA`.

    The trails read the text columns of
    :func:`~rgpd_risk.assessment.context.with_text_context` (``_t_*``)."""
    nir_txt = pl.when(pl.col("_has_nir")).then(pl.lit("nir"))
    hp_keys = list(model.dpia_highly_personal) + (
        ["communications"] if model.dpia_communications_highly_personal else [])
    hp_txt = pl.col("data_categories").list.set_intersection(
        pl.lit(hp_keys, dtype=pl.List(pl.Utf8))).list.sort().list.join(", ")
    sens_txt = join_present([pl.col("_t_art9"), pl.col("_t_art10"), nir_txt,
                             pl.when(hp_txt != "").then(hp_txt)])
    monitoring = join_present([
        pl.when(pl.col("systematic_monitoring")).then(pl.lit("systematic_monitoring=true")),
        pl.when(pl.col("public_area_monitoring")).then(pl.lit("public_area_monitoring=true")),
    ])
    vuln = join_present([
        pl.col("_t_vuln"),
        pl.when(_subj(*model.dpia_workplace_subjects)).then(
            pl.lit("with monitoring or evaluation")),
        pl.when(pl.col("_child_cat")).then(pl.lit("data_categories ∋ child_data")),
        pl.when(pl.col("min_subject_age") < 18).then(
            pl.format("min_subject_age={}", pl.col("min_subject_age"))),
    ])
    return [
        (pl.col("profiling"), pl.lit("profiling=true")),
        (pl.col("automated_decision"), pl.lit("automated_decision=true")),
        (pl.col("systematic_monitoring") | pl.col("public_area_monitoring"), monitoring),
        (pl.col("_sensitive") | _highly_personal(model),
         pl.format("data_categories ∋ {}", sens_txt)),
        (_large(model), _count_text(model)),
        (pl.col("dataset_matching"), pl.lit("dataset_matching=true")),
        (_vulnerable(model), pl.format("data_subjects/age: {}", vuln)),
        (pl.col("innovative_technology"), pl.lit("innovative_technology=true")),
        (pl.col("blocks_right_or_service"), pl.lit("blocks_right_or_service=true")),
    ]


def _triggers(model: RiskModel) -> list[tuple[pl.Expr, pl.Expr]]:
    """(condition, trail) per Art. 35(3) trigger (our reading of each in inventory terms)."""
    art9_10 = join_present([pl.col("_t_art9"), pl.col("_t_art10")])
    return [
        # (a): evaluation (profiling) on which decisions with legal/similar effects are based.
        (pl.col("profiling") & pl.col("automated_decision"),
         pl.lit("profiling=true and automated_decision=true")),
        # (b): large-scale processing of Art. 9(1) or Art. 10 data.
        (_large(model) & (pl.col("_has_art9") | pl.col("_has_art10")),
         pl.format("data_categories ∋ {}; {}", art9_10, _count_text(model))),
        # (c): systematic monitoring of a publicly accessible area on a large scale.
        (pl.col("public_area_monitoring") & _large(model),
         pl.format("public_area_monitoring=true; {}", _count_text(model))),
    ]


@cache
def _subsets(keys: tuple[str, ...]) -> pl.Series:
    """All subsets of ``keys`` as lists, indexed by bit mask (bit i = keys[i])."""
    return pl.Series([[k for j, k in enumerate(keys) if m >> j & 1] for m in range(2 ** len(keys))],
                     dtype=pl.List(pl.Utf8))


def _mask(conds: list[pl.Expr]) -> pl.Expr:
    return pl.sum_horizontal([c.fill_null(False).cast(pl.UInt32) * (1 << i)
                              for i, c in enumerate(conds)])


def dpia_columns(model: RiskModel, employees: int | None = None) -> list[pl.Expr]:
    """Expressions adding ``dpia_criteria, dpia_triggers, dpia_verdict``, ``_dpia_n``
    (number of WP248 criteria met) and the CNIL-list masks ``_cnil_req_mask`` /
    ``_cnil_ex_mask`` (bit i = item i of :data:`CNIL_REQUIRED` / :data:`CNIL_EXEMPT`) to a
    context frame. ``employees`` is the organisation's headcount (CNIL 2019-118 item 1).

    Verdict (module docstring): a CNIL 2018-327 item or an Art. 35(3) case -> ``required``;
    else a CNIL 2019-118 item -> ``not_required_justified``; else WP248: >= 2 criteria ->
    ``required`` (``recommended`` for ancillary purposes), one -> ``recommended``, none ->
    ``not_required``. The lists are looked up by bit mask in a table of all subsets (fast:
    no per-row list building).
    """
    conds = [c for c, _ in _conditions(model)]
    trigs = [c for c, _ in _triggers(model)]
    req = _cnil_required(model)
    ex = _cnil_exempt(employees)
    n = sum(c.cast(pl.Int8) for c in conds)
    any_trigger = pl.any_horizontal(trigs)
    req_mask, ex_mask = _mask(req), _mask(ex)
    ancillary = _purpose(*model.dpia_ancillary_purposes)
    verdict = (
        pl.when(any_trigger | (req_mask > 0)).then(pl.lit("required"))
        .when(ex_mask > 0).then(pl.lit("not_required_justified"))
        .when((n >= 2) & ~ancillary).then(pl.lit("required"))
        .when(n >= 1).then(pl.lit("recommended"))
        .otherwise(pl.lit("not_required"))
    )
    return [
        req_mask.alias("_cnil_req_mask"),
        ex_mask.alias("_cnil_ex_mask"),
        pl.lit(_subsets(tuple(k.key for k in WP248_CRITERIA))).gather(_mask(conds))
        .alias("dpia_criteria"),
        pl.lit(_subsets(tuple(k.key for k in ART35_3_TRIGGERS))).gather(_mask(trigs))
        .alias("dpia_triggers"),
        verdict.alias("dpia_verdict"),
        n.alias("_dpia_n"),
    ]


def dpia_trail(model: RiskModel) -> pl.Expr:
    """``dpia_trail``: for each criterion and trigger met, its source and the inventory
    fields (with their values) that met it; ``"no WP248 criterion met"`` otherwise.

    Reads a frame with the text context
    (:func:`~rgpd_risk.assessment.context.with_text_context`). The trail expression appears
    once (every met branch is a non-empty text, so "nothing met" is tested on the booleans,
    not by comparing the built string with "").
    """
    conds = _conditions(model)
    trigs = _triggers(model)
    lists = [pl.when((pl.col("_cnil_req_mask") & (1 << i)) != 0).then(
                 pl.lit(f"{k.source} (DPIA required): {k.label_en}"))
             for i, k in enumerate(CNIL_REQUIRED)]
    lists += [pl.when(((pl.col("_cnil_ex_mask") & (1 << i)) != 0)
                      & (pl.col("dpia_verdict") == "not_required_justified")).then(
                  pl.lit(f"{k.source} (no DPIA required, justified): {k.label_en}"))
              for i, k in enumerate(CNIL_EXEMPT)]
    ancillary = pl.when(_purpose(*model.dpia_ancillary_purposes) & (pl.col("_dpia_n") >= 2)
                        & (pl.col("dpia_verdict") == "recommended")).then(pl.lit(
        "ancillary purpose (our setting dpia_ancillary_purposes): covered by the DPIA of the "
        "processing it serves"))
    trail = join_present([
        *lists,
        *[pl.when(c).then(pl.concat_str(pl.lit(f"{k.source}: {k.key} ← "), t))
          for k, (c, t) in zip(WP248_CRITERIA + ART35_3_TRIGGERS, conds + trigs, strict=True)],
        ancillary,
    ], "; ")
    any_met = (pl.any_horizontal([c.fill_null(False) for c, _ in conds + trigs])
               | (pl.col("_cnil_req_mask") > 0) | (pl.col("_cnil_ex_mask") > 0))
    return pl.when(any_met).then(trail).otherwise(pl.lit("no CNIL list item and no WP248 criterion met"))
