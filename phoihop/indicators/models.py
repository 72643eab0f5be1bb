"""Indicators (chỉ tiêu) of a program or of one of its content areas: a baseline, targets
for the phase and for single years, and a value that is either computed from the counted
activities by a rule or entered by hand with its source. Writes go through
indicators.services; values are computed by indicators.selectors."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from phoihop.activities.models import AgeBand, Kind, Sex
from phoihop.core.models import NormalizedModel


class Method(models.TextChoices):
    COUNT_ACTIVITIES = "count_activities", "Đếm số hoạt động"
    SUM_PARTICIPANTS = "sum_participants", "Cộng số người tham gia"
    SUM_BUDGET = "sum_budget", "Cộng kinh phí (đồng)"
    SUM_OUTPUT = "sum_output", "Cộng một kết quả định lượng"
    MANUAL = "manual", "Nhập tay, ghi nguồn"


class Direction(models.TextChoices):
    INCREASE = "increase", "Càng cao càng tốt"
    DECREASE = "decrease", "Càng thấp càng tốt (tỷ lệ hộ nghèo, tảo hôn…)"


COMPUTED = (Method.COUNT_ACTIVITIES, Method.SUM_PARTICIPANTS, Method.SUM_BUDGET, Method.SUM_OUTPUT)


class Indicator(NormalizedModel):
    """A numeric indicator. For a computed one, the filters narrow the activities (and,
    for participants, the participation rows) it sums; an indicator of a content area
    counts only that area's activities."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="indicators", verbose_name="chương trình"
    )
    content_area = models.ForeignKey(
        "programs.ContentArea",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name="nội dung phối hợp",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit = models.CharField("đơn vị tính", max_length=40)
    baseline = models.DecimalField("giá trị đầu kỳ", max_digits=16, decimal_places=2, null=True, blank=True)
    method = models.CharField("cách tính", max_length=20, choices=Method.choices)
    direction = models.CharField(
        "chiều đánh giá", max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    kind = models.CharField("loại hoạt động", max_length=30, choices=Kind.choices, blank=True)
    ethnic_group = models.ForeignKey(
        "reference.EthnicGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="dân tộc",
    )
    minority_only = models.BooleanField("chỉ người dân tộc thiểu số", default=False)
    sex = models.CharField("giới tính", max_length=12, choices=Sex.choices, blank=True)
    age_band = models.CharField("độ tuổi", max_length=16, choices=AgeBand.choices, blank=True)
    locality = models.ForeignKey(
        "reference.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="địa bàn (tỉnh hoặc xã hiện hành)",
    )
    output_name = models.CharField(
        "tên kết quả định lượng",
        max_length=120,
        blank=True,
        help_text="Với cách tính «cộng một kết quả»: tên kết quả như ghi ở hoạt động, ví dụ «Mô hình kinh tế».",
    )
    description = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.method in COMPUTED

    @property
    def filters_people(self) -> bool:
        """Whether the value sums participation rows rather than activity totals."""
        return bool(self.ethnic_group_id or self.minority_only or self.sex or self.age_band)


class Target(models.Model):
    """The value an indicator should reach: for the whole phase (year empty) or by the end
    of one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    value = models.DecimalField("chỉ tiêu", max_digits=16, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = "mức chỉ tiêu"
        verbose_name_plural = "mức chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(year__isnull=False),
                name="target_unique_year",
            ),
            models.UniqueConstraint(
                fields=["indicator"], condition=models.Q(year__isnull=True), name="target_unique_phase"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.year or 'cả giai đoạn'})"


class ManualValue(NormalizedModel):
    """A value entered by hand, as reached by the end of `year`, with where it comes from."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="manual_values")
    year = models.PositiveSmallIntegerField("năm")
    value = models.DecimalField("giá trị đạt được", max_digits=16, decimal_places=2)
    source = models.CharField(
        "nguồn số liệu", max_length=300, help_text="Ví dụ: Báo cáo số 12/BC-MTTQ ngày 15/12/2024."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = "giá trị nhập tay"
        verbose_name_plural = "giá trị nhập tay"
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="manualvalue_unique_year")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
