"""Art. 83 GDPR and EDPB Guidelines 04/2022: every legal constant of the fine engine, once.

Each constant carries its source next to it. Figures that could not be checked against the
official text are flagged ``verified=False`` and can be overridden by passing another
:class:`SizeBand` tuple to the calculator (see :func:`rgpd_risk.exposure.calculate_fine`).

Sources
-------
- Regulation (EU) 2016/679 (GDPR), Art. 83(3), (4), (5), (6). OJ L 119, 4.5.2016.
- EDPB Guidelines 04/2022 on the calculation of administrative fines under the GDPR,
  version 2.1, adopted 24 May 2023 (paras 60, 64-66 and the annex table).

What is *not* law here: nothing. Modelling choices (priors, probabilities) live in
:mod:`rgpd_risk.exposure.calibration` and are labelled as ours.

Examples
--------
>>> str(parse_article("Art. 5 (1) c) GDPR"))
'Art. 5(1)(c)'
>>> tier_of("Art. 32 GDPR"), tier_of("Art. 46(1) GDPR")
('83(4)', '83(5)')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, overload

__all__ = [
    "REGIMES",
    "TIERS",
    "Tier",
    "TierCap",
    "SERIOUSNESS_BANDS",
    "SIZE_BANDS",
    "SIZE_ADJUSTMENT_CEILING_EUR",
    "SizeBand",
    "STEP3_LETTERS",
    "ArticleRef",
    "parse_article",
    "split_articles",
    "tier_of",
    "gravest_tier",
    "size_band_of",
]

Tier = Literal["83(4)", "83(5)", "83(6)"]

#: The legal regimes a finding can fall under (``regime`` column of
#: :data:`rgpd_risk.schemas.FINDINGS_SCHEMA`, ``Rule.regime``):
#:
#: * ``GDPR`` — Regulation (EU) 2016/679; fined under Art. 83 (tiers 83(4) / 83(5)).
#: * ``LIL`` — loi n° 78-17 du 6 janvier 1978 « Informatique et Libertés » (French law; the
#:   CNIL sanctions under its art. 20).
#: * ``CPCE`` — Code des postes et des communications électroniques (e.g. art. L34-5,
#:   direct marketing by electronic means).
#: * ``AI Act`` — Regulation (EU) 2024/1689 (artificial intelligence; fines in its art. 99).
#:
#: Consumers read ``regime`` before ``tier``: how non-GDPR findings fill ``tier`` is set by
#: the French-layer rules (see /work/coord/CHANGES.md and docs/risk_model.md).
REGIMES: tuple[str, ...] = ("GDPR", "LIL", "CPCE", "AI Act")


@dataclass(frozen=True)
class TierCap:
    """Legal maximum of one Art. 83 tier: ``max(static_eur, share * turnover)``."""

    tier: str
    static_eur: int
    turnover_share: float
    source: str


#: Art. 83(4)-(6) GDPR: "up to EUR X, or in the case of an undertaking, up to Y % of the total
#: worldwide annual turnover of the preceding financial year, whichever is higher".
TIERS: dict[str, TierCap] = {
    "83(4)": TierCap("83(4)", 10_000_000, 0.02, "GDPR Art. 83(4): EUR 10 000 000 or 2 %"),
    "83(5)": TierCap("83(5)", 20_000_000, 0.04, "GDPR Art. 83(5): EUR 20 000 000 or 4 %"),
    # Art. 83(6): non-compliance with an order under Art. 58(2) -> same maximum as 83(5).
    "83(6)": TierCap("83(6)", 20_000_000, 0.04, "GDPR Art. 83(6): EUR 20 000 000 or 4 %"),
}

#: Gravity order used by Art. 83(3) ("the gravest infringement"): 83(5) and 83(6) share the
#: same maximum and outrank 83(4).
_TIER_RANK: dict[str, int] = {"83(4)": 0, "83(5)": 1, "83(6)": 1}

#: EDPB Guidelines 04/2022, para. 60: starting amount as a share of the legal maximum.
#: (Some secondary websites print 10-30 / 30-100 %: that is wrong.)
SERIOUSNESS_BANDS: dict[str, tuple[float, float]] = {
    "low": (0.0, 0.10),
    "medium": (0.10, 0.20),
    "high": (0.20, 1.00),
}

#: EDPB Guidelines 04/2022, paras 64-66: the size adjustment applies only up to this turnover;
#: above it the percentage cap already scales with size.
SIZE_ADJUSTMENT_CEILING_EUR = 500_000_000

#: EDPB 04/2022 Step 3 (Art. 83(2)): letters that may aggravate or mitigate. (a), (b), (g)
#: feed the seriousness in Step 2 and may not be counted again.
STEP3_LETTERS: tuple[str, ...] = ("c", "d", "e", "f", "h", "i", "j", "k")


@dataclass(frozen=True)
class SizeBand:
    """One EDPB size band: turnover in ``(low_eur, high_eur]`` -> share of the starting amount.

    ``share_low``/``share_high`` are fractions (0.015 = 1.5 %). ``verified`` is False when the
    percentages could not be checked against the official text (override them if you can).
    """

    low_eur: float
    high_eur: float
    share_low: float
    share_high: float
    verified: bool
    source: str

    def contains(self, turnover_eur: float) -> bool:
        """Half-open membership ``(low, high]``; the first band also includes 0."""
        lower_ok = turnover_eur > self.low_eur or (self.low_eur == 0 and turnover_eur == 0)
        return lower_ok and turnover_eur <= self.high_eur

    @property
    def label(self) -> str:
        """Human label such as ``"10-50 m"``."""
        return f"{self.low_eur / 1e6:g}-{self.high_eur / 1e6:g} m"


#: EDPB Guidelines 04/2022, paras 64-66 (as reported in methodology.md §2). Band bounds are
#: half-open ``(low, high]``: only "<= EUR 2 m" is verbatim, the others are our reading.
SIZE_BANDS: tuple[SizeBand, ...] = (
    SizeBand(0, 2e6, 0.002, 0.004, True, "EDPB 04/2022 para. 65, quoted"),
    # UNVERIFIED: the 2-10 m band is confirmed, its 0.3-2 % shares are not. Overridable.
    SizeBand(2e6, 10e6, 0.003, 0.02, False, "EDPB 04/2022 para. 65, percentages unverified"),
    SizeBand(10e6, 50e6, 0.015, 0.10, True, "EDPB 04/2022 para. 65; applied by the Polish DPA"),
    SizeBand(50e6, 100e6, 0.08, 0.20, True, "EDPB 04/2022 para. 65; Polish, Belgian DPAs"),
    SizeBand(100e6, 250e6, 0.15, 0.50, True, "EDPB 04/2022 para. 65; applied by the Polish DPA"),
    SizeBand(250e6, 500e6, 0.40, 1.00, True, "EDPB 04/2022 para. 65; Austrian court"),
)


def size_band_of(
    turnover_eur: float | None, bands: tuple[SizeBand, ...] = SIZE_BANDS
) -> SizeBand | None:
    """Return the EDPB size band of a turnover, or None above EUR 500 m / for no turnover.

    Examples
    --------
    >>> size_band_of(30e6).label
    '10-50 m'
    >>> size_band_of(50e6).label, size_band_of(50e6 + 1).label
    ('10-50 m', '50-100 m')
    >>> size_band_of(2e9) is None
    True
    """
    if turnover_eur is None:
        return None
    if turnover_eur < 0:
        raise ValueError(f"turnover_eur must be >= 0, got {turnover_eur!r}")
    for band in bands:
        if band.contains(turnover_eur):
            return band
    return None


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, order=True)
class ArticleRef:
    """A normalised GDPR article reference, e.g. ``Art. 5(1)(f)``."""

    article: int
    paragraph: int | None = None
    point: str | None = None

    def __str__(self) -> str:
        s = f"Art. {self.article}"
        if self.paragraph is not None:
            s += f"({self.paragraph})"
        if self.point is not None:
            s += f"({self.point})"
        return s

    @property
    def tier(self) -> str | None:
        """Art. 83 tier of this article, or None when Art. 83(4)-(6) does not list it."""
        return _tier_of_ref(self)


_GDPR_SUFFIX = r"(?:(?:of\s+)?(?:the\s+)?(?:UK\s+)?(?:GDPR|GDRP|GPDR|RGPD|DSGVO|AVG))"
_ARTICLE_RE = re.compile(
    r"""^\s*
    (?:(?:Art(?:icle|ikel|\.|s\.?)?|§)\s*\.?\s*)?          # Art. / Art / Article / Arts.
    (?P<art>\d{1,2})\s*
    (?:\(\s*(?P<par>\d{1,2})\s*\)|(?:para\.?|paragraph|Abs\.?)\s*(?P<par2>\d{1,2}))?\s*
    (?:(?:lit\.?\s*)?\(?\s*(?P<pt>[a-z]|[ivx]{1,4})\s*\))?\s*   # (c) / c) / lit. c)
    (?:lit\.?\s*(?P<pt2>[a-z]))?\s*
    """
    + r"(?:\s*" + _GDPR_SUFFIX + r")*"
    + r"""\s*\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


