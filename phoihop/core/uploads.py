"""Uploads are recognised by their bytes, not their names."""

import os
import re
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Kind:
    extension: str
    mime: str
    label: str


DOCUMENT_KINDS = {
    "pdf": Kind("pdf", "application/pdf", "PDF"),
    "docx": Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    "xlsx": Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "jpg": Kind("jpg", "image/jpeg", "JPEG"),
    "png": Kind("png", "image/png", "PNG"),
}

# An OOXML file is a zip holding this part; checked after filetype's signature match.
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_DANGEROUS = {"exe", "elf", "swf", "wasm", "crx", "deb", "rpm", "cab", "ar"}


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}".replace(".", ",")


def check_upload(upload, kinds: dict[str, Kind] = DOCUMENT_KINDS, max_bytes: int | None = None) -> Kind:
    """Return the Kind of an uploaded file, judged by its content, or raise ValidationError
    with a Vietnamese message. Reads only the head of the file (and the zip directory of
    an OOXML file)."""
    limit = max_bytes if max_bytes is not None else settings.UPLOAD_MAX_BYTES
    allowed = ", ".join(k.label for k in kinds.values())
    if upload.size > limit:
        raise ValidationError(
            f"Tệp quá lớn ({_mb(upload.size)} MB): tối đa {_mb(limit)} MB.", code="too_large"
        )
    if upload.size == 0:
        raise ValidationError("Tệp rỗng.", code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    if guess is None:
        raise ValidationError(f"Không nhận ra nội dung tệp: chỉ chấp nhận {allowed}.", code="unknown_type")
    if guess.extension in _DANGEROUS:
        raise ValidationError(
            f"Tệp là chương trình chạy được ({guess.extension}), không phải tài liệu: chỉ chấp nhận {allowed}.",
            code="executable",
        )
    kind = kinds.get(guess.extension)
    if kind is None:
        raise ValidationError(
            f"Nội dung tệp là {guess.extension.upper()}: chỉ chấp nhận {allowed}.", code="type_not_allowed"
        )
    part = _OOXML_PART.get(kind.extension)
    if part:
        try:
            with zipfile.ZipFile(upload) as archive:
                if part not in archive.namelist():
                    raise ValidationError(
                        f"Tệp {kind.label} bị hỏng hoặc không đúng định dạng.", code="corrupt"
                    )
        except zipfile.BadZipFile:
            raise ValidationError(f"Tệp {kind.label} bị hỏng.", code="corrupt") from None
        finally:
            upload.seek(0)
    return kind


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_filename(name: str, kind: Kind) -> str:
    """The stored name: the user's base name, cleaned, with the extension of the real type."""
    base = os.path.splitext(os.path.basename(name or "tep"))[0]
    base = _UNSAFE.sub("_", base).strip(" ._")[:80] or "tep"
    return f"{base}.{kind.extension}"
