"""Value detectors: vectorised polars patterns, then checksums on candidate values only.

:func:`profile_column` turns a sample of one column into a fixed vector of numeric
features (shares of values matching each detector, plus shape statistics). The column
classifier (:mod:`rgpd_risk.discovery.classifier`) fuses it with the header hint.
:func:`entity_mask` says which values of a column match a given entity, to compute the
``match_share`` and pick the (masked) examples.

Regular expressions run on the whole sample at once (polars); library checksums
(``stdnum``, ``phonenumbers``, ``ipaddress``) run only on the distinct candidate values
that passed the pattern, at most :data:`MAX_CANDIDATES` of them.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Final

import phonenumbers
import polars as pl
from stdnum import iban as std_iban
from stdnum import imei as std_imei
from stdnum import luhn
from stdnum.de import idnr as de_idnr
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fr import nif as fr_nif
from stdnum.fr import nir as fr_nir
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.it import codicefiscale as it_cf

from rgpd_risk.discovery.headers import header_entity
from rgpd_risk.discovery.lexicon import (
    BOOLEAN_WORDS,
    CALENDAR_WORDS,
    COMPANY_WORDS,
    ETHNIC_WORDS,
    GENDER_WORDS,
    HEALTH_TERMS,
    LANGUAGE_WORDS,
    MARITAL_WORDS,
    NATIONALITY_WORDS,
    OFFENCE_WORDS,
    ORIENTATION_WORDS,
    POLITICS_WORDS,
    RELIGION_WORDS,
    ROLE_MAILBOX_WORDS,
    STREET_WORDS,
    TITLE_WORDS,
    UNION_WORDS,
    fold_expr,
    load_lexicon,
)
from rgpd_risk.discovery.vocabulary import ENTITIES

#: At most this many distinct candidate values go through a library checksum.
MAX_CANDIDATES: Final[int] = 2000
NULL_TOKENS: Final[tuple[str, ...]] = (
    "",
    "null",
    "none",
    "nan",
    "n/a",
    "na",
    "#n/a",
    "nil",
    "-",
    "--",
    "?",
    "nat",
    "<null>",
    "\\n",
)

# --- patterns -------------------------------------------------------------------------
EMAIL = r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
URL = r"(?i)^(https?://|ftp://|www\.)\S+$"
DOMAIN = r"(?i)^([a-z0-9-]+\.)+(com|org|net|edu|gov|fr|de|es|it|uk|eu|io|info|biz|co|us|ca|be|ch|nl|[a-z]{2,6})(/\S*)?$"
IPV4 = (
    r"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(/\d{1,2})?$"
)
IPV6_SHAPE = r"(?i)^[0-9a-f:]*:[0-9a-f:]*:[0-9a-f.:]*$"
PHONE_SHAPE = r"^(\+|00)?[\d\s().\-/]{6,22}$"
CARD_SHAPE = r"^\d[\d -]{11,22}\d$"
IBAN_SHAPE = r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$"
RIB_SHAPE = r"^\d{10}[A-Z0-9]{11}\d{2}$"
NIR_SHAPE = r"^[1-478]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2[AB])\d{8}$"
SSN_SHAPE = r"^\d{3}-\d{2}-\d{4}$"
NINO_SHAPE = r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$"
UUID = r"(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$"
HEX = r"(?i)^[0-9a-f]{16,}$"
DATE_SHAPE = (
    r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    r"([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s?(Z|[AaPp][Mm]|[+-]\d{2}:?\d{2})?)?$"
)
#: "12 mars 2024", "March 12, 2024", and the RFC 5322 form of e-mail headers ("Mon, 15 Jun 2021
#: 14:30:00 +0200"): an optional weekday before, an optional time and zone after.
DATE_WORDS_SHAPE = (
    r"(?i)^([a-zéû]{3,9}\.?,?\s+)?(\d{1,2}\s+[a-zéû]{3,9}\.?\s+\d{4}|[a-zéû]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(,?\s+\d{1,2}:\d{2}(:\d{2})?(\s*([+-]\d{4}|[a-z]{1,5}))?)?$"
)
TIME_PART = r"\d{1,2}:\d{2}"
MONTH_YEAR = r"^(0?[1-9]|1[0-2])\s?[/-]\s?(\d{2}|\d{4})$"
YEAR = r"^(19|20)\d{2}$"
POSTCODE_5 = r"^\d{5}$"
POSTCODE_ZIP4 = r"^\d{5}-\d{4}$"
POSTCODE_INTL = (
    r"(?i)^([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d"
    r"|\d{4}\s?[A-Z]{2}|\d{3}\s\d{2}|\d{2}-\d{3})$"
)
FOUR_DIGITS = r"^\d{4}$"
INTEGER = r"^[+-]?\d+$"
DECIMAL = r"^[+-]?\d+[.,]\d+$"
GEO_DECIMAL = r"^[+-]?\d{1,3}\.\d{2,}$"
LATLON_PAIR = r"^\(?[+-]?\d{1,2}\.\d+\s*[,;]\s*[+-]?\d{1,3}\.\d+\)?$"
CURRENCY_PERCENT = r"[€$£¥%]|\b(EUR|USD|GBP)\b"
BLOOD = r"(?i)^(a|b|ab|o|0)\s?(rh)?\s?[+-]$|^(a|b|ab|o|0)\s?(pos|neg|positive|negative)$"
FEET_INCHES = r"^\d['’]\s?\d{1,2}(\"|''|”)?$"
USER_AGENT = r"(?i)mozilla/|applewebkit|gecko/|opera/|curl/|python-requests"
USERNAME = r"^[A-Za-z][A-Za-z0-9._-]{2,}\d+$|^[a-z]+[._][a-z]+\d*$"
PASSWORD = r"^(?=.*)[A-Za-z0-9!@#$%^&*_+=.-]{6,24}$"
MIXED_ALNUM = r"^(?:[A-Za-z]+\d|\d+[A-Za-z])[A-Za-z0-9]*$"
CODE = r"^[A-Z0-9][A-Z0-9-]{4,}$"
ADDRESS_NUMBER = r"^\d{1,5}\s?[A-Za-z]{0,3}[, ]+\S+"
PO_BOX = r"(?i)\b(p\.?\s?o\.?\s?box|bp\s\d|postfach|apartado|casella postale)\b"
TITLE_CASE = r"^[A-ZÀ-Ý][a-zà-ÿ'’-]+$"
WORDY = r"^[^\d@/]+$"
#: Device identifiers: MAC addresses (colon, dash or dotted Cisco groups); IMEIs are 15
#: digits checked with python-stdnum's ``imei`` (Luhn).
MAC = r"(?i)^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$|^([0-9a-f]{4}\.){2}[0-9a-f]{4}$"
IMEI_SHAPE = r"^\d{2}[ -]?\d{6}[ -]?\d{6}[ -]?\d$"
#: Licence plates of France (SIV AA-123-AA, FNI 123 ABC 75), Italy, Spain, Germany, the UK.
PLATE = (
    r"^[A-Z]{2}[- ]?\d{3}[- ]?[A-Z]{2}$|^\d{1,4}[- ]?[A-Z]{1,3}[- ]?(\d{2}|2[AB])$"
    r"|^\d{4}[- ]?[BCDFGHJKLMNPRSTVWXYZ]{3}$|^[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2}[- ]?\d{1,4}[EH]?$"
    r"|^[A-Z]{2}\d{2}[- ]?[A-Z]{3}$"
)
#: Identity documents: French passport (2 digits, 2 letters, 5 digits), 9-character
#: alphanumeric card or passport numbers (a letter first, a digit last).
ID_DOCUMENT_SHAPE = r"^\d{2}[A-Z]{2}\d{5}$|^[A-Z]{1,2}\d{6,8}$|^[A-Z][A-Z0-9]{7}\d$"
#: Genotypes and variant ids: rs ids, allele pairs, HGVS-like notations.
GENETIC = r"(?i)^rs\d{3,}$|^[ACGT]{2}$|^[ACGT]\s?[/|]\s?[ACGT]$|^c\.\d+[ACGT_>a-z0-9]*$|^(brca[12]|apoe\s?e?[234])"
#: Long base64 blobs (templates, encodings).
BASE64 = r"^[A-Za-z0-9+/]{40,}={0,2}$"
#: Age bands ("25-34", "18 à 24 ans", "65+", "40 years").
AGE_BAND = (
    r"(?i)^\d{1,2}\s?(-|–|à|a|to|bis|a)\s?\d{1,3}(\s?(ans|years|jahre|anos|anni))?$"
    r"|^\d{2}\s?\+$|^\d{1,3}\s?(ans|years|yrs|jahre|anos|anni)$"
)

JOB_WORDS = (
    r"(?i)\b(engineer|manager|assistant|director|analyst|developer|nurse|teacher|"
    r"officer|technician|consultant|accountant|designer|administrator|operator|"
    r"specialist|coordinator|supervisor|clerk|editor|executive|architect|scientist|"
    r"ingenieur|directeur|directrice|responsable|technicien|technicienne|professeur|"
    r"infirmier|infirmiere|chef|conseiller|conseillere|vendeur|vendeuse|comptable|"
    r"charge|chargee|agent|ouvrier|gerant|medecin|avocat|secretaire|"
    r"ingenieurin|leiter|leiterin|kaufmann|kauffrau|berater|arzt|lehrer|"
    r"ingeniero|director|directora|tecnico|abogado|profesor|medico|"
    r"ingegnere|direttore|tecnico|avvocato|insegnante|impiegato|impiegata|"
    r"worker|driver|lawyer|doctor|surgeon|pharmacist|programmer|representative|"
    r"sales|marketing|professor|therapist|librarian|electrician|plumber|chef|"
    r"producer|writer|artist|pilot|auditor|recruiter|planner|associate|intern)\b"
)

# Header one-hot entities (the classifier sees which entity a header suggests).
# The labelling vocabulary plus the finer ``siren_siret``, kept before ``not_personal``: the
# order is the order of the features the shipped model was trained on.
HEADER_ENTITIES: Final[tuple[str, ...]] = (*ENTITIES[:-1], "siren_siret", ENTITIES[-1])

#: Names of the value features, in the order of the vector returned by
#: :func:`profile_column`.
VALUE_FEATURES: Final[tuple[str, ...]] = (
    "non_null_share",
    "is_numeric_dtype",
    "is_temporal_dtype",
    "is_bool_dtype",
    "email",
    "url",
    "domain",
    "ipv4",
    "ipv6",
    "int_ip",
    "phone_shape",
    "phone_valid",
    "card_valid",
    "card_shape",
    "iban_valid",
    "rib_valid",
    "nir_valid",
    "ssn_shape",
    "natid_valid",
    "siren_valid",
    "siret_valid",
    "uuid",
    "hex",
    "date_shape",
    "date_words",
    "has_time",
    "month_year",
    "year",
    "date_parsed",
    "dob_range",
    "recent_dates",
    "future_dates",
    "postcode5",
    "zip4",
    "postcode_intl",
    "four_digits",
    "integer",
    "decimal",
    "numeric",
    "geo_decimal",
    "lat_range",
    "lon_range",
    "latlon_pair",
    "currency_percent",
    "blood",
    "feet_inches",
    "user_agent",
    "username",
    "password_like",
    "mixed_alnum",
    "code",
    "address_number",
    "street_word",
    "po_box",
    "title_case",
    "wordy",
    "gender_word",
    "title_word",
    "calendar_word",
    "boolean_word",
    "health_term",
    "job_word",
    "job_lexicon",
    "company_word",
    "first_name",
    "last_name",
    "name_pair",
    "first_token_first",
    "last_token_last",
    "any_name_token",
    "city",
    "country",
    "alpha2",
    "single_char",
    "distinct_ratio",
    "log_distinct",
    "top_share",
    "mean_len",
    "cv_len",
    "mean_words",
    "long_text",
    "sentence",
    "has_letter",
    "has_digit",
    "digits_only",
    "all_upper",
    "mean_digit_share",
    "log_magnitude",
    "sequential",
    # issue 16
    "mac",
    "imei_valid",
    "plate",
    "id_document_shape",
    "tax_valid",
    "genetic_code",
    "base64",
    "age_int",
    "age_band",
    "religion_word",
    "politics_word",
    "ethnic_word",
    "marital_word",
    "orientation_word",
    "offence_word",
    "union_word",
    "language_word",
    "nationality_word",
)
FEATURE_NAMES: Final[tuple[str, ...]] = (
    VALUE_FEATURES + tuple(f"header_{e}" for e in HEADER_ENTITIES) + ("header_none",)
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


STREET_RE: Final[str] = rf"(?i)\b({_alternation(STREET_WORDS)})\b\.?"
COMPANY_RE: Final[str] = rf"(?i)(\b|\s)({_alternation(COMPANY_WORDS)})(\.|\b|$)"
HEALTH_RE: Final[str] = rf"(?i)\b({_alternation(t for t in HEALTH_TERMS if t[-1].isalpha())})\b"


def _set_series(name: str) -> pl.Expr:
    """The lexicon ``name`` as an imploded literal, for ``is_in`` inside expressions."""
    return pl.lit(_lexicon_series(name)).implode()


@lru_cache(maxsize=16)
def _lexicon_series(name: str) -> pl.Series:
    lex = load_lexicon()
    sets: dict[str, Iterable[str]] = {
        "first": lex.first_names,
        "last": lex.last_names,
        "city": lex.cities,
        "country": lex.countries,
        "job": lex.jobs,
        "gender": GENDER_WORDS,
        "title": TITLE_WORDS,
        "calendar": CALENDAR_WORDS,
        "boolean": BOOLEAN_WORDS,
        "health": HEALTH_TERMS,
        "alpha2": _ALPHA2,
        "religion": RELIGION_WORDS,
        "politics": POLITICS_WORDS,
        "ethnic": ETHNIC_WORDS,
        "marital": MARITAL_WORDS,
        "orientation": ORIENTATION_WORDS,
        "offence": OFFENCE_WORDS,
        "union": UNION_WORDS,
        "language": LANGUAGE_WORDS,
        "nationality": NATIONALITY_WORDS,
    }
    return pl.Series(name, sorted(sets[name]), dtype=pl.Utf8)


_ALPHA2: Final[frozenset[str]] = frozenset(
    """ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo
    bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk
    dm do dz ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr
    gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km
    kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp
    mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl
    pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st
    sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg
    vi vn wf ws ye yt za zm zw uk""".split()
)


# --- checksum validators (candidates only) -----------------------------------------------
def _valid_phone(value: str) -> bool:
    digits = re.sub(r"[^\d+]", "", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    regions: tuple[str | None, ...] = (
        (None,) if digits.startswith("+") else ("FR", "US", "GB", "DE", "ES", "IT", "BE", "CH", "CA")
    )
    for region in regions:
        try:
            num = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(num):
            return True
    return False


_ISSUERS: Final = re.compile(
    r"^(4\d{12}(\d{3}){0,2}|5[1-5]\d{14}|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)\d{12}"
    r"|3[47]\d{13}|3(0[0-5]|[68]\d)\d{11,16}|6(011|5\d\d|4[4-9]\d)\d{12,15}"
    r"|35(2[89]|[3-8]\d)\d{12,15}|62\d{14,17}|(5[06-9]|6\d)\d{10,17})$"
)


def _valid_card(value: str) -> bool:
    digits = re.sub(r"[ -]", "", value)
    return bool(_ISSUERS.match(digits)) and luhn.is_valid(digits)


def _valid_rib(value: str) -> bool:
    # French RIB key: 97 - ((89 * bank + 15 * branch + 3 * account) mod 97), letters of the
    # account mapped as in the Banque de France convention.
    table = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")
    bank, branch, account, key = value[:5], value[5:10], value[10:21], value[21:23]
    try:
        acc = int(account.translate(table))
        return (97 - (89 * int(bank) + 15 * int(branch) + 3 * acc) % 97) == int(key)
    except ValueError:
        return False


def _valid_natid(value: str) -> bool:
    v = value.replace(" ", "").replace("-", "").upper()
    for module in (es_dni, es_nie, it_cf):
        if module.is_valid(v):
            return True
    return bool(re.match(NINO_SHAPE, v))


def _valid_tax(value: str) -> bool:
    """French tax number (numéro fiscal / SPI, 13 digits) or German Steuer-IdNr (11 digits)."""
    return fr_nif.is_valid(value) if len(value) == 13 else de_idnr.is_valid(value)


def _valid_ipv6(value: str) -> bool:
    try:
        ipaddress.IPv6Address(value.split("%")[0])
    except ValueError:
        return False
    return True


def _checked(s: pl.Series, shape: pl.Series, check: Callable[[str], bool]) -> pl.Series:
    """Boolean mask: pattern ``shape`` matched and ``check`` accepts the distinct value."""
    cands = s.filter(shape).unique(maintain_order=True).head(MAX_CANDIDATES).to_list()
    valid = [c for c in cands if check(c)]
    if not valid:
        return pl.Series(s.name, [False] * len(s), dtype=pl.Boolean)
    return s.is_in(pl.Series(valid, dtype=pl.Utf8).implode()) & shape


def clean_values(series: pl.Series) -> pl.Series:
    """Cast a column to stripped strings and drop nulls and null-like tokens.

    Examples
    --------
    >>> clean_values(pl.Series(["  a ", "NULL", None, "", "b"])).to_list()
    ['a', 'b']
    """
    if series.dtype == pl.Utf8:
        s = series
    elif series.dtype.is_temporal():
        s = series.cast(pl.Utf8)
    elif series.dtype in (pl.Binary, pl.Object) or isinstance(series.dtype, pl.List | pl.Struct | pl.Array):
        s = series.map_elements(str, return_dtype=pl.Utf8) if len(series) else series.cast(pl.Utf8, strict=False)
    else:
        s = series.cast(pl.Utf8, strict=False)
    s = s.str.strip_chars().drop_nulls()
    return s.filter(~s.str.to_lowercase().is_in(NULL_TOKENS))


_DATE_FORMATS: Final[tuple[str, ...]] = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%Y.%m.%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%b %d, %Y",
)


def parse_dates(s: pl.Series) -> pl.Series:
    """Parse strings as dates with the best of a few common formats (nulls elsewhere).

    Only the date part (before a space or ``T``) is parsed, so timestamps parse too.

    Examples
    --------
    >>> parse_dates(pl.Series(["3/8/1971", "12/31/1999", "x"])).to_list()
    [datetime.date(1971, 3, 8), datetime.date(1999, 12, 31), None]
    """
    if s.dtype == pl.Date:
        return s
    if s.dtype.is_temporal():
        return (
            s.cast(pl.Datetime).dt.date() if s.dtype != pl.Time else pl.Series(s.name, [None] * len(s), dtype=pl.Date)
        )
    head = s.cast(pl.Utf8).str.strip_chars().str.replace(r"[T ]\d{1,2}:\d{2}.*$", "")
    best: pl.Series | None = None
    best_n = -1
    for fmt in _DATE_FORMATS:
        parsed = head.str.to_date(fmt, strict=False)
        n = len(parsed) - parsed.null_count()
        if n > best_n:
            best, best_n = parsed, n
        if n == len(head):
            break
    assert best is not None
    return best


def _share(mask: pl.Series, n: int) -> float:
    return float(mask.sum()) / n if n else 0.0


_PATTERN_FEATURES: Final[tuple[tuple[str, str], ...]] = (
    ("email", EMAIL),
    ("url", URL),
    ("domain", DOMAIN),
    ("ipv4", IPV4),
    ("uuid", UUID),
    ("hex", HEX),
    ("date_shape", DATE_SHAPE),
    ("date_words", DATE_WORDS_SHAPE),
    ("month_year", MONTH_YEAR),
    ("year", YEAR),
    ("postcode5", POSTCODE_5),
    ("zip4", POSTCODE_ZIP4),
    ("postcode_intl", POSTCODE_INTL),
    ("four_digits", FOUR_DIGITS),
    ("integer", INTEGER),
    ("decimal", DECIMAL),
    ("geo_decimal", GEO_DECIMAL),
    ("latlon_pair", LATLON_PAIR),
    ("currency_percent", CURRENCY_PERCENT),
    ("blood", BLOOD),
    ("feet_inches", FEET_INCHES),
    ("user_agent", USER_AGENT),
    ("username", USERNAME),
    ("mixed_alnum", MIXED_ALNUM),
    ("code", CODE),
    ("address_number", ADDRESS_NUMBER),
    ("street_word", STREET_RE),
    ("po_box", PO_BOX),
    ("title_case", TITLE_CASE),
    ("wordy", WORDY),
    ("ssn_shape", SSN_SHAPE),
    ("company_word", COMPANY_RE),
    ("job_word", JOB_WORDS),
    ("has_time", TIME_PART),
    ("mac", MAC),
    ("plate", PLATE),
    ("id_document_shape", ID_DOCUMENT_SHAPE),
    ("genetic_code", GENETIC),
    ("base64", BASE64),
    ("age_band", AGE_BAND),
)
#: Value lexicons of issue 16: feature name -> lexicon name (see :func:`_lexicon_series`).
_WORD_FEATURES: Final[tuple[tuple[str, str], ...]] = (
    ("religion_word", "religion"),
    ("politics_word", "politics"),
    ("ethnic_word", "ethnic"),
    ("marital_word", "marital"),
    ("orientation_word", "orientation"),
    ("offence_word", "offence"),
    ("union_word", "union"),
    ("language_word", "language"),
    ("nationality_word", "nationality"),
)


def _lexicon_exprs() -> list[pl.Expr]:
    col_s, col_f = pl.col("s"), pl.col("f")
    tokens = col_f.str.replace_all(r"[^a-z' -]", " ").str.strip_chars().str.split(" ")
    first_set, last_set = _set_series("first"), _set_series("last")
    ftf = tokens.list.first().is_in(first_set)
    ltl = tokens.list.last().is_in(last_set)
    length, ndig, nwords = pl.col("len"), pl.col("digits"), pl.col("words")
    return [col_s.str.contains(p).mean().alias(k) for k, p in _PATTERN_FEATURES] + [
        (
            col_s.str.contains(r"[a-z]")
            & col_s.str.contains(r"[A-Z0-9]")
            & ~col_s.str.contains(r"\s")
            & length.is_between(6, 24)
        )
        .mean()
        .alias("password_like"),
        *(col_f.str.strip_chars(" .").is_in(_set_series(lex)).mean().alias(k) for k, lex in _WORD_FEATURES),
        col_f.is_in(_set_series("gender")).mean().alias("gender_word"),
        col_f.is_in(_set_series("title")).mean().alias("title_word"),
        col_f.str.strip_chars(".").is_in(_set_series("calendar")).mean().alias("calendar_word"),
        col_f.is_in(_set_series("boolean")).mean().alias("boolean_word"),
        (col_f.is_in(_set_series("health")) | col_f.str.contains(HEALTH_RE)).mean().alias("health_term"),
        col_f.is_in(_set_series("job")).mean().alias("job_lexicon"),
        col_f.is_in(_set_series("city")).mean().alias("city"),
        col_f.is_in(_set_series("country")).mean().alias("country"),
        (col_s.str.contains(r"^[A-Z]{2}$") & col_f.is_in(_set_series("alpha2"))).mean().alias("alpha2"),
        col_f.is_in(first_set).mean().alias("first_name"),
        col_f.is_in(last_set).mean().alias("last_name"),
        ftf.mean().alias("first_token_first"),
        ltl.mean().alias("last_token_last"),
        (ftf & ltl & nwords.is_between(2, 4) & (ndig == 0)).mean().alias("name_pair"),
        tokens.list.eval(pl.element().is_in(first_set) | pl.element().is_in(last_set))
        .list.any()
        .mean()
        .alias("any_name_token"),
        (length == 1).mean().alias("single_char"),
        (length > 40).mean().alias("long_text"),
        ((nwords >= 4) & col_s.str.contains(r"[a-zA-Z]{2,}[ ,.;:!?]")).mean().alias("sentence"),
        col_s.str.contains(r"[^\W\d_]").mean().alias("has_letter"),
        (ndig > 0).mean().alias("has_digit"),
        col_s.str.contains(r"^\d+$").mean().alias("digits_only"),
        (col_s.str.contains(r"[A-Z]") & (col_s == col_s.str.to_uppercase())).mean().alias("all_upper"),
        (ndig / length.clip(lower_bound=1)).mean().alias("mean_digit_share"),
        length.mean().alias("_mean_len"),
        length.std().alias("_std_len"),
        nwords.mean().alias("_mean_words"),
        col_s.n_unique().alias("_n_unique"),
        col_s.unique_counts().max().alias("_top_count"),
    ]


def profile_column(series: pl.Series, header: str = "", *, today: date | None = None) -> dict[str, float]:
    """Compute the features of one column sample (see :data:`FEATURE_NAMES`).

    Parameters
    ----------
    series
        The sampled values of the column (any dtype).
    header
        The column name (used only for the ``header_*`` one-hot features).
    today
        Reference date for age-like features (default: :func:`datetime.date.today`).

    Returns
    -------
    dict
        Feature name -> float, in the order of :data:`FEATURE_NAMES`.

    Examples
    --------
    >>> f = profile_column(pl.Series(["jean@exemple.fr", "marie@test.org", None]), "courriel")
    >>> f["email"], round(f["non_null_share"], 3), f["header_email"]
    (1.0, 0.667, 1.0)
    """
    today = today or date.today()
    feats = dict.fromkeys(FEATURE_NAMES, 0.0)
    n_total = len(series)
    h_entity, h_strength = header_entity(header) if header else (None, 0.0)
    if h_entity is None:
        feats["header_none"] = 1.0
    else:
        feats[f"header_{h_entity}"] = h_strength
    feats["is_numeric_dtype"] = float(series.dtype.is_numeric())
    feats["is_temporal_dtype"] = float(series.dtype.is_temporal())
    feats["is_bool_dtype"] = float(series.dtype == pl.Boolean)
    s = clean_values(series)
    n = len(s)
    feats["non_null_share"] = n / n_total if n_total else 0.0
    if n == 0:
        return feats

    frame = pl.DataFrame({"s": s}).with_columns(
        fold_expr(pl.col("s")).alias("f"),
        pl.col("s").str.len_chars().cast(pl.Float64).alias("len"),
        pl.col("s").str.count_matches(r"\d").cast(pl.Float64).alias("digits"),
        pl.col("s").str.count_matches(r"\S+").cast(pl.Float64).alias("words"),
    )
    row = frame.select(_lexicon_exprs()).row(0, named=True)
    for k, v in row.items():
        if not k.startswith("_"):
            feats[k] = float(v or 0.0)
    n_unique = int(row["_n_unique"])
    feats["distinct_ratio"] = n_unique / n
    feats["log_distinct"] = math.log1p(n_unique) / math.log1p(max(n, 1))
    feats["top_share"] = float(row["_top_count"]) / n
    mean_len = float(row["_mean_len"] or 0.0)
    feats["mean_len"] = math.log1p(mean_len) / 6.0
    feats["cv_len"] = min(3.0, float(row["_std_len"] or 0.0) / mean_len) if mean_len else 0.0
    feats["mean_words"] = math.log1p(float(row["_mean_words"] or 0.0)) / 4.0

    digits = frame["digits"]
    compact = s.str.replace_all(r"[ .\-]", "")
    upper_compact = compact.str.to_uppercase()
    feats["ipv6"] = _share(_checked(s, s.str.contains(IPV6_SHAPE), _valid_ipv6), n)
    phone_shape = s.str.contains(PHONE_SHAPE) & digits.is_between(8, 15)
    feats["phone_shape"] = _share(phone_shape, n)
    feats["phone_valid"] = _share(_checked(s, phone_shape, _valid_phone), n)
    card_shape = s.str.contains(CARD_SHAPE) & digits.is_between(13, 19)
    feats["card_shape"] = _share(card_shape, n)
    feats["card_valid"] = _share(_checked(s, card_shape, _valid_card), n)
    feats["iban_valid"] = _share(_checked(upper_compact, upper_compact.str.contains(IBAN_SHAPE), std_iban.is_valid), n)
    feats["rib_valid"] = _share(_checked(upper_compact, upper_compact.str.contains(RIB_SHAPE), _valid_rib), n)
    feats["nir_valid"] = _share(_checked(upper_compact, upper_compact.str.contains(NIR_SHAPE), fr_nir.is_valid), n)
    feats["natid_valid"] = _share(
        _checked(
            upper_compact,
            upper_compact.str.contains(r"^[A-Z0-9]{8,16}$")
            & upper_compact.str.contains(r"\d")
            & upper_compact.str.contains(r"[A-Z]"),
            _valid_natid,
        ),
        n,
    )
    feats["siren_valid"] = _share(_checked(compact, compact.str.contains(r"^\d{9}$"), fr_siren.is_valid), n)
    feats["siret_valid"] = _share(_checked(compact, compact.str.contains(r"^\d{14}$"), fr_siret.is_valid), n)
    feats["imei_valid"] = _share(_checked(compact, s.str.contains(IMEI_SHAPE), std_imei.is_valid), n)
    feats["tax_valid"] = _share(_checked(compact, compact.str.contains(r"^\d{11}$|^[0-3]\d{12}$"), _valid_tax), n)

    num = s.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    # finite only: a hexadecimal id such as "4e9123..." parses as an overflowing float
    is_num = num.is_not_null() & num.is_finite().fill_null(False) & s.str.contains(r"^[+-]?[\d.,]+([eE][+-]?\d+)?$")
    feats["numeric"] = _share(is_num, n)
    nums = num.filter(is_num)
    if len(nums):
        geo = s.str.contains(GEO_DECIMAL)
        feats["lat_range"] = _share(geo & (num.abs() <= 90), n)
        feats["lon_range"] = _share(geo & (num.abs() <= 180), n)
        feats["int_ip"] = _share(s.str.contains(INTEGER) & num.is_between(16_777_216, 4_294_967_295), n)
        med = float(nums.abs().median() or 0.0)
        feats["log_magnitude"] = math.log10(med + 1.0) / 10.0
        feats["age_int"] = _share(s.str.contains(r"^\d{1,3}$") & num.is_between(0, 110), n)
        if len(nums) >= 5 and bool((nums == nums.round(0)).all()):
            srt = nums.sort()
            span = float(srt[-1] - srt[0]) + 1.0
            feats["sequential"] = min(1.0, nums.n_unique() / span)

    parsed = parse_dates(series if series.dtype.is_temporal() else s).drop_nulls()
    feats["date_parsed"] = len(parsed) / n
    if len(parsed):
        years = parsed.dt.year()
        feats["dob_range"] = _share(years.is_between(1900, today.year - 12), len(parsed))
        feats["recent_dates"] = _share(years >= today.year - 12, len(parsed))
        feats["future_dates"] = _share(parsed > today, len(parsed))
    return feats


#: Names of the shape statistics of :func:`shape_stats`: not inputs of the forest, but what
#: the plausibility rules of :func:`rgpd_risk.discovery.classifier.decide` read (issue 16).
SHAPE_STATS: Final[tuple[str, ...]] = (
    "n_distinct",
    "num_share",
    "int_valued",
    "num_min",
    "num_max",
    "num_median",
    "decimals_median",
    "unit_share",
    "decimal_text",
    "role_mailbox",
    "zero_padded",
    "compact_date",
)

#: A whole number written with a leading zero ("001001", "0412"): a code of fixed width, never a
#: count or a row number.
ZERO_PADDED: Final[str] = r"^0\d+$"
#: A date (and time) written without separators, ``YYYYMMDD[HHMM[SS]]`` with a valid month, day,
#: hour and minute: a random number of 8 or more digits passes about once in a thousand.
COMPACT_DATE: Final[str] = (
    r"^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(([01]\d|2[0-3])[0-5]\d([0-5]\d)?)?$"
)

#: Role-mailbox words long enough to be read as the start of a local part ("comuneavigliana@").
ROLE_PREFIX_MIN_CHARS: Final[int] = 6
_ROLE_PREFIX: Final[str] = (
    "^(" + "|".join(sorted(w for w in ROLE_MAILBOX_WORDS if len(w) >= ROLE_PREFIX_MIN_CHARS)) + ")"
)


def role_mailbox_mask(s: pl.Series) -> pl.Series:
    """Which values are e-mail addresses of a role mailbox (see
    :data:`rgpd_risk.discovery.lexicon.ROLE_MAILBOX_WORDS`).

    >>> s = pl.Series(["info@chargepoint.com", "jean.dupont@free.fr", "comuneavigliana@pec.it", None])
    >>> role_mailbox_mask(s).to_list()
    [True, False, True, False]
    """
    local = fold_expr(pl.col("s").str.extract(r"^([^@\s]+)@[^@\s]+\.[A-Za-z]{2,}$", 1))
    words = local.str.replace_all(r"[^a-z]+", " ").str.strip_chars().str.split(" ")
    role = words.list.eval(pl.element().is_in(sorted(ROLE_MAILBOX_WORDS))).list.any() | local.str.contains(
        _ROLE_PREFIX
    )
    return pl.DataFrame({"s": s.cast(pl.Utf8, strict=False)}).select(role.fill_null(False))["s"]


#: A decimal number anywhere in a value ("[2.3522, 48.8566]", "POINT(2.35 48.85)").
DECIMAL_IN_TEXT: Final[str] = r"[+-]?\d{1,3}\.\d{2,}"


def shape_stats(series: pl.Series) -> dict[str, float]:
    """Distribution statistics of one column sample, read by the decision rules (vectorised).

    ``n_distinct``: distinct cleaned values; ``num_share``: share of numeric values;
    ``int_valued``: share of values that are whole numbers; ``num_min``, ``num_max``,
    ``num_median``: of the numeric values (0 without any); ``decimals_median``: median count of
    digits after the decimal point of the numeric values; ``unit_share``: share of values
    within [-1, 1] (shares, rates, proportions); ``decimal_text``: share of values holding a
    decimal number somewhere (coordinates written as text); ``role_mailbox``: share of role
    mailboxes (:func:`role_mailbox_mask`); ``zero_padded``: share of whole numbers written with a
    leading zero (:data:`ZERO_PADDED`); ``compact_date``: share of dates written without
    separators (:data:`COMPACT_DATE`).

    Examples
    --------
    >>> st = shape_stats(pl.Series(["0.25", "0.5", "0.125", None]))
    >>> st["n_distinct"], st["unit_share"], st["decimals_median"], st["int_valued"]
    (3.0, 1.0, 2.0, 0.0)
    >>> shape_stats(pl.Series([31, 45, 27]))["num_median"]
    31.0
    """
    out = dict.fromkeys(SHAPE_STATS, 0.0)
    s = clean_values(series)
    n = len(s)
    if n == 0:
        return out
    num = s.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    is_num = num.is_not_null() & num.is_finite().fill_null(False) & s.str.contains(r"^[+-]?[\d.,]+([eE][+-]?\d+)?$")
    nums = num.filter(is_num)
    out["n_distinct"] = float(s.n_unique())
    out["num_share"] = _share(is_num, n)
    out["decimal_text"] = _share(s.str.contains(DECIMAL_IN_TEXT), n)
    out["role_mailbox"] = _share(role_mailbox_mask(s), n)
    out["zero_padded"] = _share(s.str.contains(ZERO_PADDED), n)
    out["compact_date"] = _share(s.str.contains(COMPACT_DATE), n)
    if len(nums):
        out["int_valued"] = float((nums == nums.round(0)).sum()) / n
        out["num_min"] = float(nums.min())  # type: ignore[arg-type]
        out["num_max"] = float(nums.max())  # type: ignore[arg-type]
        out["num_median"] = float(nums.median())  # type: ignore[arg-type]
        out["unit_share"] = float((nums.abs() <= 1.0).sum()) / n
        text = s.filter(is_num)
        decimals = text.str.extract(r"[.,](\d+)$", 1).str.len_chars().fill_null(0)
        out["decimals_median"] = float(decimals.median() or 0.0)
    return out


def entity_mask(entity: str, s: pl.Series, *, checksums: bool = True) -> pl.Series:
    """Which cleaned values (see :func:`clean_values`) match the detector of an entity.

    With ``checksums=False`` (full scans over every row), entities validated by a library
    checksum fall back to their vectorised pattern only.

    Examples
    --------
    >>> entity_mask("email", pl.Series(["a@b.fr", "nope"])).to_list()
    [True, False]
    >>> entity_mask("credit_card", pl.Series(["4111 1111 1111 1111", "4111 1111 1111 1112"])).to_list()
    [True, False]
    """
    if len(s) == 0:
        return pl.Series(s.name, [], dtype=pl.Boolean)
    if s.dtype != pl.Utf8:
        s = s.cast(pl.Utf8, strict=False)
    frame = pl.DataFrame({"s": s})
    col_s, col_f = pl.col("s"), fold_expr(pl.col("s"))  # lazy: folded only when used
    compact = col_s.str.replace_all(r"[ .\-]", "").str.to_uppercase()
    digits = col_s.str.count_matches(r"\d")
    any_name = (
        col_f.str.replace_all(r"[^a-z' -]", " ")
        .str.strip_chars()
        .str.split(" ")
        .list.eval(pl.element().is_in(_set_series("first")) | pl.element().is_in(_set_series("last")))
        .list.any()
    )
    shape_exprs: dict[str, pl.Expr] = {
        "email": col_s.str.contains(EMAIL),
        "url": col_s.str.contains(URL) | col_s.str.contains(DOMAIN),
        "phone": col_s.str.contains(PHONE_SHAPE) & digits.is_between(8, 15),
        "iban": compact.str.contains(IBAN_SHAPE) | compact.str.contains(RIB_SHAPE),
        "credit_card": col_s.str.contains(CARD_SHAPE) & digits.is_between(13, 19),
        "nir": compact.str.contains(NIR_SHAPE),
        "national_id": compact.str.contains(NIR_SHAPE)
        | col_s.str.contains(SSN_SHAPE)
        | (compact.str.contains(r"^[A-Z0-9]{8,16}$") & compact.str.contains(r"\d")),
        "siren_siret": compact.str.contains(r"^(\d{9}|\d{14})$"),
        "ip_address": col_s.str.contains(IPV4)
        | col_s.str.contains(IPV6_SHAPE)
        | (col_s.str.contains(INTEGER) & col_s.cast(pl.Int64, strict=False).is_between(16_777_216, 4_294_967_295)),
        "geolocation": col_s.str.contains(GEO_DECIMAL) | col_s.str.contains(LATLON_PAIR),
        "postcode": col_s.str.contains(POSTCODE_5)
        | col_s.str.contains(POSTCODE_ZIP4)
        | col_s.str.contains(POSTCODE_INTL)
        | col_s.str.contains(FOUR_DIGITS),
        "gender": col_f.is_in(_set_series("gender")) | col_f.is_in(_set_series("title")),
        "first_name": col_f.is_in(_set_series("first")),
        "last_name": col_f.is_in(_set_series("last")),
        "person_name": any_name,
        "city": col_f.is_in(_set_series("city")),
        "country": col_f.is_in(_set_series("country"))
        | (col_s.str.contains(r"^[A-Z]{2}$") & col_f.is_in(_set_series("alpha2"))),
        "address": col_s.str.contains(STREET_RE) | col_s.str.contains(ADDRESS_NUMBER) | col_s.str.contains(PO_BOX),
        "health": col_f.is_in(_set_series("health")) | col_f.str.contains(HEALTH_RE) | col_s.str.contains(BLOOD),
        "job_title": col_f.is_in(_set_series("job")) | col_s.str.contains(JOB_WORDS),
        "company": col_s.str.contains(COMPANY_RE),
        "free_text": col_s.str.count_matches(r"\S+") >= 3,
        "device_id": col_s.str.contains(MAC) | col_s.str.contains(IMEI_SHAPE) | col_s.str.contains(UUID)
        | col_s.str.contains(HEX),
        "licence_plate": col_s.str.to_uppercase().str.contains(PLATE),
        "id_document": compact.str.contains(ID_DOCUMENT_SHAPE) | compact.str.contains(r"^\d{12}$")
        | (compact.str.contains(r"^[A-Z0-9]{8,16}$") & compact.str.contains(r"\d")),
        "tax_id": compact.str.contains(r"^\d{11}$|^[0-3]\d{12}$")
        | (compact.str.contains(r"^[A-Z0-9]{8,16}$") & compact.str.contains(r"\d")),
        "genetic": col_s.str.contains(GENETIC),
        "biometric": col_s.str.contains(BASE64) | col_s.str.contains(HEX),
        "age": (col_s.str.contains(r"^\d{1,3}$") & col_s.cast(pl.Int64, strict=False).is_between(0, 110))
        | col_s.str.contains(AGE_BAND),
        **{
            entity: col_f.str.strip_chars(" .").is_in(_set_series(lex))
            for entity, lex in (
                ("religion", "religion"),
                ("political_opinion", "politics"),
                ("racial_ethnic_origin", "ethnic"),
                ("marital_status", "marital"),
                ("sexual_orientation", "orientation"),
                ("offence", "offence"),
                ("trade_union", "union"),
                ("language", "language"),
                ("nationality", "nationality"),
            )
        },
    }
    if entity in ("date", "date_of_birth"):
        return parse_dates(s).is_not_null() | s.str.contains(DATE_SHAPE)
    expr = shape_exprs.get(entity)
    if expr is None:  # identifier, not_personal: every non-null value counts
        return pl.Series(s.name, [True] * len(s), dtype=pl.Boolean)
    mask = frame.select(expr.fill_null(False).alias("m"))["m"]
    if not checksums:
        return mask
    comp = s.str.replace_all(r"[ .\-]", "").str.to_uppercase()
    if entity == "phone":
        return _checked(s, mask, _valid_phone)
    if entity == "credit_card":
        return _checked(s, mask, _valid_card)
    if entity == "iban":
        return _checked(comp, mask, lambda v: std_iban.is_valid(v) or _valid_rib(v))
    if entity == "nir":
        return _checked(comp, mask, fr_nir.is_valid)
    if entity == "national_id":
        return _checked(comp, mask, lambda v: fr_nir.is_valid(v) or _valid_natid(v)) | s.str.contains(SSN_SHAPE)
    if entity == "siren_siret":
        return _checked(comp, mask, lambda v: fr_siren.is_valid(v) or fr_siret.is_valid(v))
    if entity == "tax_id":
        return _checked(comp, mask, lambda v: _valid_tax(v) or _valid_natid(v))
    if entity == "ip_address":
        v6 = _checked(s, s.str.contains(IPV6_SHAPE), _valid_ipv6)
        return (mask & ~s.str.contains(IPV6_SHAPE)) | v6
    return mask
