from rgpd_risk.discovery import ENTITIES, ENTITY_CATEGORY
from rgpd_risk.discovery.vocabulary import category_of, is_personal, scoring_entity


def test_every_entity_has_a_category_entry() -> None:
    assert set(ENTITIES) <= set(ENTITY_CATEGORY)


def test_category_mapping_of_the_brief() -> None:
    expected = {"person_name": "identity", "gender": "identity", "email": "contact",
                "country": "contact", "national_id": "national_id", "nir": "nir",
                "iban": "financial", "credit_card": "payment_card",
                "ip_address": "connection", "geolocation": "location", "health": "health",
                "company": "professional", "url": "online_identifier",
                "identifier": "online_identifier", "free_text": "communications",
                "date": None, "not_personal": None}
    assert {k: category_of(k) for k in expected} == expected


def test_finer_entities_score_as_the_vocabulary() -> None:
    assert scoring_entity("nir") == "national_id"
    assert scoring_entity("siren_siret") in ENTITIES
    assert not is_personal("date") and is_personal("ip_address")


def test_special_category_and_offence_flags() -> None:
    from rgpd_risk.discovery.vocabulary import is_offence_data, is_special_category

    art9 = ["health", "racial_ethnic_origin", "political_opinion", "religion", "trade_union", "genetic",
            "biometric", "sexual_orientation"]
    assert all(is_special_category(e) for e in art9)
    assert is_offence_data("offence") and not is_special_category("offence")
    for e in ENTITIES:
        if e not in art9 and e not in {"offence", "nir"}:
            assert not is_special_category(e) and not is_offence_data(e), e


def test_new_classes_map_onto_the_taxonomy_and_the_legacy_vocabulary() -> None:
    from rgpd_risk.discovery.vocabulary import LEGACY_ENTITIES

    expected = {"offence": "criminal", "marital_status": "family", "device_id": "online_identifier",
                "id_document": "national_id", "tax_id": "national_id", "religion": "religious_beliefs",
                "trade_union": "trade_union", "biometric": "biometric", "genetic": "genetic"}
    assert {k: category_of(k) for k in expected} == expected
    kept = {"racial_ethnic_origin", "political_opinion", "religion", "trade_union", "genetic", "biometric",
            "sexual_orientation", "offence"}  # no counterpart in LABELS.md: scored under their own name
    assert {scoring_entity(e) for e in ENTITIES} <= set(LEGACY_ENTITIES) | kept
    assert scoring_entity("tax_id") == "national_id" and scoring_entity("tax_id", "full") == "tax_id"
    assert scoring_entity("nationality") == "country" and scoring_entity("licence_plate") == "identifier"


def test_header_phrases_of_the_new_classes_in_five_languages() -> None:
    from rgpd_risk.discovery.headers import header_entity

    cases = {
        "religion": ["religion", "confession", "Religionszugehörigkeit", "religión", "religione"],
        "political_opinion": ["political_party", "opinion politique", "Parteizugehörigkeit", "partido político",
                              "partito politico"],
        "trade_union": ["union_member", "syndicat", "Gewerkschaft", "sindicato"],
        "racial_ethnic_origin": ["ethnicity", "origine ethnique", "ethnische Herkunft", "etnia"],
        "sexual_orientation": ["sexual_orientation", "orientation sexuelle", "orientamento sessuale"],
        "offence": ["criminal_record", "casier judiciaire", "Vorstrafen", "antecedentes penales", "condanne"],
        "nationality": ["nationality", "nationalité", "Staatsangehörigkeit", "nacionalidad", "nazionalità"],
        "marital_status": ["marital_status", "situation familiale", "Familienstand", "estado civil",
                           "stato civile"],
        "language": ["language", "langue", "Sprache", "idioma", "lingua"],
        "device_id": ["imei", "mac_address", "advertising_id", "device id"],
        "licence_plate": ["license_plate", "immatriculation", "Kennzeichen", "matrícula", "targa"],
        "id_document": ["passport_number", "numéro de passeport", "Reisepassnummer", "pasaporte",
                        "carta d'identità"],
        "tax_id": ["tax_id", "numéro fiscal", "Steuer-ID", "NIF", "codice fiscale"],
        "age": ["age", "âge", "Alter", "edad", "età"],
    }
    wrong = {(e, h, header_entity(h)[0]) for e, hs in cases.items() for h in hs if header_entity(h)[0] != e}
    assert not wrong
