"""French and English labels of the reports, and Babel formatting of numbers.

Every word a report shows that does not come from the inputs or from the taxonomy tables
lives here, once, in both languages. Numbers, euros, percentages and dates go through Babel
so that a French report reads ``52 000 000 €`` and ``4,1 %`` and an English one
``€52,000,000`` and ``4.1%``.

The six actions of the seed article (methodology §8), their labels and the mapping of the
findings' ``action`` keys to them live in the remediation catalogue
(:data:`rgpd_risk.remediation.SEED_ACTIONS`, :func:`rgpd_risk.remediation.seed_action_of`),
their single source; the reports read them from there.
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
    "dpia_required": {"fr": "AIPD à réaliser ou à justifier", "en": "DPIA to carry out or to justify"},
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
    "seed_action": {"fr": "Action de la démarche", "en": "Programme action"},
    "similar_cases": {"fr": "Amendes réelles comparables", "en": "Comparable real fines"},
    "date": {"fr": "Date", "en": "Date"},
    "authority": {"fr": "Autorité", "en": "Authority"},
    "controller": {"fr": "Responsable", "en": "Controller"},
    "amount": {"fr": "Montant", "en": "Amount"},
    "method": {"fr": "Méthode", "en": "Method"},
    "exposure_eur": {"fr": "Exposition (€)", "en": "Exposure (€)"},
    "critical": {"fr": "critique", "en": "critical"},
    "scan_findings": {"fr": "Écarts avec le registre", "en": "Differences with the register"},
    "scan_not_reconciled": {"fr": "Le scan n'est rapproché d'aucun traitement du registre "
                                  "(indiquer --scan-dataset).",
                            "en": "The scan is not reconciled with a register row "
                                  "(give --scan-dataset)."},
    "residual": {"fr": "résiduel", "en": "residual"},
    "p90_short": {"fr": "P90 (un an)", "en": "P90 (one year)"},
    "evidence": {"fr": "Éléments", "en": "Evidence"},
    "headline_found": {
        "fr": "{datasets} traitements analysés : {high} à risque élevé, {dpia} analyses d'impact (AIPD) "
              "obligatoires manquantes.",
        "en": "{datasets} datasets assessed: {high} at high risk, {dpia} required impact assessments "
              "(DPIA) missing."},
    "headline_cost": {
        "fr": "La loi plafonne l'amende à {ceiling} ; notre estimation réaliste sur un an est de {p50} "
              "(médiane), {p90} dans un scénario défavorable (une chance sur dix de dépasser ce montant).",
        "en": "The law caps the fine at {ceiling}; our realistic estimate over one year is {p50} "
              "(median), {p90} in an adverse scenario (a one-in-ten chance of exceeding it)."},
    "headline_plan": {
        "fr": "Le plan proposé ({steps} actions, {days} jours·homme, {cost} de dépenses externes) "
              "corrige {findings} constats et ramène l'exposition moyenne attendue de {before} à {after}.",
        "en": "The proposed plan ({steps} actions, {days} person-days, {cost} external spend) fixes "
              "{findings} findings and brings the expected exposure from {before} down to {after}."},
    "headline_plan_no_exposure": {
        "fr": "Le plan proposé compte {steps} actions ({days} jours·homme, {cost}).",
        "en": "The proposed plan has {steps} actions ({days} person-days, {cost})."},
    "dpia_verdict": {"fr": "Criblage AIPD", "en": "DPIA screening"},
    "dpia_recommended": {"fr": "AIPD recommandée", "en": "DPIA recommended"},
    "dpia_not_required": {"fr": "AIPD non requise", "en": "DPIA not required"},
    "dpia_not_required_justified": {"fr": "AIPD non requise (justifiée : liste CNIL 2019-118)",
                                    "en": "DPIA not required (justified: CNIL list 2019-118)"},
    "dpia_done": {"fr": "AIPD réalisée", "en": "DPIA carried out"},
    "trail": {"fr": "Justification (critères remplis)", "en": "Trail (criteria met)"},
    "enisa_band": {"fr": "Gravité ENISA", "en": "ENISA severity"},
    "enisa_low": {"fr": "faible", "en": "low"},
    "enisa_medium": {"fr": "moyenne", "en": "medium"},
    "enisa_high": {"fr": "élevée", "en": "high"},
    "enisa_very_high": {"fr": "très élevée", "en": "very high"},
    "notify_authority": {"fr": "Notification à la CNIL (art. 33)", "en": "Notify the authority (Art. 33)"},
    "inform_subjects": {"fr": "Information des personnes (art. 34)", "en": "Inform the people (Art. 34)"},
    "factor": {"fr": "Facteur", "en": "Factor"},
    "contribution": {"fr": "Contribution au score", "en": "Contribution to the score"},
    "score": {"fr": "Score de risque", "en": "Risk score"},
    "step": {"fr": "Étape", "en": "Step"},
    "step_title": {"fr": "Intitulé", "en": "Title"},
    "explanation": {"fr": "Explication", "en": "Explanation"},
    "focus_no_finding": {"fr": "Ce traitement n'a aucun constat : pas d'amende à calculer.",
                         "en": "This dataset has no finding: no fine to calculate."},
    "focus_exposure": {
        "fr": "Palier art. {tier}, gravité {seriousness}. Sans hypothèse sur les choix de l'autorité "
              "(milieu des fourchettes, aucune circonstance de l'étape 3), la méthode EDPB donne le "
              "montant ci-dessous. Notre simulation, qui pondère ce montant par la probabilité d'un "
              "contrôle dans l'année ({p}) et l'incertitude sur ces choix, donne un coût attendu de "
              "{expected} (P90 {p90}) ; plafond légal {maximum}.",
        "en": "Tier Art. {tier}, {seriousness} seriousness. With no assumption about the authority's "
              "choices (middle of the ranges, no Step 3 circumstance), the EDPB method gives the "
              "amount below. Our simulation, which weighs it by the probability of enforcement within "
              "a year ({p}) and the uncertainty of those choices, gives an expected cost of {expected} "
              "(P90 {p90}); legal maximum {maximum}."},
    "planned_actions": {"fr": "Actions prévues (étape. action)", "en": "Planned actions (step. action)"},
    "action": {"fr": "Action", "en": "Action"},
    "seed_axis": {"fr": "Axe (1–6)", "en": "Axis (1–6)"},
    "effort_days": {"fr": "Effort (j·h)", "en": "Effort (person-days)"},
    "cost": {"fr": "Coût externe", "en": "External cost"},
    "exposure_removed": {"fr": "Exposition attendue supprimée", "en": "Expected exposure removed"},
    "risk_removed": {"fr": "Score de risque supprimé", "en": "Risk score removed"},
    "remaining_exposure": {"fr": "Exposition attendue restante", "en": "Expected exposure left"},
    "remaining_p90": {"fr": "P90 restant", "en": "P90 left"},
    "remaining_risk": {"fr": "Score de risque restant", "en": "Risk score left"},
    "plan_steps": {"fr": "Premières étapes du plan", "en": "First steps of the plan"},
    "plan_method": {
        "fr": "Plan : {steps} actions, {days} jours·homme, {cost}. À chaque étape, l'action qui retire le "
              "plus d'exposition et de risque par jour·homme est retenue, puis l'inventaire corrigé est "
              "réévalué et l'exposition resimulée (graine {seed}, {draws} tirages). Efforts et coûts "
              "sont nos estimations pour une entreprise de taille moyenne.",
        "en": "Plan: {steps} actions, {days} person-days, {cost}. At each step the action removing the "
              "most exposure and risk per person-day is taken, then the corrected inventory is "
              "re-assessed and its exposure re-simulated (seed {seed}, {draws} draws). Efforts and "
              "costs are our estimates for a mid-sized company."},
    "plan_draws_note": {
        "fr": "Pour tenir le temps de calcul sur un grand registre, le plan utilise {draws} tirages : "
              "son point de départ ({start}) diffère légèrement de l'exposition affichée plus haut "
              "({headline}).",
        "en": "To keep a large register fast, the plan uses {draws} draws: its starting point "
              "({start}) differs slightly from the exposure shown above ({headline})."},
    "plan_left_out": {
        "fr": "{n} action(s) du catalogue ne rentrent pas dans le budget.",
        "en": "{n} catalogue action(s) do not fit the budget."},
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
               "Les actions proposées, rangées selon les six actions de la démarche de mise en "
               "conformité : ce qu'elles coûtent et ce qu'elles retirent comme exposition et risque."),
        "en": ("Remediation plan",
               "The proposed actions, arranged under the six actions of the compliance programme: "
               "what they cost and how much exposure and risk they remove."),
    },
    "breach": {
        "fr": ("Exercice de violation (ENISA)",
               "Si les données de chaque traitement fuyaient demain : gravité selon la méthode ENISA "
               "(SE = DPC × EI + CB) et conséquence, notification à la CNIL sous 72 h (art. 33) et "
               "information des personnes (art. 34)."),
        "en": ("Breach drill (ENISA)",
               "If each dataset leaked tomorrow: severity under the ENISA method (SE = DPC × EI + CB) "
               "and the consequence, notifying the authority within 72 h (Art. 33) and informing the "
               "people (Art. 34)."),
    },
    "dpia_screening": {
        "fr": ("Criblage AIPD",
               "Verdict du criblage pour chaque traitement (critères WP248, cas de l'art. 35(3)) et "
               "les faits du registre qui le justifient."),
        "en": ("DPIA screening",
               "Screening verdict of each dataset (WP248 criteria, Art. 35(3) cases) and the facts "
               "of the register behind it."),
    },
    "heatmap_events": {
        "fr": ("Carte des risques par événement redouté",
               "Les trois événements redoutés de la méthode CNIL, avant (initial) et après les mesures "
               "déclarées (résiduel) ; chaque case compte les traitements."),
        "en": ("Risk map per feared event",
               "The three feared events of the CNIL method, before (initial) and after the declared "
               "measures (residual); each cell counts datasets."),
    },
    "explain": {
        "fr": ("Comprendre un score",
               "Le score de risque (notre modèle) est une somme de contributions ; voici celles du "
               "traitement examiné."),
        "en": ("Understanding a score",
               "The risk score (our model) is a sum of contributions; here are those of the dataset "
               "examined."),
    },
    "edpb_steps": {
        "fr": ("Calcul d'amende selon l'EDPB",
               "Les cinq étapes des lignes directrices 04/2022 de l'EDPB appliquées au traitement "
               "examiné."),
        "en": ("EDPB fine calculation",
               "The five steps of EDPB guidelines 04/2022 applied to the dataset examined."),
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
               "Ce que dit la loi : les constats appliquent le RGPD article par article au registre ; le "
               "plafond de l'amende résulte de l'art. 83 (2 % ou 4 % du chiffre d'affaires mondial, "
               "10 ou 20 M€ au minimum). Nos choix de modélisation : les formules de gravité et de "
               "vraisemblance (sur l'échelle de la CNIL), le score de risque, la lecture de l'art. 83(3) "
               "qui fait de chaque traitement un dossier distinct, les probabilités de contrôle et les "
               "hypothèses sur les choix de l'autorité (calibrées sur des décisions publiées), ainsi que "
               "les efforts et coûts du plan. L'exposition est une simulation sur un an : elle ne prédit "
               "pas une sanction, elle ordonne les priorités."),
        "en": ("Method",
               "What the law says: findings apply the GDPR article by article to the register; the "
               "fine ceiling follows from Art. 83 (2% or 4% of worldwide turnover, at least €10m or "
               "€20m). Our modelling choices: the severity and likelihood formulas (on the CNIL "
               "scale), the risk score, the reading of Art. 83(3) that makes each dataset a separate "
               "case, the enforcement probabilities and the priors on the authority's choices "
               "(calibrated on published decisions), and the plan's efforts and costs. The exposure "
               "is a one-year simulation: it does not predict a fine, it ranks priorities."),
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
