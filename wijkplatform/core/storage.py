"""Storing uploads and handing out private files, on local disk or S3-compatible object storage.

- `FileSystemStorage` and `S3Storage` (settings.STORAGES points at them) are Django's and django-storages'
  classes that turn a refusal of the storage (endpoint down, bucket missing, access denied, disk full) into
  a ValidationError with code `storage_unavailable` and a message for the person. Every upload goes through
  them (model FileField/ImageField `.save()`, `save_file`), so the services and views handle it like any
  other invalid input: the form is shown again with the message and the person's text, nothing is saved
  (the services save the file inside their transaction, or before the row).
- `save_file(name, content, *, private=False)` stores a file in the default (public uploads) or the
  private storage and returns its name.
- `signed_url(name)` gives a short-lived address of a private file (certificates, exports): a presigned
  S3 URL on object storage, or a signed link to `/files/<token>` on local disk. Both expire after
  `SIGNED_URL_SECONDS` (default 300).
- `StorageRefusedAdmin`: the same for uploads in the admin (academy lessons and downloads).
"""

import logging
import mimetypes
import posixpath

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import storage as django_storage
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
SIGNING_SALT = "wijkplatform.core.storage.private"
REFUSED = "storage_unavailable"


def public_storage():
    return storages["default"]


def private_storage():
    return storages["private"]


def _storage_errors():
    errors = [OSError]
    try:
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError

        errors += [BotoCoreError, ClientError, Boto3Error]
    except ImportError:  # django-storages[s3] is not installed: local disk only
        pass
    return tuple(errors)


class RefusalIsValidationError:
    """Mixin for a storage class: a refusal to store becomes a ValidationError for the person.

    `save`, not only `_save`: before storing, `get_available_name` asks the storage whether the name is
    taken (on S3 a HEAD request), and a storage that is down refuses that first."""

    def save(self, name, content, max_length=None):
        try:
            return super().save(name, content, max_length=max_length)
        except _storage_errors() as error:
            logger.error("storage refused %s: %s: %s", name, type(error).__name__, error)
            raise ValidationError(
                _("We could not store your file just now. Please try again in a few minutes; your text is kept."),
                code=REFUSED,
            ) from error


class FileSystemStorage(RefusalIsValidationError, django_storage.FileSystemStorage):
    """Uploads on local disk (the default)."""


def __getattr__(name):
    # S3Storage is made on first use: importing django-storages' S3 backend loads boto3, which an
    # installation on local disk does not need in every process.
    if name == "S3Storage":
        from storages.backends.s3 import S3Storage as Base

        cls = type(
            name, (RefusalIsValidationError, Base), {"__module__": __name__, "__doc__": "Uploads in an S3 bucket."}
        )
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_refusal(error):
    return any(item.code == REFUSED for item in getattr(error, "error_list", ()))


def save_file(name, content, *, private=False):
    """Store `content` under `name`; returns the stored name. A refusing storage raises ValidationError."""
    return (private_storage() if private else public_storage()).save(name, content)


class StorageRefusedAdmin:
    """ModelAdmin mixin: when the storage refuses an upload on save (files are stored as the object is
    saved, after the form was found valid), the whole save is rolled back (the admin saves in one
    transaction) and the form is shown again with the message and everything typed, status 400."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            if request.method != "POST" or not is_refusal(error):
                raise
            request.storage_refused = error
            response = super().changeform_view(request, object_id, form_url, extra_context)
            response.status_code = 400
            return response

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refused = getattr(request, "storage_refused", None)
        if refused is None:
            return form

        class RefusedForm(form):
            def clean(self):
                cleaned = super().clean()
                self.add_error(None, refused)
                return cleaned

        return RefusedForm


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
