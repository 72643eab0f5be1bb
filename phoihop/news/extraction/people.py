"""People named with their titles.

Three forms:
- an honorific, the name, a dash or comma, the title: "đồng chí Nguyễn Thái Nam - Ủy viên
  UBND tỉnh, Trưởng Ban Dân tộc", "Đ/c Nguyễn Thái Nam, Ủy viên UBND tỉnh, …", "bà H'Yim
  Kđoh - Phó Chủ tịch …", "Đại tá Phạm Văn Lực, Phó Chỉ huy trưởng …" (a military rank is an
  honorific here, not part of the title);
- a title, then a name of three words or more opening with a family name: "Phó Chủ tịch UBND
  tỉnh Đoàn Thu Hà", "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc Đỗ Văn Chiến";
- an honorific and a name alone (a caption: "Ông Ksor Hơi phát biểu …"): the person, with
  the title another mention gives, else none.

A title runs to the end of its clause: a semicolon, a full stop, a bracket, the next person
("…, đồng chí …", "… và bà …", "cùng …"), or a verb that starts the rest of the sentence
("phát biểu", "chủ trì", "cho biết", "làm trưởng đoàn", "đã", …). After a comma the title
goes on only while the next part is itself a title ("Ủy viên UBND tỉnh, Trưởng Ban Dân tộc").
People are deduplicated by their folded name; the first title given is kept.
"""

from __future__ import annotations

import re

from phoihop.core.text import fold
from phoihop.news.extraction.document import Block, Spans, shadow
from phoihop.news.extraction.lists import HONORIFICS, PROVINCE_RE, SURNAMES, TITLE_START_RE

_HONORIFIC_RE = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(re.escape(shadow(h)) for h in sorted(HONORIFICS, key=len, reverse=True))
    + r")\s+"
)
MAX_TITLE = 200
_SEPARATOR = re.compile(r"\s*(?:(-|–|—)|(,))\s*")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TITLE_END = re.compile(
    r"\s*[;()\n]|\.(?:\s|$)|:\s|"
    r",?\s+cung\s|"
    r",?\s+va\s+(?=(?:"
    + "|".join(re.escape(shadow(h)) for h in HONORIFICS)
    + r"|cac|dai dien|lanh dao|dong dao)(?![a-z]))|"
    r",\s*(?=(?:" + "|".join(re.escape(shadow(h)) for h in HONORIFICS) + r")\s)|"
    r"\s+(?=(?:phat bieu|chu tri|dong chu tri|cho biet|nhan manh|khang dinh|de nghi|yeu cau|trao|tang|"
    r"lam truong doan|da|dang|se|du|tham du|den du|tiep thu|chuc mung|ghi nhan|bao cao|gioi thieu|"
    r"truyen dat|ky|thong tin|khai mac|ket luan|trao doi|chia se|tham|lam viec|tai|noi|phat bieu)(?![a-z]))"
)
# Capitalised words that start an agency, not a name (compared as written).
_NOT_NAME_WORDS = frozenset((
    "Ủy", "Uỷ", "Ban", "Hội", "Sở", "Phòng", "Bộ", "Tỉnh", "Huyện", "Xã", "Đảng", "Nhà", "Cục",
    "Vụ", "UBND", "HĐND", "MTTQ",
))  # fmt: skip


def _read_name(text: str, start: int) -> tuple[str, int] | None:
    """The capitalised words from `start` (2 to 5, or 1 with an apostrophe or a title after)."""
    words, pos = [], start
    while len(words) < 5:
        m = _NAME_WORD.match(text, pos)
        if m is None or not m.group()[0].isupper():
            break
        word = m.group()
        if (
            TITLE_START_RE.match(text, m.start())
            or word in _NOT_NAME_WORDS
            or (word.isupper() and len(word) > 1)
        ):
            break
        words.append(word)
        pos = m.end()
        if not text.startswith(" ", pos):
            break
        pos += 1
    if not words:
        return None
    end = start + len(" ".join(words))
    return " ".join(words), end


