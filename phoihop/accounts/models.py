import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    OFFICER = "officer", "Cán bộ"
    LEADER = "leader", "Lãnh đạo"
    EDITOR = "editor", "Biên tập viên"


class User(AbstractUser):
    """A person who signs in. Belongs to one agency with one role; system administrators
    are `is_superuser` and may have no agency."""

    agency = models.ForeignKey(
        "agencies.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name="cơ quan",
    )
    role = models.CharField("vai trò", max_length=10, choices=Role.choices, blank=True)
    title = models.CharField("chức vụ", max_length=120, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names first ("Phạm Thị" + "Sơn")."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100, blank=True)
    prefix = models.CharField(max_length=8, help_text="first characters, to tell tokens apart")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField("hết hạn", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
