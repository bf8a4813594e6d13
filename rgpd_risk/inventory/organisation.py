"""The organisation profile: a small YAML file next to the inventory."""

from __future__ import annotations

import math
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rgpd_risk.inventory.issues import InventoryError, Issue
from rgpd_risk.inventory.readers import parse_yaml, read_bytes

#: What an enforcement can cost besides a fine (issue 13), keys of ``other_costs``: orders to
#: stop a processing or a transfer, periodic penalties, damages claims and class actions,
#: clients' contractual remedies against a processor. Never simulated: shown beside the figures.
OTHER_COST_ITEMS: tuple[str, ...] = ("orders", "penalties", "damages", "clients")


class Organisation(BaseModel):
    """Who the controller is; the facts the law and the fine model need.

    ``turnover_eur`` is the total worldwide annual turnover of the *undertaking* (the group,
    in the competition-law sense; CJEU C-383/23) for the financial year preceding a decision
    (Art. 83(4)–(6)). ``None`` means the controller is not an undertaking (static caps only).

    Examples
    --------
    >>> Organisation(name="Acme", turnover_eur=5e7).turnover_eur
    50000000.0
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(description="Legal name of the controller.")
    turnover_eur: float | None = Field(None, ge=0, description="Worldwide annual turnover (EUR) of the group.")
    financial_year: int | None = Field(None, ge=1990, le=2100, description="Financial year of that turnover.")
    employees: int | None = Field(None, ge=0, description="Headcount (Art. 30(5) threshold: 250).")
    sector: str | None = Field(None, description="Business sector, e.g. 'customer relations'.")
    country: str = Field("FR", min_length=2, max_length=2, description="ISO code of the main establishment.")
    lead_authority: str | None = Field("CNIL", description="Lead supervisory authority.")
    public_body: bool = Field(False, description="Public authority or body (Art. 37(1)(a)).")
    dpo_designated: bool = Field(False, description="A DPO is designated (Art. 37).")
    dpo_contact: str | None = Field(None, description="DPO contact, Art. 30(1)(a).")
    breach_procedure: bool = Field(False, description="A documented breach procedure exists (Art. 33).")
    breach_register: bool = Field(
        False, description="Breaches are documented in a register, notified or not (Art. 33(5)).")
    core_monitoring: bool = Field(
        False, description="Core activities: large-scale regular and systematic monitoring (Art. 37(1)(b))."
    )
    core_special_categories: bool = Field(
        False, description="Core activities: large-scale Art. 9/10 processing (Art. 37(1)(c))."
    )
    processor_register: bool = Field(
        False, description="A record of the processing carried out on behalf of clients is kept (Art. 30(2))."
    )
    previous_infringements: int = Field(
        0, ge=0, description="Earlier infringements found by an authority (Art. 83(2)(e))."
    )
    other_costs: dict[str, float] | None = Field(
        None, description="Your own estimate (EUR) of what a fine is not, per item of "
        f"{', '.join(OTHER_COST_ITEMS)}: shown beside the simulated figures, never added to them.",
    )


    @field_validator(
        "public_body", "dpo_designated", "breach_procedure", "breach_register", "core_monitoring",
        "core_special_categories", "processor_register", mode="before",
    )
    @classmethod
    def _yes_no(cls, value: object) -> object:
        """``oui`` / ``non`` (any case, accents ignored) are accepted like the inventory's booleans."""
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("oui", "o", "yes", "y", "vrai", "true", "1"):
                return True
            if word in ("non", "n", "no", "faux", "false", "0"):
                return False
        return value

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: object) -> object:
        """An ISO 3166-1 alpha-2 code, upper-cased; unknown codes are refused."""
        if isinstance(value, str):
            from babel import Locale

            code = value.strip().upper()
            if code not in {c for c in Locale("en").territories if len(c) == 2 and c.isalpha()}:
                raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. FR, DE, NO)")
            return code
        return value

    @field_validator("other_costs", mode="after")
    @classmethod
    def _other_costs(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        if value is None:
            return None
        unknown = sorted(set(value) - set(OTHER_COST_ITEMS))
        if unknown:
            raise ValueError(f"unknown item(s) {unknown}; expected some of {list(OTHER_COST_ITEMS)}")
        for k, v in value.items():
            if not (math.isfinite(v) and v >= 0):
                raise ValueError(f"{k}: must be a finite amount >= 0 EUR, got {v!r}")
        return value

    @field_validator("turnover_eur", mode="after")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite amount")
        return value


def load_organisation(path: str | Path) -> Organisation:
    """Read an organisation profile from YAML, reporting every problem at once.

    Raises
    ------
    InventoryError
        When the file is missing, is not YAML, or a field has a wrong value.
    """
    import yaml


    path = Path(path)
    if not path.exists():
        raise InventoryError([Issue.error(path, None, None, None, "file not found", "an organisation YAML file")])
    try:  # read_bytes refuses a folder, a pipe or a device, and a file beyond the size bound
        raw = parse_yaml(read_bytes(path).decode("utf-8-sig"), path)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InventoryError(
            [Issue.error(path, None, None, None, f"not readable YAML ({type(exc).__name__})", "a UTF-8 YAML mapping")]
        ) from None
    except (IsADirectoryError, PermissionError) as exc:
        raise InventoryError(
            [Issue.error(path, None, None, None, f"cannot read ({type(exc).__name__})", "a readable YAML file")]
        ) from None
    if not isinstance(raw, dict):
        raise InventoryError([Issue.error(path, None, None, None, "the file is not a mapping", "key: value lines")])
    try:
        return Organisation(**raw)
    except ValidationError as exc:
        issues = [
            Issue.error(path, None, ".".join(str(p) for p in err["loc"]), err.get("input"), err["msg"], None)
            for err in exc.errors()
        ]
        raise InventoryError(issues) from None
