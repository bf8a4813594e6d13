"""Parse free-text retention periods (Art. 30(1)(f) "envisaged time limits for erasure").

Registers state retention in prose, in French or English: "5 ans après la fin de la
relation commerciale", "durée du contrat + 3 ans", "13 mois", "6 months after account
closure", "jusqu'au retrait du consentement", "indéfiniment". :func:`parse_retention` turns
such a column into three columns, with vectorised polars string expressions only:

``retention_months`` (Float64)
    The period in months (years × 12; a day is 1/30.4375 month, i.e. 365.25 / 12 days; a
    week 7 days; an hour 1/24 day). Null unless ``retention_status == "parsed"``.
``retention_event`` (Utf8)
    What the period runs from; one of :data:`RETENTION_EVENTS`. ``collection`` when a
    period names no event.
``retention_status`` (Utf8)
    One of ``parsed / indefinite / on_request / unparsed / missing``
    (:data:`rgpd_risk.inventory.schema.RETENTION_STATUSES`).

Rules (modelling choices of our own, listed so a reader can contest them):

* Number words one–twelve (French and English, plus "quinze", "vingt", "trente" and their
  English twins) are read as digits; "un an", "a year", "an hour" mean 1.
* When several periods are written ("13 mois pour les cookies, 25 mois pour les
  statistiques") the **longest** is kept: the pessimistic reading for a risk assessment.
* A bare number without a unit ("90") is ambiguous and stays ``unparsed``.
* Words that say data are never erased ("illimitée", "indéfiniment", "pas de suppression",
  "unlimited", "permanent" …) win over any period written next to them: the period is then
  not a limit on erasure. "jamais" / "never" alone count as indefinite only when no period
  is written ("jamais plus de 3 ans" is a 3-year limit).
* A period wins over an erasure-on-request clause ("3 ans ou jusqu'au retrait du
  consentement" is a 3-year limit, the earlier of the two).
* An event without a period ("jusqu'à la fin du contrat", "pendant la durée de la relation
  commerciale") is parsed as 0 months after that event.
* Number words up to 69 are read in French and English, compounds included ("dix-huit
  mois", "vingt-cinq ans", "twenty-four months"); "et demi" / "and a half" add half a unit
  ("deux ans et demi" = 30 months); "10 years and 6 months" is one period of 126 months.
* A period stated as a minimum ("au moins 5 ans", "at least 5 years", "5 ans minimum") sets no
  time limit for erasure: ``indefinite`` (the loader warns and names the cell).
* Placeholders ("-", "N/A", "à définir", "non définie", "TBD", "inconnue" …) mean the limit
  is not documented: ``missing``, like a blank cell.
"""

from __future__ import annotations

import polars as pl

from rgpd_risk.taxonomy import normalise_text

__all__ = ["DAYS_PER_MONTH", "RETENTION_EVENTS", "is_minimum", "parse_retention"]

DAYS_PER_MONTH = 365.25 / 12
"""Average Gregorian month (30.4375 days) used to convert days, weeks and hours."""

RETENTION_EVENTS = (
    "collection",
    "end_of_relationship",
    "end_of_contract",
    "end_of_employment",
    "last_contact",
    "account_closure",
    "case_closure",
    "end_of_financial_year",
    "consent_withdrawal",
    "erasure_request",
)
"""Events a retention period runs from (``retention_event``)."""

# Units after normalisation (lower case, no accents). Longer alternatives first: the regex
# engine takes the first alternative that matches.
_UNITS = {
    "year": ("annees", "annee", "years", "year", "ans", "yrs", "yr", "an"),
    "month": ("months", "month", "mois"),
    "week": ("semaines", "semaine", "weeks", "week", "sem"),
    "day": ("jours", "jour", "days", "day", "j"),
    "hour": ("heures", "heure", "hours", "hour", "hrs", "hr", "h"),
}
_MONTHS_PER_UNIT = {
    "year": 12.0,
    "month": 1.0,
    "week": 7.0 / DAYS_PER_MONTH,
    "day": 1.0 / DAYS_PER_MONTH,
    "hour": 1.0 / (24.0 * DAYS_PER_MONTH),
}
_UNIT_RE = "|".join(u for units in _UNITS.values() for u in units)
_PERIOD_RE = rf"(\d+(?:\.\d+)?)[\s-]*({_UNIT_RE})\b"

_FR_UNITS = ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
_EN_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty"}


