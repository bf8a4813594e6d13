"""Train the column classifier on generated data (deterministic; needs Faker). Tooling, not
shipped in the wheel.

Run ``python tools/train_discovery.py`` to rebuild the two shipped artefacts:

* ``rgpd_risk/data/discovery_model_lexicon.json.gz``: first names, last names, cities,
  countries and job titles extracted from Faker's locale providers;
* ``rgpd_risk/data/discovery_model.pkl``: a scikit-learn random forest fitted on synthetic
  columns generated with Faker in six locales (fr_FR en_US de_DE es_ES it_IT en_GB), with
  realistic header variants in five languages, uninformative headers, nulls and noise,
  then converted to a ``CompactForest`` (same predictions, bit for bit) and written as an
  xz-compressed pickle.

``python tools/train_discovery.py --convert`` rewrites an artefact of the earlier format
(a pickled scikit-learn forest) in the compact one, without retraining.

Everything is seeded: two runs give identical predictions (a test checks). The evaluation
files of ``shared/data/pii_samples`` are never read here (they measure generalisation).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import pickle
import random
import string
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.discovery.classifier import MODEL_FILE, ColumnModel, CompactForest
from rgpd_risk.discovery.detectors import FEATURE_NAMES, profile_column
from rgpd_risk.discovery.lexicon import (
    BOOLEAN_WORDS,
    CALENDAR_WORDS,
    DATA_DIR,
    GENDER_WORDS,
    LEXICON_FILE,
    MAJOR_CITIES,
    fold,
    load_lexicon,
)
from rgpd_risk.discovery.vocabulary import ENTITIES

LOCALES = ("fr_FR", "en_US", "de_DE", "es_ES", "it_IT", "en_GB")
#: Reference date of the generated data, so that training does not depend on the clock.
TRAIN_TODAY = date(2025, 1, 1)


# --- lexicon ---------------------------------------------------------------------------
def build_lexicon() -> dict[str, list[str]]:
    """Extract name, city, country and job dictionaries from every Faker locale."""
    from faker.config import AVAILABLE_LOCALES
    from faker.providers.geo import Provider as Geo

    def names(obj: Any) -> list[str]:
        if isinstance(obj, dict):
            return list(obj)
        return list(obj) if isinstance(obj, list | tuple) else []

    out: dict[str, set[str]] = {k: set() for k in ("first_names", "last_names", "cities", "countries", "jobs")}
    for loc in sorted(AVAILABLE_LOCALES):
        for mod, attrs, key in (
            ("person", ("first_names", "first_names_male", "first_names_female"), "first_names"),
            ("person", ("last_names",), "last_names"),
            ("address", ("cities", "city_names", "towns"), "cities"),
            ("address", ("countries",), "countries"),
            ("job", ("jobs",), "jobs"),
        ):
            try:
                provider = importlib.import_module(f"faker.providers.{mod}.{loc}").Provider
            except (ImportError, AttributeError):
                continue
            for attr in attrs:
                for v in names(provider.__dict__.get(attr, ())):
                    if isinstance(v, str) and v.isascii() or isinstance(v, str) and fold(v).isascii():
                        out[key].add(fold(v).strip())
    for _lat, _lon, place, _cc, _tz in Geo.land_coords:
        out["cities"].add(fold(place))
    from faker.providers.address import Provider as Address

    out["countries"].update(fold(c) for c in Address.alpha_3_country_codes)
    out["cities"].update(MAJOR_CITIES)
    # Words that are values of yes/no, gender or calendar columns are not names: a column
    # of "true" / "male" / "mai" must not look like first names.
    not_names = BOOLEAN_WORDS | GENDER_WORDS | CALENDAR_WORDS
    out["first_names"] -= not_names
    out["last_names"] -= not_names
    return {k: sorted(x for x in v if x) for k, v in out.items()}


def write_lexicon() -> None:
    """Write the lexicon artefact (deterministic bytes: sorted keys, no gzip timestamp)."""
    payload = json.dumps(build_lexicon(), sort_keys=True, ensure_ascii=False).encode("utf-8")
    (DATA_DIR / LEXICON_FILE).write_bytes(gzip.compress(payload, mtime=0))
    load_lexicon.cache_clear()
    from rgpd_risk.discovery import detectors

    detectors._lexicon_series.cache_clear()


# --- headers ---------------------------------------------------------------------------
HEADERS: dict[str, list[str]] = {
    "person_name": [
        "name",
        "full_name",
        "nom_complet",
        "customer name",
        "contact",
        "nom prenom",
        "Name",
        "client_name",
        "patient",
        "nombre_completo",
        "nome_completo",
        "employee",
        "holder_name",
        "titulaire",
        "fullName",
        "display_name",
        "middle_initial",
        "initiales",
    ],
    "first_name": [
        "first_name",
        "firstname",
        "prenom",
        "prénom",
        "given_name",
        "Vorname",
        "nombre",
        "nome",
        "fname",
        "FirstName",
        "forename",
        "first",
    ],
    "last_name": [
        "last_name",
        "lastname",
        "surname",
        "nom",
        "Nachname",
        "apellido",
        "cognome",
        "lname",
        "LastName",
        "family_name",
        "nom_de_famille",
        "maiden_name",
        "apellidos",
        "nom_naissance",
    ],
    "email": [
        "email",
        "e-mail",
        "courriel",
        "mail",
        "email_address",
        "adresse_email",
        "correo",
        "EmailAddress",
        "emailAddr",
        "E-Mail-Adresse",
        "contact_email",
    ],
    "phone": [
        "phone",
        "telephone",
        "téléphone",
        "tel",
        "mobile",
        "portable",
        "Telefon",
        "telefono",
        "phone_number",
        "PhoneNumber",
        "cellulare",
        "gsm",
        "num_tel",
        "Handynummer",
        "fax",
    ],
    "address": [
        "address",
        "adresse",
        "street",
        "rue",
        "Strasse",
        "direccion",
        "indirizzo",
        "street_address",
        "address_line1",
        "addr",
        "adresse_postale",
        "Anschrift",
        "state",
        "region",
        "province",
        "departement",
        "Bundesland",
        "provincia",
    ],
    "postcode": [
        "zip",
        "zipcode",
        "postal_code",
        "code_postal",
        "cp",
        "PLZ",
        "cap",
        "codigo_postal",
        "postcode",
        "ZipCode",
        "zip_code",
        "Postleitzahl",
    ],
    "city": [
        "city",
        "ville",
        "town",
        "commune",
        "Ort",
        "Stadt",
        "ciudad",
        "citta",
        "comune",
        "localite",
        "City",
        "municipio",
        "Wohnort",
    ],
    "country": [
        "country",
        "pays",
        "Land",
        "pais",
        "paese",
        "country_code",
        "Country",
        "nazione",
        "country_name",
    ],
    "date_of_birth": [
        "birthdate",
        "date_of_birth",
        "dob",
        "date_naissance",
        "Geburtsdatum",
        "fecha_nacimiento",
        "data_nascita",
        "birthday",
        "DateOfBirth",
        "ddn",
        "naissance",
        "birth_date",
    ],
    "national_id": [
        "ssn",
        "nir",
        "numero_securite_sociale",
        "national_id",
        "nino",
        "num_secu",
        "insee",
        "SSN",
        "social_security_number",
    ],
    "iban": [
        "iban",
        "rib",
        "IBAN",
        "bank_account",
        "compte_bancaire",
        "Kontonummer",
        "cuenta",
        "conto_corrente",
        "iban_number",
    ],
    "credit_card": [
        "credit_card",
        "card_number",
        "cc_number",
        "cc",
        "carte_bancaire",
        "numero_carte",
        "Kreditkarte",
        "tarjeta",
        "carta_credito",
        "pan",
        "cvv",
        "cvc",
        "card_no",
        "CreditCard",
    ],
    "ip_address": [
        "ip",
        "ip_address",
        "adresse_ip",
        "IPAddress",
        "client_ip",
        "src_ip",
        "remote_addr",
        "ipv4",
        "ipv6",
        "ip_addr",
        "source_ip",
    ],
    "geolocation": [
        "latitude",
        "longitude",
        "lat",
        "lon",
        "lng",
        "gps",
        "coordinates",
        "coordonnees",
        "geo",
        "Latitude",
        "Longitude",
        "latlong",
        "breitengrad",
        "position",
    ],
    "gender": ["gender", "sex", "sexe", "genre", "Geschlecht", "sexo", "genero", "sesso", "Gender", "civilite"],
    "health": [
        "diagnosis",
        "diagnostic",
        "pathologie",
        "maladie",
        "allergies",
        "treatment",
        "traitement",
        "blood_type",
        "groupe_sanguin",
        "weight",
        "poids",
        "height",
        "bmi",
        "imc",
        "Diagnose",
        "Blutgruppe",
        "enfermedad",
        "malattia",
        "medical",
        "health_condition",
        "Gewicht",
        "peso",
        "handicap",
    ],
    "job_title": [
        "job_title",
        "job",
        "occupation",
        "profession",
        "poste",
        "fonction",
        "metier",
        "Beruf",
        "puesto",
        "professione",
        "title",
        "JobTitle",
        "role",
    ],
    "company": [
        "company",
        "employer",
        "societe",
        "entreprise",
        "organisation",
        "Firma",
        "empresa",
        "azienda",
        "company_name",
        "Arbeitgeber",
        "raison_sociale",
        "institution",
        "school",
        "university",
        "etablissement",
    ],
    "url": [
        "url",
        "website",
        "site_web",
        "homepage",
        "domain",
        "link",
        "lien",
        "Webseite",
        "sitio_web",
        "web",
        "profile_url",
    ],
    "free_text": [
        "comment",
        "comments",
        "commentaire",
        "notes",
        "description",
        "message",
        "remarks",
        "observations",
        "Bemerkung",
        "comentario",
        "commento",
        "feedback",
        "remarque",
        "texte_libre",
        "body",
    ],
    "identifier": [
        "id",
        "user_id",
        "customer_id",
        "uuid",
        "guid",
        "username",
        "login",
        "identifiant",
        "password",
        "mot_de_passe",
        "matricule",
        "Kundennummer",
        "account",
        "ref",
        "numero_client",
        "pseudo",
        "token",
        "tracking_number",
        "siren",
        "siret",
        "number",
        "code",
        "key",
        "Number",
    ],
    "date": [
        "date",
        "created_at",
        "updated_at",
        "timestamp",
        "datetime",
        "date_creation",
        "Datum",
        "fecha",
        "data",
        "registration_date",
        "last_login",
        "expiry_date",
        "date_inscription",
        "horodatage",
        "expires",
        "order_date",
    ],
    # --- issue 16 ---
    "racial_ethnic_origin": ["race", "ethnicity", "ethnic_origin", "origine_ethnique", "ethnie", "Ethnie",
                             "etnia", "raza", "race_ethnicity", "ethnic_group", "origine_etnica", "RACE"],
    "political_opinion": ["political_party", "party_affiliation", "parti_politique", "opinion_politique",
                          "Partei", "partido_politico", "partito", "vote_intention", "intention_vote",
                          "political_views", "orientation_politique", "party"],
    "religion": ["religion", "religious_affiliation", "confession", "Konfession", "religione", "religion_fr",
                 "faith", "croyance", "culte", "Religionszugehoerigkeit", "creencia", "belief"],
    "trade_union": ["trade_union", "union_member", "syndicat", "appartenance_syndicale", "Gewerkschaft",
                    "sindicato", "sindacato", "union_membership", "syndique", "labor_union", "union"],
    "genetic": ["genotype", "dna_sequence", "snp", "rsid", "allele", "genetic_test", "adn", "genotipo",
                "gene_variant", "genetic_marker", "brca_status", "Erbgut"],
    "biometric": ["fingerprint", "fingerprint_template", "face_encoding", "empreinte_digitale", "iris_code",
                  "biometric_template", "Fingerabdruck", "huella", "impronta", "face_embedding", "voiceprint"],
    "sexual_orientation": ["sexual_orientation", "orientation_sexuelle", "sexuality", "orientacion_sexual",
                           "orientamento_sessuale", "sexuelle_orientierung", "lgbt", "sex_life"],
    "offence": ["criminal_record", "conviction", "offence", "offense", "casier_judiciaire", "infraction",
                "condamnation", "Vorstrafe", "antecedentes_penales", "reato", "charge", "crime"],
    "age": ["age", "Age", "age_years", "tranche_age", "age_group", "Alter", "edad", "eta", "age_range",
            "classe_age", "Altersgruppe", "fascia_eta"],
    "marital_status": ["marital_status", "situation_familiale", "Familienstand", "estado_civil",
                       "stato_civile", "etat_matrimonial", "civil_status", "married", "situation_famille"],
    "nationality": ["nationality", "nationalite", "citizenship", "Staatsangehoerigkeit", "nacionalidad",
                    "nazionalita", "cittadinanza", "Nationalite", "citoyennete"],
    "language": ["language", "langue", "spoken_language", "mother_tongue", "langue_maternelle", "Sprache",
                 "idioma", "lingua", "preferred_language", "langue_parlee", "Muttersprache"],
    "device_id": ["imei", "mac_address", "device_id", "advertising_id", "idfa", "gaid", "android_id",
                  "adresse_mac", "MAC", "deviceId", "udid", "imsi"],
    "licence_plate": ["license_plate", "licence_plate", "immatriculation", "plaque", "Kennzeichen",
                      "matricula", "targa", "plate_number", "number_plate", "plaque_immatriculation"],
    "id_document": ["passport", "passport_number", "numero_passeport", "id_card", "carte_identite", "cni",
                    "Personalausweis", "dni", "pasaporte", "passaporto", "permis_conduire", "driver_license",
                    "document_number", "Reisepass"],
    "tax_id": ["tax_id", "numero_fiscal", "Steuer_ID", "Steueridentifikationsnummer", "codice_fiscale", "nif",
               "tin", "tax_number", "spi", "identifiant_fiscal", "fiscal_code"],
    "not_personal": [
        "price",
        "prix",
        "amount",
        "montant",
        "quantity",
        "quantite",
        "status",
        "statut",
        "category",
        "type",
        "color",
        "couleur",
        "product",
        "produit",
        "month",
        "mois",
        "weekday",
        "jour",
        "year",
        "annee",
        "port",
        "protocol",
        "currency",
        "flag",
        "score",
        "level",
        "version",
        "rank",
        "total",
        "Preis",
        "precio",
        "prezzo",
        "discount",
        "rate",
        "taux",
        "user_agent",
        "host",
        "brand",
        "salary",
        "count",
        "size",
        "model",
        "vehicle",
        "sku",
        "unit",
        "dept",
        "rating",
    ],
}
NEUTRAL_HEADERS = [
    "col_{i}",
    "field{i}",
    "c{i}",
    "column{i}",
    "x{i}",
    "var_{i}",
    "data_{i}",
    "attr{i}",
    "value",
    "val",
    "f{i}",
    "champ_{i}",
    "Spalte{i}",
    "campo{i}",
    "colonne{i}",
    "v{i}",
    "info",
    "extra",
    "misc",
    "unnamed: {i}",
]


def _style(header: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.15:
        return header.upper()
    if r < 0.25:
        parts = header.replace("-", "_").split("_")
        return parts[0] + "".join(p.capitalize() for p in parts[1:])
    if r < 0.32:
        return rng.choice(["customer_", "client_", "usr_", "contact_", "emp_", "t_", "src_"]) + header
    if r < 0.38:
        return header.replace("_", " ").title()
    return header


# --- value generators ------------------------------------------------------------------
def _nir(rng: random.Random) -> str:
    body = (
        f"{rng.choice('12')}{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 95):02d}{rng.randint(1, 990):03d}{rng.randint(1, 999):03d}"
    )
    key = 97 - int(body) % 97
    v = f"{body}{key:02d}"
    if rng.random() < 0.3:
        return f"{v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:]}"
    return v


def _rib(rng: random.Random) -> str:
    bank, branch, acc = rng.randint(10000, 99999), rng.randint(10000, 99999), rng.randint(10**9, 10**11 - 1)
    key = 97 - (89 * bank + 15 * branch + 3 * acc) % 97
    return (
        f"{bank:05d} {branch:05d} {acc:011d} {key:02d}"
        if rng.random() < 0.5
        else f"{bank:05d}{branch:05d}{acc:011d}{key:02d}"
    )


def _fmt_date(d: date, fmt: str) -> str:
    return d.strftime(fmt)


DATE_FMTS = [
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%-m/%-d/%Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%d/%m/%y",
]
DT_FMTS = [
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%-m/%-d/%y %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%a, %d %b %Y %H:%M:%S +0000",
    "%B %d %Y %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f+00:00",
    "%Y-%m-%d %-H:%M",
]

GENDER_SETS = [
    ["M", "F"],
    ["Male", "Female"],
    ["male", "female"],
    ["homme", "femme"],
    ["H", "F"],
    ["männlich", "weiblich"],
    ["m", "w", "d"],
    ["hombre", "mujer"],
    ["maschio", "femmina"],
    ["Female", "Male", "Non-binary", "Agender"],
    ["masculin", "féminin"],
    ["Homme", "Femme", "Autre"],
    ["M", "F", "X"],
]
HEALTH_VALUES = [
    "Diabète",
    "Asthme",
    "Hypertension",
    "Cancer",
    "Allergie aux arachides",
    "Migraine",
    "Dépression",
    "Diabetes type 2",
    "Asthma",
    "Arthritis",
    "Allergy",
    "Epilepsy",
    "COVID-19",
    "Grippe",
    "Bronchite",
    "Insomnie",
    "Diabetes",
    "Asma",
    "Ipertensione",
    "Krebs",
    "Bluthochdruck",
    "Anémie",
    "Obesity",
    "Migraine chronique",
    "Psoriasis",
    "Eczema",
    "Anxiety",
]
BLOOD = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"]
CATEGORIES = [
    ["active", "inactive", "pending"],
    ["open", "closed"],
    ["gold", "silver", "bronze"],
    ["low", "medium", "high"],
    ["TCP", "UDP", "ICMP"],
    ["new", "used", "refurbished"],
    ["A", "B", "C", "D"],
    ["oui", "non"],
    ["true", "false"],
    ["yes", "no"],
    ["EUR", "USD", "GBP"],
    ["S", "M", "L", "XL"],
    ["web", "mobile", "store"],
    ["en", "fr", "de", "es"],
    ["Visa", "MasterCard", "Amex"],
    ["small", "large"],
    ["lundi", "mardi", "mercredi", "jeudi", "vendredi"],
    ["janvier", "février", "mars", "avril"],
    ["Monday", "Tuesday", "Friday"],
    ["Aries", "Taurus", "Gemini", "Leo"],
    ["Q1", "Q2", "Q3", "Q4"],
]


def _junk_name(rng: random.Random) -> str:
    syl = [
        "ka",
        "ro",
        "mi",
        "tan",
        "vel",
        "dor",
        "li",
        "sha",
        "ny",
        "qu",
        "ez",
        "ba",
        "lo",
        "ric",
        "ho",
        "zen",
        "ta",
        "mar",
        "wen",
        "fio",
    ]
    return "".join(rng.choice(syl) for _ in range(rng.randint(2, 3))).capitalize()


BOOLEAN_SETS = [
    ["true", "false"],
    ["True", "False"],
    ["TRUE", "FALSE"],
    ["Yes", "No"],
    ["Y", "N"],
    ["0", "1"],
    ["oui", "non"],
    ["Oui", "Non"],
    ["vrai", "faux"],
    ["ja", "nein"],
    ["si", "no"],
]
CATEGORY_LABELS = [
    ["Très satisfait", "Satisfait", "Neutre", "Insatisfait", "Très insatisfait"],
    ["Low risk", "Medium risk", "High risk", "Not assessed"],
    ["Public", "Privé", "Mixte", "Associatif"],
    ["En cours", "Terminé", "Annulé", "En attente"],
    ["Standard", "Premium", "Basic", "Enterprise"],
    ["Indoor", "Outdoor", "Both"],
    ["Weekly", "Monthly", "Yearly", "One-off"],
    ["Light Blue", "Dark Blue", "Pale Pink", "Bright Red", "Olive"],
    ["Sur place", "À emporter", "Livraison"],
    ["Paiement comptant", "Paiement différé", "Virement", "Prélèvement"],
    ["Hors taxes", "Toutes taxes comprises"],
    ["Remote", "Hybrid", "On site"],
    ["Entry level", "Mid level", "Senior level", "Executive"],
]


def _code_set(rng: random.Random) -> list[str]:
    """A small vocabulary of short codes (carriers, units, grades, plans): "K7", "QX", "B2"."""
    size = rng.randint(3, 14)
    length = rng.choice([1, 2, 2, 2, 3])
    digits = rng.random() < 0.5
    out: list[str] = []
    while len(out) < size:
        code = "".join(
            rng.choice(string.digits if digits and i == length - 1 and rng.random() < 0.4 else string.ascii_uppercase)
            for i in range(length)
        )
        if code not in out:
            out.append(code)
    return out


def _category_set(fk: Any, rng: random.Random) -> list[str]:
    """Labels of a category column made of one to three words ("Garden Tools", "Fresh fish")."""
    return [
        " ".join(fk.word() for _ in range(rng.randint(1, 3))).title() if rng.random() < 0.6 else fk.word().capitalize()
        for _ in range(rng.randint(3, 12))
    ]


def _sequential(rng: random.Random) -> Callable[[], Any]:
    """Row numbers or database keys: consecutive integers from a random start, with gaps."""
    state = {"next": rng.choice([0, 1, 1, 1, 100, 1000, rng.randint(2, 10**rng.randint(2, 7))])}
    gap = rng.choice([1, 1, 1, 2, 3, 7])
    pad = rng.choice([0, 0, 0, 0, 5, 6, 8])
    prefix = rng.choice(["", "", "", "", "T", "C", "ID-", "CUST", "ORD-", "U", "INV-", "R"])
    as_str = bool(pad or prefix) or rng.random() < 0.3

    def gen() -> Any:
        v = state["next"]
        state["next"] += rng.randint(1, gap)
        if not as_str:
            return v
        return f"{prefix}{v:0{pad}d}" if pad else f"{prefix}{v}"

    return gen


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _numeric_code(rng: random.Random) -> Callable[[], Any]:
    """Fixed-length numeric codes (transfer control numbers, accounts, registry numbers)."""
    n = rng.choice([6, 7, 8, 8, 9, 9, 10, 10, 10, 11, 12, 14, 16])
    zeros = rng.random() < 0.5
    as_int = not zeros and rng.random() < 0.4
    first = rng.choice("123456789")

    def gen() -> Any:
        v = (_digits(rng, n) if zeros else rng.choice([first, str(rng.randint(1, 9))]) + _digits(rng, n - 1))
        return int(v) if as_int else v

    return gen


def _spaced_code(rng: random.Random) -> Callable[[], str]:
    """Parcel tracking numbers and other codes printed in groups (``1Z 8W4 365 38 9326``)."""
    groups = rng.choice([[2, 3, 3, 2, 4, 3, 1], [4, 4, 4, 4, 2], [3, 3, 3, 3], [2, 4, 4, 4, 4, 2], [4, 4, 4]])
    head = rng.choice(["1Z", "", "", "JJD", "CP", "LX"])
    letters = rng.random() < 0.5

    def gen() -> str:
        parts = []
        for i, g in enumerate(groups):
            if i == 0 and head:
                parts.append(head[:g].ljust(g, "0"))
                continue
            alphabet = string.digits + (string.ascii_uppercase[:12] if letters else "")
            parts.append("".join(rng.choice(alphabet) for _ in range(g)))
        return " ".join(parts)

    return gen


def _alnum_code(rng: random.Random) -> Callable[[], str]:
    """Registry codes mixing letters and digits (``W751234567``, ``0750001B``, ``2239A``)."""
    pattern = rng.choice(["L#########", "###L", "#######L", "L#L#######", "###L######", "####L", "LL######",
                          "##LLL###", "L####", "#L#L####"])

    def gen() -> str:
        return "".join(rng.choice(string.ascii_uppercase) if c == "L" else str(rng.randint(0, 9)) for c in pattern)

    return gen


def _json_blob(rng: random.Random) -> Callable[[], str]:
    keys = rng.sample(["champ_1", "champ_2", "value", "type", "count", "id", "score", "flag", "unit"], 2)

    def gen() -> str:
        items = (f'"{k}": {rng.choice([rng.randint(0, 99), round(rng.uniform(-1, 1), 4)])}' for k in keys)
        return "{" + ", ".join(items) + "}"

    return gen


def _generators(fk: Any, rng: random.Random, loc: str) -> dict[str, list[Callable[[], Any]]]:
    today = TRAIN_TODAY

    def dob() -> date:
        return today - timedelta(days=rng.randint(18 * 365, 95 * 365))

    def recent() -> date:
        return today - timedelta(days=rng.randint(0, 8 * 365))

    dfmt, tfmt = rng.choice(DATE_FMTS), rng.choice(DT_FMTS)
    cvv = fk.credit_card_security_code
    measure = rng.choice(
        [
            lambda: round(rng.gauss(72, 14), rng.choice([0, 1])),  # kg
            lambda: round(rng.gauss(160, 30), 1),  # pounds
            lambda: rng.randint(150, 200),  # cm
            lambda: round(rng.gauss(24, 4), 1),  # BMI
        ]
    )
    gset = rng.choice(GENDER_SETS)
    cats = rng.choice(CATEGORIES)
    bools, labels = rng.choice(BOOLEAN_SETS), rng.choice([rng.choice(CATEGORY_LABELS), _category_set(fk, rng)])
    bool_p, codes = rng.choice([0.5, 0.7, 0.9, 0.97]), _code_set(rng)
    # an exactly constant column (a source, an owner, a flag never set) describes nobody
    constant = rng.choice(
        [
            fk.word(),
            fk.word().upper(),
            fk.word().capitalize() + fk.word().capitalize(),
            fk.sentence(nb_words=rng.randint(2, 5)).rstrip("."),
            " ".join(fk.word() for _ in range(rng.randint(2, 4))).upper(),
            str(rng.randint(0, 100)),
            str(round(rng.uniform(0, 100), 1)),
            rng.choice(["false", "true", "0", "1", "unknown", "inconnu", "none", "n.c.", "other", "N", "Y"]),
        ]
    )
    mixed_words = [w.upper() if rng.random() < 0.2 else w for w in (fk.word() for _ in range(40))]
    words = [fk.word() for _ in range(rng.randint(3, 30))]
    decimals = rng.randint(3, 8)

    def safe(fn: Callable[[], Any], fallback: Callable[[], Any]) -> Callable[[], Any]:
        def call() -> Any:
            try:
                return fn()
            except AttributeError:
                return fallback()

        return call

    return {
        "person_name": [
            fk.name,
            lambda: f"{fk.first_name()} {fk.last_name().upper()}",
            lambda: f"{fk.last_name()}, {fk.first_name()}",
            lambda: f"{fk.first_name()} {rng.choice(string.ascii_uppercase)}. {fk.last_name()}",
            lambda: rng.choice(string.ascii_uppercase) + rng.choice(["", "", "."]),  # initials
        ],
        "first_name": [fk.first_name, fk.first_name_female, fk.first_name_male, lambda: fk.first_name().upper()],
        "last_name": [fk.last_name, lambda: fk.last_name().upper()],
        "email": [
            fk.email,
            fk.free_email,
            fk.company_email,
            lambda: f"{fold(fk.first_name())}.{fold(fk.last_name())}@{fk.free_email_domain()}".replace(" ", ""),
        ],
        "phone": [
            fk.phone_number,
            safe(lambda: fk.msisdn(), fk.phone_number),
            lambda: "+33 6 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4)),
            lambda: "0" + str(rng.choice([1, 2, 3, 4, 5, 6, 7, 9])) + "".join(str(rng.randint(0, 9)) for _ in range(8)),
        ],
        "address": [
            fk.street_address,
            lambda: fk.address().replace("\n", ", "),
            safe(lambda: fk.state(), fk.street_address),
            safe(lambda: fk.region(), fk.street_address),
            safe(lambda: fk.state_abbr(), fk.street_address),
            safe(lambda: fk.administrative_unit(), fk.street_address),
        ],
        "postcode": [
            fk.postcode,
            safe(lambda: fk.zipcode_plus4(), fk.postcode),
            lambda: int(fk.postcode()) if fk.postcode().isdigit() else fk.postcode(),
        ],
        "city": [
            fk.city,
            lambda: fk.city().upper(),
            lambda: (
                fk.local_latlng(country_code=loc[-2:], coords_only=False)[2]
                if loc[-2:] in {"FR", "US", "DE", "ES", "IT", "GB"}
                else fk.city()
            ),
        ],
        "country": [
            fk.country,
            safe(lambda: fk.country_code(), fk.country),
            lambda: fk.country_code(representation="alpha-3"),
        ],
        "date_of_birth": [lambda: _fmt_date(dob(), dfmt), dob],
        "national_id": [
            lambda: _nir(rng),
            safe(lambda: fk.ssn(), lambda: _nir(rng)),
            safe(lambda: fk.nif(), lambda: fk.ssn()),
            lambda: f"{rng.randint(100, 899):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}",
            lambda: fk.passport_number(),
        ],
        "iban": [fk.iban, lambda: " ".join(fk.iban()[i : i + 4] for i in range(0, 34, 4)).strip(), lambda: _rib(rng)],
        "credit_card": [
            fk.credit_card_number,
            lambda: " ".join(fk.credit_card_number(card_type="visa16")[i : i + 4] for i in range(0, 16, 4)),
            lambda: "-".join(fk.credit_card_number(card_type="mastercard")[i : i + 4] for i in range(0, 16, 4)),
            lambda: int(fk.credit_card_number(card_type="visa16")),
            cvv,
        ],
        "ip_address": [
            fk.ipv4,
            fk.ipv4_public,
            fk.ipv6,
            fk.ipv4_private,
            lambda: int.from_bytes(bytes(int(p) for p in fk.ipv4_public().split(".")), "big"),
        ],
        "geolocation": [
            lambda: round(float(fk.latitude()), decimals),
            lambda: round(float(fk.longitude()), decimals),
            lambda: str(round(float(fk.latitude()), decimals)),
            lambda: f"{float(fk.latitude()):.5f}, {float(fk.longitude()):.5f}",
            lambda: float(fk.local_latlng(coords_only=True)[rng.randint(0, 1)]),
            lambda: f"[{float(fk.longitude()):.6f},{float(fk.latitude()):.6f}]",
            lambda: f'{{"type": "Point", "coordinates": [{float(fk.longitude()):.2f}, {float(fk.latitude()):.2f}]}}',
            lambda: f"{float(fk.longitude()):.4f},{float(fk.latitude()):.4f}",
        ],
        "gender": [lambda: rng.choice(gset)],
        "health": [
            lambda: rng.choice(HEALTH_VALUES),
            lambda: rng.choice(BLOOD),
            lambda: rng.choice(HEALTH_VALUES),
            lambda: measure(),
        ],
        "job_title": [fk.job, lambda: fk.job().title()],
        "company": [
            fk.company,
            lambda: f"Université de {fk.city()}" if rng.random() < 0.5 else f"University of {fk.city()}",
            lambda: f"{fk.last_name()} {rng.choice(['SARL', 'SAS', 'GmbH', 'Inc.', 'Ltd', 'S.p.A.', 'S.L.'])}",
            lambda: fk.company().upper(),
            lambda: f"{rng.choice(['ASSOCIATION', 'CLUB', 'COMITE', 'Association', 'Club', 'Amicale'])} "
            f"{fk.word().upper()} {fk.city().upper()}",
            lambda: f"{rng.choice(['COMMUNE DE', 'Mairie de', 'Ville de', 'Syndicat de'])} {fk.city()}",
            lambda: fk.word().capitalize() + fk.word().capitalize(),
            lambda: f"{rng.choice(['Le', 'La', 'Chez', 'The', 'Café', 'Casa'])} {fk.word().capitalize()}",
            lambda: f"{fk.last_name()}'s",
        ],
        "url": [fk.url, fk.domain_name, fk.uri, lambda: "www." + fk.domain_name() + "/"],
        "free_text": [
            lambda: fk.text(max_nb_chars=rng.choice([60, 120, 300])),
            lambda: fk.sentence(nb_words=rng.randint(5, 14)),
            lambda: fk.paragraph(nb_sentences=rng.randint(1, 4)),
            lambda: " ".join(rng.choice(mixed_words) for _ in range(rng.randint(1, 12))),
        ],
        "identifier": [
            fk.uuid4,
            fk.user_name,
            fk.password,
            lambda: fk.bothify(rng.choice(["??-#####", "C#######", "####-??-###", "??########"])).upper(),
            fk.md5,
            fk.sha1,
            lambda: fk.license_plate(),
            fk.mac_address,
            lambda: rng.randint(1, 10 ** rng.randint(4, 10)),
            lambda: fk.bothify("1Z###??#########").upper(),
            safe(lambda: fk.siren(), fk.uuid4),
            safe(lambda: fk.siret(), fk.uuid4),
            _sequential(rng),
            _sequential(rng),
            _numeric_code(rng),
            _numeric_code(rng),
            _numeric_code(rng),
            _numeric_code(rng),
            _spaced_code(rng),
            _spaced_code(rng),
            safe(lambda: fk.siret().replace(" ", ""), fk.uuid4),
            safe(lambda: fk.siren().replace(" ", ""), fk.uuid4),
            _alnum_code(rng),
            lambda: "@" + fk.user_name(),
            lambda: rng.choice(["ch_", "in_", "cus_", "pi_", "sess_"]) + fk.pystr(min_chars=8, max_chars=20),
            lambda: fk.hexify("^" * 24),
        ],
        "date": [
            lambda: _fmt_date(recent(), dfmt),
            lambda: recent().strftime(tfmt) if "%H" in tfmt else recent().isoformat(),
            lambda: (today - timedelta(seconds=rng.randint(0, 10**8))).strftime(tfmt),
            lambda: f"{rng.randint(1, 12):02d}/{rng.randint(24, 32)}",
            lambda: _fmt_date(today + timedelta(days=rng.randint(0, 2000)), dfmt),
            recent,
        ],
        "not_personal": [
            lambda: round(rng.uniform(1, 500), 2),
            lambda: rng.randint(0, 100),
            lambda: f"{round(rng.uniform(1, 500), 2)}{rng.choice(['€', ' EUR', '$', '£'])}",
            lambda: f"{round(rng.uniform(-50, 100), 1)}%",
            lambda: rng.choice(cats),
            lambda: rng.choice(words),
            fk.color_name,
            fk.user_agent,
            lambda: rng.randint(1990, 2025),
            lambda: rng.randint(1, 65535),
            lambda: rng.random() < 0.5,
            fk.hostname,
            lambda: rng.randint(18, 90),
            lambda: round(rng.uniform(20000, 150000), 2),
            fk.ean13,
            lambda: f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
            lambda: round(rng.gauss(0, 1), 4),
            lambda: fk.word().capitalize(),
            lambda: rng.choice(["PrivacySuppressed", "NULL", "0.0345", "0.1"]),
            lambda: bools[0] if rng.random() < bool_p else bools[1],
            lambda: rng.choice(labels),
            lambda: rng.choice(codes),
            lambda: constant,
            lambda: constant,
            lambda: constant,
            lambda: int(rng.lognormvariate(4, 1.3)),
            lambda: round(rng.uniform(0, 5), 1),
            lambda: round(rng.uniform(0, 100), 1),
            lambda: float(rng.randint(-20, 20) if rng.random() < 0.8 else rng.randint(20, 300)),
            lambda: rng.randint(50, 3000),
            lambda: rng.randint(0, 10 ** rng.randint(2, 5)),
            lambda: int(rng.lognormvariate(6, 0.8)),
            lambda: rng.randint(20, 300) * rng.choice([1000, 1000, 100, 1]),
            lambda: rng.choice([5, 10, 20, 50, 100]) * rng.randint(1, 60),
            lambda: float(rng.randint(3, 60)),
            _json_blob(rng),
            lambda: f"{rng.randint(1990, 2020)} {fk.last_name()} "
            f"{rng.choice([fk.word().capitalize(), str(rng.randint(1, 999))])}",
            lambda: f"{fk.word().capitalize()} {rng.randint(1, 999)}",
            lambda: fk.sentence(nb_words=rng.randint(3, 7)).rstrip(".").title(),
            lambda: ", ".join(w.capitalize() for w in rng.sample(words, min(len(words), rng.randint(1, 3)))),
            lambda: f"{(h := rng.randint(0, 21)):02d}:00 - {h + rng.randint(1, 2):02d}:30",
        ],
    }


def _pick_words(words: frozenset[str], rng: random.Random) -> Callable[[], str]:
    """Values drawn from a few words of a lexicon, written in one case style per column."""
    pool = rng.sample(sorted(words), min(len(words), rng.choice([2, 3, 5, 8, 12])))
    weights = [rng.random() ** 2 + 0.05 for _ in pool]
    style = rng.choice([str.capitalize, str.capitalize, str.upper, str.lower, str.title])

    def draw() -> str:
        return style(rng.choices(pool, weights)[0])

    return draw


def _luhn_complete(body: str) -> str:
    from stdnum import luhn

    return body + luhn.calc_check_digit(body)


def _imei(rng: random.Random) -> str:
    return _luhn_complete(f"{rng.choice(['35', '86', '01', '49', '99'])}{_digits(rng, 12)}")


def _mac(rng: random.Random, sep: str, upper: bool) -> str:
    text = sep.join(f"{rng.randint(0, 255):02x}" for _ in range(6))
    return text.upper() if upper else text


def _plate(rng: random.Random, kind: int) -> str:
    up = string.ascii_uppercase
    if kind == 0:  # France, SIV
        return f"{rng.choice(up)}{rng.choice(up)}-{_digits(rng, 3)}-{rng.choice(up)}{rng.choice(up)}"
    if kind == 1:  # France, FNI
        return f"{rng.randint(1, 9999)} {''.join(rng.choices(up, k=rng.randint(2, 3)))} {rng.randint(1, 95):02d}"
    if kind == 2:  # Spain
        return f"{_digits(rng, 4)} {''.join(rng.choices('BCDFGHJKLMNPRSTVWXYZ', k=3))}"
    if kind == 3:  # Germany
        return f"{''.join(rng.choices(up, k=rng.randint(1, 3)))}-{''.join(rng.choices(up, k=2))} {rng.randint(1, 9999)}"
    if kind == 4:  # Italy
        return f"{''.join(rng.choices(up, k=2))}{_digits(rng, 3)}{''.join(rng.choices(up, k=2))}"
    return f"{''.join(rng.choices(up, k=2))}{_digits(rng, 2)} {''.join(rng.choices(up, k=3))}"  # UK


def _id_document(rng: random.Random, kind: int) -> str:
    up = string.ascii_uppercase
    if kind == 0:  # French passport
        return f"{_digits(rng, 2)}{rng.choice(up)}{rng.choice(up)}{_digits(rng, 5)}"
    if kind == 1:  # French identity card (before 2021): 12 digits
        return _digits(rng, 12)
    if kind == 2:  # 9 alphanumeric characters (French card since 2021, German Ausweis)
        chars = "CFGHJKLMNPRTVWXYZ0123456789"
        return rng.choice("CFGHJKLMNPRTVWXYZ") + "".join(rng.choices(chars, k=7)) + str(rng.randint(0, 9))
    if kind == 3:  # Spanish DNI with its check letter
        n = rng.randint(10_000_000, 99_999_999)
        return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
    if kind == 4:  # Italian identity card
        return f"C{rng.choice(up)}{_digits(rng, 5)}{rng.choice(up)}{rng.choice(up)}"
    return f"{rng.choice(up)}{_digits(rng, 8)}"  # US / UK passport style


def _tax_id(fk: Any, rng: random.Random, kind: int) -> str:
    if kind == 0:  # French numéro fiscal (SPI), python-stdnum's check digits
        from stdnum.fr import nif

        body = f"{rng.randint(0, 3)}{_digits(rng, 9)}"
        return body + nif.calc_check_digits(body)
    if kind == 1:  # German Steuer-IdNr: one digit twice, ISO 7064 mod 11,10 check digit
        from stdnum.de import idnr
        from stdnum.iso7064 import mod_11_10

        while True:
            digits = rng.sample("0123456789", 9)
            if digits[0] == "0":
                continue
            digits.insert(rng.randint(1, 9), digits[rng.randint(1, 8)])
            body = "".join(digits[:10])
            value = body + mod_11_10.calc_check_digit(body)
            if idnr.is_valid(value):
                return value
    if kind == 2:  # Italian codice fiscale
        return str(fk["it_IT"].ssn())
    if kind == 3:  # Spanish NIF
        return str(fk["es_ES"].nif())
    return f"9{_digits(rng, 2)}-{rng.choice(['7', '8'])}{_digits(rng, 1)}-{_digits(rng, 4)}"  # US ITIN


def _more_generators(fakers: dict[str, Any], rng: random.Random) -> dict[str, list[Callable[[], Any]]]:
    """Generators of the issue-16 classes (values of real tables: few distinct words per
    column, codes, flags under a header that names the class)."""
    from rgpd_risk.discovery.lexicon import (
        ETHNIC_WORDS,
        LANGUAGE_WORDS,
        MARITAL_WORDS,
        NATIONALITY_WORDS,
        OFFENCE_WORDS,
        ORIENTATION_WORDS,
        POLITICS_WORDS,
        RELIGION_WORDS,
        UNION_WORDS,
    )

    fk = fakers["fr_FR"]
    flag = rng.choice(BOOLEAN_SETS)
    flag_p = rng.choice([0.5, 0.8, 0.95])
    codes = [str(i) for i in range(1, rng.randint(3, 8))]
    mac_sep, mac_up = rng.choice([":", "-"]), rng.random() < 0.5
    plate_kind, doc_kind, tax_kind = rng.randint(0, 5), rng.randint(0, 5), rng.randint(0, 4)
    b64 = __import__("base64")

    def b64_template() -> str:
        return b64.b64encode(bytes(rng.getrandbits(8) for _ in range(rng.choice([48, 96, 256])))).decode()

    def vector() -> str:
        return "[" + ", ".join(f"{rng.gauss(0, 0.1):.4f}" for _ in range(rng.choice([4, 8, 16]))) + "]"

    def flag_value() -> str:
        return flag[0] if rng.random() < flag_p else flag[1]

    def coded() -> str:
        return rng.choice(codes)

    iso2 = ["FR", "DE", "ES", "IT", "GB", "BE", "PT", "MA", "DZ", "TN", "US", "CH", "PL", "RO"]
    iso3 = ["FRA", "DEU", "ESP", "ITA", "GBR", "BEL", "PRT", "MAR", "DZA", "TUN", "USA", "CHE"]
    langs = ["fr", "en", "de", "es", "it", "pt", "ar", "nl", "fr-FR", "en-GB", "en_US", "de-DE", "es-ES"]
    offences_fr = ["Art. 311-1 CP", "Art. 222-11 CP", "Art. L234-1 C. route", "Art. 313-1 CP"]
    return {
        "racial_ethnic_origin": [_pick_words(ETHNIC_WORDS, rng), _pick_words(ETHNIC_WORDS, rng), coded],
        "political_opinion": [_pick_words(POLITICS_WORDS, rng), _pick_words(POLITICS_WORDS, rng), coded],
        "religion": [_pick_words(RELIGION_WORDS, rng), _pick_words(RELIGION_WORDS, rng), coded],
        "trade_union": [_pick_words(UNION_WORDS, rng), _pick_words(UNION_WORDS, rng), flag_value],
        "genetic": [
            lambda: f"rs{rng.randint(1000, 99_999_999)}",
            lambda: rng.choice(["AA", "AG", "GG", "CT", "CC", "TT", "AC", "GT"]),
            lambda: f"{rng.choice('ACGT')}/{rng.choice('ACGT')}",
            lambda: "".join(rng.choices("ACGT", k=rng.randint(20, 60))),
            lambda: rng.choice(["BRCA1 positive", "BRCA2 negative", "APOE e4/e4", "APOE e3/e4", "BRCA1 c.68_69delAG"]),
        ],
        "biometric": [b64_template, lambda: f"{rng.getrandbits(256):064x}", vector],
        "sexual_orientation": [_pick_words(ORIENTATION_WORDS, rng), _pick_words(ORIENTATION_WORDS, rng)],
        "offence": [
            _pick_words(OFFENCE_WORDS, rng),
            _pick_words(OFFENCE_WORDS, rng),
            lambda: rng.choice(offences_fr),
            lambda: f"{rng.choice(sorted(OFFENCE_WORDS)).capitalize()} ({rng.randint(1995, 2024)})",
            flag_value,
        ],
        "age": [
            lambda: rng.randint(18, 90),
            lambda: int(rng.gauss(42, 15)) % 100,
            lambda: rng.choice(["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]),
            lambda: f"{rng.randint(18, 90)} ans",
            lambda: rng.choice(["moins de 25 ans", "25 à 34 ans", "35 à 49 ans", "50 ans et plus"]),
        ],
        "marital_status": [
            _pick_words(MARITAL_WORDS, rng),
            _pick_words(MARITAL_WORDS, rng),
            lambda: rng.choice(["S", "M", "D", "W"]),
        ],
        "nationality": [
            _pick_words(NATIONALITY_WORDS, rng),
            _pick_words(NATIONALITY_WORDS, rng),
            lambda: rng.choice(iso2),
            lambda: rng.choice(iso3),
        ],
        "language": [_pick_words(LANGUAGE_WORDS, rng), _pick_words(LANGUAGE_WORDS, rng), lambda: rng.choice(langs)],
        "device_id": [
            lambda: _imei(rng),
            lambda: _mac(rng, mac_sep, mac_up),
            lambda: str(fk.uuid4()).upper(),
            lambda: f"{rng.getrandbits(64):016x}",
            lambda: f"208{rng.choice(['01', '10', '15', '20'])}{_digits(rng, 10)}",
        ],
        "licence_plate": [lambda: _plate(rng, plate_kind), lambda: _plate(rng, rng.randint(0, 5))],
        "id_document": [lambda: _id_document(rng, doc_kind), lambda: _id_document(rng, rng.randint(0, 5))],
        "tax_id": [lambda: _tax_id(fakers, rng, tax_kind), lambda: _tax_id(fakers, rng, rng.randint(0, 4))],
    }


JUNK = ["?", "n/a", "test", "0", "xxx", "-", "TBD", "unknown"]
CVV_HEADERS = ["cvv", "cvc", "cvv2", "cc_cvc", "card_cvv", "cryptogramme", "card_security_code", "CVV2", "csc"]
MEASURE_HEADERS = [
    "weight",
    "poids",
    "height",
    "bmi",
    "imc",
    "Gewicht",
    "peso",
    "altura",
    "weight_kg",
    "height_cm",
    "poids_kg",
    "kilograms",
    "pounds",
    "centimeters",
    "body_weight",
    "blood_pressure",
    "tension",
    "glycemie",
]


def _numbers_only(values: list[Any]) -> bool:
    """Whether the generated values are numbers (nulls and junk tokens aside)."""
    def number(v: Any) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    return any(number(v) for v in values) and all(v is None or number(v) or v in JUNK for v in values)


#: The classes added by issue 16 (generated by :func:`_more_generators`).
MORE_ENTITIES = frozenset(ENTITIES[ENTITIES.index("racial_ethnic_origin") : -1])


def generate_column(entity: str, rng: random.Random, fakers: dict[str, Any]) -> tuple[str, pl.Series]:
    """Generate one synthetic column of an entity: a header and its values."""
    loc = rng.choice(LOCALES)
    fk = fakers[loc]
    gens = (_more_generators(fakers, rng) if entity in MORE_ENTITIES else _generators(fk, rng, loc))[entity]
    gen = rng.choice(gens)
    n = rng.choice([5, 10, 20, 40, 80, 150, 300])  # short samples (5 values) too
    values: list[Any] = []
    null_share = rng.choice([0.0, 0.0, 0.05, 0.2, 0.6])
    junk_share = rng.choice([0.0, 0.0, 0.02, 0.1])
    out_of_lexicon = (
        rng.choice([0.0, 0.1, 0.3]) if entity in {"first_name", "last_name", "person_name", "city"} else 0.0
    )
    if entity != "gender" and rng.random() < 0.05:  # a constant or nearly constant column (one site, ...)
        few = [gen() for _ in range(rng.choice([2, 2, 3, 5]))]  # constant columns: see "not_personal"
        gen = lambda: rng.choice(few)  # noqa: E731
    for _ in range(n):
        r = rng.random()
        if r < null_share:
            values.append(None)
        elif r < null_share + junk_share:
            values.append(rng.choice(JUNK))
        elif rng.random() < out_of_lexicon:
            values.append(_junk_name(rng))
        else:
            values.append(gen())
    if all(isinstance(v, int | None) and not isinstance(v, bool) for v in values):
        series = pl.Series("v", values, dtype=pl.Int64)
    elif all(isinstance(v, float | int | None) and not isinstance(v, bool) for v in values):
        series = pl.Series("v", [None if v is None else float(v) for v in values], dtype=pl.Float64)
    elif all(isinstance(v, date | None) for v in values):
        series = pl.Series("v", values, dtype=pl.Date)
    else:
        series = pl.Series("v", [None if v is None else str(v) for v in values], dtype=pl.Utf8)
    if series.dtype != pl.Utf8 and rng.random() < 0.6:  # CSV files are read as text
        series = series.cast(pl.Utf8)
    r = rng.random()
    if entity == "health" and _numbers_only(values):
        # a bare number is a body measure only when its header says so: without one, a
        # column of numbers is a measure of anything (see MEASURE_HEADERS)
        header = _style(rng.choice(MEASURE_HEADERS), rng)
    elif entity == "credit_card" and gen.__name__ == "credit_card_security_code":
        header = _style(rng.choice(CVV_HEADERS), rng)  # same for three digits: a CVV only by its header
    elif r < 0.28:
        header = rng.choice(NEUTRAL_HEADERS).format(i=rng.randint(1, 40))
    elif r < 0.31:
        header = rng.choice(HEADERS[rng.choice(ENTITIES)])
    else:
        header = _style(rng.choice(HEADERS[entity]), rng)
    return header, series


def _stable_provider_lists(fk: Any) -> None:
    """Make Faker's draws independent of Python's string-hash seed.

    Some providers build their word lists from a set (Faker's ``it_IT`` address provider:
    ``cities = list({...})``), so the same seed drew different cities in two processes and
    the shipped model could not be rebuilt. Sorting those lists on the instance fixes the
    order; ``tests/discovery/test_classifier.py`` checks the training set across hash seeds.
    """
    for provider in fk.providers:
        cities = getattr(type(provider), "cities", None)
        if isinstance(cities, list):
            provider.cities = sorted(cities)


def training_set(n_per_entity: int = 220, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Generate the training matrix (one row per synthetic column) and labels."""
    from faker import Faker

    rng = random.Random(seed)
    fakers = {}
    for i, loc in enumerate(LOCALES):
        fk = Faker(loc)
        fk.seed_instance(seed * 1000 + i)
        _stable_provider_lists(fk)
        fakers[loc] = fk
    rows, labels = [], []
    for _ in range(n_per_entity):
        for entity in ENTITIES:
            # twice as many columns for the catch-all class, whose kinds are the most varied
            for _ in range(2 if entity == "not_personal" else 1):
                header, series = generate_column(entity, rng, fakers)
                feats = profile_column(series, header, today=TRAIN_TODAY)
                rows.append([feats[k] for k in FEATURE_NAMES])
                labels.append(entity)
    return np.asarray(rows, dtype=np.float64), np.asarray(labels)


