"""Turning an old article into records. The extraction engine (news.extraction) proposes;
a person (the confirm page) or the import command decides; `article_import` writes.

What is written for the event the article describes:
- a signing: the program (matched if the user's visible programs already hold one with the
  same lead agency and phase, else created with its parties and content areas) signed on
  the event's date;
- an interim or final review: the program (matched, or created and signed on the date the
  person gives: articles rarely say it) and a review of that kind, its conference on the
  event's date, the first person named as chair and the others as attendees; held when the
  place is known, else a draft to complete;
- a training, monitoring visit or commendation: the program (likewise) and a draft
  activity of that kind organised by the lead with the partners as co-organisers;
- anything else (or an event that is not a coordination program's): the article alone.
The article keeps the original text and a key of it, so importing the same text again
changes nothing and answers with what the first import made."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from phoihop.agencies.models import Agency
from phoihop.core.text import fold
from phoihop.news import rules
from phoihop.news.html import paragraphs_html
from phoihop.news.models import Article, Topic
from phoihop.programs.models import Program, Role
from phoihop.reference.models import REFORM_DATE, AdministrativeUnit

EVENT_TYPES = {
    "signing": "Ký kết chương trình phối hợp",
    "interim_review": "Sơ kết chương trình",
    "final_review": "Tổng kết chương trình",
    "training": "Tập huấn, bồi dưỡng",
    "monitoring_visit": "Giám sát, kiểm tra",
    "commendation": "Biểu dương, khen thưởng",
    "other": "Sự kiện khác, hoặc không phải của chương trình phối hợp",
}
REVIEW_KINDS = {"interim_review": "interim", "final_review": "final"}
ACTIVITY_KINDS = {
    "training": "training",
    "monitoring_visit": "monitoring_visit",
    "commendation": "commendation",
}
TOPICS = {
    "signing": Topic.COORDINATION,
    "interim_review": Topic.REVIEW,
    "final_review": Topic.REVIEW,
    "commendation": Topic.EXEMPLAR,
}


@dataclass
class Proposal:
    """The record as the person confirmed it (the extraction, corrected)."""

    text: str
    title: str
    event_type: str = "other"
    is_program_event: bool = False
    event_date: dt.date | None = None
    province: AdministrativeUnit | None = None
    lead_agency: Agency | None = None
    partner_agencies: list[Agency] = field(default_factory=list)
    phase_start: int | None = None
    phase_end: int | None = None
    signed_on: dt.date | None = None
    place: str = ""
    people: list[tuple[str, str]] = field(default_factory=list)
    content_areas: list[str] = field(default_factory=list)
    published_on: dt.date | None = None
    source_name: str = ""
    publish: bool = False


@dataclass
class ImportResult:
    article: Article
    program: Program | None = None
    program_created: bool = False
    review: object = None
    activity: object = None
    duplicate: bool = False

    @property
    def created(self) -> list[str]:
        """What this import wrote, in words, for messages and the command's report."""
        if self.duplicate:
            return []
        made = ["tin bài"]
        if self.program_created:
            made.append("chương trình")
        if self.review is not None:
            made.append("kỳ sơ kết, tổng kết")
        if self.activity is not None:
            made.append("hoạt động")
        return made


def source_key(text: str) -> str:
    """The same article pasted again (other spacing, NFD, old tone marks) has the same key."""
    return hashlib.sha256(fold(text).encode()).hexdigest()


def creates_records(p: Proposal) -> bool:
    return p.is_program_event and p.event_type in (*REVIEW_KINDS, *ACTIVITY_KINDS, "signing")


def validate_proposal(p: Proposal) -> None:
    """Every rule a proposal must follow before anything is written, each at its field."""
    errors: dict[str, list[str]] = {}

    def add(key, message):
        errors.setdefault(key, []).append(message)

    if not (p.title or "").strip():
        add("title", "Nhập tiêu đề tin bài.")
    if p.event_type not in EVENT_TYPES:
        add("event_type", "Chọn loại sự kiện trong danh sách.")
    if creates_records(p):
        if p.lead_agency is None:
            add("lead_agency", "Chọn cơ quan chủ trì chương trình.")
        if p.event_date is None:
            add("event_date", "Nhập ngày diễn ra sự kiện (bài viết không ghi đủ ngày, tháng, năm).")
        if p.phase_start is None:
            add("phase_start", "Nhập năm bắt đầu giai đoạn của chương trình.")
        if p.phase_end is None:
            add("phase_end", "Nhập năm kết thúc giai đoạn của chương trình.")
        if p.phase_start and p.phase_end and p.phase_start > p.phase_end:
            add("phase_end", "Năm kết thúc giai đoạn không được trước năm bắt đầu.")
        if p.lead_agency is not None and p.lead_agency in p.partner_agencies:
            add("partner_agencies", "Cơ quan chủ trì không ghi lại ở cơ quan phối hợp.")
    if errors:
        raise ValidationError(errors)


