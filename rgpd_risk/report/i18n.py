"""French and English labels of the reports, and Babel formatting of numbers.

Every word a report shows that does not come from the inputs or from the taxonomy tables
lives here, once, in both languages. Numbers, euros, percentages and dates go through Babel
so that a French report reads ``52 000 000 €`` and ``4,1 %`` and an English one
``€52,000,000`` and ``4.1%``.

The mapping of remediation action keys (the ``action`` column of the findings) to the six
actions of the seed article (methodology §8) is *our* editorial choice; it lives here as
:data:`SEED_ACTION_OF` so the board report can frame the plan even before a remediation
module exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from rgpd_risk.formatting import (  # noqa: F401  (re-exported for the report modules)
    LANGS,
    check_lang,
    format_date,
    format_eur,
    format_eur_short,
    format_number,
    format_percent,
)


# --------------------------------------------------------------------------- labels

LABELS: Mapping[str, Mapping[str, str]] = {
    # titles and sections
    "inventory_title": {"fr": "Registre des traitements — exploration",
                        "en": "Record of processing activities — exploration"},
    "risk_title": {"fr": "Analyse des risques RGPD — rapport du DPO",
                   "en": "GDPR risk analysis — DPO report"},
    "board_title": {"fr": "Synthèse RGPD pour la direction", "en": "GDPR summary for the board"},
    "discovery_title": {"fr": "Découverte de données personnelles", "en": "Personal-data discovery"},
    "organisation": {"fr": "Organisation", "en": "Organisation"},
    "generated_on": {"fr": "Rapport généré le", "en": "Report generated on"},
    "source": {"fr": "Source", "en": "Source"},
    # inventory key figures
    "datasets": {"fr": "Traitements", "en": "Datasets"},
    "n_datasets": {"fr": "Traitements recensés", "en": "Datasets in the register"},
    "people": {"fr": "Personnes concernées (somme déclarée)", "en": "People concerned (declared sum)"},
    "unknown_counts": {"fr": "Traitements sans nombre de personnes", "en": "Datasets without a head count"},
    "sensitive_datasets": {"fr": "Traitements de données sensibles (art. 9, 10, NIR)",
                           "en": "Datasets with sensitive data (Art. 9, 10, NIR)"},
    "vulnerable_datasets": {"fr": "Traitements visant des personnes vulnérables",
                            "en": "Datasets about vulnerable people"},
    "transfer_datasets": {"fr": "Traitements avec transfert hors EEE",
                          "en": "Datasets transferred outside the EEA"},
    "warnings": {"fr": "Avertissements de validation", "en": "Validation warnings"},
    "value": {"fr": "Valeur", "en": "Value"},
    "indicator": {"fr": "Indicateur", "en": "Indicator"},
    "count": {"fr": "Nombre", "en": "Count"},
    "share": {"fr": "Part", "en": "Share"},
    "category": {"fr": "Catégorie de données", "en": "Data category"},
    "cnil_row": {"fr": "Rubrique du registre CNIL", "en": "CNIL register row"},
    "subject": {"fr": "Personnes concernées", "en": "Data subjects"},
    "vulnerable": {"fr": "Vulnérables", "en": "Vulnerable"},
    "not_vulnerable": {"fr": "Non vulnérables", "en": "Not vulnerable"},
    "legal_basis": {"fr": "Base légale", "en": "Legal basis"},
    "none_declared": {"fr": "(non renseigné)", "en": "(not stated)"},
    "recipient": {"fr": "Destinataire", "en": "Recipient"},
    "processor": {"fr": "Sous-traitant", "en": "Processor"},
    "kind": {"fr": "Type", "en": "Kind"},
    "country": {"fr": "Pays", "en": "Country"},
    "status": {"fr": "Statut", "en": "Status"},
    "eea": {"fr": "EEE", "en": "EEA"},
    "adequate": {"fr": "Décision d'adéquation", "en": "Adequacy decision"},
    "third_country": {"fr": "Pays tiers sans adéquation", "en": "Third country without adequacy"},
    "safeguard": {"fr": "Garantie", "en": "Safeguard"},
    "retention": {"fr": "Durée de conservation", "en": "Retention"},
    "retention_months": {"fr": "Durée de conservation (mois)", "en": "Retention (months)"},
    "retention_status": {"fr": "Statut de la durée", "en": "Retention status"},
    "parsed": {"fr": "Durée lue", "en": "Parsed"},
    "indefinite": {"fr": "Indéfinie", "en": "Indefinite"},
    "on_request": {"fr": "Jusqu'à demande", "en": "Until request"},
    "unparsed": {"fr": "Illisible", "en": "Not understood"},
    "missing": {"fr": "Absente", "en": "Missing"},
    "field": {"fr": "Mention (art. 30(1))", "en": "Field (Art. 30(1))"},
    "filled": {"fr": "Renseigné", "en": "Filled"},
    "completeness": {"fr": "Complétude du registre", "en": "Register completeness"},
    "complete_datasets": {"fr": "Traitements complets (a)–(g)", "en": "Complete datasets (a)–(g)"},
    "column": {"fr": "Colonne", "en": "Column"},
    "rows": {"fr": "Lignes", "en": "Rows"},
    "row": {"fr": "Ligne", "en": "Row"},
    "message": {"fr": "Message", "en": "Message"},
    "found": {"fr": "Trouvé", "en": "Found"},
    "expected": {"fr": "Attendu", "en": "Expected"},
    "defaults_applied": {"fr": "Valeurs par défaut appliquées (prudentes)",
                         "en": "Defaults applied (pessimistic)"},
    "no_warning": {"fr": "Aucun avertissement.", "en": "No warning."},
    "no_default": {"fr": "Aucune valeur par défaut n'a été appliquée.", "en": "No default was applied."},
    "nothing": {"fr": "Rien à signaler.", "en": "Nothing to report."},
    "table_limited": {"fr": "Seules les {shown} premières lignes sur {total} sont affichées.",
                      "en": "Only the first {shown} of {total} rows are shown."},
    "dataset": {"fr": "Traitement", "en": "Dataset"},
    "dataset_id": {"fr": "Identifiant", "en": "Identifier"},
    # risk and board
    "finding": {"fr": "Constat", "en": "Finding"},
    "findings": {"fr": "Constats", "en": "Findings"},
    "n_findings": {"fr": "Constats de non-conformité", "en": "Compliance findings"},
    "articles": {"fr": "Articles", "en": "Articles"},
    "tier": {"fr": "Palier (art. 83)", "en": "Tier (Art. 83)"},
    "seriousness": {"fr": "Gravité (EDPB)", "en": "Seriousness (EDPB)"},
    "low": {"fr": "faible", "en": "low"},
    "medium": {"fr": "moyenne", "en": "medium"},
    "high": {"fr": "élevée", "en": "high"},
    "severity": {"fr": "Gravité (CNIL)", "en": "Severity (CNIL)"},
    "likelihood": {"fr": "Vraisemblance (CNIL)", "en": "Likelihood (CNIL)"},
    "risk_level": {"fr": "Niveau de risque", "en": "Risk level"},
    "high_risks": {"fr": "Traitements à risque élevé", "en": "High-risk datasets"},
    "missing_dpia": {"fr": "AIPD requises mais absentes", "en": "Required DPIAs missing"},
    "dpia_required": {"fr": "AIPD requise", "en": "DPIA required"},
    "legal_max": {"fr": "Plafond légal de l'amende", "en": "Statutory maximum fine"},
    "legal_max_note": {
        "fr": "{pct4} du chiffre d'affaires mondial ({turnover}) ou 20 M€ ; "
              "{pct2} ou 10 M€ pour les manquements de l'art. 83(4)",
        "en": "{pct4} of worldwide turnover ({turnover}) or €20m; "
              "{pct2} or €10m for Art. 83(4) infringements"},
    "expected_exposure": {"fr": "Exposition estimée (un an)", "en": "Estimated exposure (one year)"},
    "p50": {"fr": "Médiane (P50)", "en": "Median (P50)"},
    "p90": {"fr": "Scénario défavorable (P90)", "en": "Adverse scenario (P90)"},
    "expected_cost": {"fr": "Coût moyen attendu", "en": "Expected cost"},
    "p_any_fine": {"fr": "Probabilité d'au moins une amende", "en": "Probability of at least one fine"},
    "trend": {"fr": "Évolution depuis le précédent rapport", "en": "Trend since the previous report"},
    "previous": {"fr": "Précédent", "en": "Previous"},
    "current": {"fr": "Actuel", "en": "Current"},
    "change": {"fr": "Évolution", "en": "Change"},
    "no_previous": {"fr": "Premier rapport : pas encore d'historique pour comparer.",
                    "en": "First report: no history to compare with yet."},
    "heatmap_title": {"fr": "Carte des risques (gravité × vraisemblance CNIL)",
                      "en": "Risk map (CNIL severity × likelihood)"},
    "top_risks": {"fr": "Les dix risques les plus importants", "en": "The ten largest risks"},
    "plan": {"fr": "Plan d'action", "en": "Remediation plan"},
    "seed_action": {"fr": "Action", "en": "Action"},
    "similar_cases": {"fr": "Amendes réelles comparables", "en": "Comparable real fines"},
    "date": {"fr": "Date", "en": "Date"},
    "authority": {"fr": "Autorité", "en": "Authority"},
    "controller": {"fr": "Responsable", "en": "Controller"},
    "amount": {"fr": "Montant", "en": "Amount"},
    "method": {"fr": "Méthode", "en": "Method"},
    "exposure_eur": {"fr": "Exposition (€)", "en": "Exposure (€)"},
    "not_available": {"fr": "Cette section sera disponible quand le module « {module} » sera installé.",
                      "en": "This section will be available once the '{module}' module is installed."},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
}


def t(key: str, lang: str, **fmt: object) -> str:
    """The label ``key`` in ``lang``, with ``str.format`` fields filled from ``fmt``.

    Examples
    --------
    >>> t("datasets", "fr"), t("datasets", "en")
    ('Traitements', 'Datasets')
    >>> t("table_limited", "en", shown=50, total=61)
    'Only the first 50 of 61 rows are shown.'
    """
    check_lang(lang)
    text = LABELS[key][lang]
    return text.format(**fmt) if fmt else text


# --------------------------------------------------------------------------- Art. 30(1)

ART30_FIELDS: tuple[tuple[str, Mapping[str, str]], ...] = (
    ("a", {"fr": "(a) Responsable et DPO", "en": "(a) Controller and DPO"}),
    ("b", {"fr": "(b) Finalités", "en": "(b) Purposes"}),
    ("c", {"fr": "(c) Personnes et catégories de données",
           "en": "(c) Data subjects and categories of data"}),
    ("d", {"fr": "(d) Destinataires", "en": "(d) Recipients"}),
    ("e", {"fr": "(e) Transferts hors UE", "en": "(e) Transfers to third countries"}),
    ("f", {"fr": "(f) Délais d'effacement", "en": "(f) Erasure time limits"}),
    ("g", {"fr": "(g) Mesures de sécurité", "en": "(g) Security measures"}),
)
"""Letters of Art. 30(1) and their labels."""


# --------------------------------------------------------------------------- seed actions

SEED_ACTIONS: tuple[tuple[str, Mapping[str, str]], ...] = (
    ("audit_flows", {
        "fr": "1. Auditer l'entrée, la circulation et la sortie des données (habilitations, "
              "partages, sous-traitants SaaS, points faibles)",
        "en": "1. Audit how data enters, flows and leaves (authorisations, sharing, SaaS "
              "suppliers, weak points)"}),
    ("appoint_pilot", {
        "fr": "2. Nommer un pilote / DPO",
        "en": "2. Appoint a pilot / DPO"}),
    ("inform_consent", {
        "fr": "3. Informer les clients et recueillir un consentement explicite ; former les équipes",
        "en": "3. Inform customers and obtain explicit consent; train staff"}),
    ("enable_rights", {
        "fr": "4. Faciliter l'accès, la rectification, l'effacement et la portabilité",
        "en": "4. Make access, rectification, erasure and portability easy"}),
    ("manage_breaches", {
        "fr": "5. Gérer le risque de violation et de fuite (plan d'action, notification)",
        "en": "5. Manage breach and leak risk (action plan, notification)"}),
    ("document_review", {
        "fr": "6. Documenter la conformité et la réviser régulièrement",
        "en": "6. Document compliance and review it regularly"}),
)
"""The six actions of the seed article (methodology §8), in order."""

SEED_ACTION_OF: Mapping[str, str] = {
    # (1) data flows: sharing, processors, transfers, access rights and the end of life of data
    "sign_processor_contracts": "audit_flows",
    "put_transfer_safeguards": "audit_flows",
    "restrict_access_need_to_know": "audit_flows",
    "set_retention_period": "audit_flows",
    "purge_expired_records": "audit_flows",
    # (2) governance
    "designate_dpo": "appoint_pilot",
    # (3) information, lawful basis and consent
    "set_legal_basis": "inform_consent",
    "publish_privacy_notice": "inform_consent",
    "keep_consent_proof": "inform_consent",
    "enable_consent_withdrawal": "inform_consent",
    "collect_parental_consent": "inform_consent",
    "train_staff": "inform_consent",
    # (4) rights of the data subjects
    "enable_right_access": "enable_rights",
    "enable_right_rectification": "enable_rights",
    "enable_right_erasure": "enable_rights",
    "enable_data_export": "enable_rights",
    # (5) security and breaches
    "set_breach_procedure": "manage_breaches",
    "encrypt_and_restrict": "manage_breaches",
    "secure_internet_exposure": "manage_breaches",
    # (6) documentation and review, including the special regimes that must be documented
    "complete_register": "document_review",
    "carry_out_dpia": "document_review",
    "document_art9_condition": "document_review",
    "establish_art10_authority": "document_review",
    "restrict_nir_use": "document_review",
}
"""Our mapping of remediation action keys to the six seed actions (unknown keys go to 6)."""


def seed_action_label(key: str, lang: str) -> str:
    """Label of a seed action key in ``lang``.

    Examples
    --------
    >>> seed_action_label("appoint_pilot", "en")
    '2. Appoint a pilot / DPO'
    """
    check_lang(lang)
    return dict(SEED_ACTIONS)[key][lang]


# --------------------------------------------------------------------------- sections

SECTIONS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "summary": {
        "fr": ("En bref", "Les chiffres clés du registre tel qu'il a été fourni."),
        "en": ("At a glance", "Key figures of the register as provided."),
    },
    "categories": {
        "fr": ("Catégories de données",
               "Nombre de traitements par catégorie de données, regroupées selon les rubriques "
               "du registre simplifié de la CNIL."),
        "en": ("Data categories",
               "Number of datasets per data category, grouped by the rows of the CNIL "
               "simplified register."),
    },
    "subjects": {
        "fr": ("Personnes concernées",
               "Catégories de personnes ; les personnes vulnérables (salariés, enfants, patients…) "
               "appellent une attention particulière (critère 7 des lignes directrices WP248)."),
        "en": ("Data subjects",
               "Categories of people; vulnerable people (employees, children, patients…) call for "
               "particular care (criterion 7 of the WP248 guidelines)."),
    },
    "legal_bases": {
        "fr": ("Bases légales", "Base légale déclarée pour chaque traitement (art. 6(1) RGPD)."),
        "en": ("Legal bases", "Legal basis stated for each dataset (GDPR Art. 6(1))."),
    },
    "recipients": {
        "fr": ("Destinataires et sous-traitants",
               "Qui reçoit les données, et quels prestataires les traitent pour le compte de "
               "l'organisation (art. 28)."),
        "en": ("Recipients and processors",
               "Who receives the data, and which suppliers process it on the organisation's "
               "behalf (Art. 28)."),
    },
    "transfers": {
        "fr": ("Transferts hors de l'EEE",
               "Pays destinataires hors de l'Espace économique européen, avec l'existence d'une "
               "décision d'adéquation (art. 45) et la garantie déclarée (art. 46–49)."),
        "en": ("Transfers outside the EEA",
               "Destination countries outside the European Economic Area, whether an adequacy "
               "decision exists (Art. 45) and the safeguard stated (Arts 46–49)."),
    },
    "retention": {
        "fr": ("Durées de conservation",
               "Durées lues dans le registre ; les durées indéfinies, illisibles ou absentes sont "
               "listées (art. 5(1)(e) et 30(1)(f))."),
        "en": ("Retention periods",
               "Retention periods read from the register; indefinite, unreadable or missing ones "
               "are listed (Arts 5(1)(e) and 30(1)(f))."),
    },
    "completeness": {
        "fr": ("Complétude du registre (art. 30(1))",
               "Part des traitements qui renseignent chacune des mentions obligatoires (a) à (g)."),
        "en": ("Register completeness (Art. 30(1))",
               "Share of datasets that fill each mandatory field (a) to (g)."),
    },
    "validation": {
        "fr": ("Contrôles à l'import",
               "Avertissements relevés à la lecture du fichier et valeurs par défaut prudentes "
               "appliquées aux colonnes absentes ou vides."),
        "en": ("Import checks",
               "Warnings raised while reading the file, and the pessimistic defaults applied to "
               "absent or blank columns."),
    },
    "risk_summary": {
        "fr": ("Synthèse", "Niveaux de risque (notre score), constats par palier de l'art. 83 et "
               "criblage AIPD (WP248)."),
        "en": ("Summary", "Risk levels (our score), findings by Art. 83 tier and DPIA screening "
               "(WP248)."),
    },
    "heatmap": {
        "fr": ("Carte des risques",
               "Chaque traitement est placé selon l'événement redouté le plus grave (accès "
               "illégitime, modification, disparition) : gravité et vraisemblance de 1 à 4 "
               "(méthode PIA de la CNIL)."),
        "en": ("Risk map",
               "Each dataset is placed by its worst feared event (illegitimate access, "
               "modification, disappearance): severity and likelihood from 1 to 4 (CNIL PIA "
               "method)."),
    },
    "findings": {
        "fr": ("Constats de non-conformité",
               "Chaque constat cite l'article du RGPD concerné, le palier d'amende (art. 83(4) "
               "ou 83(5)) et sa gravité selon les lignes directrices 04/2022 de l'EDPB."),
        "en": ("Compliance findings",
               "Each finding cites the GDPR article concerned, the fine tier (Art. 83(4) or "
               "83(5)) and its seriousness under EDPB guidelines 04/2022."),
    },
    "dpia": {
        "fr": ("Analyses d'impact (AIPD) manquantes",
               "Traitements pour lesquels le criblage (art. 35(3), critères WP248) exige une AIPD "
               "qui n'a pas été réalisée."),
        "en": ("Missing impact assessments (DPIA)",
               "Datasets for which screening (Art. 35(3), WP248 criteria) requires a DPIA that "
               "has not been carried out."),
    },
    "exposure": {
        "fr": ("Exposition financière",
               "Le plafond légal est fixé par l'art. 83 ; l'exposition estimée est une simulation "
               "sur un an de la probabilité d'un contrôle et du montant d'une amende, calibrée sur "
               "des décisions réelles."),
        "en": ("Financial exposure",
               "The statutory ceiling is set by Art. 83; the estimated exposure simulates, over one "
               "year, the probability of enforcement and the amount of a fine, calibrated on real "
               "decisions."),
    },
    "top_risks": {
        "fr": ("Les dix risques les plus importants",
               "Les traitements au score de risque le plus élevé, avec leur principal constat."),
        "en": ("The ten largest risks",
               "The datasets with the highest risk score, with their main finding."),
    },
    "plan": {
        "fr": ("Plan d'action",
               "Les constats regroupés selon les six actions de la démarche de mise en conformité."),
        "en": ("Remediation plan",
               "The findings grouped under the six actions of the compliance programme."),
    },
    "similar": {
        "fr": ("Amendes réelles comparables",
               "Décisions publiées portant sur les mêmes articles que nos constats les plus graves."),
        "en": ("Comparable real fines",
               "Published decisions about the same articles as our gravest findings."),
    },
    "trend": {
        "fr": ("Évolution", "Comparaison avec le rapport précédent."),
        "en": ("Trend", "Comparison with the previous report."),
    },
    "method": {
        "fr": ("Méthode",
               "Les constats appliquent le RGPD article par article au registre. La gravité et la "
               "vraisemblance suivent l'échelle de la CNIL, mais leurs formules, le score de risque, "
               "le regroupement des constats en un dossier par traitement et les probabilités de "
               "contrôle de la simulation sont nos choix de modélisation, documentés dans la "
               "documentation du projet. Le plafond légal, lui, résulte directement de l'art. 83. "
               "Ces montants ne prédisent pas une sanction : ils ordonnent les priorités."),
        "en": ("Method",
               "Findings apply the GDPR article by article to the register. Severity and "
               "likelihood use the CNIL scale, but their formulas, the risk score, the grouping of "
               "findings into one case per dataset and the enforcement probabilities of the "
               "simulation are our modelling choices, documented with the project. The statutory "
               "ceiling follows directly from Art. 83. These amounts do not predict a fine: they "
               "rank priorities."),
    },
    "not_available": {
        "fr": ("Section indisponible", "Le module nécessaire n'est pas encore installé."),
        "en": ("Section unavailable", "The module it needs is not installed yet."),
    },
}
"""Heading and one-sentence narrative of each report section, per language."""


def section(key: str, lang: str) -> tuple[str, str]:
    """``(heading, narrative)`` of a report section.

    Examples
    --------
    >>> section("legal_bases", "en")[0]
    'Legal bases'
    """
    check_lang(lang)
    return SECTIONS[key][lang]

SECTIONS = {**SECTIONS,
    "discovery_summary": {
        "fr": ("Données personnelles trouvées",
               "Colonnes dont le contenu ou l'intitulé révèle des données personnelles ; les "
               "exemples sont masqués, aucune valeur brute n'est reproduite."),
        "en": ("Personal data found",
               "Columns whose content or header reveals personal data; examples are masked, no "
               "raw value is reproduced."),
    },
}
