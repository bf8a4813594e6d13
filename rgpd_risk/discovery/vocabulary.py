"""Entity vocabulary of the discovery scanner and its mapping onto the GDPR taxonomy.

The entity names follow the column vocabulary of the shared ``labels.csv`` (see
``shared/data/pii_samples/LABELS.md``); two finer entities, ``nir`` (French social
security number) and ``siren_siret`` (French company numbers), are reported by the
scanner and mapped back onto that vocabulary for scoring with :func:`scoring_entity`.
"""

from __future__ import annotations

from typing import Final

#: Entities of the shared labelling vocabulary, in a fixed order (the classifier's classes).
ENTITIES: Final[tuple[str, ...]] = (
    "person_name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "postcode",
    "city",
    "country",
    "date_of_birth",
    "national_id",
    "iban",
    "credit_card",
    "ip_address",
    "geolocation",
    "gender",
    "health",
    "job_title",
    "company",
    "url",
    "free_text",
    "identifier",
    "date",
    "not_personal",
)

#: Finer entities the scanner may report, with the vocabulary entity they score as.
FINER_ENTITIES: Final[dict[str, str]] = {"nir": "national_id", "siren_siret": "identifier"}

#: Entity -> GDPR taxonomy key (``None``: no personal-data category by itself).
#: Modelling choice of our own: quasi-identifiers such as a bare date are not a category.
ENTITY_CATEGORY: Final[dict[str, str | None]] = {
    "person_name": "identity",
    "first_name": "identity",
    "last_name": "identity",
    "date_of_birth": "identity",
    "gender": "identity",
    "email": "contact",
    "phone": "contact",
    "address": "contact",
    "postcode": "contact",
    "city": "contact",
    "country": "contact",
    "national_id": "national_id",
    "nir": "nir",
    "iban": "financial",
    "credit_card": "payment_card",
    "ip_address": "connection",
    "geolocation": "location",
    "health": "health",
    "job_title": "professional",
    "company": "professional",
    "siren_siret": "professional",
    "url": "online_identifier",
    "identifier": "online_identifier",
    "free_text": "communications",
    "date": None,
    "not_personal": None,
}

#: Taxonomy keys that are special categories (Art. 9 GDPR) or the French NIR, whose
#: processing is framed by Art. 87 GDPR and the French decree n° 2019-341.
SPECIAL_CATEGORIES: Final[frozenset[str]] = frozenset(
    {
        "health",
        "biometric",
        "genetic",
        "racial_ethnic_origin",
        "political_opinions",
        "religious_beliefs",
        "trade_union",
        "sex_life",
        "nir",
    }
)

#: Coarse merges of the scoring protocol (LABELS.md).
COARSE: Final[dict[str, str]] = {
    "first_name": "person_name",
    "last_name": "person_name",
    "date_of_birth": "date",
    "city": "address",
    "country": "address",
}


def scoring_entity(entity: str) -> str:
    """Map a scanner entity onto the labelling vocabulary.

    Examples
    --------
    >>> scoring_entity("nir")
    'national_id'
    >>> scoring_entity("email")
    'email'
    """
    return FINER_ENTITIES.get(entity, entity)


def category_of(entity: str) -> str | None:
    """Return the GDPR taxonomy key of an entity (``None`` for non-personal ones).

    Examples
    --------
    >>> category_of("iban"), category_of("nir"), category_of("date")
    ('financial', 'nir', None)
    """
    return ENTITY_CATEGORY.get(entity)


def is_personal(entity: str) -> bool:
    """Tell whether an entity is personal data (a category other than ``None``).

    Examples
    --------
    >>> is_personal("gender"), is_personal("not_personal")
    (True, False)
    """
    return category_of(entity) is not None
