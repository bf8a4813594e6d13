"""The immutable :class:`Inventory` returned by :func:`rgpd_risk.load_inventory`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import polars as pl

from rgpd_risk.inventory.issues import Issue, issues_frame
from rgpd_risk.inventory.organisation import Organisation


@dataclass(frozen=True)
class Inventory:
    """A validated inventory of datasets / processing activities.

    Attributes
    ----------
    frame : polars.DataFrame
        One row per dataset with the columns of
        :data:`rgpd_risk.inventory.schema.INVENTORY_SCHEMA`, in that order.
    organisation : Organisation or None
        The controller's profile, when one was given.
    issues : tuple of Issue
        Warnings raised while loading (errors raise :class:`InventoryError` instead).
    defaults_applied : tuple of (str, int)
        Optional columns absent or blank in the source and the number of rows that
        received the documented default (see ``docs/inventory_schema.md``).
    source : str
        Where the inventory came from.
    """

    frame: pl.DataFrame
    organisation: Organisation | None = None
    issues: tuple[Issue, ...] = ()
    defaults_applied: tuple[tuple[str, int], ...] = ()
    source: str = "<memory>"
    format: str = "frame"
    notes: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return self.frame.height

    def to_frame(self) -> pl.DataFrame:
        """The inventory as a polars DataFrame."""
        return self.frame

    def to_dict(self) -> dict:
        """A JSON-friendly summary (counts, not contents)."""
        return {
            "source": self.source,
            "format": self.format,
            "datasets": self.frame.height,
            "organisation": None if self.organisation is None else self.organisation.name,
            "warnings": len(self.issues),
            "defaults_applied": dict(self.defaults_applied),
        }

    def issues_frame(self) -> pl.DataFrame:
        """Warnings as a frame: level, file, row, column, value, message, expected."""
        return issues_frame(self.issues)

    def with_frame(self, frame: pl.DataFrame) -> Inventory:
        """A copy with another frame (used by what-if simulations)."""
        return Inventory(
            frame, self.organisation, self.issues, self.defaults_applied, self.source, self.format, self.notes
        )

    def _repr_html_(self) -> str:
        org = "" if self.organisation is None else f" — {html.escape(self.organisation.name)}"
        head = (
            f"<p><strong>Inventory</strong>{org}: {self.frame.height} datasets from "
            f"<code>{html.escape(self.source)}</code> ({html.escape(self.format)}), "
            f"{len(self.issues)} warning(s).</p>"
        )
        preview = self.frame.select("dataset_id", "name", "legal_basis", "data_categories").head(10)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in preview.iter_rows()
        )
        cols = "".join(f"<th>{html.escape(c)}</th>" for c in preview.columns)
        return f"{head}<table><thead><tr>{cols}</tr></thead><tbody>{rows}</tbody></table>"
