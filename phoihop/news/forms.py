from django import forms
from django.utils import timezone

from phoihop.core.forms import date_widget
from phoihop.news.models import ArticleImage, Status, Topic
from phoihop.news.services import ArticleInput
from phoihop.programs.models import Program


class ArticleForm(forms.Form):
    """The article's text, section, author and links. The body is HTML from the editor
    (or a plain textarea without JavaScript); the service sanitises it."""

    title = forms.CharField(label="Tiêu đề", max_length=300)
    summary = forms.CharField(
        label="Tóm tắt (sa-pô)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label="Nội dung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "data-rich-text": "true"}),
        help_text="Dán từ Word được; định dạng lạ, mã độc và kiểu chữ ẩn sẽ bị loại bỏ khi lưu.",
    )
    topic = forms.ChoiceField(label="Chuyên mục", choices=Topic.choices, initial=Topic.ACTIVITY)
    author_name = forms.CharField(label="Tác giả", max_length=120, required=False)
    author_division = forms.CharField(label="Đơn vị, phòng", max_length=200, required=False)
    programs = forms.ModelMultipleChoiceField(
        label="Chương trình liên quan",
        queryset=Program.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programs"].queryset = Program.objects.visible_to(user).order_by("-phase_start", "title")

    def to_input(self, *, activities=(), reviews=()) -> ArticleInput:
        d = self.cleaned_data
        return ArticleInput(
            title=d["title"],
            summary=d["summary"],
            body=d["body"],
            topic=d["topic"],
            author_name=d["author_name"],
            author_division=d["author_division"],
            programs=list(d["programs"]),
            activities=list(activities),
            reviews=list(reviews),
        )


def initial_from_article(article) -> dict:
    return {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "topic": article.topic,
        "author_name": article.author_name,
        "author_division": article.author_division,
        "programs": [p.pk for p in article.programs.all()],
    }


class PublishForm(forms.Form):
    """Publish now, or at a date and time (dd/mm/yyyy and hh:mm, the agency's time zone)."""

    date = forms.DateField(label="Ngày đăng", required=False, widget=date_widget())
    time = forms.TimeField(
        label="Giờ đăng",
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("time") and not data.get("date"):
            self.add_error("date", "Nhập ngày đăng khi đã nhập giờ đăng.")
        return data

    def at(self):
        d = self.cleaned_data
        if not d.get("date"):
            return None
        import datetime as dt

        return timezone.make_aware(dt.datetime.combine(d["date"], d.get("time") or dt.time(7, 0)))


class ImageForm(forms.Form):
    file = forms.FileField(label="Ảnh (JPEG hoặc PNG)")
    caption = forms.CharField(label="Chú thích ảnh", max_length=300, required=False)
    after_paragraph = forms.IntegerField(label="Đặt sau đoạn số", min_value=0, max_value=500, initial=1)
    is_cover = forms.BooleanField(label="Ảnh đại diện", required=False)


class ImageEditForm(forms.ModelForm):
    class Meta:
        model = ArticleImage
        fields = ["caption", "after_paragraph", "is_cover"]


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    status = forms.ChoiceField(label="Trạng thái", required=False, choices=[("", "Tất cả"), *Status.choices])


class SearchForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)


class ExtractForm(forms.Form):
    """Step one of importing an old article: its text, pasted or as a file."""

    text = forms.CharField(
        label="Nội dung tin bài cũ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Dán nguyên trang tin (cả tiêu đề); menu, chú thích ảnh, «Tin khác» được bỏ qua.",
    )
    file = forms.FileField(label="Hoặc chọn tệp (.txt, .html, .docx)", required=False)
    published_on = forms.DateField(
        label="Ngày đăng bài (nếu biết)",
        required=False,
        widget=date_widget(),
        help_text="Giúp suy ra năm khi bài chỉ ghi ngày, tháng.",
    )

    def clean(self):
        from phoihop.news.extraction import ExtractionInputError, check_text, read_article_file

        data = super().clean()
        upload = data.get("file")
        if upload:
            import pathlib
            import tempfile

            suffix = pathlib.Path(upload.name or "").suffix.lower()
            with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
                for chunk in upload.chunks():
                    tmp.write(chunk)
                tmp.flush()
                try:
                    data["text"] = read_article_file(tmp.name)
                except ExtractionInputError as exc:
                    self.add_error("file", str(exc))
                    return data
            data["source_name"] = upload.name
        elif not (data.get("text") or "").strip():
            self.add_error("text", "Dán nội dung tin bài hoặc chọn một tệp.")
            return data
        else:
            try:
                check_text(data["text"])
            except ExtractionInputError as exc:
                self.add_error("text", str(exc))
        return data


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ImportConfirmForm(forms.Form):
    """Step two: the proposed record, as extracted, for the person to correct."""

    title = forms.CharField(label="Tiêu đề tin bài", max_length=300)
    event_type = forms.ChoiceField(label="Loại sự kiện", choices=())
    is_program_event = forms.BooleanField(label="Là sự kiện của một chương trình phối hợp", required=False)
    event_date = forms.DateField(label="Ngày diễn ra", required=False, widget=date_widget())
    province = forms.ModelChoiceField(label="Tỉnh, thành phố", queryset=None, required=False)
    lead_agency = forms.ModelChoiceField(label="Cơ quan chủ trì", queryset=None, required=False)
    partner_agencies = forms.ModelMultipleChoiceField(
        label="Cơ quan phối hợp",
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    phase_start = forms.IntegerField(label="Giai đoạn từ năm", min_value=1945, max_value=2100, required=False)
    phase_end = forms.IntegerField(label="đến năm", min_value=1945, max_value=2100, required=False)
    signed_on = forms.DateField(
        label="Ngày ký chương trình",
        required=False,
        widget=date_widget(),
        help_text="Chỉ cần khi chương trình chưa có trong hệ thống và bài viết là sơ kết, tổng kết hoặc hoạt động.",
    )
    place = forms.CharField(label="Địa điểm hội nghị (sơ kết, tổng kết)", max_length=300, required=False)
    people = forms.CharField(
        label="Người được nêu tên (mỗi dòng: Họ tên - Chức vụ)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    content_areas = forms.CharField(
        label="Nội dung phối hợp (mỗi dòng một nội dung)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    published_on = forms.DateField(label="Ngày đăng bài", required=False, widget=date_widget())
    publish = forms.BooleanField(label="Đăng lên trang công khai với ngày đăng gốc", required=False)
    text = forms.CharField(widget=forms.HiddenInput)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        from phoihop.agencies.models import Agency
        from phoihop.core.search import vn_order
        from phoihop.news import rules
        from phoihop.news.importing import EVENT_TYPES
        from phoihop.reference.models import AdministrativeUnit

        super().__init__(*args, **kwargs)
        self.fields["event_type"].choices = list(EVENT_TYPES.items())
        agencies = Agency.objects.select_related("province").order_by(vn_order("name"), "id")
        self.fields["lead_agency"].queryset = agencies
        self.fields["partner_agencies"].queryset = agencies
        self.fields["province"].queryset = AdministrativeUnit.objects.filter(level="province").order_by(
            vn_order("name"), "era"
        )
        self.fields["province"].label_from_instance = lambda u: (
            u.name if u.era == "current" else f"{u.name} (trước 01/07/2025)"
        )
        if not rules.can_write_articles(user):
            del self.fields["publish"]

    def to_proposal(self):
        from phoihop.news.importing import Proposal

        d = self.cleaned_data
        people = []
        for line in _lines(d["people"]):
            name, _, title = line.partition(" - ")
            people.append((name.strip(), title.strip()))
        return Proposal(
            text=d["text"],
            title=d["title"],
            event_type=d["event_type"],
            is_program_event=d["is_program_event"],
            event_date=d["event_date"],
            province=d["province"],
            lead_agency=d["lead_agency"],
            partner_agencies=list(d["partner_agencies"]),
            phase_start=d["phase_start"],
            phase_end=d["phase_end"],
            signed_on=d["signed_on"],
            place=d["place"],
            people=people,
            content_areas=_lines(d["content_areas"]),
            published_on=d["published_on"],
            source_name=d.get("source_name") or "",
            publish=bool(d.get("publish")),
        )


def initial_from_extraction(
    *, text: str, result: dict, matches: dict, published_on=None, source_name=""
) -> dict:
    """The confirm form's values: the extraction's proposal (news.importing)."""
    from phoihop.news.importing import proposal_from_extraction

    p = proposal_from_extraction(
        text=text, result=result, matches=matches, published_on=published_on, source_name=source_name
    )
    return {
        "title": p.title,
        "event_type": p.event_type,
        "is_program_event": p.is_program_event,
        "event_date": p.event_date,
        "province": p.province.pk if p.province else None,
        "lead_agency": p.lead_agency.pk if p.lead_agency else None,
        "partner_agencies": [a.pk for a in p.partner_agencies],
        "phase_start": p.phase_start,
        "phase_end": p.phase_end,
        "people": "\n".join(f"{name} - {title}" if title else name for name, title in p.people),
        "content_areas": "\n".join(p.content_areas),
        "published_on": p.published_on,
        "text": p.text,
        "source_name": p.source_name,
    }