def _compound_words() -> dict[str, tuple[str, ...]]:
    """Number words 13–69 written in words, French and English ("dix-huit", "vingt-cinq",
    "vingt et un", "twenty-five", "thirty six"); read before the simple words."""
    out: dict[str, list[str]] = {}
    for value, word in ((17, "dix-sept"), (18, "dix-huit"), (19, "dix-neuf")):
        out.setdefault(str(value), []).extend([word, word.replace("-", " ")])
    for value, word in ((13, "treize"), (14, "quatorze"), (16, "seize"), (13, "thirteen"), (14, "fourteen"),
                        (16, "sixteen"), (17, "seventeen"), (18, "eighteen"), (19, "nineteen")):
        out.setdefault(str(value), []).append(word)
    for tens, (fr, en) in enumerate(zip(_FR_TENS.values(), _EN_TENS.values(), strict=True), start=2):
        for unit, (fr_u, en_u) in enumerate(zip(_FR_UNITS, _EN_UNITS, strict=True), start=1):
            forms = out.setdefault(str(tens * 10 + unit), [])
            if unit == 1:
                forms.extend([f"{fr} et un", f"{fr}-et-un", f"{fr} et une", f"{fr}-et-une"])
            forms.extend([f"{fr}-{fr_u}", f"{fr} {fr_u}", f"{en}-{en_u}", f"{en} {en_u}"])
    for value in (40, 50, 60):
        out.setdefault(str(value), []).extend([_FR_TENS[value], _EN_TENS[value]])
    return {k: tuple(v) for k, v in out.items()}


_COMPOUND_WORDS = _compound_words()
_HALF_RE = r"(\d+)\s*(annees?|ans?|years?|mois|months?)\s+(?:et|and)\s+(?:demie?|a half)\b"
_HALF_BEFORE_RE = r"(\d+)\s+(?:et|and)\s+(?:demie?|a half)\s+(annees?|ans?|years?|mois|months?)\b"
_COMPOUND_RE = (
    r"(\d+(?:\.\d+)?)\s*(?:annees?|ans?|years?|yrs?)\s*(?:,|et|and|plus|\+)?\s*(\d+(?:\.\d+)?)\s*(?:mois|months?)\b"
)
_MINIMUM_RE = (
    r"\bau moins\b|\bau minimum\b|\bminimum\b|\bat least\b|\bno less than\b|\bpas moins de\b|"
    r"\bminimal(?:e|ement)?\b|\bou plus\b|\bor more\b|\bet plus\b"
)
"""A period stated as a minimum ("au moins 5 ans", "at least 5 years"): no time limit for
erasure is given, so the row is read as ``indefinite`` (our choice) and the loader warns."""

_NUMBER_WORDS = {
    "2": ("deux", "two"),
    "3": ("trois", "three"),
    "4": ("quatre", "four"),
    "5": ("cinq", "five"),
    "6": ("six",),
    "7": ("sept", "seven"),
    "8": ("huit", "eight"),
    "9": ("neuf", "nine"),
    "10": ("dix", "ten"),
    "11": ("onze", "eleven"),
    "12": ("douze", "twelve"),
    "15": ("quinze", "fifteen"),
    "20": ("vingt", "twenty"),
    "30": ("trente", "thirty"),
}
# "un", "une", "one", "a", "an" are 1 only before a unit: "a" is also the French "à" once
# accents are stripped, and "an" is both the English article and the French "year".
_ONE_RE = rf"\b(?:un|une|one|an|a)\s+({_UNIT_RE})\b"

