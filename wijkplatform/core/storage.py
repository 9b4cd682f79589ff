"""Saving uploads and handing out private files, on local disk or S3-compatible object storage.

- `save_file(name, content, *, private=False)` stores a file in the default (public uploads) or the
  private storage. A storage that refuses (endpoint down, bucket missing, access denied, disk full) becomes
  a ValidationError with a message for the person: the form shows it again with their text kept.
- `save_image(upload, *, prefix)` cleans an uploaded image (core.images.clean_image) and saves it.
- `signed_url(name)` gives a short-lived address of a private file (certificates, exports): a presigned
  S3 URL on object storage, or a signed link to `/files/<token>` on local disk. Both expire after
  `SIGNED_URL_SECONDS` (default 300).
"""

import logging
import mimetypes
import posixpath
import uuid

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from .images import clean_image

logger = logging.getLogger(__name__)
SIGNING_SALT = "wijkplatform.core.storage.private"


def public_storage():
    return storages["default"]


def private_storage():
    return storages["private"]


def _storage_errors():
    errors = [OSError]
    try:
        from botocore.exceptions import BotoCoreError, ClientError

        errors += [BotoCoreError, ClientError]
    except ImportError:  # django-storages[s3] is not installed: local disk only
        pass
    return tuple(errors)


def save_file(name, content, *, private=False):
    storage = private_storage() if private else public_storage()
    try:
        return storage.save(name, content)
    except _storage_errors() as error:
        logger.error("storage refused %s: %s: %s", name, type(error).__name__, error)
        raise ValidationError(
            _("We could not store your file just now. Please try again in a few minutes; your text is kept."),
            code="storage_unavailable",
        ) from error


def save_image(upload, *, prefix):
    """Clean an uploaded image and store it under `prefix/`; returns the stored name."""
    cleaned = clean_image(upload)
    name = posixpath.join(prefix, f"{uuid.uuid4().hex}{posixpath.splitext(cleaned.name)[1]}")
    return save_file(name, cleaned)


def signed_url(name, *, seconds=None):
    seconds = seconds or settings.SIGNED_URL_SECONDS
    storage = private_storage()
    if hasattr(storage, "bucket_name"):  # S3: a presigned URL, valid for `seconds`
        return storage.url(name, expire=seconds)
    token = signing.dumps({"name": name, "max_age": seconds}, salt=SIGNING_SALT, compress=True)
    return reverse("private_file", kwargs={"token": token})


def private_file(request, token):
    """Serve a private file from local disk for a link made by `signed_url`, while it is fresh."""
    try:
        data = signing.loads(token, salt=SIGNING_SALT, max_age=settings.SIGNED_URL_SECONDS * 12)
        data = signing.loads(token, salt=SIGNING_SALT, max_age=int(data["max_age"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404(_("This link has expired or is not valid.")) from None
    storage = private_storage()
    name = data["name"]
    if not storage.exists(name):
        raise Http404(_("This file no longer exists."))
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        storage.open(name, "rb"),
        content_type=content_type,
        as_attachment=True,
        filename=posixpath.basename(name),
    )
    response["Cache-Control"] = "private, no-store"
    return response
