"""rgpd_risk — GDPR (RGPD) risk analytics.

The data flow, and where each step lives:

inventory (``load_inventory``) → assessment (``assess``) → exposure (``calculate_fine``,
``estimate_fine``) → remediation → report; discovery (``scan``) feeds findings back.
"""

from __future__ import annotations

__version__ = "0.1.0"

from rgpd_risk.assessment import Assessment, RiskModel, assess, rules_table
from rgpd_risk.discovery import ScanError, ScanResult, reconcile, scan
from rgpd_risk.exposure import (
    DEFAULT_MODEL,
    FineCalculation,
    FineEstimate,
    FineModel,
    PortfolioExposure,
    calculate_fine,
    cap_linked_infringements,
    estimate_fine,
    legal_maximum,
    simulate_portfolio,
    starting_range,
)
from rgpd_risk.exposure.enforcement import load_enforcement
from rgpd_risk.exposure.inventory import InventoryExposure
from rgpd_risk.exposure.inventory import exposure as fine_exposure
from rgpd_risk.exposure.organisation import (
    EnforcementModel,
    OrganisationExposure,
    organisation_exposure,
)
from rgpd_risk.exposure.sanctions import load_cnil_sanctions
from rgpd_risk.exposure.similar import similar_cases
from rgpd_risk.inventory.issues import InventoryError, Issue
from rgpd_risk.inventory.load import load_inventory, write_inventory
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation, load_organisation
from rgpd_risk.inventory.retention import parse_retention
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA, frame_from_records
from rgpd_risk.inventory.synthetic import synthetic_inventory, synthetic_organisation
from rgpd_risk.law import gravest_tier, parse_article, tier_of
from rgpd_risk.remediation import Comparison, Plan, load_catalogue, plan, what_if
from rgpd_risk.report.figures import plan_figure
from rgpd_risk.schemas import FINDINGS_SCHEMA

__all__ = [
    "Assessment",
    "Comparison",
    "Plan",
    "DEFAULT_MODEL",
    "RiskModel",
    "ScanError",
    "ScanResult",
    "assess",
    "reconcile",
    "rules_table",
    "scan",
    "FINDINGS_SCHEMA",
    "FineCalculation",
    "FineEstimate",
    "FineModel",
    "InventoryExposure",
    "PortfolioExposure",
    "calculate_fine",
    "cap_linked_infringements",
    "estimate_fine",
    "fine_exposure",
    "organisation_exposure",
    "OrganisationExposure",
    "EnforcementModel",
    "load_cnil_sanctions",
    "gravest_tier",
    "legal_maximum",
    "load_catalogue",
    "load_enforcement",
    "parse_article",
    "plan",
    "plan_figure",
    "similar_cases",
    "simulate_portfolio",
    "starting_range",
    "synthetic_inventory",
    "synthetic_organisation",
    "tier_of",
    "what_if",
    "INVENTORY_SCHEMA",
    "Inventory",
    "InventoryError",
    "Issue",
    "Organisation",
    "__version__",
    "frame_from_records",
    "load_inventory",
    "load_organisation",
    "parse_retention",
    "write_inventory",
]
