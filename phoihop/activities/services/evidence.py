"""Evidence files of an activity: photos (resized, without metadata) and documents."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from phoihop.activities import rules
from phoihop.activities.models import Activity, Evidence
from phoihop.core import history
from phoihop.core.images import web_image
from phoihop.core.text import nfc
from phoihop.core.uploads import DOCUMENT_KINDS, check_upload, safe_filename

MAX_PER_ACTIVITY = 30
DENIED = "Chỉ đơn vị tổ chức (khi hoạt động còn nháp hoặc bị trả lại) được thêm, xóa minh chứng."


def evidence_add(*, activity: Activity, upload, caption: str = "", by) -> Evidence:
    """Attach a file to a draft or returned activity (who may edit the activity may).
    The file is recognised by its content (JPEG, PNG, PDF, DOCX, XLSX, at most
    UPLOAD_MAX_MB); a photo is turned upright, scaled to 1600 px, re-encoded without its
    EXIF (so without the place it was taken) and given a 400 px thumbnail. The activity's
    history notes the addition."""
    if not rules.can_edit_activity(by, activity):
        raise PermissionDenied(DENIED)
    errors: dict[str, list[str]] = {}
    caption = nfc(caption or "").strip()
    if len(caption) > 300:
        errors["caption"] = ["Chú thích dài quá 300 ký tự."]
    if activity.evidence.count() >= MAX_PER_ACTIVITY:
        errors["file"] = [f"Mỗi hoạt động có tối đa {MAX_PER_ACTIVITY} tệp minh chứng."]
    kind = photo = None
    if "file" not in errors:
        try:
            kind = check_upload(upload, DOCUMENT_KINDS)
            if kind.extension in ("jpg", "png"):
                photo = web_image(upload)
        except ValidationError as exc:
            errors["file"] = exc.messages
    if errors:
        raise ValidationError(errors)
    name = secrets.token_hex(8)
    evidence = Evidence(
        activity=activity,
        caption=caption,
        original_name=(upload.name or "")[:200],
        uploaded_by=by if by.is_authenticated else None,
    )
    with transaction.atomic():
        if photo is not None:
            evidence.is_photo = True
            evidence.content_type = photo.content_type
            evidence.size = len(photo.content)
            evidence.width, evidence.height = photo.width, photo.height
            evidence.file.save(f"{name}.{photo.extension}", ContentFile(photo.content), save=False)
            evidence.thumbnail.save(f"{name}-nho.{photo.extension}", ContentFile(photo.thumbnail), save=False)
        else:
            evidence.content_type = kind.mime
            evidence.size = upload.size
            upload.seek(0)
            evidence.file.save(f"{name}-{safe_filename(upload.name, kind)}", upload, save=False)
        evidence.full_clean(exclude=["activity"])
        evidence.save()
        history.save(activity, by=by, reason=f"Thêm minh chứng: {evidence}")
    return evidence


def evidence_delete(*, evidence: Evidence, by) -> None:
    activity = evidence.activity
    if not rules.can_edit_activity(by, activity):
        raise PermissionDenied(DENIED)
    label = str(evidence)
    with transaction.atomic():
        files = [f for f in (evidence.file, evidence.thumbnail) if f]
        evidence.delete()
        history.save(activity, by=by, reason=f"Xóa minh chứng: {label}")
        transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])
