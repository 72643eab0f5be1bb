"""Photos made fit for the web: turned upright, scaled down, re-encoded without their
metadata (EXIF, including the GPS position a phone writes into every photo), with a
thumbnail for lists on slow connections.

Re-encoding is what removes the metadata: Pillow writes only what it is given, and it
is given the pixels. A picture whose declared size is absurd (a "decompression bomb") is
refused before its pixels are read."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

WEB_SIDE = 1600  # longest side of the stored photo
THUMB_SIDE = 400
MAX_PIXELS = 60_000_000  # 60 megapixels: more than any phone or camera of the users'
JPEG_QUALITY = 85


@dataclass(frozen=True)
class WebImage:
    content: bytes
    thumbnail: bytes
    extension: str  # "jpg" or "png"
    content_type: str
    width: int
    height: int


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def web_image(upload) -> WebImage:
    """Read an uploaded JPEG or PNG (already recognised by its content) and return it
    upright, at most WEB_SIDE pixels on its longest side, and a THUMB_SIDE thumbnail, both
    without metadata. PNGs with transparency stay PNG; everything else becomes JPEG."""
    upload.seek(0)
    try:
        # Only the header is read here; the size is judged against our own, lower limit.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe = Image.open(upload)
        with probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"Ảnh quá lớn ({width} × {height} điểm ảnh): tối đa {MAX_PIXELS // 1_000_000} triệu điểm ảnh.",
                    code="too_many_pixels",
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError("Tệp ảnh bị hỏng hoặc không đọc được.", code="corrupt_image") from None
    finally:
        upload.seek(0)
    transparent = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    fmt = "PNG" if transparent else "JPEG"
    image = image.convert("RGBA" if transparent else "RGB")
    image.thumbnail((WEB_SIDE, WEB_SIDE), Image.Resampling.LANCZOS)
    thumb = image.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    return WebImage(
        content=_encode(image, fmt),
        thumbnail=_encode(thumb, fmt),
        extension="png" if fmt == "PNG" else "jpg",
        content_type="image/png" if fmt == "PNG" else "image/jpeg",
        width=image.width,
        height=image.height,
    )
