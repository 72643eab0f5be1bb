from django import forms
from django.utils import timezone

from phoihop.agencies.models import Agency
from phoihop.core.forms import date_widget
from phoihop.core.text import fold
from phoihop.programs.models import DocumentType, Party, Role, Scope, Status
from phoihop.programs.services import ContentAreaInput, PartyInput, ProgramInput
from phoihop.reference.models import AdministrativeUnit


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return unit.name if unit.era == "current" else f"{unit.name} (trước 01/7/2025)"


def province_field(required=False) -> ProvinceChoiceField:
    return ProvinceChoiceField(
        queryset=AdministrativeUnit.objects.filter(level="province").order_by("era", "name"),
        required=required,
        label="Tỉnh/thành phố",
        empty_label="— Chọn tỉnh/thành phố —",
    )


def agency_field(label: str, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Agency.objects.select_related("province"),
        required=required,
        label=label,
        empty_label="— Chọn cơ quan —",
    )


class ProgramForm(forms.Form):
    title = forms.CharField(label="Tên chương trình", max_length=500)
    document_number = forms.CharField(
        label="Số, ký hiệu văn bản", max_length=60, required=False, help_text="Ví dụ: 01/CTr-BDT-MTTQ"
    )
    document_date = forms.DateField(label="Ngày văn bản", required=False, widget=date_widget())
    scope = forms.ChoiceField(label="Phạm vi", choices=Scope.choices, initial=Scope.PROVINCE)
    province = province_field()
    phase_start = forms.IntegerField(label="Giai đoạn từ năm", min_value=1945, max_value=2100)
    phase_end = forms.IntegerField(label="Đến năm", min_value=1945, max_value=2100)
    summary = forms.CharField(
        label="Tóm tắt công khai", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    objectives = forms.CharField(
        label="Mục tiêu",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi mục tiêu một dòng.",
    )
    mechanism = forms.CharField(
        label="Cơ chế phối hợp",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Chế độ họp, báo cáo, sơ kết, tổng kết.",
    )


class PartyForm(forms.Form):
    agency = agency_field("Cơ quan", required=False)
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices, initial=Role.PARTNER)
    signatory_name = forms.CharField(label="Người ký", max_length=120, required=False)
    signatory_title = forms.CharField(label="Chức vụ", max_length=200, required=False)


class ContentAreaForm(forms.Form):
    number = forms.IntegerField(label="STT", min_value=1, max_value=99, required=False)
    title = forms.CharField(
        label="Nội dung phối hợp", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_agency = agency_field("Cơ quan chủ trì", required=False)

    def clean(self):
        data = super().clean()
        if data.get("title") and not data.get("number"):
            self.add_error("number", "Nhập số thứ tự.")
        return data


PartyFormSet = forms.formset_factory(PartyForm, extra=0)
ContentAreaFormSet = forms.formset_factory(ContentAreaForm, extra=0)


def program_input(form: ProgramForm, parties: PartyFormSet, areas: ContentAreaFormSet) -> ProgramInput:
    """Turn the three valid forms into the service's input; blank rows are left out."""
    data = form.cleaned_data
    return ProgramInput(
        title=data["title"],
        phase_start=data["phase_start"],
        phase_end=data["phase_end"],
        scope=data["scope"],
        province=data["province"],
        document_number=data["document_number"],
        document_date=data["document_date"],
        summary=data["summary"],
        objectives=data["objectives"].splitlines(),
        mechanism=data["mechanism"],
        parties=[
            PartyInput(
                agency=row["agency"],
                role=row["role"],
                signatory_name=row["signatory_name"],
                signatory_title=row["signatory_title"],
            )
            for row in (f.cleaned_data for f in parties.forms)
            if row.get("agency")
        ],
        content_areas=[
            ContentAreaInput(
                number=row["number"], title=row["title"], responsible_agency=row["responsible_agency"]
            )
            for row in (f.cleaned_data for f in areas.forms)
            if row.get("title")
        ],
    )


def initial_from_program(program) -> tuple[dict, list[dict], list[dict]]:
    main = {
        "title": program.title,
        "document_number": program.document_number,
        "document_date": program.document_date,
        "scope": program.scope,
        "province": program.province_id,
        "phase_start": program.phase_start,
        "phase_end": program.phase_end,
        "summary": program.summary,
        "objectives": "\n".join(program.objectives),
        "mechanism": program.mechanism,
    }
    parties = [
        {
            "agency": p.agency_id,
            "role": p.role,
            "signatory_name": p.signatory_name,
            "signatory_title": p.signatory_title,
        }
        for p in program.parties.all()
    ]
    areas = [
        {"number": c.number, "title": c.title, "responsible_agency": c.responsible_agency_id}
        for c in program.content_areas.all()
    ]
    return main, parties, areas


class SignForm(forms.Form):
    signed_on = forms.DateField(label="Ngày ký", widget=date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()


class DocumentForm(forms.Form):
    number = forms.CharField(label="Số, ký hiệu", max_length=60)
    date = forms.DateField(label="Ngày ban hành", widget=date_widget())
    type = forms.ChoiceField(label="Loại văn bản", choices=DocumentType.choices)
    issuer = agency_field("Cơ quan ban hành")
    title = forms.CharField(label="Trích yếu", max_length=500, required=False)
    file = forms.FileField(
        label="Tệp đính kèm", required=False, help_text="PDF, DOCX, XLSX, JPEG hoặc PNG; tối đa 20 MB."
    )


class CommentForm(forms.Form):
    body = forms.CharField(label="Góp ý", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ProgramFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    province = forms.ChoiceField(label="Tỉnh/thành phố", required=False)
    year = forms.IntegerField(label="Năm thực hiện", required=False, min_value=1945, max_value=2100)
    status = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Tất cả"), *Status.choices])
    agency = forms.TypedChoiceField(label="Cơ quan", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(pk__in=Party.objects.values("agency_id")).values_list("pk", "name")
        self.fields["agency"].choices = [("", "Tất cả"), *agencies]
        provinces = sorted(
            AdministrativeUnit.objects.filter(level="province", era="current"),
            key=lambda p: fold(p.short_name),
        )
        self.fields["province"].choices = [("", "Tất cả"), *((p.code, p.short_name) for p in provinces)]
