"""Document templates an administrator uploads, and the builds of documents from them."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from phoihop.reports.docx import KINDS

KIND_CHOICES = list(KINDS.items())


class DocumentTemplate(models.Model):
    """An uploaded template of one kind. At most one per kind is active; the others are the
    earlier uploads, kept. With none active, the default template built in code is used.

    The file is kept in the database (BinaryField), not in the media storage: a template is
    small (tens of kilobytes), every app server and task worker reads it for every build, and
    replacing one must switch atomically with the `is_active` flags, which a file written to
    storage outside the transaction would not (a failed upload would leave an orphan file;
    a rolled back one, a row pointing at nothing). Database backups then hold them too."""

    kind = models.CharField("loại văn bản", max_length=20, choices=KIND_CHOICES)
    content = models.BinaryField("tệp mẫu")
    original_name = models.CharField("tên tệp", max_length=200, blank=True)
    size = models.PositiveIntegerField("kích thước", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    is_active = models.BooleanField("đang dùng", default=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField("thôi dùng lúc", null=True, blank=True)

    class Meta:
        ordering = ["kind", "-uploaded_at", "-id"]
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(is_active=True), name="reports_one_active_template"
            ),
        ]

    def __str__(self) -> str:
        return f"{KINDS.get(self.kind, self.kind)}: {self.original_name or 'mẫu'}"


def active_template(kind: str) -> bytes:
    """The template documents of `kind` are filled from: the active upload, else the default."""
    from phoihop.reports.docx import default_template

    content = (
        DocumentTemplate.objects.filter(kind=kind, is_active=True).values_list("content", flat=True).first()
    )
    return bytes(content) if content is not None else default_template(kind)


class Format(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Xong"
    FAILED = "failed", "Lỗi"


def build_upload_to(instance: "ReportBuild", filename: str) -> str:
    # A random folder: the name of a stored file reveals nothing and cannot be guessed.
    return f"reports/{secrets.token_hex(8)}/{filename}"


class ReportBuild(models.Model):
    """One request to fill a document: for a review (`target_id` = review id) or a program
    (`target_id` = program id, with `year` for an annual report). `program` is the program
    either way: who may see the build is decided on it."""

    kind = models.CharField("loại văn bản", max_length=20, choices=KIND_CHOICES)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="+", verbose_name="chương trình"
    )
    target_id = models.PositiveBigIntegerField("mã đối tượng")
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    fmt = models.CharField("định dạng", max_length=4, choices=Format.choices, default=Format.DOCX)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    step = models.CharField("bước", max_length=100, blank=True)
    file = models.FileField("tệp", upload_to=build_upload_to, blank=True, max_length=300)
    filename = models.CharField("tên tệp", max_length=200, blank=True)
    error = models.TextField("lỗi", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lần tạo văn bản"
        verbose_name_plural = "lần tạo văn bản"

    def __str__(self) -> str:
        return f"{KINDS.get(self.kind, self.kind)} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:build", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (BuildStatus.QUEUED, BuildStatus.RUNNING)

    @property
    def content_type(self) -> str:
        from phoihop.reports.docx import DOCX_TYPE, PDF_TYPE

        return PDF_TYPE if self.fmt == Format.PDF else DOCX_TYPE