def _program_for(p: Proposal, by) -> Program | None:
    """A program the user may see with this lead agency and phase (and these partners,
    when several qualify)."""
    qs = (
        Program.objects.visible_to(by)
        .filter(
            phase_start=p.phase_start,
            phase_end=p.phase_end,
            parties__agency=p.lead_agency,
            parties__role=Role.LEAD,
        )
        .prefetch_related("parties")
        .order_by("id")
    )
    candidates = list(qs)
    wanted = {a.pk for a in p.partner_agencies}
    for program in candidates:
        if wanted <= {party.agency_id for party in program.parties.all()}:
            return program
    return candidates[0] if candidates else None


def _current_province(unit: AdministrativeUnit | None) -> AdministrativeUnit | None:
    """Programs are filed under today's provinces: a legacy province goes to its successor
    (the one most of it went to, the first when several)."""
    if unit is None or unit.era == "current":
        return unit
    return unit.successors.filter(era="current").order_by("code").first()


def _unit_on(unit: AdministrativeUnit | None, day: dt.date | None) -> AdministrativeUnit | None:
    """The province as it was on `day`: an activity before 1 July 2025 is filed under a
    legacy province (the same-named one, else the first that became this one)."""
    if unit is None or day is None:
        return unit
    if day < REFORM_DATE and unit.era == "current":
        same = AdministrativeUnit.objects.filter(
            level="province", era="legacy", search_text=unit.search_text
        ).first()
        return same or unit.predecessors.filter(era="legacy").order_by("code").first()
    if day >= REFORM_DATE and unit.era == "legacy":
        return _current_province(unit)
    return unit


def _renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return ValidationError({"__all__": exc.messages})
    out: dict[str, list[str]] = {}
    for key, messages in exc.message_dict.items():
        out.setdefault(names.get(key, "__all__"), []).extend(messages)
    return ValidationError(out)


PROGRAM_FIELDS = {
    "parties": "lead_agency",
    "phase_start": "phase_start",
    "phase_end": "phase_end",
    "province": "province",
    "signed_on": "signed_on",
    "title": "title",
}


def _create_program(p: Proposal, by) -> Program:
    from phoihop.programs import services as program_services
    from phoihop.programs.services import ContentAreaInput, PartyInput, ProgramInput

    partners = ", ".join(a.name for a in p.partner_agencies)
    title = f"Chương trình phối hợp giữa {p.lead_agency.name}"
    title += f" và {partners}" if partners else ""
    title += f" giai đoạn {p.phase_start}–{p.phase_end}"
    data = ProgramInput(
        title=title[:500],
        phase_start=p.phase_start,
        phase_end=p.phase_end,
        province=_current_province(p.province),
        summary="Tạo từ tin bài cũ: " + (p.title or "")[:400],
        parties=[
            PartyInput(agency=p.lead_agency, role=Role.LEAD),
            *(PartyInput(agency=a, role=Role.PARTNER) for a in p.partner_agencies),
        ],
        content_areas=[ContentAreaInput(number=n, title=t) for n, t in enumerate(p.content_areas, start=1)],
    )
    try:
        return program_services.program_create(data=data, by=by)
    except ValidationError as exc:
        raise _renamed(exc, PROGRAM_FIELDS) from None


def _sign(program: Program, on: dt.date | None, by, field_name: str) -> Program:
    from phoihop.programs import services as program_services

    if on is None:
        raise ValidationError(
            {
                field_name: [
                    "Chương trình chưa ký kết trong hệ thống: nhập ngày ký chương trình (bài viết không ghi)."
                ]
            }
        )
    try:
        return program_services.program_sign(program=program, signed_on=on, by=by)
    except ValidationError as exc:
        raise _renamed(exc, {"signed_on": field_name, "status": field_name}) from None


def _review(p: Proposal, program: Program, by):
    from phoihop.reviews import services as review_services
    from phoihop.reviews.services import AttendeeInput, ReviewInput

    chair, *others = p.people or [("", "")]
    data = ReviewInput(
        kind=REVIEW_KINDS[p.event_type],
        period_start=dt.date(program.phase_start, 1, 1),
        period_end=p.event_date,
        conference_date=p.event_date,
        place=p.place,
        chair_name=chair[0],
        chair_title=chair[1] or "",
        attendees=[AttendeeInput(name=name, title=title or "") for name, title in others],
    )
    names = {
        "period_start": "event_date",
        "period_end": "event_date",
        "conference_date": "event_date",
        "place": "place",
    }
    try:
        review = review_services.review_create(program=program, data=data, by=by)
        # The conference took place; without its place the review stays a draft to complete.
        return review_services.review_hold(review=review, by=by) if p.place else review
    except ValidationError as exc:
        raise _renamed(exc, names) from None


