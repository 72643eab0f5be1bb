import datetime as dt
import re

from django import forms
from django.db.models import Q

from phoihop.activities.models import AgeBand, FundingSource, Kind, Period, Sex, Status
from phoihop.activities.services import (
    REFORM_DATE,
    ActivityInput,
    LocalityInput,
    OutputInput,
    ParticipationInput,
    PlanItemInput,
)
from phoihop.agencies.models import Agency
from phoihop.core.forms import date_widget, select_html
from phoihop.core.numbers import NumberError, VnDecimalField, parse_int
from phoihop.core.text import fold
from phoihop.reference.models import CODE_SYSTEM_121, AdministrativeUnit, Era, EthnicGroup, UnitLevel

_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)
_VND_INVALID = "Kinh phí ghi bằng số đồng nguyên, ví dụ 1.234.000 (không có phần thập phân)."


def parse_vnd(value: str) -> int | None:
    """A sum of đồng as written in reports: '1.234.000', '1,234,000', '1234000 đ'.
    Đồng have no fractions, so '1.234,5' or '12.5' are refused rather than guessed."""
    text = _CURRENCY.sub("", (value or "").strip()).strip()
    try:
        return parse_int(text, what="Kinh phí", invalid=_VND_INVALID)
    except NumberError as exc:
        code = "negative" if text.startswith("-") else "invalid"
        raise forms.ValidationError(str(exc), code=code) from None


class VndField(forms.Field):
    """A text input (so '1.234.000' can be typed) that cleans to whole đồng."""

    widget = forms.TextInput

    def to_python(self, value):
        return parse_vnd(str(value)[:40] if value is not None else "")

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "placeholder": "1.234.000"}


class _AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, agency):
        return agency.name


class _AgenciesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, agency):
        return agency.name


class _AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area):
        return f"{area.number}. {area.title}"


class ActivityForm(forms.Form):
    content_area = _AreaChoiceField(
        queryset=None, required=False, label="Nội dung phối hợp", empty_label="— Không gắn nội dung —"
    )
    kind = forms.ChoiceField(label="Loại hoạt động", choices=[("", "— Chọn loại —"), *Kind.choices])
    title = forms.CharField(label="Tên hoạt động", max_length=500)
    start_date = forms.DateField(label="Ngày bắt đầu", widget=date_widget())
    end_date = forms.DateField(label="Ngày kết thúc", widget=date_widget())
    organiser = _AgencyChoiceField(queryset=None, label="Đơn vị tổ chức", empty_label="— Chọn cơ quan —")
    co_organisers = _AgenciesField(
        queryset=None,
        required=False,
        label="Đơn vị phối hợp",
        help_text="Giữ Ctrl (hoặc ⌘) để chọn nhiều cơ quan.",
    )
    total_participants = forms.IntegerField(
        label="Tổng số người tham gia",
        min_value=0,
        required=False,
        error_messages={"min_value": "Tổng số người tham gia không được âm."},
    )
    budget_vnd = VndField(label="Kinh phí (đồng)", required=False)
    funding_source = forms.ChoiceField(
        label="Nguồn kinh phí", required=False, choices=[("", "— Chọn nguồn —"), *FundingSource.choices]
    )
    funding_detail = forms.CharField(
        label="Dự án, tiểu dự án",
        max_length=200,
        required=False,
        help_text="Ví dụ: Dự án 5, Tiểu dự án 4 (Chương trình 1719)",
    )
    description = forms.CharField(
        label="Mô tả, kết quả", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["content_area"].queryset = program.content_areas.order_by("number")
        agencies = Agency.objects.filter(parties__program=program).order_by("parties__order", "name")
        self.fields["organiser"].queryset = agencies
        self.fields["co_organisers"].queryset = agencies


class ParticipationForm(forms.Form):
    ethnic_group = forms.TypedChoiceField(label="Dân tộc", required=False, coerce=int, empty_value=None)
    sex = forms.ChoiceField(label="Giới tính", choices=Sex.choices, initial=Sex.UNSPECIFIED)
    age_band = forms.ChoiceField(label="Độ tuổi", choices=AgeBand.choices, initial=AgeBand.UNSPECIFIED)
    count = forms.IntegerField(
        label="Số người",
        min_value=0,
        required=False,
        error_messages={"min_value": "Số người không được âm."},
    )

    def __init__(self, *args, groups: dict[int, EthnicGroup], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.fields["ethnic_group"].choices = [
            ("", "— Không rõ —"),
            *((pk, g.name) for pk, g in groups.items()),
        ]

    def clean(self):
        data = super().clean()
        # A row with only the default sex and age band is a blank row, left out.
        if data.get("count") is None and data.get("ethnic_group") is not None and "count" not in self.errors:
            self.add_error("count", "Nhập số người.")
        if data.get("ethnic_group") is not None:
            data["ethnic_group"] = self.groups[data["ethnic_group"]]
        return data


class LocalityForm(forms.Form):
    unit = forms.CharField(
        label="Xã, phường",
        max_length=200,
        required=False,
        help_text="Gõ tên xã/phường, không cần dấu; trùng tên thì thêm tên huyện sau dấu phẩy.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Ví dụ: Phú Hữu, Châu Thành"}),
    )
    written = forms.CharField(label="Địa điểm ghi trong báo cáo", max_length=300, required=False)

    def __init__(self, *args, resolver: "CommuneResolver", **kwargs):
        super().__init__(*args, **kwargs)
        self.resolver = resolver

    def clean(self):
        data = super().clean()
        text = (data.get("unit") or "").strip()
        data["unit_obj"] = None
        if text:
            try:
                data["unit_obj"] = self.resolver.resolve(text)
            except forms.ValidationError as exc:
                self.add_error("unit", exc)
        return data


