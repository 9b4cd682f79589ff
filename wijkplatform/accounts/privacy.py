"""A person's own data: download all of it, or erase the account.

Erasing anonymises: what the person wrote stays in the wijk (a conversation keeps making sense), under
the name "Former neighbour"; everything that says who they were, or that only they need, goes.
"""

import io
import json
import uuid
import zipfile
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.core import pagecache
from wijkplatform.core.jsonable import jsonable
from wijkplatform.core.tenancy import cross_wijk

from .models import AccessToken, User

# Rows that hold secrets or only exist to log in: never in a download.
SECRET_MODELS = {"accounts.AccessToken", "mfa.Authenticator", "account.EmailConfirmation", "sessions.Session"}
PROFILE_FIELDS = ["email", "display_name", "bio", "languages", "can_help_with", "preferred_language",
                  "profile_visibility", "photo_visibility", "date_joined", "last_login"]


def personal_data_export(*, user):
    """A zip with data.json (every row that is the person's own, by model) and the files they uploaded."""
    files = set()
    data = {"person": {name: jsonable(getattr(user, name)) for name in PROFILE_FIELDS},
            "exported_at": timezone.now().isoformat(), "rows": {}}
    if user.photo:
        files.add(user.photo.name)
    with cross_wijk("a person's own data, in every wijk"):
        for model, fields in _models_pointing_at_people():
            if model._meta.label in SECRET_MODELS:
                continue
            query = models.Q()
            for field in fields:
                query |= models.Q(**{field.name: user})
            rows = []
            for obj in model.objects.filter(query).order_by("pk"):
                row = {}
                for field in obj._meta.concrete_fields:
                    value = getattr(obj, field.attname)
                    if isinstance(field, models.FileField):
                        value = getattr(obj, field.name).name or ""
                        if value:
                            files.add(value)
                    row[field.attname] = jsonable(value)
                rows.append(row)
            if rows:
                data["rows"][model._meta.label] = rows
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        for name in sorted(files):
            if default_storage.exists(name):
                with default_storage.open(name) as stored:
                    archive.writestr(f"files/{name}", stored.read())
    return out.getvalue()


def account_erase(*, user):
    """Anonymise the account and remove what only identified or served this person. Cannot be undone."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    # Community, events and notifications point at accounts: a module-level import would be circular.
    from wijkplatform.community.models import Bookmark, Follow
    from wijkplatform.events.models import CalendarFeed
    from wijkplatform.notifications.models import Notification, NotificationPreference
    from wijkplatform.wijken.models import Membership, RoleAssignment

    photo = user.photo.name if user.photo else ""
    with transaction.atomic(), cross_wijk("erasing a person touches every wijk they were in"):
        wijk_ids = set(Membership.objects.filter(user=user).values_list("wijk_id", flat=True))
        RoleAssignment.objects.filter(user=user).delete()
        Membership.objects.filter(user=user).delete()
        Bookmark.objects.filter(user=user).delete()
        Follow.objects.filter(user=user).delete()
        Notification.objects.filter(recipient=user).delete()
        NotificationPreference.objects.filter(user=user).delete()
        CalendarFeed.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        AccessToken.objects.filter(user=user).delete()
        # Through the session store: with sessions kept in the cache too, deleting the row alone leaves them.
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                store(session.session_key).delete()
        User.objects.filter(pk=user.pk).update(
            email=f"erased-{uuid.uuid4().hex}@erased.invalid", display_name=_("Former neighbour"), photo="",
            bio="", languages="", can_help_with="", is_active=False, is_staff=False, is_superuser=False,
            password="!", profile_visibility="nobody", photo_visibility="nobody",
        )
        # Their name is gone from every page of those wijken at once, not after PAGE_CACHE_SECONDS; no process
        # goes on taking a session of theirs for them.
        pagecache.wijks_changed(wijk_ids)
        pagecache.people_changed([user.pk])
    if photo:
        default_storage.delete(photo)


def _models_pointing_at_people():
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields
                  if f.is_relation and f.related_model is not None
                  and f.related_model._meta.label == settings.AUTH_USER_MODEL]
        if fields:
            yield model, fields