def fit_forest(X: np.ndarray, y: np.ndarray, seed: int = 0) -> Any:
    """Fit the scikit-learn forest (deterministic for a given seed).

    Parameters
    ----------
    X : numpy.ndarray
        The training matrix, one row of :data:`FEATURE_NAMES` per column.
    y : numpy.ndarray
        The entity of each row.
    seed : int
        The forest's ``random_state``.

    Returns
    -------
    sklearn.ensemble.RandomForestClassifier
        The fitted forest.
    """
    from sklearn.ensemble import RandomForestClassifier

    clf = RandomForestClassifier(
        n_estimators=150, min_samples_leaf=3, max_features="sqrt", class_weight="balanced", random_state=seed, n_jobs=1
    )
    return clf.fit(X, y)


def compact(estimator: Any, X: np.ndarray) -> CompactForest:
    """Convert a fitted forest to the shipped :class:`CompactForest` and check it.

    Parameters
    ----------
    estimator : sklearn.ensemble.RandomForestClassifier
        The fitted forest.
    X : numpy.ndarray
        Feature rows on which the two must agree (the training matrix, say).

    Returns
    -------
    CompactForest
        The converted forest.

    Raises
    ------
    RuntimeError
        If the probabilities of the two forests differ on any row of ``X`` (they must be
        equal bit for bit, ``np.array_equal``).
    """
    forest = CompactForest.from_sklearn(estimator)
    if not np.array_equal(forest.predict_proba(X), estimator.predict_proba(X)):
        raise RuntimeError("the compact forest does not reproduce scikit-learn's predict_proba")
    return forest


