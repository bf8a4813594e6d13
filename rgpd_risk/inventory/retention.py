"""Parse free-text retention periods (Art. 30(1)(f) "envisaged time limits for erasure").

Registers state retention in prose, in French or English: "5 ans après la fin de la
relation commerciale", "durée du contrat + 3 ans", "13 mois", "6 months after account
closure", "jusqu'au retrait du consentement", "indéfiniment". :func:`parse_retention` turns
such a column into three columns, with vectorised polars string expressions (number words
are read in Python, once per distinct text that holds one):

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

* Number words are read as digits (:func:`_words_to_digits`); "un an", "a year", "an hour"
  mean 1.
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
* Every number below a million written in words is read, in French and English, compounds
  included ("dix-huit mois", "vingt-cinq ans", "soixante-dix ans", "quatre-vingt-dix-neuf
  jours", "deux cents jours", the Belgian and Swiss "septante", "huitante", "octante",
  "nonante", "twenty-four months", "one hundred and twenty days"); "et demi" / "and a half"
  add half a unit ("deux ans et demi" = 30 months); "10 years and 6 months" is one period of
  126 months.
* A period stated as a minimum ("au moins 5 ans", "at least 5 years", "5 ans minimum") sets no
  time limit for erasure: ``indefinite`` (the loader warns and names the cell).
* Placeholders ("-", "N/A", "à définir", "non définie", "TBD", "inconnue" …) mean the limit
  is not documented: ``missing``, like a blank cell.
"""

from __future__ import annotations

import re

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

# Number words, French (France, Belgium, Switzerland) and English, read as digits.
# Each word is (value, kind): "unit" 1-9, "teen" 10-19, "ten" 20-90, "hundred", "thousand".
_WORDS: dict[str, tuple[int, str]] = {}
for _value, _words in enumerate(
    (
        ("un", "une", "one"),
        ("deux", "two"),
        ("trois", "three"),
        ("quatre", "four"),
        ("cinq", "five"),
        ("six",),
        ("sept", "seven"),
        ("huit", "eight"),
        ("neuf", "nine"),
    ),
    start=1,
):
    for _word in _words:
        _WORDS[_word] = (_value, "unit")
for _value, _words in enumerate(
    (
        ("dix", "ten"),
        ("onze", "eleven"),
        ("douze", "twelve"),
        ("treize", "thirteen"),
        ("quatorze", "fourteen"),
        ("quinze", "fifteen"),
        ("seize", "sixteen"),
        ("seventeen",),
        ("eighteen",),
        ("nineteen",),
    ),
    start=10,
):
    for _word in _words:
        _WORDS[_word] = (_value, "teen")
for _value, _words in (
    (20, ("vingt", "vingts", "twenty")),
    (30, ("trente", "thirty")),
    (40, ("quarante", "forty", "fourty")),
    (50, ("cinquante", "fifty")),
    (60, ("soixante", "sixty")),
    (70, ("septante", "seventy")),
    (80, ("huitante", "octante", "eighty")),
    (90, ("nonante", "ninety")),
):
    for _word in _words:
        _WORDS[_word] = (_value, "ten")
for _word in ("cent", "cents", "hundred"):
    _WORDS[_word] = (100, "hundred")
for _word in ("mille", "thousand"):
    _WORDS[_word] = (1000, "thousand")


_NUMBER_WORD_RE = (
    r"\b(?:" + "|".join(sorted((w for w in _WORDS if w not in ("un", "une", "one")), key=len, reverse=True)) + r")\b"
)
"""A number word other than a lone "one": the texts that :func:`_words_to_digits` must read."""
_TOKEN_RE = re.compile(r"[a-z]+")
_JOINER_RE = re.compile(r"[\s-]+")


