"""Tables whose rows are things, places or organisations (issue 16, real tables): the coordinates,
addresses, codes and names of a charging station, a restaurant or a municipality are not personal
data; the same columns in a table about people, and a person's column in a table of things, stay
personal."""

from __future__ import annotations

import polars as pl
import pytest

from rgpd_risk.discovery.classifier import (
    ANCHOR_MIN_CONFIDENCE,
    PERSON_ANCHORS,
    THING_TABLE_CLASSES,
    anchors_people,
    decide,
    of_a_thing,
    rows_are_people,
)
from rgpd_risk.discovery.headers import person_header, rows_are_things, table_subject
from rgpd_risk.discovery.scanner import classify_frame

from .conftest import leaning

LATITUDES = [46.104338, 47.003889, 46.912777, 46.794605, 46.73139, 46.694885, 46.631449, 46.491464]
LONGITUDES = [11.110227, 11.507425, 11.432055, 11.607754, 11.641675, 11.642286, 11.556294, 11.417620]
STREETS = ["12 rue de la Paix", "4 avenue Victor Hugo", "8 boulevard Voltaire", "3 place de la Gare",
           "27 rue Nationale", "15 avenue Jean Jaures", "9 rue des Lilas", "1 route de Lyon"]


@pytest.mark.parametrize("headers", [
    ["id_station", "nom_station", "adresse_station", "latitude", "longitude", "contact_operateur"],
    ["Restaurant ID", "Restaurant Name", "City", "Address", "Longitude", "Latitude", "Cuisines"],
    ["municipio_id", "municipio_nombre", "municipio_lat", "municipio_lon", "provincia_id"],
    ["item", "calories", "total_fat"],
    ["code_ape", "pays", "canton"],
    ["airline", "flight_number", "departure_delay"],  # the head noun names an organisation
    ["holding company", "revenue", "country"],
])
def test_rows_are_things(headers: list[str]) -> None:
    assert rows_are_things(headers)


@pytest.mark.parametrize("headers", [
    ["id_station", "name", "age", "latitude", "longitude"],  # an age: the rows are people
    ["id_station", "customer_id", "latitude", "longitude"],  # the customer a row is about
    ["county_id", "geo_id", "gender", "raceethnicity", "latitude", "longitude"],
    ["uuid", "job_title", "employee_residence", "company_size"],
    ["email", "site_web", "identifiant", "compte"],  # a website is no thing's key
    ["latitude", "longitude", "city"],  # nothing says what the rows are
    ["home city", "salary", "street"],  # a place is an attribute of a person too
    ["company", "job_title", "salary"],  # an employer, in a table of people
])
def test_rows_are_not_things(headers: list[str]) -> None:
    assert not rows_are_things(headers)


def test_statistics_over_groups_make_rows_groups() -> None:
    assert rows_are_things(["state", "median_household_income", "share_unemployed", "hate_crimes_per_100k"])
    assert not rows_are_things(["state", "share_unemployed"])  # one statistic joined to a record
    assert not rows_are_things(["age", "share_white", "share_black"])


def test_a_weak_or_tied_person_header_does_not_make_rows_people() -> None:
    # "condition" hints at health only weakly; a station's contact is a person tied to it
    assert rows_are_things(["id_station", "condition_acces", "contact_amenageur", "latitude"])


@pytest.mark.parametrize(("header", "expected"), [
    ("contact_nom", True), ("Age", True), ("customer city", True), ("prenom", True),
    ("wohnviertel_name", False), ("name", False), ("latitude", False), ("adresse_station", False),
    ("condition_acces", False),
])
def test_person_header(header: str, expected: bool) -> None:
    assert person_header(header) is expected


def test_decide_reports_a_thing_property_as_not_personal() -> None:
    classes = ["not_personal", *THING_TABLE_CLASSES, "email", "date"]
    for entity in THING_TABLE_CLASSES:
        proba = leaning(classes, entity, 0.8)
        named = {f"header_{entity}": 1.0}  # the evidence some classes need
        expected = "date" if entity == "date_of_birth" else "not_personal"
        assert decide(classes, proba, {**named, "thing_table": 1.0, "about_person": 0.0})[0] == expected
        assert decide(classes, proba, {**named, "thing_table": 1.0, "about_person": 1.0})[0] == entity
        assert decide(classes, proba, {**named, "thing_table": 0.0, "about_person": 0.0})[0] == entity
    dated = ["not_personal", "date", "date_of_birth"]
    assert decide(dated, leaning(dated, "date_of_birth", 0.8), {"thing_table": 1.0})[0] == "date"
    email = leaning(classes, "email", 0.8)
    assert decide(classes, email, {"thing_table": 1.0})[0] == "email"
    assert not of_a_thing("free_text", {"thing_table": 1.0})


