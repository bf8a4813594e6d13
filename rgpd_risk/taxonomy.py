"""Controlled vocabularies: data categories, data subjects, legal bases, security measures.

The tables are shipped as CSV files in ``rgpd_risk/data/`` so that analysts can read them
and so that every label, flag and score has exactly one home:

* ``categories.csv`` — our data-category keys with French and English labels; flags for
  GDPR Art. 9(1) special categories, Art. 10 criminal data, the French NIR (loi
  Informatique et Libertés art. 30, décret 2019-341) and children's data; the WP248
  "highly personal" flag (criterion 4 also names location, financial and communications
  data); the ENISA (2013) base data-processing-context score (simple 1, behavioural 2,
  financial 3, sensitive 4); the row of the CNIL simplified register it is declared in.
  The NIR's DPC of 3 is *our* choice: ENISA has no national-identifier class and the NIR
  has a restricted regime in France.
* ``cnil_rows.csv`` — the six personal-data rows of the CNIL simplified register plus its
  sensitive block (methodology §7).
* ``data_subjects.csv`` — categories of people with a vulnerability flag (WP248 criterion 7:
  children, employees, patients, elderly, asylum seekers…; candidates are flagged by *our*
  choice, for the same imbalance of power as employees).
* ``legal_bases.csv`` — Art. 6(1)(a)–(f).
* ``security_measures.csv``, ``transfer_safeguards.csv`` — Art. 32 measures and the
  Chapter V transfer tools.
* ``adequacy.csv`` — Art. 45 adequacy decisions with their date (the list changes);
  ``eea.csv`` — EU + EEA states, for which no transfer rules apply.
* ``fideslang_map.csv`` — every one of the 86 fideslang keys mapped to our keys (or to
  nothing, with the reason, for non-personal system data).
* ``purpose_types.csv`` — the controlled vocabulary of ``purpose_type`` (what the processing
  is for, in the CNIL's categories: the French layer's rules and the CNIL DPIA lists read it);
  ``audiences.csv`` (consumers / professionals / both, CPCE art. L34-5) and
  ``recording_scopes.csv`` (all / sample / none) for the recording rules.
* ``synonyms.csv`` — French and English synonyms for every vocabulary.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import polars as pl

VOCABULARIES = ("category", "subject", "legal_basis", "security", "safeguard",
                "purpose_type", "audience", "recording_scope")

_TABLE_OF = {
    "category": "categories.csv",
    "subject": "data_subjects.csv",
    "legal_basis": "legal_bases.csv",
    "security": "security_measures.csv",
    "safeguard": "transfer_safeguards.csv",
    # French layer (issue #15): controlled vocabularies of the purpose and prospecting columns.
    "purpose_type": "purpose_types.csv",
    "audience": "audiences.csv",
    "recording_scope": "recording_scopes.csv",
}


_FLAG_COLUMNS = ("art9", "art10", "nir", "children", "highly_personal", "vulnerable", "sensitive")


@cache
def _read(name: str) -> pl.DataFrame:
    path = resources.files("rgpd_risk") / "data" / name
    with resources.as_file(path) as p:
        frame = pl.read_csv(p, infer_schema_length=0)
    flags = [c for c in _FLAG_COLUMNS if c in frame.columns]
    return frame.with_columns(pl.col(flags) == "true")


def categories() -> pl.DataFrame:
    """Data-category taxonomy, one row per key.

    Columns: ``key, label_en, label_fr, art9, art10, nir, children, highly_personal,
    enisa_dpc (Int8), cnil_row``.

    Examples
    --------
    >>> cats = categories()
    >>> cats.filter(pl.col("art9")).height  # the eight Art. 9(1) categories
    8
    """
    return _read("categories.csv").with_columns(pl.col("enisa_dpc").cast(pl.Int8))


def cnil_rows() -> pl.DataFrame:
    """Rows of the CNIL simplified register (six personal-data rows and the sensitive block)."""
    return _read("cnil_rows.csv")


def data_subjects() -> pl.DataFrame:
    """Categories of data subjects with ``vulnerable`` and ``children`` flags."""
    return _read("data_subjects.csv")


def legal_bases() -> pl.DataFrame:
    """The six Art. 6(1) legal bases with their letter and French / English labels."""
    return _read("legal_bases.csv")


def security_measures() -> pl.DataFrame:
    """Art. 32 security measures recognised in inventories."""
    return _read("security_measures.csv")


def transfer_safeguards() -> pl.DataFrame:
    """Chapter V transfer tools (Arts 45–49)."""
    return _read("transfer_safeguards.csv")


def adequacy_decisions() -> pl.DataFrame:
    """Art. 45 adequacy decisions: ``country`` (ISO 3166-1 alpha-2), ``decision_date``, scope."""
    return _read("adequacy.csv").with_columns(pl.col("decision_date").str.to_date())


def eea_countries() -> frozenset[str]:
    """ISO codes of the EU and EEA states (no Chapter V transfer there).

    Examples
    --------
    >>> "FR" in eea_countries(), "US" in eea_countries()
    (True, False)
    """
    return frozenset(_read("eea.csv")["country"].to_list())


def fideslang_mapping() -> pl.DataFrame:
    """Mapping of every fideslang data-category key to our key (null = not personal data)."""
    return _read("fideslang_map.csv")


def keys(vocabulary: str) -> frozenset[str]:
    """Valid keys of a vocabulary (``category``, ``subject``, ``legal_basis``, ...)."""
    return frozenset(_read(_TABLE_OF[vocabulary])["key"].to_list())


def normalise_text(expr: pl.Expr) -> pl.Expr:
    """Lower-case, strip accents and collapse white space (vectorised).

    Accents are removed by NFKD normalisation then dropping combining marks, so that
    "Santé", "SANTE" and "santé " compare equal.
    """
    return (
        expr.str.normalize("NFKD")
        .str.replace_all(r"\p{Mn}", "")
        .str.to_lowercase()
        .str.replace_all(r"[’`]", "'")
        .str.replace_all(r"[_\s]+", " ")
        .str.strip_chars()
    )


def normalise(text: str) -> str:
    """Scalar twin of :func:`normalise_text`, for headers and single values.

    Examples
    --------
    >>> normalise("  Données   de SANTÉ ")
    'donnees de sante'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("`", "'").replace("_", " ")
    return " ".join(text.split())


