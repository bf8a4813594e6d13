"""Numbers, euros, percentages and dates in the reader's language (Babel / CLDR).

One place for every formatted figure the library shows — the fine calculator's step texts,
the command line and the reports — so that French readers get "1 234 567 €" and "4,1 %"
and English readers "€1,234,567" and "4.1%". Also the one rule that makes text safe in a
spreadsheet (:func:`neutralise`, :func:`neutralise_formulas`), shared by every Excel export.
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _babel_percent

LANGS = ("fr", "en")
"""Languages the reports are written in."""

_LOCALE = {"fr": "fr_FR", "en": "en_GB"}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a report language, else raise ``ValueError``.

    Examples
    --------
    >>> check_lang("fr")
    'fr'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return lang


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def format_eur(x: float | int | None, lang: str = "en", *, digits: int | None = 0) -> str:
    """Format an amount in euros for the language.

    Parameters
    ----------
    x : float or None
        Amount in euros; ``None`` or NaN gives an em dash.
    lang : {"fr", "en"}
    digits : int or None, default 0
        Decimal places; ``None`` shows cents only when the amount has some.

    Examples
    --------
    >>> format_eur(52_000_000, "en")
    '€52,000,000'
    >>> format_eur(52_000_000, "fr").replace("\\u202f", " ").replace("\\xa0", " ")
    '52 000 000 €'
    >>> format_eur(None, "fr")
    '—'
    >>> format_eur(1369405692.3, "en", digits=None)
    '€1,369,405,692.30'
    """
    check_lang(lang)
    if _missing(x):
        return "—"
    if digits is None:
        digits = 0 if round(float(x) * 100) % 100 == 0 else 2
    decimals = "." + "0" * digits if digits else ""
    pattern = f"#,##0{decimals}\u00a0¤" if lang == "fr" else f"¤#,##0{decimals}"
    return format_currency(float(x), "EUR", format=pattern, locale=_LOCALE[lang], currency_digits=False)


def format_eur_short(x: float | int | None, lang: str) -> str:
    """Amount in euros rounded to thousands or millions (``1,2 M€`` / ``€1.2m``).

    Examples
    --------
    >>> format_eur_short(1_234_567, "en"), format_eur_short(1_234_567, "fr").replace("\\xa0", " ")
    ('€1.2m', '1,2 M€')
    >>> format_eur_short(950, "en")
    '€950'
    """
    check_lang(lang)
    if _missing(x):
        return "—"
    x = float(x)
    for scale, fr_unit, en_unit in ((1e9, "Md€", "bn"), (1e6, "M€", "m"), (1e3, "k€", "k")):
        if abs(x) >= scale:
            value = format_decimal(x / scale, format="#,##0.#", locale=_LOCALE[lang])
            return f"{value}\u00a0{fr_unit}" if lang == "fr" else f"€{value}{en_unit}"
    return format_eur(x, lang)


def format_percent(x: float | None, lang: str, *, digits: int = 1) -> str:
    """Format a share (0.041 → ``4,1 %`` / ``4.1%``).

    Examples
    --------
    >>> format_percent(0.041, "en"), format_percent(0.041, "fr").replace("\\u202f", " ")
    ('4.1%', '4,1 %')
    """
    check_lang(lang)
    if _missing(x):
        return "—"
    decimals = "." + "0" * digits if digits else ""
    sign = "\u202f%" if lang == "fr" else "%"  # CLDR: French puts a narrow space before %
    return _babel_percent(float(x), format=f"#,##0{decimals}{sign}", locale=_LOCALE[lang])


def format_number(x: float | int | None, lang: str, *, digits: int = 0) -> str:
    """Format a number with the language's grouping and decimal separators.

    Examples
    --------
    >>> format_number(1234567, "en"), format_number(1234.5, "fr", digits=1).replace("\\u202f", " ")
    ('1,234,567', '1 234,5')
    """
    check_lang(lang)
    if _missing(x):
        return "—"
    decimals = "." + "0" * digits if digits else ""
    return format_decimal(x, format=f"#,##0{decimals}", locale=_LOCALE[lang])


def format_date(d: dt.date | dt.datetime | str | None, lang: str) -> str:
    """Format a date in the long form of the language.

    Examples
    --------
    >>> format_date(dt.date(2026, 3, 1), "fr"), format_date(dt.date(2026, 3, 1), "en")
    ('1 mars 2026', '1 March 2026')
    """
    check_lang(lang)
    if d is None:
        return "—"
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    return _babel_date(d, format="long", locale=_LOCALE[lang])


# --- spreadsheet safety (CSV / formula injection) ----------------------------------------
#: A spreadsheet evaluates a cell starting with one of these as a formula (OWASP "CSV
#: injection"); exported text starting with one gets a leading apostrophe.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PATTERN = "^[" + "".join("\\" + c if c in "-\\]^" else c for c in FORMULA_PREFIXES) + "]"


def neutralise(value: str) -> str:
    """Prefix text a spreadsheet would evaluate as a formula with an apostrophe.

    Examples
    --------
    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("CRM")
    ('\\'=HYPERLINK("http://x")', 'CRM')
    """
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Spreadsheet-safe copy: lists joined with ``"; "``, dates as ISO text, and text cells
    starting with ``= + - @``, tab or CR prefixed with ``'`` (vectorised :func:`neutralise`).

    Examples
    --------
    >>> f = pl.DataFrame({"t": ["=1+1", "ok", "@SUM(A1)", None], "l": [["a", "b"], [], None, []]})
    >>> neutralise_formulas(f).rows()
    [("'=1+1", 'a; b'), ('ok', ''), ("'@SUM(A1)", None), (None, '')]
    """
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List):
            col = col.cast(pl.List(pl.Utf8)).list.join("; ")
        elif dtype in (pl.Date, pl.Datetime):
            col = col.cast(pl.Utf8)
        elif dtype not in (pl.Utf8, pl.Categorical):
            exprs.append(col)
            continue
        col = col.cast(pl.Utf8)
        exprs.append(pl.when(col.str.contains(FORMULA_PATTERN)).then(pl.lit("'") + col)
                     .otherwise(col).alias(name))
    return frame.select(exprs)


def colon(lang: str) -> str:
    """The colon of ``lang`` with its spacing: French puts a narrow no-break space before it.

    Examples
    --------
    >>> colon("en"), colon("fr") == "\u202f: "
    (': ', True)
    """
    return "\u202f: " if check_lang(lang) == "fr" else ": "


def semicolon(lang: str) -> str:
    """The list separator of ``lang`` for items that contain commas, spaced like :func:`colon`.

    Examples
    --------
    >>> semicolon("en"), semicolon("fr") == "\u202f; "
    ('; ', True)
    """
    return "\u202f; " if check_lang(lang) == "fr" else "; "
