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


# --- issue 17: a header or table name that is a person's name ------------------------------
@pytest.mark.parametrize(
    "name",
    ["Jean Dupont", "DUPONT Marie", "Marie Curie", "Jean-Pierre de La Fontaine", "Sean O'Brien", "DUPONT, Marie",
     "dupont_jean", "jean.dupont", "Kevin Smith", "Nguyen Van Minh"],
)
def test_person_like_names_are_masked(name):
    from rgpd_risk.discovery.masking import personal_name

    assert personal_name(name) == "person_name"


@pytest.mark.parametrize(
    "name",
    ["Date de naissance", "First Name", "Last Name", "Customer ID", "Unit Price", "Legal Basis", "Nom Prénom",
     "Code Postal", "Marie", "first_name", "customerId", "Order Date", "Total Amount", "Adresse e-mail",
     "Numéro de téléphone", "ville", "Created At", "Sales Region", "Ship Country"],
)
def test_ordinary_headers_stay_visible(name):
    from rgpd_risk.discovery.masking import personal_name

    assert personal_name(name) is None
