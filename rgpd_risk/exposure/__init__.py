"""Fine exposure: Art. 83 GDPR / EDPB 04/2022 calculator, Monte-Carlo estimates, enforcement data.

Data flow: findings (tier, seriousness per dataset) → :func:`simulate_portfolio` /
:func:`estimate_fine` (our probabilistic model, :class:`FineModel`) built on the deterministic
:func:`calculate_fine` (the law and the EDPB method). :func:`exposure` runs the whole chain on an
:class:`~rgpd_risk.assessment.Assessment` (per dataset and portfolio, :class:`InventoryExposure`).
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
from rgpd_risk.exposure.inventory import (
    INVENTORY_EXPOSURE_SCHEMA,
    PORTFOLIO_EXPOSURE_SCHEMA,
    InventoryExposure,
    exposure,
)

__all__ = [
    "DEFAULT_MODEL",
    "FineEstimate",
    "FineModel",
    "PortfolioExposure",
    "estimate_fine",
    "simulate_portfolio",
    "exposure",
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
