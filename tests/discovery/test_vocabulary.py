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
