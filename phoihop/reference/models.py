"""Reference data: ethnic groups, administrative units (current and legacy), agency kinds.

Loaded by `phoihop refdata load` (reference.services.refdata_load); never edited by hand.
"""

import datetime as dt

from django.db import models

from phoihop.core.models import SearchableModel

CODE_SYSTEM_121 = "121-TCTK/PPCĐ"


class EthnicGroup(SearchableModel):
    """One of the 54 ethnic groups, with its code in a named code system (the census list
    orders them differently, so a code means nothing without its system)."""

    code_system = models.CharField("hệ mã", max_length=40, default=CODE_SYSTEM_121)
    code = models.CharField("mã", max_length=4)
    name = models.CharField("tên", max_length=60)
    aliases = models.JSONField("tên gọi khác", default=list, blank=True)
    is_minority = models.BooleanField("dân tộc thiểu số", default=True)

    search_fields = ("name", "aliases_text")

    class Meta:
        ordering = ["code_system", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code_system", "code"], name="ethnicgroup_code_unique")
        ]
        verbose_name = "dân tộc"
        verbose_name_plural = "dân tộc"

    def __str__(self) -> str:
        return self.name

    @property
    def aliases_text(self) -> str:
        return " ".join(self.aliases or [])


class Era(models.TextChoices):
    CURRENT = "current", "Hiện hành (từ 01/07/2025)"
    LEGACY = "legacy", "Trước 01/07/2025"


# The day the two-tier map (34 provinces, communes without districts) took effect.
REFORM_DATE = dt.date(2025, 7, 1)


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "Tỉnh/thành phố"
    DISTRICT = "district", "Quận/huyện"
    COMMUNE = "commune", "Xã/phường"


class AdministrativeUnit(SearchableModel):
    """A province, district or commune of either era. Legacy units point to the current
    units that took over their territory (`successors`), so an old record reports under
    today's units while keeping the name it was written with."""

    era = models.CharField("thời kỳ", max_length=10, choices=Era.choices)
    level = models.CharField("cấp", max_length=10, choices=UnitLevel.choices)
    code = models.CharField("mã", max_length=10)
    name = models.CharField("tên", max_length=120)
    division_type = models.CharField("loại", max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name="trực thuộc",
    )
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors", verbose_name="đơn vị kế thừa"
    )

    search_fields = ("name", "division_type")

    class Meta:
        ordering = ["era", "level", "code"]
        constraints = [models.UniqueConstraint(fields=["era", "level", "code"], name="adminunit_code_unique")]
        indexes = [models.Index(fields=["era", "level", "parent"])]
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        """'Thành phố Cần Thơ' → 'Cần Thơ', 'Tỉnh Thái Nguyên' → 'Thái Nguyên'."""
        for prefix in ("Thành phố ", "Tỉnh "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


class AgencyKind(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "loại cơ quan"
        verbose_name_plural = "loại cơ quan"

    def __str__(self) -> str:
        return self.name
