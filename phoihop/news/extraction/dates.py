"""Dates and phases: the event's date, the program's phase (giai đoạn), and the year of a
date written without one.

Dates come as "ngày 04 tháng 10 năm 2011", "01/12/2016", "28-6-2022", "Chiều ngày 13/5",
"17-2", "từ ngày 12 đến 14/7/2022". The event's date is the first date in the article's
paragraphs (not the headline, captions or the page's own publication line) that is
introduced as a day ("ngày", "sáng", "chiều", "tối", "trưa", "hôm", "từ") and is not a
document's date ("Quyết định số …/QĐ-TTg ngày …") or a deadline ("trước ngày 15/12").

A phase is two years 1 to 10 apart: "2021 – 2025", "2021-2025", "giai đoạn 2013 - 2017",
"từ năm 2022 đến năm 2026", "(2016-2020)". It is the coordination program's when the nearest
program named before it in its sentence is a coordination program; a phase after the national
target program (MTQG, 1719), a strategy, a resolution, a decision, a project, "giai đoạn I:",
a term of office or a school year belongs to those.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from phoihop.news.extraction.document import Block, Document, Spans, sentences
from phoihop.news.extraction.lists import COORDINATION_RE, OTHER_PROGRAM_RE

_Y = r"((?:19|20)\d\d)"
_DATE_PATTERNS = (
    # "ngày 12 đến 14/7/2022": the first day, with the month and year of the second.
    re.compile(
        rf"ngay (\d{{1,2}})\s*(?:den|-|–)\s*(?:ngay\s*)?(\d{{1,2}})\s*[/-]\s*(\d{{1,2}})(?:\s*[/-]\s*{_Y})?(?![\d/])"
    ),
    re.compile(rf"(?<![\d/.])(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*{_Y}(?!\d)"),
    re.compile(rf"ngay (\d{{1,2}}) thang (\d{{1,2}})(?: nam {_Y})?(?!\d)"),
    re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/-]\s*(\d{1,2})(?![\d]|\s*[/-]\s*\d)"),
)
_DAY_WORD = re.compile(r"(?:^|[^a-z])(?:ngay|sang|chieu|toi|trua|dem|hom|tu)\s*$")
_DOCUMENT = re.compile(
    r"(?:quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|cong van|ke hoach so|so \d+|\d+/[a-z]|ban hanh)"
    r"[^.;]{0,40}$"
)
_DEADLINE = re.compile(r"(?:truoc|sau|den|ke tu|cham nhat)\s+(?:ngay\s*)?$")
_SECONDARY = re.compile(r"^\W*(?:truoc do|truoc day|cung ngay|cung trong|tiep do|sau do)\b")


@dataclass(frozen=True)
class DateMention:
    day: int
    month: int
    year: int | None
    block: int
    start: int

    def iso(self, year: int | None = None) -> str:
        y = self.year or year
        return f"{y:04d}-{self.month:02d}-{self.day:02d}" if y else f"????-{self.month:02d}-{self.day:02d}"


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29/2 without a year is fine
    except ValueError:
        return False
    return True


def _mentions(block: Block, index: int) -> list[DateMention]:
    low, taken, found = block.low, Spans(), []
    for n, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(low):
            if taken.overlaps(m.start(), m.end()):
                continue
            groups = m.groups()
            if n == 0 or n == 1:
                day, month, year = int(groups[0]), int(groups[2]), groups[3]
            else:
                day, month, year = int(groups[0]), int(groups[1]), groups[2] if n == 2 else None
            year = int(year) if year else None
            if not _valid(day, month, year):
                continue
            taken.add(m.start(), m.end())
            found.append(DateMention(day, month, year, index, m.start()))
    return sorted(found, key=lambda d: d.start)


def _is_event_date(block: Block, mention: DateMention, sentence_start: int) -> bool:
    before = block.low[max(sentence_start, mention.start - 60) : mention.start]
    if _DOCUMENT.search(before) or _DEADLINE.search(before):
        return False
    if block.low.startswith("ngay", mention.start):
        return True  # "ngày 4 tháng 10", "ngày 12 đến 14/7"
    lead_in = block.low[sentence_start : mention.start]
    # "(GLO)- Ngày 15/12/2020": the date opens its sentence, after a source tag.
    return bool(_DAY_WORD.search(before) or not re.sub(r"\([^)]*\)|[\W_]", "", lead_in))


def _follow_year(block: Block, mention: DateMention, mentions: list[DateMention]) -> int | None:
    """The year of "15/5" in "từ ngày 15/5 đến ngày 17/5/2024"."""
    for other in mentions:
        if other.start > mention.start and other.year and other.start - mention.start < 40:
            between = block.low[mention.start : other.start]
            if re.search(r"(?:den|-|–)\s*(?:ngay\s*)?$", between):
                return other.year
    return None


def event_date(doc: Document) -> DateMention | None:
    """The first date introduced as a day in the paragraphs (see the module docstring);
    sentences telling of an earlier or other event ("Trước đó, …") are skipped."""
    for index, block in enumerate(doc.paragraphs):
        mentions = _mentions(block, index)
        if not mentions:
            continue
        positions = [m.start for m in mentions]
        for start, end in sentences(block):
            if _SECONDARY.search(block.low[start:end]):
                continue
            first = bisect.bisect_left(positions, start)
            for mention in mentions[first : bisect.bisect_left(positions, end)]:
                if _is_event_date(block, mention, start):
                    if mention.year is None:
                        year = _follow_year(block, mention, mentions)
                        if year:
                            return DateMention(mention.day, mention.month, year, index, mention.start)
                    return mention
    return None


def infer_year(
    mention: DateMention,
    *,
    published: dt.date | None,
    event_type: str,
    phase: tuple[int, int] | None,
) -> int | None:
    """The year of a date written without one.

    - From the publication date: its year, or the year before when the day would fall more
      than a week after publication (an article of 5 January about "28/12").
    - Else from the program's phase, only where the kind of event fixes it: a signing falls
      in the phase's first year; a final review in its last year, or early the next
      (January to March).
    - Else None ("????-MM-DD"): an interim review, a training or a visit can fall in any
      year of the phase.
    """
    if published is not None:
        year = published.year
        try:
            day = dt.date(year, mention.month, mention.day)
        except ValueError:  # 29/2 in a year without it
            return year - 1
        return year - 1 if day > published + dt.timedelta(days=7) else year
    if phase is not None:
        if event_type == "signing":
            return phase[0]
        if event_type == "final_review":
            return phase[1] + 1 if mention.month <= 3 else phase[1]
    return None


# --- phases ---------------------------------------------------------------------------------

_PHASE_PATTERNS = (
    re.compile(rf"tu nam {_Y} den (?:het )?nam {_Y}(?!\d)"),
    re.compile(rf"(?<![\d/.-]){_Y}\s*(?:-|–|—|den|toi)\s*(?:nam\s+)?{_Y}(?![\d/])"),
)
COORDINATION, OTHER, NEUTRAL = "coordination", "other", "neutral"


@dataclass(frozen=True)
class PhaseMention:
    start_year: int
    end_year: int
    block: int  # -1 for the headline
    start: int
    kind: str


def _classify(low: str, start: int, sentence_start: int) -> str:
    """Whose phase this is: the program named last before it in its sentence decides."""
    window_start = max(sentence_start, start - 200)
    before = low[window_start:start]
    last_kind, last_at = NEUTRAL, -1
    for m in COORDINATION_RE.finditer(before):
        last_kind, last_at = COORDINATION, m.start()
    for m in OTHER_PROGRAM_RE.finditer(before):
        if m.start() > last_at:
            last_kind, last_at = OTHER, m.start()
    return last_kind


def phases(doc: Document) -> list[PhaseMention]:
    """Every phase in the headline and paragraphs, in reading order, classified."""
    found: list[PhaseMention] = []
    blocks = ([(-1, doc.title)] if doc.title else []) + list(enumerate(doc.paragraphs))
    for index, block in blocks:
        starts = [s for s, _ in sentences(block)]
        taken = Spans()
        for pattern in _PHASE_PATTERNS:
            for m in pattern.finditer(block.low):
                if taken.overlaps(m.start(), m.end()):
                    continue
                first, last = int(m.group(1)), int(m.group(2))
                if not 1 <= last - first <= 10:
                    continue
                taken.add(m.start(), m.end())
                sentence_start = starts[bisect.bisect_right(starts, m.start()) - 1]
                kind = _classify(block.low, m.start(), sentence_start)
                found.append(PhaseMention(first, last, index, m.start(), kind))
    return sorted(found, key=lambda p: (p.block, p.start))


def program_phase(doc: Document, *, main_event_at: int | None) -> tuple[int, int] | None:
    """The coordination program's phase: in the headline, the first one after the main
    event's keyword (so "Tổng kết … 2016-2020 và ký kết … 2021-2025" gives 2016–2020);
    else the first coordination phase of the article; else a phase the headline or lead
    paragraph gives without naming another program."""
    found = phases(doc)
    coordination = [p for p in found if p.kind == COORDINATION]
    in_title = [p for p in coordination if p.block == -1 and p.start >= (main_event_at or 0)]
    chosen = (in_title or coordination or [p for p in found if p.kind == NEUTRAL and p.block <= 0] or [None])[
        0
    ]
    return None if chosen is None else (chosen.start_year, chosen.end_year)
