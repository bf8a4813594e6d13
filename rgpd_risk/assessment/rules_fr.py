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

from rgpd_risk.assessment.rules import (
    DAYS_PER_MONTH,
    Rule,
    RuleContext,
    TRACKER_PURPOSES,
    _b,
    _purpose_in,
    _s,
)

__all__ = ["FRENCH_RULES"]

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
    subj = pl.col("data_subjects")
    return (subj.list.len() > 0) & (subj.list.set_difference(["customers"]).list.len() == 0)


def _has_category(key: str) -> pl.Expr:
    return pl.col("data_categories").list.contains(key).fill_null(False)


def _has_subject(*keys: str) -> pl.Expr:
    return pl.any_horizontal([pl.col("data_subjects").list.contains(k) for k in keys]).fill_null(False)


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
        "Advertising trackers without prior consent (LIL art. 82)",
        "Traceurs publicitaires sans consentement préalable (art. 82 LIL)",
        "Reading or writing advertising or cross-site trackers on a user's terminal needs the "
        "user's prior consent; no other legal basis can replace it (LIL art. 82, CNIL "
        "guidelines of 17 September 2020).",
        "La lecture ou l'écriture de traceurs publicitaires ou de suivi intersites sur le "
        "terminal de l'utilisateur exige son consentement préalable ; aucune autre base "
        "légale ne peut s'y substituer (art. 82 de la loi Informatique et Libertés, lignes "
        "directrices de la CNIL du 17 septembre 2020).",
        "collect_tracker_consent",
        lambda c: _purpose_in("advertising_trackers") & _not_consent(),
        lambda c: pl.format("{}; {} (prior consent required)", _purpose_text(), _basis_text()),
        regime="LIL",
    ),
    Rule(
        "LIL82_AUDIENCE_NOT_EXEMPT", ("LIL art. 82",), 1,
        "Audience measurement without consent outside the CNIL's exemption (LIL art. 82)",
        "Mesure d'audience sans consentement hors exemption de la CNIL (art. 82 LIL)",
        "Audience-measurement trackers are exempt from consent only if they serve the "
        "publisher alone, produce anonymous statistics only, are not cross-checked with other "
        "processing nor passed to third parties, and do not track browsing across sites "
        "(CNIL, 2020 guidelines and 2025 page on audience tools). Otherwise consent is needed.",
        "Les traceurs de mesure d'audience ne sont exemptés de consentement que s'ils servent "
        "exclusivement l'éditeur, ne produisent que des statistiques anonymes, ne sont ni "
        "recoupés avec d'autres traitements ni transmis à des tiers et ne suivent pas la "
        "navigation d'un site à l'autre (CNIL). À défaut, le consentement est requis.",
        "configure_audience_exemption",
        lambda c: _purpose_in("audience_measurement") & _not_consent()
        & ~pl.col("audience_exemption_conditions"),
        lambda c: pl.format("{}; {}; {}", _purpose_text(), _basis_text(),
                            _b("audience_exemption_conditions")),
        regime="LIL",
    ),
    Rule(
        "LIL82_REJECT_NOT_EASY", ("LIL art. 82",), 1,
        "Refusing trackers is not as easy as accepting them (LIL art. 82)",
        "Refuser les traceurs n'est pas aussi simple que les accepter (art. 82 LIL)",
        "Consent to trackers is free only if refusing takes the same effort as accepting "
        "(e.g. a 'reject all' button next to 'accept all'; CNIL recommendation of "
        "17 September 2020).",
        "Le consentement aux traceurs n'est libre que si le refus est aussi simple que "
        "l'acceptation (par exemple un bouton « Tout refuser » à côté de « Tout accepter » ; "
        "recommandation de la CNIL du 17 septembre 2020).",
        "offer_reject_all",
        lambda c: _purpose_in(*TRACKER_PURPOSES) & _basis_is("consent") & ~pl.col("reject_as_easy"),
        lambda c: pl.format("{}; legal_basis=consent; {}", _purpose_text(), _b("reject_as_easy")),
        regime="LIL",
    ),
    Rule(
        "LIL82_CONSENT_NO_PROOF", ("LIL art. 82", "Art. 7(1)"), 1,
        "Tracker consent without proof (LIL art. 82)",
        "Consentement aux traceurs sans preuve (art. 82 LIL)",
        "The publisher must be able to prove at any time that valid consent was collected "
        "for the trackers (LIL art. 82 read with GDPR Art. 7(1)).",
        "L'éditeur doit pouvoir prouver à tout moment le recueil d'un consentement valable "
        "aux traceurs (art. 82 LIL, lu avec l'art. 7(1) du RGPD).",
        "keep_consent_proof",
        lambda c: _purpose_in(*TRACKER_PURPOSES) & _basis_is("consent") & ~pl.col("consent_proof"),
        lambda c: pl.format("{}; legal_basis=consent; {}", _purpose_text(), _b("consent_proof")),
        regime="LIL",
    ),
    Rule(
        "LIL82_CONSENT_NO_WITHDRAWAL", ("LIL art. 82", "Art. 7(3)"), 1,
        "Tracker consent cannot be withdrawn easily (LIL art. 82)",
        "Retrait du consentement aux traceurs non prévu (art. 82 LIL)",
        "Users must be able to withdraw their consent to trackers at any time, as easily as "
        "they gave it.",
        "Les utilisateurs doivent pouvoir retirer à tout moment leur consentement aux "
        "traceurs, aussi simplement qu'ils l'ont donné.",
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
        "E-mail / SMS prospecting of consumers without prior consent (CPCE art. L34-5)",
        "Prospection par courriel ou SMS de particuliers sans consentement préalable "
        "(art. L34-5 CPCE)",
        "Direct marketing by e-mail, SMS or automated call to a natural person needs their "
        "prior consent (CPCE art. L34-5). The only exception — customers, for similar "
        "products, who could object at collection and in each message — does not cover "
        "prospects.",
        "La prospection directe par courriel, SMS ou automate d'appel d'une personne physique "
        "exige son consentement préalable (art. L34-5 du CPCE). La seule exception — des "
        "clients, pour des produits ou services analogues, ayant pu s'opposer à la collecte "
        "et à chaque message — ne couvre pas les prospects.",
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
        "Prospecting customers without consent: check the L34-5 exception",
        "Prospection de clients sans consentement : vérifier l'exception de l'art. L34-5",
        "Customers may be prospected by e-mail without prior consent only for products or "
        "services similar to those they bought, if they could object free of charge when "
        "their address was collected and can do so in every message. A point of attention.",
        "Des clients ne peuvent être prospectés par courriel sans consentement préalable que "
        "pour des produits ou services analogues à ceux achetés, s'ils ont pu s'y opposer "
        "gratuitement lors de la collecte et le peuvent à chaque message. Point d'attention.",
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
        "Telephone prospecting of consumers without prior consent",
        "Prospection téléphonique de particuliers sans consentement préalable",
        "Since 11 August 2026 (loi n° 2025-594 of 30 June 2025), a professional may call a "
        "consumer for prospecting only with their prior consent, except about a contract in "
        "progress; a legal basis other than consent no longer fits this purpose (Art. 6(1), "
        "our reading).",
        "Depuis le 11 août 2026 (loi n° 2025-594 du 30 juin 2025), un professionnel ne peut "
        "démarcher par téléphone un consommateur qu'avec son consentement préalable, sauf "
        "dans le cadre d'un contrat en cours ; une autre base légale ne convient plus à cette "
        "finalité (art. 6(1), notre lecture).",
        "collect_prospecting_consent",
        lambda c: pl.lit(_phone_regime_on(c)) & _purpose_in("phone_prospecting")
        & _to_consumers() & _not_consent() & ~_customers_only(),
        lambda c: pl.format("{}; audience={}; {}; consent regime since {}", _purpose_text(),
                            _s(pl.col("audience")), _basis_text(),
                            pl.lit(c.model.phone_consent_from.isoformat())),
    ),
    Rule(
        "PHONE_PROSPECTING_CUSTOMERS", ("Art. 6(1)", "C. consom. art. L223-1"), 0,
        "Telephone prospecting of customers: only about a contract in progress",
        "Prospection téléphonique de clients : seulement dans le cadre d'un contrat en cours",
        "Without consent, customers may be called only about a contract in progress and "
        "products or services related to it. A point of attention.",
        "Sans consentement, les clients ne peuvent être appelés que dans le cadre d'un "
        "contrat en cours, pour des produits ou services qui s'y rapportent. Point "
        "d'attention.",
        "check_prospecting_exception",
        lambda c: pl.lit(_phone_regime_on(c)) & _purpose_in("phone_prospecting")
        & _to_consumers() & _not_consent() & _customers_only(),
        lambda c: pl.format("{}; {}; data_subjects=customers", _purpose_text(), _basis_text()),
        kind="attention",
    ),
    # ------------------------------------------------------------ call / screen recording
    Rule(
        "REC_SYSTEMATIC_RECORDING", ("Art. 5(1)(c)",), 1,
        "Every call or session recorded (Art. 5(1)(c))",
        "Enregistrement systématique des appels ou des sessions (art. 5(1)(c))",
        "Recording every call for quality or training is excessive: the CNIL accepts "
        "recording only where a need is recognised, e.g. a sample or a short period for "
        "training, never permanently (CNIL doctrine; sanctions of 2020–2024).",
        "Enregistrer tous les appels à des fins de qualité ou de formation est excessif : la "
        "CNIL n'admet l'enregistrement qu'en cas de nécessité reconnue, par exemple par "
        "échantillon ou sur une brève période pour la formation, jamais de façon permanente.",
        "sample_recordings",
        lambda c: _purpose_in("call_recording") & _recording_all(c)
        & ~_basis_is("consent", "legal_obligation"),
        lambda c: pl.format("{}; recording_scope={}; {}; subject_count={}", _purpose_text(),
                            pl.col("recording_scope").fill_null("not declared, counted as all"),
                            _basis_text(), _s(pl.col("subject_count"))),
    ),
    Rule(
        "REC_RETENTION_OVER_REFERENCE", ("Art. 5(1)(e)",), 0,
        "Recordings or evaluation grids kept longer than the CNIL reference",
        "Enregistrements ou grilles d'analyse conservés au-delà du référentiel de la CNIL",
        "The CNIL's reference is 6 months for call recordings and 1 year for the evaluation "
        "documents drawn from them (settings of the model).",
        "La référence de la CNIL est de 6 mois pour les enregistrements d'appels et d'un an "
        "pour les documents d'analyse qui en sont tirés (paramètres du modèle).",
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
        "Payment card numbers in recordings",
        "Numéros de carte bancaire dans les enregistrements",
        "Card numbers dictated during a call must never be recorded: suspend the recording "
        "or mask the data (CNIL doctrine).",
        "Les numéros de carte bancaire communiqués pendant un appel ne doivent jamais être "
        "enregistrés : suspendre l'enregistrement ou masquer les données (doctrine CNIL).",
        "mask_card_data",
        lambda c: _purpose_in("call_recording") & _has_category("payment_card"),
        lambda c: pl.format("{}; data_categories ∋ payment_card", _purpose_text()),
    ),
    # ------------------------------------------------------------- legal-basis fitness
    Rule(
        "LB_VITAL_INTERESTS_LAST_RESORT", ("Art. 6(1)(d)",), 0,
        "Vital interests relied on: a last resort",
        "Sauvegarde des intérêts vitaux invoquée : une base de dernier recours",
        "Vital interests may be relied on only where no other basis can apply (recital 46): "
        "check whether the processing rests on a contract or a legal obligation. A point of "
        "attention.",
        "La sauvegarde des intérêts vitaux ne peut être invoquée que si aucune autre base ne "
        "peut s'appliquer (considérant 46) : vérifier si le traitement repose sur un contrat "
        "ou une obligation légale. Point d'attention.",
        "review_legal_basis",
        lambda c: _basis_is("vital_interests"),
        lambda c: _basis_text(),
        kind="attention",
    ),
    Rule(
        "LB_EMPLOYEE_CONSENT", ("Art. 6(1)(a)", "Art. 7(4)"), 0,
        "Consent of employees or candidates relied on",
        "Consentement de salariés ou de candidats invoqué",
        "Given the imbalance of power, an employer can rarely rely on the free consent of "
        "employees or candidates (EDPB Guidelines 05/2020 on consent): check that refusing "
        "has no consequence, or choose another basis. A point of attention.",
        "Compte tenu du lien de subordination, un employeur peut rarement se fonder sur le "
        "consentement libre de salariés ou de candidats (lignes directrices 05/2020 du CEPD) : "
        "vérifier qu'un refus est sans conséquence, ou retenir une autre base. Point "
        "d'attention.",
        "review_legal_basis",
        lambda c: _basis_is("consent") & _has_subject(*_WORKPLACE),
        lambda c: pl.format("legal_basis=consent; data_subjects={}",
                            pl.col("data_subjects").list.join(", ")),
        kind="attention",
    ),
    # --------------------------------------------------------- minimisation (CNIL cases)
    Rule(
        "MIN_EMPLOYER_HEALTH_DATA", ("Art. 5(1)(c)", "Art. 9(1)"), 1,
        "Health data held by the employer",
        "Données de santé détenues par l'employeur",
        "An employer may know an employee's fitness for the job (the occupational doctor's "
        "opinion) and absence dates, not diagnoses or medical details, which stay with the "
        "occupational health service (CNIL).",
        "L'employeur peut connaître l'aptitude du salarié (avis du médecin du travail) et les "
        "dates d'absence, pas les diagnostics ni les données médicales, qui relèvent du "
        "service de santé au travail (CNIL).",
        "remove_employer_health_data",
        lambda c: _purpose_in(*_HR_PURPOSES) & _has_subject("employees") & _has_category("health"),
        lambda c: pl.format("{}; data_subjects ∋ employees; data_categories ∋ health",
                            _purpose_text()),
    ),
    Rule(
        "MIN_PRODUCTION_DATA_IN_TESTS", ("Art. 5(1)(b)", "Art. 5(1)(c)", "Art. 25(1)"), 1,
        "Production personal data copied into test environments",
        "Données de production copiées dans les environnements de test",
        "Tests do not need real people's data: use fictitious or anonymised data, or at "
        "least pseudonymise (purpose limitation, minimisation, data protection by design).",
        "Les tests n'ont pas besoin des données de personnes réelles : utiliser des données "
        "fictives ou anonymisées, à défaut pseudonymisées (limitation des finalités, "
        "minimisation, protection dès la conception).",
        "anonymise_test_data",
        lambda c: _purpose_in("test_environment") & ~pl.col("_m_pseudonymisation")
        & ~pl.col("identifiability").is_in(["negligible", "limited"]).fill_null(False),
        lambda c: pl.format("{}; identifiability={}; pseudonymisation not in place",
                            _purpose_text(), _s(pl.col("identifiability"))),
    ),
    # ----------------------------------------------------------------- register hygiene
    Rule(
        "ART30_REVIEW_STALE", ("Art. 30(1)", "Art. 24(1)"), 0,
        "Register entry not reviewed recently",
        "Fiche du registre non revue récemment",
        "The record of processing must be kept up to date and the measures reviewed where "
        "necessary (Art. 24(1), 30(1)): the entry has no review date or was last reviewed "
        "longer ago than the model's limit. A point of attention.",
        "Le registre doit être tenu à jour et les mesures réexaminées si nécessaire "
        "(art. 24(1) et 30(1)) : la fiche n'a pas de date de mise à jour ou date de plus "
        "longtemps que la limite du modèle. Point d'attention.",
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
        "ART33_5_NO_BREACH_REGISTER", ("Art. 33(5)",), 1,
        "Incidents recorded but no breach register (Art. 33(5))",
        "Incidents constatés sans registre des violations (art. 33(5))",
        "Every personal-data breach must be documented (facts, effects, remedial action), "
        "whether or not it is notified; incidents are recorded on this dataset and the "
        "organisation keeps no breach register.",
        "Toute violation de données doit être documentée (faits, effets, mesures prises), "
        "qu'elle soit notifiée ou non ; des incidents sont relevés sur ce traitement et "
        "l'organisme ne tient pas de registre des violations.",
        "set_breach_procedure",
        lambda c: (pl.col("incidents_12m") > 0).fill_null(False) & pl.lit(not c.breach_register),
        lambda c: pl.format("incidents_12m={}; organisation breach_register=false",
                            pl.col("incidents_12m")),
    ),
)
