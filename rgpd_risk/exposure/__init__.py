"""Fine exposure: Art. 83 GDPR / EDPB 04/2022 calculator, enforcement model, enforcement data.

Data flow: findings + inventory + organisation → :func:`organisation_exposure` (ONE enforcement
process per organisation: control, what is found, outcome, one decision;
:class:`EnforcementModel`), whose amounts come from the calibrated fine model
(:class:`FineRegression`, also behind :func:`estimate_fine`); the deterministic
:func:`calculate_fine` (the law and the EDPB method) stays exact. :func:`exposure` is the
wrapper for an :class:`~rgpd_risk.assessment.Assessment` (``rgpd_risk.fine_exposure``).
:func:`dataset_exposure` / :func:`simulate_portfolio` are the superseded per-dataset model.
"""

from rgpd_risk.exposure.calculator import (
    Adjustment,
    FineCalculation,
    FineStep,
    LinkedFines,
    calculate_fine,
    cap_linked_infringements,
    legal_maximum,
    starting_range,
)
from rgpd_risk.exposure.calibration import DEFAULT_MODEL, FineModel
from rgpd_risk.exposure.estimate import (
    FineEstimate,
    PortfolioExposure,
    estimate_fine,
    simulate_portfolio,
)
from rgpd_risk.exposure.fine_model import FineRegression, fit_fine_regression, load_fine_regression
from rgpd_risk.exposure.inventory import (
    INVENTORY_EXPOSURE_SCHEMA,
    PORTFOLIO_EXPOSURE_SCHEMA,
    InventoryExposure,
    dataset_exposure,
    exposure,
)
from rgpd_risk.exposure.organisation import (
    DEFAULT_ENFORCEMENT,
    EnforcementModel,
    OrganisationExposure,
    organisation_exposure,
)

__all__ = [
    "DEFAULT_MODEL",
    "FineEstimate",
    "FineModel",
    "PortfolioExposure",
    "estimate_fine",
    "simulate_portfolio",
    "exposure",
    "dataset_exposure",
    "organisation_exposure",
    "OrganisationExposure",
    "EnforcementModel",
    "DEFAULT_ENFORCEMENT",
    "FineRegression",
    "fit_fine_regression",
    "load_fine_regression",
    "InventoryExposure",
    "INVENTORY_EXPOSURE_SCHEMA",
    "PORTFOLIO_EXPOSURE_SCHEMA",
    "Adjustment",
    "FineCalculation",
    "FineStep",
    "LinkedFines",
    "calculate_fine",
    "cap_linked_infringements",
    "legal_maximum",
    "starting_range",
]
