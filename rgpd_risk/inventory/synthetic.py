"""Synthetic inventories and organisations, for tests, benchmarks and demonstrations.

:func:`synthetic_inventory` draws a canonical inventory frame (exactly
:data:`rgpd_risk.inventory.schema.INVENTORY_SCHEMA`) with realistic mixes of good and bad
practice; :func:`synthetic_organisation` draws a matching organisation profile. Both are
pure functions of their ``seed`` (a :class:`numpy.random.Generator`) and of a fixed
reference date, so the same seed always gives the same frame. Every column is drawn with
numpy arrays and polars expressions — no Python loop over rows — so a million rows take a
few seconds.

The distributions are *our* modelling choices, meant to look like the registers of French
companies, not statistics of any real population; they are listed in the docstring of
:func:`synthetic_inventory`.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pyarrow as pa

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.retention import parse_retention
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA

__all__ = ["REFERENCE_DATE", "synthetic_inventory", "synthetic_organisation"]

REFERENCE_DATE = date(2026, 11, 29)
"""Default "today" of the generator: dates are drawn before it (fixed, for determinism)."""

# --- Archetypes -------------------------------------------------------------------------
# Each row is first given an archetype (a kind of processing activity); categories,
# subjects, legal basis and names depend on it. Columns: weight, names, purposes,
# category inclusion probabilities, subject inclusion probabilities, legal-basis weights.
_BASES = ("consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests")

_ARCHETYPES: dict[str, dict] = {
    "customer_relations": dict(
        weight=0.18,
        names=("CRM clients", "Service client", "Tickets de support", "Customer database", "Espace client", "Helpdesk"),
        purposes=("Gestion de la relation client", "Customer support", "Suivi des demandes"),
        categories=dict(
            identity=0.95,
            contact=0.95,
            behaviour=0.45,
            financial=0.25,
            communications=0.35,
            account=0.35,
            online_identifier=0.1,
        ),
        subjects=dict(customers=0.92, prospects=0.3, users=0.25),
        bases=(0.08, 0.62, 0.02, 0.0, 0.0, 0.28),
    ),
    "marketing": dict(
        weight=0.14,
        names=(
            "Newsletter",
            "Campagnes emailing",
            "Prospection SMS",
            "Programme de fidélité",
            "Marketing automation",
            "Jeux concours",
        ),
        purposes=("Prospection commerciale", "Marketing campaigns", "Fidélisation"),
        categories=dict(contact=0.95, identity=0.6, online_identifier=0.55, behaviour=0.7, location=0.12, family=0.05),
        subjects=dict(prospects=0.7, customers=0.6, website_visitors=0.3, members=0.1),
        bases=(0.55, 0.05, 0.0, 0.0, 0.0, 0.40),
    ),
    "web_analytics": dict(
        weight=0.09,
        names=(
            "Mesure d'audience",
            "Cookies publicitaires",
            "Web analytics",
            "A/B testing",
            "Application mobile - télémétrie",
        ),
        purposes=("Statistiques de fréquentation", "Targeted advertising", "Amélioration du site"),
        categories=dict(online_identifier=0.95, connection=0.85, behaviour=0.7, location=0.2),
        subjects=dict(website_visitors=0.92, users=0.4),
        bases=(0.6, 0.0, 0.0, 0.0, 0.0, 0.4),
    ),
    "recordings": dict(
        weight=0.12,
        names=(
            "Enregistrement des appels",
            "Sessions vidéo d'assistance",
            "Transcriptions de chat",
            "Call recordings",
            "Speech analytics",
            "Authentification vocale",
        ),
        purposes=("Contrôle qualité et formation", "Preuve de la transaction", "Quality monitoring"),
        categories=dict(
            voice=0.75, image=0.3, communications=0.9, identity=0.8, contact=0.6, biometric=0.06, health=0.03
        ),
        subjects=dict(customers=0.95, employees=0.5),
        bases=(0.12, 0.35, 0.03, 0.0, 0.0, 0.50),
    ),
    "hr": dict(
        weight=0.11,
        names=(
            "Dossiers du personnel",
            "Paie",
            "Gestion des absences",
            "Formation des salariés",
            "Entretiens annuels",
            "Mutuelle et prévoyance",
            "Élections du CSE",
        ),
        purposes=("Gestion administrative du personnel", "Payroll", "Obligations sociales"),
        categories=dict(
            identity=1.0,
            contact=0.85,
            professional=0.95,
            family=0.35,
            education=0.35,
            national_id=0.25,
            nir=0.45,
            financial=0.55,
            health=0.12,
            trade_union=0.05,
            criminal=0.02,
        ),
        subjects=dict(employees=1.0, contractors=0.2),
        bases=(0.03, 0.32, 0.6, 0.0, 0.0, 0.05),
    ),
    "recruitment": dict(
        weight=0.05,
        names=("Recrutement", "CVthèque", "Entretiens vidéo", "Applicant tracking"),
        purposes=("Sélection des candidats", "Recruitment"),
        categories=dict(identity=1.0, contact=0.95, professional=0.9, education=0.8, image=0.15, behaviour=0.1),
        subjects=dict(candidates=1.0),
        bases=(0.2, 0.5, 0.0, 0.0, 0.0, 0.3),
    ),
    "security": dict(
        weight=0.11,
        names=(
            "Vidéosurveillance",
            "Contrôle d'accès par badge",
            "Journaux informatiques",
            "Registre des visiteurs",
            "Géolocalisation des véhicules",
            "Security logs",
        ),
        purposes=("Sécurité des biens et des personnes", "Sécurité du SI", "Access control"),
        categories=dict(image=0.45, connection=0.55, identity=0.5, location=0.2, account=0.2, biometric=0.05),
        subjects=dict(employees=0.8, visitors=0.45, contractors=0.3, general_public=0.15),
        bases=(0.02, 0.0, 0.12, 0.0, 0.0, 0.86),
    ),
    "health": dict(
        weight=0.06,
        names=(
            "Support adhérents mutuelle",
            "Téléassistance",
            "Relais santé",
            "Remboursements de soins",
            "Health hotline",
        ),
        purposes=("Support des adhérents", "Assistance aux personnes", "Health claims"),
        categories=dict(
            health=0.9, identity=0.9, contact=0.8, nir=0.3, financial=0.3, communications=0.4, family=0.1, genetic=0.01
        ),
        subjects=dict(patients=0.35, members=0.5, customers=0.4, elderly=0.15, vulnerable_persons=0.05),
        bases=(0.3, 0.45, 0.15, 0.05, 0.0, 0.05),
    ),
    "minors": dict(
        weight=0.04,
        names=("Support joueurs", "Plateforme éducative", "Comptes junior", "Kids club"),
        purposes=("Assistance aux joueurs", "Service en ligne pour les jeunes"),
        categories=dict(
            child_data=0.8,
            identity=0.7,
            contact=0.55,
            account=0.7,
            communications=0.5,
            online_identifier=0.4,
            education=0.15,
        ),
        subjects=dict(minors=0.95, users=0.5, students=0.2),
        bases=(0.6, 0.3, 0.0, 0.0, 0.0, 0.1),
    ),
    "finance": dict(
        weight=0.10,
        names=(
            "Facturation",
            "Paiements en ligne",
            "Recouvrement",
            "Comptabilité fournisseurs",
            "Détection de la fraude",
            "Invoicing",
        ),
        purposes=("Facturation et encaissement", "Obligations comptables", "Fraud prevention"),
        categories=dict(financial=0.95, payment_card=0.35, identity=0.9, contact=0.8, behaviour=0.1, criminal=0.02),
        subjects=dict(customers=0.9, suppliers=0.15),
        bases=(0.0, 0.55, 0.35, 0.0, 0.0, 0.10),
    ),
}
# Rare categories any row may hold (special categories appear in "wrong" places too).
_BACKGROUND = dict(
    racial_ethnic_origin=0.003,
    political_opinions=0.002,
    religious_beliefs=0.004,
    sex_life=0.002,
    genetic=0.001,
    health=0.01,
    criminal=0.004,
    other=0.02,
    national_id=0.02,
)

_SITES = (
    "siège",
    "site de Lille",
    "site de Lyon",
    "site de Rabat",
    "client énergie",
    "client banque",
    "client mutuelle",
    "client télécom",
    "client e-commerce",
    "client jeux vidéo",
    "groupe",
    "filiale Belgique",
)

_RECIPIENTS = (
    ("service client", 0.4),
    ("service commercial", 0.25),
    ("service RH", 0.15),
    ("direction", 0.1),
    ("service comptable", 0.12),
    ("prestataires", 0.15),
    ("partenaires commerciaux", 0.08),
    ("maison mère", 0.06),
    ("autorités", 0.05),
    ("assureurs", 0.04),
    ("régies publicitaires", 0.05),
)

# Processors with their country: EEA, adequate (GB, CH, JP; US under the 2023 DPF) and not.
_PROCESSORS = (
    ("NuageCRM", "US", 0.10),
    ("MailBurst", "US", 0.07),
    ("WebMetrics", "US", 0.06),
    ("OfficeCloud", "US", 0.08),
    ("ChatFlow", "IN", 0.05),
    ("AtlasCall", "MA", 0.04),
    ("TeleVox", "FR", 0.08),
    ("HébergeSûr", "FR", 0.10),
    ("PaieExpert", "FR", 0.04),
    ("DataKeep", "DE", 0.05),
    ("SupportIE", "IE", 0.05),
    ("LondonDesk", "GB", 0.03),
    ("SwissVault", "CH", 0.02),
    ("DevOffshore", "IN", 0.02),
    ("AsiaCloud", "SG", 0.01),
    ("TokyoSpeech", "JP", 0.01),
)
_ADEQUATE = {"GB", "CH", "JP", "US"}

_SECURITY_BASE = dict(
    access_control=0.85,
    backup=0.75,
    encryption_in_transit=0.7,
    logging=0.5,
    encryption_at_rest=0.45,
    software_protection=0.55,
    mfa=0.35,
    physical_security=0.3,
    staff_training=0.3,
    processor_control=0.2,
    pseudonymisation=0.12,
)

_SYSTEMS = (
    "NuageCRM",
    "VisioDesk",
    "SIRH Horizon",
    "ComptaPro",
    "TeleVox Cloud",
    "DataLake",
    "Excel",
    "SharePoint",
    "Portail client",
    "App mobile",
    "LogCentral",
    "BadgeNet",
    "MailBurst",
    "ERP",
    "Messagerie",
)


def _retention_templates() -> pl.DataFrame:
    """Retention texts with their weights, parsed once by :func:`parse_retention`."""
    rows: list[tuple[str | None, float]] = []
    for n in (1, 2, 3, 5, 6, 10):
        rows += [
            (f"{n} ans après la fin de la relation commerciale", 0.03),
            (f"durée du contrat + {n} ans", 0.025),
            (f"{n} ans à compter du dernier contact", 0.02),
            (f"{n} ans", 0.03),
            (f"{n} years after the end of the contract", 0.005),
        ]
    rows += [(f"{n} ans après le départ du salarié", 0.01) for n in (2, 5, 10)]
    rows += [(f"{n} mois", 0.03) for n in (1, 3, 6, 12, 13, 18, 24, 25, 36)]
    rows += [(f"{n} jours", 0.02) for n in (7, 30, 90)]
    rows += [(f"{n} months after account closure", 0.005) for n in (1, 6, 12)]
    rows += [
        ("10 ans à compter de la clôture de l'exercice", 0.02),
        ("After 24 hours", 0.005),
        ("un an", 0.01),
        ("deux ans", 0.01),
        ("5 ans après la clôture du ticket", 0.01),
    ]
    rows += [("indéfiniment", 0.02), ("durée illimitée", 0.015), ("Never", 0.005), ("pas de suppression", 0.01)]
    rows += [
        ("jusqu'au retrait du consentement", 0.025),
        ("Until user requests deletion", 0.01),
        ("jusqu'à la demande de suppression", 0.01),
    ]
    rows += [("selon la politique interne", 0.012), ("voir procédure", 0.008), ("à définir", 0.01), (None, 0.07)]
    texts = pl.Series("retention_text", [t for t, _ in rows], dtype=pl.Utf8)
    weights = pl.Series("weight", [w for _, w in rows], dtype=pl.Float64)
    return pl.concat([pl.DataFrame([texts, weights]), parse_retention(texts)], how="horizontal")


def _choice(rng: np.random.Generator, n: int, probabilities: np.ndarray) -> np.ndarray:
    """One categorical draw per row; ``probabilities`` is (k,) or (n, k) (rows sum to 1)."""
    cumulative = np.cumsum(np.atleast_2d(probabilities), axis=1)
    cumulative /= cumulative[:, -1:]
    u = rng.random(n)[:, None]
    return np.minimum((u > cumulative).sum(axis=1), cumulative.shape[1] - 1)


def _list_column(name: str, mask: np.ndarray, labels: list[str]) -> pl.Series:
    """List[Utf8] column from an (n, k) boolean mask: row i holds labels[j] where mask[i, j]."""
    _, cols = np.nonzero(mask)
    offsets = np.concatenate([[0], np.cumsum(mask.sum(axis=1))]).astype(np.int64)
    values = pa.array(labels, type=pa.large_string()).take(pa.array(cols))
    array = pa.LargeListArray.from_arrays(pa.array(offsets), values)
    return pl.Series(name, pl.from_arrow(array)).cast(pl.List(pl.Utf8))


def _null_where(values: np.ndarray, missing: np.ndarray, dtype: pl.DataType, name: str) -> pl.Series:
    return pl.Series(name, values, dtype=dtype).scatter(np.flatnonzero(missing), None)


#: French layer (issue #15): ``purpose_type`` drawn uniformly from a pool per archetype.
_PURPOSE_TYPES: dict[str, tuple[str, ...]] = {
    "customer_relations": ("customer_relationship",),
    "marketing": ("electronic_prospecting", "electronic_prospecting", "phone_prospecting",
                  "customer_relationship"),
    "web_analytics": ("audience_measurement", "advertising_trackers"),
    "recordings": ("call_recording", "call_recording", "employee_monitoring"),
    "hr": ("hr_management", "payroll", "performance_evaluation"),
    "recruitment": ("recruitment",),
    "security": ("video_surveillance", "physical_access_control", "it_operations"),
    "health": ("health_care",),
    "minors": ("customer_relationship", "other"),
    "finance": ("invoicing", "fraud_prevention", "litigation", "supplier_management"),
}


def _french_columns(seed: int, arch: np.ndarray, arch_names: list[str]) -> dict[str, pl.Series]:
    """The French-layer columns, drawn from their own random stream (the other columns of a
    given seed stay as they were before these columns existed)."""
    n = len(arch)
    rng = np.random.default_rng([seed, 15])
    pool = [(i, p) for i, name in enumerate(arch_names) for p in _PURPOSE_TYPES.get(name, ("other",))]
    owner = np.array([i for i, _ in pool])
    values = pl.Series([p for _, p in pool], dtype=pl.Utf8)
    starts = np.searchsorted(owner, np.arange(len(arch_names)))
    sizes = np.bincount(owner, minlength=len(arch_names))
    pick = starts[arch] + (rng.random(n) * sizes[arch]).astype(np.int64)
    purpose_type = values.gather(pick)
    audience = pl.Series(["consumers", "professionals", "both"], dtype=pl.Utf8).gather(
        _choice(rng, n, np.array([0.6, 0.25, 0.15])))
    recording = pl.Series(["all", "sample", None], dtype=pl.Utf8).gather(
        _choice(rng, n, np.array([0.5, 0.4, 0.1])))
    is_rec = np.asarray(arch == arch_names.index("recordings"))
    recording = recording.scatter(np.flatnonzero(~is_rec), None)
    return {
        "purpose_type": purpose_type.rename("purpose_type"),
        "reject_as_easy": pl.Series("reject_as_easy", rng.random(n) < 0.6),
        "audience_exemption_conditions": pl.Series("audience_exemption_conditions", rng.random(n) < 0.4),
        "audience": audience.rename("audience"),
        "recording_scope": recording.rename("recording_scope"),
    }


def synthetic_inventory(n: int, seed: int = 0, *, as_of: date = REFERENCE_DATE) -> pl.DataFrame:
    """Draw a random canonical inventory of ``n`` processing activities.

    Rows mix good and bad practice the way real registers do. The distributions (our own
    modelling choices, not measured statistics):

    * **Archetype** of each row, categorical: customer relations 18 %, marketing 14 %,
      recordings (calls, video, chat) 12 %, HR 11 %, security (CCTV, badges, logs) 11 %,
      finance 10 %, web analytics 9 %, health support 6 %, recruitment 5 %, services for
      minors 4 %. Names and purposes are drawn from a few per archetype, suffixed with one
      of twelve sites or clients.
    * **data_categories**: each key independently, with an archetype-specific probability
      (e.g. ``nir`` 45 % in HR, ``health`` 90 % in health support, ``child_data`` 80 % for
      minors) plus a small background rate for rare ones (special categories 0.1–1 %,
      ``criminal`` 0.4 %); never empty (the archetype's first category is forced).
    * **data_subjects**: same scheme; forced non-empty except in 2 % of rows (undocumented).
    * **legal_basis**: categorical per archetype (e.g. marketing 55 % consent, 40 %
      legitimate interests); null in 5 % of rows.
    * **subject_count**: log-normal, median 300 for HR and recruitment, 20 000 otherwise,
      σ = 1.0 (HR) or 2.0 (log scale), at least 1; null in 10 %.
    * **retention_text**: one of ~70 French and English phrasings with weights — about
      80 % parsable periods, 5 % indefinite, 4.5 % on request, 2 % unparsable, 8 % blank
      or placeholder; ``retention_months / _event / _status`` come from
      :func:`~rgpd_risk.inventory.retention.parse_retention` of the same texts.
    * **recipients**: eleven internal and external recipients, each 4–40 %.
    * **processors**: sixteen processors, each 1–10 %, with fixed countries (FR, DE, IE,
      GB, CH, US, JP, IN, MA, SG); ``processor_contract`` true for 75 % of rows that have
      processors. **third_countries** are the non-EEA countries of the row's processors;
      **transfer_safeguard** for those rows: SCCs 45 %, adequacy 20 % (only where every
      country is adequate, else SCCs), BCRs 5 %, derogation 3 %, code/certification 2 %,
      ``none`` 10 %, blank 15 %.
    * A per-row **maturity** ``m ~ Beta(2, 2)`` drives good practice: each security
      measure with probability ``base × (0.4 + 1.2 m)`` (base: access control 85 % …
      pseudonymisation 12 %); ``planned_measures`` 15 % of the missing ones; privacy
      notice and rights (access, rectification, erasure, portability) likewise scaled.
    * **dpia_done** 15 % plus 35 points when special categories, NIR, minors,
      monitoring or profiling are present. **consent_proof / consent_withdrawal** 70 % /
      75 % where the basis is consent, false otherwise. ``art9_condition`` only with special
      categories (a 30 %, b 20 %, h 15 %, g 5 %, c 5 %, blank 25 %); ``art10_authority``
      50 % with criminal data; ``nir_legal_frame`` 70 % with the NIR;
      ``parental_consent`` 40 % and ``min_subject_age`` uniform 8–17 with minors.
    * **identifiability**: maximum 70 %, significant 15 %, limited 10 %, negligible 5 %;
      **internet_exposed** 70 %; **access_count** log-normal (median 20, σ 1.2), null 15 %;
      **incidents_12m** Poisson(0.3), null 20 %.
    * WP248 flags: profiling 12 % (45 % in marketing and web analytics), automated
      decision 20 % of profiling rows, systematic monitoring 60 % in security and 35 % in
      recordings (3 % elsewhere), public-area monitoring 30 % of monitored security rows,
      matching 10 %, innovative technology 7 % (20 % in recordings), blocks a service 4 %.
    * **oldest_record_date**: ``as_of`` minus an exponential age (mean 4 years, at most
      25), null in 30 %; **last_reviewed**: ``as_of`` minus an exponential age (mean 1.5
      years), null in 25 %. **system** from fifteen names, null 10 %. ``source_row`` null.

    Parameters
    ----------
    n : int
        Number of rows (``0`` gives an empty frame with the schema).
    seed : int, default 0
        Seed of the :func:`numpy.random.default_rng` generator; same seed, same frame.
    as_of : datetime.date, default :data:`REFERENCE_DATE`
        The "today" before which dates are drawn.

    Returns
    -------
    pl.DataFrame
        Columns and dtypes exactly :data:`~rgpd_risk.inventory.schema.INVENTORY_SCHEMA`;
        ``dataset_id`` is ``syn-0000000``, ``syn-0000001``, …

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import INVENTORY_SCHEMA
    >>> inv = synthetic_inventory(1000, seed=1)
    >>> inv.schema == pl.Schema(INVENTORY_SCHEMA), inv.height, inv["dataset_id"].is_unique().all()
    (True, 1000, True)
    >>> inv.equals(synthetic_inventory(1000, seed=1))
    True
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = np.random.default_rng(seed)

    arch_names = list(_ARCHETYPES)
    archetypes = list(_ARCHETYPES.values())
    arch = _choice(rng, n, np.array([a["weight"] for a in archetypes]))
    maturity = rng.beta(2.0, 2.0, n)

    # Names and purposes: gather from per-archetype pools, suffixed with a site.
    name_pool = [(i, nm) for i, a in enumerate(archetypes) for nm in a["names"]]
    purpose_pool = [(i, p) for i, a in enumerate(archetypes) for p in a["purposes"]]

    def from_pool(pool: list[tuple[int, str]]) -> pl.Series:
        owner = np.array([i for i, _ in pool])
        starts = np.searchsorted(owner, np.arange(len(archetypes)))
        sizes = np.bincount(owner, minlength=len(archetypes))
        idx = starts[arch] + (rng.random(n) * sizes[arch]).astype(np.int64)
        return pl.Series([t for _, t in pool], dtype=pl.Utf8).gather(idx)

    sites = pl.Series(_SITES, dtype=pl.Utf8).gather(rng.integers(0, len(_SITES), n))
    names = from_pool(name_pool)
    purposes = from_pool(purpose_pool)

    # Categories and subjects: independent inclusion with archetype-specific probabilities.
    cat_keys = taxonomy.categories()["key"].to_list()
    cat_p = np.array([[a["categories"].get(k, 0.0) for k in cat_keys] for a in archetypes])
    cat_p = 1 - (1 - cat_p) * (1 - np.array([_BACKGROUND.get(k, 0.0) for k in cat_keys]))
    cat_mask = rng.random((n, len(cat_keys)), dtype=np.float32) < cat_p[arch]
    first_cat = np.array([cat_keys.index(next(iter(a["categories"]))) for a in archetypes])
    empty = ~cat_mask.any(axis=1)
    cat_mask[np.flatnonzero(empty), first_cat[arch[empty]]] = True

    subj_keys = taxonomy.data_subjects()["key"].to_list()
    subj_p = np.array([[a["subjects"].get(k, 0.0) for k in subj_keys] for a in archetypes])
    subj_mask = rng.random((n, len(subj_keys)), dtype=np.float32) < subj_p[arch]
    first_subj = np.array([subj_keys.index(next(iter(a["subjects"]))) for a in archetypes])
    force = ~subj_mask.any(axis=1) & (rng.random(n) >= 0.02)
    subj_mask[np.flatnonzero(force), first_subj[arch[force]]] = True

    flags = taxonomy.categories()
    has = {flag: cat_mask[:, flags[flag].to_numpy()].any(axis=1) for flag in ("art9", "art10", "nir", "children")}
    minors = subj_mask[:, subj_keys.index("minors")] | has["children"]

    basis_idx = _choice(rng, n, np.array([a["bases"] for a in archetypes])[arch])
    basis = pl.Series(_BASES, dtype=pl.Utf8).gather(basis_idx)
    basis = basis.scatter(np.flatnonzero(rng.random(n) < 0.05), None)
    consent = (basis == "consent").fill_null(False).to_numpy()

    small = np.isin(arch, [arch_names.index("hr"), arch_names.index("recruitment")])
    count = np.maximum(
        1, np.round(rng.lognormal(np.where(small, np.log(300), np.log(20_000)), np.where(small, 1.0, 2.0)))
    )
    count = np.minimum(count, 1e12).astype(np.int64)

    # Retention: weighted templates, parsed once and gathered.
    templates = _retention_templates()
    weights = templates["weight"].to_numpy()
    ret = templates.drop("weight")[_choice(rng, n, weights / weights.sum())]

    recipients = _list_column(
        "recipients",
        rng.random((n, len(_RECIPIENTS)), dtype=np.float32) < np.array([p for _, p in _RECIPIENTS]),
        [r for r, _ in _RECIPIENTS],
    )
    proc_mask = rng.random((n, len(_PROCESSORS)), dtype=np.float32) < np.array([p for *_, p in _PROCESSORS])
    processors = _list_column("processors", proc_mask, [p for p, *_ in _PROCESSORS])
    has_processor = proc_mask.any(axis=1)

    eea = taxonomy.eea_countries()
    countries = sorted({c for _, c, _ in _PROCESSORS} - eea)
    proc_country = np.array([c for _, c, _ in _PROCESSORS])
    country_mask = np.stack([proc_mask[:, proc_country == c].any(axis=1) for c in countries], axis=1)
    third = _list_column("third_countries", country_mask, countries)
    transfers = country_mask.any(axis=1)
    all_adequate = ~country_mask[:, [c not in _ADEQUATE for c in countries]].any(axis=1)
    safeguards = ("scc", "adequacy", "bcr", "derogation", "code_or_certification", "none", None)
    sg_idx = _choice(rng, n, np.array([0.45, 0.20, 0.05, 0.03, 0.02, 0.10, 0.15]))
    sg_idx = np.where((sg_idx == 1) & ~all_adequate, 0, sg_idx)
    safeguard = pl.Series(safeguards, dtype=pl.Utf8).gather(sg_idx)
    safeguard = safeguard.scatter(np.flatnonzero(~transfers), None)

    sec_keys = list(_SECURITY_BASE)
    sec_p = np.clip(np.array(list(_SECURITY_BASE.values()))[None, :] * (0.4 + 1.2 * maturity)[:, None], 0, 0.98)
    sec_mask = rng.random((n, len(sec_keys)), dtype=np.float32) < sec_p
    planned_mask = ~sec_mask & (rng.random((n, len(sec_keys)), dtype=np.float32) < 0.15)

    def scaled(p: float) -> np.ndarray:
        return rng.random(n) < np.clip(p * (0.5 + maturity), 0, 0.99)

    def bernoulli(p: float | np.ndarray) -> np.ndarray:
        return rng.random(n) < p

    profile_p = np.where(np.isin(arch, [arch_names.index("marketing"), arch_names.index("web_analytics")]), 0.45, 0.12)
    profiling = bernoulli(profile_p)
    monitor_p = np.select(
        [arch == arch_names.index("security"), arch == arch_names.index("recordings")], [0.6, 0.35], 0.03
    )
    monitoring = bernoulli(monitor_p)
    risky = has["art9"] | has["nir"] | minors | monitoring | profiling

    art9_letters = pl.Series(["a", "b", "h", "g", "c", None], dtype=pl.Utf8).gather(
        _choice(rng, n, np.array([0.3, 0.2, 0.15, 0.05, 0.05, 0.25]))
    )
    art9_letters = art9_letters.scatter(np.flatnonzero(~has["art9"]), None)

    identifiability = pl.Series(["maximum", "significant", "limited", "negligible"], dtype=pl.Utf8)
    ident = identifiability.gather(_choice(rng, n, np.array([0.7, 0.15, 0.1, 0.05])))

    as_of_days = (as_of - date(1970, 1, 1)).days
    oldest_age = np.minimum(rng.exponential(4 * 365.25, n), 25 * 365.25).astype(np.int64)
    review_age = np.minimum(rng.exponential(1.5 * 365.25, n), 20 * 365.25).astype(np.int64)

    cols: dict[str, pl.Series | np.ndarray] = {
        "dataset_id": pl.Series("dataset_id", np.arange(n), dtype=pl.Int64),
        "name": names,
        "data_categories": _list_column("data_categories", cat_mask, cat_keys),
        "purpose": purposes,
        "legal_basis": basis,
        "data_subjects": _list_column("data_subjects", subj_mask, subj_keys),
        "subject_count": _null_where(count, rng.random(n) < 0.10, pl.Int64, "subject_count"),
        **{c: ret[c] for c in ret.columns},
        "recipients": recipients,
        "processors": processors,
        "processor_contract": has_processor & bernoulli(0.75),
        "third_countries": third,
        "transfer_safeguard": safeguard,
        "security_measures": _list_column("security_measures", sec_mask, sec_keys),
        "planned_measures": _list_column("planned_measures", planned_mask, sec_keys),
        "dpia_done": bernoulli(0.15 + 0.35 * risky),
        "identifiability": ident,
        "internet_exposed": bernoulli(0.7),
        "access_count": _null_where(
            np.maximum(1, rng.lognormal(np.log(20), 1.2, n)).astype(np.int64),
            rng.random(n) < 0.15,
            pl.Int64,
            "access_count",
        ),
        "incidents_12m": _null_where(rng.poisson(0.3, n), rng.random(n) < 0.20, pl.Int64, "incidents_12m"),
        "consent_proof": consent & bernoulli(0.7),
        "consent_withdrawal": consent & bernoulli(0.75),
        "privacy_notice": scaled(0.8),
        "rights_access": scaled(0.85),
        "rights_rectification": scaled(0.85),
        "rights_erasure": scaled(0.75),
        "rights_portability": scaled(0.4),
        "art9_condition": art9_letters,
        "art10_authority": has["art10"] & bernoulli(0.5),
        "nir_legal_frame": has["nir"] & bernoulli(0.7),
        "parental_consent": minors & bernoulli(0.4),
        "min_subject_age": _null_where(rng.integers(8, 18, n), ~minors, pl.Int64, "min_subject_age"),
        "profiling": profiling,
        "automated_decision": profiling & bernoulli(0.2),
        "systematic_monitoring": monitoring,
        "public_area_monitoring": (monitoring & (arch == arch_names.index("security")) & bernoulli(0.3)),
        "dataset_matching": bernoulli(0.10),
        "innovative_technology": bernoulli(np.where(arch == arch_names.index("recordings"), 0.2, 0.07)),
        "blocks_right_or_service": bernoulli(0.04),
        "oldest_record_date": _null_where(
            as_of_days - oldest_age, rng.random(n) < 0.30, pl.Int64, "oldest_record_date"
        ).cast(pl.Date),
        "last_reviewed": _null_where(as_of_days - review_age, rng.random(n) < 0.25, pl.Int64, "last_reviewed").cast(
            pl.Date
        ),
        "system": pl.Series(_SYSTEMS, dtype=pl.Utf8)
        .gather(rng.integers(0, len(_SYSTEMS), n))
        .scatter(np.flatnonzero(rng.random(n) < 0.10), None),
        "sensitive_declared": pl.Series("sensitive_declared", [], dtype=pl.Boolean).extend_constant(None, n),
        "unmapped_categories": pl.Series("unmapped_categories", [[]], dtype=pl.List(pl.Utf8)).extend_constant(
            [], n - 1
        )
        if n
        else pl.Series("unmapped_categories", [], dtype=pl.List(pl.Utf8)),
        "source_row": pl.Series("source_row", [], dtype=pl.Int64).extend_constant(None, n),
        **_french_columns(seed, arch, arch_names),
    }
    # Roles, AI and transfer checks (issue #12), drawn after every other column so that those
    # keep their values: ~25 % of entries run for a client (70 % under contract, sub-processors
    # authorised half the time, 3 % reused for own purposes), 3 % joint controllers (40 % with
    # an Art. 26 arrangement), human review on half the automated decisions, AI on 10 % (1 % of
    # which infer emotions), DPF certification for half the US recipients (HR scope for half of
    # those), a TIA for 40 % of the SCC transfers.
    role_draw = rng.random(n)
    processor = role_draw < 0.25
    joint = (role_draw >= 0.25) & (role_draw < 0.28)
    ai = bernoulli(np.where(profiling, 0.35, 0.05))
    certified = bernoulli(0.5)
    cols |= {
        "role": pl.Series(["controller", "processor", "joint_controller"], dtype=pl.Utf8).gather(
            processor.astype(np.int64) + 2 * joint.astype(np.int64)),
        "controller_name": _null_where(rng.integers(1, 200, n), ~(processor | joint), pl.Int64,
                                       "controller_name").cast(pl.Utf8),
        "client_contract": processor & bernoulli(0.7),
        "sub_processors": pl.Series("sub_processors", [[]] * n, dtype=pl.List(pl.Utf8)),
        "sub_processors_authorised": processor & bernoulli(0.5),
        "own_purposes": processor & bernoulli(0.03),
        "joint_arrangement": joint & bernoulli(0.4),
        "human_review": bernoulli(0.5),
        "ai_system": ai,
        "emotion_recognition": ai & bernoulli(0.01),
        "dpf_certified": certified,
        "dpf_hr_scope": certified & bernoulli(0.5),
        "tia_done": bernoulli(0.4),
    }
    frame = pl.DataFrame({k: (v if isinstance(v, pl.Series) else pl.Series(k, v)) for k, v in cols.items()})
    return frame.with_columns(
        pl.format("syn-{}", pl.col("dataset_id").cast(pl.Utf8).str.zfill(7)).alias("dataset_id"),
        pl.concat_str(pl.Series(names), pl.lit(" ("), pl.Series(sites), pl.lit(")")).alias("name"),
        pl.when(pl.col("controller_name").is_not_null())
        .then(pl.format("Client {}", pl.col("controller_name"))).alias("controller_name"),
        pl.col("dpf_certified") & pl.col("third_countries").list.contains("US").fill_null(False),
        pl.col("dpf_hr_scope") & pl.col("third_countries").list.contains("US").fill_null(False),
        pl.col("tia_done") & (pl.col("transfer_safeguard") == "scc").fill_null(False),
    ).select([pl.col(c).cast(t) for c, t in INVENTORY_SCHEMA.items()])


def synthetic_organisation(seed: int = 0) -> Organisation:
    """Draw a random organisation profile (a French private company, mostly).

    Employees log-normal (median 300, σ 1.2); turnover ≈ EUR 160 000 per employee with a
    log-normal spread (σ 0.5); DPO designated 60 %, breach procedure 50 %, previous
    infringements 0 (90 %) or 1; core monitoring 10 %, core special categories 8 %.

    Examples
    --------
    >>> org = synthetic_organisation(3)
    >>> org == synthetic_organisation(3), org.country
    (True, 'FR')
    """
    rng = np.random.default_rng(seed)
    employees = int(max(1, round(rng.lognormal(np.log(300), 1.2))))
    turnover = float(round(employees * 160_000 * rng.lognormal(0.0, 0.5), -3))
    prefixes = ("Visio", "Relais", "Contact", "Horizon", "Atlas", "Azur", "Nova", "Clair")
    suffixes = ("Services", "Relation Client", "Conseil", "Solutions", "Assistance", "Digital")
    sectors = ("customer relations", "retail", "insurance", "energy", "telecoms", "software")
    name = f"{prefixes[rng.integers(len(prefixes))]} {suffixes[rng.integers(len(suffixes))]} SAS"
    dpo = bool(rng.random() < 0.6)
    return Organisation(
        name=name,
        turnover_eur=turnover,
        financial_year=REFERENCE_DATE.year - 1,
        employees=employees,
        sector=sectors[rng.integers(len(sectors))],
        country="FR",
        lead_authority="CNIL",
        dpo_designated=dpo,
        dpo_contact=f"dpo@{name.split()[0].lower()}.example" if dpo else None,
        breach_procedure=bool(rng.random() < 0.5),
        core_monitoring=bool(rng.random() < 0.10),
        core_special_categories=bool(rng.random() < 0.08),
        previous_infringements=int(rng.random() < 0.10),
    )
