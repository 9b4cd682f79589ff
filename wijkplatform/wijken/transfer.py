"""Take a wijk with you: export all of a wijk as one archive, and import it into another installation.

The archive is a zip with `manifest.json` (format version, counts, a checksum of the data), `data.json` (the
rows of every wijk-scoped model, the wijk itself, and the global rows they point at: organisations and the
public profile of each person) and `media/` (every file those rows refer to). Email addresses and passwords
never leave the installation: people arrive as profiles without a login, and content stays theirs.

Import is all or nothing: rows get new ids in the receiving installation, every reference is mapped to them,
and any failure leaves nothing behind.
"""

import datetime
import hashlib
import io
import json
import zipfile

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.translation import gettext as _

from wijkplatform.core.jsonable import jsonable
from wijkplatform.core.models import WijkScopedModel
from wijkplatform.core.tenancy import cross_wijk

from .models import Wijk

FORMAT_VERSION = 1
# Personal and passing rows that are not the wijk's content: a person's inbox, mail waiting to be sent, and
# the search index (rebuilt from the content on import). Listed by app label or app_label.ModelName.
NOT_EXPORTED = {"notifications", "search", "wijken.Invitation", "messaging"}
# Contact details of people (a visitor's address on a help-desk question) stay here too.
PRIVATE_FIELDS = (models.EmailField, models.GenericIPAddressField)
PROFILE_FIELDS = ["display_name", "bio", "languages", "can_help_with", "profile_visibility", "photo_visibility"]


class ArchiveError(ValidationError):
    pass


def exported_models():
    chosen = [
        model for model in apps.get_models()
        if issubclass(model, WijkScopedModel)
        and model._meta.app_label not in NOT_EXPORTED and model._meta.label not in NOT_EXPORTED
    ]
    return _dependency_order(chosen)


# --- export -----------------------------------------------------------------------------------------------


