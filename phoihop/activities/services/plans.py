"""The parties' annual plans (kế hoạch năm)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from phoihop.activities import rules
from phoihop.activities.models import AnnualPlan, PlanItem
from phoihop.activities.services.activities import KINDS
from phoihop.core import history
from phoihop.programs.models import ContentArea, Program


@dataclass
class PlanItemInput:
    kind: str
    planned_activities: int = 1
    content_area: ContentArea | None = None
    title: str = ""
    planned_participants: int | None = None
    planned_budget_vnd: int | None = None
    quarter: int | None = None


def plan_save(
    *, program: Program, year: int, agency, items: list[PlanItemInput], note: str = "", by
) -> AnnualPlan | None:
    """Set an agency's plan for a year: its items replace the old ones. The agency's own
    staff, the lead agency's staff and administrators may; the year must lie in the phase
    and the agency be a party. With no items and no note the plan is deleted (None)."""
    if not rules.can_plan(by, program, agency):
        raise PermissionDenied("Chỉ cán bộ của cơ quan hoặc của cơ quan chủ trì được lập kế hoạch năm.")
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not program.phase_start <= year <= program.phase_end:
        add("year", f"Năm {year} nằm ngoài giai đoạn {program.phase_start}–{program.phase_end}.")
    if agency.pk not in {p.agency_id for p in program.parties.all()}:
        add("agency", f"«{agency.name}» không phải bên tham gia chương trình.")
    for i, item in enumerate(items, start=1):
        if item.kind not in KINDS:
            add("items", f"Dòng {i}: chọn loại hoạt động.")
        if item.content_area is not None and item.content_area.program_id != program.pk:
            add("items", f"Dòng {i}: nội dung phối hợp không thuộc chương trình.")
        for name, label in (
            ("planned_activities", "số hoạt động"),
            ("planned_participants", "số người"),
            ("planned_budget_vnd", "kinh phí"),
        ):
            value = getattr(item, name)
            if value is not None and int(value) < 0:
                add("items", f"Dòng {i}: {label} không được âm.")
        if item.planned_activities is None:
            add("items", f"Dòng {i}: nhập số hoạt động dự kiến.")
        if item.quarter is not None and item.quarter not in (1, 2, 3, 4):
            add("items", f"Dòng {i}: quý phải từ 1 đến 4.")
        if len(item.title or "") > 300:
            add("items", f"Dòng {i}: nội dung dài quá 300 ký tự.")
    if errors:
        raise ValidationError(errors)
    plan = AnnualPlan.objects.filter(program=program, year=year, agency=agency).first()
    with transaction.atomic():
        if not items and not (note or "").strip():
            if plan is not None:
                history.delete(plan, by=by, reason="Xóa kế hoạch")
            return None
        plan = plan or AnnualPlan(program=program, year=year, agency=agency)
        plan.note = note or ""
        plan.updated_by = by if by.is_authenticated else None
        plan.full_clean(exclude=["program", "agency"])
        history.save(plan, by=by, reason="Lập kế hoạch" if plan.pk is None else "Sửa kế hoạch")
        plan.items.all().delete()
        rows = [
            PlanItem(
                plan=plan,
                order=i,
                kind=item.kind,
                content_area=item.content_area,
                title=item.title or "",
                planned_activities=int(item.planned_activities),
                planned_participants=item.planned_participants,
                planned_budget_vnd=item.planned_budget_vnd,
                quarter=item.quarter,
            )
            for i, item in enumerate(items, start=1)
        ]
        for row in rows:
            row.normalize()
        PlanItem.objects.bulk_create(rows)
    return plan
