"""Writes to programs and their parts. Every function validates everything before it
writes, writes in one transaction, and records who did it in the history."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from phoihop.agencies.models import Agency
from phoihop.core import history
from phoihop.core.text import fold, nfc
from phoihop.core.uploads import check_upload, safe_filename
from phoihop.programs import rules
from phoihop.programs.models import (
    Comment,
    ContentArea,
    Document,
    Party,
    Program,
    Role,
    Scope,
    Status,
)
from phoihop.reference.models import AdministrativeUnit, UnitLevel

MIN_YEAR, MAX_YEAR = 1945, 2100


@dataclass
class PartyInput:
    agency: Agency
    role: str
    signatory_name: str = ""
    signatory_title: str = ""
    focal_officer: object = None


@dataclass
class ContentAreaInput:
    number: int
    title: str
    description: str = ""
    responsible_agency: Agency | None = None


@dataclass
class ProgramInput:
    title: str
    phase_start: int
    phase_end: int
    scope: str = Scope.PROVINCE
    province: AdministrativeUnit | None = None
    document_number: str = ""
    document_date: dt.date | None = None
    summary: str = ""
    objectives: list[str] = field(default_factory=list)
    mechanism: str = ""
    parent: Program | None = None
    parties: list[PartyInput] = field(default_factory=list)
    content_areas: list[ContentAreaInput] = field(default_factory=list)


def _validate(data: ProgramInput, *, program: Program | None) -> None:
    """All checks on a program and its parts, reported together, field by field."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not (data.title or "").strip():
        add("title", "Nhập tên chương trình.")
    for key in ("phase_start", "phase_end"):
        year = getattr(data, key)
        if year is None or not (MIN_YEAR <= int(year) <= MAX_YEAR):
            add(key, f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}.")
    if (
        "phase_start" not in errors
        and "phase_end" not in errors
        and int(data.phase_end) < int(data.phase_start)
    ):
        add("phase_end", "Năm kết thúc giai đoạn không được trước năm bắt đầu.")
    if data.scope not in Scope.values:
        add("scope", "Phạm vi không hợp lệ.")
    if data.scope == Scope.PROVINCE and data.province is None:
        add("province", "Chương trình cấp tỉnh phải có tỉnh/thành phố.")
    if data.province is not None and data.province.level != UnitLevel.PROVINCE:
        add("province", "Đơn vị đã chọn không phải tỉnh/thành phố.")

    leads = [p for p in data.parties if p.role == Role.LEAD]
    if len(leads) == 0:
        add("parties", "Chương trình phải có một cơ quan chủ trì.")
    elif len(leads) > 1:
        add("parties", "Chương trình chỉ có một cơ quan chủ trì; đang có " + str(len(leads)) + ".")
    if any(p.role not in Role.values for p in data.parties):
        add("parties", "Vai trò của bên ký kết phải là chủ trì hoặc phối hợp.")
    agency_ids = [p.agency.pk for p in data.parties]
    duplicated = {a for a in agency_ids if agency_ids.count(a) > 1}
    if duplicated:
        names = ", ".join(sorted({p.agency.name for p in data.parties if p.agency.pk in duplicated}))
        add("parties", f"Một cơ quan chỉ được ghi một lần: {names}.")

    numbers = [c.number for c in data.content_areas]
    if any(n is None or int(n) < 1 for n in numbers):
        add("content_areas", "Số thứ tự nội dung phải là số nguyên dương.")
    elif len(set(numbers)) != len(numbers):
        add("content_areas", "Số thứ tự các nội dung phối hợp bị trùng.")
    if any(not (c.title or "").strip() for c in data.content_areas):
        add("content_areas", "Mỗi nội dung phối hợp phải có tên.")
    for c in data.content_areas:
        if c.responsible_agency is not None and c.responsible_agency.pk not in agency_ids:
            add(
                "content_areas",
                f"Nội dung {c.number}: cơ quan chủ trì «{c.responsible_agency.name}» không phải bên ký kết.",
            )

    if len(leads) == 1:
        try:
            _check_document_number(data.document_number, leads[0].agency, program=program)
        except ValidationError as exc:
            errors.setdefault("document_number", []).extend(exc.message_dict["document_number"])

    first_day, last_day = _phase_bounds(data)
    if first_day is not None:
        for p in data.parties:
            agency = p.agency
            if (agency.valid_to and agency.valid_to < first_day) or (
                agency.valid_from and agency.valid_from > last_day
            ):
                add(
                    "parties",
                    f"«{agency.name}» không hoạt động trong giai đoạn {data.phase_start}–{data.phase_end}"
                    + (f" (đã được thay bằng «{agency.successor.name}»)." if agency.successor_id else "."),
                )

    if errors:
        raise ValidationError(errors)


