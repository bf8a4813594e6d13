"""Entity vocabulary of the discovery scanner and its mapping onto the GDPR taxonomy.

The first 24 entity names follow the column vocabulary of the shared ``labels.csv`` (see
``shared/data/pii_samples/LABELS.md``, the "legacy" vocabulary). Issue 16 adds every
special category of Art. 9(1) GDPR (health was there), offence data (Art. 10), and
age, marital or family status, nationality, spoken language, device identifiers, licence
plates, identity documents and tax identifiers. Two finer entities, ``nir`` (French social
security number) and ``siren_siret`` (French company numbers), are reported by the scanner
and mapped back for scoring with :func:`scoring_entity`; the legacy vocabulary maps the new
entities onto its own labels (``age`` -> ``not_personal`` as LABELS.md labels an age column,
``passport`` numbers -> ``national_id``, ...).

Whether an entity is a special category or offence data is read from the taxonomy's
``art9`` / ``art10`` flags (``rgpd_risk/data/categories.csv``), never restated here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import polars as pl

from rgpd_risk.taxonomy import categories

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
    # issue 16: special categories (Art. 9(1)), offence data (Art. 10) and other classes
    "racial_ethnic_origin",
    "political_opinion",
    "religion",
    "trade_union",
    "genetic",
    "biometric",
    "sexual_orientation",
    "offence",
    "age",
    "marital_status",
    "nationality",
    "language",
    "device_id",
    "licence_plate",
    "id_document",
    "tax_id",
    "not_personal",
)

#: The column vocabulary of ``shared/data/pii_samples/labels.csv`` (LABELS.md).
LEGACY_ENTITIES: Final[tuple[str, ...]] = (*ENTITIES[:23], "not_personal")

#: Finer entities the scanner may report, with the vocabulary entity they score as.
FINER_ENTITIES: Final[dict[str, str]] = {"nir": "national_id", "siren_siret": "identifier"}

#: New entities -> the label LABELS.md gives such a column in the legacy vocabulary
#: (its judgment-call table: an age is ``not_personal``; passports, identity cards and tax
#: numbers are ``national_id`` by its wording). Entities without a counterpart (the
#: special categories, offences) keep their name and can only be scored as errors there.
LEGACY_ENTITY: Final[dict[str, str]] = {
    **FINER_ENTITIES,
    "id_document": "national_id",
    "tax_id": "national_id",
    "device_id": "identifier",
    "licence_plate": "identifier",
    "nationality": "country",
    "age": "not_personal",
    "language": "not_personal",
    "marital_status": "not_personal",
}

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
    "racial_ethnic_origin": "racial_ethnic_origin",
    "political_opinion": "political_opinions",
    "religion": "religious_beliefs",
    "trade_union": "trade_union",
    "genetic": "genetic",
    "biometric": "biometric",
    "sexual_orientation": "sex_life",
    "offence": "criminal",
    # modelling choices of our own: an age, a nationality, a spoken language and a licence
    # plate describe or single out a person (identity); passports, identity cards and tax
    # numbers are identity-document numbers (national identification numbers, Art. 87)
    "age": "identity",
    "marital_status": "family",
    "nationality": "identity",
    "language": "identity",
    "device_id": "online_identifier",
    "licence_plate": "identity",
    "id_document": "national_id",
    "tax_id": "national_id",
    "not_personal": None,
}


@lru_cache(maxsize=1)
def _flags() -> tuple[frozenset[str], frozenset[str]]:

    cats = categories()
    art9 = frozenset(cats.filter(pl.col("art9"))["key"].to_list())
    art10 = frozenset(cats.filter(pl.col("art10"))["key"].to_list())
    return art9, art10


#: Taxonomy keys that are special categories (the ``art9`` flag of the taxonomy) or the
#: French NIR, whose processing is framed by Art. 87 GDPR and the French decree n° 2019-341.
SPECIAL_CATEGORIES: Final[frozenset[str]] = _flags()[0] | {"nir"}
#: Taxonomy keys of personal data relating to criminal convictions and offences (Art. 10).
OFFENCE_CATEGORIES: Final[frozenset[str]] = _flags()[1]

#: Coarse merges of the scoring protocol (LABELS.md), extended to the new identity-document
#: and device classes (a passport number scored as a national id is a coarse match).
COARSE: Final[dict[str, str]] = {
    "first_name": "person_name",
    "last_name": "person_name",
    "date_of_birth": "date",
    "city": "address",
    "country": "address",
    "id_document": "national_id",
    "tax_id": "national_id",
    "device_id": "identifier",
}


def scoring_entity(entity: str, vocabulary: str = "legacy") -> str:
    """Map a scanner entity onto a labelling vocabulary.

    ``"legacy"``: the 24 labels of the shared samples (LABELS.md); ``"full"``: every entity of
    :data:`ENTITIES` (only the finer ``nir`` / ``siren_siret`` are mapped back).

    Examples
    --------
    >>> scoring_entity("nir")
    'national_id'
    >>> scoring_entity("id_document")
    'national_id'
    >>> scoring_entity("age"), scoring_entity("age", "full")
    ('not_personal', 'age')
    """
    if vocabulary == "full":
        return FINER_ENTITIES.get(entity, entity)
    return LEGACY_ENTITY.get(entity, entity)


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


def is_special_category(entity: str) -> bool:
    """Whether an entity is a special category of Art. 9(1) GDPR (taxonomy flag ``art9``).

    Examples
    --------
    >>> is_special_category("religion"), is_special_category("health"), is_special_category("nir")
    (True, True, False)
    """
    return category_of(entity) in _flags()[0]


def is_offence_data(entity: str) -> bool:
    """Whether an entity is data relating to criminal convictions and offences (Art. 10).

    Examples
    --------
    >>> is_offence_data("offence"), is_offence_data("age")
    (True, False)
    """
    return category_of(entity) in _flags()[1]
