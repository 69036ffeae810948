"""`moralkit demo` in Thai and in English: the same figures, words from the catalogue."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from functools import cache
from importlib.resources import files

import pytest

from moralkit.cli import main
from moralkit.messages import catalogue

#: Thai digits read as the digits they are.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
#: Numbers an English template writes as words ("two decimals"), read as digits.
_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b")
_HAS_TABLES = all(importlib.util.find_spec(name) for name in ("polars", "narwhals"))


@cache
def _run(lang: str) -> str:
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["demo", "--lang", lang])
    assert status == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def english() -> str:
    return _run("en")


@pytest.fixture(scope="module")
def thai() -> str:
    return _run("th")


def numbers(text: str, *, words: bool = False) -> Counter[str]:
    text = text.translate(_THAI_DIGITS)
    if words:
        text = _NUMBER_WORD.sub(lambda m: _WORDS[m.group(1)], text)
    return Counter(re.findall(r"\d+", text))


def test_numbers_helper_counts_every_digit_run() -> None:
    assert numbers("94.40 ผ่าน, ๒๐ ปี") == Counter({"94": 1, "40": 1, "20": 1})
    assert numbers("two decimals", words=True) == Counter({"2": 1})
    assert numbers("two decimals") == Counter()


def test_thai_and_english_carry_the_same_numbers(english: str, thai: str) -> None:
    assert numbers(english, words=True) == numbers(thai)


def test_thai_and_english_have_the_same_lines(english: str, thai: str) -> None:
    en_lines, th_lines = english.splitlines(), thai.splitlines()
    assert len(en_lines) == len(th_lines)
    for en, th in zip(en_lines, th_lines, strict=True):
        assert numbers(en, words=True) == numbers(th), (en, th)


def _demo_codes() -> dict[str, dict[str, str]]:
    text = files("moralkit").joinpath("catalogue", "demo.json").read_text("utf-8")
    codes: dict[str, dict[str, str]] = json.loads(text)
    return codes


def _english_words(template: str) -> list[str]:
    """The runs of English words of a template between its parameters."""
    pieces = re.split(r"\{[a-z_]+\}", template)
    runs = (run for piece in pieces for run in re.findall(r"[A-Za-z][A-Za-z' -]*[A-Za-z]", piece))
    return [run for run in runs if len(run.split()) >= 2]


def test_the_demo_codes_are_all_in_the_catalogue() -> None:
    codes = _demo_codes()
    assert codes
    assert all(code.startswith("demo.") for code in codes)
    assert set(codes) <= set(catalogue())


def test_no_english_sentence_of_the_catalogue_in_the_thai_output(thai: str) -> None:
    # Words the Thai template keeps as they are (names, "Do & Don't") are not leaks.
    leaked = [
        (code, words)
        for code, entry in _demo_codes().items()
        for words in _english_words(entry["en"])
        if words not in entry["th"] and words in thai
    ]
    assert leaked == []


def test_the_leak_check_sees_english(english: str) -> None:
    # Run on the English output, the same check finds the English sentences.
    found = [
        words
        for entry in _demo_codes().values()
        for words in _english_words(entry["en"])
        if words not in entry["th"] and words in english
    ]
    assert "no problems" in found
    assert len(found) > 40


def test_key_figures_in_english(english: str) -> None:
    assert "IIT 98, EIT 84, OIT 99.5 -> 94.40 ผ่าน (pass)" in english
    assert "EIT alone: at least 85.00 (+1.0000 from 84.0000)" in english
    assert "FY2567: activities 1-3 pass, level 1" in english
    assert "FY2569: activities 1-3 do not all pass, level 0" in english
    assert "activity 1: needs at least 80.00% (has 60.00%)" in english
    assert "8 มกราคม 2015 -> 2015-01-08 = 8 มกราคม 2558, FY2558" in english
    assert "2024-09-16T12:22:00+07:00 (Asia/Bangkok), FY2567" in english


def test_key_figures_in_thai(thai: str) -> None:
    assert "IIT 98, EIT 84, OIT 99.5 -> 94.40 ผ่าน\n" in thai
    assert "เพิ่ม EIT อย่างเดียว: อย่างน้อย 85.00 (เพิ่ม 1.0000 จาก 84.0000)" in thai
    assert "ปีงบประมาณ พ.ศ. 2567: ผ่านกิจกรรมที่ 1-3 ได้ระดับ 1" in thai
    assert "ปีงบประมาณ พ.ศ. 2569: ผ่านกิจกรรมที่ 1-3 ไม่ครบ ได้ระดับ 0" in thai
    assert "8 มกราคม 2015 -> 2015-01-08 = 8 มกราคม 2558 ปีงบประมาณ พ.ศ. 2558" in thai
    assert "2024-09-16T12:22:00+07:00 (Asia/Bangkok) ปีงบประมาณ พ.ศ. 2567" in thai


def test_statuses_render_from_the_catalogue(english: str, thai: str) -> None:
    assert "[verified in a published source]" in english
    assert "[derived by recomputing published figures]" in english
    assert "[ยืนยันแล้วจากแหล่งที่มาที่เผยแพร่]" in thai
    assert "[ได้จากการคำนวณย้อนกลับจากตัวเลขที่เผยแพร่]" in thai


@pytest.mark.skipif(not _HAS_TABLES, reason="needs moralkit[tables]")
def test_the_national_taste_counts_every_agency(english: str, thai: str) -> None:
    counts = re.findall(r"^    [^\n]*\((?:[a-z ]*pass|needs[a-z ]*)\): (\d+)$", english, re.M)
    assert len(counts) == 5
    assert sum(int(c) for c in counts) == 50
    assert "50 agencies scored" in english
    assert "ประเมินได้ 50 หน่วยงาน" in thai


def test_without_the_tables_extra_the_demo_goes_on(monkeypatch, capsys) -> None:
    import builtins  # noqa: PLC0415

    real_import = builtins.__import__

    def no_polars(name: str, *args: object, **kwargs: object) -> object:
        if name in ("polars", "narwhals"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_polars)
    assert main(["demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "needs the optional extra moralkit[tables]" in out
    assert out.rstrip().endswith('(pip install "moralkit[tables]")')