def fit(X: np.ndarray, y: np.ndarray, seed: int = 0) -> ColumnModel:
    """Fit the classifier (deterministic for a given seed) and convert it to the compact
    form, checked on ``X``; see :func:`fit_forest` and :func:`compact`."""
    import sklearn

    forest = compact(fit_forest(X, y, seed), X)
    return ColumnModel(estimator=forest, feature_names=FEATURE_NAMES, sklearn_version=sklearn.__version__)


def train(n_per_entity: int = 220, seed: int = 0) -> ColumnModel:
    """Generate the synthetic set and fit the model (does not write anything)."""
    X, y = training_set(n_per_entity, seed)
    return fit(X, y, seed)


def write_model(model: ColumnModel, path: Path | None = None) -> Path:
    """Write the model artefact: an xz-compressed pickle of the :class:`ColumnModel`, whose
    estimator is a :class:`CompactForest` (tree structure and leaf distributions only:
    about 0.5 MB, where the pickled scikit-learn forest, with its per-node class arrays,
    took 44.6 MB). ``classifier.load_model`` reads it."""
    import lzma

    if not isinstance(model.estimator, CompactForest):
        raise TypeError(f"write a CompactForest, not a {type(model.estimator).__name__} (see compact())")
    path = path or DATA_DIR / MODEL_FILE
    with lzma.open(path, "wb", preset=9 | lzma.PRESET_EXTREME) as fh:
        pickle.dump(model, fh, protocol=4)
    return path


