import pytest

from rgpd_risk.discovery.masking import mask_value

from .conftest import PLANTED


@pytest.mark.parametrize(("entity", "value", "masked"), [
    ("email", "jean.dupont@exemple.fr", "j***@***.fr"),
    ("iban", "FR76 3000 6000 0112 3456 7890 189", "FR76 **** **** 0189"),
    ("person_name", "Jean Dupont", "J*** D***"),
    ("credit_card", "4111111111111234", "**** **** **** 1234"),
])
def test_masks_of_the_brief(entity: str, value: str, masked: str) -> None:
    assert mask_value(entity, value) == masked


@pytest.mark.parametrize("entity", ["email", "phone", "iban", "nir", "national_id",
                                    "credit_card", "ip_address", "health", "person_name",
                                    "not_personal", "identifier", "date", "free_text"])
def test_no_planted_value_survives_any_mask(entity: str) -> None:
    for values in PLANTED.values():
        for v in values:
            out = mask_value(entity, v)
            assert v not in out
            assert len(v) < 4 or v[1:] not in out