@overload
def parse_article(text: str | int, *, strict: Literal[True] = ...) -> ArticleRef: ...
@overload
def parse_article(text: str | int, *, strict: bool) -> ArticleRef | None: ...


def parse_article(text: str | int, *, strict: bool = True) -> ArticleRef | None:
    """Parse one GDPR article citation into an :class:`ArticleRef`.

    Accepts the spellings found in enforcement data: ``"32"``, ``"Art. 46(1) GDPR"``,
    ``"Art.14 GDPR"``, ``"Art 6 (1) GDPR"``, ``"Art. 5 (1) c) GDPR"``, ``"Art. 83 (4) a) GDPR"``,
    ``"Art. 5 (1) a)"``, ``"Art. 6 (1) lit. f GDPR"``.

    Parameters
    ----------
    text : str or int
        The citation.
    strict : bool, default True
        When the text is not a GDPR article (national law, "Unknown" ...), raise
        ``ValueError`` if True, return None if False.

    Returns
    -------
    ArticleRef or None

    Examples
    --------
    >>> str(parse_article("Art. 5(1)(f)"))
    'Art. 5(1)(f)'
    >>> str(parse_article("Art 6 (1) GDPR")), str(parse_article(32))
    ('Art. 6(1)', 'Art. 32')
    >>> parse_article("Art. 82 loi Informatique et Libertés", strict=False) is None
    True
    """
    raw = str(text)
    m = _ARTICLE_RE.match(raw.replace("\u00a0", " "))
    art = int(m.group("art")) if m else 0
    if m is None or not 1 <= art <= 99:
        if strict:
            raise ValueError(f"not a GDPR article citation: {raw!r}")
        return None
    par = m.group("par") or m.group("par2")
    pt = m.group("pt") or m.group("pt2")
    return ArticleRef(art, int(par) if par else None, pt.lower() if pt else None)


