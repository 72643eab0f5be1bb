"""The values a document template is filled with (the placeholder catalogue is in
reports.docx), built from the same selectors as the dashboard and the statistics
endpoint, so the figures in a report are the figures on the screen."""

import datetime as dt

from django.utils import timezone

from phoihop.activities import selectors as activity_selectors
from phoihop.activities.models import Kind as ActivityKind
from phoihop.core.numbers import format_number
from phoihop.programs.models import Role
from phoihop.reviews import selectors as review_selectors
from phoihop.reviews.models import KIND_WORDS, SECTIONS, FollowUp

# Breakdown key in the labelled statistics → context key of its table.
TABLES = {
    "content_area": "theo_noi_dung",
    "agency": "theo_co_quan",
    "ethnic_group": "theo_dan_toc",
    "sex": "theo_gioi_tinh",
    "age_band": "theo_do_tuoi",
}
PREFIXES = ("Thành phố ", "thành phố ", "Tỉnh ", "tỉnh ")


def _n(value) -> str:
    return format_number(value) if value is not None else ""


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _place_name(program) -> str:
    name = program.province.name if program.province_id else "Hà Nội"
    for prefix in PREFIXES:
        name = name.removeprefix(prefix)
    return name


def _place_date(program, day: dt.date) -> str:
    # Decree 30/2020: a day below 10 and the months 1 and 2 are written with a leading zero.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{_place_name(program)}, ngày {day:%d} tháng {month} năm {day.year}"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _with_phase(program) -> str:
    """The program's title, with its phase unless the title already says it."""
    title = program.title
    if "giai đoạn" in title.lower():
        return title
    return f"{title} giai đoạn {program.phase_start} - {program.phase_end}"


def _lead(program):
    return next((p for p in program.parties.all() if p.role == Role.LEAD), None)


def _header(program, *, day: dt.date, number: str, symbol: str) -> dict:
    """Header, number line and signature block: the lead agency issues and signs."""
    lead = _lead(program)
    agency = lead.agency if lead else None
    if agency and agency.parent_id:
        parent = agency.parent.name
    elif program.province_id:
        parent = f"Ủy ban nhân dân {program.province.name}"
    else:
        parent = ""
    short = (agency.short_name if agency else "") or "…"
    title = (lead.signatory_title if lead else "") or "Thủ trưởng cơ quan"
    authority = ""
    if title.lower().startswith("phó "):
        authority = "KT. " + title[4:].upper()
    others = [p for p in program.parties.all() if p.role != Role.LEAD]
    return {
        "co_quan_chu_quan": parent.upper(),
        "co_quan_ban_hanh": (agency.name if agency else "").upper(),
        "so_ky_hieu": number or f"      /{symbol}-{short}",
        "dia_danh_ngay": _place_date(program, day),
        "tieu_de": "",
        "trich_yeu": "",
        "quyen_han_ky": authority,
        "chuc_vu_ky": title.upper(),
        "nguoi_ky": lead.signatory_name if lead else "",
        "noi_nhan": [
            *(f"- {p.agency.name};" for p in others),
            "- Lãnh đạo cơ quan;",
            f"- Lưu: VT, {short}.",
        ],
    }


def _figures(stats: dict, breakdowns: list[dict]) -> dict:
    """The tables of a report from the statistics (raw) and their labelled rows."""
    totals = stats["totals"]
    out = {
        "tong_so_hoat_dong": _n(totals["activities"]),
        "tong_so_nguoi": _n(totals["participants"]),
        "tong_kinh_phi": _n(totals.get("budget_vnd") or 0),
    }
    for item in breakdowns:
        key = TABLES.get(item["key"])
        if key is None:
            continue
        rows = []
        for i, row in enumerate(item["rows"], 1):
            line = {"stt": str(i), "ten": row["label"], "nguoi_tham_gia": _n(row["participants"])}
            if item["per_activity"]:
                line["hoat_dong"] = _n(row["activities"])
            rows.append(line)
        out[key] = rows
    for key in TABLES.values():
        out.setdefault(key, [])
    out["chi_tieu"] = [
        {
            "stt": str(i),
            "ten": ind["name"],
            "don_vi": ind["unit"],
            "gia_tri": _n(ind["value"]),
            "chi_tieu": _n(ind["target"]),
            "ty_le": f"{format_number(ind['percent'])}%" if ind["percent"] is not None else "",
        }
        for i, ind in enumerate(stats.get("indicators") or [], 1)
    ]
    return out


