"""The table of real CNIL sanctions (``rgpd_risk/data/cnil_sanctions.csv``): loading, and the
closest real French decisions to a scenario.

The table (facts only, each row with its source links; provenance in
``rgpd_risk/data/README_cnil_sanctions.md``) is read into :data:`SANCTIONS_SCHEMA`; users add
newer decisions in a CSV with the same columns and pass it to :func:`load_cnil_sanctions`.

Examples
--------
>>> t = load_cnil_sanctions()
>>> {"date", "procedure", "amount_total_eur", "families"} <= set(t.columns)
True
>>> bool((t["amount_total_eur"] > 0).all())
True
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from pathlib import Path

import polars as pl

from rgpd_risk.exposure.families import FAMILIES, THEME_FAMILY, families_of_articles

__all__ = ["SANCTIONS_SCHEMA", "load_cnil_sanctions", "closest_decisions", "decisions_frame"]

#: Columns of the loaded table (the CSV's, typed; lists split on ``|``), plus ``families``
#: (:mod:`rgpd_risk.exposure.families` of its themes and articles, ours).
SANCTIONS_SCHEMA: dict[str, pl.DataType] = {
    "date": pl.Date(), "deliberation": pl.Utf8(), "organisation": pl.Utf8(),
    "sector": pl.Utf8(), "procedure": pl.Utf8(), "amount_gdpr_eur": pl.Float64(),
    "amount_lil_eur": pl.Float64(), "amount_total_eur": pl.Float64(),
    "articles": pl.List(pl.Utf8()), "turnover_eur": pl.Float64(), "turnover_year": pl.Int64(),
    "role": pl.Utf8(), "themes": pl.List(pl.Utf8()), "source_url": pl.List(pl.Utf8()),
    "families": pl.List(pl.Utf8()),
}
_REQUIRED = ("date", "organisation", "procedure", "amount_total_eur", "articles", "themes",
             "source_url")
_NUM = ("amount_gdpr_eur", "amount_lil_eur", "amount_total_eur", "turnover_eur")


def load_cnil_sanctions(path: str | Path | None = None) -> pl.DataFrame:
    """Read the CNIL sanctions table (default: the shipped one) into :data:`SANCTIONS_SCHEMA`.

    Raises
    ------
    FileNotFoundError
        No such file (or the package was built without the table).
    ValueError
        A missing column, or a date, amount or procedure that cannot be read (the message
        names the file, the row and the column and what was expected).
    """
    if path is None:  # read once per process: the plan simulates every step
        return _shipped_sanctions().clone()
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"CNIL sanctions table not found: {path}")
    raw = pl.read_csv(path, infer_schema=False, comment_prefix="#")
    missing = [c for c in _REQUIRED if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected at least {list(_REQUIRED)}")
    for c in SANCTIONS_SCHEMA:
        if c not in raw.columns and c != "families":
            raw = raw.with_columns(pl.lit(None, pl.Utf8).alias(c))
    raw = raw.with_row_index("_row", offset=2)

    def fail(col: str, expected: str, bad: pl.DataFrame) -> None:
        r = bad.row(0, named=True)
        raise ValueError(f"{path} row {r['_row']}, column {col!r}: {r[col]!r}, expected {expected}")

    df = raw.with_columns(
        pl.col("date").str.to_date("%Y-%m-%d", strict=False).alias("_date"),
        *[pl.col(c).str.replace_all(r"[\s_]", "").cast(pl.Float64, strict=False).alias(f"_{c}")
          for c in _NUM],
        pl.col("turnover_year").cast(pl.Int64, strict=False).alias("_turnover_year"),
    )
    bad = df.filter(pl.col("_date").is_null())
    if bad.height:
        fail("date", "an ISO date YYYY-MM-DD", bad)
    for c in _NUM:
        bad = df.filter(pl.col(c).is_not_null() & (pl.col(c).str.strip_chars() != "")
                        & (pl.col(f"_{c}").is_null() | (pl.col(f"_{c}") < 0)))
        if bad.height:
            fail(c, "an amount >= 0 in EUR", bad)
    bad = df.filter(pl.col("_amount_total_eur").is_null() | (pl.col("_amount_total_eur") <= 0))
    if bad.height:
        fail("amount_total_eur", "a positive amount in EUR", bad)
    bad = df.filter(~pl.col("procedure").is_in(["ordinary", "simplified"]))
    if bad.height:
        fail("procedure", "'ordinary' or 'simplified'", bad)

    def split(c: str) -> pl.Expr:
        return pl.col(c).fill_null("").str.split("|").list.eval(
            pl.element().str.strip_chars().filter(pl.element() != ""))

    out = df.select(
        pl.col("_date").alias("date"), "deliberation", "organisation", "sector", "procedure",
        *[pl.col(f"_{c}").alias(c) for c in ("amount_gdpr_eur", "amount_lil_eur",
                                             "amount_total_eur")],
        split("articles").alias("articles"), pl.col("_turnover_eur").alias("turnover_eur"),
        pl.col("_turnover_year").alias("turnover_year"), "role",
        split("themes").alias("themes"), split("source_url").alias("source_url"),
    )
    fams = [_families(a, t) for a, t in zip(out["articles"].to_list(), out["themes"].to_list(),
                                              strict=True)]
    return out.with_columns(families=pl.Series(fams, dtype=pl.List(pl.Utf8))).cast(
        SANCTIONS_SCHEMA)  # type: ignore[arg-type]


@functools.cache
def _shipped_sanctions() -> pl.DataFrame:
    p = resources.files("rgpd_risk") / "data" / "cnil_sanctions.csv"
    if not p.is_file():
        raise FileNotFoundError("rgpd_risk/data/cnil_sanctions.csv is not installed")
    with resources.as_file(p) as fp:
        return load_cnil_sanctions(Path(fp))


def _families(articles: list[str], themes: list[str]) -> list[str]:
    found = set(families_of_articles(articles)) | {THEME_FAMILY.get(t, "other") for t in themes}
    if len(found) > 1:
        found.discard("other")
    return [f for f in FAMILIES if f in found]


def decisions_frame(table: pl.DataFrame, *, procedure: str = "ordinary") -> pl.DataFrame:
    """The table's decisions of one procedure in :data:`~.fine_model.DECISIONS_SCHEMA`
    (authority ``FR``), for :func:`~rgpd_risk.exposure.fine_model.fit_fine_regression`."""
    t = table.filter(pl.col("procedure") == procedure)
    ident = pl.coalesce(pl.col("deliberation"),
                        pl.concat_str([pl.col("date").cast(pl.Utf8), pl.col("organisation")],
                                      separator=" "))
    return t.select(ident.alias("decision_id"), pl.lit("FR").alias("authority"),
                    pl.col("amount_total_eur").alias("amount_eur"), "turnover_eur", "families")


def _amount(x: float) -> str:
    """Language-neutral amount: ``400\u202f000 €`` (the same in French and English reports)."""
    return f"{x:,.0f}".replace(",", "\u202f") + " €"


def closest_decisions(table: pl.DataFrame, family: str, procedure: str,
                      turnover_eur: float | None, *, k: int = 3) -> list[str]:
    """The ``k`` real CNIL decisions closest to a scenario, as short labels.

    Score (ours): +2 when the decision concerns the scenario's family, +1 for the same
    procedure, −0.5 per decade of turnover apart (when both are known); ties by most recent
    date, then deliberation number. Labels: ``"SAN-2023-009 Organisation (2023, 400 000 €)"``.

    Examples
    --------
    >>> t = load_cnil_sanctions()
    >>> out = closest_decisions(t, "trackers", "ordinary", 5e7)
    >>> len(out) == 3 and all(isinstance(s, str) for s in out)
    True
    """
    if table.height == 0:
        return []
    lt = math.log10(turnover_eur) if turnover_eur else None
    score = (pl.col("families").list.contains(family).cast(pl.Float64) * 2.0
             + (pl.col("procedure") == procedure).cast(pl.Float64))
    if lt is not None:
        score = score - pl.when(pl.col("turnover_eur").is_not_null()).then(
            (pl.col("turnover_eur").clip(1.0).log10() - lt).abs() * 0.5).otherwise(0.0)
    best = (table.with_columns(_score=score)
            .sort(["_score", "date", "deliberation"], descending=[True, True, False],
                  nulls_last=True).head(k))
    return [
        f"{(r['deliberation'] + ' ') if r['deliberation'] else ''}{r['organisation']} "
        f"({r['date'].year}, {_amount(r['amount_total_eur'])})"
        for r in best.iter_rows(named=True)
    ]
