"""The inventory schema: one row per dataset / processing activity (Art. 30(1) record).

Every column the library knows is declared once here, with its polars dtype, whether it
is required, its default when absent, the vocabulary its values come from, the header
synonyms (French and English) that importers accept, and a description. The table is
rendered in ``docs/inventory_schema.md`` by :func:`schema_markdown`.

Defaults are *pessimistic* where a safe assumption exists: an unknown security measure is
not assumed present, an unknown privacy notice is assumed missing, identifiability is
assumed maximal and internet exposure assumed. Counts that have no pessimistic value
(``subject_count``, ``access_count``, ``incidents_12m``) stay null ("unknown") and the
assessment scores unknown pessimistically. Processing characteristics that create
obligations (profiling, monitoring …) default to ``False``: an undeclared characteristic is
taken as absent — *our* choice, listed in ``Inventory.defaults_applied`` so the report shows
it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

IDENTIFIABILITY_LEVELS = ("negligible", "limited", "significant", "maximum")
"""ENISA (2013) ease-of-identification levels, in increasing order."""

RETENTION_STATUSES = ("parsed", "indefinite", "on_request", "unparsed", "missing")
"""Outcome of parsing ``retention_text``."""


@dataclass(frozen=True)
class Column:
    """Declaration of one inventory column."""

    name: str
    dtype: pl.DataType
    required: bool
    default: object
    description: str
    aliases: tuple[str, ...] = ()
    vocabulary: str | None = None
    derived: bool = False


_L = pl.List(pl.Utf8())
_B = pl.Boolean()
_S = pl.Utf8()
_I = pl.Int64()

COLUMNS: tuple[Column, ...] = (
    Column(
        "dataset_id",
        _S,
        True,
        None,
        "Unique identifier of the dataset / processing activity.",
        (
            "id",
            "ref",
            "n° / ref",
            "n°/ref",
            "no / ref",
            "reference",
            "référence",
            "identifiant",
            "fides_key",
            "n°",
            "numero",
            "numéro",
        ),
    ),
    Column(
        "name",
        _S,
        True,
        None,
        "Name of the processing activity or dataset.",
        (
            "nom",
            "nom du traitement",
            "traitement",
            "intitulé",
            "dataset",
            "processing",
            "processing activity",
            "activité de traitement",
            "name of processing",
        ),
    ),
    Column(
        "data_categories",
        _L,
        True,
        None,
        "Categories of personal data (taxonomy keys, labels or synonyms) — Art. 30(1)(c).",
        (
            "catégories de données",
            "categories de donnees",
            "données",
            "donnees",
            "catégories de données personnelles",
            "data categories",
            "personal data",
            "types",
            "types of personal data",
            "data",
        ),
        "category",
    ),
    Column(
        "purpose",
        _S,
        False,
        None,
        "Purpose(s) of the processing — Art. 30(1)(b).",
        (
            "finalité",
            "finalite",
            "finalités",
            "finalité du traitement",
            "finalité(s) du traitement",
            "purposes",
            "reason",
        ),
    ),
    Column(
        "legal_basis",
        _S,
        False,
        None,
        "Art. 6(1) legal basis (a)–(f).",
        (
            "base légale",
            "base legale",
            "base juridique",
            "fondement juridique",
            "lawful basis",
            "legal basis for processing",
            "legal_basis_for_processing",
        ),
        "legal_basis",
    ),
    Column(
        "data_subjects",
        _L,
        False,
        [],
        "Categories of data subjects — Art. 30(1)(c).",
        (
            "personnes concernées",
            "personnes concernees",
            "catégories de personnes",
            "catégories de personnes concernées",
            "subjects",
            "categories of data subjects",
            "categories",
        ),
        "subject",
    ),
    Column(
        "subject_count",
        _I,
        False,
        None,
        "Number of people concerned (null: unknown, scored as large scale).",
        (
            "nombre de personnes",
            "nombre de personnes concernées",
            "volume",
            "number of data subjects",
            "data subjects count",
            "count",
        ),
    ),
    Column(
        "retention_text",
        _S,
        False,
        None,
        "Envisaged erasure time limit as written — Art. 30(1)(f).",
        (
            "durée de conservation",
            "duree de conservation",
            "conservation",
            "retention",
            "retention period",
            "storage period",
            "storage_period",
            "disposal",
            "retention_period",
        ),
    ),
    Column(
        "retention_months",
        pl.Float64(),
        False,
        None,
        "Retention parsed in months (null: indefinite, on request or unparsed).",
        ("durée de conservation (mois)", "retention (months)"),
        derived=True,
    ),
    Column(
        "retention_event",
        _S,
        False,
        None,
        "Event the retention runs from (collection, end_of_contract, ...).",
        derived=True,
    ),
    Column(
        "retention_status", _S, False, "missing", "parsed / indefinite / on_request / unparsed / missing.", derived=True
    ),
    Column(
        "recipients",
        _L,
        False,
        [],
        "Recipients, including in third countries — Art. 30(1)(d).",
        ("destinataires", "catégories de destinataires", "recipients", "access"),
    ),
    Column(
        "processors",
        _L,
        False,
        [],
        "Processors (Art. 28) acting for the controller.",
        ("sous-traitants", "sous traitants", "prestataires", "processors", "vendors"),
    ),
    Column(
        "processor_contract",
        _B,
        False,
        False,
        "Every processor bound by an Art. 28(3) contract (default: no).",
        ("contrat de sous-traitance", "dpa signé", "dpa signed", "art. 28 contract", "processor contract"),
    ),
    Column(
        "third_countries",
        _L,
        False,
        [],
        "ISO 3166-1 alpha-2 codes of countries outside the EEA receiving data — Art. 30(1)(e).",
        (
            "pays",
            "transferts hors ue",
            "transferts hors ue (pays)",
            "pays hors ue",
            "transfer countries",
            "third countries",
            "sent out of eu",
        ),
    ),
    Column(
        "transfer_safeguard",
        _S,
        False,
        None,
        "Chapter V tool for the transfers.",
        (
            "garanties",
            "type de garantie",
            "garanties appropriées",
            "transfer safeguard",
            "safeguard",
            "legal_basis_for_transfers",
        ),
        "safeguard",
    ),
    Column(
        "security_measures",
        _L,
        False,
        [],
        "Art. 32 measures in place — Art. 30(1)(g) (default: none).",
        (
            "mesures de sécurité",
            "mesures de securite",
            "sécurité",
            "securite",
            "security",
            "security measures",
            "data_security_practices",
        ),
        "security",
    ),
    Column(
        "planned_measures",
        _L,
        False,
        [],
        "Art. 32 measures planned (for residual risk).",
        ("mesures prévues", "mesures envisagées", "planned measures"),
        "security",
    ),
    Column(
        "dpia_done",
        _B,
        False,
        False,
        "A DPIA (Art. 35) has been carried out.",
        ("aipd", "aipd réalisée", "pia", "pia réalisée", "dpia", "dpia done", "impact assessment"),
    ),
    Column(
        "identifiability",
        _S,
        False,
        "maximum",
        "ENISA ease of identification: negligible / limited / significant / maximum.",
        ("identifiabilité", "identifiability", "ease of identification"),
    ),
    Column(
        "internet_exposed",
        _B,
        False,
        True,
        "Reachable from the internet (default: yes).",
        ("exposé à internet", "exposition internet", "internet exposed", "internet facing"),
    ),
    Column(
        "access_count",
        _I,
        False,
        None,
        "Number of people with access (null: unknown).",
        ("nombre d'accédants", "nombre de personnes habilitées", "people with access", "access count"),
    ),
    Column(
        "incidents_12m",
        _I,
        False,
        None,
        "Security incidents on this dataset in the last 12 months (null: unknown).",
        ("incidents", "incidents (12 mois)", "incidents 12m", "violations"),
    ),
    Column(
        "consent_proof",
        _B,
        False,
        False,
        "Proof of consent is kept — Art. 7(1).",
        ("preuve du consentement", "consent proof", "consent obtained", "consent"),
    ),
    Column(
        "consent_withdrawal",
        _B,
        False,
        False,
        "Consent can be withdrawn as easily as given — Art. 7(3).",
        ("retrait du consentement", "consent withdrawal"),
    ),
    Column(
        "privacy_notice",
        _B,
        False,
        False,
        "People are informed — Arts 13/14.",
        ("information des personnes", "mention d'information", "privacy notice", "privacy policy", "privacy_policy"),
    ),
    Column(
        "rights_access", _B, False, False, "Right of access supported — Art. 15.", ("droit d'accès", "right of access")
    ),
    Column(
        "rights_rectification",
        _B,
        False,
        False,
        "Rectification supported — Art. 16.",
        ("droit de rectification", "right to rectification"),
    ),
    Column(
        "rights_erasure",
        _B,
        False,
        False,
        "Erasure supported — Art. 17.",
        ("droit à l'effacement", "droit d'effacement", "right to erasure"),
    ),
    Column(
        "rights_portability",
        _B,
        False,
        False,
        "Export in a structured, commonly used, machine-readable format — Art. 20.",
        ("droit à la portabilité", "portabilité", "right to portability", "portability"),
    ),
    Column(
        "art9_condition",
        _S,
        False,
        None,
        "Art. 9(2) condition (letter a–j) for special categories.",
        ("condition art. 9", "exception art. 9", "art. 9(2)", "art9 condition"),
    ),
    Column(
        "art10_authority",
        _B,
        False,
        False,
        "Criminal data processed under official authority or authorised by law — Art. 10.",
        ("autorisation art. 10", "art. 10 authority"),
    ),
    Column(
        "nir_legal_frame",
        _B,
        False,
        False,
        "NIR use falls within décret 2019-341 (France).",
        ("cadre nir", "décret 2019-341", "nir legal frame"),
    ),
    Column(
        "parental_consent",
        _B,
        False,
        False,
        "Parental consent collected for children below the national age — Art. 8.",
        ("consentement parental", "parental consent"),
    ),
    Column(
        "min_subject_age",
        _I,
        False,
        None,
        "Youngest age of the people concerned.",
        ("âge minimum", "age minimum", "minimum age"),
    ),
    Column(
        "profiling",
        _B,
        False,
        False,
        "Evaluation or scoring, incl. profiling (WP248 1).",
        ("profilage", "profiling", "uses_profiling"),
    ),
    Column(
        "automated_decision",
        _B,
        False,
        False,
        "Automated decision with legal or similar effect (WP248 2, Art. 22).",
        ("décision automatisée", "automated decision"),
    ),
    Column(
        "systematic_monitoring",
        _B,
        False,
        False,
        "Systematic monitoring (WP248 3).",
        ("surveillance systématique", "systematic monitoring"),
    ),
    Column(
        "public_area_monitoring",
        _B,
        False,
        False,
        "Systematic monitoring of a publicly accessible area (Art. 35(3)(c)).",
        ("surveillance d'une zone publique", "public area monitoring"),
    ),
    Column(
        "dataset_matching",
        _B,
        False,
        False,
        "Matching or combining datasets (WP248 6).",
        ("croisement de données", "interconnexion", "dataset matching"),
    ),
    Column(
        "innovative_technology",
        _B,
        False,
        False,
        "Innovative use or new technology (WP248 8).",
        ("technologie innovante", "innovative technology"),
    ),
    Column(
        "blocks_right_or_service",
        _B,
        False,
        False,
        "Processing prevents exercising a right or using a service (WP248 9).",
        ("exclusion d'un service", "blocks right or service"),
    ),
    Column(
        "oldest_record_date",
        pl.Date(),
        False,
        None,
        "Date of the oldest record held.",
        ("date du plus ancien enregistrement", "oldest record"),
    ),
    Column(
        "last_reviewed",
        pl.Date(),
        False,
        None,
        "Last update of the register entry.",
        (
            "dernière mise à jour de la fiche",
            "dernière mise à jour",
            "date de mise à jour",
            "last update",
            "last reviewed",
        ),
    ),
    Column(
        "system",
        _S,
        False,
        None,
        "Software or system used.",
        ("logiciel", "logiciels", "application", "système", "system", "name of system"),
    ),
    Column(
        "source_row", _I, False, None, "Row of the source file this dataset came from (for messages).", derived=True
    ),
    # --- French layer (issue #15): the CNIL's purposes, trackers, prospecting, recording --
    Column(
        "purpose_type",
        _S,
        False,
        "other",
        "What the processing is for, from a controlled vocabulary (see the purpose types below); "
        "unknown or missing: other.",
        ("type de finalité", "type de finalite", "catégorie de finalité", "nature du traitement",
         "purpose type", "purpose category"),
        "purpose_type",
    ),
    Column(
        "reject_as_easy",
        _B,
        False,
        False,
        "Trackers: refusing is as easy as accepting (CNIL recommendation of 17 Sept 2020; default: no).",
        ("refus aussi simple", "refus aussi simple que l'acceptation", "tout refuser", "reject as easy",
         "reject all button"),
    ),
    Column(
        "audience_exemption_conditions",
        _B,
        False,
        False,
        "Audience measurement meets the CNIL's conditions for the consent exemption (LIL art. 82; default: no).",
        ("exemption mesure d'audience", "conditions d'exemption", "audience exemption",
         "audience exemption conditions"),
    ),
    Column(
        "audience",
        _S,
        False,
        "consumers",
        "Who is prospected: consumers / professionals / both (CPCE art. L34-5; default: consumers).",
        ("cible", "public visé", "public cible", "cible de prospection", "audience", "target"),
        "audience",
    ),
    Column(
        "recording_scope",
        _S,
        False,
        None,
        "Recording of calls or sessions: all / sample / none (null: not declared).",
        ("périmètre d'enregistrement", "perimetre d'enregistrement", "enregistrement",
         "recording scope", "recording"),
        "recording_scope",
    ),
    # --- roles, automated decisions, AI Act, transfers (issue #12; sources: docs/legal_sources_roles.md)
    Column(
        "role",
        _S,
        False,
        "controller",
        "The organisation's role for this processing: controller, processor (run for a client, "
        "Art. 28) or joint_controller (Art. 26) (default: controller).",
        ("rôle", "role de l'organisme", "rôle de l'organisme", "qualité", "qualification", "organisation role"),
    ),
    Column(
        "controller_name",
        _S,
        False,
        None,
        "The client (controller) the processing is run for, on processor rows.",
        ("client", "donneur d'ordre", "responsable de traitement (client)", "client responsable", "controller name"),
    ),
    Column(
        "client_contract",
        _B,
        False,
        False,
        "Processor rows: an Art. 28(3) contract with the client is signed (default: no).",
        ("contrat avec le client", "contrat art. 28 client", "contrat client", "client contract"),
    ),
    Column(
        "sub_processors",
        _L,
        False,
        [],
        "Processor rows: other processors engaged for the client (Art. 28(2), (4)); "
        "when empty, the row's processors are taken as its sub-processors.",
        ("sous-traitants ultérieurs", "sous traitants ulterieurs", "sub-processors", "sub processors", "subprocessors"),
    ),
    Column(
        "sub_processors_authorised",
        _B,
        False,
        False,
        "Processor rows: the client authorised the sub-processors in writing, Art. 28(2) (default: no).",
        ("sous-traitants ultérieurs autorisés", "autorisation du client", "sub-processors authorised",
         "sub processors authorised"),
    ),
    Column(
        "own_purposes",
        _B,
        False,
        False,
        "Processor rows: the organisation also uses the client's data for purposes of its own "
        "(Art. 28(10): it is then a controller for that processing) (default: no).",
        ("finalités propres", "réutilisation pour compte propre", "own purposes"),
    ),
    Column(
        "joint_arrangement",
        _B,
        False,
        False,
        "Joint-controller rows: an Art. 26 arrangement with the other controller(s) exists (default: no).",
        ("accord de responsabilité conjointe", "accord art. 26", "joint arrangement", "joint controller arrangement"),
    ),
    Column(
        "human_review",
        _B,
        False,
        False,
        "Automated decisions: a person can review and change each decision on request, Art. 22(3) (default: no).",
        ("intervention humaine", "revue humaine", "human review", "human intervention"),
    ),
    Column(
        "ai_system",
        _B,
        False,
        False,
        "The processing uses an AI system (AI Act art. 3(1)) (default: no).",
        ("système d'ia", "systeme d'ia", "intelligence artificielle", "ia", "ai system"),
    ),
    Column(
        "emotion_recognition",
        _B,
        False,
        False,
        "An AI system infers emotions from biometric data such as voice or face (AI Act art. 3(39)) (default: no).",
        ("reconnaissance des émotions", "détection des émotions", "analyse des émotions", "emotion recognition"),
    ),
    Column(
        "dpf_certified",
        _B,
        False,
        False,
        "US transfers: every US recipient is on the EU-US Data Privacy Framework List "
        "(Decision (EU) 2023/1795) (default: not certified).",
        ("certifié dpf", "certification dpf", "dpf", "data privacy framework", "dpf certified"),
    ),
    Column(
        "dpf_hr_scope",
        _B,
        False,
        False,
        "US transfers: the DPF certification covers HR data (employees) (default: no).",
        ("périmètre rh dpf", "dpf rh", "dpf hr scope", "dpf hr data"),
    ),
    Column(
        "tia_done",
        _B,
        False,
        False,
        "SCC transfers: a transfer impact assessment is documented, SCC clause 14 (default: no).",
        ("aitd", "aitd réalisée", "analyse d'impact des transferts", "tia", "tia done", "transfer impact assessment"),
    ),
    # --- Registers as people write them (issue #17) --
    Column(
        "sensitive_declared",
        _B,
        False,
        None,
        "The register's own yes/no answer to \"sensitive data?\" (CNIL template column "
        "\"Données sensibles ? (Oui/non)\"); null when the register has no such column. Cross-checked "
        "with the Art. 9 / Art. 10 categories: a mismatch is a warning.",
        (
            "données sensibles ? (oui/non)",
            "données sensibles (oui/non)",
            "données sensibles ?",
            "données sensibles",
            "sensitive data",
            "sensitive data?",
            "special category data",
        ),
    ),
    Column(
        "unmapped_categories",
        _L,
        False,
        [],
        "Data-category labels as written that the loader could not map to a taxonomy key (nor through "
        "the user's mapping file); the row still loads, with a warning. Consumed by the Art. 30(1)(c) "
        "point of attention; the dataset may hold data of any category, so the assessment scores it as holding "
        "data of at least ENISA DPC RiskModel.unmapped_category_dpc (default 2; docs/risk_model.md).",
        ("catégories non reconnues", "unmapped categories"),
        derived=True,
    ),
)

#: Values of ``role`` and the words the loader accepts for them (French and English).
ROLES: tuple[str, ...] = ("controller", "processor", "joint_controller")
ROLE_WORDS: dict[str, str] = {
    "controller": "controller",
    "responsable de traitement": "controller",
    "responsable du traitement": "controller",
    "responsable": "controller",
    "rt": "controller",
    "processor": "processor",
    "sous-traitant": "processor",
    "sous traitant": "processor",
    "st": "processor",
    "joint controller": "joint_controller",
    "joint_controller": "joint_controller",
    "responsable conjoint": "joint_controller",
    "responsables conjoints": "joint_controller",
    "responsable conjoint du traitement": "joint_controller",
    "coresponsable": "joint_controller",
    "co-responsable": "joint_controller",
    "co responsable": "joint_controller",
}

COLUMN_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
REQUIRED_COLUMNS = tuple(c.name for c in COLUMNS if c.required)
INVENTORY_SCHEMA: dict[str, pl.DataType] = {c.name: c.dtype for c in COLUMNS}
BOOLEAN_COLUMNS = tuple(c.name for c in COLUMNS if c.dtype == pl.Boolean())
LIST_COLUMNS = tuple(c.name for c in COLUMNS if isinstance(c.dtype, pl.List))
INTEGER_COLUMNS = tuple(c.name for c in COLUMNS if c.dtype == pl.Int64() and not c.derived)
DATE_COLUMNS = tuple(c.name for c in COLUMNS if c.dtype == pl.Date())


def schema_markdown() -> str:
    """Render the schema as a Markdown table (used for ``docs/inventory_schema.md``).

    Examples
    --------
    >>> schema_markdown().splitlines()[0]
    '| column | type | required | default | meaning | also accepted as |'
    """
    lines = [
        "| column | type | required | default | meaning | also accepted as |",
        "|---|---|---|---|---|---|",
    ]
    for c in COLUMNS:
        default = "—" if c.required else ("derived" if c.derived else repr(c.default))
        lines.append(
            f"| `{c.name}` | {c.dtype} | {'yes' if c.required else 'no'} | {default} | "
            f"{c.description} | {', '.join(c.aliases)} |"
        )
    return "\n".join(lines)


def frame_from_records(records: list[dict]) -> pl.DataFrame:
    """Build a canonical inventory frame from a few dicts, filling documented defaults.

    Meant for tests, examples and small hand-written inventories; files go through
    :func:`rgpd_risk.load_inventory`, which also validates and reports.

    Examples
    --------
    >>> f = frame_from_records([{"dataset_id": "crm", "name": "CRM", "data_categories": ["contact"]}])
    >>> f["internet_exposed"].to_list(), f["security_measures"].to_list()
    ([True], [[]])
    """
    rows = [{c.name: r.get(c.name, c.default) for c in COLUMNS} for r in records]
    return pl.DataFrame(rows, schema=INVENTORY_SCHEMA)


def canonical_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Any inventory-like frame in the canonical schema: columns in schema order and cast to
    their types, absent optional columns and nulls given the documented defaults (empty lists;
    the pessimistic default of a boolean), extra columns kept at the end (vectorised).

    The assessment and the remediation what-ifs both start from it.

    Examples
    --------
    >>> f = canonical_frame(pl.DataFrame({"dataset_id": ["a"], "name": ["A"],
    ...                                   "data_categories": [["health"]]}))
    >>> f["internet_exposed"].to_list(), f["retention_status"].to_list(), f["security_measures"].to_list()
    ([True], ['missing'], [[]])
    """
    missing = [c for c in ("dataset_id", "name", "data_categories") if c not in frame.columns]
    if missing:
        raise ValueError(f"inventory frame lacks required column(s): {missing}")
    exprs = []
    for c in COLUMNS:
        if c.name in frame.columns:
            e = pl.col(c.name).cast(c.dtype)
        else:
            e = pl.lit(c.default if not isinstance(c.default, list) else None, dtype=c.dtype)
        if isinstance(c.dtype, pl.List):
            e = e.fill_null(pl.lit([], dtype=c.dtype))
        elif c.default is not None and not c.required:
            e = e.fill_null(pl.lit(c.default, dtype=c.dtype))
        exprs.append(e.alias(c.name))
    extra = [c for c in frame.columns if c not in INVENTORY_SCHEMA]
    return frame.select(*exprs, *extra)

