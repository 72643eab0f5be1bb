from django import forms

from phoihop.activities.forms import CommuneResolver, ethnic_groups
from phoihop.activities.models import Kind as ActivityKind
from phoihop.activities.models import Sex
from phoihop.core.forms import date_widget
from phoihop.people.models import ExemplarKind, RecognitionForm, RecognitionLevel, Sector
from phoihop.people.services import ExemplarInput, RecognitionInput


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )


class ExemplarForm(forms.Form):
    """An exemplar as an officer writes it; the service checks the rules between fields
    (a collective has no year of birth, a prestigious person has a term…)."""

    kind = forms.ChoiceField(
        label="Loại", choices=ExemplarKind.choices, initial=ExemplarKind.PERSON, widget=forms.RadioSelect
    )
    name = forms.CharField(label="Tên cá nhân, tập thể, mô hình", max_length=200)
    ethnic_group = forms.TypedChoiceField(label="Dân tộc", required=False, coerce=int, empty_value=None)
    sex = forms.ChoiceField(label="Giới tính", required=False, choices=[("", "—"), *Sex.choices[:2]])
    birth_year = _year("Năm sinh")
    locality = forms.CharField(
        label="Xã, phường (hiện hành)",
        required=False,
        max_length=200,
        help_text="Tên hoặc mã xã, phường hiện hành của địa bàn chương trình.",
    )
    place_as_written = forms.CharField(
        label="Nơi cư trú, hoạt động (như ghi trong hồ sơ)", required=False, max_length=300
    )
    field = forms.ChoiceField(label="Lĩnh vực", choices=[("", "— Chọn lĩnh vực —"), *Sector.choices])
    achievements = forms.CharField(label="Thành tích tiêu biểu", widget=forms.Textarea(attrs={"rows": 4}))
    is_prestigious = forms.BooleanField(
        label="Là người có uy tín trong đồng bào dân tộc thiểu số", required=False
    )
    prestige_term_start = _year("Nhiệm kỳ người có uy tín từ năm")
    prestige_term_end = _year("đến năm")
    consent_to_publish = forms.BooleanField(
        label="Đã đồng ý công khai thông tin (kể cả dân tộc)",
        required=False,
        help_text="Không có đồng ý: chỉ cán bộ các bên tham gia chương trình xem được hồ sơ này.",
    )
    consent_date = forms.DateField(label="Ngày đồng ý", required=False, widget=date_widget())
    consent_note = forms.CharField(
        label="Cách ghi nhận đồng ý",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "Phiếu đồng ý có chữ ký, lưu tại…"}),
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.groups = ethnic_groups()
        self.fields["ethnic_group"].choices = [("", "—"), *((pk, g.name) for pk, g in self.groups.items())]
        self.fields["achievements"].error_messages["required"] = "Ghi thành tích tiêu biểu."
        self.fields["name"].error_messages["required"] = "Nhập tên cá nhân hoặc tập thể, mô hình."
        self.fields["field"].error_messages["required"] = "Chọn lĩnh vực tiêu biểu."

    def clean_locality(self):
        text = (self.cleaned_data.get("locality") or "").strip()
        if not text:
            return None
        return CommuneResolver(program=self.program, on=None).resolve(text)

    def to_input(self) -> ExemplarInput:
        data = self.cleaned_data
        return ExemplarInput(
            kind=data["kind"],
            name=data["name"],
            field=data["field"],
            achievements=data["achievements"],
            ethnic_group=self.groups.get(data["ethnic_group"]),
            sex=data["sex"],
            birth_year=data["birth_year"],
            locality=data["locality"],
            place_as_written=data["place_as_written"],
            is_prestigious=data["is_prestigious"],
            prestige_term_start=data["prestige_term_start"],
            prestige_term_end=data["prestige_term_end"],
            consent_to_publish=data["consent_to_publish"],
            consent_date=data["consent_date"],
            consent_note=data["consent_note"],
        )


def initial_from_exemplar(exemplar) -> dict:
    return {
        "kind": exemplar.kind,
        "name": exemplar.name,
        "ethnic_group": exemplar.ethnic_group_id,
        "sex": exemplar.sex,
        "birth_year": exemplar.birth_year,
        "locality": CommuneResolver.label(exemplar.locality) if exemplar.locality else "",
        "place_as_written": exemplar.place_as_written,
        "field": exemplar.field,
        "achievements": exemplar.achievements,
        "is_prestigious": exemplar.is_prestigious,
        "prestige_term_start": exemplar.prestige_term_start,
        "prestige_term_end": exemplar.prestige_term_end,
        "consent_to_publish": exemplar.consent_to_publish,
        "consent_date": exemplar.consent_date,
        "consent_note": exemplar.consent_note,
    }


def commendation_activities(program):
    """The program's commendation activities a recognition may come from, latest first."""
    return program.activities.filter(kind=ActivityKind.COMMENDATION).order_by("-start_date", "-id")


class RecognitionAddForm(forms.Form):
    form = forms.ChoiceField(label="Hình thức", choices=[("", "— Chọn —"), *RecognitionForm.choices])
    level = forms.ChoiceField(label="Cấp khen thưởng", choices=[("", "— Chọn —"), *RecognitionLevel.choices])
    issuer = forms.CharField(
        label="Cơ quan, người khen thưởng",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Chủ tịch UBND thành phố Cần Thơ"}),
    )
    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=60)
    date = forms.DateField(label="Ngày khen thưởng", widget=date_widget())
    activity = forms.TypedChoiceField(
        label="Tại hoạt động biểu dương, khen thưởng", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = {a.pk: a for a in commendation_activities(program)}
        self.fields["activity"].choices = [
            ("", "— Không gắn với hoạt động —"),
            *((pk, f"{a.title} ({a.start_date:%d/%m/%Y})") for pk, a in self.activities.items()),
        ]
        self.fields["form"].error_messages["required"] = "Chọn hình thức khen thưởng."
        self.fields["level"].error_messages["required"] = "Chọn cấp khen thưởng."
        self.fields["issuer"].error_messages["required"] = "Ghi cơ quan hoặc người khen thưởng."
        self.fields["date"].error_messages["required"] = "Ghi ngày khen thưởng."

    def to_input(self) -> RecognitionInput:
        data = self.cleaned_data
        return RecognitionInput(
            form=data["form"],
            level=data["level"],
            issuer=data["issuer"],
            decision_number=data["decision_number"],
            date=data["date"],
            activity=self.activities.get(data["activity"]),
        )


class ExemplarFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)
    consent = forms.ChoiceField(
        label="Đồng ý công khai",
        required=False,
        choices=[("", "Tất cả"), ("yes", "Đã đồng ý"), ("no", "Chưa đồng ý")],
    )
    ethnic_group = forms.TypedChoiceField(label="Dân tộc", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = ethnic_groups()
        self.fields["ethnic_group"].choices = [
            ("", "Mọi dân tộc"),
            *((pk, g.name) for pk, g in groups.items()),
        ]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        consent = {"yes": True, "no": False}.get(data.get("consent") or "")
        return {"q": data.get("q") or None, "consent": consent, "ethnic_group": data.get("ethnic_group")}
