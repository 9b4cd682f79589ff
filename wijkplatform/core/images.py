"""Uploaded images: sniffed from their content, capped in size and pixels, stripped of EXIF (and GPS).

`clean_image(upload)` returns a new in-memory file holding only the pixels, re-encoded, or raises
ValidationError with a message for the person who uploaded it.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40 megapixel photo is the largest a phone makes
MAX_SIDE = 2400  # stored originals are never larger than this
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp"),
           "GIF": ("png", "image/png")}


def clean_image(upload, *, max_side=MAX_SIDE):
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("This image is larger than 10 MB. Please choose a smaller one."), code="too_big")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            if kind not in FORMATS:
                raise ValidationError(_("Please upload a JPEG, PNG, WebP or GIF image."), code="type")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("This image has too many pixels."), code="pixels")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if kind == "GIF":
                image = image.convert("RGBA")
            image.thumbnail((max_side, max_side))
            if kind == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            # Saving without exif= writes only pixels: EXIF, GPS and other metadata are dropped.
            image.save(out, format="PNG" if kind == "GIF" else kind, quality=85)
            width, height = image.size
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not an image we can read."), code="invalid") from None
    ext, content_type = FORMATS[kind]
    cleaned = SimpleUploadedFile(f"image.{ext}", out.getvalue(), content_type=content_type)
    cleaned.image_width, cleaned.image_height = width, height
    return cleaned


def resized_variant(file, *, width):
    """A smaller copy of a stored image, as bytes in the same format (for the resize task)."""
    file.seek(0)
    with Image.open(file) as image:
        kind = image.format
        image.thumbnail((width, width * 4))
        out = io.BytesIO()
        image.save(out, format=kind, quality=80)
        return out.getvalue(), image.size
