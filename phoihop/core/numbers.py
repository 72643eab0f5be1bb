"""Numbers as Vietnamese officers write them, in forms and in spreadsheets.

Thousands are grouped with dots ("1.234.000"), sometimes with commas or spaces
("1,234,000", "1 234 000"); the decimal separator is a comma ("12,5"), sometimes a dot
("12.5"). The rule: a dot or comma followed by exactly three digits, repeated up to the
end, groups thousands; when both appear, the last one is the decimal separator; a lone
comma is a decimal comma. So "1.234" and "1,234" are 1234 as whole numbers, "12,5" and
"12.5" are 12.5, "1.250,75" is 1250.75.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms

_GROUPED = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


class NumberError(ValueError):
    """Raised with a Vietnamese message."""


def _clean(text: str) -> str:
    return _SPACES.sub(" ", (text or "").strip())


def parse_int(text: str, *, what: str = "Số", invalid: str | None = None) -> int | None:
    """A whole, non-negative number; None for an empty text. Anything with a fraction or
    mixed separators ("1.234,000") is refused rather than guessed."""
    value = _clean(text)
    if not value:
        return None
    if value.startswith("-"):
        raise NumberError(f"{what} không được âm.")
    if value.isdigit():
        return int(value)
    if _GROUPED.match(value):
        return int(re.sub(r"\D", "", value))
    raise NumberError(invalid or f"{what} phải là số nguyên, ví dụ 1.234.")


def parse_decimal(text: str, *, what: str = "Số") -> Decimal | None:
    """A number with an optional fraction; None for an empty text."""
    value = _clean(text).replace(" ", "")
    if not value:
        return None
    sign = ""
    if value[0] in "+-":
        sign, value = ("-" if value[0] == "-" else ""), value[1:]
    if _GROUPED.match(value):
        number = re.sub(r"\D", "", value)
    elif "." in value and "," in value:
        decimal_sep = "." if value.rfind(".") > value.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        whole, _, fraction = value.rpartition(decimal_sep)
        if not _GROUPED.match(whole) and not whole.isdigit():
            raise NumberError(f"{what} không đúng dạng số, ví dụ 1.250,5.")
        number = whole.replace(group_sep, "") + "." + fraction
    else:
        number = value.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", number):
        raise NumberError(f"{what} không đúng dạng số, ví dụ 1.250,5.")
    try:
        return Decimal(sign + number)
    except InvalidOperation:
        raise NumberError(f"{what} không đúng dạng số, ví dụ 1.250,5.") from None


def format_number(value) -> str:
    """1234567.5 → '1.234.567,5' (for initial values of form fields)."""
    if value is None:
        return ""
    number = Decimal(value)
    whole = int(abs(number))
    fraction = abs(number) - whole
    text = f"{whole:,}".replace(",", ".")
    if fraction:
        text += "," + format(fraction.normalize(), "f").split(".")[1]
    return ("-" if number < 0 else "") + text


class VnDecimalField(forms.Field):
    """A text input that reads numbers the Vietnamese way (see the module's docstring)."""

    widget = forms.TextInput

    def __init__(self, *, min_value=None, max_digits: int = 16, decimal_places: int = 2, **kwargs):
        self.min_value, self.max_digits, self.decimal_places = min_value, max_digits, decimal_places
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            number = parse_decimal(str(value)[:40] if value is not None else "", what="Giá trị")
        except NumberError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
        if number is None:
            return None
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(
                self.error_messages.get("min_value", "Không được âm."), code="min_value"
            )
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimal_places:
            raise forms.ValidationError(
                f"Tối đa {self.decimal_places} chữ số sau dấu phẩy.", code="max_decimal_places"
            )
        if len(str(int(abs(number)))) > self.max_digits - self.decimal_places:
            raise forms.ValidationError("Số quá lớn.", code="max_digits")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return format_number(value)
        return value

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}
