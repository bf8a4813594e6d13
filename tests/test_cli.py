"""The command line: plain messages, exit codes, no tracebacks."""

from __future__ import annotations

import pytest

from rgpd_risk.cli import main
from rgpd_risk.report.i18n import t


def test_fine_reproduces_a_published_decision(capsys):
    # Polish DPA DKN.5131.29.2023 (methodology.md §2): EUR 54 600.
    code = main(["fine", "--tier", "83(5)", "--turnover", "25826730.75", "--seriousness", "medium",
                 "--starting-amount", "2400000", "--size-share", "0.05", "--adjust", "c=-20%",
                 "--adjust", "f=-0.15", "--final-factor", "0.7", "--lang", "fr"])
    out = capsys.readouterr().out
    assert code == 0
    assert "54\u202f600\xa0€" in out and "Plafonné" in out


def test_fine_outside_band_is_a_plain_error(capsys):
    code = main(["fine", "--tier", "83(5)", "--seriousness", "medium", "--starting-amount", "9e9"])
    out = capsys.readouterr().out
    assert code == 1 and "outside the 'medium' band" in out and "Traceback" not in out


def test_estimate_is_deterministic(capsys):
    main(["estimate", "Art. 5(1)(f)", "32", "--turnover", "52e6", "--seed", "3"])
    first = capsys.readouterr().out
    main(["estimate", "Art. 5(1)(f)", "32", "--turnover", "52e6", "--seed", "3"])
    assert capsys.readouterr().out == first and "P50" in first


def test_bad_argument_exits_with_usage(capsys):
    with pytest.raises(SystemExit) as info:
        main(["fine", "--tier", "83(5)", "--seriousness", "medium", "--turnover", "lots"])
    assert info.value.code == 2
    assert "not an amount in euros" in capsys.readouterr().err


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "validate" in capsys.readouterr().out


