"""Speed of the Thai date functions, side by side with pythainlp where it does the same job.

Run with ``make bench``. Nothing here asserts a time: the figures are for reading and comparing.
"""

from datetime import date

from pythainlp.util import thai_strftime, thai_strptime

from moralkit.thai import FiscalYear, format_thai_date, parse_thai_date, parse_thai_date_range

DAY = date(2024, 9, 16)


def test_parse_full_date(benchmark):
    assert benchmark(parse_thai_date, "16 กันยายน 2567") == DAY


def test_parse_thai_digits_with_weekday(benchmark):
    assert benchmark(parse_thai_date, "วันจันทร์ที่ ๑๖ กันยายน ๒๕๖๗") == DAY


def test_parse_numeric(benchmark):
    assert benchmark(parse_thai_date, "16/09/2567") == DAY


def test_parse_range(benchmark):
    result = benchmark(parse_thai_date_range, "วันอังคารที่ ๒๕ - วันพุธที่ ๒๖ มิถุนายน ๒๕๖๒")
    assert result.days == 2


def test_peer_pythainlp_strptime(benchmark):
    assert benchmark(thai_strptime, "16 กันยายน 2567", "%d %B %Y").date() == DAY


def test_format_full(benchmark):
    assert benchmark(format_thai_date, DAY) == "16 กันยายน 2567"


def test_peer_pythainlp_strftime(benchmark):
    assert benchmark(thai_strftime, DAY, "%-d %B %Y") == "16 กันยายน 2567"


def test_fiscal_year_of(benchmark):
    assert benchmark(FiscalYear.of, DAY) == FiscalYear(2567)
