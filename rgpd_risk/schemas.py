"""Polars schemas shared between the pipeline stages.

Each stage of the data flow (inventory -> assessment -> exposure -> remediation -> report,
with discovery feeding findings back) exchanges polars DataFrames. The schemas of frames
that cross a module boundary live here, once.
"""

from __future__ import annotations

import polars as pl

#: One row per (dataset, finding). Produced by the assessment rules and by the
#: discovery reconciliation; consumed by exposure, remediation and reports.
#:
#: ===================  =================  =====================================================
#: column               dtype              meaning
#: ===================  =================  =====================================================
#: dataset_id           Utf8               the inventory row; ``"__organisation__"`` for
#:                                         organisation-level findings (Art. 33, 37 ...)
#: code                 Utf8               stable rule code, e.g. ``"ART6_NO_LEGAL_BASIS"``
#: articles             List(Utf8)         GDPR articles infringed, e.g. ``["Art. 6(1)"]``
#: tier                 Utf8               Art. 83 tier: ``"83(4)"`` or ``"83(5)"`` for GDPR
#:                                         findings (read ``regime`` first)
#: regime               Utf8               legal regime, one of :data:`rgpd_risk.law.REGIMES`:
#:                                         ``GDPR`` / ``LIL`` / ``CPCE`` / ``AI Act``
#: kind                 Utf8               ``breach`` (an obligation is failed) or
#:                                         ``attention`` (a point of attention to check),
#:                                         :data:`FINDING_KINDS`
#: seriousness          Utf8               EDPB 04/2022 band: ``low`` / ``medium`` / ``high``
#: seriousness_reason   Utf8               why (Art. 83(2)(a), (b), (g) factors), English
#: evidence             Utf8               the concrete inventory / scan facts, no raw
#:                                         personal values
#: title_en, title_fr   Utf8               one-line statement of the finding
#: explanation_en/_fr   Utf8               plain-words explanation
#: action               Utf8               remediation action key (see remediation catalogue)
#: source               Utf8               ``rule`` / ``organisation`` / ``discovery``
#: ===================  =================  =====================================================
FINDINGS_SCHEMA: dict[str, pl.DataType] = {
    "dataset_id": pl.Utf8(),
    "code": pl.Utf8(),
    "articles": pl.List(pl.Utf8()),
    "tier": pl.Utf8(),
    "regime": pl.Utf8(),
    "kind": pl.Utf8(),
    "seriousness": pl.Utf8(),
    "seriousness_reason": pl.Utf8(),
    "evidence": pl.Utf8(),
    "title_en": pl.Utf8(),
    "title_fr": pl.Utf8(),
    "explanation_en": pl.Utf8(),
    "explanation_fr": pl.Utf8(),
    "action": pl.Utf8(),
    "source": pl.Utf8(),
}

ORGANISATION_DATASET_ID = "__organisation__"

#: Values of the findings' ``kind`` column: an obligation failed, or a point of attention.
FINDING_KINDS: tuple[str, ...] = ("breach", "attention")


def empty_findings() -> pl.DataFrame:
    """Return an empty findings frame with :data:`FINDINGS_SCHEMA`.

    Examples
    --------
    >>> empty_findings().columns[:3]
    ['dataset_id', 'code', 'articles']
    """
    return pl.DataFrame(schema=FINDINGS_SCHEMA)
