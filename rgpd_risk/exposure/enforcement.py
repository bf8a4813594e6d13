"""Importers for GDPR enforcement data (I/O lives here, nowhere else in the exposure package).

Two public formats are supported and normalised into one schema, :data:`ENFORCEMENT_SCHEMA`:

- ``tidytuesday_tsv``: the TidyTuesday 2020-04-21 scrape of privacyaffairs.com
  (``gdpr_violations.tsv``, 11 tab-separated columns) — and the facts-only derivative shipped
  as ``rgpd_risk/data/tidytuesday_fines.csv``;
- ``cms_json``: the CMS GDPR Enforcement Tracker data feed (``{"data": [[13 strings], ...]}``).
  The feed has no open licence: the project ships only aggregates derived from it; users load
  their own export with :func:`load_enforcement`.

Quirks handled (see the data's SOURCES.md): amounts as text with thousands commas; 0 and
non-numeric amounts ("Unknown", "Fine in five-digit amount", "Only intention to issue fine",
"Fine amount between EUR 400 and EUR 600") → null ``amount_eur``; ``01/01/1970`` placeholders
→ null date; CMS partial dates (``2019``, ``2019-03``) → first day with ``date_precision``;
shifted TSV columns (type holding a URL; article and type swapped; authority and controller
swapped; URL in controller); tabs inside quoted fields; non-GDPR provisions kept apart in
``other_provisions``; decisions merging several fines (CMS "Meta 390m = 210m + 180m") stay one
record with the total amount, as published.

Examples
--------
>>> list(ENFORCEMENT_SCHEMA)[:4]
['record_id', 'date', 'date_precision', 'country']
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

import polars as pl

from rgpd_risk.law import gravest_tier, split_articles

__all__ = [
    "ENFORCEMENT_SCHEMA",
    "COUNTRY_CODES",
    "load_enforcement",
    "load_tidytuesday_tsv",
    "load_cms_json",
    "load_shipped_fines",
    "load_calibration_table",
    "facts_only",
]

#: Normalised enforcement schema.
#:
#: ================  ==============  ========================================================
#: column            dtype           meaning
#: ================  ==============  ========================================================
#: record_id         Utf8            ``tt-<id>`` or ``ETid-<n>``
#: date              Date            decision (or announcement) date; null if unknown/1970
#: date_precision    Utf8            ``day`` / ``month`` / ``year`` / null
#: country           Utf8            ISO 3166-1 alpha-2 (``GB`` for the UK, ``EL``→``GR``)
#: authority         Utf8            supervisory authority as listed
#: amount_eur        Float64         fine in EUR as converted by the compiler; null = unknown,
#:                                   not final or 0 in the source
#: controller        Utf8            fined party (null when the source holds a URL)
#: sector            Utf8            CMS sector; null for the TSV
#: articles          List(Utf8)      normalised GDPR articles (``Art. 5(1)(f)``)
#: other_provisions  List(Utf8)      non-GDPR / unparsed provisions (national law, Unknown)
#: tier              Utf8            gravest Art. 83 tier of the articles; null if none
#: type              Utf8            compiler's violation category (format-specific labels)
#: source_format     Utf8            ``tidytuesday_tsv`` / ``cms_json``
#: ================  ==============  ========================================================
ENFORCEMENT_SCHEMA: dict[str, pl.DataType] = {
    "record_id": pl.Utf8(),
    "date": pl.Date(),
    "date_precision": pl.Utf8(),
    "country": pl.Utf8(),
    "authority": pl.Utf8(),
    "amount_eur": pl.Float64(),
    "controller": pl.Utf8(),
    "sector": pl.Utf8(),
    "articles": pl.List(pl.Utf8()),
    "other_provisions": pl.List(pl.Utf8()),
    "tier": pl.Utf8(),
    "type": pl.Utf8(),
    "source_format": pl.Utf8(),
}

#: Country names used by the two compilations → ISO 3166-1 alpha-2.
COUNTRY_CODES: dict[str, str] = {
    "AUSTRIA": "AT", "BELGIUM": "BE", "BULGARIA": "BG", "CROATIA": "HR", "CYPRUS": "CY",
    "CZECH REPUBLIC": "CZ", "CZECHIA": "CZ", "DENMARK": "DK", "ESTONIA": "EE", "FINLAND": "FI",
    "FRANCE": "FR", "GERMANY": "DE", "GREECE": "GR", "HUNGARY": "HU", "ICELAND": "IS",
    "IRELAND": "IE", "ISLE OF MAN": "IM", "ITALY": "IT", "LATVIA": "LV", "LIECHTENSTEIN": "LI",
    "LITHUANIA": "LT", "LUXEMBOURG": "LU", "MALTA": "MT", "NETHERLANDS": "NL",
    "THE NETHERLANDS": "NL", "NORWAY": "NO", "POLAND": "PL", "PORTUGAL": "PT", "ROMANIA": "RO",
    "SLOVAKIA": "SK", "SLOVENIA": "SI", "SPAIN": "ES", "SWEDEN": "SE", "UNITED KINGDOM": "GB",
}

_TSV_COLUMNS = ["id", "picture", "name", "price", "authority", "date", "controller",
                "article_violated", "type", "source", "summary"]
_SHIPPED_COLUMNS = ["record_id", "date", "country", "authority", "amount_eur", "controller",
                    "articles", "type"]
_AUTHORITY_WORDS = re.compile(r"authority|protection|commissioner|agency for|office|garante", re.I)
_NON_NUMERIC_AMOUNT = re.compile(
    r"^(unknown|only intention.*|fine in [a-z\-]+ amount|fine amount between .*)$", re.I
)


def _country(name: str | None, where: str) -> str | None:
    if name is None or not name.strip():
        return None
    key = re.sub(r"\s+", " ", name.strip().upper())
    if key in COUNTRY_CODES:
        return COUNTRY_CODES[key]
    if len(key) == 2 and key.isalpha():
        return "GR" if key == "EL" else key
    raise ValueError(f"{where}, column 'country': unknown country {name!r}")


def _articles(text: str | None) -> tuple[list[str], list[str], str | None]:
    refs, other = split_articles(text)
    arts = list(dict.fromkeys(str(r) for r in refs))
    try:
        tier = gravest_tier(refs) if refs else None
    except ValueError:
        tier = None
    return arts, other, tier


def _frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ENFORCEMENT_SCHEMA, orient="row")


def load_tidytuesday_tsv(path: str | Path) -> pl.DataFrame:
    """Load the TidyTuesday ``gdpr_violations.tsv`` into :data:`ENFORCEMENT_SCHEMA`.

    Raises
    ------
    ValueError
        Missing columns, or a price / date / country that cannot be read (the message names
        the file, the record id and the column).
    """
    path = Path(path)
    try:
        raw = pl.read_csv(path, separator="\t", infer_schema=False, quote_char='"')
    except Exception as exc:  # polars raises several types; one clear message
        raise ValueError(f"{path}: cannot be read as TSV ({exc})") from exc
    missing = [c for c in _TSV_COLUMNS if c != "summary" and c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {_TSV_COLUMNS}")
    rows = []
    for rec in raw.iter_rows(named=True):
        rid = (rec["id"] or "").strip()
        where = f"{path.name} row id={rid}"
        clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in rec.items()}
        art_text, typ = clean["article_violated"], clean["type"]
        authority, controller = clean["authority"], clean["controller"]
        # id 89: type missing, the source URL sits in `type`
        if typ and typ.lower().startswith("http"):
            typ = None
        # id 99: article_violated and type swapped
        if not split_articles(art_text)[0] and typ and split_articles(typ)[0]:
            art_text, typ = typ, art_text
        # id 229: authority and controller swapped
        if (controller and _AUTHORITY_WORDS.search(controller)
                and not (authority and _AUTHORITY_WORDS.search(authority))):
            authority, controller = controller, authority
        # id 246: URL in controller
        if controller and controller.lower().startswith("http"):
            controller = None
        price = (clean["price"] or "").replace(",", "")
        try:
            amount = float(price)
        except ValueError:
            raise ValueError(f"{where}, column 'price': not a number: {clean['price']!r}") from None
        if amount < 0:
            raise ValueError(f"{where}, column 'price': negative amount {amount}")
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", clean["date"] or "")
        try:
            d = date(int(m.group(3)), int(m.group(1)), int(m.group(2))) if m else None
        except ValueError:
            d = None
        if d is None:
            raise ValueError(
                f"{where}, column 'date': expected MM/DD/YYYY, got {clean['date']!r}"
            )
        arts, other, tier = _articles(art_text)
        rows.append({
            "record_id": f"tt-{rid}",
            "date": None if d.year == 1970 else d,  # 01/01/1970 placeholder
            "date_precision": None if d.year == 1970 else "day",
            "country": _country(clean["name"], where),
            "authority": authority,
            "amount_eur": amount if amount > 0 else None,  # 0 = unknown / not final
            "controller": controller,
            "sector": None,
            "articles": arts,
            "other_provisions": other,
            "tier": tier,
            "type": typ,
            "source_format": "tidytuesday_tsv",
        })
    return _frame(rows)


def _cms_amount(text: str, where: str) -> float | None:
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?|\d+(\.\d+)?", t):
        v = float(t.replace(",", ""))
        return v if v > 0 else None  # 0 = unknown
    if _NON_NUMERIC_AMOUNT.match(t):
        return None
    raise ValueError(f"{where}, field 5 'fine EUR': cannot read amount {text!r}")


def _cms_date(text: str, where: str) -> tuple[date | None, str | None]:
    t = text.strip()
    if t.lower() in ("unknown", ""):
        return None, None
    for pattern, prec in ((r"(\d{4})-(\d{2})-(\d{2})", "day"), (r"(\d{4})-(\d{2})", "month"),
                          (r"(\d{4})", "year")):
        m = re.fullmatch(pattern, t)
        if m:
            parts = [int(g) for g in m.groups()] + [1] * (3 - len(m.groups()))
            try:
                return date(*parts), prec
            except ValueError:
                break
    raise ValueError(f"{where}, field 4 'date of decision': cannot read {text!r}")


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).strip()


def load_cms_json(path: str | Path) -> pl.DataFrame:
    """Load a CMS Enforcement Tracker feed export into :data:`ENFORCEMENT_SCHEMA`.

    Raises
    ------
    ValueError
        Not JSON, no ``"data"`` list, a record with fewer than 10 fields, or an amount / date /
        country that cannot be read (the message names the file, the ETid and the field).
    """
    path = Path(path)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a JSON file ({exc})") from exc
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected an object with a 'data' list of records")
    rows = []
    for i, rec in enumerate(data):
        if not isinstance(rec, list) or len(rec) < 10:
            raise ValueError(
                f"{path.name} record #{i}: expected a list of 13 fields, got {rec!r:.80}"
            )
        rid = rec[1].strip() or f"record-{i}"
        where = f"{path.name} record {rid}"
        country_text = _strip_html(rec[2]).split()[-1:] if rec[2] else []
        m = re.search(r"<br\s*/?>\s*(.+)$", rec[2] or "")
        country = _country(m.group(1) if m else " ".join(country_text), where)
        d, prec = _cms_date(rec[4], where)
        arts, other, tier = _articles(rec[8])
        sector = rec[7].strip() or None
        rows.append({
            "record_id": rid,
            "date": d,
            "date_precision": prec,
            "country": country,
            "authority": rec[3].strip() or None,
            "amount_eur": _cms_amount(rec[5], where),
            "controller": rec[6].strip() or None,
            "sector": None if sector == "Not assigned" else sector,
            "articles": arts,
            "other_provisions": other,
            "tier": tier,
            "type": None if rec[9].strip() in ("", "Unknown") else rec[9].strip(),
            "source_format": "cms_json",
        })
    return _frame(rows)


def _load_shipped_csv(path: Path) -> pl.DataFrame:
    raw = pl.read_csv(path, infer_schema=False, comment_prefix="#")
    missing = [c for c in _SHIPPED_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {_SHIPPED_COLUMNS}")
    df = raw.with_columns(
        date=pl.col("date").str.to_date("%Y-%m-%d", strict=False),
        amount_eur=pl.col("amount_eur").cast(pl.Float64, strict=False),
        articles=pl.col("articles").fill_null("").str.split("; ").list.eval(
            pl.element().filter(pl.element() != "")),
    )
    bad = df.filter(pl.col("amount_eur").is_null() & raw["amount_eur"].is_not_null())
    if bad.height:
        raise ValueError(f"{path} row {bad['record_id'][0]}, column 'amount_eur': not a number")
    tiers = [
        gravest_tier(a) if a else None for a in df["articles"].to_list()
    ]
    return df.with_columns(
        date_precision=pl.when(pl.col("date").is_null()).then(None).otherwise(pl.lit("day")),
        sector=pl.lit(None, pl.Utf8),
        other_provisions=pl.lit([], pl.List(pl.Utf8)),
        tier=pl.Series(tiers, dtype=pl.Utf8),
        source_format=pl.lit("tidytuesday_tsv"),
    ).select(list(ENFORCEMENT_SCHEMA)).cast(ENFORCEMENT_SCHEMA)  # type: ignore[arg-type]


def load_enforcement(path: str | Path) -> pl.DataFrame:
    """Load an enforcement file, dispatching on its format.

    ``.tsv`` → TidyTuesday; ``.json`` → CMS feed; ``.csv`` with the shipped facts-only
    columns → :func:`load_shipped_fines` format.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    pl.DataFrame
        :data:`ENFORCEMENT_SCHEMA`.

    Examples
    --------
    >>> from importlib import resources
    >>> p = resources.files("rgpd_risk") / "data" / "tidytuesday_fines.csv"
    >>> df = load_enforcement(str(p))
    >>> df.schema == pl.Schema(ENFORCEMENT_SCHEMA), df.height
    (True, 250)
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"enforcement file not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".tsv":
        return load_tidytuesday_tsv(path)
    if suffix == ".json":
        return load_cms_json(path)
    if suffix == ".csv":
        return _load_shipped_csv(path)
    raise ValueError(f"{path}: unknown enforcement format {suffix!r}; expected .tsv, .json, .csv")


