import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from moralkit import cli, ita, to_json
from moralkit.cli import EXIT_INVALID, EXIT_USAGE, main
from moralkit.moral import Evidence

ROWS = "agency,IIT,EIT,OIT,province\na,90,88,95,TH-10\nb,80,75,60,TH-10\nc,99,97,98.5,TH-50\n"


def run(*args: str, stdout: object = subprocess.PIPE, env: dict | None = None, **kw):
    """The command as a user runs it: a new process, `python -m moralkit`."""
    environment = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    environment.pop("MORALKIT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "moralkit", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**environment, **(env or {})},
        check=False,
        **kw,
    )


class Ran:
    """What `main` did in this process: status, stdout and stderr as bytes, like `run`."""

    def __init__(self, capsys, *args: str):
        try:
            self.returncode = main(list(args))
        except SystemExit as exc:
            self.returncode = exc.code
        captured = capsys.readouterr()
        self.stdout = captured.out.encode()
        self.stderr = captured.err.encode()


def assert_clean_failure(result, status):
    err = result.stderr.decode("utf-8")
    assert result.returncode == status, err
    assert "Traceback" not in err
    assert err.startswith("moralkit: ")
    return err


@pytest.fixture
def rows_csv(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(ROWS, "utf-8")
    return path


@pytest.fixture(autouse=True)
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_demo_summarises_the_sample_dataset(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Validation: no problems" in out
    for seed_id in ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004"):
        assert f"[{seed_id}]" in out
    assert "2019-06-25..2019-06-26" in out
    assert "FY2562" in out
    assert "ปีงบประมาณ พ.ศ. 2567" in out
    assert "11 provinces" in out
    assert out.count("องค์กรคุณธรรมต้นแบบ") >= 8
    assert "3 strategies, 17 projects/activities" in out


def test_demo_shows_the_ladder(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Result: level 1, moral-promoting organization" in out
    assert "communities: 22 in all" in out
    assert "rounded half-up to 81.45" in out
    assert "94.40 ผ่าน (pass)" in out
    assert "FY2568: 8317 agencies" in out
    assert "group 2: about 100 per round" in out
    assert "4.51-5.00 มากที่สุด" in out


def test_demo_in_thai(capsys):
    assert main(["demo", "--lang", "th"]) == 0
    out = capsys.readouterr().out
    assert "ผลการประเมิน: ระดับ 1" in out
    assert "สิ่งที่ยังขาดสำหรับระดับถัดไป" in out


def test_date_command(capsys):
    assert main(["date", "30 ก.ย. - 1 ต.ค. 2567"]) == 0
    out = capsys.readouterr().out
    assert "2024-09-30 .. 2024-10-01" in out
    assert "FY2567" in out
    assert "FY2568" in out


def test_iso_dates_are_read_as_one_day(capsys):
    assert main(["date", "2024-09-16"]) == 0
    assert "2024-09-16  |" in capsys.readouterr().out


def test_a_buddhist_era_iso_date_says_so_not_unknown_month(capsys):
    assert main(["date", "2567-09-16"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "unknown month name" not in err
    assert "Buddhist-Era" in err
    assert "2024" in err


def test_fy_command(capsys):
    assert main(["fy", "ปีงบ 67"]) == 0
    out = capsys.readouterr().out
    assert "1 ตุลาคม 2566 - 30 กันยายน 2567" in out
    assert "quarter 4: 1 ก.ค. - 30 ก.ย. 2567" in out


def test_bad_date_exits_2_with_the_reason(capsys):
    assert main(["date", "31 มิถุนายน 2562"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("moralkit: ")
    assert "day 31 is out of range for June 2562" in err


def test_usage_errors_exit_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        main(["nope"])
    assert info.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("moralkit: ")
    assert "invalid choice" in err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("moralkit ")


def test_language_follows_the_locale(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("LANG", "th_TH.UTF-8")
    assert main(["validate", str(tmp_path / "missing.json"), "--class", "Dataset"]) == 2
    assert "ไม่มีไฟล์นี้" in capsys.readouterr().err
    assert main(["--lang", "en", "validate", str(tmp_path / "x.json"), "--class", "Dataset"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_assess_command_kept_for_old_scripts(tmp_path, capsys):
    path = tmp_path / "evidence.json"
    path.write_text(to_json(Evidence.of("unit", 2569, {1: Decimal(85), 3: True})), "utf-8")
    assert main(["assess", str(path)]) == 0
    assert "Result: level 0, not yet at level 1" in capsys.readouterr().out
    assert main(["assess", "--thai", str(path)]) == 0
    assert "ผลการประเมิน: ระดับ 0" in capsys.readouterr().out
    assert main(["assess", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["rubric_id"] == "moral-org-b-2569"


def test_moral_assess_one_object_and_a_table(tmp_path, capsys):
    one = Evidence.of("unit", 2569, {1: Decimal(85), 3: True})
    path = tmp_path / "evidence.json"
    path.write_text(to_json(one), "utf-8")
    assert main(["moral", "assess", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Result: level 0" in out
    assert "Still needed for the next level" in out
    many = tmp_path / "many.json"
    many.write_text(f"[{to_json(one)}, {to_json(one)}]", "utf-8")
    assert main(["--format", "csv", "moral", "assess", str(many)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["organization"] for r in rows] == ["unit", "unit"]
    assert rows[0]["rubric_id"] == "moral-org-b-2569"
    lines = tmp_path / "many.jsonl"
    lines.write_text(to_json(one, indent=None) + "\n\n" + to_json(one, indent=None) + "\n")
    assert main(["moral", "assess", str(lines), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_moral_assess_rules_not_held(tmp_path, capsys):
    path = tmp_path / "evidence.json"
    path.write_text('{"organization": "unit", "fiscal_year": 2570}', "utf-8")
    assert main(["moral", "assess", str(path)]) == EXIT_USAGE
    assert "no moral rules for fiscal year 2570" in capsys.readouterr().err


def test_moral_assess_invalid_evidence_lists_every_problem(tmp_path, capsys):
    path = tmp_path / "evidence.json"
    path.write_text('[{"organization": "unit", "fiscal_year": "x"}, 5]', "utf-8")
    assert main(["moral", "assess", str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "[0].fiscal_year" in err
    assert "[1]" in err


def test_ita_score_table(rows_csv, capsys):
    assert main(["ita", "score", str(rows_csv), "--fiscal-year", "2567", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == [
        "agency",
        "IIT",
        "EIT",
        "OIT",
        "total",
        "level",
        "level_th",
        "level_en",
        "passed",
        "fiscal_year",
        "province",
    ]
    assert [(r["agency"], r["total"], r["passed"]) for r in rows] == [
        ("a", "91.40", "true"),
        ("b", "70.50", "false"),
        ("c", "98.20", "true"),
    ]


def test_ita_score_gives_what_score_table_gives(rows_csv, capsys):
    pl = pytest.importorskip("polars")
    if not hasattr(ita, "score_table"):
        pytest.skip("ita.score_table is not in this build")
    expected = ita.score_table(pl.read_csv(rows_csv, infer_schema_length=0), 2567)
    assert main(["ita", "score", str(rows_csv), "--fiscal-year", "2567", "--format", "csv"]) == 0
    got = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(got[0]) == expected.columns
    for mine, theirs in zip(got, expected.iter_rows(named=True), strict=True):
        as_text = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in theirs.items()}
        assert mine == as_text


def test_ita_score_agrees_with_the_python_api(rows_csv, capsys):
    assert main(["ita", "score", str(rows_csv), "--fiscal-year", "2567", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = ita.score(2567, tools={"IIT": "80", "EIT": "75", "OIT": "60"})
    assert out[1]["total"] == str(expected.total)
    assert out[1]["level"] == expected.level.code


@pytest.mark.parametrize("suffix", [".csv", ".json", ".jsonl", ".parquet"])
def test_ita_score_writes_each_output_format(rows_csv, tmp_path, suffix, capsys):
    if suffix == ".parquet":
        pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / f"scored{suffix}"
    assert main(["ita", "score", str(rows_csv), "--fiscal-year", "2567", "-o", str(out)]) == 0
    assert "wrote 3 rows" in capsys.readouterr().err
    if suffix == ".csv":
        assert out.read_text("utf-8").splitlines()[1].startswith("a,90.0000,")
    elif suffix == ".json":
        assert json.loads(out.read_text("utf-8"))[2]["level"] == "excellent"
    elif suffix == ".jsonl":
        assert len(out.read_text("utf-8").splitlines()) == 3
    else:
        table = pq.read_table(out)
        assert table.column("total").to_pylist() == [
            Decimal("91.40"),
            Decimal("70.50"),
            Decimal("98.20"),
        ]


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".parquet", ".xlsx", ".tsv"])
def test_ita_score_reads_each_input_format(tmp_path, suffix, capsys):
    rows = [
        {"agency": "a", "IIT": "90", "EIT": "88", "OIT": "95"},
        {"agency": "b", "IIT": "80", "EIT": "75", "OIT": "60"},
    ]
    path = tmp_path / f"rows{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(rows), "utf-8")
    elif suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    elif suffix == ".tsv":
        path.write_text("agency\tIIT\tEIT\tOIT\na\t90\t88\t95\nb\t80\t75\t60\n", "utf-8")
    elif suffix == ".parquet":
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        # Binary floats, as most engines write scores: read by their shortest repr.
        table = pa.table(
            {"agency": ["a", "b"], "IIT": [90.0, 80.0], "EIT": [88.0, 75.0], "OIT": [95.0, 60.0]}
        )
        pq.write_table(table, path)
    else:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["agency", "IIT", "EIT", "OIT"])
        sheet.append(["a", 90, 88, 95])
        sheet.append(["b", 80, 75, 60])
        book.save(path)
    assert main(["ita", "score", str(path), "--fiscal-year", "2567", "--format", "csv"]) == 0
    totals = [r["total"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert totals == ["91.40", "70.50"]


def test_ita_score_indicator_columns(tmp_path, capsys):
    path = tmp_path / "trat.csv"
    values = ["93.55", "87.72", "91.01", "87.93", "89.52", "90.55", "88.68", "88.58", "72.89"]
    header = ",".join(["agency", *[f"indicator_{n}" for n in range(1, 11)]])
    path.write_text(f"{header}\ntrat,{','.join(values)},65.56\n", "utf-8")
    assert main(["ita", "score", str(path), "--fiscal-year", "2564", "--format", "csv"]) == 0
    row = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (row["total"], row["level"]) == ("81.45", "B")


def test_ita_score_invalid_rows_exit_1_with_paths_and_write_no_file(rows_csv, tmp_path, capsys):
    rows_csv.write_text(ROWS + "d,abc,,,TH-50\n,90,90,90,TH-10\n", "utf-8")
    out = tmp_path / "out.csv"
    args = ["ita", "score", str(rows_csv), "--fiscal-year", "2567", "-o", str(out)]
    assert main(args) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "rows[3].tools['IIT']" in err
    assert "rows[4].agency" in err
    assert not out.exists()
    assert list(tmp_path.glob(".moralkit-*")) == []


def test_ita_summary_by_province(rows_csv, capsys):
    args = ["ita", "summary", str(rows_csv), "--fiscal-year", "2567", "--by", "province"]
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["key"], r["count"], r["mean"], r["passing"]) for r in rows] == [
        ("TH-10", "2", "80.95", "1"),
        ("TH-50", "1", "98.20", "1"),
    ]
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["key"] == "TH-10"
    assert main(args) == 0
    assert "TH-50" in capsys.readouterr().out


def test_validate_lists_every_problem_with_its_path(tmp_path, capsys):
    path = tmp_path / "evidence.json"
    path.write_text('{"organization": "", "fiscal_year": "2567", "extra": 1}', "utf-8")
    assert main(["validate", str(path), "--class", "Evidence", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    paths = {p["path"] for p in report["problems"]}
    assert {"organization", "fiscal_year", "extra"} <= paths
    assert main(["validate", str(path), "--class", "moral.Evidence"]) == 1
    out = capsys.readouterr().out
    assert "fiscal_year" in out
    assert out.splitlines()[0].split()[:2] == ["path", "code"]


def test_validate_a_valid_file(tmp_path, capsys):
    path = tmp_path / "evidence.json"
    path.write_text(to_json(Evidence.of("unit", 2569, {1: Decimal(85)})), "utf-8")
    assert main(["validate", str(path), "--class", "Evidence"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_validate_an_unknown_class(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text("{}", "utf-8")
    assert main(["validate", str(path), "--class", "Nope"]) == EXIT_USAGE
    assert "no class named Nope" in capsys.readouterr().err


def test_schema_one_and_all(tmp_path, capsys):
    assert main(["schema", "Evidence"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == "urn:moralkit:schema:moral.Evidence:1"
    assert main(["schema", "--all", "--out", str(tmp_path / "schemas")]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert "moral.Evidence.schema.json" in written
    assert "Dataset.schema.json" in written
    assert main(["schema"]) == EXIT_USAGE
    assert "give a class name or --all" in capsys.readouterr().err


def test_rules_show_statuses_and_sources(capsys):
    assert main(["rules", "ita", "--fiscal-year", "2567"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Rules ita-2567 version")
    assert "Sources:" in out
    assert "tools[0].status:" in out
    assert main(["rules", "moral", "--fiscal-year", "2569", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "moral-org-b-2569"
    assert main(["rules", "ita", "--fiscal-year", "2500"]) == EXIT_USAGE
    assert "held: 2562" in capsys.readouterr().err


def test_serve_refuses_a_bad_port(capsys):
    assert main(["serve", "--port", "70000"]) == EXIT_USAGE
    assert "port" in capsys.readouterr().err


# -- every failure ends with one line and a documented status, never a traceback -------------


def test_missing_file_from_the_readme(tmp_path):
    result = run("assess", str(tmp_path / "evidence.json"), "--thai")
    err = assert_clean_failure(result, EXIT_USAGE)
    assert "ไม่มีไฟล์นี้" in err  # --thai: the message in Thai


def test_a_directory(tmp_path, capsys):
    err = assert_clean_failure(
        Ran(capsys, "ita", "score", str(tmp_path), "--fiscal-year", "2567"), 2
    )
    assert "directory" in err
    err = assert_clean_failure(Ran(capsys, "validate", str(tmp_path), "--class", "Dataset"), 2)
    assert "directory" in err


def test_invalid_utf8(tmp_path, capsys):
    path = tmp_path / "rows.csv"
    path.write_bytes(b"agency,IIT,EIT,OIT\n\xff\xfe,1,2,3\n")
    err = assert_clean_failure(Ran(capsys, "ita", "score", str(path), "--fiscal-year", "2567"), 1)
    assert "not UTF-8" in err
    path = tmp_path / "x.json"
    path.write_bytes(b'{"organization": "\xff"}')
    assert_clean_failure(Ran(capsys, "validate", str(path), "--class", "Evidence"), 1)


def test_a_byte_order_mark_is_accepted(tmp_path, capsys):
    path = tmp_path / "rows.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ROWS.encode())
    result = Ran(capsys, "ita", "score", str(path), "--fiscal-year", "2567", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("agency,IIT")
    evidence = tmp_path / "e.json"
    evidence.write_bytes(b"\xef\xbb\xbf" + to_json(Evidence.of("u", 2569, {1: 5})).encode())
    assert Ran(capsys, "validate", str(evidence), "--class", "Evidence").returncode == 0


def test_a_closed_pipe():
    # Output is released when the command has finished; more than a pipe holds (the
    # schemas, about 470 kB) meets the closed pipe.
    with subprocess.Popen(
        [sys.executable, "-m", "moralkit", "schema", "--all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        err = process.stderr.read().decode()
        assert process.wait() == EXIT_USAGE
    assert err == "moralkit: the output was closed before everything was written\n"


@pytest.mark.parametrize("where", ["at start", "while running"])
def test_a_closed_stdout(where):
    if where == "at start":
        command = [sys.executable, "-m", "moralkit", "fy", "2567"]
        result = subprocess.run(
            ["sh", "-c", '"$@" >&-', "sh", *command], stderr=subprocess.PIPE, check=False
        )
    else:
        code = (
            "import os, runpy, sys; os.close(1); sys.argv = ['moralkit', 'fy', '2567'];"
            "runpy.run_module('moralkit', run_name='__main__')"
        )
        result = subprocess.run([sys.executable, "-c", code], stderr=subprocess.PIPE, check=False)
    err = assert_clean_failure(result, EXIT_USAGE)
    assert "standard output is closed" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk():
    with open("/dev/full", "wb") as full:
        result = run("demo", stdout=full)
    err = assert_clean_failure(result, EXIT_USAGE)
    assert "No space left on device" in err


def test_a_200_mb_file(tmp_path, capsys):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    err = assert_clean_failure(Ran(capsys, "validate", str(big), "--class", "Dataset"), EXIT_USAGE)
    assert "200 MB" in err
    table = tmp_path / "big.csv"
    table.symlink_to(big)
    err = assert_clean_failure(Ran(capsys, "ita", "score", str(table), "--fiscal-year", "2567"), 1)
    assert "longer than 1 MB" in err


def test_malformed_json_and_deep_json(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text('{"organization": ', "utf-8")
    err = assert_clean_failure(Ran(capsys, "moral", "assess", str(path)), EXIT_INVALID)
    assert "not valid JSON" in err
    validated = Ran(capsys, "validate", str(path), "--class", "Evidence")
    assert validated.returncode == EXIT_INVALID
    assert "invalid_json" in validated.stdout.decode()
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    err = assert_clean_failure(Ran(capsys, "moral", "assess", str(path)), EXIT_INVALID)
    assert "Traceback" not in err


def test_parquet_without_pyarrow_names_the_extra(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    path = tmp_path / "rows.parquet"
    path.write_bytes(b"PAR1")
    err = assert_clean_failure(
        Ran(capsys, "ita", "score", str(path), "--fiscal-year", "2567"), EXIT_USAGE
    )
    assert "moralkit[cli]" in err


def test_unknown_table_format(tmp_path, capsys):
    path = tmp_path / "rows.xml"
    path.write_text("<rows/>", "utf-8")
    err = assert_clean_failure(Ran(capsys, "ita", "score", str(path), "--fiscal-year", "2567"), 2)
    assert ".csv" in err


def test_a_truncated_parquet_file(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    path = tmp_path / "rows.parquet"
    path.write_bytes(b"PAR1 not really")
    assert_clean_failure(
        Ran(capsys, "ita", "score", str(path), "--fiscal-year", "2567"), EXIT_INVALID
    )


def test_usage_error_in_a_new_process():
    result = run("ita", "score")
    err = assert_clean_failure(result, EXIT_USAGE)
    assert "required" in err


def test_progress_bar_only_on_a_terminal_and_never_on_stdout(monkeypatch, capsys):
    pytest.importorskip("rich")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = cli._Progress(cli._Context("en", None), total=100)
    assert bar._bar is not None
    bar.update(50)
    bar.close()
    assert capsys.readouterr().out == ""
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal: no bar
    assert cli._Progress(cli._Context("en", None), total=100)._bar is None


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_ita_score_to_stdout_leaves_no_partial_output_on_a_bad_row(rows_csv, fmt, capsys):
    # Good rows first, then a bad one: nothing at all is written to stdout, not even a header.
    rows_csv.write_text(ROWS + "d,abc,,,TH-50\n", "utf-8")
    args = ["ita", "score", str(rows_csv), "--fiscal-year", "2567", "--format", fmt]
    result = Ran(capsys, *args)
    err = assert_clean_failure(result, EXIT_INVALID)
    assert "rows[3].tools['IIT']" in err
    assert result.stdout == b""


def test_ita_score_a_bad_row_in_a_new_process_leaves_stdout_empty(rows_csv):
    rows_csv.write_text(ROWS + "d,abc,,,TH-50\n", "utf-8")
    result = run("ita", "score", str(rows_csv), "--fiscal-year", "2567", "--format", "csv")
    assert_clean_failure(result, EXIT_INVALID)
    assert result.stdout == b""


def test_a_date_that_cannot_be_read_after_one_that_can_prints_neither(capsys):
    result = Ran(capsys, "date", "16 กันยายน 2567", "31 มิถุนายน 2562")
    assert_clean_failure(result, EXIT_USAGE)
    assert result.stdout == b""


def test_held_output_is_released_whole_when_it_spills_to_disk(rows_csv, monkeypatch, capsys):
    monkeypatch.setattr(cli, "HELD_IN_MEMORY", 16)  # spill after a few bytes
    args = ["ita", "score", str(rows_csv), "--fiscal-year", "2567", "--format", "csv"]
    spilled = Ran(capsys, *args)
    monkeypatch.setattr(cli, "HELD_IN_MEMORY", 1 << 20)
    kept = Ran(capsys, *args)
    assert spilled.returncode == kept.returncode == 0
    assert spilled.stdout == kept.stdout
    assert spilled.stdout.startswith(b"agency,")