def _activity(p: Proposal, program: Program, by):
    from phoihop.activities import services as activity_services
    from phoihop.activities.services import ActivityInput, LocalityInput

    unit = _unit_on(p.province, p.event_date)
    localities = [LocalityInput(unit=unit, written=p.province.name)] if unit else []
    data = ActivityInput(
        kind=ACTIVITY_KINDS[p.event_type],
        title=p.title[:500],
        start_date=p.event_date,
        end_date=p.event_date,
        organiser=p.lead_agency,
        co_organisers=list(p.partner_agencies),
        localities=localities,
        description="Tạo từ tin bài cũ; bổ sung số người tham gia, kinh phí trước khi gửi.",
    )
    names = {
        "start_date": "event_date",
        "end_date": "event_date",
        "organiser": "lead_agency",
        "co_organisers": "partner_agencies",
        "localities": "province",
        "program": "signed_on",
    }
    try:
        return activity_services.activity_create(program=program, data=data, by=by)
    except ValidationError as exc:
        raise _renamed(exc, names) from None
    except PermissionDenied as exc:
        raise ValidationError({"lead_agency": [str(exc)]}) from None


@transaction.atomic
def article_import(*, proposal: Proposal, by) -> ImportResult:
    """Write what a confirmed proposal describes (see the module's docstring), all or
    nothing. Raises PermissionDenied unless the user may import (staff, editors,
    administrators), ValidationError at the proposal's fields (a service's errors are
    reported at the field the person can correct)."""
    if not rules.can_import_articles(by):
        raise PermissionDenied(
            "Chỉ cán bộ, biên tập viên các cơ quan và quản trị hệ thống được nhập tin bài cũ."
        )
    key = source_key(proposal.text)
    earlier = Article.objects.visible_to(by).filter(source_key=key).first()
    if earlier is not None:
        return ImportResult(
            article=earlier,
            program=earlier.programs.first(),
            review=earlier.reviews.first(),
            activity=earlier.activities.first(),
            duplicate=True,
        )
    validate_proposal(proposal)
    result = ImportResult(article=None)  # type: ignore[arg-type]
    if creates_records(proposal):
        program = _program_for(proposal, by)
        if program is None:
            program = _create_program(proposal, by)
            result.program_created = True
        if program.status == "draft":
            on = proposal.event_date if proposal.event_type == "signing" else proposal.signed_on
            program = _sign(
                program, on, by, "event_date" if proposal.event_type == "signing" else "signed_on"
            )
        result.program = program
        if proposal.event_type in REVIEW_KINDS:
            result.review = _review(proposal, program, by)
        elif proposal.event_type in ACTIVITY_KINDS:
            result.activity = _activity(proposal, program, by)
    result.article = _article(proposal, result, by, key)
    return result


def _article(p: Proposal, result: ImportResult, by, key: str) -> Article:
    from phoihop.news import services

    data = services.ArticleInput(
        title=p.title,
        body=article_paragraphs(p.text),
        topic=TOPICS.get(p.event_type, Topic.ACTIVITY if p.event_type in ACTIVITY_KINDS else Topic.OTHER),
        programs=[result.program] if result.program else [],
        reviews=[result.review] if result.review else [],
        activities=[result.activity] if result.activity else [],
    )
    article = services.article_new(
        data=data, by=by, source_text=p.text, source_name=p.source_name, source_key=key
    )
    if p.publish and rules.can_edit_article(by, article):
        when = p.published_on or p.event_date or timezone.localdate()
        at = timezone.make_aware(dt.datetime.combine(when, dt.time(8, 0)))
        if at <= timezone.now():
            article = services.article_publish_as_of(article=article, by=by, published_at=at)
    return article


def guess_title(text: str) -> str:
    """The headline of a pasted page as the extraction reads it (site banners and menus
    skipped), cut at 300 characters."""
    from phoihop.news.extraction.document import parse

    doc = parse(text or "")
    if doc.title is not None:
        return doc.title.text[:300]
    return " ".join((text or "").split())[:120]


def article_paragraphs(text: str) -> str:
    """The article's own paragraphs, without banners, menus, captions, "Tin khác" lists and
    counters, as HTML paragraphs (the original stays in source_text)."""
    from phoihop.news.extraction.document import parse

    doc = parse(text or "")
    return paragraphs_html("\n".join(block.text for block in doc.paragraphs))


# Importing a folder (the command) ---------------------------------------------------

FILE_SUFFIXES = (".txt", ".html", ".htm", ".docx")
REPORT_COLUMNS = (
    "file",
    "status",
    "reason",
    "event_type",
    "event_date",
    "province",
    "lead_agency",
    "partner_agencies",
    "phase",
    "article_id",
    "program_id",
    "review_id",
    "activity_id",
)
STATUS_LABELS = {
    "created": "đã tạo",
    "matched": "đã có từ trước",
    "needs_review": "cần người xem",
    "refused": "từ chối",
}


