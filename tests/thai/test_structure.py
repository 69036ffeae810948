"""How the Thai modules are built: one import direction, and readers whose work is bounded."""

import ast
from pathlib import Path

import pytest

import moralkit.thai.dates as dates_module
from moralkit import ThaiDateError
from moralkit.thai import MAX_TEXT_LENGTH, parse_thai_date, parse_thai_date_range

THAI = Path(dates_module.__file__).parent
# Each module may import only those before it.
ORDER = ["numerals", "_text", "calendar", "dates"]


def _thai_imports(module: str) -> set[str]:
    tree = ast.parse((THAI / f"{module}.py").read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            name = node.module
        elif isinstance(node, ast.Import):
            name = node.names[0].name
        else:
            continue
        if name.startswith("moralkit.thai."):
            found.add(name.removeprefix("moralkit.thai."))
    return found


@pytest.mark.parametrize("module", ORDER)
def test_thai_modules_import_one_way(module):
    before = set(ORDER[: ORDER.index(module)])
    assert _thai_imports(module) <= before


def _module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("moralkit")
    }


def test_thai_imports_nothing_but_errors_and_messages_from_moralkit():
    # moralkit._args (the argument checks) is allowed: it loads only errors and messages.
    allowed = ("moralkit.thai", "moralkit.errors", "moralkit.messages", "moralkit._args")
    for path in THAI.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("moralkit"):
                assert node.module.startswith(allowed), path.name
    args = Path(dates_module.__file__).parent.parent / "_args.py"
    assert _module_level_imports(args) <= {"moralkit.errors", "moralkit.messages"}


def test_the_argument_checks_load_only_errors_and_messages():
    tree = ast.parse((THAI.parent / "_args.py").read_text("utf-8"))
    loaded = {
        node.module
        for node in tree.body  # module level: what importing _args loads
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("moralkit")
    }
    assert loaded <= {"moralkit.errors", "moralkit.messages"}


class _CountingReads:
    def __init__(self, monkeypatch):
        self.calls = 0
        original = dates_module._read

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(dates_module, "_read", counted)


@pytest.mark.parametrize("separators", [10, 70, 1_000, 100_000])
@pytest.mark.parametrize("unit", ["1 - ", "ถึง", "– ๒", "ระหว่าง-"])
def test_range_reads_are_bounded_whatever_the_number_of_separators(monkeypatch, separators, unit):
    counter = _CountingReads(monkeypatch)
    with pytest.raises(ThaiDateError) as info:
        parse_thai_date_range(unit * separators)
    # One read of the whole, then at most one read of each side per separator; the folded
    # text is never longer than MAX_TEXT_LENGTH, so neither is the number of separators.
    assert counter.calls <= 1 + 2 * MAX_TEXT_LENGTH
    if len(unit * separators) > MAX_TEXT_LENGTH + 10:
        assert info.value.code == "date.too_long"
        assert counter.calls == 0


def test_the_longest_accepted_range_fits_under_the_cap():
    one = "เมื่อวันพฤหัสบดีที่ 25 กรกฎาคม พุทธศักราช 2567 เวลาประมาณ 12:22:01 นาฬิกา"
    parse_thai_date(one)
    longest = (
        "ตั้งแต่วันพฤหัสบดีที่ 25 กรกฎาคม พุทธศักราช 2567 เวลาประมาณ 12:22:01 นาฬิกา "
        "จนถึง วันพฤหัสบดีที่ 29 สิงหาคม พุทธศักราช 2567 เวลาประมาณ 12:22:01 นาฬิกา"
    )
    assert parse_thai_date_range(longest).days == 36
    assert len(longest) + 100 < MAX_TEXT_LENGTH


def test_white_space_folds_before_the_cap():
    assert parse_thai_date("16" + " " * 100_000 + "กันยายน 2567").day == 16
