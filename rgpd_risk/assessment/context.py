"""Per-dataset facts derived from the inventory, as polars expressions (no row loops).

:func:`rgpd_risk.inventory.schema.canonical_frame` turns any inventory-like frame into the
canonical schema (documented defaults, empty lists, pessimistic booleans); :func:`with_context`
adds the private ``_``-prefixed columns every later stage reads: the highest ENISA DPC of the categories, the
Art. 9 / Art. 10 / NIR categories present, vulnerable subjects, large scale, transfers not
covered by Chapter V, and one boolean per security measure (initial and residual).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import numpy as np
import polars as pl

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.assessment.config import RiskModel

__all__ = ["with_context", "with_text_context", "list_bitmask", "Vocab", "vocab", "has_bits",
           "only_bits", "CATEGORY_BITS", "SUBJECT_BITS",
           "MEASURES", "measure_col",
           "join_present", "list_text"]

#: Chapter V tools that cover a transfer to any country (Arts 46, 47, 49).
APPROPRIATE_SAFEGUARDS = ("scc", "bcr", "code_or_certification", "derogation")


@dataclass(frozen=True)
class Vocab:
    """Key sets read once from the taxonomy tables."""

    dpc: dict[str, int]
    art9: tuple[str, ...]
    art10: tuple[str, ...]
    nir: tuple[str, ...]
    children_cat: tuple[str, ...]
    highly_personal: tuple[str, ...]
    vulnerable: tuple[str, ...]
    children_subj: tuple[str, ...]
    legal_bases: tuple[str, ...]
    eea: tuple[str, ...]
    measures: tuple[str, ...]


@cache
def vocab() -> Vocab:
    """The taxonomy key sets used by the assessment (cached)."""
    cats = taxonomy.categories()
    subj = taxonomy.data_subjects()

    def keys(frame: pl.DataFrame, flag: str) -> tuple[str, ...]:
        return tuple(frame.filter(pl.col(flag))["key"].to_list())

    return Vocab(
        dpc=dict(zip(cats["key"].to_list(), cats["enisa_dpc"].cast(pl.Int64).to_list(),
                     strict=True)),
        art9=keys(cats, "art9"),
        art10=keys(cats, "art10"),
        nir=keys(cats, "nir"),
        children_cat=keys(cats, "children"),
        highly_personal=keys(cats, "highly_personal"),
        vulnerable=keys(subj, "vulnerable"),
        children_subj=keys(subj, "children"),
        legal_bases=tuple(taxonomy.legal_bases()["key"].to_list()),
        eea=tuple(sorted(taxonomy.eea_countries())),
        measures=tuple(taxonomy.security_measures()["key"].to_list()),
    )


MEASURES: tuple[str, ...] = tuple(taxonomy.security_measures()["key"].to_list())


def measure_col(key: str, residual: bool = False) -> str:
    """Name of the private boolean column telling whether a measure is in place."""
    return f"_{'r' if residual else 'm'}_{key}"


@lru_cache(maxsize=256)  # the shipped table is read once; one result per date
def adequate_countries(today: date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Countries with an Art. 45 decision in force on ``today``: (full scope, any scope).

    Partial decisions (US: DPF-certified organisations only; Canada: PIPEDA; Japan: APPI)
    cover a transfer only when the controller declares it relies on them
    (``transfer_safeguard == "adequacy"``).

    Examples
    --------
    >>> full, any_ = adequate_countries(date(2024, 1, 1))
    >>> "CH" in full, "US" in full, "US" in any_
    (True, False, True)
    >>> "US" in adequate_countries(date(2023, 1, 1))[1]  # before the DPF decision
    False
    """
    ad = taxonomy.adequacy_decisions().filter(pl.col("decision_date") <= today)
    full = ad.filter(pl.col("scope").str.starts_with("full"))["country"].to_list()
    return tuple(sorted(full)), tuple(sorted(ad["country"].to_list()))


def join_present(parts: list[pl.Expr], sep: str = ", ") -> pl.Expr:
    """Join the non-null parts with ``sep`` ("" when all are null).

    Much faster than building a list with ``concat_list`` and joining it.
    """
    return pl.concat_str(parts, separator=sep, ignore_nulls=True)


def list_text(col: str, sep: str = ", ") -> pl.Expr:
    """A list column joined with ``sep``, null when the list is empty."""
    return pl.when(pl.col(col).list.len() > 0).then(pl.col(col).list.join(sep))


def _only(col: str, keys: tuple[str, ...]) -> pl.Expr:
    return pl.col(col).list.eval(pl.element().filter(pl.element().is_in(keys)))


