"""What agencies did under a program: activities, their participants (long format), the
places they happened and their numeric outputs. State changes go through
activities.services."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from phoihop.core.models import NormalizedModel, SearchableModel
from phoihop.reference.models import AdministrativeUnit, Era, UnitLevel


class Kind(models.TextChoices):
    PROPAGANDA = "propaganda", "Tuyên truyền, phổ biến"
    TRAINING = "training", "Tập huấn, bồi dưỡng"
    ECONOMIC_MODEL = "economic_model", "Hỗ trợ mô hình kinh tế"
    POVERTY_REDUCTION = "poverty_reduction", "Hỗ trợ giảm nghèo"
    EMULATION = "emulation", "Phong trào thi đua"
    EXCHANGE = "exchange", "Giao lưu, gặp mặt"
    COMMENDATION = "commendation", "Biểu dương, khen thưởng"
    MONITORING_VISIT = "monitoring_visit", "Kiểm tra, giám sát"
    CADRE_TRAINING = "cadre_training", "Đào tạo cán bộ"
    CULTURAL_PRESERVATION = "cultural_preservation", "Bảo tồn văn hóa"
    CONFERENCE = "conference", "Hội nghị"
    OTHER = "other", "Khác"


class Status(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã gửi"
    ACCEPTED = "accepted", "Đã xác nhận"
    RETURNED = "returned", "Trả lại"


class Sex(models.TextChoices):
    FEMALE = "female", "Nữ"
    MALE = "male", "Nam"
    UNSPECIFIED = "unspecified", "Không rõ"


class AgeBand(models.TextChoices):
    UNDER_16 = "under_16", "Dưới 16 tuổi"
    YOUTH_16_30 = "youth_16_30", "16–30 tuổi"
    ADULT_31_59 = "adult_31_59", "31–59 tuổi"
    ELDERLY_60_PLUS = "elderly_60_plus", "Từ 60 tuổi"
    UNSPECIFIED = "unspecified", "Không rõ"


class FundingSource(models.TextChoices):
    STATE_BUDGET = "state_budget", "Ngân sách nhà nước (chi thường xuyên)"
    NTP_1719 = "ntp_1719", "Chương trình MTQG 1719"
    OTHER_NTP = "other_ntp", "Chương trình mục tiêu quốc gia khác"
    LOCAL_BUDGET = "local_budget", "Ngân sách địa phương"
    SOCIALISED = "socialised", "Xã hội hóa, tài trợ"
    OTHER = "other", "Khác"


@dataclass(frozen=True)
class ActivityFilter:
    """Which activities a figure counts: by default the accepted ones. Dashboards, the
    statistics endpoint, indicators and exports all select activities through this."""

    statuses: tuple[str, ...] = (Status.ACCEPTED,)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    agency: int | None = None
    content_area: int | None = None
    kind: str | None = None
    locality: str | None = None


class ActivityQuerySet(models.QuerySet):
    def organised_by(self, agency: int) -> "ActivityQuerySet":
        """Organised or co-organised by the agency (credit goes to each)."""
        through = Activity.co_organisers.through.objects.filter(activity_id=OuterRef("pk"), agency_id=agency)
        return self.filter(Q(organiser_id=agency) | Exists(through))

    def held_in(self, code: str) -> "ActivityQuerySet":
        """Held in a current province or commune (by code): a locality whose unit is that
        unit or one of its communes, or a legacy unit whose successors are among them."""
        unit = AdministrativeUnit.objects.filter(
            era=Era.CURRENT, code=code, level__in=(UnitLevel.PROVINCE, UnitLevel.COMMUNE)
        ).values("pk")
        units = AdministrativeUnit.objects.filter(Q(pk__in=unit) | Q(parent__in=unit)).values("pk")
        places = Locality.objects.filter(activity_id=OuterRef("pk")).filter(
            Q(unit__in=units) | Q(unit__successors__in=units)
        )
        return self.filter(Exists(places))

    def counted(self, flt: ActivityFilter) -> "ActivityQuerySet":
        """The activities a figure counts under `flt`; the period keeps activities that
        started inside it."""
        qs = self.filter(status__in=flt.statuses)
        if flt.date_from:
            qs = qs.filter(start_date__gte=flt.date_from)
        if flt.date_to:
            qs = qs.filter(start_date__lte=flt.date_to)
        if flt.agency:
            qs = qs.organised_by(flt.agency)
        if flt.content_area:
            qs = qs.filter(content_area_id=flt.content_area)
        if flt.kind:
            qs = qs.filter(kind=flt.kind)
        if flt.locality:
            qs = qs.held_in(flt.locality)
        return qs


class Activity(SearchableModel):
    """One activity of one organiser (co-organisers credited too), counted once in program
    totals however many agencies organised it."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="activities", verbose_name="chương trình"
    )
    content_area = models.ForeignKey(
        "programs.ContentArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name="nội dung phối hợp",
    )
    kind = models.CharField("loại hoạt động", max_length=30, choices=Kind.choices)
    title = models.CharField("tên hoạt động", max_length=500)
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc")
    organiser = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="activities", verbose_name="đơn vị tổ chức"
    )
    co_organisers = models.ManyToManyField(
        "agencies.Agency", blank=True, related_name="co_organised_activities", verbose_name="đơn vị phối hợp"
    )
    total_participants = models.PositiveIntegerField("tổng số người tham gia", default=0)
    budget_vnd = models.PositiveBigIntegerField("kinh phí (đồng)", null=True, blank=True)
    funding_source = models.CharField(
        "nguồn kinh phí", max_length=20, choices=FundingSource.choices, blank=True
    )
    funding_detail = models.CharField(
        "dự án, tiểu dự án",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Dự án 5, Tiểu dự án 4 (Chương trình 1719)",
    )
    description = models.TextField("mô tả, kết quả", blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    reviewed_at = models.DateTimeField("xác nhận/trả lại lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField("ý kiến khi trả lại", blank=True)
    external_key = models.CharField(
        "mã ngoài",
        max_length=100,
        blank=True,
        help_text="Khóa của dòng trong tệp Excel, để nhập lại không tạo trùng.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    objects = ActivityQuerySet.as_manager()

    search_fields = ("title", "description", "organiser__name")

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = "hoạt động"
        verbose_name_plural = "hoạt động"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="activity_dates"
            ),
            models.UniqueConstraint(
                fields=["program", "organiser", "external_key"],
                condition=~models.Q(external_key=""),
                name="activity_external_key",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "status", "start_date"]),
            # The list pages: a program's activities, latest first, a page at a time.
            models.Index(fields=["program", "-start_date", "-id"], name="activity_program_latest"),
            # The dashboards' grouped scan reads every column it needs from this index
            # (no table row per activity): a province's 20,000 activities in a few ms.
            models.Index(
                fields=[
                    "program",
                    "status",
                    "start_date",
                    "organiser",
                    "kind",
                    "content_area",
                    "total_participants",
                    "budget_vnd",
                    "id",  # PostgreSQL: joins to co-organisers from the index too
                ],
                name="activity_figures",
            ),
            models.Index(fields=["organiser", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("activities:detail", args=[self.pk])


class Participation(models.Model):
    """Participants of one ethnic group, sex and age band (long format, never a wide table)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participation")
    # The activity's program and status, copied so that the database's triggers can keep
    # the sums of ParticipantTally per program and status from these rows alone. An activity
    # never changes program; its status changes only through activities.services, which
    # copy it here (services.activities.sync_status).
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="+", db_index=False, editable=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    ethnic_group = models.ForeignKey(
        "reference.EthnicGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="dân tộc",
    )
    sex = models.CharField("giới tính", max_length=12, choices=Sex.choices, default=Sex.UNSPECIFIED)
    age_band = models.CharField(
        "độ tuổi", max_length=16, choices=AgeBand.choices, default=AgeBand.UNSPECIFIED
    )
    count = models.PositiveIntegerField("số người")

    class Meta:
        verbose_name = "người tham gia"
        verbose_name_plural = "người tham gia"
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "ethnic_group", "sex", "age_band"], name="participation_unique_cell"
            )
        ]
        indexes = [
            models.Index(fields=["ethnic_group", "sex", "age_band"]),
            # Participants by group, sex and age band of a filtered set of activities (a
            # period, a kind…): a probe per activity. Unfiltered, ParticipantTally answers.
            models.Index(
                fields=["activity", "ethnic_group", "sex", "age_band", "count"],
                name="participation_by_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ethnic_group or 'Không rõ dân tộc'}, {self.get_sex_display()}, {self.get_age_band_display()}: {self.count}"


class Tally(models.TextChoices):
    ETHNIC_GROUP = "g", "dân tộc"
    SEX = "s", "giới tính"
    AGE_BAND = "a", "độ tuổi"


class ParticipantTally(models.Model):
    """The participants of a program's activities in one status, by ethnic group, by sex
    and by age band (three margins, not their cross product): the sums of the participation
    rows, which the database's own triggers keep (migration 0008) in the transaction of
    every write to those rows, whichever code makes it. A province's dashboard reads a few
    thousand of these instead of a quarter of a million rows. The application never writes
    them; tests check them against the rows after every kind of write."""

    program_id = models.IntegerField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, editable=False)
    dimension = models.CharField(max_length=1, choices=Tally.choices, editable=False)
    # The ethnic group's id as text ("" when not known), the sex or the age band.
    key = models.CharField(max_length=16, editable=False)
    count = models.BigIntegerField(editable=False)

    class Meta:
        verbose_name = "tổng người tham gia"
        verbose_name_plural = "tổng người tham gia"
        constraints = [
            models.UniqueConstraint(
                fields=["program_id", "status", "dimension", "key"], name="participant_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.status} {self.dimension}={self.key}: {self.count}"


class Locality(NormalizedModel):
    """Where an activity took place: an administrative unit of either era, and the place
    as the report wrote it ("thôn Nà Lẹng, xã Phú Thượng")."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="localities")
    unit = models.ForeignKey(
        "reference.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đơn vị hành chính",
    )
    written = models.CharField("địa điểm ghi trong báo cáo", max_length=300, blank=True)

    class Meta:
        verbose_name = "địa bàn"
        verbose_name_plural = "địa bàn"


class Output(NormalizedModel):
    """A numeric result with its unit: 12 mô hình, 45 học viên, 30 hộ."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="outputs")
    name = models.CharField("kết quả", max_length=120)
    unit = models.CharField("đơn vị tính", max_length=40)
    value = models.DecimalField("số lượng", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "kết quả định lượng"
        verbose_name_plural = "kết quả định lượng"


class Period(models.TextChoices):
    QUARTER = "quarter", "Quý"
    HALF = "half", "6 tháng"
    YEAR = "year", "Năm"


class Reminder(models.Model):
    """One reminder e-mail sent to an agency about the periods it has not reported for."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name="cơ quan"
    )
    year = models.PositiveSmallIntegerField("năm")
    period = models.CharField("kỳ", max_length=10, choices=Period.choices)
    periods = models.CharField("các kỳ chưa báo cáo", max_length=200)
    recipients = models.TextField("gửi tới")
    sent_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "thư nhắc báo cáo"
        verbose_name_plural = "thư nhắc báo cáo"

    def __str__(self) -> str:
        return f"{self.agency} {self.periods}"


class AnnualPlan(NormalizedModel):
    """What one party plans to do under a program in one year (kế hoạch năm)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField("năm")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan"
    )
    note = models.TextField("ghi chú", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["year", "id"]
        verbose_name = "kế hoạch năm"
        verbose_name_plural = "kế hoạch năm"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year", "agency"], name="annualplan_unique_agency_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class PlanItem(NormalizedModel):
    """A planned line: how many activities of a kind (under a content area, when given),
    with the people and budget they should reach."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField("loại hoạt động", max_length=30, choices=Kind.choices)
    content_area = models.ForeignKey(
        "programs.ContentArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="nội dung phối hợp",
    )
    title = models.CharField("nội dung kế hoạch", max_length=300, blank=True)
    planned_activities = models.PositiveIntegerField("số hoạt động", default=1)
    planned_participants = models.PositiveIntegerField("số người tham gia", null=True, blank=True)
    planned_budget_vnd = models.PositiveBigIntegerField("kinh phí dự kiến (đồng)", null=True, blank=True)
    quarter = models.PositiveSmallIntegerField("quý", null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "mục kế hoạch"
        verbose_name_plural = "mục kế hoạch"

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.activity_id}/{filename}"


class Evidence(NormalizedModel):
    """A photo or document showing that an activity took place (minh chứng). Photos are
    stored resized and without metadata (core.images), with a thumbnail."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("tệp", upload_to=evidence_upload_to)
    thumbnail = models.FileField("ảnh thu nhỏ", upload_to=evidence_upload_to, blank=True)
    is_photo = models.BooleanField("ảnh", default=False)
    caption = models.CharField("chú thích", max_length=300, blank=True)
    original_name = models.CharField("tên tệp gốc", max_length=200, blank=True)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.caption or self.original_name
