"""Exemplars (điển hình tiêu biểu, người có uy tín) recognised under a program: a person or
a collective/model, with their recognitions (bằng khen, giấy khen…).

Ethnicity is sensitive personal data (Decree 13/2023/NĐ-CP): a record is public only
when the person (or the collective's representative) agreed to publication; without that
consent only the staff of the program's parties and administrators see it.
`Exemplar.objects.visible_to(user)` decides this in the query, for pages, exports and the
API alike. Writes go through people.services."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from phoihop.activities.models import Sex
from phoihop.core.models import NormalizedModel, SearchableModel
from phoihop.core.rules import STAFF_ROLES
from phoihop.programs.models import PUBLIC_STATUSES, Party


class ExemplarKind(models.TextChoices):
    PERSON = "person", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể, mô hình"


class Sector(models.TextChoices):
    """The field (lĩnh vực) an exemplar stands out in."""

    ECONOMY = "economy", "Phát triển kinh tế, sản xuất"
    CULTURE = "culture", "Văn hóa, bảo tồn bản sắc dân tộc"
    EDUCATION = "education", "Giáo dục, khuyến học"
    SECURITY = "security", "An ninh trật tự"
    HEALTH = "health", "Y tế, chăm sóc sức khỏe"
    NEW_RURAL = "new_rural", "Xây dựng nông thôn mới"
    UNITY = "unity", "Đoàn kết dân tộc, tôn giáo"
    MASS_ORGANISATIONS = "mass_organisations", "Công tác Mặt trận, Đoàn, Hội"
    OTHER = "other", "Lĩnh vực khác"


class RecognitionForm(models.TextChoices):
    CERTIFICATE_OF_MERIT = "certificate_of_merit", "Bằng khen"
    CERTIFICATE = "certificate", "Giấy khen"
    LETTER = "letter", "Thư khen"
    TITLE = "title", "Danh hiệu"
    MEDAL = "medal", "Kỷ niệm chương"
    OTHER = "other", "Hình thức khác"


class RecognitionLevel(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Huyện (trước 01/07/2025)"
    COMMUNE = "commune", "Xã, phường, cơ sở"


class ExemplarQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ExemplarQuerySet":
        """Exemplars a user may read: administrators all; officers and leaders of a
        program's parties all of that program's; everybody else (news editors, other
        agencies, anonymous) only those with consent to publication, in public programs.
        Exemplars of deleted programs are hidden."""
        qs = self.filter(program__deleted_at__isnull=True)
        if user.is_authenticated and user.is_superuser:
            return qs
        public = Q(consent_to_publish=True, program__status__in=PUBLIC_STATUSES)
        if user.is_authenticated and user.agency_id and user.role in STAFF_ROLES:
            party = Party.objects.filter(program=OuterRef("program_id"), agency_id=user.agency_id)
            return qs.filter(public | Exists(party))
        return qs.filter(public)


class Exemplar(SearchableModel):
    """A person or a collective/model recognised under a program."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="exemplars", verbose_name="chương trình"
    )
    kind = models.CharField("loại", max_length=12, choices=ExemplarKind.choices, default=ExemplarKind.PERSON)
    name = models.CharField("tên cá nhân, tập thể", max_length=200)
    ethnic_group = models.ForeignKey(
        "reference.EthnicGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="dân tộc",
    )
    sex = models.CharField("giới tính", max_length=12, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    locality = models.ForeignKey(
        "reference.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="địa bàn (xã, phường hoặc tỉnh hiện hành)",
    )
    place_as_written = models.CharField(
        "nơi cư trú, hoạt động (như ghi trong hồ sơ)",
        max_length=300,
        blank=True,
        help_text="Ví dụ: ấp Bưng Sa, xã Lịch Hội Thượng.",
    )
    field = models.CharField("lĩnh vực", max_length=20, choices=Sector.choices)
    achievements = models.TextField("thành tích tiêu biểu")
    is_prestigious = models.BooleanField("người có uy tín", default=False)
    prestige_term_start = models.PositiveSmallIntegerField("nhiệm kỳ từ năm", null=True, blank=True)
    prestige_term_end = models.PositiveSmallIntegerField("đến năm", null=True, blank=True)
    consent_to_publish = models.BooleanField("đồng ý công khai", default=False)
    consent_date = models.DateField("ngày đồng ý", null=True, blank=True)
    consent_note = models.CharField(
        "cách ghi nhận đồng ý",
        max_length=300,
        blank=True,
        help_text="Ví dụ: phiếu đồng ý có chữ ký, lưu tại Ban Dân tộc.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])
    objects = ExemplarQuerySet.as_manager()

    search_fields = ("name", "place_as_written", "locality__name", "achievements")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "điển hình tiêu biểu"
        verbose_name_plural = "điển hình tiêu biểu"
        constraints = [
            models.CheckConstraint(
                condition=Q(prestige_term_end__isnull=True)
                | Q(prestige_term_start__isnull=True)
                | Q(prestige_term_end__gte=models.F("prestige_term_start")),
                name="exemplar_prestige_term",
            ),
        ]
        indexes = [models.Index(fields=["program", "name"], name="exemplar_program_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:detail", args=[self.pk])

    @property
    def prestige_term(self) -> str:
        if not self.is_prestigious or not self.prestige_term_start:
            return ""
        return f"{self.prestige_term_start}–{self.prestige_term_end or ''}"


class Recognition(NormalizedModel):
    """A commendation an exemplar received, and the commendation activity of the program
    it was given at, when there was one."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="recognitions")
    form = models.CharField("hình thức", max_length=24, choices=RecognitionForm.choices)
    level = models.CharField("cấp khen thưởng", max_length=10, choices=RecognitionLevel.choices)
    issuer = models.CharField(
        "cơ quan, người khen thưởng", max_length=200, help_text="Ví dụ: Chủ tịch UBND thành phố Cần Thơ."
    )
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    date = models.DateField("ngày khen thưởng")
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recognitions",
        verbose_name="hoạt động biểu dương, khen thưởng",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"

    def __str__(self) -> str:
        number = f" số {self.decision_number}" if self.decision_number else ""
        return f"{self.get_form_display()} ({self.get_level_display()}){number}"