def list_bitmask(values: pl.Series, bits: dict[str, int]) -> pl.Series:
    """Bitwise OR of ``bits[key]`` over each list (UInt64); unknown keys count 0.

    Vectorised without ``list.eval``: the lists are flattened once and reduced with
    :func:`numpy.bitwise_or.reduceat` over their offsets.

    Examples
    --------
    >>> lists = pl.Series([["a", "c"], [], None, ["b", "x"]])
    >>> list_bitmask(lists, {"a": 1, "b": 2, "c": 4}).to_list()
    [5, 0, 0, 2]
    """
    lens = values.list.len().fill_null(0).cast(pl.Int64).to_numpy()
    flat = values.explode(empty_as_null=False, keep_nulls=False)
    codes = (flat.replace_strict(bits, default=0, return_dtype=pl.UInt64).fill_null(0)
             .to_numpy())
    if len(codes) != int(lens.sum()):  # pragma: no cover - guards a polars behaviour change
        raise RuntimeError("unexpected explode length")
    if len(lens) == 0:
        return pl.Series(values.name, [], dtype=pl.UInt64)
    starts = np.cumsum(lens) - lens
    out = np.bitwise_or.reduceat(np.append(codes, np.uint64(0)), starts)
    out[lens == 0] = 0
    return pl.Series(values.name, out, dtype=pl.UInt64)


def _bits(keys: list[str] | tuple[str, ...]) -> dict[str, int]:
    return {k: 1 << i for i, k in enumerate(keys)}


def _has(mask: str, bits: dict[str, int], keys: tuple[str, ...]) -> pl.Expr:
    wanted = sum(bits[k] for k in keys if k in bits)
    return (pl.col(mask) & pl.lit(wanted, dtype=pl.UInt64)) != 0


def has_bits(mask: str, bits: dict[str, int], keys: tuple[str, ...] | list[str]) -> pl.Expr:
    """Whether any of ``keys`` is in the list reduced to the bit mask column ``mask``
    (``_cat_mask`` with :data:`CATEGORY_BITS`, ``_subj_mask`` with :data:`SUBJECT_BITS`)."""
    return _has(mask, bits, tuple(keys))


def only_bits(mask: str, bits: dict[str, int], keys: tuple[str, ...] | list[str]) -> pl.Expr:
    """Whether the list is non-empty and holds only ``keys`` (bit-mask test)."""
    allowed = sum(bits[k] for k in keys if k in bits)
    m = pl.col(mask)
    return (m != 0) & ((m & pl.lit(~allowed & (2**64 - 1), dtype=pl.UInt64)) == 0)


CATEGORY_BITS: dict[str, int] = _bits(sorted(vocab().dpc))
SUBJECT_BITS: dict[str, int] = _bits(sorted(taxonomy.keys("subject")))
MEASURE_BITS: dict[str, int] = _bits(MEASURES)