def test_scan_of_the_sample_files_finds_what_the_register_misses(capsys, sample_dir, tmp_path):
    out_json = tmp_path / "scan.json"
    code = main(["scan", str(sample_dir / "files" / "support_tickets.csv"), "--inventory",
                 str(sample_dir / "inventory.csv"), "--dataset-id", "support-tickets",
                 "--json", str(out_json), "--no-progress", "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Undeclared special-category data found: health data" in out.replace("\n", " ")
    assert "older than the declared retention" in out.replace("\n", " ")
    # The JSON written holds no raw value from the file.
    text = out_json.read_text(encoding="utf-8")
    raw = (sample_dir / "files" / "support_tickets.csv").read_text(encoding="utf-8").splitlines()[1].split(";")
    for value in (raw[2], raw[3], raw[4]):  # name, email, phone of the first ticket
        assert value not in text and value not in out


def test_assess_prints_summary_tables_and_writes_files(capsys, sample_dir, tmp_path):
    import json
    from datetime import date

    import rgpd_risk

    args = ["assess", str(sample_dir / "inventory.csv"), "--today", "2025-06-30", "--lang", "en",
            "--xlsx", str(tmp_path / "a.xlsx"), "--json", str(tmp_path / "a.json")]
    assert main(args) == 0
    out = capsys.readouterr().out
    a = rgpd_risk.assess(rgpd_risk.load_inventory(sample_dir / "inventory.csv"), today=date(2025, 6, 30))
    s = a.summary()
    assert f"Datasets: {s['datasets']}" in out and f"Findings: {s['findings']}" in out
    assert f"{t('dpia_required', 'en')}: {s['dpia_required']}" in out
    assert "Art. None" not in out  # LIL / CPCE / AI Act findings are counted under their text
    assert "more: --top 0, --xlsx or --json" in out
    written = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert written["summary"] == json.loads(json.dumps(s)) and len(written["findings"]) == s["findings"]
    assert (tmp_path / "a.xlsx").stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.xlsx"]


def test_assess_explains_one_dataset_in_french(capsys, sample_dir):
    code = main(["assess", str(sample_dir / "inventory.csv"), "--today", "2025-06-30",
                 "--dataset", "call-recordings"])
    out = capsys.readouterr().out.replace("\n", " ")
    assert code == 0
    assert "Contribution au score" in out and "Criblage AIPD" in out
    assert "Purger" in out  # the remediation action, in French


def test_assess_unknown_dataset_is_a_plain_error(capsys, sample_dir):
    code = main(["assess", str(sample_dir / "inventory.csv"), "--dataset", "nope"])
    out = capsys.readouterr().out
    assert code == 1 and "'nope' is not in" in out and "Traceback" not in out


def test_exposure_prints_the_library_figures(capsys, sample_dir, tmp_path):
    import json
    from datetime import date

    import rgpd_risk
    from rgpd_risk.formatting import format_eur

    assert main(["exposure", str(sample_dir / "inventory.csv"), "--today", "2025-06-30", "--lang", "en",
                 "--draws", "5000", "--seed", "4", "--json", str(tmp_path / "x.json")]) == 0
    out = capsys.readouterr().out.replace("\n", " ")
    inv = rgpd_risk.load_inventory(sample_dir / "inventory.csv")
    ex = rgpd_risk.fine_exposure(rgpd_risk.assess(inv, today=date(2025, 6, 30)), n_draws=5000, seed=4)
    s = ex.summary()
    assert f"Expected cost: {format_eur(s['expected_cost'], 'en')}" in out
    assert f"P90 {format_eur(s['p90'], 'en')}" in out and "our modelling choices" in out
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["portfolio"]["p99"] == s["p99"]


def test_exposure_turnover_override_and_missing_profile(capsys, sample_dir, tmp_path):
    assert main(["exposure", str(sample_dir / "inventory.csv"), "--turnover", "2e9", "--lang", "en",
                 "--draws", "1000"]) == 0
    assert "€2,000,000,000" in capsys.readouterr().out
    alone = tmp_path / "inventory.csv"
    alone.write_bytes((sample_dir / "inventory.csv").read_bytes())
    assert main(["exposure", str(alone), "--draws", "1000"]) == 1
    out = " ".join(capsys.readouterr().out.split())  # the console may wrap long paths
    assert "no organisation profile" in out and "Traceback" not in out


def test_markup_in_input_is_printed_as_text_not_a_traceback(capsys, sample_dir, tmp_path):
    """Text from the command line, a file name or an inventory cell is never read as console markup."""
    code = main(["assess", str(sample_dir / "inventory.csv"), "--dataset", "[/x]"])
    out = capsys.readouterr().out
    assert code == 1 and "'[/x]' is not in" in out and "Traceback" not in out
    bad = tmp_path / "inventory.csv"
    text = (sample_dir / "inventory.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index("legal_basis")] = "[/bold]nonsense"
    bad.write_text("\n".join([text[0], ",".join(row)]) + "\n", encoding="utf-8")
    code = main(["validate", str(bad)])
    out = capsys.readouterr().out
    assert code == 1 and "[/bold]nonsense" in out
    csv = tmp_path / "scan.csv"
    csv.write_text("id,[/x]\n1,a@b.fr\n2,c@d.fr\n", encoding="utf-8")
    assert main(["scan", str(csv), "--no-progress", "--workers", "1"]) == 0
    assert "[/x]" in capsys.readouterr().out


def test_exposure_and_assess_arguments_are_checked(capsys, sample_dir, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # one line per table row
    inv = str(sample_dir / "inventory.csv")
    for args in (["exposure", inv, "--turnover", "inf"], ["exposure", inv, "--top", "-1"],
                 ["exposure", inv, "--horizon", "0"], ["assess", inv, "--top", "-2"]):
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 2
    assert main(["exposure", inv, "--top", "0", "--horizon", "5", "--draws", "500", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "P90 (5 years)" in out and "P90 (one year)" not in out
