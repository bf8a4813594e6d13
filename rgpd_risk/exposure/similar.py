"""Closest real decisions to a set of infringed articles (scikit-learn nearest neighbours).

Features (binary, weighted — the weights are OUR choice): article families (weight 1.0),
individual articles (0.5), and, only when the query gives them, sector (0.7), country (0.7)
and infringement type (0.5). Distances are Euclidean on those blocks; ties are broken by
record id so the answer is deterministic.

Examples
--------
>>> out = similar_cases(["Art. 32", "Art. 33"], country="DE", k=3)
>>> out.columns[:4]
['distance', 'record_id', 'date', 'country']
>>> out.height
3
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import polars as pl
from sklearn.neighbors import NearestNeighbors

from rgpd_risk.exposure.calibration import ARTICLE_FAMILIES, article_family
from rgpd_risk.exposure.enforcement import ENFORCEMENT_SCHEMA, _country, load_shipped_fines
from rgpd_risk.law import ArticleRef, parse_article, split_articles

__all__ = ["similar_cases", "FEATURE_WEIGHTS"]

#: Block weights of the distance (our modelling choice).
FEATURE_WEIGHTS: dict[str, float] = {
    "family": 1.0,
    "article": 0.5,
    "sector": 0.7,
    "country": 0.7,
    "type": 0.5,
}

_OUT_COLUMNS = ["distance", "record_id", "date", "country", "authority", "controller",
                "amount_eur", "articles", "tier", "type", "sector"]


def _refs(articles: str | Iterable[str | int | ArticleRef]) -> list[ArticleRef]:
    if isinstance(articles, str):
        refs, _ = split_articles(articles)
    else:
        refs = [a if isinstance(a, ArticleRef) else parse_article(a) for a in articles]
    if not refs:
        raise ValueError(f"no GDPR article in {articles!r}")
    return refs


def _onehot(values: list[str | None], vocab: list[str]) -> np.ndarray:
    idx = {v: i for i, v in enumerate(vocab)}
    out = np.zeros((len(values), len(vocab)))
    for r, v in enumerate(values):
        if v in idx:
            out[r, idx[v]] = 1.0
    return out


def _multihot(lists: list[list[str]], vocab: list[str]) -> np.ndarray:
    idx = {v: i for i, v in enumerate(vocab)}
    out = np.zeros((len(lists), len(vocab)))
    for r, items in enumerate(lists):
        for it in items:
            if it in idx:
                out[r, idx[it]] = 1.0
    return out


def similar_cases(
    articles: str | Iterable[str | int | ArticleRef],
    *,
    sector: str | None = None,
    country: str | None = None,
    infringement_type: str | None = None,
    k: int = 5,
    cases: pl.DataFrame | None = None,
    with_amount_only: bool = True,
) -> pl.DataFrame:
    """Return the ``k`` real decisions closest to the query.

    Parameters
    ----------
    articles : str or iterable
        Infringed articles (``"Art. 5(1)(f), Art. 32"`` or a list).
    sector, country, infringement_type : str, optional
        Used only when given. ``country`` accepts ISO-2 codes or English names; ``sector`` and
        ``infringement_type`` must use the labels of ``cases`` (CMS sectors for a CMS export).
    k : int, default 5
    cases : pl.DataFrame, optional
        Enforcement records in :data:`ENFORCEMENT_SCHEMA` (e.g. from
        :func:`rgpd_risk.exposure.enforcement.load_enforcement` on your own CMS export).
        Default: the shipped facts-only TidyTuesday table (250 fines 2018-2020).
    with_amount_only : bool, default True
        Ignore records whose amount is unknown.

    Returns
    -------
    pl.DataFrame
        ``distance, record_id, date, country, authority, controller, amount_eur, articles,
        tier, type, sector``, closest first.

    Examples
    --------
    >>> top = similar_cases("Art. 32 GDPR", country="Germany", k=1).row(0, named=True)
    >>> top["country"], top["articles"], top["distance"]
    ('DE', ['Art. 32'], 0.0)
    """
    if k < 1:
        raise ValueError("k must be >= 1")
    refs = _refs(articles)
    df = load_shipped_fines() if cases is None else cases
    missing = [c for c in ("record_id", "articles", "country") if c not in df.columns]
    if missing:
        raise ValueError(
            f"cases is missing column(s) {missing}; expected {list(ENFORCEMENT_SCHEMA)}"
        )
    if with_amount_only and "amount_eur" in df.columns:
        df = df.filter(pl.col("amount_eur").is_not_null())
    df = df.filter(pl.col("articles").list.len() > 0)
    if df.height == 0:
        raise ValueError("no enforcement record with articles (and an amount) to compare with")

    q_arts = sorted({f"Art. {r.article}" for r in refs})
    q_fams = sorted({article_family(r.article) for r in refs})
    rec_arts = [
        sorted({a.split("(")[0] for a in lst}) for lst in df["articles"].to_list()
    ]
    rec_fams = [sorted({article_family(int(a[5:])) for a in lst}) for lst in rec_arts]
    fam_vocab = [*ARTICLE_FAMILIES, "other"]
    art_vocab = sorted({a for lst in rec_arts for a in lst} | set(q_arts))
    blocks_x = [FEATURE_WEIGHTS["family"] * _multihot(rec_fams, fam_vocab),
                FEATURE_WEIGHTS["article"] * _multihot(rec_arts, art_vocab)]
    blocks_q = [FEATURE_WEIGHTS["family"] * _multihot([q_fams], fam_vocab),
                FEATURE_WEIGHTS["article"] * _multihot([q_arts], art_vocab)]
    optional = {
        "sector": sector,
        "country": None if country is None else _country(country, "similar_cases query"),
        "type": infringement_type,
    }
    for col, value in optional.items():
        if value is None:
            continue
        if col not in df.columns:
            raise ValueError(f"cases has no {col!r} column to match {value!r}")
        vals = df[col].to_list()
        vocab = sorted({v for v in vals if v is not None} | {value})
        blocks_x.append(FEATURE_WEIGHTS[col] * _onehot(vals, vocab))
        blocks_q.append(FEATURE_WEIGHTS[col] * _onehot([value], vocab))
    x, q = np.hstack(blocks_x), np.hstack(blocks_q)

    nn = NearestNeighbors(n_neighbors=df.height, algorithm="brute").fit(x)
    dist, idx = nn.kneighbors(q)
    order = pl.DataFrame({"_row": idx[0], "distance": np.round(dist[0], 9)})
    out = (
        df.with_row_index("_row")
        .join(order, on="_row")
        .sort(["distance", "record_id"])
        .head(k)
    )
    return out.select([c for c in _OUT_COLUMNS if c in out.columns])
