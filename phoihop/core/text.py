"""Vietnamese text: NFC storage, and the folded keys that search compares."""

import re
import unicodedata

# Old-style tone placement puts the mark on the second vowel of "oa", "oe", "uy" in an
# open syllable ("hoà", "thuỷ"); the modern style puts it on the first ("hòa", "thủy").
_TONES = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0309": "hook",
    "\u0303": "tilde",
    "\u0323": "dot",
}
_OLD_STYLE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![\w\u0300-\u036f])")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_D_LIKE = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def nfc(value: str) -> str:
    """The stored form of every text: Unicode NFC."""
    return unicodedata.normalize("NFC", value)


def modern_tone_placement(value: str) -> str:
    """'hoà' → 'hòa', 'thuỷ' → 'thủy'; 'hoàn' and 'quý' are left as they are."""
    decomposed = unicodedata.normalize("NFD", value)
    return nfc(_OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed))


def _strip_marks(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


# Every precomposed Latin letter (Latin-1 to Latin Extended Additional, where Vietnamese
# lives) mapped to its letters without marks, so that folding NFC text is one translate();
# text that still holds other non-ASCII characters afterwards (NFD input, other scripts)
# goes through the decomposition.
_PRECOMPOSED = {
    code: _strip_marks(chr(code))
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    if _strip_marks(chr(code)) != chr(code)
}
_PRECOMPOSED.update({ord(k): v for k, v in {"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"}.items()})


def fold(value: str | None) -> str:
    """Search key: lower case, no diacritics, 'đ'/'Đ'/'Ð' as 'd', words separated by one space.

    "Cần Thơ", "CAN THO" and "cần  thơ" all fold to "can tho".
    """
    if not value:
        return ""
    stripped = value.translate(_PRECOMPOSED)
    if not stripped.isascii():
        stripped = _strip_marks(stripped.translate(_D_LIKE))
    return _SEPARATORS.sub(" ", stripped.lower()).strip()


def search_key(*parts: object) -> str:
    """The folded text of several fields, as stored in a model's search column."""
    words = " ".join(f for f in (fold(str(p)) for p in parts if p not in (None, "")) if f)
    return f" {words} "