def _exemplars(program, date_from, date_to) -> list[dict]:
    from phoihop.people.selectors import exemplars_for_report

    rows = []
    for i, e in enumerate(exemplars_for_report(program=program, date_from=date_from, date_to=date_to), 1):
        # Ethnicity is sensitive: named only when the person agreed to publication.
        group = e.ethnic_group.name if e.ethnic_group_id and e.consent_to_publish else ""
        place = e.locality.name if e.locality_id else e.place_as_written
        rows.append(
            {"stt": str(i), "ten": e.name, "dan_toc": group, "dia_ban": place, "thanh_tich": e.achievements}
        )
    return rows


def _findings(program, date_from, date_to) -> list[dict]:
    return [
        {
            "stt": str(i),
            "chinh_sach": f.policy,
            "dia_ban": f.place_label,
            "van_de": f.issue,
            "kien_nghi": f.recommendation,
            "co_quan": f.responsible_agency.name,
            "trang_thai": f.get_status_display(),
        }
        for i, f in enumerate(
            review_selectors.findings_for_period(program=program, date_from=date_from, date_to=date_to), 1
        )
    ]


def _followup_rows(followups) -> list[dict]:
    return [
        {
            "stt": str(i),
            "noi_dung": f.text,
            "co_quan": f.assignee.name,
            "han": _date(f.due_date),
            "trang_thai": f.get_status_display(),
        }
        for i, f in enumerate(followups, 1)
    ]


def review_report_context(review) -> dict:
    """A review's report: the frozen figures once it is concluded (today's before), its
    narrative, conference, conclusions and the follow-ups carried into it."""
    program = review.program
    figures = review_selectors.review_figures(review)
    words = KIND_WORDS[review.kind]
    context = _header(program, day=review.report_date, number=review.document_number, symbol="BC")
    if not context["nguoi_ky"]:
        # The lead's signatory is not on record: the chair of the conference signs.
        context["nguoi_ky"] = review.chair_name
    context |= {
        "tieu_de": "BÁO CÁO",
        "trich_yeu": f"{words.capitalize()} {_with_phase(program)}",
        "can_cu": [
            f"Căn cứ Chương trình phối hợp số {program.document_number or '…'}"
            + (f" ngày {_date(program.document_date)}" if program.document_date else "")
            + f" ({program.title});",
            f"{_lead(program).agency.name if _lead(program) else 'Cơ quan chủ trì'} báo cáo kết quả {words} "
            f"thực hiện Chương trình từ ngày {_date(review.period_start)} đến ngày {_date(review.period_end)} như sau:",
        ],
        "ky_bao_cao": f"Từ ngày {_date(review.period_start)} đến ngày {_date(review.period_end)}",
        "hoi_nghi_ngay": _date(review.conference_date),
        "hoi_nghi_dia_diem": review.place,
        "chu_tri": ", ".join(x for x in (review.chair_name, review.chair_title) if x),
        "thanh_phan": [
            {"stt": str(i), "ten": a.name, "chuc_vu": a.title, "co_quan": a.agency_label}
            for i, a in enumerate(review.attendees.all(), 1)
        ],
        **{key: _paragraphs(getattr(review, name)) for name, key in _SECTION_KEYS.items()},
        "ket_luan": [
            {
                "stt": str(c.number),
                "noi_dung": c.text,
                "co_quan": c.followup.assignee.name if hasattr(c, "followup") else "",
                "han": _date(c.followup.due_date) if hasattr(c, "followup") else "",
            }
            for c in review.conclusions.all()
        ],
        **_figures(figures["statistics"], figures["breakdowns"]),
        "dien_hinh": _exemplars(program, review.period_start, review.period_end),
        "ket_qua_giam_sat": _findings(program, review.period_start, review.period_end),
    }
    if figures["frozen"]:
        carried = [
            {
                "stt": str(i),
                "noi_dung": f["text"],
                "co_quan": f["assignee"],
                "han": _date(dt.date.fromisoformat(f["due_date"])),
                "trang_thai": f["status"],
            }
            for i, f in enumerate(figures.get("carried", []), 1)
        ]
    else:
        carried = _followup_rows(review_selectors.carried_followups(review))
    context["viec_ton_dong"] = carried
    return context