def facts_only(df: pl.DataFrame) -> pl.DataFrame:
    """The facts-only derivative shipped in ``rgpd_risk/data`` (no summary, no CMS text).

    Examples
    --------
    >>> facts_only(load_shipped_fines()).columns
    ['record_id', 'date', 'country', 'authority', 'amount_eur', 'controller', 'articles', 'type']
    """
    return df.select(
        "record_id",
        pl.col("date").dt.strftime("%Y-%m-%d"),
        "country",
        "authority",
        "amount_eur",
        "controller",
        pl.col("articles").list.join("; "),
        "type",
    )


def load_shipped_fines() -> pl.DataFrame:
    """The 250 TidyTuesday fines shipped facts-only with the package (attribution in the file).

    Examples
    --------
    >>> load_shipped_fines().filter(pl.col("amount_eur") >= 1e7).height
    4
    """
    p = resources.files("rgpd_risk") / "data" / "tidytuesday_fines.csv"
    with resources.as_file(p) as fp:
        return _load_shipped_csv(Path(fp))


def load_calibration_table() -> pl.DataFrame:
    """The shipped aggregate calibration table (``rgpd_risk/data/fine_calibration.csv``).

    Examples
    --------
    >>> t = load_calibration_table()
    >>> t.filter((pl.col("dimension") == "all")).height
    2
    """
    p = resources.files("rgpd_risk") / "data" / "fine_calibration.csv"
    with resources.as_file(p) as fp:
        return pl.read_csv(Path(fp), comment_prefix="#")
