"""From pasted text to the parts the rules read: the headline, the article's paragraphs,
its captions, and the publication date a page prints above the article.

Boilerplate is dropped line by line: site banners and menus, breadcrumbs, view counters,
share buttons, footers, photo credits; a "Tin khác" / "Tin liên quan" list ends the article
(after its first paragraph) or is skipped (a sidebar above it). A line of 100 characters or
more ending like a sentence (or of 200 or more) is a paragraph; the last short line before
the first paragraph is the headline; short lines after it are captions and bylines.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from phoihop.core.text import modern_tone_placement, nfc


class _FoldTable(dict):
    """str.translate table folding one character to one character (lower case, no marks,
    đ → d), so that positions in the folded shadow are positions in the text."""

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        low = ch.lower()
        base = unicodedata.normalize("NFD", low)[:1] if len(low) == 1 else ch
        if base in ("đ", "ð"):
            base = "d"
        value = ord(base) if len(base) == 1 else code
        self[code] = value
        return value


class _LowerTable(dict):
    """str.translate table: lower case, one character for one ('İ' is left as it is)."""

    def __missing__(self, code: int) -> int:
        low = chr(code).lower()
        self[code] = ord(low) if len(low) == 1 else code
        return self[code]


_FOLD = _FoldTable()
_LOWER = _LowerTable()


def shadow(text: str) -> str:
    """The folded text, same length: 'Ban Dân tộc' → 'ban dan toc'."""
    return text.translate(_FOLD)


def lower(text: str) -> str:
    """Lower case, same length: 'Ban Dân tộc' → 'ban dân tộc'."""
    return text.translate(_LOWER)


def normalize(text: str) -> str:
    """NFC, modern tone placement ('hoà' → 'hòa'), 'Ð' (U+00D0) as 'Đ', plain spaces and
    line breaks."""
    text = modern_tone_placement(nfc(text))
    text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]", " ", text)
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text)
    return text


# --- language -------------------------------------------------------------------------------

_VI_WORDS = frozenset((
    "của", "và", "các", "trong", "được", "cho", "với", "tại", "năm", "ngày", "người", "dân",
    "tộc", "tỉnh", "hội", "những", "đã", "là", "có", "một", "thực", "hiện", "chương", "trình",
    "phối", "hợp", "công", "tác", "đồng", "bào", "thiểu", "số",
))  # fmt: skip
_VI_FOLDED = frozenset((
    "cua", "cac", "trong", "duoc", "voi", "tai", "nhung", "nguoi", "dan", "toc", "tinh",
    "chuong", "trinh", "phoi", "hop", "dong", "bao",
))  # fmt: skip
_FOREIGN_WORDS = frozenset((
    "the", "of", "and", "to", "in", "for", "with", "on", "is", "was", "by", "will", "said",
    "this", "that", "from", "le", "la", "les", "des", "du", "et", "pour", "avec", "dans",
    "une", "est", "sur", "par", "aux", "qui",
))  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def is_vietnamese(text: str) -> bool:
    """True for Vietnamese text, with or without diacritics; False for English or French
    text that only names Vietnamese places and people."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if not words:
        return False
    vi = sum(w in _VI_WORDS for w in words)
    foreign = sum(w in _FOREIGN_WORDS for w in words)
    if vi >= 3 and vi > foreign:
        return True
    folded = sum(shadow(w) in _VI_FOLDED for w in words)
    return folded >= 5 and folded > 2 * foreign


# --- lines ----------------------------------------------------------------------------------

_RELATED = re.compile(
    r"^(?:cac |nhung )?(?:tin|bai|bai viet|tin tuc)(?: tuc)? (?:khac|lien quan|cung chuyen muc|moi|moi nhat|"
    r"doc nhieu|xem nhieu|da dua|noi bat|truoc|cung loai)\b[^a-z]*$|"
    r"^(?:xem them|related news|other news|read more|more news|autres articles|a lire aussi)\b[^a-z]*$"
)
_META = re.compile(
    r"^(?:skip to|dang nhap|dang ky|tim kiem|luot xem|luot truy cap|dang truy cap|dang online|tong luot|"
    r"thong ke truy cap|co chu|in bai|in trang|gui email|gui bai|chia se|binh luan|ho ten|e-?mail|"
    r"duong day nong|dien thoai|hotline|fax|dia chi|chiu trach nhiem|ban quyen|copyright|tu khoa|tags?|"
    r"facebook|zalo|twitter|len dau trang|quay lai|giay phep|tong bien tap|anh:|ngay dang|dang ngay|"
    r"cap nhat|ngay cap nhat|thoi gian dang)(?![a-z])|^©|^\W*$"
)
_MENU_START = re.compile(r"^(?:trang chu|home)(?![a-z])")
_SITE_NAME = re.compile(
    r"(?:cong thong tin|trang thong tin|trang tin)(?: dien tu)?|^(?:bao|tap chi|vietnam news|le courrier)(?![a-z])"
)
_BANNER = re.compile(r"chao mung|nhiet liet|chuc mung nam moi|mung dang|mung xuan")
_LIST_ITEM = re.compile(r"^[-–•»*·+>]|\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;\"”)]\s*$")
_PUB_DATE = re.compile(
    r"(?:(?:thu (?:hai|ba|tu|nam|sau|bay)|chu nhat|ngay dang|dang ngay|cap nhat|ngay cap nhat|"
    r"thoi gian dang|dang luc)\s*:?\s*,?\s*|^)(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d\d)"
)

