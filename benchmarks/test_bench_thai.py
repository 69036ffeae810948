"""Speed of the Thai date functions, side by side with pythainlp where it does the same job.

Run with ``make bench``. Nothing here asserts a time: the figures are for reading and comparing.
"""

from datetime import date, datetime

from pythainlp.util import thai_strftime, thai_strptime

from moralkit.thai import (
    FiscalYear,
    bangkok,
    format_thai_date,
    format_thai_datetime,
    parse_thai_date,
    parse_thai_date_range,
    parse_thai_datetime,
)

DAY = date(2024, 9, 16)
MOMENT = datetime(2024, 9, 16, 9, 30, tzinfo=bangkok())


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


def test_parse_common_era_year(benchmark):
    assert benchmark(parse_thai_date, "16 กันยายน 2024") == DAY


def test_parse_english_month_be_year(benchmark):
    assert benchmark(parse_thai_date, "September 16, 2567 BE") == DAY


def test_parse_datetime(benchmark):
    assert benchmark(parse_thai_datetime, "16 กันยายน 2567 เวลา 09:30 น.") == MOMENT


def test_peer_pythainlp_strptime_with_time(benchmark):
    assert benchmark(thai_strptime, "16 กันยายน 2567 09:30", "%d %B %Y %H:%M") == MOMENT


def test_format_datetime(benchmark):
    assert benchmark(format_thai_datetime, MOMENT, clock="24h") == "16 กันยายน 2567 09:30"


def test_peer_pythainlp_strftime_with_time(benchmark):
    assert benchmark(thai_strftime, MOMENT, "%-d %B %Y %H:%M") == "16 กันยายน 2567 09:30"


def test_parse_range_of_free_text_100k_separators(benchmark):
    # Refused after one pass over the text: the cost grows with its length, no faster.
    def refuse():
        try:
            parse_thai_date_range("1 - " * 100_000)
        except ValueError:
            return True
        return False

    assert benchmark(refuse)