def _phase_bounds(data: ProgramInput) -> tuple[dt.date | None, dt.date | None]:
    try:
        return dt.date(int(data.phase_start), 1, 1), dt.date(int(data.phase_end), 12, 31)
    except (TypeError, ValueError):
        return None, None


def _lead_agency(program: Program) -> Agency | None:
    party = next((p for p in program.parties.all() if p.role == Role.LEAD), None)
    return party.agency if party else None


def _check_document_number(number: str, lead: Agency | None, *, program: Program | None) -> None:
    """A lead agency does not give the same number to two live programs."""
    number = nfc(number or "").strip()
    if not number or lead is None:
        return
    clash = Program.objects.alive().filter(
        document_number__iexact=number, parties__role=Role.LEAD, parties__agency=lead
    )
    if program is not None and program.pk:
        clash = clash.exclude(pk=program.pk)
    if clash.exists():
        raise ValidationError(
            {
                "document_number": [
                    f"Số, ký hiệu «{number}» đã được cơ quan chủ trì dùng cho chương trình khác."
                ]
            }
        )


def _check_lead_is_own_agency(data: ProgramInput, by) -> None:
    if by.is_superuser:
        return
    leads = [p for p in data.parties if p.role == Role.LEAD]
    if leads and leads[0].agency.pk != by.agency_id:
        raise ValidationError({"parties": ["Cơ quan chủ trì phải là cơ quan của bạn."]})


def _apply_fields(program: Program, data: ProgramInput) -> None:
    program.title = data.title
    program.phase_start = int(data.phase_start)
    program.phase_end = int(data.phase_end)
    program.scope = data.scope
    program.province = data.province
    program.document_number = data.document_number or ""
    program.document_date = data.document_date
    program.summary = data.summary or ""
    program.objectives = [nfc(o).strip() for o in data.objectives if o and o.strip()]
    program.mechanism = data.mechanism or ""
    program.parent = data.parent


def _sync_parts(program: Program, data: ProgramInput, by) -> None:
    existing = {p.agency_id: p for p in program.parties.all()}
    wanted = set()
    for order, item in enumerate(data.parties):
        party = existing.get(item.agency.pk) or Party(program=program, agency=item.agency)
        party.role = item.role
        party.signatory_name = item.signatory_name or ""
        party.signatory_title = item.signatory_title or ""
        party.focal_officer = item.focal_officer
        party.order = order
        party.full_clean(validate_unique=False, validate_constraints=False)
        history.save(party, by=by)
        wanted.add(item.agency.pk)
    for agency_id, party in existing.items():
        if agency_id not in wanted:
            history.delete(party, by=by)

    areas = {c.number: c for c in program.content_areas.all()}
    numbers = set()
    for item in data.content_areas:
        area = areas.get(int(item.number)) or ContentArea(program=program, number=int(item.number))
        area.title = item.title
        area.description = item.description or ""
        area.responsible_agency = item.responsible_agency
        area.full_clean(validate_unique=False, validate_constraints=False)
        history.save(area, by=by)
        numbers.add(int(item.number))
    for number, area in areas.items():
        if number not in numbers:
            history.delete(area, by=by)


def program_create(*, data: ProgramInput, by) -> Program:
    """Create a draft program with its parties and content areas.

    Checks permission (staff of some agency, or administrator; the lead must be the
    creator's own agency unless administrator) and every rule in `_validate`; writes
    the program, parties and content areas in one transaction; history records `by`.
    """
    if not rules.can_create_program(by):
        raise PermissionDenied("Bạn không có quyền tạo chương trình.")
    _validate(data, program=None)
    _check_lead_is_own_agency(data, by)
    program = Program(status=Status.DRAFT, created_by=by if by.is_authenticated else None)
    _apply_fields(program, data)
    program.full_clean()
    with transaction.atomic():
        history.save(program, by=by, reason="Tạo mới")
        _sync_parts(program, data, by)
    return program


