"""The French layer's findings rules: what the CNIL checks and sanctions (issue #15).

Each rule is one :class:`~rgpd_risk.assessment.rules.Rule` (data + vectorised polars
expressions), registered in :data:`rgpd_risk.assessment.rules.RULES` after the GDPR rules.
The legal facts behind them were checked in the official texts or the CNIL's pages and are
quoted, with their address, in ``docs/legal_sources.md``; what could not be verified is a
:class:`~rgpd_risk.assessment.config.RiskModel` setting. ``docs/risk_model.md`` cites the
source of every rule.

Families
--------
* **Trackers, LIL art. 82** (CNIL délibérations n° 2020-091 / 2020-092 of 17 Sept 2020):
  advertising trackers need prior consent; refusing as easy as accepting; proof and
  withdrawal of consent; audience measurement exempt only under the CNIL's conditions.
  Regime ``LIL``.
* **Electronic prospecting, CPCE art. L34-5**: e-mail / SMS / automated calls to consumers
  need prior consent; existing customers (similar products, objection offered) are a point of
  attention; business contacts (``audience = professionals``) are not reported. Regime
  ``CPCE``.
* **Telephone prospecting** (code de la consommation art. L223-1 as amended by loi
  n° 2025-594, from ``RiskModel.phone_consent_from``): a legal-basis-fitness finding under
  GDPR Art. 6(1) (regime ``GDPR``, our reading).
* **Call and screen recording** (CNIL doctrine): systematic recording, retention beyond the
  CNIL reference, card numbers in recordings.
* **Legal-basis fitness**: vital interests as a last resort, consent of employees.
* **Minimisation cases the CNIL cites**: health data held by the employer; production data
  in test environments.
* **Register hygiene**: review older than ``RiskModel.review_max_months``; incidents without
  a breach register (Art. 33(5)).
"""

from __future__ import annotations

import polars as pl

from rgpd_risk.assessment.context import CATEGORY_BITS, SUBJECT_BITS, has_bits, only_bits
from rgpd_risk.assessment.rules import (
    DAYS_PER_MONTH,
    TRACKER_PURPOSES,
    Rule,
    RuleContext,
    _b,
    _purpose_in,
    _s,
)
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA

__all__ = ["FRENCH_RULES"]

#: The loader's list of category labels it could not map (column of the registers work,
#: issue #17); until it exists in the schema the Art. 30(1)(c) point of attention is off.
_HAS_UNMAPPED = "unmapped_categories" in INVENTORY_SCHEMA

_CONSUMERS = ("consumers", "both")
_WORKPLACE = ("employees", "candidates")
_HR_PURPOSES = ("hr_management", "payroll", "performance_evaluation", "employee_monitoring",
                "recruitment")


def _basis_is(*keys: str) -> pl.Expr:
    return pl.col("legal_basis").is_in(keys).fill_null(False)


def _not_consent() -> pl.Expr:
    return ~_basis_is("consent")


def _to_consumers() -> pl.Expr:
    return pl.col("audience").is_in(_CONSUMERS).fill_null(True)


def _customers_only() -> pl.Expr:
    return only_bits("_subj_mask", SUBJECT_BITS, ("customers",))


def _has_category(key: str) -> pl.Expr:
    return has_bits("_cat_mask", CATEGORY_BITS, (key,))


def _has_subject(*keys: str) -> pl.Expr:
    return has_bits("_subj_mask", SUBJECT_BITS, keys)


def _basis_text() -> pl.Expr:
    return pl.format("legal_basis={}", _s(pl.col("legal_basis")))


def _purpose_text() -> pl.Expr:
    return pl.format("purpose_type={}", _s(pl.col("purpose_type")))


def _recording_all(ctx: RuleContext) -> pl.Expr:
    scope = pl.col("recording_scope")
    unknown = pl.lit(ctx.model.unknown_recording_scope_is_all)
    return pl.when(scope.is_null()).then(unknown).otherwise(scope == "all")


def _review_age_days(ctx: RuleContext) -> pl.Expr:
    return (pl.lit(ctx.today) - pl.col("last_reviewed")).dt.total_days()


def _review_stale(ctx: RuleContext) -> pl.Expr:
    limit = ctx.model.review_max_months * DAYS_PER_MONTH
    return pl.col("last_reviewed").is_null() | (_review_age_days(ctx).cast(pl.Float64) > limit)


def _phone_regime_on(ctx: RuleContext) -> bool:
    return ctx.today >= ctx.model.phone_consent_from


def _retention_over_reference(ctx: RuleContext) -> pl.Expr:
    m = ctx.model
    months = pl.col("retention_months")
    calls = _purpose_in("call_recording") & (months > m.recording_max_months)
    grids = (_purpose_in("performance_evaluation")
             & pl.col("recording_scope").is_in(["all", "sample"]).fill_null(False)
             & (months > m.evaluation_max_months))
    return (calls | grids).fill_null(False)