def proposal_from_extraction(
    *, text: str, result: dict, matches: dict, published_on: dt.date | None = None, source_name: str = ""
) -> Proposal:
    """The record as the extraction proposes it, with the agencies and province it matched:
    what the confirm page shows and what the command imports when nothing is left to decide.
    A date without its year is left out (the person gives it)."""
    from phoihop.news.extraction import event_day

    lead = matches.get("lead_agency")
    partners = [m for m in matches.get("partner_agencies") or [] if m]
    return Proposal(
        text=text,
        title=guess_title(text),
        event_type=result.get("event_type") or "other",
        is_program_event=bool(result.get("is_coordination_program_event")),
        event_date=event_day(result),
        province=AdministrativeUnit.objects.filter(pk=matches.get("province_id")).first(),
        lead_agency=Agency.objects.filter(pk=lead["agency_id"]).first()
        if lead and lead["agency_id"]
        else None,
        partner_agencies=list(
            Agency.objects.filter(pk__in=[m["agency_id"] for m in partners if m["agency_id"]])
        ),
        phase_start=result.get("phase_start"),
        phase_end=result.get("phase_end"),
        people=[(p["name"], p.get("title") or "") for p in result.get("people") or []],
        content_areas=list(result.get("content_areas") or []),
        published_on=published_on,
        source_name=source_name,
    )


def _automatic_proposal(
    text: str, result: dict, matches: dict, source_name: str
) -> tuple[Proposal | None, str]:
    """The proposal a person would confirm when the extraction leaves nothing to decide,
    or the reason a person is needed."""
    reasons = []
    proposal = proposal_from_extraction(text=text, result=result, matches=matches, source_name=source_name)
    if creates_records(proposal):
        lead = matches.get("lead_agency")
        partners = [m for m in matches.get("partner_agencies") or [] if m]
        if (result.get("event_date") or "").startswith("????"):
            reasons.append("bài không ghi năm của sự kiện")
        for match in ([lead] if lead else []) + partners:
            if match["is_new"]:
                reasons.append(f"cơ quan «{match['extracted_name']}» chưa có trong danh mục")
    return (None, "; ".join(reasons)) if reasons else (proposal, "")


def import_file(path, *, by, publish: bool = False) -> dict:
    """Read, extract and import one file; the report's row for it. Never raises for a bad
    file: it is reported as refused, or as needing a person, with the reason."""
    from phoihop.news.extraction import ExtractionInputError, extract, match_agencies, read_article_file

    row = {key: "" for key in REPORT_COLUMNS}
    row["file"] = str(path)
    try:
        text = read_article_file(path)
    except ExtractionInputError as exc:
        return row | {"status": "refused", "reason": str(exc)}
    result = extract(text)
    matches = match_agencies(result)
    row |= {
        "event_type": result["event_type"],
        "event_date": result["event_date"] or "",
        "province": result["province"] or "",
        "lead_agency": (matches["lead_agency"] or {}).get("name", ""),
        "partner_agencies": "; ".join(m["name"] for m in matches["partner_agencies"] if m),
        "phase": f"{result['phase_start']}–{result['phase_end']}" if result["phase_start"] else "",
    }
    earlier = Article.objects.visible_to(by).filter(source_key=source_key(text)).first()
    if earlier is not None:
        return row | {"status": "matched", "reason": "đã nhập trước đây", "article_id": earlier.pk}
    proposal, reason = _automatic_proposal(text, result, matches, getattr(path, "name", str(path)))
    if proposal is None:
        return row | {"status": "needs_review", "reason": reason}
    proposal.publish = publish
    try:
        done = article_import(proposal=proposal, by=by)
    except ValidationError as exc:
        messages = (
            [m for ms in exc.message_dict.values() for m in ms]
            if hasattr(exc, "error_dict")
            else exc.messages
        )
        return row | {"status": "needs_review", "reason": " ".join(messages)}
    except PermissionDenied as exc:
        return row | {"status": "refused", "reason": str(exc)}
    note = "đã tạo: " + ", ".join(done.created)
    if not creates_records(proposal):
        note += " (không phải sự kiện của chương trình phối hợp: chỉ lưu tin bài)"
    return row | {
        "status": "created",
        "reason": note,
        "article_id": done.article.pk,
        "program_id": done.program.pk if done.program else "",
        "review_id": done.review.pk if done.review else "",
        "activity_id": done.activity.pk if done.activity else "",
    }


def article_files(folder) -> list:
    """The article files under a folder (sub-folders included), in name order."""
    import pathlib

    root = pathlib.Path(folder)
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in FILE_SUFFIXES)
