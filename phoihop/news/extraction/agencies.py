"""Agencies named in the article, the program's parties, and the province.

Agency names are recognised from the curated patterns of `lists.AGENCY_PATTERNS` and
given in their canonical form (see the package docstring); the words after a name that
place it ("tỉnh", "thành phố", "chi nhánh tỉnh Kiên Giang", "Cần Thơ") are read as its
province. Agencies inside a person's title ("Trưởng Ban Dân tộc tỉnh") or after "tại"
(the venue: "tại Hội trường Ban Dân tộc tỉnh") are not parties.

Parties, first found wins:
1. the list after "giữa" that follows a coordination program's name ("Chương trình phối
   hợp giữa A với B, C và D"), in the headline, then the lead paragraph, then anywhere:
   A leads, the others are partners;
2. the headline when it names two agencies or more ("A, B và C ký kết chương trình …");
3. the first sentence of the lead paragraph that names an agency ("A phối hợp với B tổ
   chức …", "A ký kết … với B và C", "đoàn công tác của A …"): the first named leads;
4. the headline's single agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from phoihop.news.extraction.document import Block, Document, Spans, sentences
from phoihop.news.extraction.lists import (
    AGENCY_PATTERNS,
    AGENCY_RE,
    AGENCY_START_RE,
    AGENCY_SUFFIX_RE,
    CENTRAL_FAMILIES,
    COORDINATION_RE,
    PROVINCE_RE,
    province_name,
)


@dataclass(frozen=True)
class AgencyMention:
    name: str
    family: str
    start: int
    end: int  # after its place words
    province: str | None


def agency_mentions(block: Block, *, skip: list[tuple[int, int]] = ()) -> list[AgencyMention]:
    found, skipped, after = [], Spans(skip), 0
    # Trying the long alternation only where an agency's first word starts is ten times faster
    # than letting it scan every position of a long text.
    for anchor in AGENCY_START_RE.finditer(block.low):
        if anchor.start() < after:
            continue
        m = AGENCY_RE.match(block.low, anchor.start())
        if m is None:
            continue
        after = m.end()
        if skipped.contains(m.start()):
            continue
        before = block.low[max(0, m.start() - 40) : m.start()]
        # The venue ("tại Hội trường Ban Dân tộc tỉnh") and an anniversary ("nhân kỷ niệm
        # ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam") name agencies that are not parties.
        if re.search(
            r"(?:^|\s)tai(?: (?:hoi truong|tru so|tru so lam viec))?\s*$|thanh lap\s*$|ky niem\s*$", before
        ):
            continue
        pattern = AGENCY_PATTERNS[int(m.lastgroup[1:])]
        name = pattern.canonical
        if "{uy}" in name:
            name = name.format(uy="Thành ủy" if "thanh uy" in m.group() else "Tỉnh ủy")
        elif "{level}" in name:
            name = name.format(level="thành phố" if "thanh pho" in m.group() else "tỉnh")
        suffix = AGENCY_SUFFIX_RE.match(block.low, m.end())
        province = province_name(suffix.group(1)) if suffix and suffix.group(1) else None
        found.append(
            AgencyMention(name, pattern.family, m.start(), suffix.end() if suffix else m.end(), province)
        )
    return found


_LIST_END = re.compile(
    r"giai doan|\(|\.(?:\s|$)|;|:|tu nam|(?:,\s*)?nam (?:19|20)\d\d|\b(?:nham|ve|tai|tren|da|duoc|theo|trong)\b"
)


def _between_list(block: Block, mentions: list[AgencyMention]) -> list[AgencyMention]:
    for program in COORDINATION_RE.finditer(block.low):
        giua = re.compile(r"[^.;]{0,120}?\bgiua\s").match(block.low, program.end())
        if giua is None:
            continue
        stop = _LIST_END.search(block.low, giua.end())
        end = stop.start() if stop else len(block.low)
        listed = [a for a in mentions if giua.end() <= a.start < end]
        if listed:
            return listed
    return []


def _unique(mentions: list[AgencyMention]) -> list[AgencyMention]:
    seen, out = set(), []
    for a in mentions:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


@dataclass
class Parties:
    lead: AgencyMention | None
    partners: list[AgencyMention]
    mentions: dict[int, list[AgencyMention]]  # by block index in doc.blocks()


def parties(doc: Document, person_spans: dict[int, list[tuple[int, int]]]) -> Parties:
    """The program's (or, for another event, the organisers') agencies: see the module."""
    blocks = doc.blocks()
    mentions = {i: agency_mentions(b, skip=person_spans.get(i, [])) for i, b in enumerate(blocks)}
    title_i = 0 if doc.title else None
    lead_i = 1 if doc.title else 0
    order = [i for i in (title_i, lead_i) if i is not None and i < len(blocks)]
    order += [i for i in range(len(blocks)) if i not in order]
    chosen: list[AgencyMention] = []
    for i in order:
        chosen = _between_list(blocks[i], mentions[i])
        if chosen:
            break
    if not chosen and title_i is not None and len(_unique(mentions[title_i])) >= 2:
        chosen = mentions[title_i]
    if not chosen and lead_i < len(blocks) and mentions[lead_i]:
        # The agencies of the lead paragraph's first sentence that names one.
        first = mentions[lead_i][0].start
        spans = sentences(blocks[lead_i])
        start, end = next(((s, e) for s, e in spans if s <= first < e), (0, len(blocks[lead_i].text)))
        chosen = [a for a in mentions[lead_i] if start <= a.start < end]
    if not chosen and title_i is not None:
        chosen = mentions[title_i]
    chosen = _unique(chosen)
    if not chosen:
        return Parties(None, [], mentions)
    return Parties(chosen[0], chosen[1:], mentions)


def province(doc: Document, found: Parties, person_spans: dict[int, list[tuple[int, int]]]) -> str | None:
    """The province: none for a program of central agencies only; else the lead agency's
    own place when the article gives it; else the province named most in the headline and
    paragraphs (after an agency's name or "tỉnh"/"thành phố" counting 3, after the headline's
    start 2, anywhere else 1)."""
    parties_all = ([found.lead] if found.lead else []) + found.partners
    if parties_all and all(a.family in CENTRAL_FAMILIES for a in parties_all):
        return None
    lead_places = [
        a.province
        for block_mentions in found.mentions.values()
        for a in block_mentions
        if found.lead and a.name == found.lead.name and a.province
    ]
    if lead_places:
        return lead_places[0]
    scores: dict[str, int] = {}
    for i, block in enumerate(doc.blocks()):
        agency_ends = {a.end for a in found.mentions.get(i, [])}
        in_people = Spans(person_spans.get(i, []))
        for m in PROVINCE_RE.finditer(block.low):
            if in_people.contains(m.start()):
                continue
            if not block.text[m.start()].isupper():
                continue
            name = province_name(m.group(1))
            before = block.low[max(0, m.start() - 12) : m.start()]
            weight = 1
            if re.search(r"(?:tinh|thanh pho|tp\.?)\s$", before) or m.end() in agency_ends:
                weight = 3
            elif i == 0 and doc.title is not None and m.start() == 0:
                weight = 2
            scores[name] = scores.get(name, 0) + weight
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: kv[1])[0]