FRENCH_RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------ trackers, LIL art. 82
    Rule(
        "LIL82_TRACKERS_NO_CONSENT", ("LIL art. 82",), 2,
        "collect_tracker_consent",
        lambda c: _purpose_in("advertising_trackers") & _not_consent(),
        lambda c: pl.format("{}; {} (prior consent required)", _purpose_text(), _basis_text()),
        regime="LIL",
    ),
    Rule(
        "LIL82_AUDIENCE_NOT_EXEMPT", ("LIL art. 82",), 1,
        "configure_audience_exemption",
        lambda c: _purpose_in("audience_measurement") & _not_consent()
        & ~pl.col("audience_exemption_conditions"),
        lambda c: pl.format("{}; {}; {}", _purpose_text(), _basis_text(),
                            _b("audience_exemption_conditions")),
        regime="LIL",
    ),
    Rule(
        "LIL82_REJECT_NOT_EASY", ("LIL art. 82",), 1,
        "offer_reject_all",
        lambda c: _purpose_in(*TRACKER_PURPOSES) & _basis_is("consent") & ~pl.col("reject_as_easy"),
        lambda c: pl.format("{}; legal_basis=consent; {}", _purpose_text(), _b("reject_as_easy")),
        regime="LIL",
    ),
    Rule(
        "LIL82_CONSENT_NO_PROOF", ("LIL art. 82", "Art. 7(1)"), 1,
        "keep_consent_proof",
        lambda c: _purpose_in(*TRACKER_PURPOSES) & _basis_is("consent") & ~pl.col("consent_proof"),
        lambda c: pl.format("{}; legal_basis=consent; {}", _purpose_text(), _b("consent_proof")),
        regime="LIL",
    ),
    Rule(
        "LIL82_CONSENT_NO_WITHDRAWAL", ("LIL art. 82", "Art. 7(3)"), 1,
        "enable_consent_withdrawal",
        lambda c: _purpose_in(*TRACKER_PURPOSES) & _basis_is("consent")
        & ~pl.col("consent_withdrawal"),
        lambda c: pl.format("{}; legal_basis=consent; {}", _purpose_text(),
                            _b("consent_withdrawal")),
        regime="LIL",
    ),
    # ------------------------------------------------ electronic prospecting, CPCE L34-5
    Rule(
        "CPCE_L34_5_NO_CONSENT", ("CPCE art. L34-5",), 2,
        "collect_prospecting_consent",
        lambda c: _purpose_in("electronic_prospecting") & _to_consumers() & _not_consent()
        & ~_customers_only(),
        lambda c: pl.format("{}; audience={}; {}; data_subjects={}", _purpose_text(),
                            _s(pl.col("audience")), _basis_text(),
                            pl.col("data_subjects").list.join(", ")),
        regime="CPCE",
    ),
    Rule(
        "CPCE_L34_5_CUSTOMER_EXCEPTION", ("CPCE art. L34-5",), 0,
        "check_prospecting_exception",
        lambda c: _purpose_in("electronic_prospecting") & _to_consumers() & _not_consent()
        & _customers_only(),
        lambda c: pl.format("{}; audience={}; {}; data_subjects=customers", _purpose_text(),
                            _s(pl.col("audience")), _basis_text()),
        regime="CPCE", kind="attention",
    ),
    # ------------------------------------------- telephone prospecting (C. consom. L223-1)
    Rule(
        "PHONE_PROSPECTING_NO_CONSENT", ("Art. 6(1)", "C. consom. art. L223-1"), 1,
        "collect_prospecting_consent",
        lambda c: pl.lit(_phone_regime_on(c)) & _purpose_in("phone_prospecting")
        & _to_consumers() & _not_consent() & ~_customers_only(),
        lambda c: pl.format("{}; audience={}; {}; consent regime since {}", _purpose_text(),
                            _s(pl.col("audience")), _basis_text(),
                            pl.lit(c.model.phone_consent_from.isoformat())),
    ),
    Rule(
        "PHONE_PROSPECTING_CUSTOMERS", ("Art. 6(1)", "C. consom. art. L223-1"), 0,
        "check_prospecting_exception",
        lambda c: pl.lit(_phone_regime_on(c)) & _purpose_in("phone_prospecting")
        & _to_consumers() & _not_consent() & _customers_only(),
        lambda c: pl.format("{}; {}; data_subjects=customers", _purpose_text(), _basis_text()),
        kind="attention",
    ),
    # ------------------------------------------------------------ call / screen recording
    Rule(
        "REC_SYSTEMATIC_RECORDING", ("Art. 5(1)(c)",), 1,
        "sample_recordings",
        lambda c: _purpose_in("call_recording") & _recording_all(c)
        & ~_basis_is("consent", "legal_obligation"),
        lambda c: pl.format("{}; recording_scope={}; {}; subject_count={}", _purpose_text(),
                            pl.col("recording_scope").fill_null("not declared, counted as all"),
                            _basis_text(), _s(pl.col("subject_count"))),
    ),
    Rule(
        "REC_RETENTION_OVER_REFERENCE", ("Art. 5(1)(e)",), 0,
        "shorten_recording_retention",
        _retention_over_reference,
        lambda c: pl.format("{}; retention_months={}; reference: {} months (recordings), {} "
                            "months (evaluation documents)", _purpose_text(),
                            pl.col("retention_months").round(1),
                            pl.lit(c.model.recording_max_months),
                            pl.lit(c.model.evaluation_max_months)),
    ),
    Rule(
        "REC_CARD_DATA", ("Art. 5(1)(c)", "Art. 32(1)"), 2,
        "mask_card_data",
        lambda c: _purpose_in("call_recording") & _has_category("payment_card"),
        lambda c: pl.format("{}; data_categories ∋ payment_card", _purpose_text()),
    ),
    # ------------------------------------------------------------- legal-basis fitness
    Rule(
        "LB_VITAL_INTERESTS_LAST_RESORT", ("Art. 6(1)(d)",), 0,
        "review_legal_basis",
        lambda c: _basis_is("vital_interests"),
        lambda c: _basis_text(),
        kind="attention",
    ),
    Rule(
        "LB_EMPLOYEE_CONSENT", ("Art. 6(1)(a)", "Art. 7(4)"), 0,
        "review_legal_basis",
        lambda c: _basis_is("consent") & _has_subject(*_WORKPLACE),
        lambda c: pl.format("legal_basis=consent; data_subjects={}",
                            pl.col("data_subjects").list.join(", ")),
        kind="attention",
    ),
    # ------------------------------------------------------------- minors (Art. 12(1))
    Rule(
        "MINORS_NOTICE_FOR_CHILDREN", ("Art. 12(1)",), 0,
        "publish_privacy_notice",
        lambda c: pl.col("_child") & pl.col("privacy_notice"),
        lambda c: pl.format("children among the people concerned ({}); privacy_notice=true",
                            pl.when(pl.col("min_subject_age").is_not_null())
                            .then(pl.format("min_subject_age={}", pl.col("min_subject_age")))
                            .otherwise(pl.lit("data_subjects/categories"))),
        kind="attention",
    ),
    # --------------------------------------------------------- minimisation (CNIL cases)
    Rule(
        "MIN_EMPLOYER_HEALTH_DATA", ("Art. 5(1)(c)", "Art. 9(1)"), 1,
        "remove_employer_health_data",
        lambda c: _purpose_in(*_HR_PURPOSES) & _has_subject("employees") & _has_category("health"),
        lambda c: pl.format("{}; data_subjects ∋ employees; data_categories ∋ health",
                            _purpose_text()),
    ),
    Rule(
        "MIN_PRODUCTION_DATA_IN_TESTS", ("Art. 5(1)(b)", "Art. 5(1)(c)", "Art. 25(1)"), 1,
        "anonymise_test_data",
        lambda c: _purpose_in("test_environment") & ~pl.col("_m_pseudonymisation")
        & ~pl.col("identifiability").is_in(["negligible", "limited"]).fill_null(False),
        lambda c: pl.format("{}; identifiability={}; pseudonymisation not in place",
                            _purpose_text(), _s(pl.col("identifiability"))),
    ),
    # ----------------------------------------------------------------- register hygiene
    Rule(
        "ART30_REVIEW_STALE", ("Art. 30(1)", "Art. 24(1)"), 0,
        "complete_register",
        _review_stale,
        lambda c: pl.when(pl.col("last_reviewed").is_null())
        .then(pl.lit("last_reviewed=null (no review date)"))
        .otherwise(pl.format("last_reviewed={}; {} days before {}; limit {} months",
                             pl.col("last_reviewed"), _review_age_days(c),
                             pl.lit(str(c.today)), pl.lit(c.model.review_max_months))),
        kind="attention",
    ),
    Rule(
        "ART30_UNMAPPED_CATEGORIES", ("Art. 30(1)(c)",), 0,
        "complete_register",
        lambda c: (pl.col("unmapped_categories").list.len() > 0).fill_null(False)
        if _HAS_UNMAPPED else pl.lit(False),
        lambda c: pl.format(
            "{} category label(s) of the register not recognised" + (
                f"; scored as holding data of ENISA DPC >= {c.model.unmapped_category_dpc}"
                " (RiskModel.unmapped_category_dpc)" if c.model.unmapped_category_dpc > 1 else ""),
            pl.col("unmapped_categories").list.len())
        if _HAS_UNMAPPED else pl.lit(""),
        kind="attention",
    ),
    Rule(
        "ART33_5_NO_BREACH_REGISTER", ("Art. 33(5)",), 1,
        "set_breach_procedure",
        lambda c: (pl.col("incidents_12m") > 0).fill_null(False) & pl.lit(not c.breach_register),
        lambda c: pl.format("incidents_12m={}; organisation breach_register=false",
                            pl.col("incidents_12m")),
    ),
)
