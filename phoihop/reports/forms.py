from django import forms

from phoihop.reports.docx import KINDS
from phoihop.reports.models import Format


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp mẫu mới (.docx)",
        error_messages={"required": "Chọn tệp mẫu (.docx) cần tải lên.", "empty": "Tệp rỗng."},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )


class BuildForm(forms.Form):
    """What the buttons on the review and program pages post to /reports/build/."""

    kind = forms.ChoiceField(label="Loại văn bản", choices=list(KINDS.items()))
    target = forms.IntegerField(label="Mã sơ kết hoặc chương trình", min_value=1)
    year = forms.IntegerField(label="Năm", required=False, min_value=1900, max_value=2200)
    fmt = forms.ChoiceField(label="Định dạng", choices=Format.choices, required=False)
    next = forms.CharField(required=False)

    def clean_fmt(self) -> str:
        return self.cleaned_data["fmt"] or Format.DOCX