class OutputForm(forms.Form):
    name = forms.CharField(label="Kết quả", max_length=120, required=False)
    unit = forms.CharField(label="Đơn vị tính", max_length=40, required=False)
    value = VnDecimalField(
        label="Số lượng",
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        error_messages={"min_value": "Số lượng không được âm."},
    )

    def clean(self):
        data = super().clean()
        if data.get("name") or data.get("unit") or data.get("value") is not None:
            if not data.get("name"):
                self.add_error("name", "Nhập tên kết quả.")
            if not data.get("unit"):
                self.add_error("unit", "Nhập đơn vị tính.")
            if data.get("value") is None and "value" not in self.errors:
                self.add_error("value", "Nhập số lượng.")
        return data


ParticipationFormSet = forms.formset_factory(ParticipationForm, extra=0)
LocalityFormSet = forms.formset_factory(LocalityForm, extra=0)
OutputFormSet = forms.formset_factory(OutputForm, extra=0)


def ethnic_groups() -> dict[int, EthnicGroup]:
    """The 54 groups in the order of their codes (one query for every row of the form)."""
    return {g.pk: g for g in EthnicGroup.objects.filter(code_system=CODE_SYSTEM_121).order_by("code")}


def _bare(name: str, division_type: str) -> str:
    """'xa phu huu' → 'phu huu' (the folded name without its kind)."""
    folded, kind = fold(name), fold(division_type)
    if kind and folded.startswith(kind + " "):
        return folded[len(kind) + 1 :]
    return folded


_KINDS = ("thi tran", "dac khu", "phuong", "xa")
_DISTRICT_KINDS = ("thanh pho", "thi xa", "quan", "huyen")


# "Xã Trường Xuân (31294)" names a current commune, "Xã Trường Xuân, Huyện Thới Lai (cũ, 31294)"
# a legacy one: the form the spreadsheet template lists them in.
_CODED = re.compile(r"\((?:(c[uũ])\s*,\s*)?(\d{5})\)\s*$", re.IGNORECASE)