def test_ages_and_genders_of_things_are_not_personal() -> None:
    # a menu: whole numbers that look like ages, two kinds that look like genders
    frame = pl.DataFrame({"item": [f"menu {i}" for i in range(12)],
                          "protein": [str(v) for v in (32, 45, 27, 61, 38, 52, 29, 44, 35, 58, 41, 30)],
                          "salad": ["Other", "Salad"] * 6})
    assert [e for e, _, _ in classify_frame(frame)][1:] == ["not_personal", "not_personal"]


def test_coordinates_and_addresses_of_stations_are_not_personal() -> None:
    n = len(LATITUDES)
    stations = pl.DataFrame({
        "id_station": [f"FRS{i:05d}" for i in range(n)], "adresse_station": STREETS,
        "latitude": [str(v) for v in LATITUDES], "longitude": [str(v) for v in LONGITUDES],
    })
    entities = [e for e, _, _ in classify_frame(stations)]
    assert entities[1:] == ["not_personal"] * 3
    people = stations.rename({"id_station": "customer_id"})
    entities = [e for e, _, _ in classify_frame(people)]
    assert entities[1:] == ["address", "geolocation", "geolocation"]


def test_row_numbers_of_a_table_of_things_are_the_things_numbers() -> None:
    frame = pl.DataFrame({"": [str(i) for i in range(1, 13)], "item": [f"menu {i}" for i in range(12)]})
    assert rows_are_things(frame.columns)
    assert classify_frame(frame)[0][0] == "not_personal"
    people = frame.with_columns(age=pl.Series([str(20 + 3 * i) for i in range(12)]))
    assert classify_frame(people)[0][0] == "identifier"


# --- what the name of a table says of its rows -------------------------------------------------

PRODUCTS = pl.DataFrame({"ID": [str(i) for i in range(1, 9)],
                         "Nome": ["Pane", "Latte", "Mela", "Riso", "Pasta", "Olio", "Sale", "Uova"],
                         "Prezzo": ["1.5", "0.8", "0.4", "2.1", "1.2", "6.5", "0.5", "3.0"]})


@pytest.mark.parametrize(("table", "subject"), [
    ("prodotti.csv", "things"), ("d2_farmacias.xlsx:Hoja1", "things"), ("public.suppliers", "things"),
    ("Oberschulen.csv", "things"), ("mitglieder.csv", "people"), ("Stammkunden.csv", "people"),
    ("hr.employees", "people"), ("SchoolData.csv", None), ("clienti_aziende.csv", None),
    ("invoices.csv", None), ("data.csv", None), ("", None),
])
def test_table_subject(table: str, subject: str | None) -> None:
    assert table_subject(table) == subject


def test_a_table_named_for_things_reads_a_bare_name_as_the_things() -> None:
    entities = [e for e, _, _ in classify_frame(PRODUCTS, table="prodotti.csv")]
    assert entities[:2] == ["not_personal", "not_personal"]
    # a person header other than a name still says the rows are people
    assert not rows_are_things([*PRODUCTS.columns, "age"], "prodotti.csv")
    assert not rows_are_things(["id", "user_id"], "farmacias.csv")


def test_a_table_named_for_people_keeps_its_people() -> None:
    frame = pl.DataFrame({"Name": ["Anna", "Ben"], "Alter": ["42", "27"], "id_station": ["S1", "S2"]})
    assert not rows_are_things(frame.columns, "mitglieder.csv")
    entities = [e for e, _, _ in classify_frame(frame, table="mitglieder.csv")]
    assert entities[1] == "age"  # a weak "Alter" over two ages, in a table of members
    assert [e for e, _, _ in classify_frame(frame)][1] != "age"


# --- tables that say nothing of their rows (no thing key, no person) ----------------------------

TOWNS = [("001001", "http://comune.aglie.to.it", "10011"), ("001005", "http://comune.airasca.to.it", "10060"),
         ("001009", "http://comune.ala.to.it", "10070"), ("001014", "http://comune.albiano.to.it", "10010"),
         ("001020", "http://comune.almese.to.it", "10040"), ("001027", "http://comune.alpette.to.it", "10080"),
         ("001031", "http://comune.alpignano.to.it", "10091"), ("001040", "http://comune.andezeno.to.it", "10020")]
FIRST_NAMES = ["Marie", "Jean", "Sophie", "Pierre", "Julie", "Nicolas", "Camille", "Thomas"]


def _towns(**extra: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"codice": [t[0] for t in TOWNS], "link": [t[1] for t in TOWNS],
                         "cap": [t[2] for t in TOWNS], **extra})


