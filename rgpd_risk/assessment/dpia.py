"""DPIA screening: WP248 rev.01 nine criteria and the Art. 35(3) triggers, vectorised.

Sources
-------
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

import polars as pl

from rgpd_risk.assessment.config import RiskModel
from rgpd_risk.assessment.context import join_present

__all__ = ["WP248_CRITERIA", "ART35_3_TRIGGERS", "Criterion", "dpia_columns", "dpia_trail"]


@dataclass(frozen=True)
class Criterion:
    """One screening criterion: key, citation, labels, condition and trail (why it is met)."""

    key: str
    source: str
    label_en: str
    label_fr: str


WP248_CRITERIA: tuple[Criterion, ...] = (
    Criterion("evaluation_scoring", "WP248 criterion 1",
              "Evaluation or scoring, incl. profiling", "Évaluation ou notation, y c. profilage"),
    Criterion("automated_decision", "WP248 criterion 2",
              "Automated decision with legal or similar effect",
              "Décision automatique avec effet juridique ou similaire"),
    Criterion("systematic_monitoring", "WP248 criterion 3",
              "Systematic monitoring", "Surveillance systématique"),
    Criterion("sensitive_data", "WP248 criterion 4",
              "Sensitive or highly personal data", "Données sensibles ou à caractère très personnel"),
    Criterion("large_scale", "WP248 criterion 5", "Large scale", "Grande échelle"),
    Criterion("matching", "WP248 criterion 6",
              "Matching or combining datasets", "Croisement ou combinaison de données"),
    Criterion("vulnerable_subjects", "WP248 criterion 7",
              "Vulnerable data subjects", "Personnes vulnérables"),
    Criterion("innovative_technology", "WP248 criterion 8",
              "Innovative use or new technology", "Usage innovant ou nouvelle technologie"),
    Criterion("blocks_right_or_service", "WP248 criterion 9",
              "Prevents exercising a right or using a service",
              "Exclusion du bénéfice d'un droit ou d'un service"),
)

ART35_3_TRIGGERS: tuple[Criterion, ...] = (
    Criterion("35(3)(a)", "GDPR Art. 35(3)(a)",
              "Systematic, extensive automated evaluation with legal or similar effects",
              "Évaluation systématique et approfondie avec effets juridiques"),
    Criterion("35(3)(b)", "GDPR Art. 35(3)(b)",
              "Large-scale Art. 9 / Art. 10 data", "Données art. 9 / art. 10 à grande échelle"),
    Criterion("35(3)(c)", "GDPR Art. 35(3)(c)",
              "Large-scale systematic monitoring of a public area",
              "Surveillance systématique à grande échelle d'une zone accessible au public"),
)


def _count_text(model: RiskModel) -> pl.Expr:
    # ``_t_count`` (text context) is "subject_count=<n> ≥ <threshold>", null when unknown.
    return pl.col("_t_count").fill_null("subject_count=unknown (counted as large)")


def _conditions(model: RiskModel) -> list[tuple[pl.Expr, pl.Expr]]:
    """(condition, trail) per WP248 criterion, in the order of :data:`WP248_CRITERIA`.

    The trails read the text columns of
    :func:`~rgpd_risk.assessment.context.with_text_context` (``_t_*``)."""
    nir_txt = pl.when(pl.col("_has_nir")).then(pl.lit("nir"))
    sens_txt = join_present([pl.col("_t_art9"), pl.col("_t_art10"), nir_txt,
                             pl.col("_t_hp")])
    monitoring = join_present([
        pl.when(pl.col("systematic_monitoring")).then(pl.lit("systematic_monitoring=true")),
        pl.when(pl.col("public_area_monitoring")).then(pl.lit("public_area_monitoring=true")),
    ])
    vuln = join_present([
        pl.col("_t_vuln"),
        pl.when(pl.col("_child_cat")).then(pl.lit("data_categories ∋ child_data")),
        pl.when(pl.col("min_subject_age") < 18).then(
            pl.format("min_subject_age={}", pl.col("min_subject_age"))),
    ])
    return [
        (pl.col("profiling"), pl.lit("profiling=true")),
        (pl.col("automated_decision"), pl.lit("automated_decision=true")),
        (pl.col("systematic_monitoring") | pl.col("public_area_monitoring"), monitoring),
        (pl.col("_sensitive") | pl.col("_has_hp"),
         pl.format("data_categories ∋ {}", sens_txt)),
        (pl.col("_large"), _count_text(model)),
        (pl.col("dataset_matching"), pl.lit("dataset_matching=true")),
        (pl.col("_vulnerable"), pl.format("data_subjects/age: {}", vuln)),
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
        (pl.col("_large") & (pl.col("_has_art9") | pl.col("_has_art10")),
         pl.format("data_categories ∋ {}; {}", art9_10, _count_text(model))),
        # (c): systematic monitoring of a publicly accessible area on a large scale.
        (pl.col("public_area_monitoring") & pl.col("_large"),
         pl.format("public_area_monitoring=true; {}", _count_text(model))),
    ]


def _subsets(keys: list[str]) -> pl.Series:
    """All subsets of ``keys`` as lists, indexed by bit mask (bit i = keys[i])."""
    return pl.Series([[k for j, k in enumerate(keys) if m >> j & 1] for m in range(2 ** len(keys))],
                     dtype=pl.List(pl.Utf8))


def _mask(conds: list[pl.Expr]) -> pl.Expr:
    return pl.sum_horizontal([c.fill_null(False).cast(pl.UInt32) * (1 << i)
                              for i, c in enumerate(conds)])


def dpia_columns(model: RiskModel) -> list[pl.Expr]:
    """Expressions adding ``dpia_criteria, dpia_triggers, dpia_verdict`` and ``_dpia_n``
    (number of WP248 criteria met) to a context frame.

    Verdict: any Art. 35(3) trigger or >= 2 criteria -> ``required``; exactly one criterion
    -> ``recommended``; none -> ``not_required``. The lists are looked up by bit mask in a
    table of all subsets (fast: no per-row list building).
    """
    conds = [c for c, _ in _conditions(model)]
    trigs = [c for c, _ in _triggers(model)]
    n = sum(c.cast(pl.Int8) for c in conds)
    any_trigger = pl.any_horizontal(trigs)
    verdict = (
        pl.when(any_trigger | (n >= 2)).then(pl.lit("required"))
        .when(n == 1).then(pl.lit("recommended"))
        .otherwise(pl.lit("not_required"))
    )
    return [
        pl.lit(_subsets([k.key for k in WP248_CRITERIA])).gather(_mask(conds))
        .alias("dpia_criteria"),
        pl.lit(_subsets([k.key for k in ART35_3_TRIGGERS])).gather(_mask(trigs))
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
    trail = join_present([
        pl.when(c).then(pl.concat_str(pl.lit(f"{k.source}: {k.key} ← "), t))
        for k, (c, t) in zip(WP248_CRITERIA + ART35_3_TRIGGERS, conds + trigs, strict=True)
    ], "; ")
    any_met = pl.any_horizontal([c.fill_null(False) for c, _ in conds + trigs])
    return pl.when(any_met).then(trail).otherwise(pl.lit("no WP248 criterion met"))