def _read_number(tokens: list[re.Match[str]], start: int) -> tuple[int, int] | None:
    """The number written in words from ``tokens[start]``: ``(value, end)`` with ``end`` the
    index after its last word, or None when no number starts there.

    A small state machine over the words, so that every number below a million reads the same
    way in every spelling: "soixante-dix" 70, "soixante et onze" 71, "quatre-vingts" 80,
    "quatre-vingt-dix-neuf" 99, "septante" / "huitante" / "octante" / "nonante" (Belgium,
    Switzerland), "cent", "deux cents", "deux cent quatre-vingts", "mille", "ninety-nine",
    "one hundred and twenty", "a thousand". Words must be joined by spaces or hyphens; a word
    that cannot continue the number ends it ("deux trois" is two numbers).
    """
    total = hundreds = sub = 0  # thousands read, hundreds of the current group, its part below 100
    # What the previous word allows next: "unit" (a lone 1-9: hundred, thousand, "quatre-vingt"),
    # "ten" (a unit), "vig" (soixante / quatre-vingt: a unit or 10-19), "dix" (sept, huit, neuf),
    # "end" (only thousand, or hundred after 10-19), "hundred" / "thousand" (a new part).
    last: str | None = None
    i = start
    while i < len(tokens):
        if i > start and not _JOINER_RE.fullmatch(tokens[i].string[tokens[i - 1].end() : tokens[i].start()]):
            break
        word = tokens[i].group()
        nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if word in ("et", "and"):
            # "vingt et un", "soixante et onze", "one hundred and twenty": only before the word
            # that completes the number, so that "deux ans et demi" keeps its "et".
            if not nxt or not _JOINER_RE.fullmatch(tokens[i].string[tokens[i].end() : tokens[i + 1].start()]):
                break
            completes = "un une onze" if last == "vig" else "un une"
            after_ten = word == "et" and last in ("ten", "vig") and nxt in completes.split()
            after_hundred = word == "and" and last in ("hundred", "thousand") and nxt in _WORDS
            after_hundred = after_hundred and _WORDS[nxt][1] in ("unit", "teen", "ten")
            if not (after_ten or after_hundred):
                break
            i += 1
            continue
        if word == "a" and last is None and nxt in ("hundred", "thousand"):
            sub, last, i = 1, "unit", i + 1
            continue
        if word not in _WORDS:
            break
        value, kind = _WORDS[word]
        fresh = last in (None, "hundred", "thousand")
        if kind == "unit":
            if fresh:
                sub, last = value, "unit"
            elif last in ("ten", "vig") or (last == "dix" and word in ("sept", "huit", "neuf")):
                sub, last = sub + value, "end"
            else:
                break
        elif kind == "teen":
            if not (fresh or last == "vig"):
                break
            sub = sub + value if last == "vig" else value
            last = "dix" if word == "dix" else "end"
        elif kind == "ten":
            if word in ("vingt", "vingts") and last == "unit" and sub == 4:
                sub, last = 80, "vig"
            elif fresh:
                sub, last = value, ("vig" if word == "soixante" else "ten")
            else:
                break
        elif kind == "hundred":
            if last is None:
                hundreds = 100
            elif hundreds == 0 and (last == "unit" or (last in ("dix", "end") and 10 <= sub < 20)):
                hundreds, sub = sub * 100, 0
            else:
                break
            last = "hundred"
        else:  # thousand
            if total:
                break
            total, hundreds, sub, last = max(hundreds + sub, 1) * 1000, 0, 0, "thousand"
        i += 1
    if i == start:
        return None
    return total + hundreds + sub, i


def _words_to_digits(text: str) -> str:
    """Every number written in words in ``text`` as digits ("quatre-vingt-dix jours" →
    "90 jours"); a lone "un" / "une" / "one" is left for the article rule (:data:`_ONE_RE`)."""
    tokens = list(_TOKEN_RE.finditer(text))
    pieces: list[str] = []
    position = i = 0
    while i < len(tokens):
        found = _read_number(tokens, i)
        if found is None:
            i += 1
            continue
        value, end = found
        if end - i == 1 and tokens[i].group() in ("un", "une", "one"):
            i += 1
            continue
        pieces.extend([text[position : tokens[i].start()], str(value)])
        position, i = tokens[end - 1].end(), end
    pieces.append(text[position:])
    return "".join(pieces)


def _number_words_as_digits(texts: pl.Series) -> pl.Series:
    """:func:`_words_to_digits` on the distinct texts holding a number word; others unchanged."""
    holding = texts.filter(texts.str.contains(_NUMBER_WORD_RE).fill_null(False)).unique()
    if holding.is_empty():
        return texts
    return texts.replace({text: _words_to_digits(text) for text in holding.to_list()})


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


def _normalised(texts: pl.Series) -> pl.Series:
    """Normalise case and accents, then read decimal commas and number words as digits."""
    norm = pl.select(normalise_text(pl.lit(texts)).str.replace_all(r"(\d),(\d)", "$1.$2")).to_series()
    expr = pl.lit(_number_words_as_digits(norm)).str.replace_all(_ONE_RE, "1 $1")
    # "deux ans et demi" → "2.5 ans"; "one and a half years" → "1.5 years"
    expr = expr.str.replace_all(_HALF_RE, "$1.5 $2").str.replace_all(_HALF_BEFORE_RE, "$1.5 $2")
    return pl.select(expr).to_series()


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
    frame = column.unique(maintain_order=True)
    frame = frame.with_columns(_normalised(frame["text"]).alias("_norm"))
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