PARAGRAPH, CAPTION = "para", "caption"


@dataclass
class Block:
    kind: str  # "title", "para" or "caption"
    text: str
    low: str  # the folded shadow of text


@dataclass
class Document:
    text: str
    title: Block | None = None
    paragraphs: list[Block] = field(default_factory=list)
    captions: list[Block] = field(default_factory=list)
    published: dt.date | None = None

    @property
    def lead(self) -> Block | None:
        return self.paragraphs[0] if self.paragraphs else None

    def blocks(self, *, captions: bool = False) -> list[Block]:
        head = [self.title] if self.title else []
        return head + self.paragraphs + (self.captions if captions else [])


def _is_paragraph(line: str) -> bool:
    return len(line) >= 200 or (len(line) >= 100 and bool(_SENTENCE_END.search(line)))


def _is_boilerplate(line: str, low: str) -> bool:
    if len(line) > 300:
        return False  # banners, menus and footers are short
    if _META.search(low) or _MENU_START.search(low):
        return True
    if line.count("|") >= 2 or (len(line) < 120 and re.search(r"\s[>›»]\s", line)):
        return True
    letters = [c for c in line if c.isalpha()]
    shouting = letters and sum(c.isupper() for c in letters) / len(letters) > 0.9
    if shouting and (_BANNER.search(low) or line.rstrip().endswith("!")):
        return True
    return bool(len(line) < 90 and _SITE_NAME.search(low) and not _is_paragraph(line))


def _published(line: str, low: str) -> dt.date | None:
    if len(line) > 90:
        return None
    match = _PUB_DATE.search(low)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse(text: str) -> Document:
    """Split normalised text into headline, paragraphs and captions (see the module)."""
    doc = Document(text=text)
    head: list[str] = []
    in_list = False
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            in_list = False
            continue
        low = shadow(line)
        if _RELATED.search(low):
            if doc.paragraphs:
                break
            in_list = True
            continue
        if in_list:
            if _LIST_ITEM.search(line) or (len(line) < 160 and not _SENTENCE_END.search(line)):
                continue
            in_list = False
        published = _published(line, low)
        if published is not None:
            doc.published = doc.published or published
            if len(line) < 60 or _META.search(low):
                continue
        if _is_boilerplate(line, low):
            continue
        if _is_paragraph(line):
            if not doc.paragraphs and head:
                doc.title = Block("title", head[-1], shadow(head[-1]))
            doc.paragraphs.append(Block(PARAGRAPH, line, low))
        elif doc.paragraphs:
            doc.captions.append(Block(CAPTION, line, low))
        else:
            head.append(line)
    if not doc.paragraphs and head:
        # No line long enough for a paragraph: the first line heads the rest.
        doc.title = Block("title", head[0], shadow(head[0]))
        doc.paragraphs = [Block(PARAGRAPH, h, shadow(h)) for h in head[1:]]
    return doc


# --- spans ----------------------------------------------------------------------------------


class Spans:
    """Character ranges (start, end) of a block, merged, to ask whether a position or a range
    falls in one of them in logarithmic time (a 1 MB paste has thousands)."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] >= start:  # overlaps the previous range: extend it
            i -= 1
            start = self.starts[i]
            end = max(end, self.ends[i])
            del self.starts[i], self.ends[i]
        while i < len(self.starts) and self.starts[i] <= end:
            end = max(end, self.ends[i])
            del self.starts[i], self.ends[i]
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and start < self.ends[i]:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end


# --- sentences ------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”]?\s+(?=[\"“(]?[^\W\d_])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:TP|Tp|ThS|TS|PGS|GS|BS|St|Mr|Mrs)\.|\b[A-ZĐ]\.)$")


def sentences(block: Block) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a block; a break needs a capital letter after it."""
    spans, start = [], 0
    for match in _SENTENCE_BREAK.finditer(block.text):
        if not block.text[match.end()].isupper() or _ABBREVIATIONS.search(
            block.text[max(0, match.start() - 8) : match.start()]
        ):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(block.text)))
    return spans
