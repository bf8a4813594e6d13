"""Finding families and legal regimes of the enforcement model — OUR grouping, not law.

A *family* groups the findings an authority would see and fine together (trackers,
prospecting, rights, security …). It drives four things of the enforcement model
(:mod:`rgpd_risk.exposure.organisation`): how likely a control is (complaint-prone families),
how visible the breach is during a control, how grave it weighs in the outcome, and the shift
of the fine (calibrated on real decisions, :mod:`rgpd_risk.exposure.fine_model`).

The family of a finding is read, in this order, from (1) its rule code (keywords, for the
French rules whose articles are shared with other families: call recording, employee
monitoring, emotion analysis…), (2) its regime-prefixed article (``"LIL art. 82"``,
``"CPCE art. L34-5"``, ``"AI Act art. 5(1)(f)"``), (3) its GDPR article number. The mapping is
data (:data:`CODE_KEYWORDS`, :data:`ARTICLE_FAMILY`), overridable by passing your own.

The themes of the CNIL sanctions table (``rgpd_risk/data/cnil_sanctions.csv``) map to the same
families through :data:`THEME_FAMILY`.

Examples
--------
>>> family_of("ART15_NO_ACCESS", ["Art. 15(1)"])
'rights'
>>> family_of("LIL82_TRACKERS_NO_CONSENT", ["LIL art. 82"])
'trackers'
>>> family_of("X", ["CPCE art. L34-5"]), family_of("X", ["AI Act art. 5(1)(f)"])
('prospecting', 'ai_act')
>>> regime_of(["LIL art. 82"]), regime_of(["Art. 32"])
('LIL', 'GDPR')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "FAMILIES",
    "REGIMES",
    "ARTICLE_FAMILY",
    "CODE_KEYWORDS",
    "THEME_FAMILY",
    "family_of",
    "families_of_articles",
    "regime_of",
    "amount_class",
]

#: The families, in a fixed order (the order of columns and of tie-breaks).
FAMILIES: tuple[str, ...] = (
    "trackers", "prospecting", "recording_monitoring", "minors", "rights", "information",
    "lawfulness", "security", "retention_minimisation", "transfers", "processors",
    "accountability", "cooperation", "ai_act", "other",
)

#: Regimes of the findings contract (``regime`` column, see ``/work/coord`` GUIDE).
REGIMES: tuple[str, ...] = ("GDPR", "LIL", "CPCE", "AI Act")

#: Keywords of rule codes that decide the family before the articles (ours).
CODE_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"TRACKER|COOKIE|LIL_?82", "trackers"),
    (r"PROSPECT|L34_?5|MARKETING|BLOCTEL", "prospecting"),
    (r"EMOTION|AI_?ACT", "ai_act"),
    (r"CALL_REC|RECORDING|MONITOR|VIDEO|CCTV|SURVEIL|GEOLOC", "recording_monitoring"),
    (r"CHILD|MINOR|PARENTAL|ART8", "minors"),
    (r"BREACH|ART3[234]", "security"),
    (r"COOPERAT|ART31", "cooperation"),
)

#: GDPR article number -> family (ours; follows the family split of enforcement_stats.md).
ARTICLE_FAMILY: dict[int, str] = {
    5: "retention_minimisation", 6: "lawfulness", 7: "lawfulness", 8: "minors",
    9: "lawfulness", 10: "lawfulness", 11: "lawfulness", 12: "rights", 13: "information",
    14: "information", **{a: "rights" for a in range(15, 23)}, 24: "accountability",
    25: "accountability", 26: "processors", 27: "accountability", 28: "processors",
    29: "processors", 30: "accountability", 31: "cooperation", 32: "security",
    33: "security", 34: "security", **{a: "accountability" for a in range(35, 40)},
    **{a: "transfers" for a in range(44, 50)}, 58: "cooperation",
}

#: Themes of the CNIL sanctions table -> family (ours). Unknown themes map to "other".
THEME_FAMILY: dict[str, str] = {
    "call_recording": "recording_monitoring", "employees": "recording_monitoring",
    "video_surveillance": "recording_monitoring", "prospecting": "prospecting",
    "trackers": "trackers", "security": "security", "rights": "rights",
    "transfers": "transfers", "processor": "processors", "minors": "minors",
    "retention": "retention_minimisation", "minimisation": "retention_minimisation",
    "information": "information", "legal_basis": "lawfulness", "health": "lawfulness",
    "sensitive_data": "lawfulness", "cooperation": "cooperation", "dpo": "accountability",
    "ai": "ai_act", "other": "other",
}

_PREFIX = re.compile(r"^\s*(LIL|CPCE|AI Act)\b", re.I)
_LIL82 = re.compile(r"LIL\s+art\.?\s*82", re.I)
_GDPR_NUM = re.compile(r"Art\.?\s*(\d+)", re.I)


def regime_of(articles: Sequence[str] | None) -> str:
    """Regime of a finding from its articles: the first regime prefix found, else GDPR."""
    for a in articles or ():
        m = _PREFIX.match(a or "")
        if m:
            word = m.group(1).upper()
            return "AI Act" if word == "AI ACT" else word
    return "GDPR"


def _article_family(article: str) -> str | None:
    a = article or ""
    if _LIL82.search(a):
        return "trackers"
    if re.match(r"^\s*CPCE", a, re.I):
        return "prospecting"
    if re.match(r"^\s*AI Act", a, re.I):
        return "ai_act"
    if re.match(r"^\s*LIL", a, re.I):
        return None  # other LIL articles: decided by the rest of the finding
    m = _GDPR_NUM.search(a)
    if not m:
        return None
    if int(m.group(1)) == 5:  # the principles: by paragraph (ours)
        para = re.search(r"5\s*\(\s*(\d)\s*\)\s*(?:\(?\s*([a-f])\s*\))?", a)
        if para and para.group(1) == "2":
            return "accountability"
        letter = para.group(2) if para else None
        return {"a": "lawfulness", "b": "lawfulness", "f": "security"}.get(
            letter or "", "retention_minimisation" if letter else "lawfulness")
    return ARTICLE_FAMILY.get(int(m.group(1)))


def family_of(code: str | None, articles: Sequence[str] | None,
              *, keywords: Iterable[tuple[str, str]] = CODE_KEYWORDS,
              article_family: Mapping[int, str] | None = None) -> str:
    """Family of one finding (module docstring for the order of the tests)."""
    up = (code or "").upper()
    for pattern, fam in keywords:
        if re.search(pattern, up):
            return fam
    for a in articles or ():
        if article_family is not None:
            m = _GDPR_NUM.search(a or "")
            if m and not _PREFIX.match(a or "") and int(m.group(1)) in article_family:
                return article_family[int(m.group(1))]
        fam = _article_family(a)
        if fam:
            return fam
    return "other"


def families_of_articles(articles: Iterable[str]) -> list[str]:
    """Distinct families of a list of cited articles (decisions), in :data:`FAMILIES` order.

    >>> families_of_articles(["Art. 5(1)(e)", "Art. 32", "LIL art. 82"])
    ['trackers', 'security', 'retention_minimisation']
    """
    found = {f for a in articles if (f := _article_family(a)) is not None}
    return [f for f in FAMILIES if f in found]


def amount_class(regime: str) -> str:
    """Which cap a regime's fine falls under: ``gdpr`` (Art. 83), ``lil`` (LIL art. 20, also
    for CPCE art. L34-5 breaches the CNIL fines), ``ai`` (AI Act art. 99)."""
    if regime in ("LIL", "CPCE"):
        return "lil"
    if regime == "AI Act":
        return "ai"
    return "gdpr"
