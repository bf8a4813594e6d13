"""Masking of example values: no raw personal value ever leaves the scanner.

Every example shown in a :class:`~rgpd_risk.discovery.result.ScanResult` goes through
:func:`mask_value`, whatever the entity (a misclassified column must not leak either).
Masks keep only what helps a reader recognise the kind of data: the first letter of a name,
the domain suffix of an e-mail, the country code and last digits of an IBAN, the last
digits of a card or phone number (as on a receipt), the shape of anything else.
"""

from __future__ import annotations

import re
from functools import lru_cache

import polars as pl

from rgpd_risk.discovery.headers import _RULES as _HEADER_RULES
from rgpd_risk.discovery.headers import header_entity
from rgpd_risk.discovery.lexicon import fold, load_lexicon

_MAX = 24


def _shape(value: str) -> str:
    """Digits -> 9, letters -> x/X, punctuation kept, truncated."""
    out = re.sub(r"\d", "9", value)
    out = re.sub(r"[^\W\d_]", lambda m: "X" if m.group(0).isupper() else "x", out)
    return out[:_MAX] + ("…" if len(out) > _MAX else "")


def _words(value: str) -> str:
    return " ".join(w[0] + "***" for w in value.split() if w)


def mask_value(entity: str, value: object) -> str:
    """Return a masked rendering of one value for a given entity.

    Examples
    --------
    >>> mask_value("email", "jean.dupont@exemple.fr")
    'j***@***.fr'
    >>> mask_value("iban", "FR7630006000011234567890189")
    'FR76 **** **** 0189'
    >>> mask_value("person_name", "Jean Dupont")
    'J*** D***'
    >>> mask_value("credit_card", "4970 1012 3456 7891")
    '**** **** **** 7891'
    >>> mask_value("phone", "+33 6 12 34 56 78")
    '+33 * ** ** ** 78'
    >>> mask_value("not_personal", "120.5€")
    '999.9€'
    """
    text = str(value).strip()
    if not text:
        return ""
    if entity == "email" and "@" in text:
        local, _, domain = text.partition("@")
        suffix = domain.rsplit(".", 1)[-1] if "." in domain else "***"
        return f"{local[:1]}***@***.{suffix[:6]}"
    if (entity in {"credit_card", "phone"} and re.search(r"[^\W\d_]{3,}|@", text)) or (
        entity == "iban" and not re.match(r"^[A-Za-z]{2}\d{2}[A-Za-z0-9 ]+$|^\d[\d A-Z]+$", text)
    ):
        return _shape(text)  # not of the entity's form: show its shape only
    if entity == "iban":
        compact = re.sub(r"\s", "", text)
        return f"{compact[:4]} **** **** {compact[-4:]}" if len(compact) > 8 else "****"
    if entity == "credit_card":
        digits = re.sub(r"\D", "", text)
        return f"**** **** **** {digits[-4:]}" if len(digits) >= 12 else "***"
    if entity == "phone":
        prefix = re.match(r"^(\+|00)\d{1,3}", text)
        head = prefix.group(0) if prefix else ""
        body = text[len(head) :]
        n_digits = len(re.findall(r"\d", body))
        seen = 0
        out = []
        for ch in body:
            if ch.isdigit():
                seen += 1
                out.append(ch if seen > n_digits - 2 else "*")
            else:
                out.append(ch)
        return head + "".join(out)
    if entity in {"person_name", "first_name", "last_name", "city", "address", "company", "job_title"}:
        return _words(re.sub(r"\d", "9", text))[:_MAX]
    if entity == "ip_address":
        parts = text.split(".")
        if len(parts) == 4:
            return f"{parts[0]}.*.*.*"
        return text.split(":")[0] + ":****" if ":" in text else "*" * 3
    if entity in {"free_text", "health"}:
        return _words(text)[:12] + "…"
    return _shape(text)


# --- names that are values -----------------------------------------------------------------
# A CSV without a header row gives its first data row as column names, and a database
# can name a table or a column after a person ("dupont_jean", "jean.dupont@exemple.fr").
# Such names must not reach an output raw either.
_NAME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")),
    ("ip_address", re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")),
    ("iban", re.compile(r"^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$")),
    ("date", re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?)?$")),
    ("phone", re.compile(r"^\+?[\d ().\-/]{8,}$")),
)


