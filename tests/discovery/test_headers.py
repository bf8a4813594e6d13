import pytest

from rgpd_risk.discovery.headers import header_entity, normalise_header, person_header, rows_are_things


@pytest.mark.parametrize(("header", "entity"), [
    ("Date de naissance", "date_of_birth"), ("Geburtsdatum", "date_of_birth"),
    ("fecha_nacimiento", "date_of_birth"), ("data_di_nascita", "date_of_birth"),
    ("birth_date", "date_of_birth"), ("courriel", "email"), ("E-Mail-Adresse", "email"),
    ("correo_electronico", "email"), ("Telefonnummer", "phone"), ("téléphone", "phone"),
    ("cellulare", "phone"), ("prénom", "first_name"), ("Vorname", "first_name"),
    ("cognome", "last_name"), ("apellidos", "last_name"), ("code_postal", "postcode"),
    ("PLZ", "postcode"), ("adresse_ip", "ip_address"), ("numéro de sécurité sociale",
                                                         "national_id"),
    ("codice_fiscale", "tax_id"), ("IBAN", "iban"), ("groupe_sanguin", "health"),
    ("Krankheit", "health"), ("customer_email", "email"), ("SIRET", "siren_siret"),
    ("cc_type", "not_personal"),
])
def test_header_entity_multilingual(header: str, entity: str) -> None:
    assert header_entity(header)[0] == entity


def test_weak_headers_are_weaker_than_strong_ones() -> None:
    assert header_entity("name") == ("person_name", 0.5)
    assert header_entity("first_name") == ("first_name", 1.0)


def test_uninformative_header() -> None:
    assert header_entity("col_17") == (None, 0.0)
    assert header_entity("") == (None, 0.0)


def test_normalise_header_splits_camel_case_and_strips_accents() -> None:
    assert normalise_header("NuméroDeTéléphone") == "numero de telephone"


@pytest.mark.parametrize(("header", "expected"), [
    ("company_size", ("not_personal", 1.0)),  # the head noun names a measure
    ("email_status", ("not_personal", 1.0)),
    ("blood_type", ("health", 1.0)),  # unless a phrase ends the header
    ("is_active", ("not_personal", 1.0)),  # flags
    ("Has Table booking", ("not_personal", 1.0)),
    ("nbre_pdc", ("not_personal", 1.0)),  # counts
    ("number_of_rooms", ("not_personal", 1.0)),
    ("nom_client", ("person_name", 0.5)),  # the name of a person ...
    ("nom_de_famille", ("last_name", 1.0)),
    ("nom_station", ("not_personal", 1.0)),  # ... or of a thing (issue 16)
    ("nom_enseigne", (None, 0.0)),  # a brand or an organisation: the values decide
    ("restaurant_name", (None, 0.0)),
    ("customer name", ("person_name", 1.0)),
])
def test_compound_headers(header: str, expected: tuple) -> None:
    assert header_entity(header) == expected


@pytest.mark.parametrize("header", ["has_disability", "has_health_condition", "has_allergy", "est_handicape",
                                    "health status", "disability_status", "health score", "is_pregnant"])
def test_health_flags_and_statuses_stay_health(header: str) -> None:
    """A yes/no flag or a status about health is still Art. 9 data: the flag and measure
    corrections never override a health header."""
    assert header_entity(header)[0] == "health"


# --- issue 16: header phrases of coded special-category and family columns -------------------


@pytest.mark.parametrize(
    ("header", "entity"),
    [
        ("afam", "racial_ethnic_origin"),
        ("minority", "racial_ethnic_origin"),
        ("minorite_ethnique", "racial_ethnic_origin"),
        ("ethnische Minderheit", "racial_ethnic_origin"),
        ("minoria etnica", "racial_ethnic_origin"),
        ("hispanic", "racial_ethnic_origin"),
        ("Do you ever smoke cigarettes?", "health"),
        ("Do you ever drink alcohol?", "health"),
        ("nchronic", "health"),
        ("fumeur", "health"),
        ("Raucher", "health"),
        ("fumador", "health"),
        ("fumatore", "health"),
        ("maladie_chronique", "health"),
        ("Have you ever cheated on your significant other?", "sexual_orientation"),
        ("youngkids", "marital_status"),
        ("immigrant", "nationality"),
        ("Migrationshintergrund", "nationality"),
    ],
)
def test_issue16_header_phrases(header, entity):
    assert header_entity(header)[0] == entity


def test_issue16_phrases_do_not_catch_lookalikes():
    for header in ("alcohol", "smoke detector", "Ethernet", "method", "teeth", "length"):
        assert header_entity(header)[0] is None, header


@pytest.mark.parametrize("header", ["Education", "educational_attainment", "Bildung", "Schulabschluss",
                                    "diplome", "estudios", "nivel_de_estudios", "titolo_di_studio", "istruzione"])
def test_education_headers_are_not_personal(header: str) -> None:
    """Education is personal but no class of the vocabulary (issue 16 labelling conventions):
    its values ("Bachelor degree", "master") are not job titles."""
    assert header_entity(header) == ("not_personal", 1.0)


@pytest.mark.parametrize("header", ["patient_id", "PatientID", "id_patient", "numero_patient", "Patientennummer",
                                    "id_paziente", "person_id", "contact_id"])
def test_identifiers_named_after_the_person_are_identifiers(header: str) -> None:
    """"patient" alone heads a name column; the longest phrase won, so "patient_id" was a name."""
    assert header_entity(header)[0] == "identifier"
    assert header_entity("patient")[0] == "person_name"


@pytest.mark.parametrize(("header", "expected"), [
    ("Patologie_croniche", ("health", 1.0)), ("Verletzungen", ("health", 1.0)), ("lesiones", ("health", 1.0)),
    ("Schlafzimmer", (None, 0.0)),  # a bedroom, not sleep
    ("code_insee", ("national_id", 0.5)), ("numero_insee", ("national_id", 1.0)),  # a commune's code / the NIR
    ("employment_status", ("job_title", 1.0)), ("Erwerbsstatus", ("job_title", 1.0)),
    ("employment_rate", ("not_personal", 1.0)), ("Mitgliedsnummer", ("identifier", 1.0)),
])
def test_issue_16_header_phrases(header: str, expected: tuple[str | None, float]) -> None:
    assert header_entity(header) == expected


def test_a_mayor_or_a_headmaster_is_a_person_tied_to_the_organisation() -> None:
    assert person_header("nom_maire") and person_header("headmaster_lastname")
    assert rows_are_things(["code_insee", "nom_commune", "nom_maire"], "communes.csv")