def program_update(*, program: Program, data: ProgramInput, by) -> Program:
    """Replace a program's fields, parties and content areas with `data`.

    Only lead staff or administrators. Parts are matched by agency (parties) and number
    (content areas): kept ones are updated, missing ones deleted, new ones created, each
    change in the history.
    """
    if not rules.can_edit_program(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì được sửa chương trình.")
    _validate(data, program=program)
    _check_lead_is_own_agency(data, by)
    _apply_fields(program, data)
    program.full_clean()
    with transaction.atomic():
        history.save(program, by=by, reason="Sửa")
        _sync_parts(program, data, by)
    return program


def _transition(program: Program, *, by, allowed_from: tuple[str, ...], to: str, message: str, reason: str):
    if not rules.can_edit_program(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì được thực hiện thao tác này.")
    if program.status not in allowed_from:
        raise ValidationError({"status": [message.format(status=program.get_status_display())]})
    program.status = to
    program.full_clean()
    with transaction.atomic():
        history.save(program, by=by, reason=reason)
    return program


def program_sign(*, program: Program, signed_on: dt.date, by) -> Program:
    """Mark a draft program as signed on `signed_on` (draft → signed). Only lead staff or
    administrators; the signing date may not be in the future nor after the phase ends."""
    if not rules.can_edit_program(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì được thực hiện thao tác này.")
    errors = {}
    if signed_on is None:
        errors["signed_on"] = ["Nhập ngày ký."]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = ["Ngày ký không được ở tương lai."]
    elif signed_on.year > program.phase_end:
        errors["signed_on"] = ["Ngày ký không được sau khi giai đoạn đã kết thúc."]
    if errors:
        raise ValidationError(errors)
    program.signed_on = signed_on
    return _transition(
        program,
        by=by,
        allowed_from=(Status.DRAFT,),
        to=Status.SIGNED,
        message="Chỉ ký được chương trình đang dự thảo (hiện: {status}).",
        reason="Ký kết",
    )


def program_activate(*, program: Program, by) -> Program:
    """signed → active: implementation has started."""
    return _transition(
        program,
        by=by,
        allowed_from=(Status.SIGNED,),
        to=Status.ACTIVE,
        message="Chỉ triển khai được chương trình đã ký (hiện: {status}).",
        reason="Triển khai",
    )


def program_close(*, program: Program, by) -> Program:
    """signed or active → closed: the program has ended."""
    return _transition(
        program,
        by=by,
        allowed_from=(Status.SIGNED, Status.ACTIVE),
        to=Status.CLOSED,
        message="Chỉ kết thúc được chương trình đã ký hoặc đang thực hiện (hiện: {status}).",
        reason="Kết thúc",
    )


def program_delete(*, program: Program, by) -> Program:
    """Mark a program deleted. It disappears from lists and pages but stays in the database
    with its parts, and program_restore brings it back."""
    if not rules.can_edit_program(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì được xóa chương trình.")
    program.deleted_at = timezone.now()
    with transaction.atomic():
        history.save(program, by=by, reason="Xóa")
    return program


def program_restore(*, program: Program, by) -> Program:
    """Bring back a deleted program as it was."""
    if not rules.can_edit_program(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì được khôi phục chương trình.")
    _check_document_number(program.document_number, _lead_agency(program), program=program)
    program.deleted_at = None
    with transaction.atomic():
        history.save(program, by=by, reason="Khôi phục")
    return program


def document_add(
    *,
    program: Program,
    by,
    number: str,
    date: dt.date,
    type: str,  # noqa: A002 - the document's type, as in the domain
    issuer: Agency,
    title: str = "",
    upload=None,
) -> Document:
    """Attach a document (number/symbol, date, type, issuer, optional file) to a program.

    The file is checked by its content (PDF, DOCX, XLSX, JPEG, PNG; at most the upload
    limit) and stored under the private media root, never under static files. A number
    already used by the same issuer is refused.
    """
    if not rules.can_edit_program(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì được thêm văn bản.")
    document = Document(program=program, number=number, date=date, type=type, issuer=issuer, title=title)
    document.uploaded_by = by if by.is_authenticated else None
    errors = {}
    kind = None
    if upload is not None:
        try:
            kind = check_upload(upload)
        except ValidationError as exc:
            errors["file"] = exc.messages
    try:
        document.full_clean(exclude=["file"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if (
        not errors.get("number")
        and Document.objects.filter(issuer=issuer, number__iexact=document.number).exists()
    ):
        errors.setdefault("number", []).append(
            f"Văn bản số «{document.number}» của {issuer.name} đã có trong hệ thống."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if upload is not None and kind is not None:
            document.content_type = kind.mime
            document.size = upload.size
            document.file.save(safe_filename(upload.name, kind), upload, save=False)
        history.save(document, by=by, reason="Thêm văn bản")
    return document


def comment_add(*, program: Program, by, body: str) -> Comment:
    """A party's officer leaves a remark on a program."""
    if not rules.can_comment_program(by, program):
        raise PermissionDenied("Chỉ cán bộ các bên ký kết được góp ý.")
    comment = Comment(program=program, author=by, body=body)
    if not fold(body):
        raise ValidationError({"body": ["Nhập nội dung góp ý."]})
    comment.full_clean()
    comment.save()
    return comment


def province_from_code(code: str | None) -> AdministrativeUnit | None:
    """Resolve a province code (current units first, then legacy) or raise a field error."""
    if not code:
        return None
    unit = (
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, code=code)
        .order_by("era")  # "current" sorts before "legacy"
        .first()
    )
    if unit is None:
        raise ValidationError({"province_code": [f"Không có tỉnh/thành phố mã «{code}»."]})
    return unit