_PLACEHOLDER_RE = (
    r"^(?:-+|\?+|\.+|n/?a|na|n\.?c\.?|nd|tbd|tbc|todo|a definir|a preciser|a determiner|"
    r"non definie?|non precisee?|non renseignee?|inconnue?|unknown|not defined|undefined|none)$"
)
_INDEFINITE_STRONG_RE = (
    r"illimite|indefini|indefinite|sans limite|pas de limite|sans duree|no limit|unlimited|"
    r"pas de suppression|aucune suppression|jamais supprime|jamais efface|never deleted|"
    r"never erased|no deletion|not deleted|permanent|forever|a vie\b|for ever|ad vitam"
)
_INDEFINITE_WEAK_RE = r"\bjamais\b|\bnever\b|\btoujours\b|\balways\b"
_ON_REQUEST_RE = (
    r"demande de suppression|demande d'effacement|demande de la personne|demande de l'interesse|"
    r"demande du client|demande de l'utilisateur|sur demande|a la demande|"
    r"retrait du consentement|retire son consentement|desinscription|desabonnement|opposition|"
    r"upon request|on request|at the request|request(?:s|ed)? (?:for )?(?:deletion|erasure)|"
    r"(?:deletion|erasure) request|asks? for (?:deletion|erasure)|"
    r"withdraw|unsubscrib|opt[ -]?out"
)
# Checked in this order: the first that matches names the event.
_EVENT_RES: tuple[tuple[str, str], ...] = (
    (
        "end_of_employment",
        r"depart (?:du|de l'|d'un) ?(?:salarie|collaborateur|employe|agent|entreprise|personnel)|"
        r"contrat de travail|fin de l'emploi|duree de l'emploi|sortie (?:du salarie|des effectifs"
        r"|de l'entreprise|du collaborateur)|fin de la relation de travail|end of (?:the )?employment|"
        r"employment (?:ends|end|termination)|termination of (?:the )?employment|"
        r"(?:leaves|leaving|left) the company|departure",
    ),
    (
        "consent_withdrawal",
        r"retrait du consentement|retire son consentement|desinscription|desabonnement|withdraw|"
        r"unsubscrib|opt[ -]?out",
    ),
    (
        "erasure_request",
        r"demande de suppression|demande d'effacement|request(?:s|ed)? (?:for )?(?:deletion|erasure)|"
        r"(?:deletion|erasure) request|asks? for (?:deletion|erasure)|sur demande|a la demande|"
        r"upon request|on request|at the request",
    ),
    (
        "account_closure",
        r"(?:cloture|fermeture|suppression|desactivation) du compte|compte (?:est )?(?:ferme|clos|"
        r"supprime)|account (?:closure|deletion|termination|is closed|is deleted|closed|deleted)|"
        r"(?:closure|deletion|closing) (?:of )?(?:the |their |the user's )?account",
    ),
    ("end_of_financial_year", r"exercice|financial year|fiscal year|tax year|accounting year"),
    (
        "case_closure",
        r"(?:cloture|fermeture|resolution|fin) du (?:ticket|dossier|litige|sinistre|recrutement)|"
        r"fin de la procedure|procedure de recrutement|(?:ticket|case|claim|file) (?:closure|closed|"
        r"resolution|is closed)|(?:closure|resolution) of the (?:ticket|case|claim|file)|"
        r"end of (?:the )?(?:recruitment|procedure|proceedings|litigation)",
    ),
    (
        "last_contact",
        r"dernier (?:contact|echange|achat|appel|acces|rendez-vous)|derniere (?:interaction|activite|"
        r"connexion|commande|visite)|inactivite|last (?:contact|interaction|activity|login|purchase|"
        r"order|visit|call)|inactiv",
    ),
    ("end_of_contract", r"contrat|abonnement|resiliation|garantie|contract|subscription|cancellation|warranty"),
    ("end_of_relationship", r"relation|relationship"),
)
_UNTIL_EVENT_RE = (
    r"jusqu|pendant|durant|duree|tant que|le temps|until|during|for the (?:duration|life|length)|"
    r"as long as|while|till"
)


def _normalised(texts: pl.Expr) -> pl.Expr:
    """Normalise case and accents, then read decimal commas and number words as digits."""
    expr = normalise_text(texts).str.replace_all(r"(\d),(\d)", "$1.$2")
    for digit, words in _COMPOUND_WORDS.items():
        expr = expr.str.replace_all(rf"\b(?:{'|'.join(words)})\b", digit)
    expr = expr.str.replace_all(_ONE_RE, "1 $1")
    for digit, words in _NUMBER_WORDS.items():
        expr = expr.str.replace_all(rf"\b(?:{'|'.join(words)})\b", digit)
    # "deux ans et demi" → "2.5 ans"; "one and a half years" → "1.5 years"
    expr = expr.str.replace_all(_HALF_RE, "$1.5 $2").str.replace_all(_HALF_BEFORE_RE, "$1.5 $2")
    return expr


def _longest_period_months(text: pl.Expr) -> pl.Expr:
    """Longest ``<number> <unit>`` period in the text, in months (null when none)."""
    factor = pl.lit(None, dtype=pl.Float64)
    unit = pl.element().str.extract(_PERIOD_RE, 2)
    for name, units in _UNITS.items():
        factor = pl.when(unit.is_in(list(units))).then(pl.lit(_MONTHS_PER_UNIT[name])).otherwise(factor)
    months = pl.element().str.extract(_PERIOD_RE, 1).cast(pl.Float64) * factor
    longest = text.str.extract_all(_PERIOD_RE).list.eval(months).list.max()
    # "10 years and 6 months", "1 an et 6 mois", "2 ans 6 mois": one period, summed.
    compound = text.str.extract(_COMPOUND_RE, 1).cast(pl.Float64) * 12 + text.str.extract(_COMPOUND_RE, 2).cast(
        pl.Float64
    )
    return pl.max_horizontal(longest, compound)


def _event(text: pl.Expr) -> pl.Expr:
    event = pl.lit(None, dtype=pl.Utf8)
    for name, pattern in reversed(_EVENT_RES):
        event = pl.when(text.str.contains(pattern)).then(pl.lit(name)).otherwise(event)
    return event


