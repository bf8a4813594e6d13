"""Personal-data discovery: scan files and databases, reconcile with the register.

Public entry points: :func:`scan` (returns a :class:`ScanResult`), :func:`reconcile`
(turns a scan into findings in ``FINDINGS_SCHEMA``) and :class:`ScanError`.
"""

from rgpd_risk.discovery.reconcile import reconcile
from rgpd_risk.discovery.result import COLUMNS_SCHEMA, ScanResult
from rgpd_risk.discovery.scanner import scan
from rgpd_risk.discovery.sources import ScanError
from rgpd_risk.discovery.vocabulary import ENTITIES, ENTITY_CATEGORY

__all__ = ["COLUMNS_SCHEMA", "ENTITIES", "ENTITY_CATEGORY", "ScanError", "ScanResult", "reconcile", "scan"]
