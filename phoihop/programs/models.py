from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from phoihop.core.models import NormalizedModel, SearchableModel


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký kết"
    ACTIVE = "active", "Đang thực hiện"
    CLOSED = "closed", "Đã kết thúc"


PUBLIC_STATUSES = (Status.SIGNED, Status.ACTIVE, Status.CLOSED)


class Scope(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    NATIONAL = "national", "Toàn quốc"


class Role(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    PARTNER = "partner", "Phối hợp"


class ProgramQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user) -> "ProgramQuerySet":
        """Programs a user may open: administrators all; a party's users their own programs;
        everybody the signed, active and closed ones. Deleted programs are not listed."""
        qs = self.alive()
        if user.is_authenticated and user.is_superuser:
            return qs
        public = models.Q(status__in=PUBLIC_STATUSES)
        if user.is_authenticated and user.agency_id:
            own = models.Exists(Party.objects.filter(program=models.OuterRef("pk"), agency_id=user.agency_id))
            return qs.filter(public | own)
        return qs.filter(public)

    def deleted_visible_to(self, user) -> "ProgramQuerySet":
        """Deleted programs a user may restore: administrators all, lead staff their own."""
        qs = self.filter(deleted_at__isnull=False)
        if user.is_authenticated and user.is_superuser:
            return qs
        if user.is_authenticated and user.agency_id and user.role in ("officer", "leader"):
            lead = Party.objects.filter(
                program=models.OuterRef("pk"), agency_id=user.agency_id, role=Role.LEAD
            )
            return qs.filter(models.Exists(lead))
        return qs.none()


class Program(SearchableModel):
    """A coordination program (chương trình phối hợp). State changes go through
    programs.services; `deleted_at` marks a program deleted but restorable."""

    title = models.CharField("tên chương trình", max_length=500)
    document_number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    document_date = models.DateField("ngày văn bản", null=True, blank=True)
    scope = models.CharField("phạm vi", max_length=10, choices=Scope.choices, default=Scope.PROVINCE)
    province = models.ForeignKey(
        "reference.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tỉnh/thành phố",
    )
    phase_start = models.PositiveSmallIntegerField("giai đoạn từ năm")
    phase_end = models.PositiveSmallIntegerField("đến năm")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    summary = models.TextField("tóm tắt công khai", blank=True)
    objectives = models.JSONField("mục tiêu", default=list, blank=True)
    mechanism = models.TextField("cơ chế phối hợp", blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name="thực hiện chương trình",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])
    objects = ProgramQuerySet.as_manager()

    search_fields = ("title", "document_number", "province__name", "summary")

    class Meta:
        ordering = ["-phase_start", "title"]
        verbose_name = "chương trình phối hợp"
        verbose_name_plural = "chương trình phối hợp"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phase_end__gte=models.F("phase_start")), name="program_phase"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def phase(self) -> str:
        return f"{self.phase_start}–{self.phase_end}"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and self.deleted_at is None


class Party(NormalizedModel):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="parties")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="parties", verbose_name="cơ quan"
    )
    role = models.CharField("vai trò", max_length=10, choices=Role.choices)
    signatory_name = models.CharField("người ký", max_length=120, blank=True)
    signatory_title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    focal_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="cán bộ đầu mối",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "bên ký kết"
        verbose_name_plural = "các bên ký kết"
        constraints = [models.UniqueConstraint(fields=["program", "agency"], name="party_unique_agency")]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()})"


class ContentArea(NormalizedModel):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="content_areas")
    number = models.PositiveSmallIntegerField("số thứ tự")
    title = models.CharField("nội dung", max_length=500)
    description = models.TextField("mô tả", blank=True)
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cơ quan chủ trì",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = "nội dung phối hợp"
        verbose_name_plural = "nội dung phối hợp"
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="contentarea_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class DocumentType(models.TextChoices):
    CTR = "CTr", "Chương trình"
    KH = "KH", "Kế hoạch"
    BC = "BC", "Báo cáo"
    QD = "QĐ", "Quyết định"
    CV = "CV", "Công văn"
    TB = "TB", "Thông báo"


def document_upload_to(instance: "Document", filename: str) -> str:
    return f"documents/{instance.program_id or 'other'}/{filename}"


class Document(SearchableModel):
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    number = models.CharField("số, ký hiệu", max_length=60)
    date = models.DateField("ngày ban hành")
    type = models.CharField("loại văn bản", max_length=4, choices=DocumentType.choices)
    issuer = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="documents", verbose_name="cơ quan ban hành"
    )
    title = models.CharField("trích yếu", max_length=500, blank=True)
    file = models.FileField("tệp", upload_to=document_upload_to, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    search_fields = ("number", "title")

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        constraints = [models.UniqueConstraint(fields=["issuer", "number"], name="document_unique_number")]

    def __str__(self) -> str:
        return self.number


class Comment(NormalizedModel):
    """A remark by an officer of a party (partners comment; the lead edits)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("ý kiến", max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "ý kiến"
        verbose_name_plural = "ý kiến"
