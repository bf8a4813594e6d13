"""Deterministic fine calculation: Art. 83 GDPR and the five steps of EDPB Guidelines 04/2022.

The authority's discretionary choices (starting amount within the seriousness band, share
within the size band, Step 3 percentages, Step 5 factor) are *inputs*. Given the choices a real
decision made, :func:`calculate_fine` reproduces its final amount to the cent (see the
regression tests built from methodology.md §2).

Arithmetic is done in :class:`decimal.Decimal` (inputs are read through ``str()``), results are
rounded to the cent (half up) and exposed as floats.

Examples
--------
>>> calc = calculate_fine("83(5)", 30e6, "high", starting_amount=10_000_000,
...                       size_share=0.03, adjustments=[("h", 0.05)], final_factor=0.5)
>>> calc.final_amount
157500.0
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rgpd_risk.formatting import format_eur, format_percent
from rgpd_risk.i18n import text
from rgpd_risk.law import (
    SERIOUSNESS_BANDS,
    SIZE_ADJUSTMENT_CEILING_EUR,
    SIZE_BANDS,
    STEP3_LETTERS,
    TIERS,
    ArticleRef,
    SizeBand,
    gravest_tier,
    size_band_of,
)

__all__ = [
    "Adjustment",
    "FineCalculation",
    "FineStep",
    "LinkedFines",
    "calculate_fine",
    "cap_linked_infringements",
    "legal_maximum",
    "starting_range",
]

_CENT = Decimal("0.01")


def _d(x: float | int | Decimal) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def _q(x: Decimal) -> Decimal:
    return x.quantize(_CENT, rounding=ROUND_HALF_UP)


def _money(x: Decimal) -> float:
    return float(x.quantize(_CENT, rounding=ROUND_HALF_UP))


def _eur(x: float | Decimal) -> str:
    return f"EUR {float(x):,.2f}".replace(",", "\u202f").replace(".00", "")


def _check_tier(tier: str) -> None:
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}: expected one of {sorted(TIERS)}")


MAX_AMOUNT_EUR = 1e15
"""Largest turnover or amount accepted (a thousand times the largest groups' turnover): beyond
it the cent-exact arithmetic would overflow."""
MAX_FACTOR = 1_000.0
"""Largest Step 3 change or Step 5 factor accepted (the result is capped by the legal maximum)."""


def _check_finite(name: str, value: float | None, high: float) -> None:
    if value is not None and not (math.isfinite(value) and abs(value) <= high):
        raise ValueError(f"{name} must be a finite number of at most {high:g} in size, got {value!r}")


def _check_turnover(turnover_eur: float | None) -> None:
    if turnover_eur is not None and not turnover_eur >= 0:  # also rejects NaN
        raise ValueError(f"turnover_eur must be >= 0 EUR (or None for a non-undertaking), got {turnover_eur!r}")
    _check_finite("turnover_eur", turnover_eur, MAX_AMOUNT_EUR)


def _legal_maximum(tier: str, turnover_eur: float | None) -> Decimal:
    _check_tier(tier)
    _check_turnover(turnover_eur)
    cap = TIERS[tier]
    static = Decimal(cap.static_eur)
    if turnover_eur is None:
        return static
    # "whichever is higher" (Art. 83(4)/(5)/(6))
    return max(static, _d(cap.turnover_share) * _d(turnover_eur))


def legal_maximum(tier: str, turnover_eur: float | None) -> float:
    """Legal maximum of an Art. 83 tier: the higher of the static cap and the turnover share.

    Parameters
    ----------
    tier : {"83(4)", "83(5)", "83(6)"}
    turnover_eur : float or None
        Total worldwide annual turnover of the undertaking (the group, CJEU C-383/23) in the
        financial year preceding the decision. None for a non-undertaking: static cap only.

    Examples
    --------
    >>> legal_maximum("83(4)", None), legal_maximum("83(5)", 25_826_730.75)
    (10000000.0, 20000000.0)
    >>> legal_maximum("83(5)", 34_235_142_300)
    1369405692.0
    """
    return _money(_legal_maximum(tier, turnover_eur))


def _seriousness(seriousness: str) -> tuple[Decimal, Decimal]:
    if seriousness not in SERIOUSNESS_BANDS:
        raise ValueError(f"unknown seriousness {seriousness!r}: expected one of {list(SERIOUSNESS_BANDS)}")
    lo, hi = SERIOUSNESS_BANDS[seriousness]
    return _d(lo), _d(hi)


def starting_range(
    tier: str,
    turnover_eur: float | None,
    seriousness: str,
    *,
    size_bands: tuple[SizeBand, ...] = SIZE_BANDS,
) -> tuple[float, float]:
    """EDPB Step 2 range of the starting amount, after the size adjustment (paras 60, 64-66).

    ``(low share of band × seriousness low × max, high share × seriousness high × max)``; above
    EUR 500 m (or without a turnover) there is no size adjustment.

    Examples
    --------
    The check cell of the guidelines' annex (quoted in Belgian DPA decision 87/2024):

    >>> starting_range("83(5)", 75e6, "medium")
    (160000.0, 800000.0)
    """
    lo, hi = _starting_range(tier, turnover_eur, seriousness, size_bands)
    return _money(lo), _money(hi)


def _starting_range(
    tier: str, turnover_eur: float | None, seriousness: str, size_bands: tuple[SizeBand, ...]
) -> tuple[Decimal, Decimal]:
    mx = _legal_maximum(tier, turnover_eur)
    s_lo, s_hi = _seriousness(seriousness)
    band = size_band_of(turnover_eur, size_bands)
    if band is None:
        return s_lo * mx, s_hi * mx
    return s_lo * mx * _d(band.share_low), s_hi * mx * _d(band.share_high)


@dataclass(frozen=True)
class Adjustment:
    """One Step 3 circumstance: Art. 83(2) letter, relative change (+0.05 = +5 %), rationale."""

    letter: str
    change: float
    rationale: str = ""


@dataclass(frozen=True)
class FineStep:
    """One of the five EDPB steps, explained in English and French, with the amount after it."""

    number: int
    title_en: str
    title_fr: str
    text_en: str
    text_fr: str
    amount: float | None


@dataclass(frozen=True)
class FineCalculation:
    """Result of :func:`calculate_fine` (immutable). Amounts in EUR, rounded to the cent."""

    tier: str
    turnover_eur: float | None
    seriousness: str
    legal_maximum: float
    seriousness_range: tuple[float, float]
    starting_amount: float
    size_band: str | None
    size_share: float | None
    starting_range: tuple[float, float]
    adjustments: tuple[Adjustment, ...]
    adjustment_factor: float
    after_size: float
    after_adjustments: float
    capped_amount: float
    final_factor: float
    final_amount: float
    steps: tuple[FineStep, ...] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python dictionary (JSON-serialisable).

        Examples
        --------
        >>> calculate_fine("83(4)", None, "low").to_dict()["final_amount"]
        500000.0
        """
        d = asdict(self)
        d["seriousness_range"] = list(self.seriousness_range)
        d["starting_range"] = list(self.starting_range)
        return d

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{s.number}</td><td>{html.escape(s.title_en)}<br><i>"
            f"{html.escape(s.title_fr)}</i></td><td>{html.escape(s.text_en)}<br><i>"
            f"{html.escape(s.text_fr)}</i></td><td style='text-align:right'>"
            f"{'' if s.amount is None else html.escape(_eur(s.amount))}</td></tr>"
            for s in self.steps
        )
        return (
            "<div><b>GDPR fine calculation (EDPB 04/2022)</b> — tier Art. "
            f"{html.escape(self.tier)}, legal maximum {html.escape(_eur(self.legal_maximum))}, "
            f"final <b>{html.escape(_eur(self.final_amount))}</b>"
            "<table><thead><tr><th>#</th><th>Step / Étape</th><th>Explanation / Explication"
            f"</th><th>Amount</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )


AdjustmentsLike = Mapping[str, float] | Iterable[Adjustment | tuple[str, float] | tuple[str, float, str]]


def _normalise_adjustments(adjustments: AdjustmentsLike) -> tuple[Adjustment, ...]:
    items: Iterable[Any] = adjustments.items() if isinstance(adjustments, Mapping) else adjustments
    out: list[Adjustment] = []
    seen: set[str] = set()
    for item in items:
        adj = item if isinstance(item, Adjustment) else Adjustment(*item)
        letter = adj.letter.strip().strip("()").lower()
        if letter in ("a", "b", "g"):
            raise ValueError(
                f"Art. 83(2)({letter}) feeds the seriousness (Step 2) and may not be used again in "
                f"Step 3; expected one of {', '.join(STEP3_LETTERS)}"
            )
        if letter not in STEP3_LETTERS:
            raise ValueError(f"unknown Art. 83(2) letter {adj.letter!r}: expected one of {', '.join(STEP3_LETTERS)}")
        if letter in seen:
            raise ValueError(f"Art. 83(2)({letter}) given twice: each circumstance counts once in Step 3")
        seen.add(letter)
        _check_finite(f"the Art. 83(2)({letter}) change", float(adj.change), MAX_FACTOR)
        out.append(Adjustment(letter, float(adj.change), adj.rationale))
    return tuple(out)


def calculate_fine(
    tier: str,
    turnover_eur: float | None,
    seriousness: str,
    *,
    starting_amount: float | None = None,
    size_share: float | None = None,
    adjustments: AdjustmentsLike = (),
    final_factor: float = 1.0,
    size_bands: tuple[SizeBand, ...] = SIZE_BANDS,
) -> FineCalculation:
    """Compute a GDPR fine following the five steps of EDPB Guidelines 04/2022.

    Parameters
    ----------
    tier : {"83(4)", "83(5)", "83(6)"}
        Tier of the gravest linked infringement (Step 1 / Art. 83(3), see
        :func:`cap_linked_infringements` and :func:`rgpd_risk.law.gravest_tier`).
    turnover_eur : float or None
        Undertaking's worldwide turnover of the preceding financial year; None for a
        non-undertaking (static cap, no size adjustment).
    seriousness : {"low", "medium", "high"}
        EDPB para. 60 band (from Art. 83(2)(a), (b), (g)).
    starting_amount : float, optional
        EUR amount chosen within the seriousness band of the legal maximum. Default: the band
        midpoint (a neutral mechanical default, not an EDPB rule).
    size_share : float, optional
        Fraction (0.03 = 3 %) chosen within the size band (turnover <= EUR 500 m only).
        Default: the band midpoint. Not allowed above EUR 500 m or without a turnover.
    adjustments : mapping or iterable
        Step 3 circumstances: ``{"h": 0.05}`` or ``[("c", -0.2, "why"), ...]`` or
        :class:`Adjustment` objects. Letters c, d, e, f, h, i, j, k, each at most once. The
        relative changes are summed and applied once (−35 % for (c)+(f) → × 0.65).
    final_factor : float, default 1.0
        Step 5 correction (effectiveness, proportionality, dissuasiveness; e.g. 0.5). The
        result is capped at the legal maximum again.
    size_bands : tuple of SizeBand
        Override the EDPB size bands (e.g. once the 2-10 m percentages are verified).

    Returns
    -------
    FineCalculation

    Raises
    ------
    ValueError
        Unknown tier or seriousness; negative turnover; starting amount or size share outside
        its band (the message names the expected band); unknown, reserved or repeated letter;
        Step 3 changes summing below −100 %; negative final factor.

    Examples
    --------
    Polish DPA DKN.5131.29.2023 (medium, 12 %, 10-50 m band at 5 %, −35 %, × 0.7):

    >>> c = calculate_fine("83(5)", 25_826_730.75, "medium", starting_amount=2_400_000,
    ...                    size_share=0.05, adjustments={"c": -0.15, "f": -0.20},
    ...                    final_factor=0.7)
    >>> c.after_size, c.after_adjustments, c.final_amount
    (120000.0, 78000.0, 54600.0)
    """
    mx = _legal_maximum(tier, turnover_eur)
    _check_finite("starting_amount", starting_amount, MAX_AMOUNT_EUR)
    _check_finite("size_share", size_share, 1.0)
    _check_finite("final_factor", final_factor, MAX_FACTOR)
    s_lo, s_hi = _seriousness(seriousness)
    band_lo, band_hi = s_lo * mx, s_hi * mx

    # Step 2 (i)-(ii): starting amount within the seriousness band of the legal maximum.
    if starting_amount is None:
        start = (band_lo + band_hi) / 2
    else:
        start = _d(starting_amount)
        # compared at cent precision, so amounts read back from a result are accepted
        if not _q(band_lo) <= _q(start) <= _q(band_hi):
            raise ValueError(
                f"starting_amount {_eur(start)} is outside the {seriousness!r} band: expected "
                f"{_eur(band_lo)} – {_eur(band_hi)} ({float(s_lo):.0%}–{float(s_hi):.0%} of the "
                f"legal maximum {_eur(mx)}, EDPB 04/2022 para. 60)"
            )

    # Step 2 (iii): size of the undertaking (paras 64-66), turnover <= EUR 500 m only.
    band = size_band_of(turnover_eur, size_bands)
    share: Decimal | None
    if band is None:
        if size_share is not None:
            where = (
                "no turnover was given (non-undertaking)"
                if turnover_eur is None
                else f"turnover {_eur(turnover_eur)} > EUR {SIZE_ADJUSTMENT_CEILING_EUR:,}"
            )
            raise ValueError(
                f"size_share given but {where}: expected no size adjustment "
                "(EDPB 04/2022 paras 64-66 apply to undertakings up to EUR 500 m)"
            )
        share = None
        after_size = start
        r_lo, r_hi = band_lo, band_hi
    else:
        if size_share is None:
            share = (_d(band.share_low) + _d(band.share_high)) / 2
        else:
            share = _d(size_share)
            if not _d(band.share_low) <= share <= _d(band.share_high):
                raise ValueError(
                    f"size_share {float(share):.4%} is outside the {band.label} size band: "
                    f"expected {band.share_low:.2%} – {band.share_high:.2%} "
                    f"(EDPB 04/2022 paras 64-66{'' if band.verified else ', unverified'})"
                )
        after_size = start * share
        r_lo, r_hi = band_lo * _d(band.share_low), band_hi * _d(band.share_high)

    # Step 3: net relative change of all letters, applied once.
    adjs = _normalise_adjustments(adjustments)
    factor = 1 + sum((_d(a.change) for a in adjs), Decimal(0))
    if factor < 0:
        raise ValueError(f"Step 3 changes sum to {float(factor - 1):+.0%}: expected a net change >= −100 %")
    after_adj = after_size * factor

    # Step 4: legal maximum (of the gravest linked infringement).
    capped = min(after_adj, mx)

    # Step 5: effectiveness, proportionality, dissuasiveness; never above the maximum.
    ff = _d(final_factor)
    if ff < 0:
        raise ValueError(f"final_factor must be >= 0, got {final_factor!r}")
    final = min(capped * ff, mx)

    steps = _explain(
        tier,
        turnover_eur,
        seriousness,
        mx,
        (band_lo, band_hi),
        start,
        band,
        share,
        after_size,
        adjs,
        factor,
        after_adj,
        capped,
        ff,
        final,
    )
    return FineCalculation(
        tier=tier,
        turnover_eur=turnover_eur,
        seriousness=seriousness,
        legal_maximum=_money(mx),
        seriousness_range=(_money(band_lo), _money(band_hi)),
        starting_amount=_money(start),
        size_band=None if band is None else band.label,
        size_share=None if share is None else float(share),
        starting_range=(_money(r_lo), _money(r_hi)),
        adjustments=adjs,
        adjustment_factor=float(factor),
        after_size=_money(after_size),
        after_adjustments=_money(after_adj),
        capped_amount=_money(capped),
        final_factor=float(ff),
        final_amount=_money(final),
        steps=steps,
    )


def _explain(
    tier: str,
    turnover: float | None,
    seriousness: str,
    mx: Decimal,
    srange: tuple[Decimal, Decimal],
    start: Decimal,
    band: SizeBand | None,
    share: Decimal | None,
    after_size: Decimal,
    adjs: Sequence[Adjustment],
    factor: Decimal,
    after_adj: Decimal,
    capped: Decimal,
    ff: Decimal,
    final: Decimal,
) -> tuple[FineStep, ...]:
    cap = TIERS[tier]

    def sentences(lang: str) -> list[str]:
        def say(key: str, **fmt: object) -> str:
            return text(f"exposure.edpb_steps.{key}", lang).format(**fmt)

        def eur(x: float | Decimal | None) -> str:
            return format_eur(x, lang, digits=None)

        turn = say("no_turnover") if turnover is None else say("turnover", amount=eur(turnover))
        size = say("no_size") if band is None else say(
            "size_band", band=band.label, share=format_percent(float(share or 0), lang, digits=2))
        letters = ", ".join(f"({a.letter}) {a.change:+.0%}" for a in adjs) or say("no_letters")
        return [
            say("sentences.1", tier=tier, static=eur(cap.static_eur),
                share=format_percent(cap.turnover_share, lang, digits=0), turnover=turn, maximum=eur(mx)),
            say("sentences.2", seriousness=say(f"seriousness.{seriousness}"), low=eur(srange[0]),
                high=eur(srange[1]), start=eur(start), size=size, amount=eur(after_size)),
            say("sentences.3", letters=letters, factor=f"{float(factor):g}", amount=eur(after_adj)),
            say("sentences.4", maximum=eur(mx), amount=eur(capped)),
            say("sentences.5", factor=f"{float(ff):g}", amount=eur(final)),
        ]

    en, fr = sentences("en"), sentences("fr")
    amounts = (mx, after_size, after_adj, capped, final)
    return tuple(
        FineStep(i, text(f"exposure.edpb_steps.titles.{i}", "en"), text(f"exposure.edpb_steps.titles.{i}", "fr"),
                 en[i - 1], fr[i - 1], _money(amounts[i - 1]))
        for i in range(1, 6)
    )


@dataclass(frozen=True)
class LinkedFines:
    """Art. 83(3) result for linked infringements."""

    gravest_tier: str
    legal_maximum: float
    total: float
    capped_total: float


def cap_linked_infringements(
    articles: Iterable[str | int | ArticleRef],
    turnover_eur: float | None,
    amounts: Iterable[float] = (),
) -> LinkedFines:
    """Art. 83(3): linked infringements are capped together at the gravest tier's maximum.

    Parameters
    ----------
    articles : iterable
        Articles (or tier strings) infringed by the same or linked processing operations.
    turnover_eur : float or None
    amounts : iterable of float
        Fines computed per infringement (optional); their sum is capped.

    Examples
    --------
    >>> r = cap_linked_infringements(["Art. 32", "Art. 5(1)(f)"], None, [15e6, 9e6])
    >>> r.gravest_tier, r.legal_maximum, r.capped_total
    ('83(5)', 20000000.0, 20000000.0)
    """
    tier = gravest_tier(articles)
    mx = _legal_maximum(tier, turnover_eur)
    total = sum((_d(a) for a in amounts), Decimal(0))
    if total < 0:
        raise ValueError("fine amounts must be >= 0")
    return LinkedFines(tier, _money(mx), _money(total), _money(min(total, mx)))