class CommuneResolver:
    """Finds the commune an officer typed, within the program's province: the current
    communes, or the legacy ones when the activity happened before 01/07/2025. Folded
    comparison, so 'phu huu', 'Xã Phú Hữu' and 'PHÚ HỮU' are the same; 'Phú Hữu, Châu
    Thành' picks between two legacy communes of the same name; a code is accepted too, bare
    or as the template writes it ('Xã Phú Hữu (31378)', '… (cũ, 31378)').

    The communes of each era are read once (one query) and matched in memory, so the
    spreadsheet import resolves thousands of rows without a query each. Resolvers may
    share `cache` (era → units)."""

    def __init__(self, *, program, on: dt.date | None, cache: dict | None = None):
        self.program = program
        self.era = Era.LEGACY if on is not None and on < REFORM_DATE else Era.CURRENT
        self.on = on
        self._cache = cache if cache is not None else {}

    def _scope(self, era: str):
        qs = AdministrativeUnit.objects.filter(era=era, level="commune")
        province = self.program.province
        if province is None:
            return qs
        if era == Era.CURRENT:
            provinces = (
                [province]
                if province.era == Era.CURRENT
                else list(province.successors.filter(era=Era.CURRENT))
            )
            return qs.filter(parent__in=provinces)
        if province.era == Era.LEGACY:
            return qs.filter(Q(parent__parent=province) | Q(parent=province))
        legacy = AdministrativeUnit.objects.filter(era=Era.LEGACY, level="province", successors=province)
        return qs.filter(Q(parent__parent__in=legacy) | Q(parent__in=legacy))

    def units(self, era: str) -> dict:
        """{"by_code": {code: unit}, "by_name": {bare folded name: [units]}, "all": [units]}"""
        if era not in self._cache:
            units = list(self._scope(era).select_related("parent").order_by("code"))
            by_name: dict[str, list] = {}
            for unit in units:
                by_name.setdefault(_bare(unit.name, unit.division_type), []).append(unit)
            self._cache[era] = {"by_code": {u.code: u for u in units}, "by_name": by_name, "all": units}
        return self._cache[era]

    def _matches(self, era: str, text: str) -> list[AdministrativeUnit]:
        coded = _CODED.search(text)
        if coded:
            marked = Era.LEGACY if coded.group(1) else Era.CURRENT
            unit = self.units(marked)["by_code"].get(coded.group(2)) if marked == era else None
            return [unit] if unit else []
        head, _, hint = text.partition(",")
        query = fold(head)
        if query.isdigit():
            unit = self.units(era)["by_code"].get(query)
            return [unit] if unit else []
        kind = next((k for k in _KINDS if query.startswith(k + " ")), "")
        bare = query[len(kind) + 1 :] if kind else query
        found = [
            u for u in self.units(era)["by_name"].get(bare, []) if not kind or fold(u.division_type) == kind
        ]
        hint = fold(hint)
        for prefix in _DISTRICT_KINDS:
            if hint.startswith(prefix + " "):
                hint = hint[len(prefix) + 1 :]
        if hint and len(found) > 1:
            found = [u for u in found if u.parent and hint in fold(u.parent.name)]
        return found

    @staticmethod
    def label(unit: AdministrativeUnit) -> str:
        if unit.era == Era.LEGACY and unit.parent is not None and unit.parent.level == "district":
            return f"{unit.name}, {unit.parent.name}"
        return unit.name

    @classmethod
    def coded_label(cls, unit: AdministrativeUnit) -> str:
        """The label with its code, as the spreadsheet template lists it."""
        if unit.era == Era.LEGACY:
            return f"{cls.label(unit)} (cũ, {unit.code})"
        return f"{unit.name} ({unit.code})"

    def resolve(self, text: str) -> AdministrativeUnit:
        found = self._matches(self.era, text)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            options = "; ".join(f"{self.label(u)} (mã {u.code})" for u in found[:6])
            raise forms.ValidationError(
                f"«{text}» trùng tên nhiều xã/phường: {options}. Ghi thêm tên huyện sau dấu phẩy, "
                "hoặc ghi mã xã.",
                code="ambiguous",
            )
        where = f" thuộc {self.program.province.name}" if self.program.province else ""
        other = Era.CURRENT if self.era == Era.LEGACY else Era.LEGACY
        elsewhere = self._matches(other, text)
        if elsewhere:
            if self.era == Era.CURRENT:
                now = sorted({s.name for u in elsewhere for s in u.successors.all()})
                raise forms.ValidationError(
                    f"«{text}» là xã/phường trước 01/07/2025"
                    + (f" (nay thuộc {', '.join(now)})" if now else "")
                    + "; hoạt động từ ngày này ghi theo đơn vị hành chính hiện hành.",
                    code="legacy",
                )
            raise forms.ValidationError(
                f"«{text}» là xã/phường từ 01/07/2025; hoạt động trước ngày này ghi theo "
                "đơn vị hành chính cũ.",
                code="current",
            )
        era = "trước 01/07/2025" if self.era == Era.LEGACY else "hiện hành"
        raise forms.ValidationError(
            f"Không tìm thấy xã/phường «{text}» ({era}){where}. Kiểm tra lại tên, hoặc để trống "
            "và ghi địa điểm.",
            code="not_found",
        )