def value_like_name(name: object) -> str | None:
    """The entity whose value a column or table name looks like, or ``None``.

    Only forms that a header or a table name never takes: an e-mail address, an IP
    address, an IBAN, a date, a run of eight or more digits (phone, card, NIR, ...).

    Examples
    --------
    >>> value_like_name("jean.dupont@exemple.fr"), value_like_name("06 12 34 56 78")
    ('email', 'phone')
    >>> value_like_name("email"), value_like_name("2015"), value_like_name("code_postal")
    (None, None, None)
    """
    text = str(name).strip()
    for entity, pattern in _NAME_PATTERNS:
        if pattern.match(text) and (entity != "phone" or len(re.findall(r"\d", text)) >= 8):
            return entity
    return None


# A name of a person used as a header or table name ("Jean Dupont", "DUPONT Marie",
# "dupont_jean"): an export keyed by person, a pivot with one column per employee.
_PARTICLES = frozenset(
    "de du des la le van von der den da di del della dos das ben bin ibn al el ter ten af zu y".split()
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _capitalised(word: str) -> bool:
    """"Dupont", "DUPONT", "Jean-Pierre", "O'Brien", "McDonald"; not "dupont", "iPhone"."""
    return word[0].isupper()


_HEADER_WORDS: frozenset[str] = frozenset(
    w for phrases in _HEADER_RULES.values() for p in phrases for w in p.rstrip("~").split()
)
"""Every word of the header phrases the scanner knows ("date", "naissance", "client" ...)."""


@lru_cache(maxsize=1)
def _lexicon_names() -> tuple[frozenset[str], frozenset[str]]:
    """First names, and first or last names, of the shipped lexicon (empty when missing)."""
    lexicon = load_lexicon()
    return lexicon.first_names, lexicon.first_names | lexicon.last_names


def person_like_name(name: object) -> bool:
    """Whether a column or table name looks like a person's name, so that outputs mask it.

    Two rules, both only for names that are not a known header phrase (:func:`header_entity`
    finds nothing) and hold no word of the header vocabulary ("date", "client", "price" ...):

    * 2 to 4 capitalised words of letters ("Jean Dupont", "DUPONT Marie", "Jean-Pierre de La
      Fontaine"; particles such as "de", "van" may stay lower case), one of which at least is
      a first or last name of the shipped name lexicon (when the lexicon is missing, the
      shape alone decides);
    * a data-dictionary style name ("dupont_jean", "jean.dupont") whose 2 or 3 words are all
      in the name lexicon, one of them a first name.

    Ordinary headers stay visible: "First Name", "Date de naissance", "Customer ID",
    "Unit Price", "Legal Basis". A name made of words the lexicon does not know (a rare
    name) escapes the rule: the lexicon is the limit of what can be told from a header.

    Examples
    --------
    >>> [person_like_name(n) for n in ("Jean Dupont", "DUPONT Marie", "dupont_jean", "Marie Curie")]
    [True, True, True, True]
    >>> [person_like_name(n) for n in ("First Name", "Date de naissance", "Customer ID", "Legal Basis", "Marie")]
    [False, False, False, False, False]
    """
    text = str(name).strip()
    if not text or len(text) > 80:
        return False
    first_names, known = _lexicon_names()
    words = text.replace(",", " ").split()
    if 2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(w) for w in words):
        core = [w for i, w in enumerate(words) if not (i and w.islower() and w in _PARTICLES)]
        if len(core) < 2 or not all(_capitalised(w) for w in core):
            return False
        folded = [fold(w) for w in core]
        if header_entity(text)[0] is not None or any(w in _HEADER_WORDS for w in folded):
            return False
        return not known or any(w in known for w in folded)
    parts = [fold(p) for p in re.split(r"[._\-\s]+", text) if p]
    if not 2 <= len(parts) <= 3 or not all(_NAME_WORD.fullmatch(p) and len(p) > 1 for p in parts):
        return False
    if header_entity(text)[0] is not None or any(p in _HEADER_WORDS for p in parts):
        return False
    return all(p in known for p in parts) and any(p in first_names for p in parts)


