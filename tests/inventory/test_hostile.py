"""Hostile and careless files: each gives its clear error within a memory and time bound.

Every hostile case is loaded in a subprocess under ``resource.setrlimit`` (address space and
CPU time) with a wall-clock timeout, so that a regression fails the test instead of
exhausting the machine or hanging CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from rgpd_risk import InventoryError, load_inventory, load_organisation

MEMORY_BYTES = 3 * 1024**3  # address space of the child (polars reserves some up front)
CPU_SECONDS = 60
WALL_SECONDS = 180

_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({mem}, {mem}))
    resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
    from rgpd_risk import InventoryError, load_inventory, load_organisation
    kind, path = sys.argv[1], sys.argv[2]
    try:
        (load_organisation if kind == "organisation" else load_inventory)(path)
        print(json.dumps({{"ok": True}}))
    except InventoryError as exc:
        print(json.dumps({{"ok": False, "messages": [i.message for i in exc.issues], "text": str(exc)}}))
    """
).format(mem=MEMORY_BYTES, cpu=CPU_SECONDS)


def _bounded(path: Path, kind: str = "inventory") -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(path)], capture_output=True, text=True, timeout=WALL_SECONDS
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stdout + out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _xlsx(path: Path, sheet_xml: str, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal XLSX written by hand (one sheet), to declare what a library would not."""
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Registre" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        for name, blob in (extra or {}).items():
            zf.writestr(name, blob)
    return path


_SHEET = (
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{ref}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>dataset_id</t></is></c></row>'
    "</sheetData></worksheet>"
)


def test_xlsx_declaring_a_huge_dimension_is_refused(tmp_path):
    path = _xlsx(tmp_path / "huge_dimension.xlsx", _SHEET.format(ref="A1:XFD1048576"))
    assert path.stat().st_size < 2_000
    result = _bounded(path)
    assert not result["ok"] and any("declares" in m for m in result["messages"])


def test_xlsx_zip_bomb_is_refused_before_expansion(tmp_path):
    path = tmp_path / "bomb.xlsx"
    _xlsx(path, _SHEET.format(ref="A1"))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/padding.bin", "w") as fh:
        chunk = b"\0" * (1 << 20)
        for _ in range(210):
            fh.write(chunk)
    assert path.stat().st_size < 2_000_000
    result = _bounded(path)
    assert not result["ok"] and any("expands to" in m for m in result["messages"])


def test_ods_with_repeated_rows_and_cells_is_refused(tmp_path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        '<office:spreadsheet><table:table table:name="Registre">'
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="1024" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    path = tmp_path / "repeated.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    result = _bounded(path)
    assert not result["ok"] and any("filled cells" in m for m in result["messages"])


def _ods(path: Path, body: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Registre">{body}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    return path


_FILLED = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'


@pytest.mark.parametrize("case", ["empty_cells_before_one", "empty_rows_then_wide", "many_cell_elements"])
def test_ods_that_expands_through_empty_cells_is_refused(tmp_path, case):
    """Issue 17 audit: one filled cell per row passed the filled-cells count, but the reader
    materialises every empty cell before it (and every empty row before a filled one)."""
    body = {
        "empty_cells_before_one": '<table:table-row table:number-rows-repeated="900000">'
        f'<table:table-cell table:number-columns-repeated="16000"/>{_FILLED}</table:table-row>',
        "empty_rows_then_wide": f'<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
        f'{_FILLED}</table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell/>'
        f"</table:table-row><table:table-row>{_FILLED}</table:table-row>",
        "many_cell_elements": f"<table:table-row>{_FILLED}</table:table-row>"
        + ("<table:table-row>" + "<table:table-cell/>" * 1000 + "</table:table-row>") * 1100,
    }[case]
    path = _ods(tmp_path / f"{case}.ods", body)
    assert path.stat().st_size < 200_000
    result = _bounded(path)
    assert not result["ok"] and any("expected at most" not in m and ("spans" in m or "cell elements" in m)
                                    for m in result["messages"]), result


@pytest.mark.parametrize("case", ["sparse_corner", "many_cells_no_dimension"])
def test_xlsx_whose_cells_exceed_the_limit_without_declaring_it_is_refused(tmp_path, case):
    """Issue 17 audit: the <dimension> check alone let through a sheet that lies about (or
    omits) its dimension; the reader materialises last row x last column."""
    head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if case == "sparse_corner":
        rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>dataset_id</t></is></c></row>'
                '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>')
    else:
        rows = "".join(f'<row r="{r}">' + '<c t="n"><v>1</v></c>' * 20 + "</row>" for r in range(1, 55_001))
    path = _xlsx(tmp_path / f"{case}.xlsx", f'{head}<dimension ref="A1"/><sheetData>{rows}</sheetData></worksheet>')
    assert path.stat().st_size < 1_000_000
    result = _bounded(path)
    assert not result["ok"] and any("spans" in m or "holds" in m for m in result["messages"]), result


def test_yaml_alias_bomb_is_refused(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    bomb = "\n".join(lines) + "\n"
    for kind, name in (("inventory", "bomb.yaml"), ("organisation", "organisation.yaml")):
        path = tmp_path / name
        path.write_text(bomb)
        result = _bounded(path, kind)
        assert not result["ok"] and any("YAML aliases" in m for m in result["messages"]), result


def _few_alias_bomb(levels: int = 8, width: int = 9) -> list[str]:
    """A billion-laughs document with fewer aliases (8 x 9 = 72) than MAX_YAML_ALIASES: only a
    bound on the *expanded* size refuses it (9 ** 9 nodes)."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return lines


@pytest.mark.parametrize("kind", ["inventory", "organisation"])
def test_yaml_alias_bomb_with_few_aliases_is_refused(tmp_path, kind):
    lines = _few_alias_bomb()
    if kind == "inventory":
        text = "\n".join(lines) + "\ndatasets:\n  - dataset_id: x\n    name: n\n    data_categories: *l8\n"
    else:
        text = "\n".join(lines) + "\nname: *l8\n"
    path = tmp_path / f"few_aliases_{kind}.yaml"
    path.write_text(text)
    result = _bounded(path, kind)
    assert not result["ok"] and any("YAML aliases expand" in m for m in result["messages"]), result


def test_organisation_booleans_all_accept_oui_non(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_text("name: Acme\nbreach_register: oui\nprocessor_register: Non\n")
    org = load_organisation(path)
    assert (org.breach_register, org.processor_register) == (True, False)


def test_50000_duplicate_ids_print_a_summary(tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("dataset_id,name,data_categories\n" + "same,A,contact\n" * 50_001)
    result = _bounded(path)
    assert not result["ok"] and len(result["messages"]) == 50_000
    assert "… and 49,800 more error(s)" in result["text"]
    assert result["text"].count("duplicate dataset id") == 200


# --------------------------------------------------------------------------- YAML and profile


def test_duplicate_yaml_keys_are_errors(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_text("name: Acme\nturnover_eur: 1000\nturnover_eur: 2000000\n")
    with pytest.raises(InventoryError) as info:
        load_organisation(path)
    (issue,) = info.value.issues
    assert issue.row == 3 and "duplicate key 'turnover_eur' (first on line 2)" in issue.message
    inv = tmp_path / "inv.yaml"
    inv.write_text("- dataset_id: a\n  name: A\n  name: B\n  data_categories: [contact]\n")
    with pytest.raises(InventoryError, match="duplicate key 'name'"):
        load_inventory(inv)


def test_norway_oui_and_country_codes(tmp_path):
    path = tmp_path / "organisation.yaml"
    path.write_text("name: Acme\ncountry: NO\ndpo_designated: oui\npublic_body: Non\n")
    org = load_organisation(path)
    assert (org.country, org.dpo_designated, org.public_body) == ("NO", True, False)
    path.write_text("name: Acme\ncountry: XX\n")
    with pytest.raises(InventoryError) as info:
        load_organisation(path)
    assert info.value.issues[0].column == "country"
    path.write_text("name: Acme\nturnover_eur: .inf\n")
    with pytest.raises(InventoryError, match="finite"):
        load_organisation(path)


# --------------------------------------------------------------------------- spreadsheets


def _workbook(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append(["Registre tenu par le DPO"])
    reg = wb.create_sheet("Registre")
    reg.append(["Référence", "Nom du traitement", "Catégories de données", "Finalité"])
    reg.append(["crm", "CRM", "Coordonnées", "Relation client"])
    reg.append(["paie", "Paie", "Coordonnées", None])
    reg.append(["rh", "RH", "Vie professionnelle", None])
    reg.merge_cells("D2:D4")  # one purpose written once for three rows
    secret = wb.create_sheet("Ancien registre")
    secret.append(["Référence", "Nom du traitement", "Catégories de données"])
    secret.append(["old", "Ancien", "Santé"])
    secret.sheet_state = "hidden"
    wb.save(path)
    return path


def test_register_sheet_is_the_visible_one_whose_header_matches(tmp_path):
    inv = load_inventory(_workbook(tmp_path / "reg.xlsx"))
    assert inv.frame["dataset_id"].to_list() == ["crm", "paie", "rh"]
    assert inv.frame["purpose"].to_list() == ["Relation client"] * 3  # merged cells fill their range
    assert any("hidden sheet 'Ancien registre' not read" in n for n in inv.notes)
    assert any("sheet 'Notes' not read" in n for n in inv.notes)


def test_sheet_can_be_named(tmp_path):
    path = _workbook(tmp_path / "reg.xlsx")
    assert load_inventory(path, sheet="Ancien registre").frame["dataset_id"].to_list() == ["old"]
    with pytest.raises(InventoryError, match="no such sheet"):
        load_inventory(path, sheet="Registre 2024")


def test_named_sheet_says_why_the_others_were_not_read(tmp_path):
    # Audit of issue 17: with --sheet, the register sheet not read was said "not to name the
    # register's columns".
    inv = load_inventory(_workbook(tmp_path / "reg.xlsx"), sheet="Ancien registre")
    assert "sheet 'Registre' not read (--sheet named sheet 'Ancien registre')" in inv.notes
    assert not any("does not name the register's columns" in n for n in inv.notes)


def test_only_register_sheet_hidden_says_so(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append(["Registre tenu par le DPO"])
    notes.append(["mis à jour en 2024"])
    reg = wb.create_sheet("Registre 2024")
    reg.append(["Référence", "Nom du traitement", "Catégories de données"])
    reg.append(["crm", "CRM", "Coordonnées"])
    reg.sheet_state = "hidden"
    wb.save(tmp_path / "hidden.xlsx")
    # Audit of issue 17: the error blamed 'Notes' ("has a header but no datasets").
    result = _bounded(tmp_path / "hidden.xlsx")
    assert result["ok"] is False
    (message,) = result["messages"]
    assert "the register sheet 'Registre 2024' is hidden" in message and "'Notes'" in message
    assert "--sheet 'Registre 2024'" in result["text"]
    assert "no datasets" not in result["text"]
    assert load_inventory(tmp_path / "hidden.xlsx", sheet="Registre 2024").frame["dataset_id"].to_list() == ["crm"]


def test_header_only_sheet_is_an_error(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["dataset_id", "name", "data_categories"])
    wb.save(tmp_path / "empty.xlsx")
    with pytest.raises(InventoryError, match="no datasets"):
        load_inventory(tmp_path / "empty.xlsx")


def test_formula_without_cached_value_is_an_error_naming_the_cell(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["dataset_id", "name", "data_categories", "subject_count"])
    ws.append(["crm", "CRM", "contact", "=SUM(1,2)"])
    wb.save(tmp_path / "formula.xlsx")  # openpyxl saves formulas without computed values
    with pytest.raises(InventoryError) as info:
        load_inventory(tmp_path / "formula.xlsx")
    (issue,) = [i for i in info.value.issues if "formula" in i.message]
    assert issue.row == 2 and issue.column == "D2" and "no saved value" in issue.message


@pytest.mark.parametrize("name", ["registre[2024].parquet", "registre*.parquet", "registre[2024].csv"])
def test_register_whose_name_looks_like_a_glob_pattern(tmp_path, name):
    sample = Path(__file__).resolve().parents[2] / "data" / "sample" / "inventory.csv"
    rows = sample.read_text(encoding="utf-8").splitlines()[:4]
    path = tmp_path / "[x]" / name
    path.parent.mkdir()
    if name.endswith(".csv"):
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    else:
        import polars as pl

        pl.read_csv(sample, infer_schema=False).head(3).write_parquet(path)
    assert _bounded(path) == {"ok": True}
