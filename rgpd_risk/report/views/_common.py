"""Helpers shared by the report views."""

from __future__ import annotations

import polars as pl

from rgpd_risk.inventory.model import Inventory
from rgpd_risk.report.i18n import (
    check_lang,
)


def _label_col(lang: str) -> str:
    return f"label_{check_lang(lang)}"


def _frame(inv: Inventory | pl.DataFrame) -> pl.DataFrame:
    return inv.frame if isinstance(inv, Inventory) else inv