_SECTION_KEYS = dict(
    zip(SECTIONS, ("ket_qua", "han_che", "nguyen_nhan", "bai_hoc", "phuong_huong", "kien_nghi"), strict=True)
)


def program_document_context(program) -> dict:
    """The program document itself: objectives, content areas, mechanism, parties."""
    day = program.document_date or program.signed_on or timezone.localdate()
    context = _header(program, day=day, number=program.document_number, symbol="CTr")
    parties = list(program.parties.all())
    context |= {
        "tieu_de": "CHƯƠNG TRÌNH PHỐI HỢP",
        "trich_yeu": _with_phase(program),
        "can_cu": _paragraphs(program.summary)
        or [
            f"Các bên thống nhất ký kết chương trình phối hợp giai đoạn {program.phase_start} - {program.phase_end}."
        ],
        "muc_tieu": [str(o) for o in program.objectives or []],
        "noi_dung": [
            {
                "stt": str(a.number),
                "ten": a.title,
                "mo_ta": a.description,
                "co_quan": a.responsible_agency.name if a.responsible_agency_id else "",
            }
            for a in program.content_areas.all()
        ],
        "co_che": _paragraphs(program.mechanism),
        "cac_ben": [
            {
                "co_quan": p.agency.name.upper(),
                "vai_tro": p.get_role_display(),
                "nguoi_ky": p.signatory_name,
                "chuc_vu": p.signatory_title.upper(),
            }
            for p in parties
        ],
    }
    return context


def annual_report_context(program, year: int) -> dict:
    """A year's report: the year's figures, each party's plan against what it did, the
    follow-ups due or still open, exemplars and findings of the year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    stats = activity_selectors.program_statistics(program=program, date_from=first, date_to=last)
    breakdowns = activity_selectors.labelled_breakdowns(
        stats, activity_selectors.content_area_breakdown(program)
    )
    today = timezone.localdate()
    context = _header(program, day=min(today, dt.date(year + 1, 1, 15)), number="", symbol="BC")
    kinds = dict(ActivityKind.choices)
    plans = []
    for row in activity_selectors.plan_comparison(program=program, year=year):
        for item in row["items"]:
            plans.append(
                {
                    "stt": str(len(plans) + 1),
                    "co_quan": row["agency"].name,
                    "loai": kinds.get(item["item"].kind, item["item"].kind),
                    "ke_hoach": _n(item["item"].planned_activities),
                    "thuc_hien": _n(item["done_activities"]),
                }
            )
    followups = (
        FollowUp.objects.filter(program=program, due_date__lte=last)
        .exclude(closed_at__date__lt=first)
        .select_related("assignee")
        .order_by("due_date", "pk")
    )
    context |= {
        "tieu_de": "BÁO CÁO",
        "trich_yeu": f"Kết quả thực hiện {program.title} năm {year}",
        "can_cu": [
            f"Căn cứ {_with_phase(program)}"
            + (f" (số {program.document_number})" if program.document_number else "")
            + ";",
            f"Cơ quan chủ trì báo cáo kết quả thực hiện Chương trình năm {year} như sau:",
        ],
        "nam": str(year),
        **_figures(stats, breakdowns),
        "ket_qua": [],
        "ke_hoach": plans,
        "viec_can_lam": _followup_rows(followups),
        "dien_hinh": _exemplars(program, first, last),
        "ket_qua_giam_sat": _findings(program, first, last),
        "phuong_huong": [],
        "kien_nghi": [],
    }
    return context
