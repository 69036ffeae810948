from decimal import Decimal

import pytest

from moralkit import to_json
from moralkit.cli import main
from moralkit.moral import Evidence


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


def test_date_command(capsys):
    assert main(["date", "30 ก.ย. - 1 ต.ค. 2567"]) == 0
    out = capsys.readouterr().out
    assert "2024-09-30 .. 2024-10-01" in out
    assert "FY2567" in out
    assert "FY2568" in out


def test_fy_command(capsys):
    assert main(["fy", "ปีงบ 67"]) == 0
    out = capsys.readouterr().out
    assert "1 ตุลาคม 2566 - 30 กันยายน 2567" in out
    assert "quarter 4: 1 ก.ค. - 30 ก.ย. 2567" in out


def test_bad_input_exits_2_with_the_reason(capsys):
    assert main(["date", "31 มิถุนายน 2562"]) == 2
    err = capsys.readouterr().err
    assert "day 31 is out of range for June 2562" in err


def test_unknown_command_exits_2():
    with pytest.raises(SystemExit) as info:
        main(["nope"])
    assert info.value.code == 2


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


def test_assess_command(tmp_path, capsys):
    path = tmp_path / "evidence.json"
    path.write_text(to_json(Evidence.of("unit", 2569, {1: Decimal(85), 3: True})), "utf-8")
    assert main(["assess", str(path)]) == 0
    assert "Result: level 0, not yet at level 1" in capsys.readouterr().out
    assert main(["assess", "--thai", str(path)]) == 0
    assert "ผลการประเมิน: ระดับ 0" in capsys.readouterr().out
    assert main(["assess", "--json", str(path)]) == 0
    assert '"rubric_id": "moral-org-b-2569"' in capsys.readouterr().out
    path.write_text('{"organization": "unit", "fiscal_year": 2570}', "utf-8")
    assert main(["assess", str(path)]) == 2
    assert "no 'moral' rules for fiscal year 2570" in capsys.readouterr().err
