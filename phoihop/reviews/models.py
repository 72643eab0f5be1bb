"""Review conferences (sơ kết, tổng kết), their conclusions, the follow-ups those become,
and the findings of monitoring visits. State changes go through reviews.services."""

import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from phoihop.core.models import NormalizedModel, SearchableModel


class Kind(models.TextChoices):
    SIX_MONTH = "six_month", "Sơ kết 6 tháng"
    ANNUAL = "annual", "Tổng kết năm"
    INTERIM = "interim", "Sơ kết giai đoạn"
    FINAL = "final", "Tổng kết giai đoạn"


# The words of a report's title and the article it is about ("Báo cáo sơ kết …").
KIND_WORDS = {
    Kind.SIX_MONTH: "sơ kết 6 tháng",
    Kind.ANNUAL: "tổng kết năm",
    Kind.INTERIM: "sơ kết",
    Kind.FINAL: "tổng kết",
}


class Status(models.TextChoices):
    DRAFT = "draft", "Đang chuẩn bị"
    HELD = "held", "Đã tổ chức hội nghị"
    CONCLUDED = "concluded", "Đã kết luận"


# The narrative sections of a review, in the order of the report: field → heading.
SECTIONS = {
    "achievements": "Kết quả đạt được",
    "limitations": "Hạn chế",
    "causes": "Nguyên nhân",
    "lessons": "Bài học kinh nghiệm",
    "directions": "Phương hướng, nhiệm vụ thời gian tới",
    "recommendations": "Kiến nghị, đề xuất",
}


class ProgramPartQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProgramPartQuerySet":
        """Records of the live programs the user's agency is a party to (all for admins):
        reviews, findings and follow-ups are the parties' working records, never public."""
        qs = self.filter(program__deleted_at__isnull=True)
        if user.is_authenticated and user.is_superuser:
            return qs
        if user.is_authenticated and user.agency_id:
            from phoihop.programs.models import Party

            parties = Party.objects.filter(program=models.OuterRef("program_id"), agency_id=user.agency_id)
            return qs.filter(models.Exists(parties))
        return qs.none()


class Review(SearchableModel):
    """A six-month, annual, interim or final review of a program for a period, with its
    conference, narrative and conclusions. Concluding freezes its figures in `snapshot`."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="reviews", verbose_name="chương trình"
    )
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    document_number = models.CharField(
        "số, ký hiệu báo cáo",
        max_length=60,
        blank=True,
        help_text="Ví dụ: 05/BC-BDT; để trống khi chưa cấp số.",
    )
    conference_date = models.DateField("ngày hội nghị", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=300, blank=True)
    chair_name = models.CharField("người chủ trì", max_length=120, blank=True)
    chair_title = models.CharField("chức vụ người chủ trì", max_length=300, blank=True)
    achievements = models.TextField("kết quả đạt được", blank=True)
    limitations = models.TextField("hạn chế", blank=True)
    causes = models.TextField("nguyên nhân", blank=True)
    lessons = models.TextField("bài học kinh nghiệm", blank=True)
    directions = models.TextField("phương hướng, nhiệm vụ", blank=True)
    recommendations = models.TextField("kiến nghị, đề xuất", blank=True)
    snapshot = models.JSONField("số liệu chốt khi kết luận", null=True, blank=True, encoder=DjangoJSONEncoder)
    concluded_at = models.DateTimeField("kết luận lúc", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at", "snapshot"])
    objects = ProgramPartQuerySet.as_manager()

    search_fields = ("program__title", "place", "chair_name", "achievements")

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = "sơ kết, tổng kết"
        verbose_name_plural = "sơ kết, tổng kết"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="review_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_label})"

    @property
    def title(self) -> str:
        return f"Hội nghị {KIND_WORDS[self.kind]} chương trình phối hợp"

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%d/%m/%Y} – {self.period_end:%d/%m/%Y}"

    @property
    def report_date(self) -> dt.date:
        """The day the review speaks for: its conference, or the end of its period."""
        return self.conference_date or self.period_end

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])


class Attendee(NormalizedModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField("họ và tên", max_length=120)
    title = models.CharField("chức vụ", max_length=300, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cơ quan",
    )
    agency_name = models.CharField("cơ quan (như ghi)", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "đại biểu dự hội nghị"
        verbose_name_plural = "đại biểu dự hội nghị"

    def __str__(self) -> str:
        return self.name

    @property
    def agency_label(self) -> str:
        return self.agency.name if self.agency_id else self.agency_name


class Conclusion(NormalizedModel):
    """One point of the chair's conclusions. One that asks for action has an assignee and a
    due date, and becomes a FollowUp."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="conclusions")
    number = models.PositiveSmallIntegerField("số thứ tự")
    text = models.TextField("nội dung kết luận")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number", "id"]
        verbose_name = "kết luận"
        verbose_name_plural = "kết luận"

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class FindingStatus(models.TextChoices):
    OPEN = "open", "Chưa xử lý"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    RESOLVED = "resolved", "Đã giải quyết"