_LAW_SPLIT_RE = re.compile(r"(?=\bArt(?:icle|\.|s\.?)?\s*\.?\s*\d)", re.IGNORECASE)
_CONTINUATION_RE = re.compile(
    r"^\s*(?:\(?\s*(?P<par>\d{1,2})\s*\))?\s*(?:\(?\s*(?P<pt>[a-z])\s*\))?"
    r"(?P<law>(?:\s*" + _GDPR_SUFFIX + r")*|\s+\D.*)\s*$",
    re.IGNORECASE,
)


def split_articles(text: str | None) -> tuple[list[ArticleRef], list[str]]:
    """Split a free-text list of provisions into GDPR articles and other provisions.

    Handles the separators of the TidyTuesday (``|``) and CMS (``,``) exports, missing commas
    (``"Art. 15 GDPR Art. 24 GDPR"``), continuation items without ``Art.``
    (``"Art. 5 (1) c), 5 (1) f) GDPR"``, ``"Art. 32 (1) b), d) GDPR"``, ``"Art. 5 (1), (2)"``),
    and national law mixed in (``"Art. 10 LOPDGDD"``), returned in the second list.

    Known ambiguity (accepted): in ``"Art. 10, 11 LOPDGDD"`` the bare ``"Art. 10"`` reads as
    a GDPR article because the law name only follows the last item.

    Examples
    --------
    >>> refs, other = split_articles("Art. 5 (1) c), 5 (1) f) GDPR, Art. 82 loi Informatique")
    >>> [str(r) for r in refs], other
    (['Art. 5(1)(c)', 'Art. 5(1)(f)'], ['Art. 82 loi Informatique'])
    >>> [str(r) for r in split_articles("Art. 12 GDPR|Art.14 GDPR")[0]]
    ['Art. 12', 'Art. 14']
    >>> [str(r) for r in split_articles("Art. 5 (1) a), (2) GDPR, Art. 32 (1) b), d) GDPR")[0]]
    ['Art. 5(1)(a)', 'Art. 5(2)', 'Art. 32(1)(b)', 'Art. 32(1)(d)']
    """
    refs: list[ArticleRef] = []
    other: list[str] = []
    if text is None:
        return refs, other
    last_was_gdpr: bool | None = None
    for chunk in text.replace("|", ",").replace(";", ",").split(","):
        for group in _LAW_SPLIT_RE.split(chunk):
            piece = group.strip()
            if not piece:
                continue
            ref = parse_article(piece, strict=False)
            if ref is None and last_was_gdpr is not None:
                cont = _CONTINUATION_RE.match(piece)
                if cont and (cont.group("par") or cont.group("pt")):
                    law = cont.group("law").strip()
                    gdpr_law = not law or re.fullmatch(r"(?:\s*" + _GDPR_SUFFIX + r")*", law, re.I)
                    if last_was_gdpr and gdpr_law:
                        prev = refs[-1]
                        if cont.group("par"):
                            pt = cont.group("pt")
                            par = int(cont.group("par"))
                            ref = ArticleRef(prev.article, par, pt and pt.lower())
                        else:
                            ref = ArticleRef(prev.article, prev.paragraph, cont.group("pt").lower())
            if ref is None:
                other.append(piece)
                last_was_gdpr = False
            else:
                refs.append(ref)
                last_was_gdpr = True
    return refs, other


