from datetime import date

from django.db import models
from simple_history.models import HistoricalRecords

from phoihop.core.models import SearchableModel


class Level(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Tỉnh/thành phố"
    COMMUNE = "commune", "Xã/phường"


class AgencyQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "AgencyQuerySet":
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class Agency(SearchableModel):
    """An agency or organisation. A renamed or merged agency is a new record: the old one
    gets `valid_to` and a `successor`, so old programs keep the name they were signed under."""

    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=60, blank=True)
    kind = models.ForeignKey(
        "reference.AgencyKind", on_delete=models.PROTECT, related_name="agencies", verbose_name="loại"
    )
    level = models.CharField("cấp", max_length=10, choices=Level.choices, default=Level.PROVINCE)
    province = models.ForeignKey(
        "reference.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "province"},
        verbose_name="tỉnh/thành phố",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="cơ quan cấp trên",
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name="cơ quan kế thừa",
    )
    email = models.EmailField("thư điện tử", blank=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = AgencyQuerySet.as_manager()

    search_fields = ("name", "short_name", "province__name")

    class Meta:
        # The folded name sorts Đ with D and Ủy with U, close to Vietnamese order, the
        # same on SQLite and PostgreSQL.
        ordering = ["search_text", "name"]
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="agency_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."
        if self.successor_id and self.successor_id == self.pk:
            errors["successor"] = "Cơ quan không thể kế thừa chính nó."
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = "Cơ quan không thể trực thuộc chính nó."
        if errors:
            raise ValidationError(errors)

    @property
    def current(self) -> "Agency":
        """The agency that carries this one's work today (follows successor links)."""
        agency, seen = self, {self.pk}
        while agency.successor_id and agency.successor_id not in seen:
            agency = agency.successor
            seen.add(agency.pk)
        return agency
