"""Numbers and dates as people type them in registers, parsed with vectorised polars expressions.

Counts (``subject_count``, ``access_count`` …) are written "12 000", "12,000", "12.000", "1 500"
(narrow no-break space), "env. 5000", "5k", "> 10 000", "1 000 à 5 000". Rules (our modelling
choices, listed so that a reader can contest them):

* Digits grouped by three with one kind of separator (space, no-break or narrow no-break space,
  ``.``, ``,``, ``'``) are thousands: "12.000" and "12,000" are 12 000, never 12. In a decimal
  column (``retention_months``) a single ``,`` or ``.`` is a decimal mark instead.
* A count written with a single ``,`` or ``.`` followed by exactly three digits ("12,000",
  "12.000", "1.500") could also be a decimal: it is still read as thousands, but flagged
  (``grouped``) so that the loader names the cell in a warning. Unambiguous forms ("12 000",
  "12000", "1 500" with a no-break space, "12,000,000", "12.000.000") are not flagged.
* "k" / "mille" multiply by 1 000, "M" / "million(s)" by 1 000 000.
* "env.", "environ", "approx.", "about", "~", "≈", "ca." mark an approximation: the number is
  used as it is, without a warning.
* A bound (">", "plus de", "au moins", "at least", "<", "moins de", "up to" …) or a range
  ("1 000 à 5 000", "1000-5000") is ambiguous: the bound or the *upper* end of the range
  (the pessimistic reading) is used and the cell is named in a warning.
* "NaN", "inf", and values above :data:`MAX_COUNT` are errors, never silent unknowns.

Dates: ISO ``AAAA-MM-JJ`` (a time of day may follow), ``JJ/MM/AAAA``, ``JJ-MM-AAAA``,
``JJ.MM.AAAA``, ``AAAA/MM/JJ``; a two-digit year ``JJ/MM/AA`` is 20AA (never the year AA, and
only for AA ≤ the current two-digit year + 1; otherwise 19AA); anything after the date that is
not a time of day is an error. "24-01-01", with dashes, is read JJ-MM-AA (24 January 2001) but
could be the short ISO AA-MM-JJ (1 January 2024): when that second reading is a different,
past date, the cell is named in a warning (:func:`short_iso_reading`).
"""

from __future__ import annotations

import polars as pl

MAX_COUNT = 10_000_000_000
"""Largest plausible count of people (more than the world's population): above is an error."""

_SPACES = r"[\u00a0\u202f\u2009\u2007\u2008]"
_QUALIFIER = (
    r"^(environ|env\.?|approximativement|approximately|approx\.?|about|around|circa|ca\.?|~|≈|"
    r"pres de|près de|plus de|more than|over|>=|>|≥|au moins|at least|au minimum|minimum|min\.?|"
    r"moins de|less than|under|<=|<|≤|jusqu'a|jusqu'à|jusqu’à|up to|au maximum|maximum|max\.?)\s*"
)
_LOWER = ("pres de", "près de", "plus de", "more than", "over", ">", ">=", "≥", "au moins", "at least",
          "au minimum", "minimum", "min", "min.")
_UPPER = ("moins de", "less than", "under", "<", "<=", "≤", "jusqu'a", "jusqu'à", "jusqu’à", "up to",
          "max", "max.", "maximum", "au maximum")
_DIGITS = r"\d(?:[\d .,'’]*\d)?"
_SUFFIX = r"(?:\s*(k|mille|millions?|m))?"
_SINGLE = rf"^(-)?\s*({_DIGITS}){_SUFFIX}$"
_RANGE = rf"^({_DIGITS}){_SUFFIX}\s*(?:-|–|—|à|a|to|/)\s*({_DIGITS}){_SUFFIX}$"
_THOUSANDS = r"^\d{1,3}(?:(?: \d{3})+|(?:\.\d{3})+|(?:,\d{3})+|(?:'\d{3})+|(?:’\d{3})+)$"
_ONE_GROUP = r"^\d{1,3}[.,]\d{3}$"
_SCIENTIFIC = r"^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$"
_NON_FINITE = r"^[+-]?(?:nan|inf|infinity|infini|∞)$"