# --------------------------------------------------------------------------- tiers

#: Art. 83(4)(a)-(c): obligations of the controller/processor (Arts 8, 11, 25-39), of the
#: certification body (42, 43) and of the monitoring body (41(4)).
_TIER_834_ARTICLES = frozenset({8, 11, *range(25, 40), 42, 43})
#: Art. 83(5)(a)-(e): principles (5, 6, 7, 9), rights (12-22), transfers (44-49),
#: Member-State law under Chapter IX (85-91), orders / access under 58(2) / 58(1).
_TIER_835_ARTICLES = frozenset({5, 6, 7, 9, *range(12, 23), *range(44, 50), *range(85, 92), 58})


def _tier_of_ref(ref: ArticleRef) -> str | None:
    a = ref.article
    if a == 83 and ref.paragraph in (4, 5, 6):  # a citation of the penalty clause itself
        return f"83({ref.paragraph})"
    if a == 41:
        return "83(4)" if ref.paragraph in (4, None) else None
    if a == 58:
        return "83(5)" if ref.paragraph in (1, 2, None) else None
    if a in _TIER_834_ARTICLES:
        return "83(4)"
    if a in _TIER_835_ARTICLES:
        return "83(5)"
    return None


@overload
def tier_of(article: str | int | ArticleRef, *, strict: Literal[True] = ...) -> str: ...
@overload
def tier_of(article: str | int | ArticleRef, *, strict: bool) -> str | None: ...


def tier_of(article: str | int | ArticleRef, *, strict: bool = True) -> str | None:
    """Return the Art. 83 tier (``"83(4)"``, ``"83(5)"`` or ``"83(6)"``) of an article.

    Art. 58(1)/(2) (orders, access) map to ``"83(5)"`` (Art. 83(5)(e)); Art. 83(6) carries the
    same maximum. A citation of the penalty clause itself (``"Art. 83 (4) a) GDPR"``) maps to
    that paragraph's tier.

    Parameters
    ----------
    article : str, int or ArticleRef
    strict : bool, default True
        If the article is not a GDPR article or Art. 83(4)-(6) does not list it (e.g. Art. 4,
        24, 10), raise ``ValueError`` when True, return None when False.

    Examples
    --------
    >>> tier_of("Art. 5(1)(f)"), tier_of(32), tier_of("Art. 58(2) GDPR")
    ('83(5)', '83(4)', '83(5)')
    >>> tier_of("Art. 24 GDPR", strict=False) is None
    True
    """
    ref = article if isinstance(article, ArticleRef) else parse_article(article, strict=strict)
    if ref is None:
        return None
    tier = _tier_of_ref(ref)
    if tier is None and strict:
        raise ValueError(f"{ref} is not listed in GDPR Art. 83(4)-(6): no fine tier")
    return tier


def gravest_tier(items: Iterable[str | int | ArticleRef]) -> str:
    """Art. 83(3): the gravest tier among linked infringements (articles or tier strings).

    Articles without a tier (Art. 4, 24 ...) are ignored; at least one must have a tier.

    Examples
    --------
    >>> gravest_tier(["Art. 32", "Art. 5(1)(f)", "Art. 25(1)"])
    '83(5)'
    >>> gravest_tier(["83(4)", "Art. 33"])
    '83(4)'
    """
    best: str | None = None
    for item in items:
        tier = item if isinstance(item, str) and item in TIERS else tier_of(item, strict=False)
        if tier is None:
            continue
        if best is None or _TIER_RANK[tier] > _TIER_RANK[best]:
            best = tier
    if best is None:
        raise ValueError("no article with an Art. 83 fine tier among the given items")
    return best