def activity_forms(request_data, *, program, user, activity=None):
    """The main form and its three formsets, bound to `request_data` (POST) or filled
    from `activity` or with the user's agency. The commune field is resolved against
    the era of the typed start date, so the main form is cleaned first."""
    groups = ethnic_groups()
    if request_data is not None:
        form = ActivityForm(request_data, program=program)
        form.is_valid()  # the start date, when it is valid, decides the era of the communes
        start = form.cleaned_data.get("start_date")
        resolver = CommuneResolver(program=program, on=start)
        return (
            form,
            ParticipationFormSet(request_data, prefix="participation", form_kwargs={"groups": groups}),
            LocalityFormSet(request_data, prefix="localities", form_kwargs={"resolver": resolver}),
            OutputFormSet(request_data, prefix="outputs"),
        )
    if activity is not None:
        main, rows, places, outputs = initial_from_activity(activity)
    else:
        agencies = {p.agency_id for p in program.parties.all()}
        main = {"organiser": user.agency_id if user.agency_id in agencies else None}
        rows, places, outputs = [], [], []
    rows += [{"sex": Sex.UNSPECIFIED, "age_band": AgeBand.UNSPECIFIED}] * 3
    places.append({})
    outputs.append({})
    on = activity.start_date if activity is not None else None
    resolver = CommuneResolver(program=program, on=on)
    return (
        ActivityForm(initial=main, program=program),
        ParticipationFormSet(initial=rows, prefix="participation", form_kwargs={"groups": groups}),
        LocalityFormSet(initial=places, prefix="localities", form_kwargs={"resolver": resolver}),
        OutputFormSet(initial=outputs, prefix="outputs"),
    )


def initial_from_activity(activity) -> tuple[dict, list[dict], list[dict], list[dict]]:
    main = {
        "content_area": activity.content_area_id,
        "kind": activity.kind,
        "title": activity.title,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "organiser": activity.organiser_id,
        "co_organisers": [a.pk for a in activity.co_organisers.all()],
        "total_participants": activity.total_participants,
        "budget_vnd": activity.budget_vnd,
        "funding_source": activity.funding_source,
        "funding_detail": activity.funding_detail,
        "description": activity.description,
    }
    rows = [
        {"ethnic_group": r.ethnic_group_id, "sex": r.sex, "age_band": r.age_band, "count": r.count}
        for r in activity.participation.all()
    ]
    places = [
        {"unit": CommuneResolver.label(p.unit) if p.unit else "", "written": p.written}
        for p in activity.localities.all()
    ]
    outputs = [{"name": o.name, "unit": o.unit, "value": o.value} for o in activity.outputs.all()]
    return main, rows, places, outputs