def _digits_value(digits: pl.Expr, *, decimal_comma: bool) -> pl.Expr:
    """A digit string (thousands or decimal separators inside) → Float64 (null if unreadable)."""
    plain = digits.str.replace_all(r"[ '’]", "")
    thousands = digits.str.contains(_THOUSANDS)
    if decimal_comma:  # a single "," or "." followed by three digits is a decimal mark here
        thousands = thousands & ~digits.str.contains(r"^\d{1,3}[.,]\d{3}$")
    both = plain.str.contains(r"\.") & plain.str.contains(",")
    # With both marks, the last one is the decimal mark: "1.234,5" and "1,234.5".
    last_comma = plain.str.find(",", literal=True) > plain.str.find(".", literal=True)
    mixed = (
        pl.when(last_comma)
        .then(plain.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
        .otherwise(plain.str.replace_all(",", "", literal=True))
    )
    decimal = plain.str.contains(r"^\d+(?:[.,]\d+)?$")
    return (
        pl.when(thousands)
        .then(plain.str.replace_all(r"[.,]", ""))
        .when(both & plain.str.contains(r"^\d{1,3}(?:[.,]\d{3})*[.,]\d+$"))
        .then(mixed)
        .when(decimal)
        .then(plain.str.replace(",", ".", literal=True))
        .otherwise(None)
        .cast(pl.Float64, strict=False)
    )


def _multiplier(suffix: pl.Expr) -> pl.Expr:
    return (
        pl.when(suffix.is_in(["k", "mille"]))
        .then(1_000.0)
        .when(suffix.is_in(["m", "million", "millions"]))
        .then(1_000_000.0)
        .otherwise(1.0)
    )


def parse_number(texts: pl.Expr, *, decimal_comma: bool = False) -> pl.Expr:
    """Parse number cells written by people; a struct of ``value`` (Float64), ``kind`` and
    ``grouped`` (Boolean: one ``,`` or ``.`` then three digits, read as thousands although it
    could be a decimal; always false with ``decimal_comma``, where it is a decimal mark).

    ``kind`` is null for blanks, ``exact``, ``approx``, ``lower`` (a lower bound), ``upper``
    (an upper bound), ``range`` (upper end used), ``non_finite`` (NaN, inf) or ``invalid``.

    Examples
    --------
    >>> cells = pl.Series(["12 000", "12,000", "12.000", "1\\u202f500", "env. 5000", "5k", "> 10 000",
    ...                    "1 000 à 5 000", "NaN", "douze", "-3"])
    >>> out = pl.select(parse_number(pl.lit(cells)).alias("n")).unnest("n")
    >>> out["value"].to_list()
    [12000.0, 12000.0, 12000.0, 1500.0, 5000.0, 5000.0, 10000.0, 5000.0, None, None, -3.0]
    >>> out["kind"].to_list()
    ['exact', 'exact', 'exact', 'exact', 'approx', 'exact', 'lower', 'range', 'non_finite', 'invalid', 'exact']
    """
    t = texts.cast(pl.Utf8).str.replace_all(_SPACES, " ").str.strip_chars().str.to_lowercase()
    t = pl.when(t == "").then(None).otherwise(t)
    qualifier = t.str.extract(_QUALIFIER, 1).str.strip_chars()
    rest = t.str.replace(_QUALIFIER, "").str.strip_chars()
    single = rest.str.contains(_SINGLE)
    sign = pl.when(rest.str.extract(_SINGLE, 1) == "-").then(-1.0).otherwise(1.0)
    one = sign * _digits_value(rest.str.extract(_SINGLE, 2), decimal_comma=decimal_comma) * _multiplier(
        rest.str.extract(_SINGLE, 3)
    )
    low = _digits_value(rest.str.extract(_RANGE, 1), decimal_comma=decimal_comma) * _multiplier(
        rest.str.extract(_RANGE, 2)
    )
    high = _digits_value(rest.str.extract(_RANGE, 3), decimal_comma=decimal_comma) * _multiplier(
        pl.coalesce(rest.str.extract(_RANGE, 4), rest.str.extract(_RANGE, 2))
    )
    scientific = rest.str.contains(_SCIENTIFIC)
    sci = rest.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    value = (
        pl.when(scientific)
        .then(sci)
        .when(single)
        .then(one)
        .when(rest.str.contains(_RANGE))
        .then(pl.max_horizontal(low, high))
        .otherwise(None)
    )
    kind = (
        pl.when(t.is_null())
        .then(None)
        .when(t.str.contains(_NON_FINITE))
        .then(pl.lit("non_finite"))
        .when(value.is_null())
        .then(pl.lit("invalid"))
        .when(~value.is_finite())
        .then(pl.lit("non_finite"))
        .when(~single & ~scientific)
        .then(pl.lit("range"))
        .when(qualifier.is_in(_LOWER))
        .then(pl.lit("lower"))
        .when(qualifier.is_in(_UPPER))
        .then(pl.lit("upper"))
        .when(qualifier.is_not_null())
        .then(pl.lit("approx"))
        .otherwise(pl.lit("exact"))
    )
    grouped = (
        pl.lit(False)
        if decimal_comma
        else single & rest.str.extract(_SINGLE, 2).str.contains(_ONE_GROUP).fill_null(False)
    )
    grouped = (grouped & value.is_finite()).fill_null(False)
    return pl.struct(value.alias("value"), kind.alias("kind"), grouped.alias("grouped"))


_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_DATE_PATTERNS: tuple[tuple[str, str], ...] = (
    (rf"^\d{{4}}-\d{{1,2}}-\d{{1,2}}{_TIME}$", "%Y-%m-%d"),
    (rf"^\d{{4}}/\d{{1,2}}/\d{{1,2}}{_TIME}$", "%Y/%m/%d"),
    (rf"^\d{{1,2}}/\d{{1,2}}/\d{{4}}{_TIME}$", "%d/%m/%Y"),
    (rf"^\d{{1,2}}-\d{{1,2}}-\d{{4}}{_TIME}$", "%d-%m-%Y"),
    (rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{4}}{_TIME}$", "%d.%m.%Y"),
)
_SHORT_YEAR = r"^(\d{1,2})([/.-])(\d{1,2})[/.-](\d{2})$"


def parse_date(texts: pl.Expr, *, pivot: int) -> pl.Expr:
    """Parse date cells; null where the text is not exactly one of the accepted layouts.

    ``pivot`` is the largest two-digit year read as 20AA (e.g. 27 in 2026): "01/01/24" is
    2024-01-01, "01/01/85" 1985-01-01.

    Examples
    --------
    >>> cells = pl.Series(["2024-03-31", "31/03/2024", "01/01/24", "2024-03-31 10:00", "31/03/2024 (env.)"])
    >>> pl.select(parse_date(pl.lit(cells), pivot=27)).to_series().cast(pl.Utf8).to_list()
    ['2024-03-31', '2024-03-31', '2024-01-01', '2024-03-31', None]
    """
    t = texts.cast(pl.Utf8).str.strip_chars().str.to_lowercase()
    parsed = [
        pl.when(t.str.contains(pattern)).then(t.str.extract(r"^([\d./-]+)", 1).str.to_date(fmt, strict=False))
        for pattern, fmt in _DATE_PATTERNS
    ]
    yy = t.str.extract(_SHORT_YEAR, 4).cast(pl.Int32, strict=False)
    century = pl.when(yy <= pivot).then(2000).otherwise(1900)
    short = (
        (century + yy).cast(pl.Utf8)
        + "-"
        + t.str.extract(_SHORT_YEAR, 3).str.zfill(2)
        + "-"
        + t.str.extract(_SHORT_YEAR, 1).str.zfill(2)
    ).str.to_date("%Y-%m-%d", strict=False)
    return pl.coalesce([*parsed, short])


def short_iso_reading(texts: pl.Expr, *, pivot: int) -> pl.Expr:
    """The other reading, 20AA-MM-JJ (short ISO), of a dashed two-digit-year date such as
    "24-01-01"; null for any other text, for AA above ``pivot`` or where that reading is no
    date.

    Examples
    --------
    >>> cells = pl.Series(["24-01-01", "31-03-24", "01/02/03", "2024-01-01"])
    >>> pl.select(short_iso_reading(pl.lit(cells), pivot=27)).to_series().cast(pl.Utf8).to_list()
    ['2024-01-01', None, None, None]
    """
    t = texts.cast(pl.Utf8).str.strip_chars()
    parts = [t.str.extract(r"^(\d{2})-(\d{2})-(\d{2})$", i) for i in (1, 2, 3)]
    yy = parts[0].cast(pl.Int32, strict=False)
    year = pl.when(yy <= pivot).then(2000 + yy)  # a short ISO date of a register is of this century
    return (year.cast(pl.Utf8) + "-" + parts[1] + "-" + parts[2]).str.to_date("%Y-%m-%d", strict=False)

