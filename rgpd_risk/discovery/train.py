"""Train the column classifier on generated data (deterministic; needs Faker).

Run ``python -m rgpd_risk.discovery.train`` to rebuild the two shipped artefacts:

* ``rgpd_risk/data/discovery_model_lexicon.json.gz``: first names, last names, cities,
  countries and job titles extracted from Faker's locale providers;
* ``rgpd_risk/data/discovery_model.pkl``: a scikit-learn classifier fitted on synthetic
  columns generated with Faker in six locales (fr_FR en_US de_DE es_ES it_IT en_GB), with
  realistic header variants in five languages, uninformative headers, nulls and noise.

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
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.discovery.classifier import MODEL_FILE, ColumnModel
from rgpd_risk.discovery.detectors import FEATURE_NAMES, profile_column
from rgpd_risk.discovery.lexicon import DATA_DIR, LEXICON_FILE, MAJOR_CITIES, fold, load_lexicon
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
        "nationality",
        "nationalite",
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
        "passport",
        "dni",
        "codice_fiscale",
        "nino",
        "num_secu",
        "insee",
        "SSN",
        "social_security_number",
        "nif",
        "steuer_id",
        "id_card",
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
        "device_id",
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
        "language",
        "age",
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


def _generators(fk: Any, rng: random.Random, loc: str) -> dict[str, list[Callable[[], Any]]]:
    today = TRAIN_TODAY

    def dob() -> date:
        return today - timedelta(days=rng.randint(18 * 365, 95 * 365))

    def recent() -> date:
        return today - timedelta(days=rng.randint(0, 8 * 365))

    dfmt, tfmt = rng.choice(DATE_FMTS), rng.choice(DT_FMTS)
    gset = rng.choice(GENDER_SETS)
    cats = rng.choice(CATEGORIES)
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
            lambda: (
                fk.local_latlng(country_code=loc[-2:], coords_only=False)[2]
                if loc[-2:] in {"FR", "US", "DE", "ES", "IT", "GB"}
                else fk.city()
            ),
        ],
        "country": [
            fk.country,
            safe(lambda: fk.country_code(), fk.country),
            safe(lambda: fk.current_country(), fk.country),
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
            fk.credit_card_security_code,
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
        ],
        "gender": [lambda: rng.choice(gset)],
        "health": [
            lambda: rng.choice(HEALTH_VALUES),
            lambda: rng.choice(BLOOD),
            lambda: round(rng.gauss(72, 14), rng.choice([0, 1])),
            lambda: rng.randint(150, 200),
            lambda: round(rng.gauss(24, 4), 1),
        ],
        "job_title": [fk.job, lambda: fk.job().title()],
        "company": [
            fk.company,
            lambda: f"Université de {fk.city()}" if rng.random() < 0.5 else f"University of {fk.city()}",
            lambda: f"{fk.last_name()} {rng.choice(['SARL', 'SAS', 'GmbH', 'Inc.', 'Ltd', 'S.p.A.', 'S.L.'])}",
        ],
        "url": [fk.url, fk.domain_name, fk.uri, lambda: "www." + fk.domain_name() + "/"],
        "free_text": [
            lambda: fk.text(max_nb_chars=rng.choice([60, 120, 300])),
            lambda: fk.sentence(nb_words=rng.randint(5, 14)),
            lambda: fk.paragraph(nb_sentences=rng.randint(1, 4)),
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
        ],
    }


def generate_column(entity: str, rng: random.Random, fakers: dict[str, Any]) -> tuple[str, pl.Series]:
    """Generate one synthetic column of an entity: a header and its values."""
    loc = rng.choice(LOCALES)
    fk = fakers[loc]
    gens = _generators(fk, rng, loc)[entity]
    gen = rng.choice(gens)
    n = rng.choice([20, 40, 80, 150, 300])
    values: list[Any] = []
    null_share = rng.choice([0.0, 0.0, 0.05, 0.2, 0.6])
    junk_share = rng.choice([0.0, 0.0, 0.02, 0.1])
    out_of_lexicon = (
        rng.choice([0.0, 0.1, 0.3]) if entity in {"first_name", "last_name", "person_name", "city"} else 0.0
    )
    for _ in range(n):
        r = rng.random()
        if r < null_share:
            values.append(None)
        elif r < null_share + junk_share:
            values.append(rng.choice(["?", "n/a", "test", "0", "xxx", "-", "TBD", "unknown"]))
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
    r = rng.random()
    if r < 0.28:
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
            header, series = generate_column(entity, rng, fakers)
            feats = profile_column(series, header, today=TRAIN_TODAY)
            rows.append([feats[k] for k in FEATURE_NAMES])
            labels.append(entity)
    return np.asarray(rows, dtype=np.float64), np.asarray(labels)


def fit(X: np.ndarray, y: np.ndarray, seed: int = 0) -> ColumnModel:
    """Fit the classifier (deterministic for a given seed)."""
    from sklearn.ensemble import RandomForestClassifier

    clf = RandomForestClassifier(
        n_estimators=150, min_samples_leaf=2, max_features="sqrt", class_weight="balanced", random_state=seed, n_jobs=1
    )
    clf.fit(X, y)
    return ColumnModel(estimator=clf, feature_names=FEATURE_NAMES)


def train(n_per_entity: int = 220, seed: int = 0) -> ColumnModel:
    """Generate the synthetic set and fit the model (does not write anything)."""
    X, y = training_set(n_per_entity, seed)
    return fit(X, y, seed)


def main(argv: list[str] | None = None) -> None:
    """Command line: rebuild the lexicon and the model artefacts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-per-entity", type=int, default=220)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_lexicon()
    model = train(args.n_per_entity, args.seed)
    with open(DATA_DIR / MODEL_FILE, "wb") as fh:
        pickle.dump(model, fh, protocol=4)
    print(f"wrote {DATA_DIR / LEXICON_FILE} and {DATA_DIR / MODEL_FILE}")


if __name__ == "__main__":
    main()
