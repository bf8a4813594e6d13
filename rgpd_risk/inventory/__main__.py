"""``python -m rgpd_risk.inventory > docs/inventory_schema.md`` regenerates the schema page."""

from rgpd_risk.inventory.schema import schema_markdown

HEADER = """# Inventory schema

One row per dataset / processing activity (the Art. 30(1) record). Generated from
`rgpd_risk/inventory/schema.py` by `python -m rgpd_risk.inventory > docs/inventory_schema.md`;
a test checks that this page matches the code.

Headers may be the canonical names below or any of the French / English names in the last
column (accents, case and spacing do not matter). Multi-valued cells separate values with
`|`, `;`, `,`, ` / ` or new lines (in free-text lists — recipients, processors — ` / ` does
not separate, and a comma before a company suffix does not either: "Salesforce, Inc." stays one
name). Booleans accept `Oui/Non`,
`yes/no`, `true/false`, `1/0`; `n/a`, `?` and blanks mean unknown and take the default.
Defaults are pessimistic where a safe assumption exists (no security measure is assumed, the
data is assumed internet-exposed and fully identifying); the loader counts every default it
applied and the reports list them.

"""

print(HEADER + schema_markdown())