def with_context(frame: pl.DataFrame, model: RiskModel, today: date) -> pl.DataFrame:
    """Add the private ``_`` columns derived from a canonical inventory frame.

    Category, subject and measure lists are reduced once to bit masks (``_cat_mask``,
    ``_subj_mask``, ``_mask`` in place, ``_mask_res`` with planned measures); every flag is
    then an integer test. :func:`with_text_context` adds the lists used in texts.

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> f = frame_from_records([{"dataset_id": "a", "name": "A", "subject_count": 10,
    ...     "data_categories": ["health", "contact"], "data_subjects": ["patients"]}])
    >>> c = with_context(f, RiskModel(), date(2025, 1, 1))
    >>> c.select("_max_dpc", "_has_art9", "_vulnerable", "_large").row(0)
    (4, True, True, False)
    """
    v = vocab()
    full, any_ = adequate_countries(today)
    n = pl.col("subject_count")
    unknown_large = pl.lit(model.unknown_count_is_large)
    cats_upper = pl.col("third_countries").list.eval(
        pl.element().str.strip_chars().str.to_uppercase())
    now = list_bitmask(frame["security_measures"], MEASURE_BITS)
    planned = list_bitmask(frame["planned_measures"], MEASURE_BITS)
    first = frame.with_columns(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("_row"),
        list_bitmask(frame["data_categories"], CATEGORY_BITS).alias("_cat_mask"),
        list_bitmask(frame["data_subjects"], SUBJECT_BITS).alias("_subj_mask"),
        now.alias("_mask"),
        (now | planned).alias("_mask_res"),
        pl.when(n.is_null()).then(unknown_large)
        .otherwise(n >= model.large_scale_threshold).alias("_large"),
        pl.when(n.is_null()).then(unknown_large)
        .otherwise(n >= model.very_large_threshold).alias("_very_large"),
        pl.col("recipients").list.len().alias("_n_recipients"),
        pl.col("processors").list.len().alias("_n_processors"),
        cats_upper.list.eval(pl.element().filter(~pl.element().is_in(v.eea))).alias("_non_eea"),
        pl.col("legal_basis").is_in(v.legal_bases).fill_null(False).alias("_lb_valid"),
    )
    hp = tuple(k for k in v.highly_personal if k not in v.art9 + v.art10)
    dpc = pl.lit(1, dtype=pl.Int8)
    for level in (2, 3, 4):  # highest ENISA DPC among the categories
        keys = tuple(k for k, d in v.dpc.items() if d == level)
        dpc = pl.when(_has("_cat_mask", CATEGORY_BITS, keys)).then(
            pl.lit(level, dtype=pl.Int8)).otherwise(dpc)
    if "unmapped_categories" in frame.columns and model.unmapped_category_dpc > 1:
        # labels the loader could not classify: at least RiskModel.unmapped_category_dpc
        unmapped = (pl.col("unmapped_categories").list.len() > 0).fill_null(False)
        floor = pl.lit(model.unmapped_category_dpc, dtype=pl.Int8)
        dpc = pl.when(unmapped & (dpc < floor)).then(floor).otherwise(dpc)
    child = (
        _has("_cat_mask", CATEGORY_BITS, v.children_cat)
        | _has("_subj_mask", SUBJECT_BITS, v.children_subj)
        | (pl.col("min_subject_age") < 18).fill_null(False)
    )
    return first.with_columns(
        dpc.alias("_max_dpc"),
        _has("_cat_mask", CATEGORY_BITS, v.art9).alias("_has_art9"),
        _has("_cat_mask", CATEGORY_BITS, v.art10).alias("_has_art10"),
        _has("_cat_mask", CATEGORY_BITS, v.nir).alias("_has_nir"),
        _has("_cat_mask", CATEGORY_BITS, hp).alias("_has_hp"),
        _has("_cat_mask", CATEGORY_BITS, v.children_cat).alias("_child_cat"),
        _has("_subj_mask", SUBJECT_BITS, v.children_subj).alias("_child_subj"),
        child.alias("_child"),
        (_has("_subj_mask", SUBJECT_BITS, v.vulnerable) | child).alias("_vulnerable"),
        *[((pl.col("_mask") & MEASURE_BITS[k]) != 0).alias(measure_col(k)) for k in MEASURES],
        *[((pl.col("_mask_res") & MEASURE_BITS[k]) != 0).alias(measure_col(k, True))
          for k in MEASURES],
        pl.col("_non_eea").list.eval(pl.element().filter(~pl.element().is_in(full)))
        .alias("_not_full_adequate"),
        pl.col("_non_eea").list.eval(pl.element().filter(~pl.element().is_in(any_)))
        .alias("_not_adequate"),
    ).with_columns(
        # Chapter V: countries of this row whose transfer has no tool (Arts 44-46, 49).
        pl.when(pl.col("transfer_safeguard").is_in(APPROPRIATE_SAFEGUARDS).fill_null(False))
        .then(pl.col("_non_eea").list.slice(0, 0))
        .when(pl.col("transfer_safeguard") == "adequacy")
        .then(pl.col("_not_adequate"))
        .otherwise(pl.col("_not_full_adequate"))
        .alias("_uncovered"),
        (pl.col("_has_art9") | pl.col("_has_art10") | pl.col("_has_nir")).alias("_sensitive"),
    )


def with_text_context(ctx: pl.DataFrame, model: RiskModel | None = None) -> pl.DataFrame:
    """Add the lists quoted in texts: ``_art9_cats, _art10_cats, _hp_cats,
    _vuln_subjects`` (only needed to render evidence, reasons and the DPIA trail), and the
    text pieces every rendering shares, computed once: ``_t_art9, _t_art10, _t_hp, _t_vuln``
    (the lists joined with ", ", null when empty) and ``_t_count``
    (``"subject_count=<n> ≥ <large-scale threshold>"``, null when the count is unknown)."""
    v = vocab()
    model = model or RiskModel()
    hp = tuple(k for k in v.highly_personal if k not in v.art9 + v.art10)
    return ctx.with_columns(
        _only("data_categories", v.art9).alias("_art9_cats"),
        _only("data_categories", v.art10).alias("_art10_cats"),
        _only("data_categories", hp).alias("_hp_cats"),
        _only("data_subjects", v.vulnerable).alias("_vuln_subjects"),
        pl.format("subject_count={} ≥ {}", pl.col("subject_count"),
                  pl.lit(model.large_scale_threshold)).alias("_t_count"),
    ).with_columns(
        list_text("_art9_cats").alias("_t_art9"),
        list_text("_art10_cats").alias("_t_art10"),
        list_text("_hp_cats").alias("_t_hp"),
        list_text("_vuln_subjects").alias("_t_vuln"),
    )
