from decimal import Decimal

import pytest

from phoihop.core.numbers import NumberError, format_number, parse_decimal, parse_int


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.234", 1234), ("1,234", 1234), ("1 234 567", 1234567), ("45", 45), ("", None), ("  ", None)],
)
def test_whole_numbers_as_written(text, value):
    assert parse_int(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "Số người không được âm."),
        ("12,5", "Số người phải là số nguyên, ví dụ 1.234."),
        ("1.234,000", "Số người phải là số nguyên, ví dụ 1.234."),
        ("1.23", "Số người phải là số nguyên, ví dụ 1.234."),
        ("bốn mươi", "Số người phải là số nguyên, ví dụ 1.234."),
    ],
)
def test_whole_numbers_refused(text, message):
    with pytest.raises(NumberError, match=message):
        parse_int(text, what="Số người")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("1.200", Decimal(1200)),
        ("1.250,75", Decimal("1250.75")),
        ("1,250.75", Decimal("1250.75")),
        ("-3,5", Decimal("-3.5")),
        ("", None),
    ],
)
def test_decimals_as_written(text, value):
    assert parse_decimal(text) == value


def test_decimal_refused():
    with pytest.raises(NumberError, match="không đúng dạng số"):
        parse_decimal("12,5,6,7")


def test_format_number():
    assert format_number(Decimal("1234567.50")) == "1.234.567,5"
    assert format_number(1200) == "1.200"
