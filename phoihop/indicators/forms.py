from django import forms

from phoihop.activities.forms import CommuneResolver, ethnic_groups
from phoihop.activities.models import AgeBand, Kind, Sex, Status
from phoihop.core.numbers import VnDecimalField
from phoihop.indicators.models import Direction, Method
from phoihop.indicators.services import IndicatorInput


def _decimal(label: str, **kwargs) -> VnDecimalField:
    return VnDecimalField(
        label=label, min_value=0, required=False, error_messages={"min_value": "Không được âm."}, **kwargs
    )


class IndicatorForm(forms.Form):
    """The definition, the filters of a computed indicator, and one target field per year
    of the program's phase (`target_2021`, …) beside the phase target."""

    name = forms.CharField(label="Tên chỉ tiêu", max_length=300)
    unit = forms.CharField(
        label="Đơn vị tính",
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "người, lớp, mô hình…"}),
    )
    content_area = forms.TypedChoiceField(
        label="Nội dung phối hợp", required=False, coerce=int, empty_value=None
    )
    method = forms.ChoiceField(label="Cách tính", choices=[("", "— Chọn cách tính —"), *Method.choices])
    kind = forms.ChoiceField(
        label="Chỉ tính loại hoạt động", required=False, choices=[("", "Mọi loại"), *Kind.choices]
    )
    ethnic_group = forms.TypedChoiceField(
        label="Chỉ tính dân tộc", required=False, coerce=int, empty_value=None
    )
    minority_only = forms.BooleanField(label="Chỉ tính người dân tộc thiểu số", required=False)
    sex = forms.ChoiceField(
        label="Chỉ tính giới tính", required=False, choices=[("", "Cả nam và nữ"), *Sex.choices[:2]]
    )
    age_band = forms.ChoiceField(
        label="Chỉ tính độ tuổi", required=False, choices=[("", "Mọi độ tuổi"), *AgeBand.choices[:4]]
    )
    locality = forms.CharField(
        label="Chỉ tính tại xã, phường (hiện hành)",
        required=False,
        max_length=200,
        help_text="Để trống: toàn địa bàn chương trình. Hoạt động ở xã cũ được tính theo xã mới kế thừa.",
    )
    output_name = forms.CharField(
        label="Tên kết quả định lượng",
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"list": "output-names"}),
    )
    direction = forms.ChoiceField(
        label="Chiều đánh giá", choices=Direction.choices, initial=Direction.INCREASE, required=False
    )
    baseline = _decimal("Giá trị đầu kỳ")
    phase_target = _decimal("Chỉ tiêu cả giai đoạn")
    description = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.years = list(range(program.phase_start, program.phase_end + 1))
        self.groups = ethnic_groups()
        self.fields["content_area"].choices = [
            ("", "— Cả chương trình —"),
            *((a.pk, f"{a.number}. {a.title}") for a in program.content_areas.all()),
        ]
        self.fields["ethnic_group"].choices = [
            ("", "Mọi dân tộc"),
            *((pk, g.name) for pk, g in self.groups.items()),
        ]
        for year in self.years:
            self.fields[f"target_{year}"] = _decimal(f"Năm {year}")

    def target_fields(self):
        return [self[f"target_{year}"] for year in self.years]

    def clean_locality(self):
        text = (self.cleaned_data.get("locality") or "").strip()
        if not text:
            return None
        return CommuneResolver(program=self.program, on=None).resolve(text)

    def to_input(self) -> IndicatorInput:
        data = self.cleaned_data
        areas = {a.pk: a for a in self.program.content_areas.all()}
        return IndicatorInput(
            name=data["name"],
            unit=data["unit"],
            method=data["method"],
            content_area=areas.get(data["content_area"]),
            baseline=data["baseline"],
            kind=data["kind"],
            ethnic_group=self.groups.get(data["ethnic_group"]),
            minority_only=data["minority_only"],
            sex=data["sex"],
            age_band=data["age_band"],
            locality=data["locality"],
            output_name=data["output_name"],
            description=data["description"],
            direction=data["direction"] or Direction.INCREASE,
            phase_target=data["phase_target"],
            year_targets={year: data.get(f"target_{year}") for year in self.years},
        )


def initial_from_indicator(indicator) -> dict:
    targets = {t.year: t.value for t in indicator.targets.all()}
    initial = {
        "name": indicator.name,
        "unit": indicator.unit,
        "content_area": indicator.content_area_id,
        "method": indicator.method,
        "kind": indicator.kind,
        "ethnic_group": indicator.ethnic_group_id,
        "minority_only": indicator.minority_only,
        "sex": indicator.sex,
        "age_band": indicator.age_band,
        "locality": CommuneResolver.label(indicator.locality) if indicator.locality else "",
        "output_name": indicator.output_name,
        "baseline": indicator.baseline,
        "phase_target": targets.get(None),
        "description": indicator.description,
        "direction": indicator.direction,
    }
    for year, value in targets.items():
        if year is not None:
            initial[f"target_{year}"] = value
    return initial


class ManualValueForm(forms.Form):
    year = forms.TypedChoiceField(label="Năm", coerce=int)
    value = _decimal("Giá trị đạt được đến cuối năm")
    source = forms.CharField(
        label="Nguồn số liệu",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "Báo cáo số 12/BC-MTTQ ngày 15/12/2024"}),
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].required = True
        self.fields["value"].error_messages["required"] = "Nhập giá trị."
        self.fields["source"].error_messages["required"] = "Ghi nguồn số liệu (văn bản, báo cáo)."
        self.fields["year"].choices = [(y, y) for y in range(program.phase_start, program.phase_end + 1)]


class PeriodForm(forms.Form):
    """The indicator table's period: the whole phase or one year; accepted activities, or
    the submitted ones too."""

    year = forms.TypedChoiceField(label="Kỳ", required=False, coerce=int, empty_value=None)
    submitted = forms.BooleanField(label="Tính cả hoạt động đã gửi, chưa xác nhận", required=False)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            ("", f"Cả giai đoạn {program.phase_start}–{program.phase_end}"),
            *((y, f"Năm {y}") for y in range(program.phase_start, program.phase_end + 1)),
        ]

    def statuses(self) -> tuple[str, ...]:
        data = self.cleaned_data if self.is_valid() else {}
        return (Status.SUBMITTED, Status.ACCEPTED) if data.get("submitted") else (Status.ACCEPTED,)

    def chosen_year(self) -> int | None:
        return self.cleaned_data.get("year") if self.is_valid() else None
