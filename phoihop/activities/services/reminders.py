"""Reporting reminders: one e-mail per late agency."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.activities import rules
from phoihop.activities.models import (
    Period,
    Reminder,
)
from phoihop.activities.selectors import reporting_grid
from phoihop.programs.models import Program

REMINDER_PAUSE = dt.timedelta(hours=20)


def reporting_remind(*, program: Program, year: int, period: str, by, base_url: str = "", today=None) -> dict:
    """Send one e-mail per agency that has outstanding periods in `year` (nothing reported,
    drafts not sent, or activities returned, for periods that have ended), to its officers
    and leaders and the party's focal officer, all through one mail connection; record each
    in Reminder. An agency reminded about the same year and period less than 20 hours ago,
    or without any e-mail address, is skipped with the reason.
    Returns {"sent": [Reminder], "skipped": [(agency, reason)]}."""
    if not rules.can_send_reminders(by, program):
        raise PermissionDenied("Chỉ cán bộ cơ quan chủ trì chương trình được gửi nhắc báo cáo.")
    if period not in Period.values:
        raise ValidationError({"period": ["Kỳ báo cáo không hợp lệ."]})
    grid = reporting_grid(program=program, year=year, period=period, today=today)
    now = timezone.now()
    recent = set(
        Reminder.objects.filter(
            program=program, year=year, period=period, sent_at__gte=now - REMINDER_PAUSE
        ).values_list("agency_id", flat=True)
    )
    link = f"{base_url}{reverse('activities:list', args=[program.pk])}"
    messages, reminders, skipped = [], [], []
    for row in grid["rows"]:
        agency, late = row["agency"], grid["outstanding"].get(row["agency"].pk)
        if not late:
            continue
        if agency.pk in recent:
            skipped.append((agency, "đã nhắc trong vòng 20 giờ qua"))
            continue
        users = User.objects.filter(agency=agency, is_active=True, role__in=("officer", "leader")).exclude(
            email=""
        )
        addresses = sorted(
            {u.email for u in users}
            | (
                {row["party"].focal_officer.email}
                if row["party"].focal_officer and row["party"].focal_officer.email
                else set()
            )
        )
        if not addresses:
            skipped.append((agency, "cơ quan chưa có tài khoản nào có địa chỉ email"))
            continue
        states = {c["period"]: c for c in row["cells"]}
        lines = [
            f"- {p['label']} năm {year}: {states[p['key']]['label'].lower()}"
            for p in grid["periods"]
            if states[p["key"]]["late"]
        ]
        body = "\n".join(
            [
                f"Kính gửi {agency.name},",
                "",
                f"Chương trình «{program.title}» chưa nhận được báo cáo hoạt động đầy đủ của đơn vị cho các kỳ sau:",
                *lines,
                "",
                "Đề nghị đơn vị ghi nhận và gửi các hoạt động đã thực hiện (kể cả sửa các hoạt động bị trả lại) tại:",
                link,
                "",
                f"Người gửi: {by.get_full_name() or by.username}"
                + (f", {by.agency.name}" if by.agency_id else ""),
                "Thư này được gửi từ hệ thống phoihop; xin không trả lời thư.",
            ]
        )
        messages.append(
            EmailMessage(
                subject=f"Nhắc báo cáo hoạt động năm {year}: {program.title}"[:200],
                body=body,
                to=addresses,
            )
        )
        reminders.append(
            Reminder(
                program=program,
                agency=agency,
                year=year,
                period=period,
                periods=", ".join(late)[:200],
                recipients=", ".join(addresses),
                sent_by=by if by.is_authenticated else None,
            )
        )
    with transaction.atomic():
        Reminder.objects.bulk_create(reminders)
        if messages:
            mailers.default.send_messages(messages)
    return {"sent": reminders, "skipped": skipped}
