"""Legal caps of the regimes other than Art. 83 GDPR (each constant once, with its source).

GDPR caps stay in :data:`rgpd_risk.law.TIERS` (Art. 83(4)-(6)). Here: the loi Informatique et
Libertés (LIL) art. 20 cap for the breaches the CNIL fines outside the GDPR (art. 82 trackers,
CPCE art. L34-5 prospecting), the simplified-procedure cap (LIL art. 22-1) and the AI Act
art. 99 caps. ``verified`` says how far each figure was checked (see
``docs/fine_methodology.md`` §8.4 for the sources read). These are law, not settings: the
enforcement model reads the constants of this module, so a change of the text is made here,
in one place.

Examples
--------
>>> cap_amount(LIL_ART20, 52e6), cap_amount(LIL_ART20, 2e9)
(10000000.0, 40000000.0)
>>> cap_amount(AI_ACT_99_3, 52e6, sme=True), cap_amount(AI_ACT_99_3, 52e6)
(3640000.0, 35000000.0)
>>> SIMPLIFIED_FINE_CAP_EUR
20000
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "LegalCap",
    "LIL_ART20",
    "AI_ACT_99_3",
    "AI_ACT_99_4",
    "SIMPLIFIED_FINE_CAP_EUR",
    "SIMPLIFIED_PENALTY_CAP_EUR_PER_DAY",
    "cap_amount",
]


@dataclass(frozen=True)
class LegalCap:
    """``static_eur`` or ``turnover_share`` of the worldwide turnover of the preceding
    financial year, whichever is higher (for an undertaking); ``sme_lower``: for SMEs the
    lower of the two (AI Act art. 99(6))."""

    name: str
    static_eur: float
    turnover_share: float
    source: str
    verified: str
    sme_lower: bool = False


#: LIL art. 20 (loi n° 78-17 du 6 janvier 1978, III, 7°): fines of the CNIL's formation
#: restreinte for breaches outside the GDPR (art. 82 trackers; CPCE art. L34-5 breaches are
#: fined by the CNIL under the same article). The 2 % of worldwide turnover is confirmed by a
#: legal commentary of the Google/Amazon cookie decisions (Dalloz actualité, Dec. 2020: "l'article
#: 20 … fixe à 2 % du chiffre d'affaires mondial le montant maximum"); the EUR 10 m static amount
#: is the usual reading, NOT read in Légifrance here — overridable.
LIL_ART20 = LegalCap(
    "LIL art. 20", 10_000_000, 0.02,
    "loi n° 78-17 art. 20 III (2 % confirmed: Dalloz actualité 2020; EUR 10 m: usual reading)",
    "partial",
)

#: AI Act (Regulation (EU) 2024/1689) art. 99(3): prohibited practices of art. 5 — up to
#: EUR 35 m or 7 % of total worldwide annual turnover of the preceding financial year,
#: whichever is higher; art. 99(6): for SMEs and start-ups, whichever is LOWER. Read in
#: regulation-ai.eu's rendering of art. 99 and two commentaries (the EUR-Lex page itself was
#: not in the search corpus) — "secondary, consistent".
AI_ACT_99_3 = LegalCap("AI Act art. 99(3)", 35_000_000, 0.07,
                       "Regulation (EU) 2024/1689 art. 99(3), (6)", "secondary", sme_lower=True)
#: AI Act art. 99(4): other obligations of operators (providers, deployers … art. 16, 26, 50):
#: EUR 15 m or 3 %, whichever is higher (lower for SMEs, art. 99(6)).
AI_ACT_99_4 = LegalCap("AI Act art. 99(4)", 15_000_000, 0.03,
                       "Regulation (EU) 2024/1689 art. 99(4), (6)", "secondary", sme_lower=True)

#: LIL art. 22-1 (created by loi n° 2022-52 du 24 janvier 2022, art. 33): the simplified
#: sanction procedure may impose a fine of at most EUR 20 000 (and a reminder, or an order
#: with a periodic penalty of at most EUR 100 a day). Confirmed by two law-firm commentaries
#: of the 2022 law; a 2025 amendment proposing EUR 100 000 above EUR 50 m turnover was a
#: proposal, not law.
SIMPLIFIED_FINE_CAP_EUR = 20_000
#: LIL art. 22-1: periodic penalty of the simplified procedure, EUR per day of delay.
SIMPLIFIED_PENALTY_CAP_EUR_PER_DAY = 100


def cap_amount(cap: LegalCap, turnover_eur: float | None, *, sme: bool = False) -> float:
    """The cap for a turnover (None: not an undertaking, static amount only).

    ``sme=True`` applies "whichever is lower" where the text says so for SMEs (AI Act
    art. 99(6)); ignored for caps without that rule.
    """
    if turnover_eur is None:
        return float(cap.static_eur)
    share = round(cap.turnover_share * float(turnover_eur), 2)  # to the cent
    if sme and cap.sme_lower:
        return float(min(cap.static_eur, share))
    return float(max(cap.static_eur, share))