_SHAPE_STEPS: tuple[tuple[str, str], ...] = (
    (r"\p{Lu}", "A"),
    (r"[\p{Ll}\p{Lo}\p{Lm}\p{Lt}]", "a"),
    (r"\d", "9"),
    (r"A+", "A"),
    (r"a+", "a"),
    (r"9+", "9"),
    (r"\s+", " "),
)


def header_like(name: str) -> bool:
    """Whether a column name reads as a header: blank, a known header phrase, or holding a
    word of the header vocabulary ("Unit Price", "montant", "date de revue").

    Examples
    --------
    >>> header_like("Date de naissance"), header_like("Unit Price"), header_like("Xóchitl Ngata")
    (True, True, False)
    """
    text = name.strip()
    return (
        not text
        or header_entity(text)[0] is not None
        or any(fold(w) in _HEADER_WORDS for w in _NAME_WORD.findall(text))
    )


def word_shapes(values: pl.Series) -> pl.Series:
    """The word shape of each value: runs of capitals, small letters and digits become
    ``A``, ``a`` and ``9``, runs of spaces one space, punctuation stays ("Xóchitl Ngata" and
    "Jean Dupont" are both ``Aa Aa``; "06 12 34" is ``9 9 9``).

    Examples
    --------
    >>> word_shapes(pl.Series(["Xóchitl Ngata", "DUPONT Marie", "jean.dupont@x.fr", "75011"])).to_list()
    ['Aa Aa', 'A Aa', 'a.a@a.a', '9']
    """
    out = values.cast(pl.Utf8, strict=False).str.strip_chars()
    for pattern, repl in _SHAPE_STEPS:
        out = out.str.replace_all(pattern, repl)
    return out


def shaped_like_values(name: str, values: pl.Series, share: float = 0.5) -> bool:
    """Whether a column name has the word shape of the column's own values, as when a file's
    first data row was read as its header: a shape of two words or more ("Aa Aa", "9 9 9",
    "a.a@a.a"; one word is too common a shape for a header to tell), held by at least
    ``share`` of the non-null values, for a name that is no known header phrase and holds no
    word of the header vocabulary.

    Examples
    --------
    >>> names = pl.Series(["Jean Dupont", "Ana Lima", "Li Wei", None])
    >>> shaped_like_values("Xóchitl Ngata", names), shaped_like_values("Full Name", names)
    (True, False)
    >>> shaped_like_values("Dupont", pl.Series(["Lima", "Wei"]))  # one word: not enough
    False
    """
    text = name.strip()
    shape = word_shapes(pl.Series([text]))[0]
    if not shape or not re.search(r"[Aa9].*[^Aa9].*[Aa9]", shape) or header_like(text):
        return False
    shapes = word_shapes(values.drop_nulls())
    return len(shapes) > 0 and float((shapes == shape).mean() or 0.0) >= share


def personal_name(name: object) -> str | None:
    """The entity to mask a column or table name as: :func:`value_like_name`, or
    ``person_name`` for a name that looks like a person's (:func:`person_like_name`).

    Examples
    --------
    >>> personal_name("Jean Dupont"), personal_name("a@b.fr"), personal_name("Date de naissance")
    ('person_name', 'email', None)
    """
    return value_like_name(name) or ("person_name" if person_like_name(name) else None)


def masked_name(name: str, position: int | None, entity: str, kind: str = "column") -> str:
    """The name shown for a column, table or folder whose name is a value: its position (a
    column's; ``None`` for none) and the value masked as such.

    Examples
    --------
    >>> masked_name("jean.dupont@exemple.fr", 3, "email")
    'column 3 (j***@***.fr)'
    >>> masked_name("Jean Dupont", None, "person_name", kind="folder")
    'folder (J*** D***)'
    """
    where = kind if position is None else f"{kind} {position}"
    return f"{where} ({mask_value(entity, name)})"