def test_rows_are_people_needs_a_person_column_or_header() -> None:
    assert not rows_are_people([False, False, False], [0.0, 0.0, 0.0])
    assert rows_are_people([False, False, True], [0.0, 0.0, 0.0])
    assert rows_are_people([False, False], [1.0, 0.0])  # "customer_id"
    assert rows_are_people([False], [0.0])  # one column says too little
    assert PERSON_ANCHORS >= {"person_name", "age", "health", "email", "ip_address"}
    assert not PERSON_ANCHORS & {"identifier", "url", "address", "city", "postcode", "company", "geolocation"}


def test_codes_websites_and_postcodes_of_a_table_without_people_are_not_personal() -> None:
    assert [e for e, _, _ in classify_frame(_towns())] == ["not_personal"] * 3
    # the same columns beside the first names of people: the rows are people, their data personal
    entities = [e for e, _, _ in classify_frame(_towns(prenom=FIRST_NAMES))]
    assert entities[-1] == "first_name" and entities[1:3] == ["url", "postcode"]


def test_role_mailboxes_are_organisations_contacts() -> None:
    pec = [f"protocollo@pec.comune.{t[1].split('.')[1]}.to.it" for t in TOWNS]
    entities = [e for e, _, _ in classify_frame(_towns(pec=pec))]
    assert entities == ["not_personal"] * 4  # no person in the table once the mailboxes are roles
    people = [f"{n.lower()}.martin{i}@free.fr" for i, n in enumerate(FIRST_NAMES)]
    entities = [e for e, _, _ in classify_frame(_towns(email=people))]
    assert entities[-1] == "email" and entities[1:3] == ["url", "postcode"]
    mixed = people[:-2] + ["contact@exemple.fr", "info@exemple.fr"]  # a customer list with two role mailboxes
    assert classify_frame(pl.DataFrame({"email": mixed, "ville": ["Paris"] * 8}))[0][0] == "email"


@pytest.mark.parametrize(("entity", "confidence", "feats", "expected"), [
    ("person_name", ANCHOR_MIN_CONFIDENCE, {"header_none": 1.0}, True),  # confident on values alone
    ("person_name", 0.42, {"header_none": 1.0}, False),  # a hesitant guess on values alone
    ("person_name", 0.42, {"header_person_name": 0.5}, True),  # the header names the class
    ("biometric", 0.48, {"header_none": 1.0}, False),
    ("identifier", 0.99, {"header_identifier": 1.0}, False),  # codes are not only people's
    ("not_personal", 1.0, {}, False),
])
def test_a_column_anchors_people_when_its_reading_is_supported(
    entity: str, confidence: float, feats: dict[str, float], expected: bool
) -> None:
    assert anchors_people(entity, confidence, feats) is expected


CATALOGUE = {
    "Reference": [f"0000{i}{i}{i}" for i in range(1, 9)],
    "Auteur": [None] * 8,  # a person's header over an empty column says nothing about the rows
    "Ville": ["Paris", "Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Metz", "Brest"],
    "latitude": LATITUDES,
    "longitude": LONGITUDES,
}


def test_an_empty_person_column_does_not_make_a_catalogue_one_of_people() -> None:
    entities = dict(zip(CATALOGUE, (e for e, _, _ in classify_frame(pl.DataFrame(CATALOGUE))), strict=True))
    assert entities["latitude"] == entities["longitude"] == entities["Ville"] == "not_personal"
    # the same catalogue with its authors' names: they are people's, and so are the coordinates
    names = ["Jean Dupont", "Marie Curie", "Paul Martin", "Anne Petit", "Louis Roux", "Julie Blanc",
             "Marc Morel", "Sophie Girard"]
    with_authors = pl.DataFrame({**CATALOGUE, "Auteur": names})
    entities = dict(zip(CATALOGUE, (e for e, _, _ in classify_frame(with_authors)), strict=True))
    assert entities["Auteur"] == "person_name" and entities["latitude"] == "geolocation"


def test_in_a_table_of_people_a_weak_header_means_what_it_says() -> None:
    frame = pl.DataFrame({"first_name": FIRST_NAMES, "gender": ["F", "M", "F", "M", "F", "M", "F", "M"],
                          "kids": ["yes", "no", "no", "yes", "no", "yes", "no", "no"]})
    assert [e for e, _, _ in classify_frame(frame)][2] == "marital_status"
    # the same counts in a table of products are not a family status
    things = frame.rename({"first_name": "product", "gender": "size"})
    assert [e for e, _, _ in classify_frame(things)][2] == "not_personal"