def convert(path: Path | None = None, n_probe: int = 20_000) -> Path:
    """Rewrite an artefact of the earlier format (a pickled scikit-learn forest) in the
    compact one, without retraining: the predictions do not change.

    Parameters
    ----------
    path : pathlib.Path, optional
        The artefact, rewritten in place (default: the shipped one).
    n_probe : int
        Number of generated feature rows checked (:func:`probe_rows`) besides a small
        generated training set.

    Returns
    -------
    pathlib.Path
        The rewritten artefact.
    """
    import warnings

    from rgpd_risk.discovery.classifier import open_model

    path = path or DATA_DIR / MODEL_FILE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with open_model(path) as fh:
            old = pickle.load(fh)  # noqa: S301 - our own artefact
    if isinstance(old.estimator, CompactForest):
        print(f"{path} is already compact")
        return path
    X, _ = training_set(n_per_entity=2, seed=1)
    forest = compact(old.estimator, np.vstack([X, probe_rows(old.estimator, n_probe)]))
    return write_model(
        ColumnModel(estimator=forest, feature_names=tuple(old.feature_names), sklearn_version=old.sklearn_version),
        path,
    )


def probe_rows(estimator: Any, n: int, seed: int = 0) -> np.ndarray:
    """Feature rows that test the forest's comparisons at their edges: each feature takes
    one of the (finite) thresholds the trees compare it with, their ``float32`` rounding and
    its two ``float32`` neighbours, 0, 1, NaN, or a uniform draw.

    Parameters
    ----------
    estimator : sklearn.ensemble.RandomForestClassifier
        A fitted forest.
    n : int
        Number of rows.
    seed : int
        Seed of the draws.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, n_features_in_)``, ``float64``.
    """
    rng = np.random.default_rng(seed)
    X = rng.random((n, estimator.n_features_in_))
    feature = np.concatenate([e.tree_.feature for e in estimator.estimators_])
    threshold = np.concatenate([e.tree_.threshold for e in estimator.estimators_])
    for f in np.unique(feature[feature >= 0]):
        th = threshold[feature == f]
        th32 = th.astype(np.float32)
        up, down = np.nextafter(th32, np.float32(np.inf)), np.nextafter(th32, np.float32(-np.inf))
        values = np.concatenate([th, th32, up, down, [0.0, 1.0, np.nan]])
        values = values[~np.isinf(values)]  # a split of missing values has an infinite threshold
        X[:, f] = np.where(rng.random(n) < 0.9, rng.choice(values, n), X[:, f])
    return X


def main(argv: list[str] | None = None) -> None:
    """Command line: rebuild the lexicon and the model artefacts (or, with ``--convert``,
    rewrite an earlier model artefact in the compact format)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-per-entity", type=int, default=220)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--convert", nargs="?", const=DATA_DIR / MODEL_FILE, type=Path, metavar="PATH",
                        help="convert an earlier model artefact (default: the shipped one) without retraining")
    args = parser.parse_args(argv)
    if args.convert is not None:
        print(f"wrote {convert(args.convert)}")
        return
    write_lexicon()
    model = train(args.n_per_entity, args.seed)
    write_model(model)
    print(f"wrote {DATA_DIR / LEXICON_FILE} and {DATA_DIR / MODEL_FILE}")


if __name__ == "__main__":
    main()
