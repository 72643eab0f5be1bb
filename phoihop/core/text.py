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


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (f, j, w, z of foreign words in their Latin places); tones order words that are otherwise
# equal: none, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: n for n, ch in enumerate(_ALPHABET)}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vn_sort_key(value: str | None) -> tuple:
    """Sort key in Vietnamese order: letters first (ă after a, đ after d, ư after u…),
    then tones, then case. Characters outside the alphabet sort by code point after it."""
    letters: list[int] = []
    tones: list[int] = []
    decomposed = unicodedata.normalize("NFD", modern_tone_placement(value or "")).lower()
    base = ""
    tone = 0

    def push():
        if base:
            letter = unicodedata.normalize("NFC", base)
            letters.append(_RANK.get(letter, len(_ALPHABET) + ord(letter[0])))
            tones.append(tone)

    for ch in decomposed:
        if ch in _LETTER_MARKS:
            base += ch
        elif ch in _TONE_RANK:
            tone = _TONE_RANK[ch]
        elif unicodedata.category(ch) == "Mn":
            continue
        else:
            push()
            base, tone = ch, 0
    push()
    return (tuple(letters), tuple(tones), value or "")


def vn_compare(a: str | None, b: str | None) -> int:
    """A comparison function in Vietnamese order (SQLite's "vi" collation, core.apps)."""
    ka, kb = vn_sort_key(a), vn_sort_key(b)
    return (ka > kb) - (ka < kb)
