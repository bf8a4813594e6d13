"""Masking of example values: no raw personal value ever leaves the scanner.

Every example shown in a :class:`~rgpd_risk.discovery.result.ScanResult` goes through
:func:`mask_value`, whatever the entity (a misclassified column must not leak either).
Masks keep only what helps a reader recognise the kind of data: the first letter of a name,
the domain suffix of an e-mail, the country code and last digits of an IBAN, the last
digits of a card or phone number (as on a receipt), the shape of anything else.
"""

from __future__ import annotations

import re

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


def masked_name(name: str, position: int, entity: str, kind: str = "column") -> str:
    """The name shown for a column (or table) whose name is a value: its position and the
    value masked as such.

    Examples
    --------
    >>> masked_name("jean.dupont@exemple.fr", 3, "email")
    'column 3 (j***@***.fr)'
    """
    return f"{kind} {position} ({mask_value(entity, name)})"
