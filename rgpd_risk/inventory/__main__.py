"""``python -m rgpd_risk.inventory > docs/inventory_schema.md`` regenerates the schema page."""

from rgpd_risk import taxonomy
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

FRENCH_LAYER = """

## Controlled vocabularies of the French layer

`purpose_type` says what the processing is for, in the categories the CNIL uses (its DPIA
lists, its doctrine on trackers, prospecting and recording). A missing value is `other`; a
value that is not in the list below (or one of its synonyms) is read as `other` **with a
warning naming the row** — it is never guessed from the purpose text. `audience` and
`recording_scope` follow the same rule (unknown: the default, with a warning).
"""


def vocabulary_markdown(vocabulary: str) -> str:
    """One vocabulary as a Markdown table: key, French and English labels, synonyms."""
    table = taxonomy.lookup_table(vocabulary)
    rows = ["| key | libellé (fr) | label (en) | also accepted (accents and case ignored) |",
            "|---|---|---|---|"]
    labels = taxonomy._read(taxonomy._TABLE_OF[vocabulary])
    for key, fr, en in labels.select("key", "label_fr", "label_en").iter_rows():
        own = {taxonomy.normalise(x) for x in (key, fr, en)}
        syn = [t for t in table.filter(table["key"] == key)["text"].to_list() if t not in own]
        rows.append(f"| `{key}` | {fr} | {en} | {', '.join(syn)} |")
    return "\n".join(rows)


print(HEADER + schema_markdown() + FRENCH_LAYER)
for _name, _title in (("purpose_type", "`purpose_type`"), ("audience", "`audience`"),
                      ("recording_scope", "`recording_scope`")):
    print(f"\n### {_title}\n")
    print(vocabulary_markdown(_name))