def activity_input(form, participation, localities, outputs) -> ActivityInput:
    """Turn the four valid forms into the service's input; blank rows are left out."""
    data = form.cleaned_data
    return ActivityInput(
        kind=data["kind"],
        title=data["title"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        organiser=data["organiser"],
        content_area=data["content_area"],
        co_organisers=list(data["co_organisers"]),
        total_participants=data["total_participants"] or 0,
        budget_vnd=data["budget_vnd"],
        funding_source=data["funding_source"],
        funding_detail=data["funding_detail"],
        description=data["description"],
        participation=[
            ParticipationInput(
                count=row["count"], ethnic_group=row["ethnic_group"], sex=row["sex"], age_band=row["age_band"]
            )
            for row in (f.cleaned_data for f in participation.forms)
            if row.get("count") is not None
        ],
        localities=[
            LocalityInput(unit=row["unit_obj"], written=row["written"])
            for row in (f.cleaned_data for f in localities.forms)
            if row.get("unit_obj") is not None or row.get("written")
        ],
        outputs=[
            OutputInput(name=row["name"], unit=row["unit"], value=row["value"])
            for row in (f.cleaned_data for f in outputs.forms)
            if row.get("name")
        ],
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Ghi rõ lý do trả lại."},
    )


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    status = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Tất cả"), *Status.choices])
    agency = forms.TypedChoiceField(label="Cơ quan", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [
            ("", "Tất cả"),
            *((p.agency_id, p.agency.name) for p in program.parties.all()),
        ]


class FiguresFilterForm(forms.Form):
    """Filters of a dashboard: period, status (none ticked means accepted only), agency,
    kind and place; subclasses add the program's content areas or the province's programs."""

    date_from = forms.DateField(label="Từ ngày", required=False, widget=date_widget())
    date_to = forms.DateField(label="Đến ngày", required=False, widget=date_widget())
    status = forms.MultipleChoiceField(
        label="Trạng thái", required=False, choices=Status.choices, widget=forms.CheckboxSelectMultiple
    )
    agency = forms.TypedChoiceField(label="Cơ quan", required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label="Loại hoạt động", required=False, choices=[("", "Tất cả"), *Kind.choices])
    locality = forms.CharField(
        label="Mã tỉnh hoặc xã",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"placeholder": "92 hoặc 31117", "inputmode": "numeric"}),
    )
    extra_select = ""  # the subclass's own drop-down

    def __init__(self, data, *, agencies, province=None):
        if data is not None and not data.getlist("status"):
            data = data.copy()
            data.setlist("status", [Status.ACCEPTED])
        super().__init__(data, initial={"status": [Status.ACCEPTED]})
        self.fields["agency"].choices = [("", "Tất cả"), *agencies]
        self.locality_choices = None
        if province is not None and province.era == Era.CURRENT:
            # The province's current communes (legacy places count under them).
            communes = AdministrativeUnit.objects.filter(
                era=Era.CURRENT, level=UnitLevel.COMMUNE, parent=province
            ).values_list("code", "name")
            self.locality_choices = [("", f"Toàn {province.name}")] + sorted(
                communes, key=lambda c: fold(c[1])
            )
            self.fields["locality"] = forms.ChoiceField(
                label="Địa bàn",
                required=False,
                choices=self.locality_choices,
                error_messages={"invalid_choice": "Không có xã, phường này trong địa bàn."},
            )

    def selects(self):
        """The drop-down fields with their HTML, built in Python (core.forms.select_html):
        rendered through widget templates, a hundred-odd options cost the page ~15 ms."""
        names = ["agency", self.extra_select, "kind"] + (["locality"] if self.locality_choices else [])
        return [(self[name], select_html(self[name])) for name in names]

    def clean_locality(self):
        code = self.cleaned_data["locality"].strip()
        if (
            code
            and not AdministrativeUnit.objects.filter(
                era=Era.CURRENT, code=code, level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE)
            ).exists()
        ):
            raise forms.ValidationError(f"Không có tỉnh hoặc xã hiện hành mang mã {code}.")
        return code

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Ngày kết thúc trước ngày bắt đầu.")
        return data

    def filters(self) -> dict:
        """Keyword arguments for the statistics selector; the defaults when invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "statuses": tuple(data.get("status") or (Status.ACCEPTED,)),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "agency": data.get("agency"),
            self.extra_select: data.get(self.extra_select),
            "kind": data.get("kind") or None,
            "locality": data.get("locality") or None,
        }


class DashboardFilterForm(FiguresFilterForm):
    """A program's dashboard: its parties, its content areas, its province's communes."""

    content_area = forms.TypedChoiceField(
        label="Nội dung phối hợp", required=False, coerce=int, empty_value=None
    )
    extra_select = "content_area"

    def __init__(self, data, *, program):
        agencies = [(p.agency_id, p.agency.name) for p in program.parties.all()]
        super().__init__(data, agencies=agencies, province=program.province)
        self.fields["content_area"].choices = [
            ("", "Tất cả"),
            *((a.pk, f"{a.number}. {a.title}") for a in program.content_areas.all()),
        ]


class ProvinceFilterForm(FiguresFilterForm):
    """A province's dashboard: the parties of its programs, its programs, its communes."""

    program = forms.TypedChoiceField(label="Chương trình", required=False, coerce=int, empty_value=None)
    extra_select = "program"

    def __init__(self, data, *, province, programs):
        self.programs = programs = list(programs)
        agencies = {}
        for program in programs:
            for party in program.parties.all():
                agencies[party.agency_id] = party.agency.name
        choices = sorted(agencies.items(), key=lambda a: fold(a[1]))
        super().__init__(data, agencies=choices, province=province)
        self.fields["program"].choices = [("", "Tất cả"), *((p.pk, p.title) for p in programs)]