def wijk_export(*, wijk):
    """The archive of a wijk, as bytes."""
    tables, files, people, globals_ = {}, set(), set(), {}
    with cross_wijk("export reads global rows that the wijk's rows point at"):
        for model in exported_models():
            rows = []
            for obj in model.objects.in_wijk(wijk).order_by("pk"):
                rows.append(_row(obj, files, people, globals_))
            tables[model._meta.label] = rows
        users = apps.get_model(settings.AUTH_USER_MODEL).objects.filter(pk__in=people)
        people_rows = [
            {"pk": user.pk, "key": _person_key(wijk, user), **{name: getattr(user, name) for name in PROFILE_FIELDS},
             "photo": _file(user.photo, files) if user.photo_visibility == "everyone" else ""}
            for user in users
        ]
        global_rows = {
            label: [_row(obj, files, people, {}) for obj in apps.get_model(label).objects.filter(pk__in=pks)]
            for label, pks in globals_.items()
        }
    wijk_row = _row(wijk, files, set(), {})
    del wijk_row["id"]
    data = json.dumps({"wijk": wijk_row, "people": people_rows, "globals": global_rows, "tables": tables},
                      sort_keys=True).encode()
    manifest = {
        "format": "wijkplatform-wijk", "format_version": FORMAT_VERSION, "wijk": wijk.slug,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(), "sha256": hashlib.sha256(data).hexdigest(),
        "counts": {label: len(rows) for label, rows in tables.items()}, "files": sorted(files),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        archive.writestr("data.json", data)
        for name in sorted(files):
            if default_storage.exists(name):
                with default_storage.open(name) as stored:
                    archive.writestr(f"media/{name}", stored.read())
    return out.getvalue()


def _row(obj, files, people, globals_):
    row = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = _file(getattr(obj, field.name), files)
        elif isinstance(field, PRIVATE_FIELDS):
            value = None if field.null else ""
        elif field.is_relation and value is not None:
            target = field.related_model
            if target._meta.label == settings.AUTH_USER_MODEL:
                people.add(value)
            elif not issubclass(target, WijkScopedModel) and target not in (Wijk, ContentType):
                globals_.setdefault(target._meta.label, set()).add(value)
            if target is ContentType:
                content_type = ContentType.objects.get_for_id(value)
                value = [content_type.app_label, content_type.model]
        row[field.attname] = jsonable(value)
    for field in obj._meta.many_to_many:
        row[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return row



def _file(fieldfile, files):
    if fieldfile:
        files.add(fieldfile.name)
        return fieldfile.name
    return ""


def _person_key(wijk, user):
    """A stable, anonymous key for a person in this archive: the same person imports as the same profile."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{wijk.slug}:{user.pk}".encode()).hexdigest()[:24]


# --- import -----------------------------------------------------------------------------------------------


def wijk_import(*, archive_bytes, slug=None):
    """Create the wijk of an archive in this installation. Raises ArchiveError with a message on a bad archive."""
    manifest, data, media = _read_archive(archive_bytes)
    wijk_row = dict(data["wijk"])
    wijk_row["slug"] = slug or wijk_row["slug"]
    if Wijk.objects.filter(slug=wijk_row["slug"]).exists():
        raise ArchiveError(_("A wijk with the address “%(slug)s” exists here already: choose another address.")
                           % {"slug": wijk_row["slug"]}, code="slug_taken")
    stored = []
    try:
        with transaction.atomic(), cross_wijk("import writes a whole wijk"):
            wijk = _build(Wijk, wijk_row, None, {}, media, stored)
            wijk.full_clean()
            wijk.save()
            maps = {"wijk": {None: wijk.pk}, settings.AUTH_USER_MODEL: _import_people(data["people"], media, stored)}
            for label, rows in data["globals"].items():
                maps[label] = _import_globals(apps.get_model(label), rows, maps, media, stored)
            deferred_m2m = []
            for model in exported_models():
                rows = data["tables"].get(model._meta.label, [])
                maps[model._meta.label] = {}
                stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)
                           or getattr(f, "auto_now_add", False)]
                for row in rows:
                    obj = _build(model, row, wijk, maps, media, stored)
                    obj.save(force_insert=True)
                    if stamped:  # saving sets "created" and "updated" to now: put the archive's times back
                        model.objects.in_wijk(wijk).filter(pk=obj.pk).update(
                            **{f.attname: f.to_python(row[f.attname]) for f in stamped})
                    maps[model._meta.label][row["id"]] = obj.pk
                    deferred_m2m.append((obj, row))
            _remap_generic_references(wijk, maps)
            for obj, row in deferred_m2m:
                for field in obj._meta.many_to_many:
                    target = maps.get(field.related_model._meta.label, {})
                    getattr(obj, field.name).set([target[pk] for pk in row.get(field.name, []) if pk in target])
    except Exception:
        for name in stored:  # the database rolled back; the files go too
            default_storage.delete(name)
        raise
    return wijk


def _read_archive(archive_bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
        manifest = json.loads(archive.read("manifest.json"))
        raw = archive.read("data.json")
        media = {name.removeprefix("media/"): archive.read(name) for name in archive.namelist()
                 if name.startswith("media/")}
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, zipfile.LargeZipFile):
        raise ArchiveError(_("This file is not a wijk archive, or it is damaged."), code="damaged") from None
    if manifest.get("format") != "wijkplatform-wijk":
        raise ArchiveError(_("This file is not a wijk archive, or it is damaged."), code="damaged")
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise ArchiveError(_("This archive comes from a newer version of the platform. Update this installation "
                             "first."), code="newer")
    if hashlib.sha256(raw).hexdigest() != manifest.get("sha256"):
        raise ArchiveError(_("This archive is damaged: its data does not match its checksum."), code="damaged")
    known = {model._meta.label for model in apps.get_models()}
    data = json.loads(raw)
    unknown = (set(data["tables"]) | set(data["globals"])) - known
    if unknown:
        raise ArchiveError(_("This archive holds parts this installation does not have: %(parts)s.")
                           % {"parts": ", ".join(sorted(unknown))}, code="unknown_parts")
    return manifest, data, media


def _import_people(people, media, stored):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    mapping = {}
    for person in people:
        email = f"{person['key']}@imported.invalid"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, is_active=False, **{name: person[name] for name in PROFILE_FIELDS})
            user.set_unusable_password()
            if person.get("photo"):
                user.photo.name = _store(person["photo"], media, stored)
            user.save()
        mapping[person["pk"]] = user.pk
    return mapping


def _import_globals(model, rows, maps, media, stored):
    """Global rows the wijk points at (an organisation): the one here with the same unique slug, or a new one."""
    mapping = {}
    unique = [f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    for row in rows:
        existing = None
        for name in unique:
            existing = existing or model.objects.filter(**{name: row.get(name)}).first()
        if existing is None:
            existing = _build(model, row, None, maps, media, stored)
            existing.save(force_insert=True)
        mapping[row["id"]] = existing.pk
    return mapping


def _build(model, row, wijk, maps, media, stored):
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        value = row.get(field.attname)
        if field.name == "wijk" and wijk is not None:
            value = wijk.pk
        elif isinstance(field, models.FileField):
            value = _store(value, media, stored) if value else ""
        elif field.is_relation and value is not None:
            target = field.related_model
            if target is ContentType:
                value = ContentType.objects.get_by_natural_key(*value).pk
            elif target is Wijk:
                value = wijk.pk if wijk else None
            else:
                value = maps.get(target._meta.label, {}).get(value)
                if value is None and not field.null:
                    raise ArchiveError(_("This archive is damaged: %(model)s points at a row it does not hold.")
                                       % {"model": model._meta.label}, code="dangling")
        elif value is not None:
            value = field.to_python(value)
        values[field.attname] = value
    return model(**values)


def _remap_generic_references(wijk, maps):
    """Rows that point at any content (a report, a decision) by content type and id: point at the new ids."""
    for model in exported_models():
        fields = {f.name for f in model._meta.concrete_fields}
        if not {"content_type", "object_id"} <= fields:
            continue
        for obj in model.objects.in_wijk(wijk).select_related("content_type"):
            target = maps.get(obj.content_type.model_class()._meta.label, {})
            new_id = target.get(int(obj.object_id)) if str(obj.object_id).isdigit() else None
            if new_id is not None:
                model.objects.in_wijk(wijk).filter(pk=obj.pk).update(object_id=new_id)


def _store(name, media, stored):
    if not name or name not in media:
        return ""
    saved = default_storage.save(name, ContentFile(media[name]))
    stored.append(saved)
    return saved


def _dependency_order(chosen):
    """Models sorted so that a model comes after the wijk-scoped models it points at."""
    remaining, ordered = list(chosen), []
    while remaining:
        for model in remaining:
            needs = {
                f.related_model for f in model._meta.concrete_fields
                if f.is_relation and f.related_model in remaining and f.related_model is not model
            }
            if not needs:
                ordered.append(model)
                remaining.remove(model)
                break
        else:  # a cycle between models: keep their order; their references were checked on export
            ordered.extend(remaining)
            break
    return ordered