class Finding(SearchableModel):
    """What a monitoring visit found about a policy in a place, and what it recommends.
    Its status follows the follow-ups made from it (resolved when one is done)."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="findings", verbose_name="chương trình"
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name="đợt giám sát",
    )
    policy = models.CharField("chính sách được giám sát", max_length=500)
    locality = models.ForeignKey(
        "reference.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="địa bàn",
    )
    place_as_written = models.CharField("địa bàn (như ghi)", max_length=300, blank=True)
    issue = models.TextField("vấn đề phát hiện")
    recommendation = models.TextField("kiến nghị", blank=True)
    responsible_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan chịu trách nhiệm"
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = ProgramPartQuerySet.as_manager()

    search_fields = ("policy", "issue", "recommendation", "place_as_written")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "kết quả giám sát"
        verbose_name_plural = "kết quả giám sát"

    def __str__(self) -> str:
        return f"{self.policy}: {self.issue[:80]}"

    @property
    def place_label(self) -> str:
        return self.locality.name if self.locality_id else self.place_as_written

    def get_absolute_url(self) -> str:
        return reverse("reviews:finding", args=[self.pk])


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"
    DROPPED = "dropped", "Không thực hiện"


OPEN_STATUSES = (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)


class FollowUpQuerySet(ProgramPartQuerySet):
    def still_open(self) -> "FollowUpQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date) -> "FollowUpQuerySet":
        return self.still_open().filter(due_date__lt=today)


class FollowUp(SearchableModel):
    """A task (việc cần thực hiện) from a review's conclusion or a monitoring finding,
    assigned to one agency with a due date. Open ones are carried into the next review."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="followups", verbose_name="chương trình"
    )
    conclusion = models.OneToOneField(
        Conclusion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followup",
        verbose_name="từ kết luận",
    )
    finding = models.ForeignKey(
        Finding,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
        verbose_name="từ kết quả giám sát",
    )
    text = models.TextField("việc cần thực hiện")
    assignee = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="followups",
        verbose_name="cơ quan thực hiện",
    )
    due_date = models.DateField("thời hạn")
    status = models.CharField(
        "trạng thái", max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    drop_reason = models.TextField("lý do không thực hiện", blank=True)
    closing_note = models.TextField("kết quả, ghi chú khi đóng", blank=True)
    closed_at = models.DateTimeField("đóng lúc", null=True, blank=True)
    reminded_at = models.DateTimeField("nhắc lần cuối", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text", "reminded_at"])
    objects = FollowUpQuerySet.as_manager()

    search_fields = ("text", "assignee__name", "closing_note")

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = "việc cần thực hiện"
        verbose_name_plural = "việc cần thực hiện"
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["assignee", "status"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        from django.utils import timezone

        return self.is_open and self.due_date < (today or timezone.localdate())

    @property
    def source(self):
        """The review (through its conclusion) or finding the follow-up came from."""
        return self.conclusion.review if self.conclusion_id else self.finding

    def get_absolute_url(self) -> str:
        return reverse("reviews:followup", args=[self.pk])