def _read_title(text: str, low: str, start: int) -> str | None:
    """The title from `start` to the end of its clause (see the module docstring)."""
    m = _TITLE_END.search(low, start, start + MAX_TITLE)
    if m is None and start + MAX_TITLE < len(text):
        return None  # no end in sight: not a title
    end = m.start() if m else len(text)
    parts = text[start:end].split(",")
    kept = [parts[0]]
    for part in parts[1:]:
        if not TITLE_START_RE.match(part.strip()):
            break
        kept.append(part)
    title = ",".join(kept).strip(" ,-–")
    return title or None


def _honorific_people(block: Block) -> list[tuple[str, str | None, int, int]]:
    found = []
    for h in _HONORIFIC_RE.finditer(block.low):
        name = _read_name(block.text, h.end())
        if name is None:
            continue
        name_text, end = name
        sep = _SEPARATOR.match(block.text, end)
        title = None
        if sep:
            candidate = _read_title(block.text, block.low, sep.end())
            if candidate and (sep.group(1) or TITLE_START_RE.match(candidate)):
                title = candidate
        if len(name_text.split()) == 1 and not (title or "'" in name_text):
            continue
        title_end = sep.end() + len(title) if sep and title else end
        start = h.start()
        if title is None:
            before = _title_before(block.text, h.start())
            if before is not None:
                title, start = before
        found.append((name_text, title, start, title_end))
    return found


def _title_before(text: str, at: int) -> tuple[str, int] | None:
    """The title written before an honorific ("Phó Trưởng Ban Dân tộc thành phố, ông Tăng Văn
    Phúc"): the comma-separated parts just before it that are titles, within its clause."""
    head = text[max(0, at - 300) : at].rstrip()  # a title is short: look back no further
    if not head.endswith(","):
        return None
    clause = re.split(r"[;:()\n]|\.\s", head[:-1])[-1]
    parts = clause.split(",")
    kept: list[str] = []
    for part in reversed(parts):
        if not TITLE_START_RE.match(part.strip()):
            break
        kept.insert(0, part)
    if not kept:
        return None
    title = ",".join(kept).strip()
    return title, max(0, at - 300) + head.rfind(title)


_SURNAME_RE = re.compile(r"(?<=[\s,])(?:" + "|".join(sorted(SURNAMES, key=len, reverse=True)) + r")(?= )")
_TITLE_BEFORE_NAME = re.compile(r"(?<![^\W\d_])(?:" + TITLE_START_RE.pattern + r")", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:()\n]|\.\s|\s(?:co|la|cua|voi|gom)\s")


def _titled_names(block: Block, taken: list[tuple[int, int]]) -> list[tuple[str, str, int, int]]:
    """A title, then a name ("Phó Chủ tịch UBND tỉnh Đoàn Thu Hà"): a name of 3+ words opening with
    a family name and not a province's name."""
    found, in_first = [], Spans(taken)
    for m in _SURNAME_RE.finditer(block.low):
        if not block.text[m.start()].isupper():
            continue
        if in_first.contains(m.start()):
            continue
        name = _read_name(block.text, m.start())
        if name is None or len(name[0].split()) < 3:
            continue
        folded = fold(name[0])
        if PROVINCE_RE.match(folded):
            continue
        clause_start = max(0, m.start() - 200)
        for b in _CLAUSE_BREAK.finditer(block.low, clause_start, m.start()):
            clause_start = b.end()
        title_match = _TITLE_BEFORE_NAME.search(block.text, clause_start, m.start())
        if title_match is None:
            continue
        title = block.text[title_match.start() : m.start()].strip(" ,-–")
        if not title or len(title) > 120:
            continue
        found.append((name[0], title, title_match.start(), name[1]))
    return found


def people(blocks: list[Block]) -> tuple[list[dict], dict[int, list[tuple[int, int]]]]:
    """The people of the blocks, deduplicated, and per block the spans they take (so that
    agencies named in titles are not taken for the article's parties)."""
    by_name: dict[str, dict] = {}
    spans: dict[int, list[tuple[int, int]]] = {}
    for index, block in enumerate(blocks):
        first = _honorific_people(block)
        taken = [(s, e) for _, _, s, e in first]
        second = _titled_names(block, taken)
        spans[index] = taken + [(s, e) for _, _, s, e in second]
        for name, title, _, _ in sorted(first + second, key=lambda p: p[2]):
            key = fold(name)
            person = by_name.setdefault(key, {"name": name, "title": None})
            if title and not person["title"]:
                person["title"] = title
    return list(by_name.values()), spans
