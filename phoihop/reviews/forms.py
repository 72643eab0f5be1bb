from django import forms

from phoihop.agencies.models import Agency
from phoihop.core.forms import date_widget
from phoihop.reviews.models import SECTIONS, FollowUpStatus, Kind
from phoihop.reviews.services import AttendeeInput, FindingInput, ReviewInput

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=date_widget(), input_formats=DATE_FORMATS)


def _party_choices(program, blank: str) -> list:
    return [("", blank), *((p.agency_id, p.agency.name) for p in program.parties.all())]


class ReviewForm(forms.Form):
    """The review's period, conference and narrative. Attendees are lines of text:
    "Họ tên - chức vụ - cơ quan", one per line (the way officers list them in Word)."""

    kind = forms.ChoiceField(label="Loại", choices=[("", "— Chọn —"), *Kind.choices])
    period_start = _date("Từ ngày")
    period_end = _date("Đến ngày")
    document_number = forms.CharField(label="Số, ký hiệu báo cáo", required=False, max_length=60)
    conference_date = _date("Ngày hội nghị", required=False)
    place = forms.CharField(label="Địa điểm", required=False, max_length=300)
    chair_name = forms.CharField(label="Người chủ trì", required=False, max_length=120)
    chair_title = forms.CharField(label="Chức vụ người chủ trì", required=False, max_length=300)
    attendees = forms.CharField(
        label="Thành phần dự hội nghị",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một người: Họ tên - chức vụ - cơ quan.",
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        for name, label in SECTIONS.items():
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text="Mỗi đoạn một dòng." if name == "achievements" else "",
            )

    @staticmethod
    def initial_for(review) -> dict:
        lines = [
            " - ".join(x for x in (a.name, a.title, a.agency_label) if x) for a in review.attendees.all()
        ]
        initial = {
            name: getattr(review, name)
            for name in (
                "kind",
                "period_start",
                "period_end",
                "document_number",
                "conference_date",
                "place",
                "chair_name",
                "chair_title",
                *SECTIONS,
            )
        }
        return initial | {"attendees": "\n".join(lines)}

    def _attendees(self) -> list[AttendeeInput]:
        agencies = {a.name.lower(): a for a in Agency.objects.filter(parties__program=self.program)}
        result = []
        for line in (self.cleaned_data.get("attendees") or "").splitlines():
            parts = [p.strip() for p in line.split(" - ")]
            if not parts[0]:
                continue
            name, title = parts[0], parts[1] if len(parts) > 1 else ""
            agency_name = " - ".join(parts[2:])
            agency = agencies.get(agency_name.lower())
            result.append(
                AttendeeInput(
                    name=name, title=title, agency=agency, agency_name="" if agency else agency_name
                )
            )
        return result

    def to_input(self) -> ReviewInput:
        d = self.cleaned_data
        return ReviewInput(
            kind=d["kind"],
            period_start=d["period_start"],
            period_end=d["period_end"],
            document_number=d["document_number"],
            conference_date=d["conference_date"],
            place=d["place"],
            chair_name=d["chair_name"],
            chair_title=d["chair_title"],
            sections={name: d.get(name, "") for name in SECTIONS},
            attendees=self._attendees(),
        )


class ConclusionForm(forms.Form):
    text = forms.CharField(label="Nội dung kết luận", widget=forms.Textarea(attrs={"rows": 3}))
    assignee = forms.TypedChoiceField(
        label="Giao cho cơ quan",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Để trống nếu không cần làm gì.",
    )
    due_date = _date("Thời hạn", required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = _party_choices(program, "— Không giao việc —")

    def assignee_agency(self):
        pk = self.cleaned_data.get("assignee")
        return Agency.objects.filter(pk=pk).first() if pk else None


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái mới", choices=FollowUpStatus.choices)
    note = forms.CharField(label="Kết quả, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label="Lý do không thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpFilterForm(forms.Form):
    program = forms.TypedChoiceField(label="Chương trình", required=False, coerce=int, empty_value=None)
    agency = forms.TypedChoiceField(label="Cơ quan thực hiện", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), ("open_all", "Chưa xong"), *FollowUpStatus.choices],
    )
    overdue = forms.BooleanField(label="Chỉ việc quá hạn", required=False)
    q = forms.CharField(label="Tìm", required=False)

    def __init__(self, *args, programs, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [("", "Tất cả"), *((p.pk, p.title) for p in programs)]
        self.fields["agency"].choices = [("", "Tất cả"), *((a.pk, a.name) for a in agencies)]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        status = d["status"]
        statuses = ["open", "in_progress"] if status == "open_all" else ([status] if status else None)
        return {
            "program": d["program"],
            "agency": d["agency"],
            "status": statuses,
            "overdue": True if d["overdue"] else None,
            "q": d["q"],
        }


class FindingForm(forms.Form):
    activity = forms.TypedChoiceField(label="Đợt giám sát", coerce=int)
    policy = forms.CharField(label="Chính sách được giám sát", max_length=500)
    place_as_written = forms.CharField(label="Địa bàn", required=False, max_length=300)
    issue = forms.CharField(label="Vấn đề phát hiện", widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(
        label="Kiến nghị", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible_agency = forms.TypedChoiceField(label="Cơ quan chịu trách nhiệm", coerce=int)

    def __init__(self, *args, program, visits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [
            ("", "— Chọn đợt giám sát —"),
            *((v.pk, f"{v.start_date:%d/%m/%Y} · {v.title}") for v in visits),
        ]
        agencies = (
            Agency.objects.filter(province=program.province_id).order_by("name")
            if program.province_id
            else []
        )
        choices = {p.agency_id: p.agency.name for p in program.parties.all()}
        choices |= {a.pk: a.name for a in agencies}
        self.fields["responsible_agency"].choices = [("", "— Chọn —"), *choices.items()]

    def to_input(self) -> FindingInput:
        d = self.cleaned_data
        return FindingInput(
            policy=d["policy"],
            issue=d["issue"],
            recommendation=d["recommendation"],
            responsible_agency=Agency.objects.filter(pk=d["responsible_agency"]).first(),
            place_as_written=d["place_as_written"],
        )


class FindingFollowUpForm(forms.Form):
    text = forms.CharField(label="Việc cần thực hiện", widget=forms.Textarea(attrs={"rows": 2}))
    assignee = forms.TypedChoiceField(label="Giao cho cơ quan", coerce=int)
    due_date = _date("Thời hạn")

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = _party_choices(program, "— Chọn —")