@cache
def lookup_table(vocabulary: str) -> pl.DataFrame:
    """Normalised text → key, for one vocabulary.

    Holds each key itself, its English and French labels, and its synonyms; for
    categories also every fideslang key that maps to a category.
    """
    table = _read(_TABLE_OF[vocabulary])
    parts = [table.select(pl.col("key").alias("text"), "key")]
    for label in ("label_en", "label_fr"):
        parts.append(table.select(pl.col(label).alias("text"), "key"))
    syn = _read("synonyms.csv").filter(pl.col("vocabulary") == vocabulary)
    parts.append(syn.select(pl.col("synonym").alias("text"), "key"))
    if vocabulary == "category":
        fides = fideslang_mapping().filter(pl.col("category").is_not_null())
        parts.append(fides.select(pl.col("fides_key").alias("text"), pl.col("category").alias("key")))
    out = (
        pl.concat(parts)
        .with_columns(normalise_text(pl.col("text")).alias("text"))
        .unique(subset="text", keep="first", maintain_order=True)
    )
    return out


def resolve(values: pl.Series, vocabulary: str) -> pl.Series:
    """Map free-text values to vocabulary keys; unknown values become null.

    Examples
    --------
    >>> resolve(pl.Series(["Santé", "IBAN", "user.contact.email", "??"]), "category").to_list()
    ['health', 'financial', 'contact', None]
    """
    # Normalise each distinct value once (registers repeat a few labels), then join back.
    frame = pl.DataFrame({"raw": values.cast(pl.Utf8)})
    distinct = frame.unique(maintain_order=True).with_columns(normalise_text(pl.col("raw")).alias("text"))
    keys = distinct.join(lookup_table(vocabulary), on="text", how="left", maintain_order="left").drop("text")
    joined = frame.join(keys, on="raw", how="left", nulls_equal=True, maintain_order="left")
    return joined["key"].rename(values.name)
