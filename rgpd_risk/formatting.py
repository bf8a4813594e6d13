"""Numbers, euros and percentages in the reader's language (Babel / CLDR).

One place for every formatted figure the library shows, so that French readers get
"1 234 567,89 €" and "4 %" and English readers "€1,234,567.89" and "4%".
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def _locale(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}: expected one of {sorted(LOCALES)}") from None


def format_eur(amount: float, lang: str = "en", *, cents: bool | None = None) -> str:
    """An amount in euros; cents are shown only when the amount has some (or when asked).

    Examples
    --------
    >>> format_eur(54600, "fr")
    '54\\u202f600\\xa0€'
    >>> format_eur(1369405692.3, "en")
    '€1,369,405,692.30'
    """
    show_cents = cents if cents is not None else round(float(amount) * 100) % 100 != 0
    pattern = None if show_cents else ("#,##0\u00a0¤" if lang == "fr" else "¤#,##0")
    return format_currency(float(amount), "EUR", format=pattern, locale=_locale(lang),
                           currency_digits=show_cents)


def format_pct(share: float, lang: str = "en", digits: int = 0) -> str:
    """A share (0.04) as a percentage ("4 %" in French, "4%" in English).

    Examples
    --------
    >>> format_pct(0.035, "en", 1), format_pct(0.04, "fr")
    ('3.5%', '4\\xa0%')
    """
    base = Locale.parse(_locale(lang)).percent_formats[None].pattern  # "#,##0 %" in French
    pattern = base.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1)
    return format_percent(share, format=pattern, locale=_locale(lang))


def format_number(value: float, lang: str = "en", digits: int = 0) -> str:
    """A plain number with the language's grouping and decimal marks.

    Examples
    --------
    >>> format_number(1250, "fr"), format_number(2.5, "en", 1)
    ('1\\u202f250', '2.5')
    """
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))