class ReportingForm(forms.Form):
    """The reporting cockpit's year (within the program's phase) and kind of period."""

    year = forms.TypedChoiceField(label="Năm", coerce=int)
    period = forms.ChoiceField(
        label="Kỳ báo cáo", choices=Period.choices, initial=Period.QUARTER, required=False
    )

    def __init__(self, data, *, program, today: dt.date):
        years = list(range(program.phase_start, program.phase_end + 1))
        default = min(max(today.year, program.phase_start), program.phase_end)
        super().__init__(data, initial={"year": default, "period": Period.QUARTER})
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.default_year = default

    def chosen(self) -> tuple[int, str]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data["period"] or Period.QUARTER
        return self.default_year, Period.QUARTER


class PlanItemForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại hoạt động", required=False, choices=[("", "— Chọn loại —"), *Kind.choices]
    )
    content_area = forms.TypedChoiceField(
        label="Nội dung phối hợp", required=False, coerce=int, empty_value=None
    )
    title = forms.CharField(label="Nội dung kế hoạch", max_length=300, required=False)
    planned_activities = forms.IntegerField(
        label="Số hoạt động", min_value=0, required=False, error_messages={"min_value": "Không được âm."}
    )
    planned_participants = forms.IntegerField(
        label="Số người", min_value=0, required=False, error_messages={"min_value": "Không được âm."}
    )
    planned_budget_vnd = VndField(label="Kinh phí (đồng)", required=False)
    quarter = forms.TypedChoiceField(
        label="Quý",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Cả năm"), (1, "Quý I"), (2, "Quý II"), (3, "Quý III"), (4, "Quý IV")],
    )

    def __init__(self, *args, areas: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_area"].choices = [
            ("", "— Mọi nội dung —"),
            *((a.pk, f"{a.number}. {a.title}") for a in areas),
        ]

    def clean(self):
        data = super().clean()
        filled = any(
            data.get(k) not in (None, "") for k in ("title", "planned_activities", "planned_participants")
        )
        if filled and not data.get("kind"):
            self.add_error("kind", "Chọn loại hoạt động.")
        if (
            data.get("kind")
            and data.get("planned_activities") is None
            and "planned_activities" not in self.errors
        ):
            self.add_error("planned_activities", "Nhập số hoạt động dự kiến.")
        return data


PlanItemFormSet = forms.formset_factory(PlanItemForm, extra=0)


class PlanForm(forms.Form):
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def plan_forms(data, *, program, plan):
    """The note and the items of an agency's plan (three empty rows to add more)."""
    areas = list(program.content_areas.all())
    if data is not None:
        return PlanForm(data), PlanItemFormSet(data, prefix="items", form_kwargs={"areas": areas})
    rows = [
        {
            "kind": i.kind,
            "content_area": i.content_area_id,
            "title": i.title,
            "planned_activities": i.planned_activities,
            "planned_participants": i.planned_participants,
            "planned_budget_vnd": i.planned_budget_vnd,
            "quarter": i.quarter,
        }
        for i in (plan.items.all() if plan else [])
    ]
    rows += [{}] * 3
    return (
        PlanForm(initial={"note": plan.note if plan else ""}),
        PlanItemFormSet(initial=rows, prefix="items", form_kwargs={"areas": areas}),
    )


def plan_items(program, formset) -> list[PlanItemInput]:
    areas = {a.pk: a for a in program.content_areas.all()}
    return [
        PlanItemInput(
            kind=row["kind"],
            planned_activities=row["planned_activities"],
            content_area=areas.get(row["content_area"]),
            title=row.get("title") or "",
            planned_participants=row.get("planned_participants"),
            planned_budget_vnd=row.get("planned_budget_vnd"),
            quarter=row.get("quarter"),
        )
        for row in (f.cleaned_data for f in formset.forms)
        if row.get("kind")
    ]


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label="Ảnh hoặc tệp minh chứng",
        error_messages={"required": "Chọn tệp."},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,.pdf,.docx,.xlsx"}),
    )
    caption = forms.CharField(label="Chú thích", max_length=300, required=False)