def parse_retention(texts: pl.Series) -> pl.DataFrame:
    """Parse free-text retention periods into months, a starting event and a status.

    Parameters
    ----------
    texts : pl.Series
        Retention as written in the register (any dtype; cast to text). Null or blank cells
        give ``missing``.

    Returns
    -------
    pl.DataFrame
        One row per input row, in order, with columns ``retention_months`` (Float64),
        ``retention_event`` (Utf8, one of :data:`RETENTION_EVENTS` or null) and
        ``retention_status`` (Utf8: parsed / indefinite / on_request / unparsed / missing).
        The event is null for indefinite, unparsed and missing rows; months are null unless
        the status is ``parsed``. See the module docstring for the rules.

    Examples
    --------
    >>> out = parse_retention(pl.Series([
    ...     "5 ans après la fin de la relation commerciale", "durée du contrat + 3 ans",
    ...     "13 mois", "6 months after account closure", "jusqu'au retrait du consentement",
    ...     "indéfiniment", "90", None,
    ... ]))
    >>> out.rows()  # doctest: +NORMALIZE_WHITESPACE
    [(60.0, 'end_of_relationship', 'parsed'), (36.0, 'end_of_contract', 'parsed'),
     (13.0, 'collection', 'parsed'), (6.0, 'account_closure', 'parsed'),
     (None, 'consent_withdrawal', 'on_request'), (None, None, 'indefinite'),
     (None, None, 'unparsed'), (None, None, 'missing')]
    >>> parse_retention(pl.Series(["30 jours"]))["retention_months"].round(4).item()
    0.9856
    """
    # Registers repeat the same few phrasings: parse each distinct text once, then join back.
    # Stages are materialised one after the other: reusing one long expression in many
    # branches would make polars plan (and optimise) the whole chain again for each use.
    column = pl.DataFrame({"text": texts.cast(pl.Utf8)})
    frame = column.unique(maintain_order=True).with_columns(_normalised(pl.col("text")).alias("_norm"))
    text = pl.col("_norm")
    frame = frame.with_columns(_months=_longest_period_months(text), _event=_event(text))
    months, event = pl.col("_months"), pl.col("_event")
    missing = pl.col("text").is_null() | (text == "") | text.str.contains(_PLACEHOLDER_RE)
    strong_indefinite = text.str.contains(_INDEFINITE_STRONG_RE) | text.str.contains(_MINIMUM_RE)
    on_request = text.str.contains(_ON_REQUEST_RE)
    weak_indefinite = text.str.contains(_INDEFINITE_WEAK_RE)
    until_event = (
        event.is_not_null()
        & ~event.is_in(["consent_withdrawal", "erasure_request"])
        & text.str.contains(_UNTIL_EVENT_RE)
    )
    status = (
        pl.when(missing)
        .then(pl.lit("missing"))
        .when(strong_indefinite)
        .then(pl.lit("indefinite"))
        .when(months.is_not_null())
        .then(pl.lit("parsed"))
        .when(on_request)
        .then(pl.lit("on_request"))
        .when(weak_indefinite)
        .then(pl.lit("indefinite"))
        .when(until_event)
        .then(pl.lit("parsed"))
        .otherwise(pl.lit("unparsed"))
    )
    frame = frame.with_columns(retention_status=status).drop("_norm")
    frame = column.join(frame, on="text", how="left", nulls_equal=True, maintain_order="left")
    parsed = pl.col("retention_status") == "parsed"
    return frame.select(
        pl.when(parsed).then(pl.col("_months").fill_null(0.0)).cast(pl.Float64).alias("retention_months"),
        pl.when(parsed)
        .then(pl.col("_event").fill_null("collection"))
        .when(pl.col("retention_status") == "on_request")
        .then(pl.col("_event").fill_null("erasure_request"))
        .cast(pl.Utf8)
        .alias("retention_event"),
        pl.col("retention_status").cast(pl.Utf8),
    )


def is_minimum(texts: pl.Series) -> pl.Series:
    """Whether each retention text states a minimum ("au moins 5 ans", "at least 5 years").

    Examples
    --------
    >>> is_minimum(pl.Series(["au moins 5 ans", "5 ans", None])).to_list()
    [True, False, False]
    """
    frame = pl.DataFrame({"text": texts.cast(pl.Utf8)})
    distinct = frame.unique(maintain_order=True).with_columns(
        normalise_text(pl.col("text")).str.contains(_MINIMUM_RE).fill_null(False).alias("minimum")
    )
    joined = frame.join(distinct, on="text", how="left", nulls_equal=True, maintain_order="left")
    return joined["minimum"].rename(texts.name)
