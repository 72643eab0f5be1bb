"""`extract()`: the record an article describes, from the parts the other modules read.

The main event is the one the headline names first (its earliest event keyword: "Tổng kết
… và ký kết …" is a final review); without one in the headline, the first in the lead
paragraph. Its kind follows the keyword: "ký kết" signing, "sơ kết" interim review, "tổng
kết" final review, "tập huấn"/"bồi dưỡng" training, "giám sát"/"kiểm tra" monitoring visit,
"biểu dương"/"tuyên dương"/"khen thưởng"/"tôn vinh" commendation; none of them: "other"
(a visit with gifts, a conference on a strategy, a consultation on a draft).

It is a coordination-program event when the headline or the lead paragraph names a
coordination program (chương trình phối hợp / liên tịch, kế hoạch phối hợp); an article
that names one only further down (a six-month review that mentions programs signed) is
not. Phase and content areas are the coordination program's, so they stay empty for
other events; agencies, people, date and province are the event's either way.
"""

from __future__ import annotations

import datetime as dt
import re

from phoihop.news.extraction import agencies, dates
from phoihop.news.extraction.document import Document, is_vietnamese, lower, normalize, parse, sentences
from phoihop.news.extraction.lists import CONTENT_AREA_RES, CONTENT_AREAS, COORDINATION_RE, EVENT_RE
from phoihop.news.extraction.people import people
from phoihop.news.extraction.sources import check_text

FIELDS = (
    "event_type",
    "is_coordination_program_event",
    "event_date",
    "province",
    "lead_agency",
    "partner_agencies",
    "phase_start",
    "phase_end",
    "people",
    "content_areas",
)


def empty_result() -> dict:
    return {
        "event_type": "other",
        "is_coordination_program_event": False,
        "event_date": None,
        "province": None,
        "lead_agency": None,
        "partner_agencies": [],
        "phase_start": None,
        "phase_end": None,
        "people": [],
        "content_areas": [],
    }


def main_event(doc: Document) -> tuple[str, int | None]:
    """(event type, position of its keyword in the headline or None)."""
    if doc.title is not None:
        m = EVENT_RE.search(doc.title.low)
        if m:
            return m.lastgroup, m.start()
    if doc.lead is not None:
        start, end = sentences(doc.lead)[0]
        for m in EVENT_RE.finditer(doc.lead.low, start, end):
            if not re.search(
                r"(?:^|\s)(?:se|du kien|sap|chuan bi)\s+$",
                doc.lead.low[max(start, m.start() - 12) : m.start()],
            ):
                return m.lastgroup, None
    return "other", None


def is_coordination(doc: Document) -> bool:
    return any(COORDINATION_RE.search(b.low) for b in (doc.title, doc.lead) if b is not None)


# --- content areas --------------------------------------------------------------------------

_OTHER_PROGRAM_NAME = re.compile(
    r"chương trình mục tiêu quốc gia[^.;]{0,160}?(?:giai đoạn \d{4}\s*[-–]\s*\d{4}|(?=[.;(])|$)|"
    r"chương trình mtqg[^.;,]{0,120}?(?:giai đoạn \d{4}\s*[-–]\s*\d{4}|\d{4}|(?=[.;,(])|$)"
)
# A goal: "nhằm …" to the end of its clause, or of its sentence when the sentence opens on
# it ("Chương trình phối hợp nhằm mục tiêu …; góp phần …; …"); "mục tiêu là …".
_PURPOSE_OPENING = re.compile(r"^[^.;]{0,80}?\bnhằm\b.*", re.DOTALL)
_PURPOSE = re.compile(
    r"\bnhằm\b[^.;]*|\b(?:với|có) mục (?:tiêu|đích)\b[^.;]*|\bmục (?:tiêu|đích) (?:là|chung|cụ thể)\b[^.;]*"
)
_SECONDARY = re.compile(r"^\W*(?:trước đó|trước đây|cùng ngày|cũng trong|tiếp đó|sau đó)\b")


def _blank(text: str, spans) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def content_areas(doc: Document, masks: dict[int, list[tuple[int, int]]]) -> list[str]:
    """The vocabulary's areas the headline and paragraphs name as the program's work, with
    agency names, people's titles, other programs' names, goals ("nhằm …", "mục tiêu …") and
    sentences about another event ("Trước đó, …") left out; in the vocabulary's order."""
    found: set[str] = set()
    for i, block in enumerate(doc.blocks()):
        text = _blank(lower(block.text), masks.get(i, []))
        for start, end in sentences(block):
            sentence = text[start:end]
            if _SECONDARY.search(sentence):
                continue
            sentence = _OTHER_PROGRAM_NAME.sub(" ", sentence)
            sentence = _PURPOSE.sub(" ", _PURPOSE_OPENING.sub(" ", sentence))
            found.update(name for name, pattern in CONTENT_AREA_RES if pattern.search(sentence))
    return [name for name, _ in CONTENT_AREAS if name in found]


# --- the whole --------------------------------------------------------------------------------


def extract(text: str, *, published_on: dt.date | None = None) -> dict:
    """The record the article describes (keys: `FIELDS`), JSON-ready. Raises
    ExtractionInputError for text too large or binary (`check_text`)."""
    check_text(text)
    result = empty_result()
    text = normalize(text)
    if not is_vietnamese(text):
        return result
    doc = parse(text)
    if doc.title is None and not doc.paragraphs:
        return result

    event_type, keyword_at = main_event(doc)
    coordination = is_coordination(doc)
    all_blocks = doc.blocks(captions=True)
    found_people, person_spans = people(all_blocks)
    found = agencies.parties(doc, person_spans)
    phase = dates.program_phase(doc, main_event_at=keyword_at) if coordination else None

    when = dates.event_date(doc)
    event_date = None
    if when is not None:
        year = when.year or dates.infer_year(
            when, published=published_on or doc.published, event_type=event_type, phase=phase
        )
        event_date = when.iso(year)

    masks = {
        i: person_spans.get(i, []) + [(a.start, a.end) for a in found.mentions.get(i, [])]
        for i in range(len(doc.blocks()))
    }
    result.update(
        event_type=event_type,
        is_coordination_program_event=coordination,
        event_date=event_date,
        province=agencies.province(doc, found, person_spans),
        lead_agency=found.lead.name if found.lead else None,
        partner_agencies=[a.name for a in found.partners],
        phase_start=phase[0] if phase else None,
        phase_end=phase[1] if phase else None,
        people=found_people,
        content_areas=content_areas(doc, masks) if coordination else [],
    )
    return result
