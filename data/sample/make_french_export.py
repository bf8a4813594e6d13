"""Write ``registre_export_fr.csv``: the sample register as a messy French spreadsheet export.

Reads ``inventory.csv`` (the native format) from this folder and writes the same register the
way French registers usually arrive: ``;`` separator, cp1252 encoding, Windows line ends,
French column headers (aliases declared in :mod:`rgpd_risk.inventory.schema`), French labels
instead of vocabulary keys (each one resolves through :func:`rgpd_risk.taxonomy.resolve`),
``Oui`` / ``Non`` booleans, ``JJ/MM/AAAA`` dates and ``", "`` between the values of a
multi-valued cell. The output is deterministic, so the two files stay in sync::

    .venv/bin/python data/sample/make_french_export.py
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "inventory.csv"
TARGET = HERE / "registre_export_fr.csv"

# Canonical column -> French header (each one is an alias declared in schema.py).
HEADERS: dict[str, str] = {
    "dataset_id": "Référence",
    "name": "Nom du traitement",
    "data_categories": "Catégories de données",
    "purpose": "Finalité du traitement",
    "legal_basis": "Base légale",
    "data_subjects": "Personnes concernées",
    "subject_count": "Nombre de personnes concernées",
    "retention_text": "Durée de conservation",
    "recipients": "Destinataires",
    "processors": "Sous-traitants",
    "processor_contract": "Contrat de sous-traitance",
    "third_countries": "Transferts hors UE (pays)",
    "transfer_safeguard": "Type de garantie",
    "security_measures": "Mesures de sécurité",
    "planned_measures": "Mesures prévues",
    "dpia_done": "AIPD réalisée",
    "identifiability": "Identifiabilité",
    "internet_exposed": "Exposé à internet",
    "access_count": "Nombre de personnes habilitées",
    "incidents_12m": "Incidents (12 mois)",
    "consent_proof": "Preuve du consentement",
    "consent_withdrawal": "Retrait du consentement",
    "privacy_notice": "Mention d'information",
    "rights_access": "Droit d'accès",
    "rights_rectification": "Droit de rectification",
    "rights_erasure": "Droit à l'effacement",
    "rights_portability": "Droit à la portabilité",
    "art9_condition": "Condition art. 9",
    "art10_authority": "Autorisation art. 10",
    "nir_legal_frame": "Cadre NIR",
    "parental_consent": "Consentement parental",
    "min_subject_age": "Âge minimum",
    "profiling": "Profilage",
    "automated_decision": "Décision automatisée",
    "systematic_monitoring": "Surveillance systématique",
    "public_area_monitoring": "Surveillance d'une zone publique",
    "dataset_matching": "Interconnexion",
    "innovative_technology": "Technologie innovante",
    "blocks_right_or_service": "Exclusion d'un service",
    "oldest_record_date": "Date du plus ancien enregistrement",
    "last_reviewed": "Dernière mise à jour de la fiche",
    "system": "Logiciel",
    "purpose_type": "Type de finalité",
    "reject_as_easy": "Refus aussi simple que l'acceptation",
    "audience_exemption_conditions": "Exemption mesure d'audience",
    "audience": "Cible",
    "recording_scope": "Périmètre d'enregistrement",
    "role": "Rôle de l'organisme",
    "controller_name": "Donneur d'ordre",
    "client_contract": "Contrat avec le client",
    "sub_processors": "Sous-traitants ultérieurs",
    "sub_processors_authorised": "Sous-traitants ultérieurs autorisés",
    "own_purposes": "Finalités propres",
    "joint_arrangement": "Accord de responsabilité conjointe",
    "human_review": "Intervention humaine",
    "ai_system": "Système d'IA",
    "emotion_recognition": "Reconnaissance des émotions",
    "dpf_certified": "Certifié DPF",
    "dpf_hr_scope": "Périmètre RH DPF",
    "tia_done": "AITD réalisée",
    "sensitive_declared": "Données sensibles ? (Oui/non)",
}

# Role of the organisation -> French wording of a register (each one is read back by the
# loader, rgpd_risk.inventory.schema.ROLE_WORDS).
ROLE_LABELS: dict[str, str] = {
    "controller": "Responsable de traitement",
    "processor": "Sous-traitant",
    "joint_controller": "Responsable conjoint",
}

# Vocabulary key -> French label as an analyst would type it (short, no comma: commas
# separate values in a cell). Each resolves through rgpd_risk.taxonomy.resolve.
LABELS: dict[str, dict[str, str]] = {
    "category": {
        "identity": "Identité",
        "contact": "Coordonnées",
        "national_id": "Pièce d'identité",
        "nir": "Numéro de sécurité sociale",
        "image": "Images",
        "voice": "Enregistrement des appels",
        "account": "Identifiants",
        "online_identifier": "Cookies",
        "connection": "Données de connexion",
        "location": "Géolocalisation",
        "behaviour": "Habitudes de vie",
        "family": "Situation familiale",
        "communications": "Contenu des communications",
        "professional": "Vie professionnelle",
        "education": "Formation",
        "financial": "Données financières",
        "payment_card": "Carte bancaire",
        "health": "Santé",
        "genetic": "Données génétiques",
        "biometric": "Données biométriques",
        "racial_ethnic_origin": "Origine ethnique",
        "political_opinions": "Opinions politiques",
        "religious_beliefs": "Convictions religieuses",
        "trade_union": "Appartenance syndicale",
        "sex_life": "Vie sexuelle",
        "criminal": "Infractions",
        "child_data": "Données d'enfants",
        "other": "Autres",
    },
    "subject": {
        "customers": "Clients",
        "prospects": "Prospects",
        "users": "Utilisateurs",
        "website_visitors": "Internautes",
        "employees": "Salariés",
        "candidates": "Candidats",
        "contractors": "Prestataires",
        "suppliers": "Fournisseurs",
        "visitors": "Visiteurs",
        "minors": "Mineurs",
        "students": "Étudiants",
        "patients": "Patients",
        "elderly": "Personnes âgées",
        "asylum_seekers": "Demandeurs d'asile",
        "vulnerable_persons": "Autres personnes vulnérables",
        "members": "Adhérents",
        "general_public": "Grand public",
    },
    "legal_basis": {
        "consent": "Consentement",
        "contract": "Exécution du contrat",
        "legal_obligation": "Obligation légale",
        "vital_interests": "Sauvegarde des intérêts vitaux",
        "public_task": "Mission d'intérêt public",
        "legitimate_interests": "Intérêt légitime",
    },
    "security": {
        "encryption_at_rest": "Chiffrement",
        "encryption_in_transit": "Chiffrement des flux",
        "access_control": "Contrôle d'accès",
        "mfa": "Authentification forte",
        "logging": "Traçabilité",
        "backup": "Sauvegardes",
        "pseudonymisation": "Pseudonymisation",
        "software_protection": "Mesures de protection des logiciels",
        "processor_control": "Contrôle des sous-traitants",
        "physical_security": "Sécurité physique",
        "staff_training": "Sensibilisation",
    },
    "safeguard": {
        "adequacy": "Décision d'adéquation",
        "scc": "Clauses contractuelles types",
        "bcr": "BCR",
        "code_or_certification": "Certification",
        "derogation": "Dérogation",
        "none": "Aucune",
    },
    "purpose_type": {
        "customer_relationship": "Relation client",
        "electronic_prospecting": "Prospection électronique",
        "phone_prospecting": "Prospection téléphonique",
        "advertising_trackers": "Cookies publicitaires",
        "audience_measurement": "Mesure d'audience",
        "call_recording": "Enregistrement des appels",
        "employee_monitoring": "Surveillance des salariés",
        "performance_evaluation": "Évaluation professionnelle",
        "recruitment": "Recrutement",
        "payroll": "Paie",
        "hr_management": "Gestion du personnel",
        "supplier_management": "Gestion des fournisseurs",
        "physical_access_control": "Contrôle d'accès",
        "video_surveillance": "Vidéosurveillance",
        "litigation": "Contentieux",
        "fraud_prevention": "Lutte contre la fraude",
        "whistleblowing": "Alerte professionnelle",
        "health_care": "Santé",
        "test_environment": "Recette",
        "invoicing": "Facturation",
        "it_operations": "Informatique",
        "other": "Autre",
    },
    "audience": {"consumers": "Particuliers", "professionals": "Professionnels", "both": "Les deux"},
    "recording_scope": {"all": "Systématique", "sample": "Échantillon", "none": "Aucun"},
}

LIST_VOCABULARY = {
    "data_categories": "category",
    "data_subjects": "subject",
    "security_measures": "security",
    "planned_measures": "security",
}
SCALAR_VOCABULARY = {"legal_basis": "legal_basis", "transfer_safeguard": "safeguard",
                     "purpose_type": "purpose_type", "audience": "audience",
                     "recording_scope": "recording_scope"}
FREE_LISTS = ("recipients", "processors", "third_countries", "sub_processors")
DATES = ("oldest_record_date", "last_reviewed")
BOOLEANS = tuple(
    c for c in HEADERS
    if c in {"processor_contract", "dpia_done", "internet_exposed", "consent_proof",
             "consent_withdrawal", "privacy_notice", "rights_access", "rights_rectification",
             "rights_erasure", "rights_portability", "art10_authority", "nir_legal_frame",
             "parental_consent", "profiling", "automated_decision", "systematic_monitoring",
             "public_area_monitoring", "dataset_matching", "innovative_technology",
             "blocks_right_or_service", "reject_as_easy", "audience_exemption_conditions",
             "client_contract", "sub_processors_authorised", "own_purposes", "joint_arrangement",
             "human_review", "ai_system", "emotion_recognition", "dpf_certified", "dpf_hr_scope",
             "tia_done",
             "sensitive_declared"}
)


def french_export(native: pl.DataFrame) -> pl.DataFrame:
    """Translate the native sample (all columns read as text) into the French export."""
    exprs = []
    for column, vocabulary in LIST_VOCABULARY.items():
        exprs.append(
            pl.col(column).str.split("|")
            .list.eval(pl.element().replace_strict(LABELS[vocabulary]))
            .list.join(", ")
        )
    for column, vocabulary in SCALAR_VOCABULARY.items():
        exprs.append(pl.col(column).replace_strict(LABELS[vocabulary], default=None))
    exprs.append(pl.col("role").replace_strict(ROLE_LABELS, default=None))
    exprs += [pl.col(c).str.replace_all("|", ", ", literal=True) for c in FREE_LISTS]
    exprs += [pl.col(c).str.to_date("%Y-%m-%d").dt.strftime("%d/%m/%Y") for c in DATES]
    exprs += [pl.col(c).replace_strict({"true": "Oui", "false": "Non"}, default=None) for c in BOOLEANS]
    return native.with_columns(exprs).select(list(HEADERS)).rename(HEADERS)


def main() -> None:
    native = pl.read_csv(SOURCE, infer_schema_length=0)
    text = french_export(native).write_csv(separator=";", line_terminator="\r\n")
    TARGET.write_bytes(text.encode("cp1252"))
    print(f"wrote {TARGET.name}: {native.height} rows")


if __name__ == "__main__":
    main()
