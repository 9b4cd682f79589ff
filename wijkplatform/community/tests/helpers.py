"""Small helpers for the community tests: URLs and images."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image


def url(name, wijk, **kwargs):
    return reverse(f"community:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def image_upload(name="photo.jpg", size=(1600, 1200), fmt="JPEG", exif=None, colour=(200, 120, 40)):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (51.0, 55.0, 12.0), 3: "E", 4: (4.0, 29.0, 20.0)}
    exif[0x8825] = gps
    return exif


def bomb_upload():
    """A small PNG that unpacks to far more pixels than any phone makes: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000), 0).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
